import type { Kernel } from '../kernels/types.js';

/**
 * The feature vector every regressor of a bundle reads: cost counts from the analysis engine, their
 * logarithms (energy grows roughly as a power of work and traffic, so logs make that a straight line
 * for the boosting start and the fallback fit), the spatial sizes in and out, and the configuration
 * fields in DeepEn2023's terms. One vector for all kernel types, so a type without its own regressor
 * can be priced by the bundle's `others` regressor from the same input. Missing fields are 0.
 */
export interface FeatureSpec {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

export const PREDICTOR_FEATURES: readonly FeatureSpec[] = [
  { name: 'flops', unit: 'FLOP', description: 'floating-point operations (2 x MACs + elementwise work)' },
  { name: 'macs', unit: 'MAC', description: 'multiply-accumulates' },
  { name: 'params', unit: 'elements', description: 'weight elements read' },
  { name: 'input_bytes', unit: 'B', description: 'activation bytes read' },
  { name: 'output_bytes', unit: 'B', description: 'activation bytes written' },
  { name: 'weight_bytes', unit: 'B', description: 'weight bytes read' },
  { name: 'bytes', unit: 'B', description: 'memory traffic: input + output + weight bytes' },
  { name: 'ln_flops', unit: 'ln(FLOP)', description: 'ln(1 + flops)' },
  { name: 'ln_bytes', unit: 'ln(B)', description: 'ln(1 + bytes)' },
  { name: 'ln_input_bytes', unit: 'ln(B)', description: 'ln(1 + input_bytes)' },
  { name: 'ln_output_bytes', unit: 'ln(B)', description: 'ln(1 + output_bytes)' },
  { name: 'ln_weight_bytes', unit: 'ln(B)', description: 'ln(1 + weight_bytes)' },
  { name: 'flops_per_byte', unit: 'FLOP/B', description: 'arithmetic intensity: flops / bytes' },
  { name: 'hw_in', unit: 'px', description: 'input height = width (HW; sqrt(H x W) when not square)' },
  { name: 'hw_out', unit: 'px', description: 'output height = width (sqrt(H x W) of the first output)' },
  { name: 'cin', unit: 'channels', description: 'CIN' },
  { name: 'cout', unit: 'channels', description: 'COUT (CIN where the type has no COUT)' },
  { name: 'kernel_size', unit: 'px', description: 'KERNEL_SIZE' },
  { name: 'strides', unit: 'px', description: 'STRIDES' },
  { name: 'pool_strides', unit: 'px', description: 'POOL_STRIDES' },
  { name: 'cin1', unit: 'channels', description: 'CIN1 (concat inputs)' },
  { name: 'cin2', unit: 'channels', description: 'CIN2' },
  { name: 'cin3', unit: 'channels', description: 'CIN3' },
  { name: 'cin4', unit: 'channels', description: 'CIN4' },
  { name: 'inputs', unit: 'tensors', description: 'activation inputs' },
];

export const FEATURE_NAMES: readonly string[] = PREDICTOR_FEATURES.map((f) => f.name);
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Index of a named feature; throws on a name that is not in the vector (a programming error). */
export function featureIndex(name: string): number {
  const i = FEATURE_NAMES.indexOf(name);
  if (i < 0) throw new Error(`no predictor feature '${name}'`);
  return i;
}

/**
 * The features that say how big a kernel is (work and traffic). A bundle records their range over each
 * regressor's training rows, and a kernel outside it is priced by extrapolation (see predictor.ts).
 */
export const SCALE_FEATURES = ['flops', 'input_bytes', 'output_bytes', 'weight_bytes'] as const;

/** Feature columns of the log-linear starting fit of boosting. */
export const LOG_FEATURES: readonly string[] = [
  'ln_flops',
  'ln_bytes',
  'ln_input_bytes',
  'ln_output_bytes',
  'ln_weight_bytes',
];

/**
 * The memory traffic a kernel would have in fp32. Quantized and fp16 kernels are priced by the fp32
 * regressors times a precision factor (predict/precision.ts), so the regressors must see the fp32
 * kernel: with its stored (smaller) bytes the saving would be counted twice.
 */
function fp32Traffic(kernel: Kernel): Pick<Kernel, 'inputBytes' | 'outputBytes' | 'weightBytes' | 'bytes'> {
  if (kernel.precision === 'fp32') return kernel;
  const elements = (shapes: readonly (readonly number[])[]) =>
    shapes.reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);
  const inputBytes = 4 * elements(kernel.inputShapes);
  const outputBytes = 4 * elements(kernel.outputShapes);
  // Not 4 x params: a weight shared with an earlier kernel counts in its params, yet this one reads it too.
  const weightBytes = 4 * kernel.weightElements;
  return { inputBytes, outputBytes, weightBytes, bytes: inputBytes + outputBytes + weightBytes };
}

export function predictorFeatures(kernel: Kernel): { names: readonly string[]; values: number[] } {
  const c = kernel.config;
  const { inputBytes, outputBytes, weightBytes, bytes } = fp32Traffic(kernel);
  const hwIn =
    c.HW ??
    (c.H !== undefined && c.W !== undefined ? Math.sqrt(c.H * c.W) : spatialSide(kernel.inputShapes[0]));
  const cin = c.CIN ?? 0;
  const values = [
    kernel.flops,
    kernel.macs,
    kernel.ownParams,
    inputBytes,
    outputBytes,
    weightBytes,
    bytes,
    Math.log1p(kernel.flops),
    Math.log1p(bytes),
    Math.log1p(inputBytes),
    Math.log1p(outputBytes),
    Math.log1p(weightBytes),
    bytes > 0 ? kernel.flops / bytes : 0,
    hwIn,
    spatialSide(kernel.outputShapes[0]),
    cin,
    c.COUT ?? cin,
    c.KERNEL_SIZE ?? 0,
    c.STRIDES ?? 0,
    c.POOL_STRIDES ?? 0,
    c.CIN1 ?? 0,
    c.CIN2 ?? 0,
    c.CIN3 ?? 0,
    c.CIN4 ?? 0,
    kernel.inputShapes.length,
  ];
  return { names: FEATURE_NAMES, values };
}

/** sqrt(H x W) of an NCHW (or N C spatial...) shape; 1 for shapes without spatial dims. */
function spatialSide(shape: readonly number[] | undefined): number {
  if (!shape || shape.length < 3) return 1;
  const spatial = shape.slice(2).reduce((a, b) => a * b, 1);
  return Math.sqrt(spatial);
}
