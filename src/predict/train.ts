import { createHash } from 'node:crypto';
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
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { kernelFromConfig } from '../kernels/generate.js';
import { DEFAULT_RULES } from '../kernels/rules.js';
import type { Kernel, KernelType } from '../kernels/types.js';
import { kernelClass, MANIFEST_FILE, writeManifest } from './bundle.js';
import { fitClosedForm, fitPowerClosedForm } from './closed-form.js';
import { hasTarget, rowTarget, targetShortfall, type KernelRow } from './csv.js';
import { PredictorError, withArticle } from './errors.js';
import { exportRegressors } from './export.js';
import {
  FEATURE_NAMES,
  featureIndex,
  PREDICTOR_FEATURES,
  predictorFeatures,
  SCALE_FEATURES,
} from './features.js';
import { DEFAULT_GBDT_SETTINGS, fitGbdt, GBDT_GRID, type GbdtSettings } from './gbdt.js';
import { crossValidatedPredictions, kFoldAssignments } from './kfold.js';
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
import { fitPoolModel, poolFactor, scalePoolModel } from './pooled.js';
import type { TreeEnsembleModel } from './ensemble.js';
import { deriveSeed } from './random.js';
import { SessionPool } from './session.js';
import { TARGET_COLUMNS, TARGET_UNITS, type PredictionTarget } from './units.js';

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
  /** trainBundle stops after the regressor in progress when this aborts, writing nothing. */
  readonly signal?: AbortSignal;
}

/** One regressor fitted: the kernel type, its rows and, per target, the method shipped and its nested k-fold figures. */
export interface TrainProgress {
  readonly key: KernelType | 'others';
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

/** The candidate methods, simplest first (a tie goes to the simpler). */
const METHOD_ORDER: readonly RegressorMethod[] = [
  'closed-form',
  'closed-form-power',
  'log-linear',
  'pooled',
  'gbdt',
];
/** The closed-form terms 'closed-form-power' raises to a fitted power: the activation traffic. */
const POWERED_FEATURES = ['input_bytes', 'output_bytes'] as const;
/** A pooled model needs this many rows of other memory-bound types to be worth offering. */
const MIN_POOL_ROWS = 50;

/** The model fitted on the other memory-bound kernel types' rows, offered to a type as 'pooled'. */
interface Pool {
  readonly model: TreeEnsembleModel;
  readonly types: readonly KernelType[];
  readonly rows: number;
}
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
  /** Measured values per target, by row; NaN where a row has no value for the target (left out of its fit). */
  readonly measured: ReadonlyMap<PredictionTarget, readonly number[]>;
  /** Out-of-fold predictions of the shipped regressor of each row (own type's, else 'others'), by target. */
  readonly outOfFold: ReadonlyMap<PredictionTarget, readonly number[]>;
  /** Kernel types with a regressor of their own. */
  readonly ownTypes: readonly KernelType[];
  readonly models: ReadonlyMap<KernelType | 'others', readonly RegressorModel[]>;
  readonly seed: number;
  readonly folds: number;
}

/**
 * Fits, cross-validates and exports a bundle, then writes it to `options.out` and checks it loads and
 * runs. The bundle is written and checked in a folder beside `out` and moved into place only when
 * complete, so a failure leaves no half bundle and an existing bundle at `out` is replaced only on success.
 */
export async function trainBundle(options: TrainOptions): Promise<BundleManifest> {
  const out = resolve(options.out);
  checkTrainOptions(options);
  checkOutFolder(out);
  const steps = fitSteps(options);
  let fitted: FittedBundle | undefined;
  while (!fitted) {
    const step = steps.next();
    if (step.done) fitted = step.value;
    else await new Promise<void>((done) => setImmediate(done));
    if (options.signal?.aborted)
      throw new PredictorError('training stopped (interrupted); nothing was written', { file: out });
  }
  await writeBundle(out, fitted);
  return fitted.manifest;
}

/**
 * The options that can be wrong before any work, checked before it starts: a bad one would otherwise
 * fail minutes later, when the manifest is written.
 */
