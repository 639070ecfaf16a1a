import type { TreeEnsembleModel } from './ensemble.js';
import { DEFAULT_GBDT_SETTINGS, fitGbdt } from './gbdt.js';
import { predictEnsemble } from './ensemble.js';

/**
 * A pooled regressor for a kernel type with few rows of its own: boosted trees fitted on the rows of
 * the *other* memory-bound kernel types, then scaled to this type by one factor fitted on its rows.
 *
 * Memory-bound kernels (elementwise ops, pools, concat, depthwise conv) share how energy per byte grows
 * once a tensor no longer fits in the caches; with 6-11 rows a type cannot show that curve, hundreds
 * of rows of its neighbours can. The factor carries what the type adds (how many passes over the data).
 * The pool never holds the type's own rows, so one pool model serves every fold of the type's
 * cross-validation without leaking its test rows.
 */
export function fitPoolModel(
  rows: readonly (readonly number[])[],
  target: readonly number[],
  linearFeatures: readonly number[],
  seed: number,
): TreeEnsembleModel {
  return fitGbdt(rows, target, { ...DEFAULT_GBDT_SETTINGS, seed, linearFeatures });
}

/** The pool model times the geometric mean of measured/predicted over the type's rows. */
export function scalePoolModel(
  pool: TreeEnsembleModel,
  rows: readonly (readonly number[])[],
  target: readonly number[],
): TreeEnsembleModel {
  if (!pool.logTarget) throw new Error('pooled: the pool model must be fitted on log(target)');
  if (rows.length === 0) throw new Error('pooled: no rows to scale the pool model to');
  let offset = 0;
  rows.forEach((row, i) => {
    offset += Math.log(target[i]!) - Math.log(predictEnsemble(pool, row));
  });
  return { ...pool, baseValue: pool.baseValue + offset / rows.length };
}

/** The factor a scaled model applies to its pool model. */
export function poolFactor(pool: TreeEnsembleModel, scaled: TreeEnsembleModel): number {
  return Math.exp(scaled.baseValue - pool.baseValue);
}
