import { analyzeBytes, type ModelAnalysis } from '../analysis/analyze.js';
import { deviceInfo } from '../devices/catalog.js';
import type { LoadedBundle } from '../predict/bundle.js';
import { predictTargets, type BundlePrediction } from '../predict/predictor.js';
import { mobilenetV1 } from '../reference/networks.js';
import { describePrecision } from '../kernels/precision.js';
import type { ModelStats, Target } from './types.js';

/** A model version analysed and priced on every target of the run. */
export interface PricedModel {
  readonly stats: ModelStats;
  readonly analysis: ModelAnalysis;
  /** By bundle id. */
  readonly predictions: ReadonlyMap<string, BundlePrediction>;
}

/** A target of the run with what scoring needs. */
export interface RunTarget {
  readonly target: Target;
  readonly bundle: LoadedBundle;
  /** Energy of the score's reference network (MobileNetV1-224) on this target. */
  readonly referenceMj: number;
  readonly batteryMah?: number;
}

export function modelStats(a: ModelAnalysis): ModelStats {
  return {
    macs: a.totals.macs,
    flops: a.totals.flops,
    params: a.totals.params,
    bytes: a.totals.bytes,
    kernels: a.totals.kernels,
    format: a.model.format,
    precision: describePrecision(a.precision),
  };
}

export async function priceAnalysis(
  analysis: ModelAnalysis,
  targets: readonly RunTarget[],
): Promise<PricedModel> {
  const predictions = await predictTargets(
    targets.map((t) => t.bundle),
    analysis.kernels,
  );
  return {
    stats: modelStats(analysis),
    analysis,
    predictions: new Map(predictions.map((p) => [p.bundle, p])),
  };
}

/**
 * Resolves the run's targets: each bundle with its device's battery and the reference energy of the
 * score (the same bundle pricing MobileNetV1-224, so scores never depend on the PR).
 */
export async function runTargets(bundles: readonly LoadedBundle[]): Promise<RunTarget[]> {
  const reference = await analyzeBytes(mobilenetV1(), 'reference/mobilenet_v1-224.onnx', {
    runtimeFallback: false,
  });
  const predictions = await predictTargets(bundles, reference.kernels);
  return bundles.map((bundle, i) => {
    const m = bundle.manifest;
    const device = deviceInfo(m.device);
    const p = predictions[i]!;
    return {
      target: {
        bundle: m.id,
        device: m.device,
        deviceName: m.deviceName ?? device?.name ?? m.device,
        processor: m.processor,
      },
      bundle,
      referenceMj: p.energyMj ?? p.latencyMs ?? 0,
      ...(device ? { batteryMah: device.batteryMah } : {}),
    };
  });
}
