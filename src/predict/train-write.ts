import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { KernelType } from '../kernels/types.js';
import { MANIFEST_FILE, writeManifest } from './bundle.js';
import { PredictorError } from './errors.js';
import { FEATURE_NAMES } from './features.js';
import { type RegressorSpec } from './manifest.js';
import { predictModel } from './models.js';
import { SessionPool } from './session.js';
import { type FittedBundle } from './train-manifest.js';

/** Writing a fitted bundle: staged beside its folder, checked to load and run, then moved into place. */

/**
 * Runs every exported file with onnxruntime on the training rows and checks it reproduces the fitted
 * models (float32 rounding aside), so a bundle is never written with an export that went wrong.
 */
async function verifyExport(out: string, fitted: FittedBundle): Promise<void> {
  const pool = new SessionPool();
  const specs: [KernelType, RegressorSpec][] = [
    ...Object.entries(fitted.manifest.kernels),
    ['others', fitted.manifest.others],
  ];
  try {
    for (const [key, spec] of specs) {
      const rows = fitted.features.filter((_, i) => key === 'others' || fitted.rows[i]!.type === key);
      const width = FEATURE_NAMES.length;
      const input = new Float32Array(rows.length * width);
      rows.forEach((row, i) => input.set(row, i * width));
      const file = join(out, spec.model);
      const { data, columns } = await pool.run(file, input, rows.length, width);
      fitted.models.get(key)!.forEach((model, column) => {
        rows.forEach((row, i) => {
          const expected = predictModel(model, row);
          const actual = data[i * columns + column]!;
          if (!(Math.abs(actual - expected) <= 1e-3 * Math.abs(expected) + 1e-6)) {
            throw new PredictorError(
              `the exported model disagrees with the fitted one on training row ${i}: ${actual} vs ${expected}`,
              { file, field: spec.outputs[column]?.target ?? String(column) },
            );
          }
        });
      });
    }
  } finally {
    await pool.release();
  }
}

/**
 * `out` can take a bundle: it is absent, an empty folder, a bundle folder (it has a manifest.json,
 * readable or not) or what an interrupted older train left (ONNX files only). Anything else is refused
 * before training, since replacing it would delete files that are not a bundle's.
 */
export function checkOutFolder(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory())
    throw new PredictorError('the bundle folder to write is a file', { file: out });
  const entries = readdirSync(out);
  if (!entries.includes(MANIFEST_FILE) && !entries.every((name) => name.endsWith('.onnx'))) {
    throw new PredictorError(
      `the folder exists and is not a predictor bundle (no ${MANIFEST_FILE}), so it is not replaced; ` +
        'name a new folder (predictors/<device>-<processor>) or empty this one',
      { file: out },
    );
  }
}

/**
 * Writes the bundle into a hidden staging folder beside `out` (`.<id>.partial-XXXXXX/<id>/`: not a
 * bundle folder of the predictors folder, so loaders skip it even if a crash leaves it), checks that
 * it loads and reproduces the fitted models, and only then swaps it in. Files of a previous bundle at
 * `out` that are not its models or manifest (notes, a README) are carried over.
 */
export async function writeBundle(out: string, fitted: FittedBundle): Promise<void> {
  checkOutFolder(out);
  const parent = dirname(out);
  const id = fitted.manifest.id;
  const createdParent = mkdirSync(parent, { recursive: true });
  const stageRoot = mkdtempSync(join(parent, `.${id}.partial-`));
  const staged = join(stageRoot, id);
  let swapped = false;
  /** Where the previous bundle waits while the new one moves in. */
  let parked: string | undefined;
  try {
    mkdirSync(staged);
    for (const [name, bytes] of [...fitted.files].sort(([a], [b]) => (a < b ? -1 : 1)))
      writeFileSync(join(staged, name), bytes);
    writeManifest(stageRoot, fitted.manifest);
    await verifyExport(staged, fitted);
    if (existsSync(out)) {
      for (const extra of carriedOver(out, fitted.files))
        cpSync(join(out, extra), join(staged, extra), { recursive: true, errorOnExist: true, force: false });
      parked = join(stageRoot, 'previous');
      renameSync(out, parked);
    }
    renameSync(staged, out);
    swapped = true;
  } catch (error) {
    if (parked !== undefined) {
      try {
        renameSync(parked, out);
        parked = undefined;
      } catch (restore) {
        throw new PredictorError(
          `could not move the new bundle into place (${(error as Error).message}), nor the previous one back ` +
            `(${(restore as Error).message}); the previous bundle is in ${parked}`,
          { file: out },
          { cause: error },
        );
      }
    }
    throw error;
  } finally {
    // A previous bundle that could not be put back stays where the error says it is.
    if (swapped || parked === undefined) rmSync(stageRoot, { recursive: true, force: true });
    if (!swapped && createdParent !== undefined) removeEmptyFolders(parent, createdParent);
  }
}

/** Entries of a previous bundle folder that are neither its manifest nor its models nor one of the new files. */
function carriedOver(out: string, files: ReadonlyMap<string, Uint8Array>): string[] {
  const entries = readdirSync(out);
  const manifestFile = join(out, MANIFEST_FILE);
  const models = previousModelFiles(manifestFile);
  return entries.filter(
    (name) =>
      name !== MANIFEST_FILE &&
      !files.has(name) &&
      (models ? !models.includes(name) : !name.endsWith('.onnx')),
  );
}

/** Model files (in the bundle folder itself) a previous manifest named; undefined when it is not readable JSON. */
function previousModelFiles(manifestFile: string): string[] | undefined {
  if (!existsSync(manifestFile)) return undefined;
  const text = readFileSync(manifestFile, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A broken manifest (an interrupted older version of train): its folder's .onnx files count as its models.
    return undefined;
  }
  const specs =
    (json as { kernels?: Record<string, { model?: unknown }>; others?: { model?: unknown } } | null) ?? {};
  return [...Object.values(specs.kernels ?? {}), specs.others ?? {}]
    .map((s) => s.model)
    .filter((m): m is string => typeof m === 'string' && /^[^/\\]+\.onnx$/.test(m));
}

/** Removes `from` and its parents up to and including `top` while they are empty (folders this run created). */
function removeEmptyFolders(from: string, top: string): void {
  for (let dir = from; ; dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) return;
    rmdirSync(dir);
    if (dir === top || relative(top, dir).startsWith('..')) return;
  }
}
