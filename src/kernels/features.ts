import type { OnnxNode } from '../onnx/types.js';
import { kernelTypeEntry, type KernelFeature } from './catalog.js';
import { find, firstShape, spatialConfig } from './configs.js';
import { elements, smallInt, type FusionContext } from './context.js';
import type { KernelConfig, KernelType } from './types.js';

/**
 * DeepEn2023 kernel configurations and feature vectors, per the kernel-type catalog's entries (which
 * types are channel-first, which have more than the spatial base: configs.ts, which features).
 *
 * Conventions (those of data/deepen2023/kernels_cpu.csv, built by nn-Meter's kernel builders):
 * - HW is the INPUT height (= width) of the kernel, before any padding or stride. Non-square inputs
 *   get HW = round(sqrt(H x W)); H and W keep the real values.
 * - Activations are NCHW (N, C, spatial...). Rank-3 tensors are N, C, L for channel-first kernels
 *   (conv, pools, BN, SE) and B, S, D (SEQ = S, CIN = D, H = S, W = 1) for the others.
 * - Pools carry both STRIDES and POOL_STRIDES, equal to the pool's stride (as in the dataset).
 * - Concat: CIN1..CIN4 are the channels of its inputs in order (configs.ts concatConfig).
 * - FLOPS is the kernel's FLOPs (cost.ts conventions). PARAMS is the weight count of the kernel as a
 *   runtime executes it: conv/fc weights plus one bias per output channel when there is a bias or a
 *   BatchNormalization to fold, so BN-folded and BN-separate exports get the same features.
 */

/** The DeepEn2023 feature names of a kernel type, in order. */
export function featureNames(type: KernelType): readonly KernelFeature[] {
  return kernelTypeEntry(type).features;
}

export interface ConfigInputs {
  readonly type: KernelType;
  readonly nodes: readonly OnnxNode[];
  /** Activation inputs of the kernel (values), in graph order. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Their shapes, undefined where unknown (kernelCost has them). */
  readonly inputShapes: readonly (readonly number[] | undefined)[];
  readonly outputShapes: readonly (readonly number[] | undefined)[];
  readonly ctx: FusionContext;
}

/** The DeepEn2023 configuration of a detected kernel. */
export function kernelConfig({
  type,
  nodes,
  inputs,
  outputs,
  inputShapes,
  outputShapes,
  ctx,
}: ConfigInputs): KernelConfig {
  const entry = kernelTypeEntry(type);
  const first = firstShape(nodes, inputShapes[0] ?? outputShapes[0], ctx);
  const base = spatialConfig(first, entry.channelFirst);
  return entry.config ? entry.config({ nodes, inputs, outputs, ctx, first, base }) : base;
}

/**
 * Weights of the kernel as executed: the conv/fc weight tensor plus one bias per output channel
 * when the graph has a bias or a BatchNormalization to fold into it. 0 for other kernels.
 */
export function runtimeParams(type: KernelType, nodes: readonly OnnxNode[], ctx: FusionContext): number {
  if (!kernelTypeEntry(type).executedWeights) return 0;
  const main = find(nodes, 'Conv', 'ConvTranspose', 'Gemm', 'MatMul');
  if (!main) return 0;
  const w = ctx.inputInfo(main, 1)?.shape ?? [];
  const out = ctx.outputInfo(main, 0)?.shape ?? [];
  const channels =
    main.opType === 'Gemm' || main.opType === 'MatMul' ? (out[out.length - 1] ?? 0) : (out[1] ?? 0);
  const bias =
    (main.inputs[2] ?? '') !== '' ||
    nodes.some((n) => n.opType === 'BatchNormalization' || (main.opType === 'MatMul' && n.opType === 'Add'));
  return elements(w) + (bias ? channels : 0);
}

/** The feature vector of a kernel type, by name (see featureNames for the order). */
export function featureVector(
  type: KernelType,
  config: KernelConfig,
  flops: number,
  params: number,
): Record<string, number> {
  const fields = config as Readonly<Record<string, number | undefined>>;
  const out: Record<string, number> = {};
  for (const name of featureNames(type))
    out[name] = smallInt(name === 'FLOPS' ? flops : name === 'PARAMS' ? params : (fields[name] ?? 0));
  return out;
}
