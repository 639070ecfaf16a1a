import type { Kernel, KernelType } from '../kernels/types.js';
import { combinedRange, kernelClass, type LoadedBundle, type LoadedRegressor } from './bundle.js';
import { PredictorError } from './errors.js';
import { featureIndex, predictorFeatures, SCALE_FEATURES } from './features.js';
import type { Precision } from '../kernels/precision.js';
import { gpuKernelEnergy } from './gpu-cost.js';
import type { PrecisionFactor, Processor, RegressorSpec } from './manifest.js';
import { precisionFactor } from './precision.js';
import { defaultSessionPool, type SessionPool } from './session.js';
import type { EnergyMillijoules, LatencyMilliseconds, PowerWatts, PredictionTarget } from './units.js';

/**
 * Prices kernels with a bundle: one onnxruntime run per regressor with all kernels it prices batched,
 * then per kernel class scale factors (transfer bundles) and ranges from the cross-validated residuals.
 */
export interface KernelPrediction {
  readonly name: string;
  readonly type: KernelType;
  readonly precision: Precision;
  /** What the kernel's precision factor rests on (absent for fp32, which has none). */
  readonly precisionBasis?: PrecisionFactor['basis'];
  /** The regressor that priced the kernel: its own type's, or the bundle's 'others' fallback. */
  readonly source: KernelType;
  readonly fallback: boolean;
  /**
   * The scale features (SCALE_FEATURES) on which the kernel lies beyond its regressor's training range
   * by more than EXTRAPOLATION_MARGIN; absent when none (or when the bundle records no range).
   */
  readonly extrapolated?: readonly string[];
  readonly energyMj?: EnergyMillijoules;
  readonly energyRangeMj?: readonly [EnergyMillijoules, EnergyMillijoules];
  readonly latencyMs?: LatencyMilliseconds;
  readonly latencyRangeMs?: readonly [LatencyMilliseconds, LatencyMilliseconds];
}

export interface Coverage {
  /** The target the share is measured in (energy where the bundle predicts it). */
  readonly target: PredictionTarget;
  /** Share of the total priced by the 'others' fallback, 0..1. */
  readonly fallbackShare: number;
  readonly fallbackKernels: number;
  /** Kernel types priced by the fallback, sorted. */
  readonly fallbackTypes: readonly KernelType[];
  /** Share of the total from kernels beyond their regressor's training data (`extrapolated`), 0..1. */
  readonly extrapolatedShare: number;
  readonly extrapolatedKernels: number;
  /** Kernel types of the extrapolated kernels, sorted. */
  readonly extrapolatedTypes: readonly KernelType[];
  /**
   * Share of the total from kernels of a precision with no published factor on this target (priced as
   * fp32 with a widened range), and those precisions; absent when there are none.
   */
  readonly unpublishedPrecisionShare?: number;
  readonly unpublishedPrecisions?: readonly Precision[];
}

/**
 * How far beyond a regressor's training range a scale feature must lie to count as extrapolated:
 * above max x margin or below min / margin. A margin, because a value a hair outside the range (a
 * 1,280-channel layer where 1,266 channels were measured) is not meaningfully extrapolated; it is the
 * kernels far outside (a 112 px input where 3-7 px were measured) whose prices are guesses.
 */
export const EXTRAPOLATION_MARGIN = 1.25;

/**
 * The scale features of a kernel's feature vector that lie beyond the regressor's training range by
 * more than EXTRAPOLATION_MARGIN, in SCALE_FEATURES order; empty when the regressor records no range.
 */
export function extrapolatedFeatures(spec: RegressorSpec, features: readonly number[]): string[] {
  const range = spec.trainingRange;
  if (!range) return [];
  return SCALE_FEATURES.filter((name) => {
    const bounds = range[name];
    if (!bounds) return false;
    const value = features[featureIndex(name)]!;
    return value > bounds[1] * EXTRAPOLATION_MARGIN || value < bounds[0] / EXTRAPOLATION_MARGIN;
  });
}

export interface BundlePrediction {
  readonly bundle: string;
  readonly device: string;
  readonly processor: Processor;
  /** 'trained' or 'transfer' (calibrated from another bundle), as the manifest says. */
  readonly kind: LoadedBundle['manifest']['provenance']['kind'];
  readonly energyMj?: EnergyMillijoules;
  /** Sum of the kernels' ranges: the errors of kernels are assumed to move together (an upper bound). */
  readonly energyRangeMj?: readonly [EnergyMillijoules, EnergyMillijoules];
  /**
   * How many kernels the energy range rests on: (sum of kernel range widths)^2 / sum of squared widths.
   * 1 when one kernel carries it all, the kernel count when all are alike. Few means the total keeps
   * its kernels' errors; many means independent kernel errors would partly cancel (the summed range is
   * then an upper bound). Absent when the range has no width.
   */
  readonly energyRangeEffectiveKernels?: number;
  readonly latencyMs?: LatencyMilliseconds;
  readonly latencyRangeMs?: readonly [LatencyMilliseconds, LatencyMilliseconds];
  /** Average power, energy / latency, where the bundle predicts both. */
  readonly powerW?: PowerWatts;
  readonly coverage: Coverage;
  readonly kernels: readonly KernelPrediction[];
}