export function checkTrainOptions(
  options: Pick<
    TrainOptions,
    'out' | 'device' | 'folds' | 'seed' | 'minRows' | 'minRowsForTrees' | 'threads'
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
  for (const key of ['minRows', 'minRowsForTrees'] as const) {
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
export function foldSeed(seed: number, type: KernelType | 'others', target: PredictionTarget): number {
  return deriveSeed(seed, `${type}/${target}/folds`);
}

export function fitBundle(options: TrainOptions): FittedBundle {
  const steps = fitSteps(options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * fitBundle in small steps: it yields before each candidate fit (a GBDT setting or a method tried on
 * k folds), a fraction of a second to a few seconds apart, so that trainBundle can let the event loop
 * run between them (Ctrl-C, output) and stop when asked.
 */
function* fitSteps(options: TrainOptions): Generator<void, FittedBundle, void> {
  checkTrainOptions(options);
  const id = basename(resolve(options.out));
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const minRows = options.minRows ?? 5;
  if (options.rows.length === 0) throw new PredictorError('no kernel rows to train on');
  const targets = chooseTargets(options);
  const toKernel = options.toKernel ?? configKernel;
  const prepared = options.rows.map((row) => prepare(row, toKernel));
  // Every target value is checked before any fitting, so a bad row fails fast and names itself. A row
  // without a value for a target (NaN here) is left out of that target's fit and figures only.
  const measured = new Map(
    targets.map((t) => [t, prepared.map((p) => (hasTarget(p.row, t) ? rowTarget(p.row, t) : Number.NaN))]),
  );
  const has = (i: number, target: PredictionTarget) => !Number.isNaN(measured.get(target)![i]!);

  const byType = new Map<KernelType, number[]>();
  prepared.forEach((p, i) => byType.set(p.row.type, [...(byType.get(p.row.type) ?? []), i]));
  // A type's own regressor predicts every target, so it needs minRows rows with a value for each.
  const ownTypes = [...byType.keys()]
    .filter(
      (t) =>
        t !== 'others' &&
        byType.get(t)!.length >= minRows &&
        targets.every((target) => byType.get(t)!.filter((i) => has(i, target)).length >= minRows),
    )
    .sort();

  const files = new Map<string, Uint8Array>();
  const models = new Map<KernelType | 'others', readonly RegressorModel[]>();
  let done = 0;
  const outOfFold = new Map(targets.map((t) => [t, new Array<number>(prepared.length).fill(Number.NaN)]));
  function* fitKey(
    key: KernelType | 'others',
    indices: readonly number[],
  ): Generator<void, RegressorSpec, void> {
    const poolRows =
      key === 'others' || kernelClass(key) !== 'memory'
        ? []
        : prepared.flatMap((p, i) =>
            p.row.type !== key && p.row.type !== 'others' && kernelClass(p.row.type) === 'memory' ? [i] : [],
          );
    const outputs: FittedOutput[] = [];
    /** Per output, the rows it was fitted on: those of `indices` with a value for its target. */
    const used: (readonly number[])[] = [];
    for (const [column, target] of targets.entries()) {
      const values = measured.get(target)!;
      const rows = indices.filter((i) => has(i, target));
      const poolTargetRows = poolRows.filter((i) => has(i, target));
      const pool: Pool | undefined =
        poolTargetRows.length >= MIN_POOL_ROWS
          ? {
              model: fitPoolModel(
                poolTargetRows.map((i) => prepared[i]!.features),
                poolTargetRows.map((i) => values[i]!),
                LOG_LINEAR_FEATURES.map(featureIndex),
                deriveSeed(seed, `${key}/${target}/pool`),
              ),
              types: [...new Set(poolTargetRows.map((i) => prepared[i]!.row.type))].sort(),
              rows: poolTargetRows.length,
            }
          : undefined;
      used.push(rows);
      outputs.push(yield* fitOutput(key, target, column, rows, prepared, values, options, seed, folds, pool));
    }
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
      used[t]!.forEach((row, j) => {
        if (key !== 'others' || !ownTypes.includes(prepared[row]!.row.type))
          outOfFold.get(targets[t]!)![row] = o.oof[j]!;
      }),
    );
    done += 1;
    options.onProgress?.({
      key,
      done,
      total: ownTypes.length + 1,
      rows: indices.length,
      folds,
      outputs: outputs.map((o) => ({
        target: o.spec.target,
        method: o.spec.method,
        medianApePct: o.spec.accuracy!.kfold.medianApePct,
      })),
    });
    return {
      model: file,
      features: FEATURE_NAMES,
      rows: indices.length,
      // Over the rows every output was fitted on, so that a kernel inside the range is inside each
      // output's data (the rows of a regressor, unless one target lacks values on some of them).
      trainingRange: trainingRange(rangeRows(indices, used).map((i) => prepared[i]!.features)),
      outputs: outputs.map((o) => o.spec),
    };
  }
  const kernels: Partial<Record<KernelType, RegressorSpec>> = {};
  for (const type of ownTypes) {
    kernels[type] = yield* fitKey(type, byType.get(type)!);
  }
  // Rows whose type has no regressor of its own are priced by 'others' in use, so also in the figures.
  const others = yield* fitKey(
    'others',
    prepared.map((_, i) => i),
  );

  const overall: Partial<Record<PredictionTarget, AccuracyFigures>> = {};
  for (const target of targets) {
    const rows = prepared.flatMap((_, i) => (has(i, target) ? [i] : []));
    overall[target] = roundFigures(
      accuracyFigures(
        rows.map((i) => measured.get(target)![i]!),
        rows.map((i) => outOfFold.get(target)![i]!),
      ),
    );
  }
  const leftOutNotes = targets.flatMap((target) => {
    const without = prepared.filter((_, i) => !has(i, target)).length;
    return without === 0
      ? []
      : [
          `${target} is trained and cross-validated on the ${prepared.length - without} rows with ${TARGET_COLUMNS[target]}; ` +
            `${without} row${without === 1 ? '' : 's'} without one ${without === 1 ? 'is' : 'are'} left out of it.`,
        ];
  });
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
          `(gbdt from ${options.minRowsForTrees ?? 20} rows) is shipped. The accuracy figures are nested ${folds}-fold: ` +
          'each fold is predicted by a method (and GBDT settings) chosen on the other folds only.',
        ...(fallbackTypes.length > 0
          ? [
              `Too few rows for a regressor of their own (< ${minRows}), priced by 'others': ${fallbackTypes.join(', ')}.`,
            ]
          : []),
        ...leftOutNotes,
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

/** The targets to fit: those asked for, each checked, or every one the rows can train (csv.ts targetShortfall). */
function chooseTargets(options: TrainOptions): PredictionTarget[] {
  const all = ['energy', 'latency'] as const;
  if (options.target !== undefined) {
    const targets = options.target === 'both' ? [...all] : [options.target];
    for (const target of targets) {
      const short = targetShortfall(options.rows, target);
      if (short) {
        const first = short.without[0]!;
        throw new PredictorError(`cannot train ${withArticle(target)} predictor: ${short.why}`, {
          file: first.source.file,
          line: first.source.line,
          field: TARGET_COLUMNS[target],
        });
      }
    }
    return targets;
  }
  const available = all.filter((t) => targetShortfall(options.rows, t) === undefined);
  if (available.length === 0) {
    const first = options.rows[0]!;
    throw new PredictorError(
      `no target: ${all.map((t) => targetShortfall(options.rows, t)!.why).join('; ')}`,
      { file: first.source.file },
    );
  }
  return available;
}

/** The rows every output was fitted on, or all of `indices` when no row has every target. */
function rangeRows(indices: readonly number[], used: readonly (readonly number[])[]): readonly number[] {
  const sets = used.map((rows) => new Set(rows));
  const common = indices.filter((i) => sets.every((rows) => rows.has(i)));
  return common.length > 0 ? common : indices;
}

/** Per scale feature, the exact [min, max] over a regressor's training rows, in SCALE_FEATURES order. */
export function trainingRange(
  features: readonly (readonly number[])[],
): Record<string, readonly [number, number]> {
  return Object.fromEntries(
    SCALE_FEATURES.map((name) => {
      const f = featureIndex(name);
      let min = Infinity;
      let max = -Infinity;
      for (const row of features) {
        min = Math.min(min, row[f]!);
        max = Math.max(max, row[f]!);
      }
      return [name, [min, max] as const];
    }),
  );
}

function prepare(row: KernelRow, toKernel: (row: KernelRow) => Kernel): Prepared {
  let kernel: Kernel;
  try {
    kernel = toKernel(row);
  } catch (error) {
    const config = Object.entries(row.config)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    throw new PredictorError(
      `cannot build ${withArticle(row.type)} kernel from its configuration (${config || 'no values'}): ${(error as Error).message}`,
      { file: row.source.file, line: row.source.line },
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

function* fitOutput(
  type: KernelType,
  target: PredictionTarget,
  column: number,
  indices: readonly number[],
  prepared: readonly Prepared[],
  allValues: readonly number[],
  options: TrainOptions,
  seed: number,
  folds: number,
  pool: Pool | undefined,
): Generator<void, FittedOutput, void> {
  const x = indices.map((i) => prepared[i]!.features);
  const y = indices.map((i) => allValues[i]!);
  const folding = foldSeed(seed, type, target);
  const modelSeed = deriveSeed(seed, `${type}/${target}/model`);
  const select = (rows: readonly (readonly number[])[], values: readonly number[], selectFolding: number) =>
    selectMethod(type, target, rows, values, options, seed, folds, selectFolding, modelSeed, pool);

  const chosen = yield* select(x, y, folding);
  const model = fitMethod(chosen.method, x, y, modelSeed, chosen.settings, pool);
  // Nested cross-validation: each fold's rows are predicted by a model whose method and GBDT settings
  // were chosen without them, so the figures are not flattered by the choice.
  const oof = new Array<number>(y.length).fill(Number.NaN);
  const perFold: RegressorMethod[] = [];
  if (y.length >= 2) {
    const innerFolding = deriveSeed(seed, `${type}/${target}/inner`);
    for (const test of kFoldAssignments(y.length, folds, folding)) {
      const inTest = new Set(test);
      const train = y.map((_, i) => i).filter((i) => !inTest.has(i));
      const tx = train.map((i) => x[i]!);
      const ty = train.map((i) => y[i]!);
      const inner = yield* select(tx, ty, innerFolding);
      perFold.push(inner.method);
      const foldModel = fitMethod(inner.method, tx, ty, modelSeed, inner.settings, pool);
      for (const i of test) oof[i] = predictModel(foldModel, x[i]!);
    }
  }
  const range = ratioRange(y, oof, UNCERTAINTY_COVERAGE);
  const candidates = Object.fromEntries(chosen.candidates.map(([m, f]) => [m, roundFigures(f)] as const));
  const spec: OutputSpec = {
    target,
    unit: TARGET_UNITS[target],
    column,
    method: chosen.method,
    selection:
      `${folds}-fold median APE on all rows: ${chosen.candidates
        .map(([m, f]) => `${m} ${round(f.medianApePct, 1)}%`)
        .join(', ')}; ${chosen.method} shipped. ` +
      `Accuracy is nested: chosen inside each training fold (${methodCounts(perFold)}).`,
    hyperparameters: hyperparameters(chosen.method, model, chosen.settings, pool),
    accuracy: { kfold: roundFigures(accuracyFigures(y, oof)), candidates },
    uncertainty: {
      coverage: range.coverage,
      low: round(range.low, 4),
      high: round(range.high, 4),
      source: `${round(range.coverage * 100, 0)}% interval of measured/predicted over the ${y.length} out-of-fold predictions`,
    },
  };
  return { model, spec, oof };
}

interface MethodChoice {
  readonly method: RegressorMethod;
  readonly settings: GbdtSettings | undefined;
  /** Each method tried, with its k-fold figures on the rows it was chosen on. */
  readonly candidates: readonly (readonly [RegressorMethod, AccuracyFigures])[];
}

/** The method (and GBDT settings) with the lowest k-fold median APE on these rows; a tie goes to the simpler. */
function* selectMethod(
  type: KernelType,
  target: PredictionTarget,
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: TrainOptions,
  seed: number,
  folds: number,
  folding: number,
  modelSeed: number,
  pool: Pool | undefined,
): Generator<void, MethodChoice, void> {
  const trees = type !== 'others' && x.length >= (options.minRowsForTrees ?? 20);
  const settings = trees
    ? yield* gbdtSettings(x, y, options, deriveSeed(seed, `${type}/${target}/tune`), folds, modelSeed)
    : undefined;
  const methods = METHOD_ORDER.filter(
    (m) => (m !== 'gbdt' || settings !== undefined) && (m !== 'pooled' || pool !== undefined),
  );
  const candidates: (readonly [RegressorMethod, AccuracyFigures])[] = [];
  for (const method of methods) {
    yield;
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const model = fitMethod(method, rows, t, modelSeed, settings, pool);
        return (row) => predictModel(model, row);
      },
      folds,
      folding,
    );
    candidates.push([method, accuracyFigures(y, oof)]);
  }
  let best = candidates[0]!;
  for (const candidate of candidates) {
    if (candidate[1].medianApePct < best[1].medianApePct) best = candidate;
  }
  return { method: best[0], settings: best[0] === 'gbdt' ? settings : undefined, candidates };
}

function methodCounts(methods: readonly RegressorMethod[]): string {
  const counts = new Map<RegressorMethod, number>();
  for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => `${m} in ${n} of ${methods.length} folds`).join(', ');
}

function fitMethod(
  method: RegressorMethod,
  rows: readonly (readonly number[])[],
  target: readonly number[],
  seed: number,
  settings: GbdtSettings | undefined,
  pool?: Pool,
): RegressorModel {
  switch (method) {
    case 'pooled':
      if (!pool) throw new Error('train: pooled method without a pool');
      return scalePoolModel(pool.model, rows, target);
    case 'closed-form':
      return fitClosedForm(rows, target, COUNT_FEATURES.map(featureIndex));
    case 'closed-form-power':
      return fitPowerClosedForm(
        rows,
        target,
        COUNT_FEATURES.map(featureIndex),
        POWERED_FEATURES.map((f) => COUNT_FEATURES.indexOf(f)),
      );
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

function* gbdtSettings(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: TrainOptions,
  tuneSeed: number,
  folds: number,
  modelSeed: number,
): Generator<void, GbdtSettings, void> {
  const base: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, ...options.gbdt };
  if (options.tune === false || x.length < 40) return base;
  let best = base;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of [{}, ...GBDT_GRID]) {
    yield;
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
  pool?: Pool,
): Record<string, number | string | readonly string[]> {
  if (method === 'pooled' && pool && model.kind === 'tree-ensemble') {
    return {
      poolTypes: pool.types,
      poolRows: pool.rows,
      factor: round(poolFactor(pool.model, model), 4),
      trees: model.trees.length,
      linearFeatures: [...LOG_LINEAR_FEATURES],
      note: "gbdt (default settings) on the pool types' rows, times a factor fitted on this type's rows",
    };
  }
  if ((method === 'closed-form' || method === 'closed-form-power') && model.kind === 'closed-form') {
    const power = (i: number) => ((model.exponents?.[i] ?? 1) === 1 ? '' : `^${model.exponents![i]}`);
    return {
      features: [...COUNT_FEATURES],
      formula: `${model.coefficients.map((c, i) => `${c.toPrecision(4)} * ${COUNT_FEATURES[i]}${power(i)}`).join(' + ')} + ${model.intercept.toPrecision(4)}`,
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
    const rows = prepared.filter((p) => hasTarget(p.row, target));
    if (rows.length === 0) return;
    const actual = rows.map((p) => rowTarget(p.row, target));
    const predicted = rows.map((p) =>
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
