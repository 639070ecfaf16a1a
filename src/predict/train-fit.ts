import { kernelFromConfig } from '../kernels/generate.js';
import type { Kernel, KernelType } from '../kernels/types.js';
import { fitClosedForm, fitPowerClosedForm } from './closed-form.js';
import { hasTarget, rowTarget, targetShortfall } from './training-targets.js';
import { type KernelRow } from './csv.js';
import { PredictorError, withArticle } from './errors.js';
import { FEATURE_NAMES, featureIndex, predictorFeatures, SCALE_FEATURES } from './features.js';
import { DEFAULT_GBDT_SETTINGS, fitGbdt, GBDT_GRID, type GbdtSettings } from './gbdt.js';
import { crossValidatedPredictions, kFoldAssignments } from './kfold.js';
import { type OutputSpec, type RegressorMethod } from './manifest.js';
import { accuracyFigures, ratioRange, round, roundFigures, type AccuracyFigures } from './metrics.js';
import { predictModel, type RegressorModel } from './models.js';
import { poolFactor, scalePoolModel } from './pooled.js';
import type { TreeEnsembleModel } from './ensemble.js';
import { deriveSeed } from './random.js';
import { TARGET_COLUMNS, TARGET_UNITS, type PredictionTarget } from './units.js';
import { type TrainOptions, foldSeed } from './train-options.js';

/** Fitting one kernel type's regressor per target: the candidate methods, nested k-fold, held-out figures. */

/** The candidate methods, simplest first (a tie goes to the simpler). */
export const METHOD_ORDER: readonly RegressorMethod[] = [
  'closed-form',
  'closed-form-power',
  'log-linear',
  'pooled',
  'gbdt',
];
/** The closed-form terms 'closed-form-power' raises to a fitted power: the activation traffic. */
const POWERED_FEATURES = ['input_bytes', 'output_bytes'] as const;
/** A pooled model needs this many rows of other memory-bound types to be worth offering. */
export const MIN_POOL_ROWS = 50;

/** The model fitted on the other memory-bound kernel types' rows, offered to a type as 'pooled'. */
export interface Pool {
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
export const LOG_LINEAR_FEATURES = ['ln_flops', 'ln_bytes'] as const;
const UNCERTAINTY_COVERAGE = 0.9;

interface Prepared {
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
