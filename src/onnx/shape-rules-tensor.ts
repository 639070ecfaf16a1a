import { floatsAttr, intAttr, intsAttr } from './attributes.js';
import { DataType } from './types.js';
import {
  MAX_FOLD,
  gatherValues,
  type Rule,
  type RuleContext,
  ShapeRuleError,
  UndecidableShape,
  binary,
  broadcast,
  checkDims,
  constValues,
  foldElementwise,
  isInt,
  need,
  normAxis,
  size,
} from './shape-ops.js';

/** Shape rules of tensor manipulation, reductions, constants and the rest, folding small integer tensors. */

// ------------------------------------------------------------------ tensor manipulation

export const concat: Rule = (ctx) => {
  const ins = ctx.node.inputs
    .map((_, i) => need(ctx, i))
    .filter((v) => v.shape.length > 0 || v.value?.length);
  const first = ins[0];
  if (!first) throw new UndecidableShape('Concat with no inputs');
  const axis = normAxis(intAttr(ctx.node, 'axis', 0), first.shape.length, ctx);
  const shape = [...first.shape];
  shape[axis] = ins.reduce((s, v) => s + (v.shape[axis] ?? 0), 0);
  const value =
    ins.every((v) => v.value) && first.shape.length === 1 ? ins.flatMap((v) => [...v.value!]) : undefined;
  return [{ dataType: first.dataType, shape, ...(value && value.length <= MAX_FOLD ? { value } : {}) }];
};

export const split: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, 'axis', 0), x.shape.length, ctx);
  const n = ctx.node.outputs.length;
  let parts: readonly number[] | undefined = intsAttr(ctx.node, 'split');
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

/**
 * A Slice start or end as an index of `dim` (ONNX Slice): negative counts from the end; then clamped
 * to [0, dim] for a positive step, and for a negative step a start to [0, dim - 1], an end to
 * [-1, dim - 1] (-1: up to and including the first element).
 */
function clampIndex(v: number, dim: number, step: number, bound: 'start' | 'end'): number {
  const i = v < 0 ? v + dim : v;
  if (step > 0) return Math.max(0, Math.min(dim, i));
  return Math.max(bound === 'start' ? 0 : -1, Math.min(dim - 1, i));
}

export const slice: Rule = (ctx) => {
  const x = need(ctx, 0);
  const node = ctx.node;
  let starts: readonly number[];
  let ends: readonly number[];
  let axes: readonly number[] | undefined;
  let steps: readonly number[] | undefined;
  if (ctx.opset < 10) {
    starts = intsAttr(node, 'starts') ?? [];
    ends = intsAttr(node, 'ends') ?? [];
    axes = intsAttr(node, 'axes');
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
    const b = clampIndex(s, dim, step, 'start');
    const e = clampIndex(ends[i] ?? dim, dim, step, 'end');
    const count = dim === 0 ? 0 : Math.max(0, Math.ceil((e - b) / step));
    shape[axis] = count;
    ranges[axis] = { start: b, step, count };
  });
  // Folded at any rank: exports compute pads by slicing a [rank, 2] table backwards (PyTorch's F.pad).
  const value =
    x.value && size(shape) <= MAX_FOLD
      ? gatherValues(x.value, x.shape, shape, (at, a) => ranges[a]!.start + at[a]! * ranges[a]!.step)
      : undefined;
  return [{ dataType: x.dataType, shape, ...(value ? { value } : {}) }];
};

export const reshape: Rule = (ctx) => {
  const x = need(ctx, 0);
  const target =
    ctx.opset < 5 ? (intsAttr(ctx.node, 'shape') ?? []) : constValues(ctx, 1, 'the target shape');
  const allowZero = intAttr(ctx.node, 'allowzero', 0) === 1;
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

export const flatten: Rule = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  let axis = intAttr(ctx.node, 'axis', 1);
  if (axis < 0) axis += rank;
  return [{ dataType: x.dataType, shape: [size(x.shape.slice(0, axis)), size(x.shape.slice(axis))] }];
};

