import { DataType, type AttributeValue, type ConstValues, type OnnxNode } from './types.js';

/**
 * Per-operator shape rules (ONNX operator specs) with constant folding of the small integer tensors
 * that shape arithmetic produces (Shape -> Gather -> Concat -> Reshape and friends).
 */

/** What a rule sees of one input: its type, shape and, for constants, its values. */
export interface ValueType {
  readonly dataType: DataType;
  readonly shape: readonly number[];
  readonly value?: ConstValues;
}

/** What a rule returns for one output; `value` only when the output is a foldable constant. */
export interface OutputType {
  readonly dataType: DataType;
  readonly shape: readonly number[];
  readonly value?: ConstValues;
}

export class ShapeRuleError extends Error {}

/** A rule cannot decide (needs values that are not constants, or an unsupported attribute). */
export class UndecidableShape extends Error {}

export interface RuleContext {
  readonly node: OnnxNode;
  /** Inputs by position; undefined for omitted optional inputs. */
  readonly inputs: readonly (ValueType | undefined)[];
  readonly opset: number;
}

type Rule = (ctx: RuleContext) => OutputType[];

/** Elements above which folded values are not kept (they are only shape arithmetic). */
const MAX_FOLD = 4096;

// ------------------------------------------------------------------ attribute helpers

export function attr(node: OnnxNode, name: string): AttributeValue | undefined {
  return node.attributes.get(name);
}
export function attrInt(node: OnnxNode, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  return a && a.kind === 'int' ? a.value : fallback;
}
export function attrFloat(node: OnnxNode, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  if (a && a.kind === 'float') return a.value;
  if (a && a.kind === 'int') return a.value;
  return fallback;
}
export function attrInts(node: OnnxNode, name: string): readonly number[] | undefined {
  const a = node.attributes.get(name);
  if (!a) return undefined;
  if (a.kind === 'ints') return a.value;
  if (a.kind === 'int') return [a.value];
  return undefined;
}
export function attrFloats(node: OnnxNode, name: string): readonly number[] | undefined {
  const a = node.attributes.get(name);
  if (!a) return undefined;
  if (a.kind === 'floats' || a.kind === 'ints') return a.value;
  return undefined;
}
export function attrString(node: OnnxNode, name: string, fallback: string): string {
  const a = node.attributes.get(name);
  return a && a.kind === 'string' ? a.value : fallback;
}

// ------------------------------------------------------------------ small helpers

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function need(ctx: RuleContext, i: number): ValueType {
  const v = ctx.inputs[i];
  if (!v) throw new UndecidableShape(`input ${i} of ${ctx.node.opType} is unknown`);
  return v;
}

/** Values of a constant input (Reshape targets, Slice bounds...) or an undecidable-shape error. */
function constValues(ctx: RuleContext, i: number, what: string): ConstValues {
  const v = ctx.inputs[i];
  if (!v?.value)
    throw new UndecidableShape(`${ctx.node.opType} '${ctx.node.name}': ${what} is not a constant`);
  return v.value;
}

function normAxis(axis: number, rank: number, ctx: RuleContext): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= Math.max(rank, 1)) {
    throw new ShapeRuleError(
      `${ctx.node.opType} '${ctx.node.name}': axis ${axis} out of range for rank ${rank}`,
    );
  }
  return a;
}

export function broadcast(shapes: readonly (readonly number[])[], ctx?: RuleContext): number[] {
  const rank = shapes.reduce((r, s) => Math.max(r, s.length), 0);
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const d = s[i]!;
      const cur = out[o]!;
      if (d === cur || d === 1) continue;
      if (cur === 1) out[o] = d;
      else {
        throw new ShapeRuleError(
          `${ctx ? `${ctx.node.opType} '${ctx.node.name}': ` : ''}cannot broadcast [${shapes.map((x) => x.join('x')).join('] with [')}]`,
        );
      }
    }
  }
  return out;
}

function checkDims(shape: readonly number[], ctx: RuleContext): readonly number[] {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new ShapeRuleError(`${ctx.node.opType} '${ctx.node.name}': computed an invalid dimension ${d}`);
    }
  }
  if (!Number.isSafeInteger(size(shape))) {
    throw new ShapeRuleError(
      `${ctx.node.opType} '${ctx.node.name}': output size overflows [${shape.join(', ')}]`,
    );
  }
  return shape;
}

