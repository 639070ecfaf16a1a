import type { OnnxNode } from '../onnx/types.js';
import { intAttr, intsAttr } from '../onnx/attributes.js';
import { elements, smallInt, type FusionContext } from './context.js';
import type { ConfigInputs } from './catalog-types.js';
import type { KernelConfig } from './types.js';

/**
 * DeepEn2023 kernel configurations: the spatial base every type starts from, and the catalog entries'
 * `config` functions for the types that have more (conventions in features.ts).
 */

interface Layout {
  readonly H: number;
  readonly W: number;
  readonly C: number;
  readonly SEQ?: number;
}

/** Spatial size and channels of an activation shape (see the conventions in features.ts). */
export function layout(shape: readonly number[], channelFirst: boolean): Layout {
  const r = shape.length;
  if (r === 0) return { H: 1, W: 1, C: 1 };
  if (r === 1) return { H: 1, W: 1, C: shape[0]! };
  if (r === 2) return { H: 1, W: 1, C: shape[1]! };
  if (r === 3 && !channelFirst) return { H: shape[1]!, W: 1, C: shape[2]!, SEQ: shape[1]! };
  return { H: shape[2]!, W: elements(shape, 3), C: shape[1]! };
}

const squareSide = (h: number, w: number): number => (h === w ? h : Math.round(Math.sqrt(h * w)));

/** One number for a possibly non-square window or stride: the side if square, else sqrt of the area. */
function side(values: readonly number[] | undefined, fallback: number): number {
  if (!values || values.length === 0) return fallback;
  if (values.every((v) => v === values[0])) return values[0]!;
  return Math.round(Math.sqrt(elements(values)));
}

export function spatialConfig(
  shape: readonly number[] | undefined,
  channelFirst: boolean,
): { HW: number; H: number; W: number; CIN: number; SEQ?: number } {
  const l = layout(shape ?? [], channelFirst);
  // Assigned, never spread from a conditional literal: spreading gives every config a hidden class
  // of its own (tens of thousands at 10^5 kernels), and with it boxed numbers and slow reads.
  const config: { HW: number; H: number; W: number; CIN: number; SEQ?: number } = {
    HW: smallInt(squareSide(l.H, l.W)),
    H: smallInt(l.H),
    W: smallInt(l.W),
    CIN: smallInt(l.C),
  };
  if (l.SEQ !== undefined) config.SEQ = smallInt(l.SEQ);
  return config;
}

/**
 * `{ ...base, ...extra }` built by assignment: V8 gives each object spread this way a hidden class
 * of its own (one per conv at 10^5 kernels, each number boxed); assigned, they share one.
 */
function withFields(base: KernelConfig, extra: KernelConfig): KernelConfig {
  const out: Record<string, number | undefined> = {};
  for (const key in base) out[key] = base[key as keyof KernelConfig];
  for (const key in extra) {
    const value = extra[key as keyof KernelConfig];
    out[key] = value === undefined ? value : smallInt(value);
  }
  return out;
}

export const find = (nodes: readonly OnnxNode[], ...ops: string[]) =>
  nodes.find((n) => n.domain === '' && ops.includes(n.opType));

const nchw = (s: readonly number[]): number[] => [s[0]!, s[3]!, s[1]!, s[2]!];

/**
 * True when a kernel's rank-4 input is NHWC: a conv whose weight says the channels are on the last
 * axis and not the second (the export padded before its layout Transpose), or a mean over axes 1, 2
 * (a global pool or squeeze-excite of NHWC data).
 */
function isNhwcInput(nodes: readonly OnnxNode[], input: readonly number[], ctx: FusionContext): boolean {
  if (input.length !== 4) return false;
  const head = nodes[0];
  const conv = nodes.find((n) => n.opType === 'Conv');
  if (conv && (head === conv || head?.opType === 'Pad')) {
    const w = ctx.inputInfo(conv, 1)?.shape;
    const cin = w ? (w[1] ?? 0) * intAttr(conv, 'group', 1) : undefined;
    return cin !== undefined && input[1] !== cin && input[3] === cin;
  }
  if (head?.opType !== 'ReduceMean') return false;
  const axes = intsAttr(head, 'axes') ?? (head.inputs[1] ? ctx.values(head.inputs[1]) : undefined);
  return axes?.map((a) => (a < 0 ? a + 4 : a)).join(',') === '1,2';
}

function shapeIn(ctx: FusionContext, v: string | undefined): readonly number[] | undefined {
  return v ? ctx.shape(v) : undefined;
}

/**
 * The first activation's shape (`declared`: the first input's, or the first output's where that is
 * unknown) as N, C, H, W: exports from NHWC frameworks (Keras via ONNX) feed some kernels NHWC data
 * around the layout Transposes the analysis folds.
 */
export function firstShape(
  nodes: readonly OnnxNode[],
  declared: readonly number[] | undefined,
  ctx: FusionContext,
): readonly number[] | undefined {
  return declared && isNhwcInput(nodes, declared, ctx) ? nchw(declared) : declared;
}

