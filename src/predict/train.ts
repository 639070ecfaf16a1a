import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { kernelFromConfig } from '../kernels/generate.js';
import { DEFAULT_RULES } from '../kernels/rules.js';
import type { Kernel, KernelType } from '../kernels/types.js';
import { MANIFEST_FILE, writeManifest } from './bundle.js';
import { fitClosedForm } from './closed-form.js';
import { rowTarget, type KernelRow } from './csv.js';
import { PredictorError } from './errors.js';
import { exportRegressors } from './export.js';
import { FEATURE_NAMES, featureIndex, PREDICTOR_FEATURES, predictorFeatures } from './features.js';
import { DEFAULT_GBDT_SETTINGS, fitGbdt, GBDT_GRID, type GbdtSettings } from './gbdt.js';
import { crossValidatedPredictions } from './kfold.js';
import {
  MANIFEST_SCHEMA_VERSION,
  type BundleManifest,
  type OutputSpec,
  type Processor,
  type RegressorMethod,
  type RegressorSpec,
} from './manifest.js';
import { accuracyFigures, ratioRange, round, roundFigures, type AccuracyFigures } from './metrics.js';
import { predictModel, type RegressorModel } from './models.js';
import { deriveSeed } from './random.js';
import { SessionPool } from './session.js';
import { TARGET_UNITS, type PredictionTarget } from './units.js';

/**
 * `train`: fits one regressor per kernel type and target on measured kernels, picks the method per
 * type by k-fold cross-validation, exports the regressors to ONNX and writes the bundle folder.
 * Deterministic: the same rows and options give byte-identical files.
 */
export interface TrainOptions {
  readonly rows: readonly KernelRow[];
  /** Bundle folder to write (predictors/<bundle-id>); its name is the bundle id. */
  readonly out: string;
  readonly device: string;
  readonly deviceName?: string;
  readonly processor: Processor;
  /** Default: every target all rows have a value for. */
  readonly target?: PredictionTarget | 'both';
  readonly seed?: number;
  readonly folds?: number;
  /** The command that trained the bundle, recorded in the provenance. */
  readonly command: string;
  /** When the data was measured or the bundle trained; recorded as given, never read from the clock. */
  readonly trainedAt?: string;
  readonly runtime?: BundleManifest['runtime'];
  /** Default: the rows' `threads` when they all agree, else null (unknown). */
  readonly threads?: number | null;
  readonly dataDescription?: string;
  readonly attribution?: string;
  readonly notes?: readonly string[];
  /**
   * Turns a row's configuration into the kernel the analysis engine sees (features come from it).
   * Default: kernelFromConfig, which builds the kernel's ONNX model and analyses it like any model.
   */
  readonly toKernel?: (row: KernelRow) => Kernel;
  readonly gbdt?: Partial<GbdtSettings>;
  /** Search GBDT_GRID per kernel type by k-fold (default true). */
  readonly tune?: boolean;
  /** Rows a type needs for its own regressor (default 5); fewer: priced by 'others'. */
  readonly minRows?: number;
  /** Rows a type needs before boosted trees are tried (default 20). */
  readonly minRowsForTrees?: number;
  /** Rows kept out of training, reported as held-out accuracy. */
  readonly heldOut?: readonly KernelRow[];
}

/** The candidate methods, simplest first (a tie goes to the simpler). */
const METHOD_ORDER: readonly RegressorMethod[] = ['closed-form', 'log-linear', 'gbdt'];
/**
 * Terms of the closed form: energy = a*FLOPs + b*input bytes + c*output bytes + d*weight bytes + e (all
 * >= 0, fitted in log space). The issue's a*FLOPs + b*bytes + c is the case b = c = d; keeping weight
 * bytes apart lets one formula price both the activation traffic and the weight reads of a kernel (an
 * SE block at 224x224 is all activations, at 1x1 all weights): SE's k-fold median error falls from 82% to 38%.
 */
const COUNT_FEATURES = ['flops', 'input_bytes', 'output_bytes', 'weight_bytes'] as const;
const LOG_LINEAR_FEATURES = ['ln_flops', 'ln_bytes'] as const;
const UNCERTAINTY_COVERAGE = 0.9;

interface Prepared {
  readonly row: KernelRow;
  readonly kernel: Kernel;
  readonly features: number[];
}