/** Evaluates an elementwise op over broadcast constant inputs. */
function foldElementwise(
  inputs: readonly ValueType[],
  shape: readonly number[],
  fn: (...xs: number[]) => number,
): ConstValues | undefined {
  if (inputs.some((i) => !i.value) || size(shape) > MAX_FOLD) return undefined;
  const n = size(shape);
  const out = new Array<number>(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    const args = inputs.map((inp) => {
      let flat = 0;
      let stride = 1;
      for (let d = inp.shape.length - 1; d >= 0; d--) {
        const o = shape.length - inp.shape.length + d;
        const dim = inp.shape[d]!;
        flat += (dim === 1 ? 0 : idx[o]!) * stride;
        stride *= dim;
      }
      return inp.value![flat]!;
    });
    out[k] = fn(...args);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d]! += 1;
      if (idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

const isInt = (dt: DataType) =>
  [
    DataType.INT64,
    DataType.INT32,
    DataType.INT16,
    DataType.INT8,
    DataType.UINT8,
    DataType.UINT16,
    DataType.UINT32,
    DataType.UINT64,
  ].includes(dt);

function same(ctx: RuleContext): OutputType[] {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: x.shape }];
}

function unary(fn?: (x: number) => number): Rule {
  return (ctx) => {
    const x = need(ctx, 0);
    const value = fn && x.value && x.value.length <= MAX_FOLD ? x.value.map(fn) : undefined;
    return [{ dataType: x.dataType, shape: x.shape, ...(value ? { value } : {}) }];
  };
}

function binary(fn?: (a: number, b: number, dt: DataType) => number, outType?: DataType): Rule {
  return (ctx) => {
    const ins = ctx.inputs.filter((i): i is ValueType => i !== undefined);
    if (ins.length < ctx.node.inputs.filter((n) => n !== '').length)
      throw new UndecidableShape('unknown input');
    const shape = broadcast(
      ins.map((i) => i.shape),
      ctx,
    );
    const dt = outType ?? ins[0]!.dataType;
    const value = fn ? foldElementwise(ins, shape, (...xs) => xs.reduce((a, b) => fn(a, b, dt))) : undefined;
    return [{ dataType: dt, shape, ...(value ? { value } : {}) }];
  };
}

const intDiv = (a: number, b: number, dt: DataType) => (isInt(dt) ? Math.trunc(a / b) : a / b);

// ------------------------------------------------------------------ convolution and pooling

function spatial(
  ctx: RuleContext,
  input: readonly number[],
  kernel: readonly number[],
  options: { ceil?: boolean; transposed?: false },
): number[] {
  const node = ctx.node;
  const nSpatial = input.length - 2;
  const strides = attrInts(node, 'strides') ?? new Array<number>(nSpatial).fill(1);
  const dilations = attrInts(node, 'dilations') ?? new Array<number>(nSpatial).fill(1);
  const pads = attrInts(node, 'pads') ?? new Array<number>(nSpatial * 2).fill(0);
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  const out: number[] = [];
  for (let i = 0; i < nSpatial; i++) {
    const inDim = input[i + 2]!;
    const s = strides[i] ?? 1;
    const d = dilations[i] ?? 1;
    const k = kernel[i] ?? 1;
    const eff = (k - 1) * d + 1;
    if (s <= 0) throw new ShapeRuleError(`${node.opType} '${node.name}': stride ${s}`);
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      out.push(Math.ceil(inDim / s));
      continue;
    }
    if (autoPad === 'VALID') {
      out.push(Math.floor((inDim - eff) / s) + 1);
      continue;
    }
    const padded = inDim + (pads[i] ?? 0) + (pads[i + nSpatial] ?? 0);
    if (options.ceil) {
      let o = Math.ceil((padded - eff) / s) + 1;
      // The last window must start inside the input or left padding (PyTorch and ONNX Runtime rule).
      if ((o - 1) * s >= inDim + (pads[i] ?? 0)) o -= 1;
      out.push(o);
    } else {
      out.push(Math.floor((padded - eff) / s) + 1);
    }
  }
  return out;
}

/**
 * The weight must fit the input as onnxruntime checks it: [M, C/group, k...] with the input's rank, C
 * the input's channels and M a multiple of group. A misfit would otherwise be analysed as if valid.
 */
function checkConvWeight(ctx: RuleContext, x: readonly number[], w: readonly number[]): void {
  const group = attrInt(ctx.node, 'group', 1);
  const fits = w.length === x.length && group >= 1 && w[1]! * group === x[1]! && w[0]! % group === 0;
  if (fits) return;
  const why =
    w.length !== x.length
      ? `a rank-${w.length} weight for a rank-${x.length} input`
      : `the weight takes ${w[1]} input channel(s)${group === 1 ? '' : ` x group ${group}`}, the input has ${x[1]}` +
        (w[1]! * group === x[1]! ? `, and ${w[0]} output channels are not a multiple of group ${group}` : '');
  throw new ShapeRuleError(
    `${ctx.node.opType} '${ctx.node.name}': weight [${w.join(', ')}] does not fit input [${x.join(', ')}]: ${why}`,
  );
}

