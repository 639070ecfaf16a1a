import { describe, expect, it } from 'vitest';
import { GPU_GROUPS, gpuGroup, gpuKernelEnergy, type GpuCostParams } from '../../src/predict/gpu-cost.js';
import { effectiveCount } from '../../src/predict/predictor.js';

const COST: GpuCostParams = {
  exponent: 0.8,
  groups: {
    compute: { dispatchMj: 0, rate: 0.5 },
    depthwise: { dispatchMj: 0.02, rate: 0.01 },
    pool: { dispatchMj: 0.01, rate: 0.2 },
    concat: { dispatchMj: 0.06, rate: 0.1 },
    elementwise: { dispatchMj: 0.002, rate: 0.15 },
  },
};

describe('GPU cost map', () => {
  it('groups kernel types as a GPU delegate runs them, every other type elementwise', () => {
    expect(gpuGroup('conv-bn-relu')).toBe('compute');
    expect(gpuGroup('fc')).toBe('compute');
    expect(gpuGroup('dwconv-bn-relu')).toBe('depthwise');
    expect(gpuGroup('avgpool')).toBe('pool');
    expect(gpuGroup('concat')).toBe('concat');
    expect(gpuGroup('hswish')).toBe('elementwise');
    expect(gpuGroup('others')).toBe('elementwise');
    expect(GPU_GROUPS).toHaveLength(5);
  });

  it('charges a dispatch per kernel plus a rate on CPU energy to the exponent', () => {
    expect(gpuKernelEnergy(COST, 'conv-bn-relu', 10)).toBeCloseTo(0.5 * 10 ** 0.8, 12);
    expect(gpuKernelEnergy(COST, 'concat', 2)).toBeCloseTo(0.06 + 0.1 * 2 ** 0.8, 12);
    expect(gpuKernelEnergy(COST, 'dwconv-bn-relu', 0)).toBe(0.02);
    // An exponent below 1: the GPU/CPU ratio falls with kernel size.
    const ratio = (e: number) => gpuKernelEnergy(COST, 'conv-bn-relu', e) / e;
    expect(ratio(0.01)).toBeGreaterThan(ratio(1));
    expect(ratio(1)).toBeGreaterThan(ratio(100));
  });
});

describe('effective number of kernels of a range', () => {
  it('is 1 for one kernel carrying it all, n for n alike, undefined without width', () => {
    expect(effectiveCount([0, 3, 0])).toBe(1);
    expect(effectiveCount([2, 2, 2, 2])).toBeCloseTo(4, 12);
    expect(effectiveCount([3, 1])).toBeCloseTo(16 / 10, 12);
    expect(effectiveCount([0, 0])).toBeUndefined();
    expect(effectiveCount([])).toBeUndefined();
  });
});
