import { bytesPerElement, type OnnxNode } from '../onnx/types.js';
import type { TensorShape } from '../onnx/shape-types.js';
import { elements, type FusionContext } from './context.js';
import type { KernelCost } from './types.js';
import { GATHERS, isControlInput, nodeWork } from './node-work.js';

/**
 * Cost of a kernel per inference: MACs, FLOPs, parameters and memory traffic (a node's MACs and
 * FLOPs are counted in node-work.ts).
 *
 * MACs count the multiply-accumulates of Conv, ConvTranspose, Gemm, MatMul and Einsum (and their
 * integer forms) exactly from the shapes, groups included, and those of the recurrent ops (LSTM,
 * GRU, RNN): per time step, batch row and direction, gates x hidden x (input + hidden), every step
 * of the sequence counted (sequence_lens, a per-row bound, is not looked at). FLOPs conventions, per
 * output element unless said otherwise:
 *
 * | op                                              | FLOPs                                                        |
 * | ----------------------------------------------- | ------------------------------------------------------------ |
 * | Conv, ConvTranspose, Gemm, MatMul, Einsum       | 2 x MACs, + 1 for a bias (Conv B, Gemm C)                    |
 * | BatchNormalization fused into a conv            | 1 if the conv has no bias, else 0 (folding makes one bias add) |
 * | BatchNormalization, InstanceNormalization       | 2 (scale, shift)                                             |
 * | LayerNormalization                              | 5 per input element + 1 per scale/shift + 2 per normalised row |
 * | Add Sub Mul Div Pow Max Min Relu Clip Abs Neg   | 1 (also Sqrt Exp Log Erf Reciprocal, comparisons, Where)      |
 *   Floor Ceil Round Sign, Sum/Mean (n-1 per element)
 * | LeakyRelu, PRelu, Elu, Selu                     | 2                                                            |
 * | HardSigmoid                                     | 3 (scale, shift, clip)                                       |
 * | HardSwish, Sigmoid, Tanh, Softplus              | 4                                                            |
 * | Gelu, Mish                                      | 8                                                            |
 * | Softmax, LogSoftmax                             | 5 (max, subtract, exp, sum, divide)                          |
 * | LpNormalization                                 | 3 per input element (|x| or x², sum, divide) + 1 per row for p=2 |
 * | LSTM, GRU, RNN (per step, row, direction, unit) | 2 x MACs + the gate arithmetic of the default activations:    |
 *   LSTM 28 (+8 with B, +6 with peepholes P), GRU 20 (+6 with B), RNN 5 (+2 with B)
 * | MaxPool, AveragePool, LpPool                    | kernel window size per output element                        |
 * | GlobalAveragePool, GlobalMaxPool, Reduce*       | 1 per input element                                          |
 * | Resize/Upsample                                 | 0 nearest, 4 linear, 16 cubic                                |
 * | Concat Split Slice Transpose Reshape Gather Pad | 0: data movement, priced through bytes (FREE_OPS)            |
 *   Cast Expand Tile...
 * | any other op                                    | 0, and detection warns once per op type (hasCostRule)        |
 *
 * Params are elements of the initializers (and of Constant-node weights) a kernel reads, traced
 * back through folded nodes; an initializer shared by several kernels counts once, in the first.
 * Bytes are activations read from outside the kernel + activations it hands on + weights it reads.
 * A gather (Gather, GatherElements, GatherND) reads only the rows it picks: its data input counts
 * as its output's bytes (an embedding lookup reads the looked-up rows, not the table), while the
 * table's elements still count as params.
 */

/**
 * Roots of a constant value: the initializers and Constant-node outputs it is computed from,
 * through folded nodes. Memoised per value, since shape sub-graphs share most of their roots.
 */
export interface ParamTracer {
  roots(value: string): readonly string[];
}

