import { describe, expect, it } from 'vitest';
import { fitClosedForm, predictClosedForm } from '../../src/predict/closed-form.js';
import { predictEnsemble } from '../../src/predict/ensemble.js';
import { fitForest, nnMeterFeatures, nnMeterForestOptions } from '../../src/predict/forest.js';
import { DEFAULT_GBDT_SETTINGS, fitGbdt } from '../../src/predict/gbdt.js';
import { crossValidatedPredictions, kFoldAssignments } from '../../src/predict/kfold.js';
import { accuracyFigures, quantile, ratioRange } from '../../src/predict/metrics.js';
import { seededRandom } from '../../src/predict/random.js';
import { fitTree, evaluateTree, prepareFeatures } from '../../src/predict/tree.js';
import { configKernel } from './helpers.js';

/** Rows of two features on a grid and a target that is a known power law of them. */
function powerLawData(n: number, seed: number): { x: number[][]; y: number[] } {
  const random = seededRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const a = 1 + random.int(200);
    const b = 1 + random.int(50);
    x.push([Math.log(a), Math.log(b), a, b]);
    y.push(0.01 * a ** 1.2 * b ** 0.5 * (b > 25 ? 1.6 : 1));
  }
  return { x, y };
}

describe('regression trees', () => {
  it('split on float32 thresholds that separate the training rows exactly as float32 compares', () => {
    const rows = [[0.1], [0.1 + 1e-9], [0.2], [0.3]];
    const data = prepareFeatures(rows);
    const target = Float64Array.from([1, 1, 5, 9]);
    const tree = fitTree(data, target, Float64Array.from([1, 1, 1, 1]), {
      maxDepth: 3,
      minSamplesLeaf: 1,
      minSamplesSplit: 2,
      maxFeatures: 1,
      random: seededRandom(1),
    });
    for (const t of tree.threshold) expect(Math.fround(t)).toBe(t);
    expect(rows.map((r) => evaluateTree(tree, r))).toEqual([1, 1, 5, 9]);
  });
});

describe('gradient boosting', () => {
  const { x, y } = powerLawData(160, 3);
  const linearFeatures = [0, 1];
  const settings = { ...DEFAULT_GBDT_SETTINGS, nEstimators: 80, seed: 5, linearFeatures };

  it('tracks a power law with a step within a few percent out of fold', () => {
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const m = fitGbdt(rows, t, settings);
        return (r) => predictEnsemble(m, r);
      },
      5,
      1,
    );
    const figures = accuracyFigures(y, oof);
    expect(figures.medianApePct).toBeLessThan(5);
    expect(figures.within20Pct).toBeGreaterThan(85);
  });

  it('is deterministic for a seed and depends on it', () => {
    const a = JSON.stringify(fitGbdt(x, y, settings));
    expect(JSON.stringify(fitGbdt(x, y, settings))).toBe(a);
    expect(JSON.stringify(fitGbdt(x, y, { ...settings, seed: 6 }))).not.toBe(a);
  });

  it('with no trees is the log-log line through the data', () => {
    const exact = x.map((r) => Math.exp(0.5 + 1.2 * r[0]! + 0.5 * r[1]!));
    const m = fitGbdt(x, exact, { ...settings, nEstimators: 0, ridge: 0 });
    expect(m.trees).toHaveLength(0);
    expect(m.linear!.coefficients[0]).toBeCloseTo(1.2, 6);
    expect(m.linear!.coefficients[1]).toBeCloseTo(0.5, 6);
    expect(m.baseValue).toBeCloseTo(0.5, 5);
  });
});

describe('closed form', () => {
  it('recovers non-negative coefficients of an exact linear law', () => {
    const random = seededRandom(9);
    const rows = Array.from({ length: 40 }, () => [
      1e6 * (1 + random.int(1000)),
      1e4 * (1 + random.int(1000)),
    ]);
    const target = rows.map(([f, b]) => 2e-9 * f! + 3e-7 * b! + 0.05);
    const m = fitClosedForm(rows, target, [0, 1]);
    expect(m.coefficients[0]! / 2e-9).toBeCloseTo(1, 4);
    expect(m.coefficients[1]! / 3e-7).toBeCloseTo(1, 4);
    expect(m.intercept / 0.05).toBeCloseTo(1, 3);
    expect(predictClosedForm(m, rows[0]!) / target[0]!).toBeCloseTo(1, 4);
  });

  it('drops a term that would need a negative coefficient', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [i + 1, 30 - i]);
    const target = rows.map(([a]) => 2 * a!);
    const m = fitClosedForm(rows, target, [0, 1]);
    expect(m.coefficients[1]).toBe(0);
    expect(m.coefficients[0]).toBeCloseTo(2, 6);
    expect(m.intercept).toBeGreaterThanOrEqual(0);
  });
});

describe('random forest (nn-Meter settings)', () => {
  it('uses nn-Meter features and settings per type and averages bootstrap trees', () => {
    const kernel = configKernel('conv-bn-relu', { HW: 28, CIN: 16, COUT: 32, KERNEL_SIZE: 3, STRIDES: 1 });
    const features = nnMeterFeatures(kernel);
    expect(features.slice(0, 5)).toEqual([28, 16, 32, 3, 1]);
    expect(features[5]).toBeCloseTo(kernel.flops / 2e6);
    expect(nnMeterForestOptions('conv-bn-relu', 10)).toMatchObject({
      maxDepth: 70,
      nEstimators: 320,
      maxFeatures: 6,
    });
    expect(nnMeterForestOptions('layernorm', 10)).toMatchObject({
      maxDepth: 50,
      nEstimators: 370,
      maxFeatures: 2,
    });
    const { x, y } = powerLawData(80, 4);
    const m = fitForest(x, y, {
      ...nnMeterForestOptions('conv-bn-relu', 10),
      nEstimators: 20,
      maxFeatures: 2,
    });
    expect(m.aggregate).toBe('AVERAGE');
    const fit = accuracyFigures(
      y,
      x.map((r) => predictEnsemble(m, r)),
    );
    expect(fit.medianApePct).toBeLessThan(15);
  });
});

describe('k-fold and metrics', () => {
  it('partitions rows into seeded folds, leave-one-out when rows are few', () => {
    const folds = kFoldAssignments(23, 5, 7);
    expect(folds).toHaveLength(5);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(kFoldAssignments(23, 5, 7)).toEqual(folds);
    expect(kFoldAssignments(23, 5, 8)).not.toEqual(folds);
    expect(kFoldAssignments(3, 5, 1)).toHaveLength(3);
  });

  it('computes shares within 10/20%, median and mean APE, and residual ranges', () => {
    const actual = [1, 1, 1, 1, 1];
    const predicted = [1.05, 0.85, 1.5, 1, 0.95];
    const f = accuracyFigures(actual, predicted);
    expect([f.kernels, f.within10Pct, f.within20Pct]).toEqual([5, 60, 80]);
    expect(f.medianApePct).toBeCloseTo(5, 9);
    expect(f.meanApePct).toBeCloseTo(15, 9);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    const range = ratioRange(actual, predicted, 0.5);
    expect(range.low).toBeCloseTo(1 / 1.05, 6);
    expect(range.high).toBeCloseTo(1 / 0.95, 6);
  });
});
