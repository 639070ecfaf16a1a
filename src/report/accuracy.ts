import type { BundleAccuracy, OutOfSampleAccuracy } from '../compare/types.js';

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
  if (a.outOfSample) parts.push(outOfSampleText(a.outOfSample));
  if (a.transferRange) {
    const { low, high, coverage } = a.transferRange;
    parts.push(
      `transfer range ×${low.toFixed(2)}–×${high.toFixed(2)} (${Math.round(coverage * 100)}% coverage)`,
    );
  }
  return parts.join('; ') || 'no accuracy figures in the manifest';
}

/**
 * e.g. "GPU kernel range ×0.59–×1.69 (90%, from published kernel extremes predicted out of sample);
 * out of sample, 16 of 16 app-level predictions within ±30% (docs/accuracy.md)".
 */
function outOfSampleText(o: OutOfSampleAccuracy): string {
  const percent = (coverage: number) => `${Math.round(coverage * 100)}%`;
  const { predictions, withinTolerance, tolerancePct, ratioRange } = o.appLevel;
  const kernel = o.gpuKernelRange;
  return (
    [
      ...(kernel
        ? [
            `GPU kernel range ×${kernel.low.toFixed(2)}–×${kernel.high.toFixed(2)} (${percent(kernel.coverage)}, from ${kernel.method})`,
          ]
        : []),
      `out of sample, ${withinTolerance} of ${predictions} app-level predictions within ±${tolerancePct}%`,
      ...(ratioRange
        ? [
            `${percent(ratioRange.coverage)} of measured/predicted in [${ratioRange.low.toFixed(2)}, ${ratioRange.high.toFixed(2)}]`,
          ]
        : []),
    ].join('; ') + ` (${o.documentation})`
  );
}