const conv: Rule = (ctx) => {
  const x = need(ctx, 0);
  const w = need(ctx, 1);
  if (x.shape.length < 3) throw new ShapeRuleError(`Conv '${ctx.node.name}': input rank ${x.shape.length}`);
  checkConvWeight(ctx, x.shape, w.shape);
  const kernel = attrInts(ctx.node, 'kernel_shape') ?? w.shape.slice(2);
  return [
    {
      dataType: x.dataType,
      shape: checkDims([x.shape[0]!, w.shape[0]!, ...spatial(ctx, x.shape, kernel, {})], ctx),
    },
  ];
};

const convTranspose: Rule = (ctx) => {
  const x = need(ctx, 0);
  const w = need(ctx, 1);
  const node = ctx.node;
  const group = attrInt(node, 'group', 1);
  const nSpatial = x.shape.length - 2;
  const kernel = attrInts(node, 'kernel_shape') ?? w.shape.slice(2);
  const outChannels = w.shape[1]! * group;
  const explicit = attrInts(node, 'output_shape');
  if (explicit) {
    const sp = explicit.length === nSpatial ? explicit : explicit.slice(2);
    return [{ dataType: x.dataType, shape: checkDims([x.shape[0]!, outChannels, ...sp], ctx) }];
  }
  const strides = attrInts(node, 'strides') ?? new Array<number>(nSpatial).fill(1);
  const dilations = attrInts(node, 'dilations') ?? new Array<number>(nSpatial).fill(1);
  const pads = attrInts(node, 'pads') ?? new Array<number>(nSpatial * 2).fill(0);
  const outPad = attrInts(node, 'output_padding') ?? new Array<number>(nSpatial).fill(0);
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  const sp: number[] = [];
  for (let i = 0; i < nSpatial; i++) {
    const inDim = x.shape[i + 2]!;
    const s = strides[i] ?? 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      sp.push(inDim * s);
      continue;
    }
    const eff = ((kernel[i] ?? 1) - 1) * (dilations[i] ?? 1) + 1;
    sp.push(s * (inDim - 1) + (outPad[i] ?? 0) + eff - (pads[i] ?? 0) - (pads[i + nSpatial] ?? 0));
  }
  return [{ dataType: x.dataType, shape: checkDims([x.shape[0]!, outChannels, ...sp], ctx) }];
};

const pool: Rule = (ctx) => {
  const x = need(ctx, 0);
  const kernel = attrInts(ctx.node, 'kernel_shape');
  if (!kernel) throw new ShapeRuleError(`${ctx.node.opType} '${ctx.node.name}': no kernel_shape`);
  const ceil = attrInt(ctx.node, 'ceil_mode', 0) === 1;
  const shape = checkDims([x.shape[0]!, x.shape[1]!, ...spatial(ctx, x.shape, kernel, { ceil })], ctx);
  const outs: OutputType[] = [{ dataType: x.dataType, shape }];
  if (ctx.node.outputs.length > 1) outs.push({ dataType: DataType.INT64, shape });
  return outs;
};

const globalPool: Rule = (ctx) => {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: [x.shape[0]!, x.shape[1]!, ...x.shape.slice(2).map(() => 1)] }];
};

// ------------------------------------------------------------------ linear algebra

const matmul: Rule = (ctx) => {
  const a = need(ctx, 0);
  const b = need(ctx, 1);
  return [{ dataType: a.dataType, shape: matmulShape(a.shape, b.shape, ctx) }];
};

export function matmulShape(a0: readonly number[], b0: readonly number[], ctx: RuleContext): number[] {
  const a = a0.length === 1 ? [1, a0[0]!] : a0;
  const b = b0.length === 1 ? [b0[0]!, 1] : b0;
  if (a.length < 2 || b.length < 2) throw new ShapeRuleError(`MatMul '${ctx.node.name}': scalar operand`);
  const k1 = a[a.length - 1]!;
  const k2 = b[b.length - 2]!;
  if (k1 !== k2) {
    throw new ShapeRuleError(
      `MatMul '${ctx.node.name}': inner dims differ ([${a0.join(', ')}] x [${b0.join(', ')}])`,
    );
  }
  const batch = broadcast([a.slice(0, -2), b.slice(0, -2)], ctx);
  const out = [...batch, a[a.length - 2]!, b[b.length - 1]!];
  if (a0.length === 1) out.splice(out.length - 2, 1);
  if (b0.length === 1) out.splice(out.length - 1, 1);
  return out;
}

const gemm: Rule = (ctx) => {
  const a = need(ctx, 0);
  const b = need(ctx, 1);
  const ta = attrInt(ctx.node, 'transA', 0);
  const tb = attrInt(ctx.node, 'transB', 0);
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeRuleError(
      `Gemm '${ctx.node.name}': operands must be 2-D, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`,
    );
  }
  const m = ta ? a.shape[1]! : a.shape[0]!;
  const n = tb ? b.shape[0]! : b.shape[1]!;
  return [{ dataType: a.dataType, shape: [m, n] }];
};

