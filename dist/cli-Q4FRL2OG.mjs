import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  defaultSessionPool
} from "./cli-IMOGGF4K.mjs";
import {
  UnknownDeviceError,
  selectBundles
} from "./cli-TD4PF7EO.mjs";
import {
  SCALE_FEATURES,
  combinedRange,
  featureIndex,
  gpuKernelEnergy,
  kernelClass,
  predictorFeatures
} from "./cli-RJEMN5YO.mjs";
import {
  PredictorError
} from "./cli-F4FCAN3U.mjs";
import {
  UsageError
} from "./cli-M3NVEZ4U.mjs";

// src/predict/precision.ts
var PUBLISHED_INT8_RATIO_RANGE = { low: 0.4, high: 1.07 };
function unpublishedFactor(precision, why) {
  const range = { coverage: 0.9, ...PUBLISHED_INT8_RATIO_RANGE };
  return {
    factor: { energy: 1, latency: 1 },
    uncertainty: { energy: range, latency: range },
    basis: "unpublished",
    note: `${precision} ${why}: priced as fp32, range widened to the published INT8/FP32 ratios (${PUBLISHED_INT8_RATIO_RANGE.low}-${PUBLISHED_INT8_RATIO_RANGE.high}, DeepEn2023)`
  };
}
function precisionFactor(manifest, precision) {
  if (precision === "fp32") return void 0;
  return manifest.precision?.factors[precision] ?? unpublishedFactor(precision, `has no factor in bundle ${manifest.id}`);
}

