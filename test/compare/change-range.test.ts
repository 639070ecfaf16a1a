import { describe, expect, it } from 'vitest';
import { changeRange } from '../../src/compare/compare.js';
import type { KernelType } from '../../src/kernels/types.js';
import { prediction as priced } from './prediction.js';

/** Kernels [name, type, mJ] priced with a ±30% range each (as wide as the regressors' ranges run). */
const prediction = (kernels: readonly [string, KernelType, number][], overheadMj = 0) =>
  priced(kernels, { range: 0.3, overheadMj });

const SHARED: [string, KernelType, number][] = Array.from({ length: 20 }, (_, i) => [
  `conv${i}`,
  'conv-bn-relu',
  5,
]);

describe('the change’s own range', () => {
  it('cancels the error of the kernels both sides share: only the differing kernels count', () => {
    const base = prediction([...SHARED, ['fc', 'fc', 2]]);
    const head = prediction([...SHARED, ['fc', 'fc', 6]]);
    const delta = head.energyMj! - base.energyMj!;
    const range = changeRange(base, head, delta)!;
    // fc: 6 [4.2, 7.8] against 2 [1.4, 2.6]: the difference lies in [4.2 - 2.6, 7.8 - 1.4].
    expect(range[0]).toBeCloseTo(1.6, 10);
    expect(range[1]).toBeCloseTo(6.4, 10);
    // The models' own ranges (±30% of ~100 mJ) would have made a +4 mJ change look like noise.
    expect(head.energyRangeMj![0] - base.energyRangeMj![1]).toBeLessThan(0);
    expect(range[0]).toBeGreaterThan(0);
  });

  it('counts new and removed kernels whole, and keeps terms common to both sides out', () => {
    const base = prediction([...SHARED, ['old', 'add', 1]], 10);
    const head = prediction([...SHARED, ['new', 'se', 3]], 10);
    const delta = head.energyMj! - base.energyMj!;
    const range = changeRange(base, head, delta)!;
    expect(range[0]).toBeCloseTo(3 * 0.7 - 1 * 1.3, 10);
    expect(range[1]).toBeCloseTo(3 * 1.3 - 1 * 0.7, 10);
  });

  it('gives no range when no kernel differs', () => {
    expect(changeRange(prediction(SHARED), prediction(SHARED), 0)).toBeUndefined();
  });
});