/** Einsum with explicit or implicit output; ellipsis broadcast. */
const einsum: Rule = (ctx) => {
  const eq = attrString(ctx.node, 'equation', '').replace(/\s/g, '');
  const [lhs, rhsRaw] = eq.split('->');
  const terms = (lhs ?? '').split(',');
  const ins = terms.map((_, i) => need(ctx, i));
  const sizes = new Map<string, number>();
  let ellipsis: number[] = [];
  terms.forEach((term, i) => {
    const shape = ins[i]!.shape;
    const parts = term.split('...');
    const before = parts[0] ?? '';
    const after = parts[1] ?? '';
    const ellRank = parts.length > 1 ? shape.length - before.length - after.length : 0;
    if (parts.length > 1) {
      ellipsis = broadcast([ellipsis, shape.slice(before.length, before.length + ellRank)], ctx);
    }
    [...before].forEach((c, k) => sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[k]!)));
    [...after].forEach((c, k) =>
      sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[before.length + ellRank + k]!)),
    );
  });
  let rhs = rhsRaw;
  if (rhs === undefined) {
    const counts = new Map<string, number>();
    for (const c of (lhs ?? '').replace(/[,.]/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    rhs = (lhs ?? '').includes('...') ? '...' : '';
    rhs += [...counts.entries()]
      .filter(([, n]) => n === 1)
      .map(([c]) => c)
      .sort()
      .join('');
  }
  const out: number[] = [];
  const parts = rhs.split('...');
  for (const c of parts[0] ?? '') out.push(sizes.get(c) ?? 1);
  if (parts.length > 1) out.push(...ellipsis);
  for (const c of parts[1] ?? '') out.push(sizes.get(c) ?? 1);
  return [{ dataType: ins[0]!.dataType, shape: out }];
};

// ------------------------------------------------------------------ tensor manipulation

const concat: Rule = (ctx) => {
  const ins = ctx.node.inputs
    .map((_, i) => need(ctx, i))
    .filter((v) => v.shape.length > 0 || v.value?.length);
  const first = ins[0];
  if (!first) throw new UndecidableShape('Concat with no inputs');
  const axis = normAxis(attrInt(ctx.node, 'axis', 0), first.shape.length, ctx);
  const shape = [...first.shape];
  shape[axis] = ins.reduce((s, v) => s + (v.shape[axis] ?? 0), 0);
  const value =
    ins.every((v) => v.value) && first.shape.length === 1 ? ins.flatMap((v) => [...v.value!]) : undefined;
  return [{ dataType: first.dataType, shape, ...(value && value.length <= MAX_FOLD ? { value } : {}) }];
};

const split: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(attrInt(ctx.node, 'axis', 0), x.shape.length, ctx);
  const n = ctx.node.outputs.length;
  let parts: readonly number[] | undefined = attrInts(ctx.node, 'split');
  if (!parts && ctx.node.inputs[1]) parts = constValues(ctx, 1, 'the split sizes');
  const dim = x.shape[axis]!;
  if (!parts) {
    const chunk = Math.ceil(dim / n);
    parts = Array.from({ length: n }, (_, i) => Math.max(0, Math.min(chunk, dim - i * chunk)));
  }
  return parts.map((p) => {
    const shape = [...x.shape];
    shape[axis] = p;
    return { dataType: x.dataType, shape };
  });
};

function clampIndex(v: number, dim: number, step: number): number {
  let i = v < 0 ? v + dim : v;
  if (step > 0) i = Math.max(0, Math.min(dim, i));
  else i = Math.max(-1, Math.min(dim - 1, i));
  return i;
}

const slice: Rule = (ctx) => {
  const x = need(ctx, 0);
  const node = ctx.node;
  let starts: readonly number[];
  let ends: readonly number[];
  let axes: readonly number[] | undefined;
  let steps: readonly number[] | undefined;
  if (ctx.opset < 10) {
    starts = attrInts(node, 'starts') ?? [];
    ends = attrInts(node, 'ends') ?? [];
    axes = attrInts(node, 'axes');
  } else {
    starts = constValues(ctx, 1, 'starts');
    ends = constValues(ctx, 2, 'ends');
    axes = node.inputs[3] ? constValues(ctx, 3, 'axes') : undefined;
    steps = node.inputs[4] ? constValues(ctx, 4, 'steps') : undefined;
  }
  const shape = [...x.shape];
  const ranges = x.shape.map((d) => ({ start: 0, step: 1, count: d }));
  starts.forEach((s, i) => {
    const axis = normAxis(axes?.[i] ?? i, x.shape.length, ctx);
    const step = steps?.[i] ?? 1;
    if (step === 0) throw new ShapeRuleError(`Slice '${node.name}': step 0`);
    const dim = x.shape[axis]!;
    const b = clampIndex(s, dim, step);
    const e = clampIndex(ends[i] ?? dim, dim, step);
    const count = Math.max(0, Math.ceil((e - b) / step));
    shape[axis] = count;
    ranges[axis] = { start: b, step, count };
  });
  let value: number[] | undefined;
  if (x.value && x.shape.length === 1 && size(shape) <= MAX_FOLD) {
    const r = ranges[0]!;
    value = Array.from({ length: r.count }, (_, k) => x.value![r.start + k * r.step]!);
  }
  return [{ dataType: x.dataType, shape, ...(value ? { value } : {}) }];
};

