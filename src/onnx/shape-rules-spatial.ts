import { intAttr, intsAttr, stringAttr } from './attributes.js';
import { DataType } from './types.js';
import {
  type OutputType,
  type Rule,
  type RuleContext,
  ShapeRuleError,
  broadcast,
  checkDims,
  need,
} from './shape-ops.js';

/** Shape rules of convolution, pooling and linear algebra. */

// ------------------------------------------------------------------ convolution and pooling

function spatial(
  ctx: RuleContext,
  input: readonly number[],
  kernel: readonly number[],
  options: { ceil?: boolean; transposed?: false },
): number[] {
  const node = ctx.node;
  const nSpatial = input.length - 2;
  const strides = intsAttr(node, 'strides');
  const dilations = intsAttr(node, 'dilations');
  const pads = intsAttr(node, 'pads');
  const autoPad = stringAttr(node, 'auto_pad', 'NOTSET');
  const out: number[] = [];
  for (let i = 0; i < nSpatial; i++) {
    const inDim = input[i + 2]!;
    const s = strides?.[i] ?? 1;
    const d = dilations?.[i] ?? 1;
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
    const padded = inDim + (pads?.[i] ?? 0) + (pads?.[i + nSpatial] ?? 0);
    if (options.ceil) {
      let o = Math.ceil((padded - eff) / s) + 1;
      // The last window must start inside the input or left padding (PyTorch and ONNX Runtime rule).
      if ((o - 1) * s >= inDim + (pads?.[i] ?? 0)) o -= 1;
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
  const group = intAttr(ctx.node, 'group', 1);
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

export const conv: Rule = (ctx) => {
  const x = need(ctx, 0);
  const w = need(ctx, 1);
  if (x.shape.length < 3) throw new ShapeRuleError(`Conv '${ctx.node.name}': input rank ${x.shape.length}`);
  checkConvWeight(ctx, x.shape, w.shape);
  const kernel = intsAttr(ctx.node, 'kernel_shape') ?? w.shape.slice(2);
  const shape = spatial(ctx, x.shape, kernel, {});
  shape.unshift(x.shape[0]!, w.shape[0]!);
  return [{ dataType: x.dataType, shape: checkDims(shape, ctx) }];
};

export const convTranspose: Rule = (ctx) => {
  const x = need(ctx, 0);
  const w = need(ctx, 1);
  const node = ctx.node;
  const group = intAttr(node, 'group', 1);
  const nSpatial = x.shape.length - 2;
  const kernel = intsAttr(node, 'kernel_shape') ?? w.shape.slice(2);
  const outChannels = w.shape[1]! * group;
  const explicit = intsAttr(node, 'output_shape');
  if (explicit) {
    const sp = explicit.length === nSpatial ? explicit : explicit.slice(2);
    return [{ dataType: x.dataType, shape: checkDims([x.shape[0]!, outChannels, ...sp], ctx) }];
  }
  const strides = intsAttr(node, 'strides');
  const dilations = intsAttr(node, 'dilations');
  const pads = intsAttr(node, 'pads');
  const outPad = intsAttr(node, 'output_padding') ?? new Array<number>(nSpatial).fill(0);
  const autoPad = stringAttr(node, 'auto_pad', 'NOTSET');
  const sp: number[] = [];
  for (let i = 0; i < nSpatial; i++) {
    const inDim = x.shape[i + 2]!;
    const s = strides?.[i] ?? 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      sp.push(inDim * s);
      continue;
    }
    const eff = ((kernel[i] ?? 1) - 1) * (dilations?.[i] ?? 1) + 1;
    sp.push(s * (inDim - 1) + (outPad[i] ?? 0) + eff - (pads?.[i] ?? 0) - (pads?.[i + nSpatial] ?? 0));
  }
  return [{ dataType: x.dataType, shape: checkDims([x.shape[0]!, outChannels, ...sp], ctx) }];
};

export const pool: Rule = (ctx) => {
  const x = need(ctx, 0);
  const kernel = intsAttr(ctx.node, 'kernel_shape');
  if (!kernel) throw new ShapeRuleError(`${ctx.node.opType} '${ctx.node.name}': no kernel_shape`);
  const ceil = intAttr(ctx.node, 'ceil_mode', 0) === 1;
  const shape = checkDims([x.shape[0]!, x.shape[1]!, ...spatial(ctx, x.shape, kernel, { ceil })], ctx);
  const outs: OutputType[] = [{ dataType: x.dataType, shape }];
  if (ctx.node.outputs.length > 1) outs.push({ dataType: DataType.INT64, shape });
  return outs;
};

export const globalPool: Rule = (ctx) => {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: [x.shape[0]!, x.shape[1]!, ...x.shape.slice(2).map(() => 1)] }];
};

// ------------------------------------------------------------------ linear algebra

export const matmul: Rule = (ctx) => {
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

export const gemm: Rule = (ctx) => {
  const a = need(ctx, 0);
  const b = need(ctx, 1);
  const ta = intAttr(ctx.node, 'transA', 0);
  const tb = intAttr(ctx.node, 'transB', 0);
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
export const einsum: Rule = (ctx) => {
  const eq = stringAttr(ctx.node, 'equation', '').replace(/\s/g, '');
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

// ------------------------------------------------------------------ recurrent layers

/**
 * LSTM (4 gates), GRU (3) and RNN (1): Y and Y_h (and LSTM's Y_c) from X [seq, batch, input] (or, with
 * layout=1, [batch, seq, input]) and W [directions, gates x hidden, input].
 */
export function recurrent(gates: number): Rule {
  return (ctx) => {
    const x = need(ctx, 0);
    const w = need(ctx, 1);
    const node = ctx.node;
    if (x.shape.length !== 3 || w.shape.length !== 3) {
      throw new ShapeRuleError(
        `${node.opType} '${node.name}': X and W must be 3-D, got [${x.shape.join(', ')}] and [${w.shape.join(', ')}]`,
      );
    }
    const batchFirst = intAttr(node, 'layout', 0) === 1;
    const [seq, batch] = batchFirst ? [x.shape[1]!, x.shape[0]!] : [x.shape[0]!, x.shape[1]!];
    const directions = w.shape[0]!;
    const hidden = intAttr(node, 'hidden_size', w.shape[1]! / gates);
    const y = batchFirst ? [batch, seq, directions, hidden] : [seq, directions, batch, hidden];
    const state = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden];
    const states = gates === 4 ? 2 : 1;
    return [
      { dataType: x.dataType, shape: checkDims(y, ctx) },
      ...Array.from({ length: states }, () => ({ dataType: x.dataType, shape: checkDims(state, ctx) })),
    ];
  };
}
