/** The predictor layer's public API: kernel CSVs, training, bundles and inference. */
export { readKernelCsv, parseKernelCsv, type KernelCsv, type KernelRow } from './csv.js';
export { PredictorError } from './errors.js';
export { predictorFeatures, PREDICTOR_FEATURES, FEATURE_NAMES, SCALE_FEATURES } from './features.js';
export { trainBundle } from './train.js';
export { fitBundle, type FittedBundle } from './train-manifest.js';
export { configKernel } from './train-fit.js';
export { type TrainOptions } from './train-options.js';
export { kernelAccuracy, type KernelAccuracyRow } from './accuracy.js';
export {
  loadBundle,
  loadBundles,
  transferManifest,
  kernelClass,
  MANIFEST_FILE,
  type LoadedBundle,
  type KernelClass,
  type TransferOptions,
} from './bundle.js';
export {
  MANIFEST_SCHEMA,
  MANIFEST_SCHEMA_VERSION,
  type BundleManifest,
  type Processor,
  type RegressorSpec,
  type OutputSpec,
  type ScaleSpec,
  type Provenance,
} from './manifest.js';
export {
  predictKernels,
  predictBundle,
  predictTargets,
  extrapolatedFeatures,
  EXTRAPOLATION_MARGIN,
  type KernelPrediction,
  type BundlePrediction,
  type Coverage,
} from './predictor.js';
export { SessionPool, defaultSessionPool } from './session.js';
export type { AccuracyFigures, RatioRange } from './metrics.js';
export type { EnergyMillijoules, LatencyMilliseconds, PowerWatts, PredictionTarget } from './units.js';