const reshape: Rule = (ctx) => {
  const x = need(ctx, 0);
  const target =
    ctx.opset < 5 ? (attrInts(ctx.node, 'shape') ?? []) : constValues(ctx, 1, 'the target shape');
  const allowZero = attrInt(ctx.node, 'allowzero', 0) === 1;
  const out = target.map((d, i) => (d === 0 && !allowZero ? (x.shape[i] ?? 0) : d));
  const minus = out.filter((d) => d === -1).length;
  if (minus > 1)
    throw new ShapeRuleError(`Reshape '${ctx.node.name}': more than one -1 in [${target.join(', ')}]`);
  const total = size(x.shape);
  if (minus === 1) {
    const known = out.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (known === 0 || total % known !== 0) {
      throw new ShapeRuleError(
        `Reshape '${ctx.node.name}': cannot reshape [${x.shape.join(', ')}] to [${target.join(', ')}]`,
      );
    }
    out[out.indexOf(-1)] = total / known;
  }
  if (size(out) !== total) {
    throw new ShapeRuleError(
      `Reshape '${ctx.node.name}': cannot reshape [${x.shape.join(', ')}] to [${target.join(', ')}]`,
    );
  }
  return [{ dataType: x.dataType, shape: checkDims(out, ctx), ...(x.value ? { value: x.value } : {}) }];
};

const flatten: Rule = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  let axis = attrInt(ctx.node, 'axis', 1);
  if (axis < 0) axis += rank;
  return [{ dataType: x.dataType, shape: [size(x.shape.slice(0, axis)), size(x.shape.slice(axis))] }];
};

const transpose: Rule = (ctx) => {
  const x = need(ctx, 0);
  const perm = attrInts(ctx.node, 'perm') ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  return [{ dataType: x.dataType, shape: perm.map((p) => x.shape[p]!) }];
};

function axesOf(ctx: RuleContext, inputIndex: number, attrSince: number): readonly number[] | undefined {
  if (ctx.opset < attrSince) return attrInts(ctx.node, 'axes');
  return ctx.node.inputs[inputIndex] ? constValues(ctx, inputIndex, 'axes') : undefined;
}

const squeeze: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axes = axesOf(ctx, 1, 13)?.map((a) => normAxis(a, x.shape.length, ctx));
  const shape = x.shape.filter((d, i) => (axes ? !axes.includes(i) : d !== 1));
  return [{ dataType: x.dataType, shape, ...(x.value ? { value: x.value } : {}) }];
};

const unsqueeze: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axesRaw = axesOf(ctx, 1, 13);
  if (!axesRaw) throw new ShapeRuleError(`Unsqueeze '${ctx.node.name}': no axes`);
  const rank = x.shape.length + axesRaw.length;
  const axes = axesRaw.map((a) => normAxis(a, rank, ctx)).sort((a, b) => a - b);
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) shape.push(axes.includes(i) ? 1 : x.shape[k++]!);
  return [{ dataType: x.dataType, shape, ...(x.value ? { value: x.value } : {}) }];
};

const pad: Rule = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  const pads = ctx.opset < 11 ? (attrInts(ctx.node, 'pads') ?? []) : constValues(ctx, 1, 'pads');
  const axes = ctx.opset >= 18 && ctx.node.inputs[3] ? constValues(ctx, 3, 'axes') : undefined;
  const shape = [...x.shape];
  const list = axes ?? x.shape.map((_, i) => i);
  list.forEach((a, i) => {
    const axis = normAxis(a, rank, ctx);
    shape[axis] = shape[axis]! + (pads[i] ?? 0) + (pads[i + list.length] ?? 0);
  });
  return [{ dataType: x.dataType, shape: checkDims(shape, ctx) }];
};

