import { kernelFromConfig } from '../kernels/generate.js';
import type { Kernel, KernelType } from '../kernels/types.js';
import { hasTarget, rowTarget, targetShortfall } from './training-targets.js';
import { type KernelRow } from './csv.js';
import { PredictorError, withArticle } from './errors.js';
import { FEATURE_NAMES, featureIndex, predictorFeatures, SCALE_FEATURES } from './features.js';
import { DEFAULT_GBDT_SETTINGS, type GbdtSettings } from './gbdt.js';
import { kFoldAssignments } from './kfold.js';
import { type OutputSpec, type RegressorMethod } from './manifest.js';
import { accuracyFigures, ratioRange, round, roundFigures, type AccuracyFigures } from './metrics.js';
import { predictModel, type RegressorModel } from './models.js';
import { poolFactor } from './pooled.js';
import { deriveSeed } from './random.js';
import { TARGET_COLUMNS, TARGET_UNITS, type PredictionTarget } from './units.js';
import { type TrainOptions, foldSeed } from './train-options.js';
import { resultOf, type ChooseJob, type FitSteps } from './train-jobs.js';
import { COUNT_FEATURES, LOG_LINEAR_FEATURES, type Pool, type SelectionContext } from './train-select.js';

/** Fitting one kernel type's regressor per target: the candidate methods, nested k-fold, held-out figures. */

/** A pooled model needs this many rows of other memory-bound types to be worth offering. */
export const MIN_POOL_ROWS = 50;
const UNCERTAINTY_COVERAGE = 0.9;

/** A training row with its kernel and predictor features. */
export interface Prepared {
  readonly row: KernelRow;
  readonly kernel: Kernel;
  readonly features: number[];
}

export interface FittedOutput {
  readonly model: RegressorModel;
  readonly spec: OutputSpec;
  /** Out-of-fold predictions of the shipped method, by row. */
  readonly oof: readonly number[];
}

/** The kernel of a row's configuration, as the analysis engine sees it. */
export function configKernel(row: KernelRow): Kernel {
  return kernelFromConfig(row.type, row.config);
}

/** The targets to fit: those asked for, each checked, or every one the rows can train (csv.ts targetShortfall). */
export function chooseTargets(options: TrainOptions): PredictionTarget[] {
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
export function rangeRows(
  indices: readonly number[],
  used: readonly (readonly number[])[],
): readonly number[] {
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

export function prepare(row: KernelRow, toKernel: (row: KernelRow) => Kernel): Prepared {
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

/**
 * One target of a regressor: the method chosen on all its rows and fitted there (the shipped model),
 * and, for the nested k-fold figures, each fold predicted by a method chosen and fitted without it.
 * Those are independent jobs (train-jobs.ts); the pool model they may use is fitted first.
 */
export function* fitOutput(
  type: KernelType,
  target: PredictionTarget,
  column: number,
  indices: readonly number[],
  prepared: readonly Prepared[],
  allValues: readonly number[],
  options: TrainOptions,
  seed: number,
  folds: number,
  poolRows: readonly number[],
): FitSteps<FittedOutput> {
  const x = indices.map((i) => prepared[i]!.features);
  const y = indices.map((i) => allValues[i]!);
  const folding = foldSeed(seed, type, target);
  const pool =
    poolRows.length >= MIN_POOL_ROWS
      ? yield* fitPool(type, target, poolRows, prepared, allValues, seed)
      : undefined;
  const context: SelectionContext = {
    type,
    target,
    seed,
    modelSeed: deriveSeed(seed, `${type}/${target}/model`),
    folds,
    pool,
    gbdt: options.gbdt,
    tune: options.tune,
    minRowsForTrees: options.minRowsForTrees,
  };
  // Nested cross-validation: each fold's rows are predicted by a model whose method and GBDT settings
  // were chosen without them, so the figures are not flattered by the choice.
  const innerFolding = deriveSeed(seed, `${type}/${target}/inner`);
  const testFolds = y.length >= 2 ? kFoldAssignments(y.length, folds, folding) : [];
  const jobs: ChooseJob[] = [
    { kind: 'choose', context, x, y, folding, predict: [], keepModel: true },
    ...testFolds.map((test): ChooseJob => {
      const inTest = new Set(test);
      const train = y.map((_, i) => i).filter((i) => !inTest.has(i));
      return {
        kind: 'choose',
        context,
        x: train.map((i) => x[i]!),
        y: train.map((i) => y[i]!),
        folding: innerFolding,
        predict: test.map((i) => x[i]!),
        keepModel: false,
      };
    }),
  ];
  const [shipped, ...perFold] = (yield jobs).map((r) => resultOf(r, 'choose'));
  const chosen = shipped!.choice;
  const model = shipped!.model!;
  const oof = new Array<number>(y.length).fill(Number.NaN);
  testFolds.forEach((test, f) => test.forEach((i, j) => (oof[i] = perFold[f]!.predictions[j]!)));
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
      `Accuracy is nested: chosen inside each training fold (${methodCounts(perFold.map((r) => r.choice.method))}).`,
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

/** The model fitted on the other memory-bound kernel types' rows of the target, offered as 'pooled'. */
function* fitPool(
  type: KernelType,
  target: PredictionTarget,
  rows: readonly number[],
  prepared: readonly Prepared[],
  allValues: readonly number[],
  seed: number,
): FitSteps<Pool> {
  const [result] = yield [
    {
      kind: 'pool',
      x: rows.map((i) => prepared[i]!.features),
      y: rows.map((i) => allValues[i]!),
      linearFeatures: LOG_LINEAR_FEATURES.map(featureIndex),
      seed: deriveSeed(seed, `${type}/${target}/pool`),
    },
  ];
  return {
    model: resultOf(result, 'pool').model,
    types: [...new Set(rows.map((i) => prepared[i]!.row.type))].sort(),
    rows: rows.length,
  };
}

function methodCounts(methods: readonly RegressorMethod[]): string {
  const counts = new Map<RegressorMethod, number>();
  for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => `${m} in ${n} of ${methods.length} folds`).join(', ');
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
export function heldOutFigures(
  rows: readonly KernelRow[],
  targets: readonly PredictionTarget[],
  toKernel: (row: KernelRow) => Kernel,
  models: ReadonlyMap<KernelType, readonly RegressorModel[]>,
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
