import type { ClosedFormModel } from './closed-form.js';

/**
 * The FLOPs-proportional baseline: target = k x FLOPs, k fitted in log space (the geometric mean of
 * target / FLOPs). Kernels that do no arithmetic (concat, split, channel shuffle move data only) are
 * proportional to bytes instead: the caller passes that feature when a type's FLOPs are all zero.
 */
export function fitProportional(
  rows: readonly (readonly number[])[],
  target: readonly number[],
  featureIndex: number,
): ClosedFormModel {
  let sum = 0;
  let count = 0;
  rows.forEach((row, i) => {
    const x = Math.fround(row[featureIndex]!);
    if (x > 0 && target[i]! > 0) {
      sum += Math.log(target[i]! / x);
      count += 1;
    }
  });
  return {
    kind: 'closed-form',
    featureIndices: [featureIndex],
    coefficients: [count > 0 ? Math.exp(sum / count) : 0],
    intercept: 0,
  };
}