export function convConfig({ nodes, ctx, base }: ConfigInputs): KernelConfig {
  const conv = find(nodes, 'Conv', 'ConvTranspose');
  if (!conv) return base;
  const w = ctx.inputInfo(conv, 1)?.shape;
  const out = ctx.outputInfo(conv, 0)?.shape;
  return withFields(base, {
    COUT: out?.[1] ?? 0,
    KERNEL_SIZE: side(intsAttr(conv, 'kernel_shape') ?? w?.slice(2), 1),
    STRIDES: side(intsAttr(conv, 'strides'), 1),
  });
}

export function poolConfig({ nodes, base }: ConfigInputs): KernelConfig {
  const pool = find(nodes, 'MaxPool', 'AveragePool');
  if (!pool) return base;
  const stride = side(intsAttr(pool, 'strides'), 1);
  return withFields(base, {
    KERNEL_SIZE: side(intsAttr(pool, 'kernel_shape'), 1),
    STRIDES: stride,
    POOL_STRIDES: stride,
  });
}

/**
 * CIN1..CIN4 are the channels of its inputs in order, 0 for absent ones; with more than four inputs,
 * CIN4 holds the sum of the 4th and later inputs, so that the total is kept.
 */
export function concatConfig({ nodes, ctx, base }: ConfigInputs): KernelConfig {
  const concat = find(nodes, 'Concat');
  if (!concat) return base;
  const rank = shapeIn(ctx, concat.inputs[0])?.length ?? 4;
  const rawAxis = intAttr(concat, 'axis', 1);
  const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
  const channels = concat.inputs.filter((i) => i !== '').map((i) => shapeIn(ctx, i)?.[axis] ?? 0);
  const rest = channels.slice(3).reduce((a, b) => a + b, 0);
  return withFields(spatialConfig(shapeIn(ctx, concat.inputs[0]), true), {
    CIN: channels.reduce((a, b) => a + b, 0),
    CIN1: channels[0] ?? 0,
    CIN2: channels[1] ?? 0,
    CIN3: channels[2] ?? 0,
    CIN4: rest,
  });
}

export function fcConfig({ nodes, ctx, base }: ConfigInputs): KernelConfig {
  const mm = find(nodes, 'Gemm', 'MatMul');
  if (!mm) return base;
  const a = shapeIn(ctx, mm.inputs[0]) ?? [];
  const out = shapeIn(ctx, mm.outputs[0]) ?? [];
  const k = mm.opType === 'Gemm' && intAttr(mm, 'transA', 0) ? (a[0] ?? 0) : (a[a.length - 1] ?? 0);
  const n = out[out.length - 1] ?? 0;
  const rows = n > 0 ? elements(out) / n : 0;
  const config: { CIN: number; COUT: number; SEQ?: number } = { CIN: k, COUT: n };
  if (rows > 1) config.SEQ = rows;
  return config;
}

export function matmulConfig({ nodes, ctx, base }: ConfigInputs): KernelConfig {
  const mm = find(nodes, 'MatMul', 'Gemm', 'MatMulInteger', 'Einsum');
  const a = shapeIn(ctx, mm?.inputs[0]) ?? [];
  const out = shapeIn(ctx, mm?.outputs[0]) ?? [];
  if (!mm || mm.opType === 'Einsum' || a.length === 0 || out.length === 0) return base;
  const k = mm.opType === 'Gemm' && intAttr(mm, 'transA', 0) ? a[0]! : a[a.length - 1]!;
  const n = out.length >= 2 ? out[out.length - 1]! : 1;
  const m = out.length >= 2 ? out[out.length - 2]! : out[0]!;
  return { SEQ: m, CIN: k, COUT: n, HEADS: elements(out) / Math.max(m * n, 1) };
}

export function attentionConfig({ nodes, ctx, base }: ConfigInputs): KernelConfig {
  const mm = find(nodes, 'MatMul');
  const q = shapeIn(ctx, mm?.inputs[0]) ?? [];
  const r = q.length;
  if (r < 2) return base;
  const heads = r >= 3 ? q[r - 3]! : 1;
  return { SEQ: q[r - 2]!, HIDDEN: heads * q[r - 1]!, HEADS: heads };
}

export function layerNormConfig({ nodes, ctx, first }: ConfigInputs): KernelConfig {
  const x = first ?? [];
  const ln = find(nodes, 'LayerNormalization');
  const mean = find(nodes, 'ReduceMean');
  let axis = x.length - 1;
  if (ln) axis = intAttr(ln, 'axis', -1);
  else if (mean) {
    const axes = intsAttr(mean, 'axes') ?? (mean.inputs[1] ? ctx.values(mean.inputs[1]) : undefined);
    if (axes?.length) axis = Math.min(...axes.map((a) => (a < 0 ? a + x.length : a)));
  }
  if (axis < 0) axis += x.length;
  const hidden = elements(x.slice(axis));
  return { SEQ: hidden > 0 ? elements(x) / hidden : 0, HIDDEN: hidden };
}