const resize: Rule = (ctx) => {
  const x = need(ctx, 0);
  const node = ctx.node;
  let scales: readonly number[] | undefined;
  let sizes: readonly number[] | undefined;
  if (node.opType === 'Upsample') {
    scales = ctx.opset < 9 ? attrFloats(node, 'scales') : constValues(ctx, 1, 'scales');
  } else if (ctx.opset < 11) {
    scales = constValues(ctx, 1, 'scales');
  } else {
    const sc = ctx.inputs[2];
    if (node.inputs[3] && node.inputs[3] !== '') sizes = constValues(ctx, 3, 'sizes');
    else if (sc?.value && sc.value.length > 0) scales = sc.value;
    else throw new UndecidableShape(`Resize '${node.name}': neither scales nor sizes is a constant`);
  }
  const axes = attrInts(node, 'axes');
  const shape = [...x.shape];
  if (sizes) {
    (axes ?? shape.map((_, i) => i)).forEach((a, i) => (shape[normAxis(a, shape.length, ctx)] = sizes[i]!));
  } else if (scales) {
    (axes ?? shape.map((_, i) => i)).forEach((a, i) => {
      const ax = normAxis(a, shape.length, ctx);
      shape[ax] = Math.floor(x.shape[ax]! * scales[i]!);
    });
  }
  return [{ dataType: x.dataType, shape: checkDims(shape, ctx) }];
};

function reduce(fold?: (xs: readonly number[]) => number): Rule {
  return (ctx) => {
    const x = need(ctx, 0);
    const op = ctx.node.opType;
    const attrSince = op === 'ReduceSum' ? 13 : 18;
    const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
    const raw = axesOf(ctx, 1, attrSince);
    const noopEmpty = attrInt(ctx.node, 'noop_with_empty_axes', 0) === 1;
    if ((!raw || raw.length === 0) && noopEmpty) return [{ dataType: x.dataType, shape: x.shape }];
    const axes =
      raw && raw.length > 0 ? raw.map((a) => normAxis(a, x.shape.length, ctx)) : x.shape.map((_, i) => i);
    const shape: number[] = [];
    x.shape.forEach((d, i) => {
      if (!axes.includes(i)) shape.push(d);
      else if (keep) shape.push(1);
    });
    const value =
      fold && x.value && x.shape.length <= 1 && axes.length === x.shape.length ? [fold(x.value)] : undefined;
    return [{ dataType: x.dataType, shape, ...(value ? { value } : {}) }];
  };
}

const argReduce: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(attrInt(ctx.node, 'axis', 0), x.shape.length, ctx);
  const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
  const shape = x.shape.flatMap((d, i) => (i === axis ? (keep ? [1] : []) : [d]));
  return [{ dataType: DataType.INT64, shape }];
};

const shapeOp: Rule = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  let start = attrInt(ctx.node, 'start', 0);
  let end = attrInt(ctx.node, 'end', rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = Math.max(0, Math.min(rank, start));
  end = Math.max(0, Math.min(rank, end));
  const value = x.shape.slice(start, end);
  return [{ dataType: DataType.INT64, shape: [value.length], value }];
};

const sizeOp: Rule = (ctx) => [{ dataType: DataType.INT64, shape: [], value: [size(need(ctx, 0).shape)] }];

const gather: Rule = (ctx) => {
  const data = need(ctx, 0);
  const indices = need(ctx, 1);
  const axis = normAxis(attrInt(ctx.node, 'axis', 0), data.shape.length, ctx);
  const shape = [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)];
  let value: number[] | undefined;
  if (data.value && indices.value && data.shape.length === 1) {
    const dim = data.shape[0]!;
    value = indices.value.map((i) => data.value![i < 0 ? i + dim : i]!);
    if (value.some((v) => v === undefined))
      throw new ShapeRuleError(`Gather '${ctx.node.name}': index out of range`);
  }
  return [{ dataType: data.dataType, shape, ...(value ? { value } : {}) }];
};

const constant: Rule = (ctx) => {
  const node = ctx.node;
  for (const [name, a] of node.attributes) {
    if (a.kind === 'tensor') {
      const t = a.value;
      return [{ dataType: t.dataType, shape: t.dims, ...(t.values ? { value: t.values } : {}) }];
    }
    if (name === 'value_float' && a.kind === 'float')
      return [{ dataType: DataType.FLOAT, shape: [], value: [a.value] }];
    if (name === 'value_int' && a.kind === 'int')
      return [{ dataType: DataType.INT64, shape: [], value: [a.value] }];
    if (name === 'value_floats' && a.kind === 'floats')
      return [{ dataType: DataType.FLOAT, shape: [a.value.length], value: a.value }];
    if (name === 'value_ints' && a.kind === 'ints')
      return [{ dataType: DataType.INT64, shape: [a.value.length], value: a.value }];
  }
  throw new ShapeRuleError(`Constant '${node.name}': no supported value attribute`);
};

