import type { Precision } from '../kernels/precision.js';
import type { BundleManifest, PrecisionFactor } from './manifest.js';

/**
 * The range of DeepEn2023's published INT8/FP32 app-energy ratios on the phones' CPUs (CPU1 and CPU4
 * columns of application_energy.csv, 4 app pairs x 8 phones; test/calibration/precision.test.ts checks
 * these against the data). Where no factor was published for a precision and processor, the kernel is
 * priced as fp32 and its range widened by this spread, the only published evidence of how much
 * quantization changes energy.
 */
export const PUBLISHED_INT8_RATIO_RANGE = { low: 0.4, high: 1.07 } as const;

/** The factor a bundle without a `precision` section (user-trained, older) prices a precision with. */
export function unpublishedFactor(precision: Exclude<Precision, 'fp32'>, why: string): PrecisionFactor {
  const range = { coverage: 0.9, ...PUBLISHED_INT8_RATIO_RANGE };
  return {
    factor: { energy: 1, latency: 1 },
    uncertainty: { energy: range, latency: range },
    basis: 'unpublished',
    note: `${precision} ${why}: priced as fp32, range widened to the published INT8/FP32 ratios (${PUBLISHED_INT8_RATIO_RANGE.low}-${PUBLISHED_INT8_RATIO_RANGE.high}, DeepEn2023)`,
  };
}

/** How a bundle prices a kernel of `precision`; undefined for fp32 (no factor). */
export function precisionFactor(manifest: BundleManifest, precision: Precision): PrecisionFactor | undefined {
  if (precision === 'fp32') return undefined;
  return (
    manifest.precision?.factors[precision] ??
    unpublishedFactor(precision, `has no factor in bundle ${manifest.id}`)
  );
}