interface FittedOutput {
  readonly model: RegressorModel;
  readonly spec: OutputSpec;
  /** Out-of-fold predictions of the shipped method, by row. */
  readonly oof: readonly number[];
}

/** A bundle fitted in memory: the manifest and files `trainBundle` writes, and what the figures came from. */
export interface FittedBundle {
  readonly manifest: BundleManifest;
  /** ONNX files by name (relative to the bundle folder). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly rows: readonly KernelRow[];
  readonly kernels: readonly Kernel[];
  /** predictorFeatures values per row. */
  readonly features: readonly (readonly number[])[];
  readonly targets: readonly PredictionTarget[];
  /** Measured values per target, by row. */
  readonly measured: ReadonlyMap<PredictionTarget, readonly number[]>;
  /** Out-of-fold predictions of the shipped regressor of each row (own type's, else 'others'), by target. */
  readonly outOfFold: ReadonlyMap<PredictionTarget, readonly number[]>;
  /** Kernel types with a regressor of their own. */
  readonly ownTypes: readonly KernelType[];
  readonly models: ReadonlyMap<KernelType | 'others', readonly RegressorModel[]>;
  readonly seed: number;
  readonly folds: number;
}

/** Fits, cross-validates and exports a bundle, then writes it to `options.out` and checks it loads and runs. */
export async function trainBundle(options: TrainOptions): Promise<BundleManifest> {
  const fitted = fitBundle(options);
  const out = resolve(options.out);
  writeBundle(out, fitted.manifest, fitted.files);
  await verifyExport(out, fitted);
  return fitted.manifest;
}

/** The folds a kernel type's target is cross-validated on (shared with the accuracy report's baselines). */
export function foldSeed(seed: number, type: KernelType | 'others', target: PredictionTarget): number {
  return deriveSeed(seed, `${type}/${target}/folds`);
}

export function fitBundle(options: TrainOptions): FittedBundle {
  const id = basename(resolve(options.out));
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const minRows = options.minRows ?? 5;
  if (options.rows.length === 0) throw new PredictorError('no kernel rows to train on');
  const targets = chooseTargets(options);
  const toKernel = options.toKernel ?? configKernel;
  const prepared = options.rows.map((row) => prepare(row, toKernel));
  // Every target value is checked before any fitting, so a bad row fails fast and names itself.
  const measured = new Map(targets.map((t) => [t, prepared.map((p) => rowTarget(p.row, t))]));

  const byType = new Map<KernelType, number[]>();
  prepared.forEach((p, i) => byType.set(p.row.type, [...(byType.get(p.row.type) ?? []), i]));
  const ownTypes = [...byType.keys()]
    .filter((t) => t !== 'others' && byType.get(t)!.length >= minRows)
    .sort();

  const files = new Map<string, Uint8Array>();
  const models = new Map<KernelType | 'others', readonly RegressorModel[]>();
  const outOfFold = new Map(targets.map((t) => [t, new Array<number>(prepared.length).fill(Number.NaN)]));
  const fitKey = (key: KernelType | 'others', indices: readonly number[]): RegressorSpec => {
    const outputs = targets.map((target, column) =>
      fitOutput(key, target, column, indices, prepared, measured.get(target)!, options, seed, folds),
    );
    const file = `${key}.onnx`;
    files.set(
      file,
      exportRegressors(
        outputs.map((o) => o.model),
        FEATURE_NAMES.length,
        safeName(key),
      ),
    );
    models.set(
      key,
      outputs.map((o) => o.model),
    );
    outputs.forEach((o, t) =>
      indices.forEach((row, j) => {
        if (key !== 'others' || !ownTypes.includes(prepared[row]!.row.type))
          outOfFold.get(targets[t]!)![row] = o.oof[j]!;
      }),
    );
    return {
      model: file,
      features: FEATURE_NAMES,
      rows: indices.length,
      outputs: outputs.map((o) => o.spec),
    };
  };
  const kernels: Partial<Record<KernelType, RegressorSpec>> = {};
  for (const type of ownTypes) kernels[type] = fitKey(type, byType.get(type)!);
  // Rows whose type has no regressor of its own are priced by 'others' in use, so also in the figures.
  const others = fitKey(
    'others',
    prepared.map((_, i) => i),
  );

  const overall: Partial<Record<PredictionTarget, AccuracyFigures>> = {};
  for (const target of targets) {
    overall[target] = roundFigures(accuracyFigures(measured.get(target)!, outOfFold.get(target)!));
  }
  const fallbackTypes = [...byType.keys()].filter((t) => !ownTypes.includes(t)).sort();
  const threads = options.threads !== undefined ? options.threads : commonThreads(options.rows);
  const manifest: BundleManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id,
    device: options.device,
    ...(options.deviceName !== undefined ? { deviceName: options.deviceName } : {}),
    processor: options.processor,
    runtime: options.runtime ?? { name: 'unknown', delegate: options.processor },
    threads,
    fusionRules: { name: 'deepen2023', version: DEFAULT_RULES.version },
    targets,
    featureUnits: Object.fromEntries(PREDICTOR_FEATURES.map((f) => [f.name, f.unit])),
    kernels,
    others,
    provenance: {
      kind: 'trained',
      data: {
        description: options.dataDescription ?? `${prepared.length} measured kernels`,
        files: dataFiles(options.rows),
        rows: prepared.length,
        sha256: rowsDigest(options.rows),
        ...(options.attribution !== undefined ? { attribution: options.attribution } : {}),
      },
      ...(options.trainedAt !== undefined ? { trainedAt: options.trainedAt } : {}),
      command: options.command,
      kfold: { folds, seed, overall },
      ...(options.heldOut && options.heldOut.length > 0
        ? { heldOut: heldOutFigures(options.heldOut, targets, toKernel, models) }
        : {}),
      notes: [
        `Per kernel type the method with the lowest ${folds}-fold median APE among ${METHOD_ORDER.join(', ')} ` +
          `(gbdt from ${options.minRowsForTrees ?? 20} rows) is shipped; the figures are that method's out-of-fold predictions.`,
        ...(fallbackTypes.length > 0
          ? [
              `Too few rows for a regressor of their own (< ${minRows}), priced by 'others': ${fallbackTypes.join(', ')}.`,
            ]
          : []),
        ...(options.notes ?? []),
      ],
    },
  };
  return {
    manifest,
    files,
    rows: options.rows,
    kernels: prepared.map((p) => p.kernel),
    features: prepared.map((p) => p.features),
    targets,
    measured,
    outOfFold,
    ownTypes,
    models,
    seed,
    folds,
  };
}

