import { lookupTable } from '../lookup-table.js';
import { type OnnxNode } from '../onnx/types.js';
import { intAttr, intsAttr, stringAttr } from '../onnx/attributes.js';
import { elements, type FusionContext } from './context.js';

/** One node's MACs and FLOPs, by the conventions tabled in cost.ts, and which ops have a cost rule. */

export interface NodeWork {
  readonly macs: number;
  readonly flops: number;
}

const NO_WORK: NodeWork = { macs: 0, flops: 0 };

const PER_ELEMENT = lookupTable<number>({
  Add: 1,
  Sub: 1,
  Mul: 1,
  Div: 1,
  Pow: 1,
  Max: 1,
  Min: 1,
  Relu: 1,
  Clip: 1,
  Abs: 1,
  Neg: 1,
  Sqrt: 1,
  Exp: 1,
  Log: 1,
  Erf: 1,
  Reciprocal: 1,
  Floor: 1,
  Ceil: 1,
  Round: 1,
  Sign: 1,
  Equal: 1,
  Less: 1,
  LessOrEqual: 1,
  Greater: 1,
  GreaterOrEqual: 1,
  Where: 1,
  Mod: 1,
  And: 1,
  Or: 1,
  Xor: 1,
  Not: 1,
  BitShift: 1,
  IsNaN: 1,
  IsInf: 1,
  Sin: 1,
  Cos: 1,
  Tan: 1,
  Asin: 1,
  Acos: 1,
  Atan: 1,
  Sinh: 1,
  Cosh: 1,
  Asinh: 1,
  Acosh: 1,
  Atanh: 1,
  Softsign: 3,
  Shrink: 2,
  Celu: 2,
  LeakyRelu: 2,
  PRelu: 2,
  Elu: 2,
  Selu: 2,
  ThresholdedRelu: 1,
  HardSigmoid: 3,
  HardSwish: 4,
  Sigmoid: 4,
  Tanh: 4,
  Softplus: 4,
  Gelu: 8,
  Mish: 8,
  Softmax: 5,
  LogSoftmax: 5,
  BatchNormalization: 2,
  InstanceNormalization: 2,
});

const REDUCTIONS = new Set([
  'GlobalAveragePool',
  'GlobalMaxPool',
  'GlobalLpPool',
  'ReduceMean',
  'ReduceSum',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceSumSquare',
  'ArgMax',
  'ArgMin',
]);

/** Recurrent ops: gates per cell, and the elementwise FLOPs per step, batch row, direction and hidden unit. */
const RECURRENT: Readonly<Record<string, { gates: number; cell: number; bias: number; peephole: number }>> = {
  // 4 (Wx + Rh) adds, 3 sigmoids + 2 tanh (4 each), C = f*C + i*c (3), H = o*tanh(C) (1); B: Wb + Rb per gate.
  LSTM: { gates: 4, cell: 28, bias: 8, peephole: 6 },
  // 3 adds, 2 sigmoids + 1 tanh, r * (Rh h) (1), H = (1 - z) * h + z * H (4).
  GRU: { gates: 3, cell: 20, bias: 6, peephole: 0 },
  // 1 add, 1 tanh.
  RNN: { gates: 1, cell: 5, bias: 2, peephole: 0 },
};

/** Ops that read part of their data input: that input costs the bytes of their output. */
export const GATHERS = new Set(['Gather', 'GatherElements', 'GatherND']);

/** Ops with a cost rule of their own in nodeWork (the switch). */
const RULED_OPS = new Set([
  'Conv',
  'ConvInteger',
  'QLinearConv',
  'ConvTranspose',
  'Gemm',
  'MatMul',
  'MatMulInteger',
  'QLinearMatMul',
  'Einsum',
  'MaxPool',
  'AveragePool',
  'LpPool',
  'LayerNormalization',
  'LpNormalization',
  'Resize',
  'Upsample',
  'Sum',
  'Mean',
  ...Object.keys(RECURRENT),
]);

/**
 * Ops that are free by design: they move, view, index or convert data without arithmetic, so 0
 * FLOPs is their cost rule and their bytes price them.
 */
const FREE_OPS = new Set([
  'Identity',
  'Dropout',
  'Constant',
  'ConstantOfShape',
  'Shape',
  'Size',
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Transpose',
  'Concat',
  'Split',
  'Slice',
  'Pad',
  'Expand',
  'Tile',
  'Cast',
  'CastLike',
  'Gather',
  'GatherElements',
  'GatherND',
  'Scatter',
  'ScatterElements',
  'ScatterND',
  'DepthToSpace',
  'SpaceToDepth',
  'Range',
  'OneHot',
  'EyeLike',
  'Trilu',
  'ReverseSequence',
  'Compress',
  'NonZero',
  'Optional',
  'OptionalGetElement',
  'OptionalHasElement',
]);