export const transpose: Rule = (ctx) => {
  const x = need(ctx, 0);
  const perm = intsAttr(ctx.node, 'perm') ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  const shape = perm.map((p) => x.shape[p]!);
  // Input axis perm[i] is output axis i.
  const inverse = perm.map((_, a) => perm.indexOf(a));
  const value =
    x.value && size(shape) <= MAX_FOLD
      ? gatherValues(x.value, x.shape, shape, (at, a) => at[inverse[a]!]!)
      : undefined;
  return [{ dataType: x.dataType, shape, ...(value ? { value } : {}) }];
};

function axesOf(ctx: RuleContext, inputIndex: number, attrSince: number): readonly number[] | undefined {
  if (ctx.opset < attrSince) return intsAttr(ctx.node, 'axes');
  return ctx.node.inputs[inputIndex] ? constValues(ctx, inputIndex, 'axes') : undefined;
}

export const squeeze: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axes = axesOf(ctx, 1, 13)?.map((a) => normAxis(a, x.shape.length, ctx));
  const shape = x.shape.filter((d, i) => (axes ? !axes.includes(i) : d !== 1));
  return [{ dataType: x.dataType, shape, ...(x.value ? { value: x.value } : {}) }];
};

export const unsqueeze: Rule = (ctx) => {
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

export const pad: Rule = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  const pads = ctx.opset < 11 ? (intsAttr(ctx.node, 'pads') ?? []) : constValues(ctx, 1, 'pads');
  const axes = ctx.opset >= 18 && ctx.node.inputs[3] ? constValues(ctx, 3, 'axes') : undefined;
  const shape = [...x.shape];
  const list = axes ?? x.shape.map((_, i) => i);
  list.forEach((a, i) => {
    const axis = normAxis(a, rank, ctx);
    shape[axis] = shape[axis]! + (pads[i] ?? 0) + (pads[i + list.length] ?? 0);
  });
  return [{ dataType: x.dataType, shape: checkDims(shape, ctx) }];
};

export const resize: Rule = (ctx) => {
  const x = need(ctx, 0);
  const node = ctx.node;
  let scales: readonly number[] | undefined;
  let sizes: readonly number[] | undefined;
  if (node.opType === 'Upsample') {
    scales = ctx.opset < 9 ? floatsAttr(node, 'scales') : constValues(ctx, 1, 'scales');
  } else if (ctx.opset < 11) {
    scales = constValues(ctx, 1, 'scales');
  } else {
    const sc = ctx.inputs[2];
    if (node.inputs[3] && node.inputs[3] !== '') sizes = constValues(ctx, 3, 'sizes');
    else if (sc?.value && sc.value.length > 0) scales = sc.value;
    else throw new UndecidableShape(`Resize '${node.name}': neither scales nor sizes is a constant`);
  }
  const axes = intsAttr(node, 'axes');
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

export function reduce(fold?: (xs: readonly number[]) => number): Rule {
  return (ctx) => {
    const x = need(ctx, 0);
    const op = ctx.node.opType;
    const attrSince = op === 'ReduceSum' ? 13 : 18;
    const keep = intAttr(ctx.node, 'keepdims', 1) === 1;
    const raw = axesOf(ctx, 1, attrSince);
    const noopEmpty = intAttr(ctx.node, 'noop_with_empty_axes', 0) === 1;
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

export const argReduce: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, 'axis', 0), x.shape.length, ctx);
  const keep = intAttr(ctx.node, 'keepdims', 1) === 1;
  const shape = x.shape.flatMap((d, i) => (i === axis ? (keep ? [1] : []) : [d]));
  return [{ dataType: DataType.INT64, shape }];
};

export const shapeOp: Rule = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  let start = intAttr(ctx.node, 'start', 0);
  let end = intAttr(ctx.node, 'end', rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = Math.max(0, Math.min(rank, start));
  end = Math.max(0, Math.min(rank, end));
  const value = x.shape.slice(start, end);
  return [{ dataType: DataType.INT64, shape: [value.length], value }];
};