/** The kernel of a row's configuration, as the analysis engine sees it. */
export function configKernel(row: KernelRow): Kernel {
  return kernelFromConfig(row.type, row.config);
}

function chooseTargets(options: TrainOptions): PredictionTarget[] {
  if (options.target === 'energy' || options.target === 'latency') return [options.target];
  const available = (['energy', 'latency'] as const).filter((t) =>
    options.rows.every((r) => (t === 'energy' ? r.energyMj : r.latencyMs) !== undefined),
  );
  if (options.target === 'both') return ['energy', 'latency'];
  if (available.length === 0) {
    const first = options.rows[0]!;
    throw new PredictorError('no target: neither energy_mj nor latency_ms has a value on every row', {
      file: first.source.file,
    });
  }
  return available;
}

function prepare(row: KernelRow, toKernel: (row: KernelRow) => Kernel): Prepared {
  let kernel: Kernel;
  try {
    kernel = toKernel(row);
  } catch (error) {
    throw new PredictorError(
      `cannot build a ${row.type} kernel from this configuration: ${(error as Error).message}`,
      { file: row.source.file, line: row.source.line, field: 'kernel_type' },
      { cause: error },
    );
  }
  const features = predictorFeatures(kernel).values;
  const bad = features.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new PredictorError(`feature '${FEATURE_NAMES[bad]}' is not a finite number (${features[bad]})`, {
      file: row.source.file,
      line: row.source.line,
    });
  }
  return { row, kernel, features };
}

