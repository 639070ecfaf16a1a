import { availableParallelism } from 'node:os';
import {
  analyzeBytes,
  sizeDimsDefaulted,
  unusedDims,
  type AnalyzeOptions,
  type DefaultedDim,
} from '../analysis/analyze.js';
import { modelDims } from '../config/budgets.js';
import type { ChangedPath } from '../git/changes.js';
import { GitError } from '../git/errors.js';
import type { DimsRule, EnergyConfig } from '../config/types.js';
import { ModelLoadError } from '../onnx/types.js';
import { compareModel, unsetDimsText, type ModelVersions } from './compare.js';
import { priceAnalysis, type PricedModel, type RunTarget } from './price.js';
import type { ModelComparison, ModelStatus } from './types.js';

/** A model the comparison looks at: its path on each side and how it changed. */
export interface ChangedModel {
  readonly status: ModelStatus;
  /** Head path (for a removed model: the path it had). */
  readonly path: string;
  /** Base path of a renamed model. */
  readonly previousPath?: string;
}

/** A git or API change as the comparison sees it (copies count as added, type changes as modified). */
export function toChangedModel(c: ChangedPath): ChangedModel {
  return {
    status:
      c.status === 'deleted'
        ? 'removed'
        : c.status === 'renamed'
          ? 'renamed'
          : c.status === 'modified'
            ? 'modified'
            : 'added',
    path: c.path,
    ...(c.status === 'renamed' && c.previousPath ? { previousPath: c.previousPath } : {}),
  };
}

/** Reads one side's bytes of a model; the comparison never knows whether they come from git or disk. */
export type ModelReader = (path: string) => Promise<Uint8Array>;

export interface ComparisonInputs {
  readonly changes: readonly ChangedModel[];
  readonly readBase: ModelReader;
  readonly readHead: ModelReader;
  readonly targets: readonly RunTarget[];
  readonly config: EnergyConfig;
  /** Label of each side in messages (e.g. the short SHA), so a note says which version failed. */
  readonly baseLabel?: string;
  readonly headLabel?: string;
  /** Off in publish mode: no model bytes reach native code. */
  readonly runtimeFallback?: boolean;
  /**
   * Two files named by the user (the CLI's `compare OLD NEW`): a version that cannot be read or
   * analysed is an error (the ModelLoadError naming the file) instead of a note or a failed model.
   */
  readonly strict?: boolean;
  /**
   * The PR's own `dims` rules (its head config, when budgets come from the merge base): used for a model
   * the config's `dims` do not cover, with a note saying so.
   */
  readonly prDims?: readonly DimsRule[];
  /** Values for symbolic dims from the command line (`--dim`), over the config's `dims` for every model. */
  readonly dims?: Readonly<Record<string, number>>;
  /**
   * Problems the reader must see, not a routine note (a model priced with its image size set to 1):
   * the caller puts them in the report's warnings.
   */
  readonly onWarning?: (warning: string) => void;
  /**
   * How many models are read, analysed and priced at once (default: the machine's cores, at least 2),
   * so git, decompression and pricing of several models overlap. Results and warnings keep change order.
   */
  readonly concurrency?: number;
}

/**
 * Analyses and prices base and head of every changed model with the same bundles in one run, and
 * compares them. A head that cannot be analysed is an error on that model (its budget fails); a base
 * that cannot be analysed is a note, and the head is then judged without a baseline (at least a
 * warning). With `strict`, either is thrown instead.
 */
export async function compareChanges(inputs: ComparisonInputs): Promise<ModelComparison[]> {
  const used = new Set<string>();
  const limit = Math.max(1, Math.floor(inputs.concurrency ?? Math.max(2, availableParallelism())));
  const settled = await mapConcurrent(inputs.changes, limit, async (change) => {
    const warnings: string[] = [];
    const comparison = await compareChange(change, { ...inputs, onWarning: (w) => warnings.push(w) }, used);
    return { comparison, warnings };
  });
  const results: ModelComparison[] = [];
  for (const { comparison, warnings } of settled) {
    results.push(comparison);
    for (const w of warnings) inputs.onWarning?.(w);
  }
  // A --dim no compared model has is a typo or a wrong model; a model that lacks it alone is not news.
  const unused = Object.keys(inputs.dims ?? {}).filter((d) => !used.has(d));
  if (unused.length > 0 && results.some((m) => m.head !== undefined || m.base !== undefined)) {
    inputs.onWarning?.(
      `--dim ${unused.map((d) => `${d}=${inputs.dims?.[d]}`).join(', --dim ')} ignored, no compared model has such a dim`,
    );
  }
  return results;
}

