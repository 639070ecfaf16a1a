import { describe, expect, it } from 'vitest';
import { kernelAccuracy } from '../../src/predict/accuracy.js';
import { readKernelCsv } from '../../src/predict/csv.js';
import { fitBundle } from '../../src/predict/train-manifest.js';

/**
 * Issue 4, acceptance 2, on the real DeepEn2023 kernels: 5-fold, the shipped pipeline (kernelFromConfig
 * features, per-type method choice; GBDT at its default settings here, without the grid search that
 * `npm run predictors` adds, to keep the suite fast) against nn-Meter's random forest on the same folds.
 */
describe('kernel-level accuracy on data/deepen2023/kernels_cpu.csv', () => {
  it('meets the targets and beats the random-forest and FLOPs baselines', () => {
    const fitted = fitBundle({
      rows: readKernelCsv('data/deepen2023/kernels_cpu.csv').rows,
      out: 'unused/huawei-p40-pro-cpu',
      device: 'huawei-p40-pro',
      processor: 'cpu',
      target: 'energy',
      seed: 1,
      folds: 5,
      command: 'test',
      tune: false,
    });
    const rows = kernelAccuracy(fitted, { target: 'energy' });
    const conv = rows.find((r) => r.type === 'conv-bn-relu')!;
    const overall = rows.find((r) => r.type === 'overall')!;
    expect(conv.kernels).toBe(350);
    expect(conv.shippedMethod).toBe('gbdt');
    expect(conv.shipped.within10Pct).toBeGreaterThanOrEqual(75);
    expect(overall.shipped.medianApePct).toBeLessThanOrEqual(12);
    expect(conv.shipped.within10Pct).toBeGreaterThan(conv.randomForest.within10Pct);
    expect(overall.shipped.medianApePct).toBeLessThan(overall.randomForest.medianApePct);
    expect(overall.shipped.medianApePct).toBeLessThan(overall.flopsProportional.medianApePct);
    // The manifest states the same overall figures the rows give.
    expect(fitted.manifest.provenance.kfold!.overall.energy).toEqual(overall.shipped);
  });
});