const constantOfShape: Rule = (ctx) => {
  const shape = constValues(ctx, 0, 'the shape');
  const v = attr(ctx.node, 'value');
  const dataType = v?.kind === 'tensor' ? v.value.dataType : DataType.FLOAT;
  const fill = v?.kind === 'tensor' ? (v.value.values?.[0] ?? 0) : 0;
  const n = size(shape);
  return [
    {
      dataType,
      shape: checkDims(shape, ctx),
      ...(n <= MAX_FOLD ? { value: new Array<number>(n).fill(fill) } : {}),
    },
  ];
};

const expand: Rule = (ctx) => {
  const x = need(ctx, 0);
  const target = constValues(ctx, 1, 'the shape');
  const shape = broadcast([x.shape, target], ctx);
  const value = x.value ? foldElementwise([x], shape, (a) => a) : undefined;
  return [{ dataType: x.dataType, shape, ...(value ? { value } : {}) }];
};

const tile: Rule = (ctx) => {
  const x = need(ctx, 0);
  const repeats = constValues(ctx, 1, 'repeats');
  return [
    {
      dataType: x.dataType,
      shape: checkDims(
        x.shape.map((d, i) => d * (repeats[i] ?? 1)),
        ctx,
      ),
    },
  ];
};

const range: Rule = (ctx) => {
  const [start] = constValues(ctx, 0, 'start');
  const [limit] = constValues(ctx, 1, 'limit');
  const [delta] = constValues(ctx, 2, 'delta');
  if (delta === 0 || start === undefined || limit === undefined || delta === undefined) {
    throw new ShapeRuleError(`Range '${ctx.node.name}': bad arguments`);
  }
  const n = Math.max(0, Math.ceil((limit - start) / delta));
  const value = n <= MAX_FOLD ? Array.from({ length: n }, (_, i) => start + i * delta) : undefined;
  return [{ dataType: need(ctx, 0).dataType, shape: checkDims([n], ctx), ...(value ? { value } : {}) }];
};

const where: Rule = (ctx) => {
  const c = need(ctx, 0);
  const a = need(ctx, 1);
  const b = need(ctx, 2);
  const shape = broadcast([c.shape, a.shape, b.shape], ctx);
  const value = foldElementwise([c, a, b], shape, (cond, x, y) => (cond ? x : y));
  return [{ dataType: a.dataType, shape, ...(value ? { value } : {}) }];
};

const cast: Rule = (ctx) => {
  const x = need(ctx, 0);
  const to =
    ctx.node.opType === 'CastLike'
      ? need(ctx, 1).dataType
      : (attrInt(ctx.node, 'to', DataType.FLOAT) as DataType);
  const value = x.value ? (isInt(to) ? x.value.map(Math.trunc) : x.value) : undefined;
  return [{ dataType: to, shape: x.shape, ...(value ? { value } : {}) }];
};

const topK: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(attrInt(ctx.node, 'axis', -1), x.shape.length, ctx);
  const k = ctx.opset < 10 ? attrInt(ctx.node, 'k', 1) : constValues(ctx, 1, 'k')[0]!;
  const shape = [...x.shape];
  shape[axis] = k;
  return [
    { dataType: x.dataType, shape },
    { dataType: DataType.INT64, shape },
  ];
};

const layerNorm: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(attrInt(ctx.node, 'axis', -1), x.shape.length, ctx);
  const stat = x.shape.map((d, i) => (i < axis ? d : 1));
  return [
    { dataType: x.dataType, shape: x.shape },
    { dataType: DataType.FLOAT, shape: stat },
    { dataType: DataType.FLOAT, shape: stat },
  ];
};

const dropout: Rule = (ctx) => {
  const x = need(ctx, 0);
  return [
    { dataType: x.dataType, shape: x.shape, ...(x.value ? { value: x.value } : {}) },
    { dataType: DataType.BOOL, shape: x.shape },
  ];
};

const batchNorm: Rule = (ctx) => {
  const x = need(ctx, 0);
  // Training-mode outputs (running mean/var) have the channel shape.
  const c = [x.shape[1] ?? 1];
  return [
    { dataType: x.dataType, shape: x.shape },
    ...ctx.node.outputs.slice(1).map(() => ({ dataType: x.dataType, shape: c })),
  ];
};

const identity: Rule = (ctx) => {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: x.shape, ...(x.value ? { value: x.value } : {}) }];
};

const depthToSpace: Rule = (ctx) => {
  const x = need(ctx, 0);
  const b = attrInt(ctx.node, 'blocksize', 1);
  const [n, c, h, w] = x.shape as [number, number, number, number];
  return ctx.node.opType === 'DepthToSpace'
    ? [{ dataType: x.dataType, shape: [n, c / (b * b), h * b, w * b] }]
    : [{ dataType: x.dataType, shape: [n, c * b * b, h / b, w / b] }];
};