async function compareChange(
  change: ChangedModel,
  inputs: ComparisonInputs,
  usedDims: Set<string>,
): Promise<ModelComparison> {
  const notes: string[] = [];
  const dimsOf = (path: string) => modelDims(inputs.config, path, inputs.prDims);
  const configDims = (path: string) => dimsOf(path).values;
  const options = (path: string): AnalyzeOptions => ({
    dims: { ...configDims(path), ...inputs.dims },
    runtimeFallback: inputs.runtimeFallback ?? true,
  });
  let base: PricedModel | undefined;
  let head: PricedModel | undefined;
  let error: string | undefined;

  if (change.status !== 'added') {
    const basePath = change.previousPath ?? change.path;
    try {
      const bytes = await inputs.readBase(basePath);
      base = await priceAnalysis(await analyzeBytes(bytes, basePath, options(basePath)), inputs.targets);
    } catch (e) {
      if (!isModelProblem(e) || inputs.strict) throw e;
      notes.push(
        `the base version${inputs.baseLabel ? ` (${inputs.baseLabel})` : ''} could not be analysed, so there is no baseline: ${messageOf(e)}`,
      );
    }
  }
  if (change.status !== 'removed') {
    try {
      const bytes = await inputs.readHead(change.path);
      head = await priceAnalysis(
        await analyzeBytes(bytes, change.path, options(change.path)),
        inputs.targets,
      );
      const bound = Object.entries(head.analysis.boundDims);
      if (bound.length > 0)
        notes.push(`symbolic dims bound to ${bound.map(([k, v]) => `${k}=${v}`).join(', ')}`);
      if (head.analysis.shapesDecidedBy === 'runtime')
        notes.push('some shapes were decided by running the model once in onnxruntime');
    } catch (e) {
      if (!isModelProblem(e) || inputs.strict) throw e;
      // The model's path heads every line that shows the error; keep only the problem.
      const message = messageOf(e);
      error = message.startsWith(`${change.path}: `) ? message.slice(change.path.length + 2) : message;
    }
  }

  const own = dimsOf(change.path);
  const ownUsed = Object.entries(own.values).filter(
    ([d]) => inputs.dims?.[d] === undefined && (head ?? base)?.analysis.boundDims[d] !== undefined,
  );
  if (own.from === 'pr' && ownUsed.length > 0)
    notes.push(
      `dims ${ownUsed.map(([k, v]) => `${k}=${v}`).join(', ')} from this PR’s config: the merge-base config has no dims for this model`,
    );

  const analysed = [head?.analysis, base?.analysis].filter((a) => a !== undefined);
  for (const a of analysed) for (const d of Object.keys(a.boundDims)) usedDims.add(d);
  if (analysed.length > 0) {
    const fromConfig = Object.fromEntries(
      Object.entries(configDims(change.path)).filter(([d]) => inputs.dims?.[d] === undefined),
    );
    const { unused, has } = unusedDims(fromConfig, {
      // Onto an object without inherited keys: a dim named '__proto__' is a dim like any other.
      boundDims: Object.assign(
        Object.create(null) as Record<string, number>,
        ...analysed.map((a) => a.boundDims),
      ) as Record<string, number>,
    });
    if (unused.length > 0)
      notes.push(
        `the config's dims ${unused.map((d) => `${d}=${fromConfig[d]}`).join(', ')} ignored, the model has no such dim; ${has}`,
      );
  }

  // An image or sequence size set to 1 prices a different, tiny input: a warning, and never a quiet pass.
  const sides = [
    ...(head ? [{ side: 'head', dims: sizeDimsDefaulted(head.analysis.defaultedDims) }] : []),
    ...(base ? [{ side: 'base', dims: sizeDimsDefaulted(base.analysis.defaultedDims) }] : []),
  ].filter((s) => s.dims.length > 0);
  let unsetDims: string[] | undefined;
  if (sides.length > 0 && error === undefined) {
    const dims = uniqueByName(sides.flatMap((s) => s.dims));
    unsetDims = dims.map((d) => d.name);
    const which = sides.length === 2 || change.status === 'added' ? '' : ` (${sides[0]!.side} version)`;
    inputs.onWarning?.(unsetDimsWarning(change.path, which, dims));
  }

  const versions: ModelVersions = {
    path: change.path,
    ...(change.previousPath ? { previousPath: change.previousPath } : {}),
    status: change.status,
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    notes,
    ...(error ? { error } : {}),
    ...(unsetDims ? { unsetDims } : {}),
  };
  return compareModel(versions, inputs.targets, inputs.config);
}

/** `fn` over `items` with at most `limit` running at once; results in the order of `items`. */
async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function uniqueByName(dims: readonly DefaultedDim[]): DefaultedDim[] {
  const seen = new Set<string>();
  return dims.filter((d) => !seen.has(d.name) && seen.add(d.name));
}

/** The report warning for size dims set to 1: which model, which dims, and how to set them. */
function unsetDimsWarning(path: string, which: string, dims: readonly DefaultedDim[]): string {
  const inputs = [...new Map(dims.map((d) => [d.input, d.declared])).entries()]
    .map(([name, shape]) => `'${name}' ${shape}`)
    .join(', ');
  const settable = dims.filter((d) => !d.fixed);
  const fixes: string[] = [];
  if (settable.length > 0)
    fixes.push(
      `set ${settable.length === 1 ? 'it' : 'them'} with ${settable.map((d) => `--dim ${d.name}=VALUE`).join(' ')} on the CLI, or in the config: dims: { '${path}': { ${settable.map((d) => `${yamlKey(d.name)}: VALUE`).join(', ')} } }`,
    );
  if (settable.length < dims.length)
    fixes.push(
      `${dims.length > settable.length + 1 ? 'dims' : 'a dim'} the TFLite file fixes at 1 (${dims
        .filter((d) => d.fixed)
        .map((d) => d.name)
        .join(', ')}) cannot be set: convert the model with the deployed input size to price that`,
    );
  const fix = fixes.join('; ');
  return (
    `${path}${which}: ${unsetDimsText(dims.map((d) => d.name))} ` +
    `(input ${inputs}), so its energy is that of a tiny input, not the deployed one; ${fix}`
  );
}

/** A dim name as a YAML key: quoted unless plain (an unnamed dim's INPUT:AXIS is not). */
function yamlKey(name: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function isModelProblem(e: unknown): boolean {
  return e instanceof ModelLoadError || e instanceof GitError;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
