import type { KernelType } from '../kernels/types.js';
import { fitProportional } from './baseline.js';
import { predictEnsemble } from './ensemble.js';
import { featureIndex } from './features.js';
import { fitForest, nnMeterFeatures, nnMeterForestOptions } from './forest.js';
import { crossValidatedPredictions } from './kfold.js';
import { accuracyFigures, roundFigures, type AccuracyFigures } from './metrics.js';
import { predictModel } from './models.js';
import { foldSeed } from './train-options.js';
import { type FittedBundle } from './train-manifest.js';
import type { PredictionTarget } from './units.js';

/**
 * Kernel-level accuracy side by side, on the same rows and the same folds: the shipped regressors
 * (out-of-fold predictions from training), nn-Meter's random forest (its features and CPU settings, on
 * the raw target) and the FLOPs-proportional baseline.
 */
export interface KernelAccuracyRow {
  /** A kernel type, or 'overall' for all rows pooled. */
  readonly type: KernelType;
  readonly kernels: number;
  /** The shipped method, or 'others' where the type is priced by the fallback. */
  readonly shippedMethod: string;
  readonly shipped: AccuracyFigures;
  readonly randomForest: AccuracyFigures;
  readonly flopsProportional: AccuracyFigures;
}

export interface BaselineOptions {
  readonly target: PredictionTarget;
  /** Scale the forests down (tests); default nn-Meter's tree counts. */
  readonly maxForestTrees?: number;
}

export function kernelAccuracy(fitted: FittedBundle, options: BaselineOptions): KernelAccuracyRow[] {
  const { target } = options;
  const measured = fitted.measured.get(target);
  const shipped = fitted.outOfFold.get(target);
  if (!measured || !shipped) throw new Error(`kernelAccuracy: the bundle was not trained on ${target}`);
  const byType = new Map<KernelType, number[]>();
  fitted.rows.forEach((row, i) => byType.set(row.type, [...(byType.get(row.type) ?? []), i]));
  const forestAll = new Array<number>(fitted.rows.length).fill(Number.NaN);
  const flopsAll = new Array<number>(fitted.rows.length).fill(Number.NaN);
  const out: KernelAccuracyRow[] = [];
  for (const type of [...byType.keys()].sort()) {
    const indices = byType.get(type)!;
    const y = indices.map((i) => measured[i]!);
    const seed = foldSeed(fitted.seed, type, target);
    const forestX = indices.map((i) => nnMeterFeatures(fitted.kernels[i]!));
    const forestSettings = nnMeterForestOptions(type, 10);
    const forest = crossValidatedPredictions(
      forestX,
      y,
      (rows, t) => {
        const m = fitForest(rows, t, {
          ...forestSettings,
          nEstimators: Math.min(
            forestSettings.nEstimators,
            options.maxForestTrees ?? Number.POSITIVE_INFINITY,
          ),
        });
        return (row) => predictEnsemble(m, row);
      },
      fitted.folds,
      seed,
    );
    const x = indices.map((i) => fitted.features[i]!);
    const hasFlops = x.some((row) => row[featureIndex('flops')]! > 0);
    const proportionalTo = featureIndex(hasFlops ? 'flops' : 'bytes');
    const flops = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const m = fitProportional(rows, t, proportionalTo);
        return (row) => predictModel(m, row);
      },
      fitted.folds,
      seed,
    );
    indices.forEach((row, j) => {
      forestAll[row] = forest[j]!;
      flopsAll[row] = flops[j]!;
    });
    const own = fitted.manifest.kernels[type]?.outputs.find((o) => o.target === target);
    out.push({
      type,
      kernels: indices.length,
      shippedMethod: own?.method ?? 'others',
      shipped: roundFigures(
        accuracyFigures(
          y,
          indices.map((i) => shipped[i]!),
        ),
      ),
      randomForest: roundFigures(accuracyFigures(y, forest)),
      flopsProportional: roundFigures(accuracyFigures(y, flops)),
    });
  }
  out.push({
    type: 'overall',
    kernels: fitted.rows.length,
    shippedMethod: 'per type',
    shipped: roundFigures(accuracyFigures(measured, shipped)),
    randomForest: roundFigures(accuracyFigures(measured, forestAll)),
    flopsProportional: roundFigures(accuracyFigures(measured, flopsAll)),
  });
  return out;
}