export const sizeOp: Rule = (ctx) => [
  { dataType: DataType.INT64, shape: [], value: [size(need(ctx, 0).shape)] },
];

export const gather: Rule = (ctx) => {
  const data = need(ctx, 0);
  const indices = need(ctx, 1);
  const axis = normAxis(intAttr(ctx.node, 'axis', 0), data.shape.length, ctx);
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

export const constant: Rule = (ctx) => {
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

export const constantOfShape: Rule = (ctx) => {
  const shape = constValues(ctx, 0, 'the shape');
  const v = ctx.node.attributes.get('value');
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

export const expand: Rule = (ctx) => {
  const x = need(ctx, 0);
  const target = constValues(ctx, 1, 'the shape');
  const shape = broadcast([x.shape, target], ctx);
  const value = x.value ? foldElementwise([x], shape, (a) => a) : undefined;
  return [{ dataType: x.dataType, shape, ...(value ? { value } : {}) }];
};

export const tile: Rule = (ctx) => {
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

export const range: Rule = (ctx) => {
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

export const where: Rule = (ctx) => {
  const c = need(ctx, 0);
  const a = need(ctx, 1);
  const b = need(ctx, 2);
  const shape = broadcast([c.shape, a.shape, b.shape], ctx);
  const value = foldElementwise([c, a, b], shape, (cond, x, y) => (cond ? x : y));
  return [{ dataType: a.dataType, shape, ...(value ? { value } : {}) }];
};

export const cast: Rule = (ctx) => {
  const x = need(ctx, 0);
  const to =
    ctx.node.opType === 'CastLike'
      ? need(ctx, 1).dataType
      : (intAttr(ctx.node, 'to', DataType.FLOAT) as DataType);
  const value = x.value ? (isInt(to) ? x.value.map(Math.trunc) : x.value) : undefined;
  return [{ dataType: to, shape: x.shape, ...(value ? { value } : {}) }];
};

export const topK: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, 'axis', -1), x.shape.length, ctx);
  const k = ctx.opset < 10 ? intAttr(ctx.node, 'k', 1) : constValues(ctx, 1, 'k')[0]!;
  const shape = [...x.shape];
  shape[axis] = k;
  return [
    { dataType: x.dataType, shape },
    { dataType: DataType.INT64, shape },
  ];
};

export const layerNorm: Rule = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, 'axis', -1), x.shape.length, ctx);
  const stat = x.shape.map((d, i) => (i < axis ? d : 1));
  return [
    { dataType: x.dataType, shape: x.shape },
    { dataType: DataType.FLOAT, shape: stat },
    { dataType: DataType.FLOAT, shape: stat },
  ];
};

export const dropout: Rule = (ctx) => {
  const x = need(ctx, 0);
  return [
    { dataType: x.dataType, shape: x.shape, ...(x.value ? { value: x.value } : {}) },
    { dataType: DataType.BOOL, shape: x.shape },
  ];
};

export const batchNorm: Rule = (ctx) => {
  const x = need(ctx, 0);
  // Training-mode outputs (running mean/var) have the channel shape.
  const c = [x.shape[1] ?? 1];
  return [
    { dataType: x.dataType, shape: x.shape },
    ...ctx.node.outputs.slice(1).map(() => ({ dataType: x.dataType, shape: c })),
  ];
};

export const identity: Rule = (ctx) => {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: x.shape, ...(x.value ? { value: x.value } : {}) }];
};

export const depthToSpace: Rule = (ctx) => {
  const x = need(ctx, 0);
  const b = intAttr(ctx.node, 'blocksize', 1);
  const [n, c, h, w] = x.shape as [number, number, number, number];
  return ctx.node.opType === 'DepthToSpace'
    ? [{ dataType: x.dataType, shape: [n, c / (b * b), h * b, w * b] }]
    : [{ dataType: x.dataType, shape: [n, c * b * b, h / b, w / b] }];
};

export const compare = (fn: (a: number, b: number) => boolean) =>
  binary((a, b) => (fn(a, b) ? 1 : 0), DataType.BOOL);