// src/predict/predictor.ts
var EXTRAPOLATION_MARGIN = 1.25;
function extrapolatedFeatures(spec, features) {
  const range = spec.trainingRange;
  if (!range) return [];
  return SCALE_FEATURES.filter((name) => {
    const bounds = range[name];
    if (!bounds) return false;
    const value = features[featureIndex(name)];
    return value > bounds[1] * EXTRAPOLATION_MARGIN || value < bounds[0] / EXTRAPOLATION_MARGIN;
  });
}
async function predictKernels(bundle, kernels, options = {}) {
  const pool = options.pool ?? defaultSessionPool;
  const cache = options.cache ?? /* @__PURE__ */ new Map();
  const features = options.features ?? kernels.map((k) => predictorFeatures(k).values);
  const groups = /* @__PURE__ */ new Map();
  kernels.forEach((kernel, i) => {
    const regressor = bundle.regressors.get(kernel.type) ?? bundle.others;
    const list = groups.get(regressor);
    if (list) list.push(i);
    else groups.set(regressor, [i]);
  });
  const results = new Array(kernels.length);
  const targets = bundle.manifest.targets;
  const scale = bundle.manifest.scale;
  await Promise.all(
    [...groups].map(async ([regressor, indices]) => {
      const width = regressor.featureIndices.length;
      const key = `${regressor.modelFile}
${regressor.featureIndices.join(",")}
${indices.join(",")}`;
      let pending = cache.get(key);
      if (!pending) {
        const input = new Float32Array(indices.length * width);
        indices.forEach((k, row) => {
          const values = features[k];
          regressor.featureIndices.forEach((f, col) => {
            input[row * width + col] = values[f];
          });
        });
        pending = pool.run(regressor.modelFile, input, indices.length, width);
        cache.set(key, pending);
      }
      const { data, columns } = await pending;
      indices.forEach((k, row) => {
        const kernel = kernels[k];
        const extrapolated = extrapolatedFeatures(regressor.spec, features[k]);
        const values = {};
        for (const target of targets) {
          const output = regressor.spec.outputs.find((o) => o.target === target);
          if (output.column >= columns) {
            throw new PredictorError(
              `the manifest reads ${target} from output column ${output.column}, the model has ${columns} column(s)`,
              { file: regressor.modelFile }
            );
          }
          const raw = data[row * columns + output.column];
          if (!Number.isFinite(raw) || raw < 0) {
            throw new PredictorError(
              `${Number.isNaN(raw) ? "NaN" : raw < 0 ? "negative" : "infinite"} ${target} output (${raw}) for kernel '${kernel.name}' (${kernel.type})`,
              { file: regressor.modelFile }
            );
          }
          const quantized = precisionFactor(bundle.manifest, kernel.precision);
          const factor = scale ? scale.factors[kernelClass(kernel.type)][target] : 1;
          const gpu = target === "energy" ? bundle.manifest.gpuCost : void 0;
          const map = (x) => gpu ? gpuKernelEnergy(gpu, kernel.type, x) : x;
          const mapped = map(raw);
          const value = mapped * factor * (quantized?.factor[target] ?? 1);
          const own = gpu && mapped > 0 ? {
            ...output.uncertainty,
            low: map(raw * output.uncertainty.low) / mapped,
            high: map(raw * output.uncertainty.high) / mapped
          } : output.uncertainty;
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
          ...basis ? { precisionBasis: basis } : {},
          source: regressor.key,
          fallback: regressor.key === "others",
          ...extrapolated.length > 0 ? { extrapolated } : {},
          ...values.energy ? { energyMj: values.energy.value, energyRangeMj: values.energy.range } : {},
          ...values.latency ? { latencyMs: values.latency.value, latencyRangeMs: values.latency.range } : {}
        };
      });
    })
  );
  return results;
}
async function predictBundle(bundle, kernels, options = {}) {
  const predictions = await predictKernels(bundle, kernels, options);
  return summarize(bundle, predictions);
}
async function predictTargets(bundles, kernels, options = {}) {
  const shared = {
    ...options,
    cache: options.cache ?? /* @__PURE__ */ new Map(),
    features: options.features ?? kernels.map((k) => predictorFeatures(k).values)
  };
  return Promise.all(bundles.map((bundle) => predictBundle(bundle, kernels, shared)));
}
function summarize(bundle, predictions) {
  const m = bundle.manifest;
  const sum = (f) => predictions.reduce((total2, p) => total2 + (f(p) ?? 0), 0);
  const has = (t) => m.targets.includes(t);
  const energyMj = has("energy") ? sum((p) => p.energyMj) : void 0;
  const latencyMs = has("latency") ? sum((p) => p.latencyMs) : void 0;
  const coverageTarget = has("energy") ? "energy" : "latency";
  const valueOf = (p) => (coverageTarget === "energy" ? p.energyMj : p.latencyMs) ?? 0;
  const fallbacks = predictions.filter((p) => p.fallback);
  const extrapolated = predictions.filter((p) => (p.extrapolated?.length ?? 0) > 0);
  const unpublished = predictions.filter((p) => p.precisionBasis === "unpublished");
  const total = energyMj ?? latencyMs ?? 0;
  const shareOf = (list) => total > 0 ? list.reduce((s, p) => s + valueOf(p), 0) / total : 0;
  const widths = predictions.map((p) => p.energyRangeMj ? p.energyRangeMj[1] - p.energyRangeMj[0] : 0);
  const effectiveKernels = effectiveCount(widths);
  return {
    bundle: m.id,
    device: m.device,
    processor: m.processor,
    kind: m.provenance.kind,
    ...energyMj !== void 0 ? {
      energyMj,
      energyRangeMj: [sum((p) => p.energyRangeMj?.[0]), sum((p) => p.energyRangeMj?.[1])],
      ...effectiveKernels !== void 0 ? { energyRangeEffectiveKernels: effectiveKernels } : {}
    } : {},
    ...latencyMs !== void 0 ? {
      latencyMs,
      latencyRangeMs: [sum((p) => p.latencyRangeMs?.[0]), sum((p) => p.latencyRangeMs?.[1])]
    } : {},
    // mJ / ms = W.
    ...energyMj !== void 0 && latencyMs !== void 0 && latencyMs > 0 ? { powerW: energyMj / latencyMs } : {},
    coverage: {
      target: coverageTarget,
      fallbackShare: shareOf(fallbacks),
      fallbackKernels: fallbacks.length,
      fallbackTypes: [...new Set(fallbacks.map((p) => p.type))].sort(),
      extrapolatedShare: shareOf(extrapolated),
      extrapolatedKernels: extrapolated.length,
      extrapolatedTypes: [...new Set(extrapolated.map((p) => p.type))].sort(),
      ...unpublished.length > 0 ? {
        unpublishedPrecisionShare: shareOf(unpublished),
        unpublishedPrecisions: [...new Set(unpublished.map((p) => p.precision))].sort()
      } : {}
    },
    kernels: predictions
  };
}
function effectiveCount(widths) {
  let sum = 0;
  let squares = 0;
  for (const w of widths) {
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? sum * sum / squares : void 0;
}

// src/cli/bundle-selection.ts
function selectRunBundles(selection, from) {
  const bundles = selectOrUsage(selection);
  if (bundles.length > 0) return bundles;
  const devices = selection.devices === void 0 || selection.devices === "all" ? void 0 : selection.devices.join(", ") || "(none)";
  const asked = `device ${devices ?? "all"} and processor ${selection.processors?.join(", ") ?? "all"}`;
  const there = selectBundles({
    ...selection.devices ? { devices: selection.devices } : {},
    ...selection.extra ? { extra: selection.extra } : {},
    ...selection.noDefaults ? { noDefaults: selection.noDefaults } : {}
  });
  const available = there.length > 0 ? `bundles for ${devices ?? "all devices"}: ${bundleList(there)}` : "no predictor bundle was loaded at all";
  throw new UsageError(`no predictor bundle matches ${asked} (${from}); ${available}`);
}
function selectOrUsage(selection) {
  try {
    return selectBundles(selection);
  } catch (error) {
    if (error instanceof UnknownDeviceError && selection.origin?.startsWith("--"))
      throw new UsageError(error.message);
    throw error;
  }
}
function bundleList(bundles) {
  return bundles.map((b) => `${b.manifest.id} (${b.manifest.processor})`).join(", ");
}

export {
  EXTRAPOLATION_MARGIN,
  predictTargets,
  selectRunBundles,
  bundleList
};
