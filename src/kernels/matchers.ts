import type { OnnxNode } from '../onnx/types.js';
import { floatAttr } from '../onnx/attributes.js';
import { type FusionContext } from './context.js';
import type { ActivationMatcherName, ActivationRule, FusionRules, KernelRule } from './rules.js';
import type { Match } from './catalog-types.js';
import type { Activation } from './types.js';

/**
 * Pattern matchers: small pure functions over the IR. A kernel matcher looks at one anchor node and
 * returns the nodes of the kernel it starts (or undefined); it claims nothing itself. Intermediate
 * values of a fused kernel must be read only inside the kernel and must not be graph outputs. This
 * module holds the helpers and the activation matchers; the kernel matchers are in kernel-matchers.ts.
 */

export type { Match } from './catalog-types.js';

export interface ActivationMatch {
  readonly activation: Activation;
  readonly nodes: readonly OnnxNode[];
  /** The value the activation produces. */
  readonly output: string;
}

type ActivationMatcher = (
  ctx: FusionContext,
  x: string,
  first: OnnxNode,
  rule: ActivationRule,
) => Omit<ActivationMatch, 'activation'> | undefined;
export type KernelMatcher = (
  ctx: FusionContext,
  node: OnnxNode,
  rule: KernelRule,
  rules: FusionRules,
) => Match | undefined;

// ------------------------------------------------------------------ helpers

export const isOp = (node: OnnxNode | undefined, ...ops: string[]): node is OnnxNode =>
  node !== undefined && node.domain === '' && ops.includes(node.opType);

/** isOp over a list held elsewhere (a rule's ops), without spreading it into a call. */
export const isOneOf = (node: OnnxNode | undefined, ops: readonly string[] | undefined): node is OnnxNode =>
  node !== undefined && ops !== undefined && node.domain === '' && ops.includes(node.opType);

/** isOp without narrowing, for nodes known to exist (a failed check says nothing about the type). */
export const hasOp = (node: OnnxNode, ...ops: string[]): boolean =>
  node.domain === '' && ops.includes(node.opType);

