import { basename, resolve } from 'node:path';
import type { Kernel, KernelType } from '../kernels/types.js';
import { hasTarget } from './training-targets.js';
import { type KernelRow } from './csv.js';
import { PredictorError } from './errors.js';
import { type GbdtSettings } from './gbdt.js';
import { type BundleManifest, type Processor, type RegressorMethod } from './manifest.js';
import { deriveSeed } from './random.js';
import { TARGET_COLUMNS, type PredictionTarget } from './units.js';

/** What `train` is given, checked before any work, and what it warns about the rows. */

export interface TrainOptions {
  readonly rows: readonly KernelRow[];
  /** Bundle folder to write (predictors/<bundle-id>); its name is the bundle id. */
  readonly out: string;
  readonly device: string;
  readonly deviceName?: string;
  readonly processor: Processor;
  /**
   * Default: every target with a value on every row, or on at least MIN_TARGET_ROWS rows. Each target
   * is fitted (and cross-validated) on the rows that have a value for it.
   */
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
  /** Called as each regressor is done (own types in name order, then 'others'); training takes minutes. */
  readonly onProgress?: (progress: TrainProgress) => void;
  /** trainBundle stops when this aborts, writing nothing. */
  readonly signal?: AbortSignal;
  /**
   * Worker threads trainBundle fits on (default: the machine's available parallelism, at most 8). The bundle is
   * the same whatever the number; fitBundle fits in the calling thread.
   */
  readonly workers?: number;
}

/** One regressor fitted: the kernel type, its rows and, per target, the method shipped and its nested k-fold figures. */
export interface TrainProgress {
  readonly key: KernelType;
  /** 1-based position among `total` regressors. */
  readonly done: number;
  readonly total: number;
  readonly rows: number;
  readonly folds: number;
  readonly outputs: readonly {
    readonly target: PredictionTarget;
    readonly method: RegressorMethod;
    readonly medianApePct: number;
  }[];
}

/** Bundle ids: the folder name, as the manifest schema allows it. */
export const BUNDLE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/** Rows a type needs before its k-fold figures mean much (and, by default, before boosted trees are tried). */
export const RELIABLE_ROWS = 20;

/**
 * The options that can be wrong before any work, checked before it starts: a bad one would otherwise
 * fail minutes later, when the manifest is written.
 */
export function checkTrainOptions(
  options: Pick<
    TrainOptions,
    'out' | 'device' | 'folds' | 'seed' | 'minRows' | 'minRowsForTrees' | 'threads' | 'workers'
  >,
): void {
  const fail = (field: string, problem: string): never => {
    throw new PredictorError(problem, { field });
  };
  const id = basename(resolve(options.out));
  if (!BUNDLE_ID_PATTERN.test(id)) {
    fail(
      'out',
      `the bundle folder's name '${id}' is the bundle id and must be lower-case letters, digits, '.', '_' ` +
        `and '-', starting with a letter or digit (e.g. my-board-cpu)`,
    );
  }
  if (options.device.trim() === '') fail('device', 'the device id is empty');
  const folds = options.folds;
  if (folds !== undefined && !(Number.isSafeInteger(folds) && folds >= 2))
    fail('folds', `k-fold needs an integer of at least 2 folds (got ${folds})`);
  const seed = options.seed;
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    fail('seed', `the seed must be an integer from 0 to ${0xffffffff} (got ${seed})`);
  const threads = options.threads;
  if (threads !== undefined && threads !== null && !(Number.isSafeInteger(threads) && threads >= 1))
    fail('threads', `must be a positive integer, or null when unknown (got ${threads})`);
  for (const key of ['minRows', 'minRowsForTrees', 'workers'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1))
      fail(key, `must be a positive integer (got ${value})`);
  }
}

/**
 * What the user should know about the amount of data per kernel type before trusting the figures:
 * types priced by 'others' for want of rows, types with fewer rows than folds (k-fold becomes
 * leave-one-out) and types with too few rows for steady figures.
 */
export function rowCountWarnings(
  rows: readonly KernelRow[],
  options: Pick<TrainOptions, 'folds' | 'minRows' | 'minRowsForTrees'> & {
    /** The targets trained; a type needs minRows rows with a value for each. Default: none checked. */
    readonly targets?: readonly PredictionTarget[];
  } = {},
): string[] {
  const folds = options.folds ?? 5;
  const minRows = options.minRows ?? 5;
  const trees = options.minRowsForTrees ?? RELIABLE_ROWS;
  const counts = new Map<KernelType, number>();
  for (const row of rows) counts.set(row.type, (counts.get(row.type) ?? 0) + 1);
  const types = [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
  const list = (entries: readonly (readonly [KernelType, number])[]) =>
    entries.map(([t, n]) => `${t} (${n})`).join(', ');
  const warnings: string[] = [];
  const fallback = types.filter(([t, n]) => t !== 'others' && n < minRows);
  if (fallback.length > 0)
    warnings.push(
      `fewer than ${minRows} rows, so no regressor of their own (priced by 'others'): ${list(fallback)}`,
    );
  for (const target of options.targets ?? []) {
    const short = types.flatMap(([t, n]) => {
      const kept = rows.filter((r) => r.type === t && hasTarget(r, target)).length;
      return t !== 'others' && n >= minRows && kept < minRows ? [`${t} (${kept} of ${n})`] : [];
    });
    if (short.length > 0)
      warnings.push(
        `fewer than ${minRows} rows with ${TARGET_COLUMNS[target]}, so no regressor of their own ` +
          `(priced by 'others' for every target): ${short.join(', ')}`,
      );
  }
  const own = types.filter(([t, n]) => t !== 'others' && n >= minRows);
  const loo = own.filter(([, n]) => n < folds);
  if (loo.length > 0)
    warnings.push(
      `fewer rows than the ${folds} folds, so their k-fold is leave-one-out (one row per fold): ${list(loo)}`,
    );
  const few = own.filter(([, n]) => n >= folds && n < RELIABLE_ROWS);
  if (few.length > 0)
    warnings.push(
      `fewer than ${RELIABLE_ROWS} rows, so their k-fold figures rest on few kernels and can be far off` +
        `${trees >= RELIABLE_ROWS ? ' (and boosted trees are not tried)' : ''}: ${list(few)}`,
    );
  if (rows.length < folds)
    warnings.push(`only ${rows.length} rows in all for ${folds} folds: 'others' is leave-one-out too`);
  return warnings;
}

/** The folds a kernel type's target is cross-validated on (shared with the accuracy report's baselines). */
export function foldSeed(seed: number, type: KernelType, target: PredictionTarget): number {
  return deriveSeed(seed, `${type}/${target}/folds`);
}
