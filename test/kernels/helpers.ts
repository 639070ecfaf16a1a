import { detectKernels } from '../../src/kernels/detect.js';
import type { FusionRules } from '../../src/kernels/rules.js';
import type { Detection, Kernel, KernelType } from '../../src/kernels/types.js';
import type { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes, decodeModelFile } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import type { OnnxModel } from '../../src/onnx/types.js';

export interface Analysed {
  readonly model: OnnxModel;
  readonly detection: Detection;
}

function analyse(model: OnnxModel, rules?: FusionRules): Analysed {
  const index = indexGraph(model.graph, model.path);
  const shapes = inferShapes(model, index);
  return { model, detection: detectKernels(model, index, shapes, rules) };
}

export const analyseFile = (path: string, rules?: FusionRules): Analysed =>
  analyse(decodeModelFile(path), rules);

export const analyseBuilder = (builder: ModelBuilder, rules?: FusionRules): Analysed =>
  analyse(decodeModelBytes(builder.encode(), { path: '<test>' }), rules);

export function countByType(kernels: readonly Kernel[]): Partial<Record<KernelType, number>> {
  const counts: Partial<Record<KernelType, number>> = {};
  for (const k of kernels) counts[k.type] = (counts[k.type] ?? 0) + 1;
  return counts;
}

/** Every node of the graph is in exactly one kernel or folded. */
export function accountedNodes({ model, detection }: Analysed): { missing: string[]; twice: string[] } {
  const seen = new Map<string, number>();
  for (const k of detection.kernels) for (const n of k.nodes) seen.set(n, (seen.get(n) ?? 0) + 1);
  for (const f of detection.folded) seen.set(f.node, (seen.get(f.node) ?? 0) + 1);
  return {
    missing: model.graph.nodes.filter((n) => !seen.has(n.name)).map((n) => n.name),
    twice: [...seen].filter(([, c]) => c > 1).map(([n]) => n),
  };
}

export const sum = (kernels: readonly Kernel[], field: 'macs' | 'flops' | 'params' | 'bytes'): number =>
  kernels.reduce((s, k) => s + k[field], 0);