export const same = (ctx: FusionContext, a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a !== '' && b !== '' && ctx.source(a) === ctx.source(b);

/** The single free reader of a value that is not a graph output. */
export function sole(ctx: FusionContext, value: string | undefined): OnnxNode | undefined {
  if (value === undefined || value === '' || ctx.isGraphOutput(value)) return undefined;
  const readers = ctx.consumers(value);
  return readers.length === 1 && ctx.isFree(readers[0]!) ? readers[0] : undefined;
}

/** sole for output `k` of `node`, found by the value's number (FusionContext.outputReaders). */
export function soleReaderOf(ctx: FusionContext, node: OnnxNode, k: number): OnnxNode | undefined {
  const value = node.outputs[k];
  if (value === undefined || value === '' || ctx.isGraphOutput(value)) return undefined;
  const readers = ctx.outputReaders(node, k);
  return readers.length === 1 && ctx.isFree(readers[0]!) ? readers[0] : undefined;
}

/** The value of a constant that holds one number (or the same number everywhere). */
export function scalar(ctx: FusionContext, value: string | undefined): number | undefined {
  if (value === undefined || !ctx.isConstant(value)) return undefined;
  const v = ctx.values(value);
  if (!v || v.length === 0 || v.some((x) => x !== v[0])) return undefined;
  return v[0];
}

export const near = (a: number | undefined, b: number, tolerance = 1e-3): boolean =>
  a !== undefined && Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

/** The operand of a binary node that is not `x`, when the other one is `x`. */
export function otherOperand(ctx: FusionContext, node: OnnxNode, x: string): string | undefined {
  const [a, b] = node.inputs;
  if (same(ctx, a, x)) return b;
  if (same(ctx, b, x)) return a;
  return undefined;
}

export function isActivationValue(ctx: FusionContext, value: string | undefined): value is string {
  return value !== undefined && value !== '' && !ctx.isConstant(value);
}

/** isActivationValue for input `k` of `node`, by the value's number (FusionContext.isConstantInput). */
export function isActivationInput(ctx: FusionContext, node: OnnxNode, k: number): boolean {
  const value = node.inputs[k];
  return value !== undefined && value !== '' && !ctx.isConstantInput(node, k);
}

/** Clip bounds from attributes (opset < 11) or constant inputs; undefined when an input is not constant. */
function clipBounds(ctx: FusionContext, node: OnnxNode): { min: number; max: number } | undefined {
  const bound = (attr: string, input: string | undefined, fallback: number): number | undefined => {
    const a = floatAttr(node, attr);
    if (a !== undefined) return a;
    if (input === undefined || input === '') return fallback;
    return scalar(ctx, input);
  };
  const min = bound('min', node.inputs[1], -Infinity);
  const max = bound('max', node.inputs[2], Infinity);
  return min === undefined || max === undefined ? undefined : { min, max };
}

/** `reader` is the only reader of the producer's output (looked through pass-throughs), not a graph output. */
export function onlyReader(ctx: FusionContext, producer: OnnxNode, reader: OnnxNode): boolean {
  const out = producer.outputs[0];
  if (out === undefined || out === '' || ctx.isGraphOutput(out)) return false;
  const readers = ctx.outputReaders(producer, 0);
  return readers.length === 1 && readers[0] === reader;
}

/**
 * Absorbs producers of the node's input (Flatten before Gemm, Pad before a pool) that only this
 * kernel reads; returns them in graph order followed by the node: a kernel's nodes so far.
 */
export function absorbProducers(
  ctx: FusionContext,
  node: OnnxNode,
  input: number,
  ops: readonly string[] | undefined,
): OnnxNode[] {
  const out: OnnxNode[] = [node];
  if (!ops?.length) return out;
  let reader = node;
  let k = input;
  for (let depth = 0; depth < 4; depth++) {
    const p = ctx.inputProducer(reader, k);
    if (!isOneOf(p, ops) || !ctx.isFree(p) || !onlyReader(ctx, p, reader)) break;
    if (!isActivationInput(ctx, p, 0)) break;
    out.unshift(p);
    reader = p;
    k = 0;
  }
  return out;
}

// ------------------------------------------------------------------ activations

const ACTIVATION_MATCHERS: Readonly<Record<ActivationMatcherName, ActivationMatcher>> = {
  single(ctx, x, first, rule) {
    if (!isOneOf(first, rule.ops) || !same(ctx, first.inputs[0], x)) return undefined;
    return { nodes: [first], output: first.outputs[0]! };
  },

  clip(ctx, x, first, rule) {
    if (!isOp(first, 'Clip') || !same(ctx, first.inputs[0], x)) return undefined;
    const bounds = clipBounds(ctx, first);
    if (rule.min !== undefined && !near(bounds?.min, rule.min)) return undefined;
    if (rule.max !== undefined && !near(bounds?.max, rule.max)) return undefined;
    return { nodes: [first], output: first.outputs[0]! };
  },

  /** x * g(x): the gate reads x, and one Mul reads x and the gate. */
  gated(ctx, x, first, rule) {
    if (!isOneOf(first, rule.ops) || !same(ctx, first.inputs[0], x)) return undefined;
    const gate = first.outputs[0]!;
    const mul = sole(ctx, gate);
    if (!isOp(mul, 'Mul') || !same(ctx, otherOperand(ctx, mul, gate), x)) return undefined;
    return { nodes: [first, mul], output: mul.outputs[0]! };
  },

  /** x * Clip(x + 3, 0, 6) / 6, with the division before or after the product. */
  hswishDecomposed(ctx, x, first) {
    if (!isOp(first, 'Add') || !near(scalar(ctx, otherOperand(ctx, first, x)), 3)) return undefined;
    const clip = sole(ctx, first.outputs[0]);
    if (!isOp(clip, 'Clip')) return undefined;
    const b = clipBounds(ctx, clip);
    if (!near(b?.min, 0) || !near(b?.max, 6)) return undefined;
    const isSixth = (n: OnnxNode | undefined, v: string): n is OnnxNode =>
      (isOp(n, 'Div') && same(ctx, n.inputs[0], v) && near(scalar(ctx, n.inputs[1]), 6)) ||
      (isOp(n, 'Mul') && near(scalar(ctx, otherOperand(ctx, n, v)), 1 / 6));
    const next = sole(ctx, clip.outputs[0]);
    if (isOp(next, 'Mul') && same(ctx, otherOperand(ctx, next, clip.outputs[0]!), x)) {
      const last = sole(ctx, next.outputs[0]);
      if (!isSixth(last, next.outputs[0]!)) return undefined;
      return { nodes: [first, clip, next, last], output: last.outputs[0]! };
    }
    if (isSixth(next, clip.outputs[0]!)) {
      const last = sole(ctx, next.outputs[0]);
      if (!isOp(last, 'Mul') || !same(ctx, otherOperand(ctx, last, next.outputs[0]!), x)) return undefined;
      return { nodes: [first, clip, next, last], output: last.outputs[0]! };
    }
    return undefined;
  },

  /**
   * Clip(x + 3, 0, 6) / 6: Keras' hard sigmoid as TFLite converts it (ADD with a fused RELU6, then MUL),
   * or Clip(x, 0, 6) / 6 where the converter folded the + 3 into the bias of the conv before it.
   */
  hsigmoidDecomposed(ctx, x, first) {
    const added = isOp(first, 'Add') && near(scalar(ctx, otherOperand(ctx, first, x)), 3);
    const clip = added ? sole(ctx, first.outputs[0]) : first;
    if (!isOp(clip, 'Clip') || (!added && !same(ctx, clip.inputs[0], x))) return undefined;
    const b = clipBounds(ctx, clip);
    if (!near(b?.min, 0) || !near(b?.max, 6)) return undefined;
    const next = sole(ctx, clip.outputs[0]);
    const v = clip.outputs[0]!;
    const sixth =
      (isOp(next, 'Div') && same(ctx, next.inputs[0], v) && near(scalar(ctx, next.inputs[1]), 6)) ||
      (isOp(next, 'Mul') && near(scalar(ctx, otherOperand(ctx, next, v)), 1 / 6));
    if (!sixth || !next) return undefined;
    return { nodes: added ? [first, clip, next] : [clip, next], output: next.outputs[0]! };
  },

  /** PyTorch's exact GELU: Div(x, sqrt 2) -> Erf -> Add 1 -> Mul x -> Mul 0.5 (or x*0.5 first). */
  geluErf(ctx, x, first) {
    const scaled =
      (isOp(first, 'Div') &&
        same(ctx, first.inputs[0], x) &&
        near(scalar(ctx, first.inputs[1]), Math.SQRT2)) ||
      (isOp(first, 'Mul') && near(scalar(ctx, otherOperand(ctx, first, x)), Math.SQRT1_2));
    if (!scaled) return undefined;
    const erf = sole(ctx, first.outputs[0]);
    if (!isOp(erf, 'Erf')) return undefined;
    const plus = sole(ctx, erf.outputs[0]);
    if (!isOp(plus, 'Add') || !near(scalar(ctx, otherOperand(ctx, plus, erf.outputs[0]!)), 1))
      return undefined;
    const mul = sole(ctx, plus.outputs[0]);
    if (!isOp(mul, 'Mul')) return undefined;
    const y = otherOperand(ctx, mul, plus.outputs[0]!);
    if (same(ctx, y, x)) {
      const half = sole(ctx, mul.outputs[0]);
      if (!isOp(half, 'Mul') || !near(scalar(ctx, otherOperand(ctx, half, mul.outputs[0]!)), 0.5))
        return undefined;
      return { nodes: [first, erf, plus, mul, half], output: half.outputs[0]! };
    }
    const halfX = y === undefined ? undefined : ctx.producer(y);
    if (!isOp(halfX, 'Mul') || !ctx.isFree(halfX) || !near(scalar(ctx, otherOperand(ctx, halfX, x)), 0.5))
      return undefined;
    if (sole(ctx, halfX.outputs[0]) !== mul) return undefined;
    return { nodes: [first, halfX, erf, plus, mul], output: mul.outputs[0]! };
  },
};

/** An activation starting at `first` and reading `x`, among the allowed ones, in rule order. */
export function activationAt(
  ctx: FusionContext,
  rules: FusionRules,
  allowed: readonly Activation[],
  x: string,
  first: OnnxNode,
): ActivationMatch | undefined {
  if (first.domain !== '') return undefined;
  for (const rule of activationRulesAt(rules, first.opType)) {
    if (!allowed.includes(rule.activation)) continue;
    const m = ACTIVATION_MATCHERS[rule.match](ctx, x, first, rule);
    if (m && allFree(ctx, m.nodes)) return { activation: rule.activation, nodes: m.nodes, output: m.output };
  }
  return undefined;
}

/**
 * The op types each activation matcher's first node can have (default domain): activationAt tries a
 * rule only there, and an activation kernel anchors there.
 */
export const ACTIVATION_FIRST_OPS: Readonly<
  Record<ActivationMatcherName, (rule: ActivationRule) => readonly string[]>
> = {
  single: (rule) => rule.ops ?? [],
  gated: (rule) => rule.ops ?? [],
  clip: () => ['Clip'],
  hswishDecomposed: () => ['Add'],
  hsigmoidDecomposed: () => ['Add', 'Clip'],
  geluErf: () => ['Div', 'Mul'],
};

const NO_RULES: readonly ActivationRule[] = [];
const activationRulesByOp = new WeakMap<FusionRules, ReadonlyMap<string, readonly ActivationRule[]>>();

/**
 * The activation rules that can start at a node of `opType`, in rule order: activationAt tries only
 * these (as detection tries only the kernel matchers of a node's op type), made once per rule set.
 */
function activationRulesAt(rules: FusionRules, opType: string): readonly ActivationRule[] {
  let byOp = activationRulesByOp.get(rules);
  if (!byOp) {
    const map = new Map<string, ActivationRule[]>();
    for (const rule of rules.activations) {
      for (const op of new Set(ACTIVATION_FIRST_OPS[rule.match](rule))) {
        let list = map.get(op);
        if (!list) map.set(op, (list = []));
        list.push(rule);
      }
    }
    activationRulesByOp.set(rules, map);
    byOp = map;
  }
  return byOp.get(opType) ?? NO_RULES;
}

function allFree(ctx: FusionContext, nodes: readonly OnnxNode[]): boolean {
  for (let i = 0; i < nodes.length; i++) if (!ctx.isFree(nodes[i]!)) return false;
  return true;
}

/** An activation applied to `x` that is the only reader of `x` (so it can be fused into x's producer). */
export function fusedActivation(
  ctx: FusionContext,
  rules: FusionRules,
  allowed: readonly Activation[] | undefined,
  x: string,
): ActivationMatch | undefined {
  if (!allowed?.length || ctx.isGraphOutput(x)) return undefined;
  return activationOfReaders(ctx, rules, allowed, x, ctx.consumers(x));
}

/** fusedActivation of output `k` of `producer`, its readers found by the value's number. */
export function fusedActivationOf(
  ctx: FusionContext,
  rules: FusionRules,
  allowed: readonly Activation[] | undefined,
  producer: OnnxNode,
  k: number,
): ActivationMatch | undefined {
  const x = producer.outputs[k];
  if (!allowed?.length || x === undefined || x === '' || ctx.isGraphOutput(x)) return undefined;
  return activationOfReaders(ctx, rules, allowed, x, ctx.outputReaders(producer, k));
}

function activationOfReaders(
  ctx: FusionContext,
  rules: FusionRules,
  allowed: readonly Activation[],
  x: string,
  readers: readonly OnnxNode[],
): ActivationMatch | undefined {
  // Patterns with two readers of x (x * g(x), GELU) may start at either one.
  for (const first of readers) {
    const m = activationAt(ctx, rules, allowed, x, first);
    if (m && readers.every((r) => m.nodes.includes(r))) return m;
  }
  return undefined;
}