export function createParamTracer(
  ctx: FusionContext,
  /** Folded nodes (constants, shape arithmetic): a Set or the Map of why each is folded. */
  folded: { has(node: OnnxNode): boolean },
): ParamTracer {
  const memo = new Map<string, readonly string[]>();
  const initializers = ctx.index.graph.initializers;
  const roots = (start: string): readonly string[] => {
    const known = memo.get(start);
    if (known) return known;
    // Iterative post-order walk: deep constant chains must not overflow the stack.
    const stack: { value: string; expanded: boolean }[] = [{ value: start, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (memo.has(top.value)) {
        stack.pop();
        continue;
      }
      const p = ctx.index.producer.get(top.value);
      const leaf = initializers.has(top.value) || !p || !folded.has(p) || p.opType === 'Constant';
      if (leaf) {
        memo.set(
          top.value,
          initializers.has(top.value) || (p?.opType === 'Constant' && folded.has(p)) ? [top.value] : [],
        );
        stack.pop();
        continue;
      }
      const inputs = p.inputs.filter((i) => i !== '' && ctx.isConstant(i));
      if (!top.expanded) {
        top.expanded = true;
        for (const i of inputs) if (!memo.has(i)) stack.push({ value: i, expanded: false });
        continue;
      }
      const set = new Set<string>();
      for (const i of inputs) for (const r of memo.get(i) ?? []) set.add(r);
      memo.set(top.value, [...set]);
      stack.pop();
    }
    return memo.get(start) ?? [];
  };
  return { roots };
}

export interface CostInputs {
  readonly ctx: FusionContext;
  readonly tracer: ParamTracer;
  /** Roots (initializer names, Constant outputs) already counted by an earlier kernel; updated. */
  readonly attributed: Set<string>;
  /** The graph has Quantize/DequantizeLinear steps folded into kernels (storedInputInfo). */
  readonly quantizationSteps?: boolean;
}

export interface KernelCostResult extends KernelCost {
  /** Activation values read from outside the kernel and values it hands on, in graph order. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Their shapes, undefined where unknown. */
  readonly inputShapes: readonly (readonly number[] | undefined)[];
  readonly outputShapes: readonly (readonly number[] | undefined)[];
  /** Values whose shape is unknown, so that the cost undercounts. */
  readonly unknown: readonly string[];
}

function infoBytes(info: TensorShape | undefined): number {
  return info ? elements(info.shape) * bytesPerElement(info.dataType) : 0;
}

/*
 * The element type a kernel moves: a runtime runs a float op between DequantizeLinear and
 * QuantizeLinear (ONNX QDQ) as one quantized kernel, which reads the Dequantize's int8 input and
 * writes the Quantize's int8 output, not the float tensors between them (those are folded into the
 * kernel, see rules.json). A Cast is not such a step: a runtime folds a Cast of a weight into a
 * float weight at load time, so the kernel reads floats.
 */
function storedInputInfo(ctx: FusionContext, node: OnnxNode, k: number): TensorShape | undefined {
  const info = ctx.inputInfo(node, k);
  const id = ctx.inputNumber(node, k);
  const producer = id < 0 ? undefined : ctx.index.producer.byId(id);
  if (!info || producer?.opType !== 'DequantizeLinear' || producer.domain !== '') return info;
  return retyped(info, ctx.inputInfo(producer, 0)?.dataType);
}

function storedOutputInfo(ctx: FusionContext, node: OnnxNode, k: number): TensorShape | undefined {
  const info = ctx.outputInfo(node, k);
  const id = ctx.outputNumber(node, k);
  const readers = id < 0 ? undefined : ctx.index.consumers.byId(id);
  if (!info || !readers || readers.length === 0) return info;
  let dataType: TensorShape['dataType'] | undefined;
  for (const r of readers) {
    if (r.opType !== 'QuantizeLinear' || r.domain !== '') return info;
    dataType = ctx.outputInfo(r, 0)?.dataType;
  }
  return retyped(info, dataType);
}

function retyped(info: TensorShape, dataType: TensorShape['dataType'] | undefined): TensorShape {
  return dataType === undefined || dataType === info.dataType ? info : { ...info, dataType };
}

function valueBytes(ctx: FusionContext, value: string): number {
  return infoBytes(ctx.info(value));
}

/** Cost of the nodes of one kernel (in graph order). Marks the roots it counts in `attributed`. */
export function kernelCost(
  nodes: readonly OnnxNode[],
  { ctx, tracer, attributed, quantizationSteps = false }: CostInputs,
): KernelCostResult {
  // Lists and loops, not Sets and callbacks, working lists reused from call to call, and values
  // asked about by their node and slot (FusionContext.inputInfo): a kernel has a few nodes and
  // values, and this runs for each of 10^6 kernels, where every array grown here is garbage to
  // collect (an array grown by push takes room for 17) and every name looked up a cache miss.
  const inside = nodes;
  const { produced, unknown, inputs, seenInputs, weights, outputs, reads, ownRoots } = SCRATCH;
  produced.clear();
  ownRoots.clear();
  unknown.clear();
  inputs.clear();
  seenInputs.clear();
  weights.clear();
  outputs.clear();
  reads.whole.clear();
  reads.partial = undefined;
  for (const n of nodes) for (const o of n.outputs) if (o !== '') produced.push(o, undefined);

  let macs = 0;
  let flops = 0;
  for (const n of nodes) {
    const ins = n.inputs;
    for (let i = 0; i < ins.length; i++) {
      const v = ins[i]!;
      if (v !== '' && !ctx.inputInfo(n, i)) unknown.pushOnce(v);
    }
    const outs = n.outputs;
    for (let i = 0; i < outs.length; i++) {
      const v = outs[i]!;
      if (v === '') continue;
      // An optional output nothing reads (an LSTM's Y_h, say) costs nothing, known or not.
      const unread = i > 0 && ctx.outputReaders(n, i).length === 0 && !ctx.isGraphOutput(v);
      if (!unread && !ctx.outputInfo(n, i)) unknown.pushOnce(v);
    }
    const work = nodeWork(n, ctx);
    macs += work.macs;
    flops += work.flops + epilogueAdjustment(n, inside, ctx);
  }

  let params = 0;
  let ownParams = 0;
  for (const n of nodes) {
    const ins = n.inputs;
    for (let i = 0; i < ins.length; i++) {
      const v = ins[i]!;
      if (v === '') continue;
      const source = ctx.source(v);
      if (produced.includes(v) || produced.includes(source)) continue;
      if (ctx.isConstantInput(n, i)) {
        const control = isControlInput(n, i);
        if (!control) {
          if (!weights.includes(v))
            weights.push(v, quantizationSteps ? storedInputInfo(ctx, n, i) : ctx.inputInfo(n, i));
          noteRead(v, n, i, ctx, reads);
        }
        const roots = tracer.roots(v);
        for (let r = 0; r < roots.length; r++) {
          const root = roots[r]!;
          if (ownRoots.includes(root)) continue;
          const initializer = ctx.index.graph.initializers.get(root);
          if (!initializer && control) continue;
          ownRoots.push(root, undefined);
          const size = initializer ? initializer.elements : elements(ctx.shape(root) ?? []);
          ownParams += size;
          if (attributed.has(root)) continue;
          attributed.add(root);
          params += size;
        }
        continue;
      }
      noteRead(source, n, i, ctx, reads);
      if (!seenInputs.includes(source)) {
        seenInputs.push(source, undefined);
        inputs.push(v, quantizationSteps ? storedInputInfo(ctx, n, i) : ctx.inputInfo(n, i));
      }
    }
  }

  for (const n of nodes) {
    const outs = n.outputs;
    for (let k = 0; k < outs.length; k++) {
      const o = outs[k]!;
      if (o === '') continue;
      if (ctx.isGraphOutput(o) || readOutside(ctx.outputReaders(n, k), inside))
        outputs.push(o, quantizationSteps ? storedOutputInfo(ctx, n, k) : ctx.outputInfo(n, k));
    }
  }
  if (outputs.size === 0) {
    const last = nodes[nodes.length - 1];
    const outs = last?.outputs ?? [];
    for (let k = 0; k < outs.length; k++)
      if (outs[k] !== '')
        outputs.push(
          outs[k]!,
          quantizationSteps ? storedOutputInfo(ctx, last!, k) : ctx.outputInfo(last!, k),
        );
  }

  let inputBytes = 0;
  for (let i = 0; i < inputs.size; i++) {
    const v = inputs.name(i);
    inputBytes += readBytes(inputs.info(i), ctx.source(v), reads);
  }
  let outputBytes = 0;
  for (let i = 0; i < outputs.size; i++) outputBytes += infoBytes(outputs.info(i));
  let weightBytes = 0;
  let weightElements = 0;
  for (let i = 0; i < weights.size; i++) {
    const info = weights.info(i);
    const read = readBytes(info, weights.name(i), reads);
    weightBytes += read;
    const size = info ? bytesPerElement(info.dataType) : 0;
    if (size > 0) weightElements += read / size;
  }
  return {
    macs,
    flops,
    params,
    ownParams,
    bytes: inputBytes + outputBytes + weightBytes,
    inputBytes,
    outputBytes,
    weightBytes,
    weightElements,
    inputs: inputs.names(),
    outputs: outputs.names(),
    inputShapes: inputs.shapes(),
    outputShapes: outputs.shapes(),
    unknown: unknown.size === 0 ? NONE : unknown.names(),
  };
}

const NONE: readonly string[] = [];

/** Values (names, with their shape info where asked) in a list reused from call to call. */
class ValueList {
  private readonly items: string[] = [];
  private readonly infos: (TensorShape | undefined)[] = [];
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(name: string, info: TensorShape | undefined): void {
    this.items[this.size] = name;
    this.infos[this.size++] = info;
  }

  pushOnce(name: string): void {
    if (!this.includes(name)) this.push(name, undefined);
  }

  includes(name: string): boolean {
    for (let i = 0; i < this.size; i++) if (this.items[i] === name) return true;
    return false;
  }

  name(i: number): string {
    return this.items[i]!;
  }

  info(i: number): TensorShape | undefined {
    return this.infos[i];
  }

  /** The names, in an array of their own of exact length. */
  names(): string[] {
    return this.items.slice(0, this.size);
  }

  /** Their shapes (undefined where unknown), in an array of their own. */
  shapes(): (readonly number[] | undefined)[] {
    const out = new Array<readonly number[] | undefined>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.infos[i]?.shape;
    return out;
  }
}

/** The working lists of kernelCost (one call at a time: it calls nothing that prices a kernel). */
const SCRATCH = {
  produced: new ValueList(),
  unknown: new ValueList(),
  inputs: new ValueList(),
  seenInputs: new ValueList(),
  weights: new ValueList(),
  outputs: new ValueList(),
  reads: { partial: undefined, whole: new ValueList() } as Reads,
  ownRoots: new ValueList(),
};

/** True when a reader is not one of the kernel's nodes. */
function readOutside(readers: readonly OnnxNode[], inside: readonly OnnxNode[]): boolean {
  for (let i = 0; i < readers.length; i++) if (!inside.includes(readers[i]!)) return true;
  return false;
}

/** The reads of a kernel: values read whole, and the largest part read of the others (a gather's data). */
interface Reads {
  /** Made on the first partial read: most kernels have none. */
  partial: Map<string, number> | undefined;
  readonly whole: ValueList;
}

/** Records that input `i` of `n` reads `v`: whole, or the part a gather picks. */
function noteRead(v: string, n: OnnxNode, i: number, ctx: FusionContext, reads: Reads): void {
  const part = partialRead(n, i, ctx);
  if (part === undefined) {
    reads.whole.pushOnce(v);
    return;
  }
  reads.partial ??= new Map();
  reads.partial.set(v, Math.max(reads.partial.get(v) ?? 0, part));
}

/** Bytes read of a value of shape `info` (its reads recorded under `key`): whole, or the largest partial read. */
function readBytes(info: TensorShape | undefined, key: string, reads: Reads): number {
  return reads.whole.includes(key)
    ? infoBytes(info)
    : Math.min(reads.partial?.get(key) ?? 0, infoBytes(info));
}

/**
 * Bytes a node reads of its input `i` when it reads only part of it: a gather's data input costs
 * what it picks, the bytes of its output. Undefined when the whole input is read.
 */
function partialRead(node: OnnxNode, i: number, ctx: FusionContext): number | undefined {
  if (node.domain !== '' || i !== 0 || !GATHERS.has(node.opType)) return undefined;
  const out = node.outputs[0];
  return out && ctx.info(out) ? valueBytes(ctx, out) : undefined;
}

/**
 * A BatchNormalization fused into a conv is folded into it by the runtime: it costs one bias add if
 * the conv has no bias and nothing otherwise (instead of its stand-alone 2 FLOPs per element), so
 * graphs with BN folded by the exporter and with BN kept separate cost the same.
 */
function epilogueAdjustment(node: OnnxNode, inside: readonly OnnxNode[], ctx: FusionContext): number {
  if (node.opType !== 'BatchNormalization' || node.domain !== '') return 0;
  const conv = ctx.producer(node.inputs[0] ?? '');
  if (!conv || !inside.includes(conv) || (conv.opType !== 'Conv' && conv.opType !== 'ConvTranspose'))
    return 0;
  const out = ctx.shape(node.outputs[0] ?? '');
  const n = out ? elements(out) : 0;
  const standalone = 2 * n;
  const convHasBias = (conv.inputs[2] ?? '') !== '';
  return (convHasBias ? 0 : n) - standalone;
}
