import { decodeModelBytes } from '../onnx/decode.js';
import { indexGraph } from '../onnx/graph.js';
import { inferShapes } from '../onnx/shapes.js';
import { generatedKernelTypes, kernelTypeEntry } from './catalog.js';
import { detectKernels } from './detect.js';
import { KernelModel, needField, type KernelModelOptions } from './kernel-model.js';
import { KernelError, type Kernel, type KernelConfig, type KernelType } from './types.js';

export { samePadding, type GeneratedActivation, type KernelModelOptions } from './kernel-model.js';

/**
 * One-kernel ONNX models from DeepEn2023 configurations, built by each kernel type's generator (its
 * catalog entry; the dataset's types in generators.ts) the way nn-Meter's TensorFlow kernel builders
 * build them (the dataset's kernels). Training turns every dataset row into features through
 * kernelFromConfig, and measurement runs buildKernelModel's models, so features from configurations
 * and from real models come from the same code.
 */

/** Builds the one-kernel ONNX model of a kernel type and configuration. */
export function buildKernelModel(
  type: KernelType,
  config: KernelConfig,
  options: KernelModelOptions = {},
): Uint8Array {
  const generator = kernelTypeEntry(type).generator;
  if (!generator)
    throw new KernelError(
      `${type} config`,
      `no generator for kernel type '${type}' (the dataset's types are ${generatedKernelTypes().join(', ')})`,
    );
  const spatial = generator.columns.some((group) => group.includes('HW'));
  const hw = spatial ? needField(type, config, 'HW') : 0;
  const m = new KernelModel(type, options.opset ?? 13, hw);
  return m.finish(generator.build(m, config, options));
}

/**
 * The kernel a configuration describes, analysed by the same code as real models: builds the model,
 * decodes, indexes, infers shapes and detects. Throws KernelError unless exactly one kernel of the
 * intended type comes back.
 */
export function kernelFromConfig(
  type: KernelType,
  config: KernelConfig,
  options: KernelModelOptions = {},
): Kernel {
  const where = `${type} ${JSON.stringify(config)}`;
  const bytes = buildKernelModel(type, config, options);
  const model = decodeModelBytes(bytes, { path: `<kernel ${type}>` });
  const index = indexGraph(model.graph, model.path);
  const shapes = inferShapes(model, index);
  if (shapes.unresolved.length > 0)
    throw new KernelError(where, `shapes could not be inferred (${shapes.warnings.join('; ')})`);
  const detection = detectKernels(model, index, shapes);
  const kinds = detection.kernels.map((k) => `${k.type} [${k.opTypes.join('+')}]`);
  const kernel = detection.kernels[0];
  if (detection.kernels.length !== 1 || !kernel || kernel.type !== type) {
    throw new KernelError(
      where,
      `the generated model analyses to ${kinds.length} kernel(s) (${kinds.join(', ')}), not one ${type}`,
    );
  }
  return kernel;
}