export interface PredictOptions {
  readonly pool?: SessionPool;
  /** Shared between calls over the same kernels (predictTargets): raw model outputs by file and batch. */
  readonly cache?: Map<string, Promise<{ data: Float32Array; columns: number }>>;
  /** Precomputed predictorFeatures values of the kernels, in kernel order. */
  readonly features?: readonly (readonly number[])[];
}

export async function predictKernels(
  bundle: LoadedBundle,
  kernels: readonly Kernel[],
  options: PredictOptions = {},
): Promise<KernelPrediction[]> {
  const pool = options.pool ?? defaultSessionPool;
  const cache = options.cache ?? new Map<string, Promise<{ data: Float32Array; columns: number }>>();
  const features = options.features ?? kernels.map((k) => predictorFeatures(k).values);
  const groups = new Map<LoadedRegressor, number[]>();
  kernels.forEach((kernel, i) => {
    const regressor = bundle.regressors.get(kernel.type) ?? bundle.others;
    const list = groups.get(regressor);
    if (list) list.push(i);
    else groups.set(regressor, [i]);
  });
  const results: KernelPrediction[] = new Array<KernelPrediction>(kernels.length);
  const targets = bundle.manifest.targets;
  const scale = bundle.manifest.scale;
  await Promise.all(
    [...groups].map(async ([regressor, indices]) => {
      const width = regressor.featureIndices.length;
      const key = `${regressor.modelFile}\n${regressor.featureIndices.join(',')}\n${indices.join(',')}`;
      let pending = cache.get(key);
      if (!pending) {
        const input = new Float32Array(indices.length * width);
        indices.forEach((k, row) => {
          const values = features[k]!;
          regressor.featureIndices.forEach((f, col) => {
            input[row * width + col] = values[f]!;
          });
        });
        pending = pool.run(regressor.modelFile, input, indices.length, width);
        cache.set(key, pending);
      }
      const { data, columns } = await pending;
      indices.forEach((k, row) => {
        const kernel = kernels[k]!;
        const extrapolated = extrapolatedFeatures(regressor.spec, features[k]!);
        const values: Partial<Record<PredictionTarget, { value: number; range: readonly [number, number] }>> =
          {};
        for (const target of targets) {
          const output = regressor.spec.outputs.find((o) => o.target === target)!;
          if (output.column >= columns) {
            throw new PredictorError(
              `the manifest reads ${target} from output column ${output.column}, the model has ${columns} column(s)`,
              { file: regressor.modelFile },
            );
          }
          const raw = data[row * columns + output.column]!;
          if (!Number.isFinite(raw) || raw < 0) {
            throw new PredictorError(
              `${Number.isNaN(raw) ? 'NaN' : raw < 0 ? 'negative' : 'infinite'} ${target} output (${raw}) for kernel '${kernel.name}' (${kernel.type})`,
              { file: regressor.modelFile },
            );
          }
          const quantized = precisionFactor(bundle.manifest, kernel.precision);
          const factor = scale ? scale.factors[kernelClass(kernel.type)][target]! : 1;
          const gpu = target === 'energy' ? bundle.manifest.gpuCost : undefined;
          const map = (x: number): number => (gpu ? gpuKernelEnergy(gpu, kernel.type, x) : x);
          const mapped = map(raw);
          // A precision factor multiplies the fp32 price on the target, after the GPU map.
          const value = mapped * factor * (quantized?.factor[target] ?? 1);
          // The regressor's own range is on the base bundle's energy: carried through the GPU map.
          const own =
            gpu && mapped > 0
              ? {
                  ...output.uncertainty,
                  low: map(raw * output.uncertainty.low) / mapped,
                  high: map(raw * output.uncertainty.high) / mapped,
                }
              : output.uncertainty;
          const transfer = scale?.kernelUncertainty?.[target] ?? scale?.uncertainty[target];
          const kernelRange = combinedRange(own, transfer);
          const q = quantized?.uncertainty[target];
          const { low, high } = q ? combinedRange({ ...kernelRange, coverage: q.coverage }, q) : kernelRange;
          values[target] = { value, range: [value * low, value * high] };
        }
        const basis = precisionFactor(bundle.manifest, kernel.precision)?.basis;
        results[k] = {
          name: kernel.name,
          type: kernel.type,
          precision: kernel.precision,
          ...(basis ? { precisionBasis: basis } : {}),
          source: regressor.key,
          fallback: regressor.key === 'others',
          ...(extrapolated.length > 0 ? { extrapolated } : {}),
          ...(values.energy ? { energyMj: values.energy.value, energyRangeMj: values.energy.range } : {}),
          ...(values.latency
            ? { latencyMs: values.latency.value, latencyRangeMs: values.latency.range }
            : {}),
        };
      });
    }),
  );
  return results;
}

