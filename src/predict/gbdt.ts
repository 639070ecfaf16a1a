import type { TreeEnsembleModel } from './ensemble.js';
import { weightedLeastSquares } from './linear.js';
import { seededRandom, shuffledIndices } from './random.js';
import { fitTree, prepareFeatures, scaleLeaves, evaluatePrepared, type RegressionTree } from './tree.js';

/**
 * Gradient-boosted regression trees on log(target) (squared loss in log space = relative error).
 * Boosting starts from a ridge fit of log(target) on the log-count features (energy grows roughly as a
 * power of FLOPs and bytes), and the trees learn what that line misses.
 */
export interface GbdtOptions {
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** Share of rows each tree is fitted on (drawn without replacement). */
  readonly subsample: number;
  readonly seed: number;
  /** Feature indices of the log-linear starting fit; empty: start from the mean. */
  readonly linearFeatures: readonly number[];
  readonly ridge: number;
  /** Residuals (in ln units) are clipped to +-huberDelta before each tree is fitted (Huber loss); 0 = squared loss. */
  readonly huberDelta: number;
}

export type GbdtSettings = Omit<GbdtOptions, 'seed' | 'linearFeatures'>;

/** Defaults, chosen by 5-fold cross-validation on data/deepen2023/kernels_cpu.csv. */
export const DEFAULT_GBDT_SETTINGS: GbdtSettings = {
  nEstimators: 300,
  learningRate: 0.05,
  maxDepth: 4,
  minSamplesLeaf: 3,
  subsample: 0.8,
  ridge: 1e-3,
  huberDelta: 0.2,
};

/** The grid `train` searches per kernel type (by k-fold median APE) when a type has enough rows. */
export const GBDT_GRID: readonly Partial<GbdtSettings>[] = [
  { maxDepth: 3, minSamplesLeaf: 2 },
  { maxDepth: 3, minSamplesLeaf: 4 },
  { maxDepth: 4, minSamplesLeaf: 2 },
  { maxDepth: 4, minSamplesLeaf: 4 },
  { maxDepth: 5, minSamplesLeaf: 2 },
  { maxDepth: 5, minSamplesLeaf: 4 },
  { maxDepth: 4, minSamplesLeaf: 3, learningRate: 0.1, nEstimators: 150 },
  { maxDepth: 4, minSamplesLeaf: 3, subsample: 0.6, nEstimators: 400 },
];

export function fitGbdt(
  rows: readonly (readonly number[])[],
  target: readonly number[],
  options: GbdtOptions,
): TreeEnsembleModel {
  const n = rows.length;
  const logTarget = target.map((t) => Math.log(t));
  const random = seededRandom(options.seed);
  const { baseValue, linear } = startingFit(rows, logTarget, options);
  const current = Float64Array.from(rows, (row) => {
    let v = baseValue;
    if (linear)
      linear.featureIndices.forEach((f, j) => (v += linear.coefficients[j]! * Math.fround(row[f]!)));
    return v;
  });
  const data = prepareFeatures(rows);
  const residual = new Float64Array(n);
  const weights = new Float64Array(n);
  const sampleSize = Math.max(1, Math.min(n, Math.round(options.subsample * n)));
  const sample = new Int32Array(n);
  const trees: RegressionTree[] = [];
  for (let m = 0; m < options.nEstimators; m += 1) {
    const delta = options.huberDelta > 0 ? options.huberDelta : Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i += 1)
      residual[i] = Math.max(-delta, Math.min(delta, logTarget[i]! - current[i]!));
    weights.fill(sampleSize === n ? 1 : 0);
    if (sampleSize < n) {
      shuffledIndices(sample, random);
      for (let k = 0; k < sampleSize; k += 1) weights[sample[k]!] = 1;
    }
    const tree = scaleLeaves(
      fitTree(data, residual, weights, {
        maxDepth: options.maxDepth,
        minSamplesLeaf: options.minSamplesLeaf,
        minSamplesSplit: 2 * options.minSamplesLeaf,
        maxFeatures: Number.POSITIVE_INFINITY,
        random,
      }),
      options.learningRate,
    );
    if (tree.left.length === 1 && Math.abs(tree.value[0]!) < 1e-15) break;
    trees.push(tree);
    for (let i = 0; i < n; i += 1) current[i]! += evaluatePrepared(tree, data, i);
  }
  return {
    kind: 'tree-ensemble',
    trees,
    aggregate: 'SUM',
    baseValue,
    ...(linear ? { linear } : {}),
    logTarget: true,
  };
}

function startingFit(
  rows: readonly (readonly number[])[],
  logTarget: readonly number[],
  options: GbdtOptions,
): Pick<TreeEnsembleModel, 'baseValue' | 'linear'> {
  const mean = logTarget.reduce((a, b) => a + b, 0) / Math.max(1, logTarget.length);
  const features = options.linearFeatures;
  if (features.length === 0 || rows.length < features.length + 2) return { baseValue: mean };
  const design = rows.map((row) => [...features.map((f) => Math.fround(row[f]!)), 1]);
  const w = weightedLeastSquares(design, logTarget, undefined, options.ridge * rows.length, true);
  if (!w || w.some((v) => !Number.isFinite(v))) return { baseValue: mean };
  return {
    baseValue: w[features.length]!,
    linear: { featureIndices: [...features], coefficients: w.slice(0, features.length) },
  };
}