/**
 * Whether an op of the default domain has a cost rule, 0 FLOPs by design included; false means its
 * work is counted as 0 for want of a rule (detection says so). Other domains are warned about apart.
 */
export function hasCostRule(node: OnnxNode): boolean {
  if (node.domain !== '') return true;
  const op = node.opType;
  return RULED_OPS.has(op) || op in PER_ELEMENT || REDUCTIONS.has(op) || FREE_OPS.has(op);
}

/**
 * Inputs that steer an op rather than feed it data (shapes, axes, bounds, indices): not weights,
 * so their bytes are not weight traffic, though an initializer there still counts as a param.
 */
const CONTROL_INPUTS = lookupTable<readonly number[]>({
  Reshape: [1],
  Slice: [1, 2, 3, 4],
  Pad: [1, 2, 3],
  Resize: [1, 2, 3],
  Upsample: [1],
  Split: [1],
  Squeeze: [1],
  Unsqueeze: [1],
  Expand: [1],
  Tile: [1],
  Clip: [1, 2],
  TopK: [1],
  ConstantOfShape: [0],
  Range: [0, 1, 2],
  OneHot: [1, 2],
  Gather: [1],
  GatherElements: [1],
  GatherND: [1],
  CumSum: [1],
  Trilu: [1],
  Dropout: [1, 2],
  ReduceMean: [1],
  ReduceSum: [1],
  ReduceMax: [1],
  ReduceMin: [1],
  ReduceProd: [1],
  ReduceL1: [1],
  ReduceL2: [1],
  ReduceLogSum: [1],
  ReduceLogSumExp: [1],
  ReduceSumSquare: [1],
  NonMaxSuppression: [2, 3, 4],
  LSTM: [4],
  GRU: [4],
  RNN: [4],
});

export function isControlInput(node: OnnxNode, input: number): boolean {
  return node.domain === '' && (CONTROL_INPUTS[node.opType]?.includes(input) ?? false);
}

// Module-level helpers rather than closures per call: nodeWork runs for every node of the graph.
function inputShape(node: OnnxNode, ctx: FusionContext, i: number): readonly number[] | undefined {
  return ctx.inputInfo(node, i)?.shape;
}

function hasInput(node: OnnxNode, i: number): boolean {
  return (node.inputs[i] ?? '') !== '';
}

/** MACs and FLOPs of one node; shapes that are unknown count as zero work (reported by the caller). */
export function nodeWork(node: OnnxNode, ctx: FusionContext): NodeWork {
  if (node.domain !== '') return NO_WORK;
  const out = ctx.outputInfo(node, 0)?.shape;
  const outElements = out ? elements(out) : 0;

  switch (node.opType) {
    case 'Conv':
    case 'ConvInteger':
    case 'QLinearConv': {
      const w = inputShape(node, ctx, node.opType === 'QLinearConv' ? 3 : 1);
      if (!w || !out || w.length < 2) return NO_WORK;
      const macs = outElements * elements(w, 1);
      const biasInput = node.opType === 'QLinearConv' ? 8 : node.opType === 'Conv' ? 2 : -1;
      return { macs, flops: 2 * macs + (biasInput >= 0 && hasInput(node, biasInput) ? outElements : 0) };
    }
    case 'ConvTranspose': {
      const x = inputShape(node, ctx, 0);
      const w = inputShape(node, ctx, 1);
      if (!x || !w || w.length < 2) return NO_WORK;
      const macs = elements(x) * elements(w, 1);
      return { macs, flops: 2 * macs + (hasInput(node, 2) ? outElements : 0) };
    }
    case 'Gemm': {
      const a = inputShape(node, ctx, 0);
      if (!a || a.length !== 2 || !out) return NO_WORK;
      const k = intAttr(node, 'transA', 0) ? a[0]! : a[1]!;
      const macs = outElements * k;
      return { macs, flops: 2 * macs + (hasInput(node, 2) ? outElements : 0) };
    }
    case 'MatMul':
    case 'MatMulInteger':
    case 'QLinearMatMul': {
      const a = inputShape(node, ctx, 0);
      if (!a || a.length === 0 || !out) return NO_WORK;
      const macs = outElements * a[a.length - 1]!;
      return { macs, flops: 2 * macs };
    }
    case 'Einsum': {
      const macs = einsumMacs(node, ctx);
      const inputElements = node.inputs.reduce((s, _, i) => s + elements(inputShape(node, ctx, i) ?? [0]), 0);
      return { macs, flops: macs > 0 ? 2 * macs : inputElements };
    }
    case 'MaxPool':
    case 'AveragePool':
    case 'LpPool': {
      const window = elements(intsAttr(node, 'kernel_shape') ?? []);
      return { macs: 0, flops: outElements * window * (node.opType === 'LpPool' ? 2 : 1) };
    }
    case 'LayerNormalization': {
      const x = inputShape(node, ctx, 0);
      if (!x) return NO_WORK;
      const rank = x.length;
      const axis = intAttr(node, 'axis', -1);
      const rows = elements(x.slice(0, axis < 0 ? axis + rank : axis));
      const perElement = 5 + (hasInput(node, 1) ? 1 : 0) + (hasInput(node, 2) ? 1 : 0);
      return { macs: 0, flops: elements(x) * perElement + rows * 2 };
    }
    case 'LpNormalization': {
      const x = inputShape(node, ctx, 0);
      if (!x || x.length === 0) return NO_WORK;
      const rawAxis = intAttr(node, 'axis', -1);
      const axis = rawAxis < 0 ? rawAxis + x.length : rawAxis;
      const rows = elements(x) / Math.max(x[axis] ?? 1, 1);
      return { macs: 0, flops: 3 * elements(x) + (intAttr(node, 'p', 2) === 2 ? rows : 0) };
    }
    case 'LSTM':
    case 'GRU':
    case 'RNN':
      return recurrentWork(node, ctx);
    case 'Resize':
    case 'Upsample': {
      const mode = stringAttr(node, 'mode', 'nearest');
      const per = mode === 'nearest' ? 0 : mode === 'cubic' ? 16 : 4;
      return { macs: 0, flops: outElements * per };
    }
    case 'Sum':
    case 'Mean': {
      const n = node.inputs.filter((i) => i !== '').length;
      return { macs: 0, flops: outElements * Math.max(n - 1, 1) };
    }
    default: {
      if (REDUCTIONS.has(node.opType)) {
        const x = inputShape(node, ctx, 0);
        return { macs: 0, flops: x ? elements(x) : 0 };
      }
      return { macs: 0, flops: outElements * (PER_ELEMENT[node.opType] ?? 0) };
    }
  }
}

