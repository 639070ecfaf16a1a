import type { BundleAccuracy } from '../compare/types.js';

/**
 * A bundle's known accuracy in one line (plain text; callers escape it), e.g. "k-fold on 714 kernels:
 * 63% within ±10%, median error 6.1%". Figures of another target than energy say so: a latency-only
 * bundle's are not energy accuracy.
 */
export function accuracyText(a: BundleAccuracy): string {
  const parts: string[] = [];
  if (a.kfold) {
    const latency = a.kfold.target !== 'energy';
    parts.push(
      `${latency ? `${a.kfold.target} ` : ''}k-fold on ${a.kfold.kernels} kernels${latency ? ' (no energy predictor)' : ''}: ${a.kfold.within10Pct.toFixed(0)}% within ±10%, median error ${a.kfold.medianApePct.toFixed(1)}%`,
    );
  }
  parts.push(...(a.statements ?? []));
  if (a.transferRange) {
    const { low, high, coverage } = a.transferRange;
    parts.push(
      `transfer range ×${low.toFixed(2)}–×${high.toFixed(2)} (${Math.round(coverage * 100)}% coverage)`,
    );
  }
  return parts.join('; ') || 'no accuracy figures in the manifest';
}