/** Kernel predictions plus totals, ranges, average power and fallback coverage. */
export async function predictBundle(
  bundle: LoadedBundle,
  kernels: readonly Kernel[],
  options: PredictOptions = {},
): Promise<BundlePrediction> {
  const predictions = await predictKernels(bundle, kernels, options);
  return summarize(bundle, predictions);
}

/**
 * Predicts the same kernels on several bundles. Features are computed once, and bundles that share a
 * model file (transfers of one trained bundle) share its runs: one run per file and kernel batch.
 */
export async function predictTargets(
  bundles: readonly LoadedBundle[],
  kernels: readonly Kernel[],
  options: PredictOptions = {},
): Promise<BundlePrediction[]> {
  const shared: PredictOptions = {
    ...options,
    cache: options.cache ?? new Map(),
    features: options.features ?? kernels.map((k) => predictorFeatures(k).values),
  };
  return Promise.all(bundles.map((bundle) => predictBundle(bundle, kernels, shared)));
}

export function summarize(bundle: LoadedBundle, predictions: readonly KernelPrediction[]): BundlePrediction {
  const m = bundle.manifest;
  const sum = (f: (p: KernelPrediction) => number | undefined): number =>
    predictions.reduce((total, p) => total + (f(p) ?? 0), 0);
  const has = (t: PredictionTarget): boolean => m.targets.includes(t);
  const energyMj = has('energy') ? sum((p) => p.energyMj) : undefined;
  const latencyMs = has('latency') ? sum((p) => p.latencyMs) : undefined;
  const coverageTarget: PredictionTarget = has('energy') ? 'energy' : 'latency';
  const valueOf = (p: KernelPrediction): number =>
    (coverageTarget === 'energy' ? p.energyMj : p.latencyMs) ?? 0;
  const fallbacks = predictions.filter((p) => p.fallback);
  const extrapolated = predictions.filter((p) => (p.extrapolated?.length ?? 0) > 0);
  const unpublished = predictions.filter((p) => p.precisionBasis === 'unpublished');
  const total = energyMj ?? latencyMs ?? 0;
  const shareOf = (list: readonly KernelPrediction[]): number =>
    total > 0 ? list.reduce((s, p) => s + valueOf(p), 0) / total : 0;
  const widths = predictions.map((p) => (p.energyRangeMj ? p.energyRangeMj[1] - p.energyRangeMj[0] : 0));
  const effectiveKernels = effectiveCount(widths);
  return {
    bundle: m.id,
    device: m.device,
    processor: m.processor,
    kind: m.provenance.kind,
    ...(energyMj !== undefined
      ? {
          energyMj,
          energyRangeMj: [sum((p) => p.energyRangeMj?.[0]), sum((p) => p.energyRangeMj?.[1])] as const,
          ...(effectiveKernels !== undefined ? { energyRangeEffectiveKernels: effectiveKernels } : {}),
        }
      : {}),
    ...(latencyMs !== undefined
      ? {
          latencyMs,
          latencyRangeMs: [sum((p) => p.latencyRangeMs?.[0]), sum((p) => p.latencyRangeMs?.[1])] as const,
        }
      : {}),
    // mJ / ms = W.
    ...(energyMj !== undefined && latencyMs !== undefined && latencyMs > 0
      ? { powerW: energyMj / latencyMs }
      : {}),
    coverage: {
      target: coverageTarget,
      fallbackShare: shareOf(fallbacks),
      fallbackKernels: fallbacks.length,
      fallbackTypes: [...new Set(fallbacks.map((p) => p.type))].sort(),
      extrapolatedShare: shareOf(extrapolated),
      extrapolatedKernels: extrapolated.length,
      extrapolatedTypes: [...new Set(extrapolated.map((p) => p.type))].sort(),
      ...(unpublished.length > 0
        ? {
            unpublishedPrecisionShare: shareOf(unpublished),
            unpublishedPrecisions: [...new Set(unpublished.map((p) => p.precision))].sort(),
          }
        : {}),
    },
    kernels: predictions,
  };
}

/** (sum w)^2 / sum w^2: the number of equal parts that would give the same concentration; undefined for no width. */
export function effectiveCount(widths: readonly number[]): number | undefined {
  let sum = 0;
  let squares = 0;
  for (const w of widths) {
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? (sum * sum) / squares : undefined;
}
