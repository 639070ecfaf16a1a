import type { KernelType } from '../../src/kernels/types.js';
import type { BundlePrediction } from '../../src/predict/predictor.js';

/**
 * A bundle's prediction of kernels [name, type, mJ] (fp32, no fallback), for the comparison tests;
 * with `range`, each kernel and the total carry a symmetric ±range interval (0.3: ±30%).
 */
export function prediction(
  kernels: readonly [string, KernelType, number][],
  options: { readonly range?: number; readonly overheadMj?: number } = {},
): BundlePrediction {
  const total = kernels.reduce((s, [, , e]) => s + e, 0) + (options.overheadMj ?? 0);
  const r = options.range;
  const interval = (x: number) =>
    r === undefined ? {} : { energyRangeMj: [x * (1 - r), x * (1 + r)] as const };
  return {
    bundle: 'b',
    device: 'd',
    processor: 'cpu',
    kind: 'trained',
    energyMj: total,
    ...interval(total),
    coverage: {
      target: 'energy',
      fallbackShare: 0,
      fallbackKernels: 0,
      fallbackTypes: [],
      extrapolatedShare: 0,
      extrapolatedKernels: 0,
      extrapolatedTypes: [],
    },
    kernels: kernels.map(([name, type, energyMj]) => ({
      name,
      type,
      precision: 'fp32' as const,
      source: type,
      fallback: false,
      energyMj,
      ...interval(energyMj),
    })),
  };
}