const compare = (fn: (a: number, b: number) => boolean) =>
  binary((a, b) => (fn(a, b) ? 1 : 0), DataType.BOOL);

/** The rules by op type (default domain). */
export const SHAPE_RULES: Readonly<Record<string, Rule>> = {
  Conv: conv,
  ConvInteger: conv,
  QLinearConv: (ctx) => conv({ ...ctx, inputs: [ctx.inputs[0], ctx.inputs[3]] }),
  ConvTranspose: convTranspose,
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  BatchNormalization: batchNorm,
  InstanceNormalization: same,
  LRN: same,
  LayerNormalization: layerNorm,
  GroupNormalization: same,
  Relu: unary((x) => Math.max(0, x)),
  Clip: same,
  LeakyRelu: same,
  PRelu: binary(),
  Sigmoid: same,
  HardSigmoid: same,
  HardSwish: same,
  Tanh: same,
  Erf: same,
  Gelu: same,
  Elu: same,
  Selu: same,
  Celu: same,
  Mish: same,
  Softplus: same,
  Softsign: same,
  ThresholdedRelu: same,
  Exp: same,
  Log: same,
  Abs: unary(Math.abs),
  Neg: unary((x) => -x),
  Reciprocal: same,
  Floor: unary(Math.floor),
  Ceil: unary(Math.ceil),
  Round: unary(Math.round),
  Sign: unary(Math.sign),
  Sqrt: unary(Math.sqrt),
  Not: unary((x) => (x ? 0 : 1)),
  IsNaN: (ctx) => [{ dataType: DataType.BOOL, shape: need(ctx, 0).shape }],
  IsInf: (ctx) => [{ dataType: DataType.BOOL, shape: need(ctx, 0).shape }],
  Softmax: same,
  LogSoftmax: same,
  Hardmax: same,
  CumSum: same,
  Add: binary((a, b) => a + b),
  Sub: binary((a, b) => a - b),
  Mul: binary((a, b) => a * b),
  Div: binary(intDiv),
  Pow: binary((a, b) => a ** b),
  Mod: binary((a, b) => a % b),
  Max: binary(Math.max),
  Min: binary(Math.min),
  Sum: binary((a, b) => a + b),
  Mean: binary(),
  Equal: compare((a, b) => a === b),
  Less: compare((a, b) => a < b),
  LessOrEqual: compare((a, b) => a <= b),
  Greater: compare((a, b) => a > b),
  GreaterOrEqual: compare((a, b) => a >= b),
  And: compare((a, b) => Boolean(a && b)),
  Or: compare((a, b) => Boolean(a || b)),
  Xor: compare((a, b) => Boolean(a) !== Boolean(b)),
  BitShift: binary(),
  Where: where,
  MatMul: matmul,
  MatMulInteger: matmul,
  Gemm: gemm,
  Einsum: einsum,
  Concat: concat,
  Split: split,
  Slice: slice,
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Pad: pad,
  Resize: resize,
  Upsample: resize,
  ReduceMean: reduce((xs) => xs.reduce((a, b) => a + b, 0) / xs.length),
  ReduceSum: reduce((xs) => xs.reduce((a, b) => a + b, 0)),
  ReduceProd: reduce((xs) => xs.reduce((a, b) => a * b, 1)),
  ReduceMax: reduce((xs) => xs.reduce((a, b) => Math.max(a, b), -Infinity)),
  ReduceMin: reduce((xs) => xs.reduce((a, b) => Math.min(a, b), Infinity)),
  ReduceL1: reduce(),
  ReduceL2: reduce(),
  ReduceLogSum: reduce(),
  ReduceLogSumExp: reduce(),
  ReduceSumSquare: reduce(),
  ArgMax: argReduce,
  ArgMin: argReduce,
  Shape: shapeOp,
  Size: sizeOp,
  Gather: gather,
  GatherElements: (ctx) => [{ dataType: need(ctx, 0).dataType, shape: need(ctx, 1).shape }],
  ScatterElements: same,
  ScatterND: same,
  Scatter: same,
  Constant: constant,
  ConstantOfShape: constantOfShape,
  Expand: expand,
  Tile: tile,
  Range: range,
  Cast: cast,
  CastLike: cast,
  TopK: topK,
  Dropout: dropout,
  Identity: identity,
  DepthToSpace: depthToSpace,
  SpaceToDepth: depthToSpace,
  QuantizeLinear: (ctx) => [
    { dataType: ctx.inputs[2]?.dataType ?? DataType.UINT8, shape: need(ctx, 0).shape },
  ],
  DequantizeLinear: (ctx) => [{ dataType: DataType.FLOAT, shape: need(ctx, 0).shape }],
  Trilu: same,
};