function fitOutput(
  type: KernelType,
  target: PredictionTarget,
  column: number,
  indices: readonly number[],
  prepared: readonly Prepared[],
  allValues: readonly number[],
  options: TrainOptions,
  seed: number,
  folds: number,
): FittedOutput {
  const x = indices.map((i) => prepared[i]!.features);
  const y = indices.map((i) => allValues[i]!);
  const folding = foldSeed(seed, type, target);
  const modelSeed = deriveSeed(seed, `${type}/${target}/model`);
  const trees = type !== 'others' && indices.length >= (options.minRowsForTrees ?? 20);
  const settings = trees
    ? gbdtSettings(x, y, options, deriveSeed(seed, `${type}/${target}/tune`), folds, modelSeed)
    : undefined;
  const methods = METHOD_ORDER.filter((m) => m !== 'gbdt' || settings !== undefined);
  const fitters = new Map<
    RegressorMethod,
    (rows: readonly (readonly number[])[], t: readonly number[]) => RegressorModel
  >(methods.map((m) => [m, (rows, t) => fitMethod(m, rows, t, modelSeed, settings)]));
  const oofByMethod = new Map<RegressorMethod, number[]>();
  const figures = new Map<RegressorMethod, AccuracyFigures>();
  for (const [method, fit] of fitters) {
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const model = fit(rows, t);
        return (row) => predictModel(model, row);
      },
      folds,
      folding,
    );
    oofByMethod.set(method, oof);
    figures.set(method, accuracyFigures(y, oof));
  }
  let best = methods[0]!;
  for (const method of methods) {
    if (figures.get(method)!.medianApePct < figures.get(best)!.medianApePct) best = method;
  }
  const model = fitters.get(best)!(x, y);
  const oof = oofByMethod.get(best)!;
  const range = ratioRange(y, oof, UNCERTAINTY_COVERAGE);
  const candidates = Object.fromEntries(methods.map((m) => [m, roundFigures(figures.get(m)!)]));
  const spec: OutputSpec = {
    target,
    unit: TARGET_UNITS[target],
    column,
    method: best,
    selection: `${folds}-fold median APE: ${methods
      .map((m) => `${m} ${round(figures.get(m)!.medianApePct, 1)}%`)
      .join(', ')}; ${best} shipped`,
    hyperparameters: hyperparameters(best, model, settings),
    accuracy: { kfold: roundFigures(figures.get(best)!), candidates },
    uncertainty: {
      coverage: range.coverage,
      low: round(range.low, 4),
      high: round(range.high, 4),
      source: `${round(range.coverage * 100, 0)}% interval of measured/predicted over the ${y.length} out-of-fold predictions`,
    },
  };
  return { model, spec, oof };
}

function fitMethod(
  method: RegressorMethod,
  rows: readonly (readonly number[])[],
  target: readonly number[],
  seed: number,
  settings: GbdtSettings | undefined,
): RegressorModel {
  switch (method) {
    case 'closed-form':
      return fitClosedForm(rows, target, COUNT_FEATURES.map(featureIndex));
    case 'log-linear':
      return fitGbdt(rows, target, {
        ...DEFAULT_GBDT_SETTINGS,
        nEstimators: 0,
        seed,
        linearFeatures: LOG_LINEAR_FEATURES.map(featureIndex),
      });
    case 'gbdt':
      return fitGbdt(rows, target, {
        ...(settings ?? DEFAULT_GBDT_SETTINGS),
        seed,
        linearFeatures: LOG_LINEAR_FEATURES.map(featureIndex),
      });
    default:
      throw new Error(`train: method '${method}' is not trained here`);
  }
}

/** The GBDT settings for a type: the options' settings, or the best of GBDT_GRID by k-fold. */
function gbdtSettings(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: TrainOptions,
  tuneSeed: number,
  folds: number,
  modelSeed: number,
): GbdtSettings {
  const base: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, ...options.gbdt };
  if (options.tune === false || x.length < 40) return base;
  let best = base;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of [{}, ...GBDT_GRID]) {
    const settings: GbdtSettings = { ...base, ...candidate };
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const model = fitMethod('gbdt', rows, t, modelSeed, settings);
        return (row) => predictModel(model, row);
      },
      folds,
      tuneSeed,
    );
    const score = accuracyFigures(y, oof).medianApePct;
    if (score < bestScore) {
      bestScore = score;
      best = settings;
    }
  }
  return best;
}