/**
 * Work of an LSTM, GRU or RNN from X [seq, batch, input] (layout 1: [batch, seq, input]) and W
 * [directions, gates x hidden, input]: every step of every direction multiplies the input by W and
 * the previous hidden state by R, then runs the gate arithmetic.
 */
function recurrentWork(node: OnnxNode, ctx: FusionContext): NodeWork {
  const spec = RECURRENT[node.opType]!;
  const x = ctx.shape(node.inputs[0] ?? '');
  const w = ctx.shape(node.inputs[1] ?? '');
  if (!x || x.length !== 3) return NO_WORK;
  const [seq, batch] = intAttr(node, 'layout', 0) === 1 ? [x[1]!, x[0]!] : [x[0]!, x[1]!];
  const input = x[2]!;
  const directions = stringAttr(node, 'direction', 'forward') === 'bidirectional' ? 2 : 1;
  const fromW = w && w.length === 3 ? w[1]! / spec.gates : 0;
  const hidden = intAttr(node, 'hidden_size', fromW);
  const cells = seq * batch * directions * hidden;
  const macs = cells * spec.gates * (input + hidden);
  const has = (i: number) => (node.inputs[i] ?? '') !== '';
  const perCell =
    spec.cell + (has(3) ? spec.bias : 0) + (node.opType === 'LSTM' && has(7) ? spec.peephole : 0);
  return { macs, flops: 2 * macs + cells * perCell };
}

/** MACs of an Einsum: the product of every index's size (two operands); n operands evaluated pairwise. */
function einsumMacs(node: OnnxNode, ctx: FusionContext): number {
  const equation = stringAttr(node, 'equation', '').replace(/\s+/g, '');
  const [lhs] = equation.split('->');
  if (!lhs) return 0;
  const terms = lhs.split(',');
  if (terms.length < 2) return 0;
  const sizes = new Map<string, number>();
  let ellipsis = 1;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    const shape = ctx.shape(node.inputs[t] ?? '');
    if (!shape) return 0;
    const [head = '', tail = ''] = term.includes('...') ? term.split('...') : [term, ''];
    const broadcastRank = shape.length - head.length - tail.length;
    if (!term.includes('...') && broadcastRank !== 0) return 0;
    [...head].forEach((c, i) => sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[i]!)));
    [...tail].forEach((c, i) =>
      sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[head.length + broadcastRank + i]!)),
    );
    if (term.includes('...'))
      ellipsis = Math.max(ellipsis, elements(shape.slice(head.length, head.length + broadcastRank)));
  }
  let product = ellipsis;
  for (const size of sizes.values()) product *= size;
  return product * (terms.length - 1);
}
