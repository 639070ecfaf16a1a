import type { KernelType } from '../kernels/types.js';
import { fitClosedForm, fitPowerClosedForm } from './closed-form.js';
import type { TreeEnsembleModel } from './ensemble.js';
import { featureIndex } from './features.js';
import { DEFAULT_GBDT_SETTINGS, fitGbdt, GBDT_GRID, type GbdtSettings } from './gbdt.js';
import { crossValidatedPredictions } from './kfold.js';
import type { RegressorMethod } from './manifest.js';
import { accuracyFigures, type AccuracyFigures } from './metrics.js';
import { predictModel, type RegressorModel } from './models.js';
import { scalePoolModel } from './pooled.js';
import { deriveSeed } from './random.js';
import type { PredictionTarget } from './units.js';

/**
 * Choosing and fitting one regressor on given rows: the candidate methods compared by k-fold, GBDT
 * settings tuned on a grid. Pure functions of plain data, so that a worker thread can run them
 * (train-jobs.ts); the rows to choose on are the caller's (all of a type's rows, or a fold's).
 */

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
/**
 * Terms of the closed form: energy = a*FLOPs + b*input bytes + c*output bytes + d*weight bytes + e (all
 * >= 0, fitted in log space). The a*FLOPs + b*bytes + c is the case b = c = d; keeping weight
 * bytes apart lets one formula price both the activation traffic and the weight reads of a kernel (an
 * SE block at 224x224 is all activations, at 1x1 all weights): SE's k-fold median error falls from 82% to 38%.
 */
export const COUNT_FEATURES = ['flops', 'input_bytes', 'output_bytes', 'weight_bytes'] as const;
export const LOG_LINEAR_FEATURES = ['ln_flops', 'ln_bytes'] as const;

/** The model fitted on the other memory-bound kernel types' rows, offered to a type as 'pooled'. */
export interface Pool {
  readonly model: TreeEnsembleModel;
  readonly types: readonly KernelType[];
  readonly rows: number;
}

/** What a choice depends on besides the rows: the regressor's identity, seeds and training options. */
export interface SelectionContext {
  readonly type: KernelType;
  readonly target: PredictionTarget;
  /** The training seed (the tuning folds derive from it) and the seed of every fitted model. */
  readonly seed: number;
  readonly modelSeed: number;
  readonly folds: number;
  readonly pool: Pool | undefined;
  readonly gbdt: Partial<GbdtSettings> | undefined;
  readonly tune: boolean | undefined;
  readonly minRowsForTrees: number | undefined;
}

export interface MethodChoice {
  readonly method: RegressorMethod;
  readonly settings: GbdtSettings | undefined;
  /** Each method tried, with its k-fold figures on the rows it was chosen on. */
  readonly candidates: readonly (readonly [RegressorMethod, AccuracyFigures])[];
}

/** Whether boosted trees are a candidate on `rows` rows, and whether their settings are tuned on GBDT_GRID. */
function treePlan(context: SelectionContext, rows: number): { trees: boolean; tuned: boolean } {
  const trees = context.type !== 'others' && rows >= (context.minRowsForTrees ?? 20);
  return { trees, tuned: trees && context.tune !== false && rows >= 40 };
}

/**
 * Roughly how much work selectMethod is on `rows` rows, in boosted-tree fits times rows (a closed
 * form counts as a twentieth of one): for scheduling only.
 */
export function selectionWork(context: SelectionContext, rows: number): number {
  const { trees, tuned } = treePlan(context, rows);
  const gbdtFits = (tuned ? GBDT_GRID.length + 1 : 0) * context.folds + (trees ? context.folds + 1 : 0);
  return rows * (gbdtFits + (METHOD_ORDER.length * context.folds) / 20);
}

/** The method (and GBDT settings) with the lowest k-fold median APE on these rows; a tie goes to the simpler. */
export function selectMethod(
  context: SelectionContext,
  x: readonly (readonly number[])[],
  y: readonly number[],
  folding: number,
): MethodChoice {
  const { type, target, seed, folds, modelSeed, pool } = context;
  const settings = treePlan(context, x.length).trees
    ? gbdtSettings(context, x, y, deriveSeed(seed, `${type}/${target}/tune`))
    : undefined;
  const methods = METHOD_ORDER.filter(
    (m) => (m !== 'gbdt' || settings !== undefined) && (m !== 'pooled' || pool !== undefined),
  );
  const candidates: (readonly [RegressorMethod, AccuracyFigures])[] = [];
  for (const method of methods) {
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

export function fitMethod(
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

function gbdtSettings(
  context: SelectionContext,
  x: readonly (readonly number[])[],
  y: readonly number[],
  tuneSeed: number,
): GbdtSettings {
  const base: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, ...context.gbdt };
  if (!treePlan(context, x.length).tuned) return base;
  let best = base;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of [{}, ...GBDT_GRID]) {
    const settings: GbdtSettings = { ...base, ...candidate };
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const model = fitMethod('gbdt', rows, t, context.modelSeed, settings);
        return (row) => predictModel(model, row);
      },
      context.folds,
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