function hyperparameters(
  method: RegressorMethod,
  model: RegressorModel,
  settings: GbdtSettings | undefined,
): Record<string, number | string | readonly string[]> {
  if (method === 'closed-form' && model.kind === 'closed-form') {
    return {
      features: [...COUNT_FEATURES],
      formula: `${model.coefficients.map((c, i) => `${c.toPrecision(4)} * ${COUNT_FEATURES[i]}`).join(' + ')} + ${model.intercept.toPrecision(4)}`,
    };
  }
  if (method === 'log-linear') return { features: [...LOG_LINEAR_FEATURES] };
  const s = settings ?? DEFAULT_GBDT_SETTINGS;
  return {
    trees: model.kind === 'tree-ensemble' ? model.trees.length : 0,
    nEstimators: s.nEstimators,
    learningRate: s.learningRate,
    maxDepth: s.maxDepth,
    minSamplesLeaf: s.minSamplesLeaf,
    subsample: s.subsample,
    ridge: s.ridge,
    linearFeatures: [...LOG_LINEAR_FEATURES],
    loss: 'squared error of ln(target)',
  };
}

/** Held-out accuracy of the fitted models (own type's regressor, else 'others'), per target. */
function heldOutFigures(
  rows: readonly KernelRow[],
  targets: readonly PredictionTarget[],
  toKernel: (row: KernelRow) => Kernel,
  models: ReadonlyMap<KernelType | 'others', readonly RegressorModel[]>,
): Partial<Record<PredictionTarget, AccuracyFigures>> {
  const prepared = rows.map((row) => prepare(row, toKernel));
  const figures: Partial<Record<PredictionTarget, AccuracyFigures>> = {};
  targets.forEach((target, t) => {
    const actual = prepared.map((p) => rowTarget(p.row, target));
    const predicted = prepared.map((p) =>
      predictModel((models.get(p.row.type) ?? models.get('others')!)[t]!, p.features),
    );
    figures[target] = roundFigures(accuracyFigures(actual, predicted));
  });
  return figures;
}

/**
 * Runs every exported file with onnxruntime on the training rows and checks it reproduces the fitted
 * models (float32 rounding aside), so a bundle is never written with an export that went wrong.
 */
async function verifyExport(out: string, fitted: FittedBundle): Promise<void> {
  const pool = new SessionPool();
  const specs: [KernelType | 'others', RegressorSpec][] = [
    ...Object.entries(fitted.manifest.kernels).map(
      ([type, spec]) => [type as KernelType, spec] as [KernelType, RegressorSpec],
    ),
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

function commonThreads(rows: readonly KernelRow[]): number | null {
  const first = rows[0]?.threads;
  return first !== undefined && rows.every((r) => r.threads === first) ? first : null;
}

function dataFiles(rows: readonly KernelRow[]): string[] {
  const files = new Set(
    rows.map((r) =>
      isAbsolute(r.source.file) ? basename(r.source.file) : r.source.file.split('\\').join('/'),
    ),
  );
  return [...files].sort();
}

/** SHA-256 of the training rows as trained on (id, type, configuration, targets), key order fixed. */
export function rowsDigest(rows: readonly KernelRow[]): string {
  const canonical = rows.map((r) => [
    r.id,
    r.type,
    Object.entries(r.config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    r.energyMj ?? null,
    r.latencyMs ?? null,
  ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function safeName(type: string): string {
  return type.replace(/[^a-zA-Z0-9]/g, '_');
}

/** Writes the ONNX files and the manifest; removes model files a previous manifest listed that are gone. */
function writeBundle(out: string, manifest: BundleManifest, files: ReadonlyMap<string, Uint8Array>): void {
  mkdirSync(out, { recursive: true });
  const manifestFile = join(out, MANIFEST_FILE);
  if (existsSync(manifestFile)) {
    for (const stale of previousModelFiles(manifestFile)) {
      if (!files.has(stale)) rmSync(join(out, stale), { force: true });
    }
  }
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    writeFileSync(join(out, name), bytes);
  writeManifest(dirname(out), manifest);
}

/** Model files (in the bundle folder itself) a previous manifest named. */
function previousModelFiles(manifestFile: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new PredictorError(
      `cannot read the previous manifest to replace it: ${(error as Error).message}`,
      {
        file: manifestFile,
      },
      { cause: error },
    );
  }
  const specs =
    (json as { kernels?: Record<string, { model?: unknown }>; others?: { model?: unknown } }) ?? {};
  return [...Object.values(specs.kernels ?? {}), specs.others ?? {}]
    .map((s) => s.model)
    .filter((m): m is string => typeof m === 'string' && /^[^/\\]+\.onnx$/.test(m));
}
