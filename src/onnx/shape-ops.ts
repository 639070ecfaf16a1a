import { DataType, type ConstValues, type OnnxNode } from './types.js';

/**
 * Per-operator shape rules (ONNX operator specs) with constant folding of the small integer tensors
 * that shape arithmetic produces (Shape -> Gather -> Concat -> Reshape and friends). This module holds
 * what every rule uses and the elementwise rules; the others are in shape-rules-spatial.ts and
 * shape-rules-tensor.ts, the table by op type in shape-rules.ts.
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

export type Rule = (ctx: RuleContext) => OutputType[];

/** Elements above which folded values are not kept (they are only shape arithmetic). */
export const MAX_FOLD = 4096;

// ------------------------------------------------------------------ small helpers

export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The values of a tensor read out in another order: output element k (row-major over `outShape`)
 * is the input element at the multi-index `source` gives for k's multi-index (Slice, Transpose).
 */
export function gatherValues(
  values: ConstValues,
  inShape: readonly number[],
  outShape: readonly number[],
  source: (out: readonly number[], axis: number) => number,
): number[] {
  const rank = inShape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1]! * inShape[a + 1]!;
  const out: number[] = [];
  const total = size(outShape);
  const at = new Array<number>(outShape.length).fill(0);
  for (let k = 0; k < total; k++) {
    let flat = 0;
    for (let a = 0; a < rank; a++) flat += source(at, a) * strides[a]!;
    out.push(values[flat]!);
    // The next multi-index, last axis fastest.
    for (let a = outShape.length - 1; a >= 0; a--) {
      if (++at[a]! < outShape[a]!) break;
      at[a] = 0;
    }
  }
  return out;
}

export function need(ctx: RuleContext, i: number): ValueType {
  const v = ctx.inputs[i];
  if (!v) throw new UndecidableShape(`input ${i} of ${ctx.node.opType} is unknown`);
  return v;
}

/** Values of a constant input (Reshape targets, Slice bounds...) or an undecidable-shape error. */
export function constValues(ctx: RuleContext, i: number, what: string): ConstValues {
  const v = ctx.inputs[i];
  if (!v?.value)
    throw new UndecidableShape(`${ctx.node.opType} '${ctx.node.name}': ${what} is not a constant`);
  return v.value;
}

export function normAxis(axis: number, rank: number, ctx: RuleContext): number {
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

export function checkDims(shape: readonly number[], ctx: RuleContext): readonly number[] {
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
export function foldElementwise(
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

export const isInt = (dt: DataType) =>
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

export function same(ctx: RuleContext): OutputType[] {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: x.shape }];
}

export function unary(fn?: (x: number) => number): Rule {
  return (ctx) => {
    const x = need(ctx, 0);
    const value = fn && x.value && x.value.length <= MAX_FOLD ? x.value.map(fn) : undefined;
    return [
      value ? { dataType: x.dataType, shape: x.shape, value } : { dataType: x.dataType, shape: x.shape },
    ];
  };
}

export function binary(fn?: (a: number, b: number, dt: DataType) => number, outType?: DataType): Rule {
  // Loops rather than filter/map, and the folding callback only for constant inputs: this runs for
  // every elementwise node of a graph.
  return (ctx) => {
    let given = 0;
    let constant = true;
    for (let k = 0; k < ctx.inputs.length; k++) {
      const input = ctx.inputs[k];
      if (input === undefined) {
        if ((ctx.node.inputs[k] ?? '') !== '') throw new UndecidableShape('unknown input');
        continue;
      }
      given++;
      constant &&= input.value !== undefined;
    }
    // Arrays of exact length (one grown by push takes room for 17).
    const ins = new Array<ValueType>(given);
    const shapes = new Array<readonly number[]>(given);
    for (let k = 0, j = 0; k < ctx.inputs.length; k++) {
      const input = ctx.inputs[k];
      if (input === undefined) continue;
      ins[j] = input;
      shapes[j++] = input.shape;
    }
    const shape = broadcast(shapes, ctx);
    const dt = outType ?? ins[0]!.dataType;
    const value =
      fn && constant ? foldElementwise(ins, shape, (...xs) => xs.reduce((a, b) => fn(a, b, dt))) : undefined;
    return [value ? { dataType: dt, shape, value } : { dataType: dt, shape }];
  };
}

export const intDiv = (a: number, b: number, dt: DataType) => (isInt(dt) ? Math.trunc(a / b) : a / b);
