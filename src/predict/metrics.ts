/** Accuracy of predictions against measurements, as the manifest and the accuracy report state it. */
export interface AccuracyFigures {
  readonly kernels: number;
  /** Share of kernels predicted within +-10% of the measurement, in percent. */
  readonly within10Pct: number;
  readonly within20Pct: number;
  /** Median and mean absolute percentage error, in percent. */
  readonly medianApePct: number;
  readonly meanApePct: number;
}

/**
 * Uncertainty of one prediction: the measured / predicted ratio's quantiles over the cross-validated
 * kernels, so that [prediction x low, prediction x high] held the measurement for `coverage` of them.
 */
export interface RatioRange {
  readonly coverage: number;
  readonly low: number;
  readonly high: number;
}

export function accuracyFigures(actual: readonly number[], predicted: readonly number[]): AccuracyFigures {
  if (actual.length !== predicted.length) throw new Error('accuracyFigures: length mismatch');
  const ape = actual.map((a, i) => (Math.abs(predicted[i]! - a) / a) * 100);
  const n = ape.length;
  return {
    kernels: n,
    within10Pct: n === 0 ? 0 : (100 * ape.filter((e) => e <= 10).length) / n,
    within20Pct: n === 0 ? 0 : (100 * ape.filter((e) => e <= 20).length) / n,
    medianApePct: n === 0 ? 0 : quantile(ape, 0.5),
    meanApePct: n === 0 ? 0 : ape.reduce((a, b) => a + b, 0) / n,
  };
}

/** Central `coverage` interval of measured / predicted (default 90%: the 5% and 95% quantiles). */
export function ratioRange(
  actual: readonly number[],
  predicted: readonly number[],
  coverage = 0.9,
): RatioRange {
  const logs = actual.map((a, i) => Math.log(a / predicted[i]!)).filter((v) => Number.isFinite(v));
  if (logs.length === 0) return { coverage, low: 1, high: 1 };
  const tail = (1 - coverage) / 2;
  return {
    coverage,
    low: Math.min(1, Math.exp(quantile(logs, tail))),
    high: Math.max(1, Math.exp(quantile(logs, 1 - tail))),
  };
}

/** Quantile with linear interpolation between order statistics (R's type 7, NumPy's default). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Rounds figures for the manifest so that files stay readable and diffs meaningful. */
export function roundFigures(figures: AccuracyFigures): AccuracyFigures {
  return {
    kernels: figures.kernels,
    within10Pct: round(figures.within10Pct, 1),
    within20Pct: round(figures.within20Pct, 1),
    medianApePct: round(figures.medianApePct, 2),
    meanApePct: round(figures.meanApePct, 2),
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
