import type { OnnxNode } from '../onnx/types.js';
import { intAttr, intsAttr } from '../onnx/attributes.js';
import { kernelTypeEntries } from './catalog.js';
import { type FusionContext } from './context.js';
import type { FusionRules, KernelMatcherName, KernelRule } from './rules.js';
import {
  type KernelMatcher,
  absorbProducers,
  ACTIVATION_FIRST_OPS,
  activationAt,
  fusedActivation,
  fusedActivationOf,
  hasOp,
  isActivationInput,
  isActivationValue,
  isOneOf,
  isOp,
  near,
  onlyReader,
  otherOperand,
  same,
  scalar,
  sole,
  soleReaderOf,
} from './matchers.js';
import type { Match } from './catalog-types.js';
import type { KernelType } from './types.js';

/** The kernel matchers, one per `matcher` name of rules.json, and the anchor ops each is tried on. */

// ------------------------------------------------------------------ kernels

/** A projection inside an SE block: 1x1 Conv, Gemm, or MatMul (+ bias Add) with constant weights. */
function projection(
  ctx: FusionContext,
  node: OnnxNode | undefined,
): { nodes: OnnxNode[]; output: string } | undefined {
  if (!node) return undefined;
  if (hasOp(node, 'Conv')) {
    const w = ctx.shape(node.inputs[1] ?? '');
    if (
      !ctx.isConstant(node.inputs[1] ?? '') ||
      !w ||
      w.slice(2).some((d) => d !== 1) ||
      intAttr(node, 'group', 1) !== 1
    )
      return undefined;
    // A bias added after the conv (NHWC exports add it after the layout Transpose).
    const [first] = perChannelAffine(ctx, node, w[0]);
    const bias = first?.opType === 'Add' ? first : undefined;
    return { nodes: bias ? [node, bias] : [node], output: (bias ?? node).outputs[0]! };
  }
  if (hasOp(node, 'Gemm') && ctx.isConstant(node.inputs[1] ?? ''))
    return { nodes: [node], output: node.outputs[0]! };
  if (hasOp(node, 'MatMul') && ctx.isConstant(node.inputs[1] ?? '')) {
    const add = sole(ctx, node.outputs[0]);
    if (isOp(add, 'Add') && ctx.isConstant(otherOperand(ctx, add, node.outputs[0]!) ?? '')) {
      return { nodes: [node, add], output: add.outputs[0]! };
    }
    return { nodes: [node], output: node.outputs[0]! };
  }
  return undefined;
}

/** Axes of a reduction from the attribute (opset < 18) or the constant second input. */
function reduceAxes(ctx: FusionContext, node: OnnxNode): readonly number[] | undefined {
  const fromAttr = intsAttr(node, 'axes');
  if (fromAttr) return fromAttr;
  const input = node.inputs[1];
  if (input) return ctx.values(input);
  return undefined;
}

/** GlobalAveragePool, or ReduceMean over exactly the spatial axes of an N,C,spatial... tensor. */
function isGlobalAverage(ctx: FusionContext, node: OnnxNode): boolean {
  if (hasOp(node, 'GlobalAveragePool')) return true;
  if (!isOp(node, 'ReduceMean')) return false;
  const rank = ctx.shape(node.inputs[0] ?? '')?.length;
  const axes = reduceAxes(ctx, node);
  if (rank === undefined || rank < 3 || !axes) return false;
  const normalised = [...new Set(axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  if (normalised.length === rank - 2 && normalised.every((a, i) => a === i + 2)) return true;
  // NHWC data (an export from an NHWC framework): the mean over axes 1, 2, next to a layout Transpose.
  const layout = (n: OnnxNode | undefined, perm: string) =>
    isOp(n, 'Transpose') && intsAttr(n, 'perm')?.join(',') === perm;
  if (rank !== 4 || normalised.join(',') !== '1,2') return false;
  // Exports write Casts to the same type between ops: look through them (raw graph, folded included).
  const readers = (v: string): OnnxNode[] =>
    (ctx.index.consumers.get(v) ?? []).flatMap((c) => (isOp(c, 'Cast') ? readers(c.outputs[0] ?? '') : [c]));
  let source = ctx.index.producer.get(node.inputs[0] ?? '');
  while (isOp(source, 'Cast')) source = ctx.index.producer.get(source.inputs[0] ?? '');
  return layout(source, '0,2,3,1') || readers(node.outputs[0] ?? '').some((c) => layout(c, '0,3,1,2'));
}

interface SliceRange {
  readonly axis: number;
  readonly start: number;
  readonly end: number;
}

/** A Slice along one axis with step 1 and constant bounds, normalised to the input's extent. */
function sliceRange(ctx: FusionContext, node: OnnxNode): SliceRange | undefined {
  const shape = ctx.shape(node.inputs[0] ?? '');
  if (!shape) return undefined;
  let starts: readonly number[] | undefined;
  let ends: readonly number[] | undefined;
  let axes: readonly number[] | undefined;
  let steps: readonly number[] | undefined;
  if (node.inputs.length > 1) {
    starts = ctx.values(node.inputs[1] ?? '');
    ends = ctx.values(node.inputs[2] ?? '');
    axes = node.inputs[3] ? ctx.values(node.inputs[3]) : undefined;
    steps = node.inputs[4] ? ctx.values(node.inputs[4]) : undefined;
    if ((node.inputs[3] && !axes) || (node.inputs[4] && !steps)) return undefined;
  } else {
    starts = intsAttr(node, 'starts');
    ends = intsAttr(node, 'ends');
    axes = intsAttr(node, 'axes');
  }
  if (!starts || !ends || starts.length !== 1 || ends.length !== 1) return undefined;
  if (steps && steps.some((s) => s !== 1)) return undefined;
  const rawAxis = axes?.[0] ?? 0;
  const axis = rawAxis < 0 ? rawAxis + shape.length : rawAxis;
  const dim = shape[axis];
  if (dim === undefined) return undefined;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
  return { axis, start: clamp(starts[0]!), end: clamp(ends[0]!) };
}

/**
 * BatchNormalization spelled as elementwise ops after a conv (Sub mean, Mul or Div by the scale, Add
 * beta, as Keras' ONNX export writes it): a chain of Add/Sub/Mul/Div whose other operand is a constant
 * of at most one value per output channel. Runtimes fold it into the conv's weights and bias.
 */
function perChannelAffine(ctx: FusionContext, producer: OnnxNode, channels: number | undefined): OnnxNode[] {
  const out: OnnxNode[] = [];
  if (channels === undefined) return out;
  let v = producer.outputs[0]!;
  let last = producer;
  for (let depth = 0; depth < 4; depth++) {
    const next = soleReaderOf(ctx, last, 0);
    if (!isOp(next, 'Add', 'Sub', 'Mul', 'Div')) break;
    const other = otherOperand(ctx, next, v);
    if ((next.opType === 'Sub' || next.opType === 'Div') && !same(ctx, next.inputs[0], v)) break;
    const shape = other !== undefined && ctx.isConstant(other) ? ctx.shape(other) : undefined;
    const elements = shape?.reduce((a, b) => a * b, 1);
    if (elements === undefined || elements !== channels) break;
    out.push(next);
    v = next.outputs[0]!;
    last = next;
  }
  return out;
}

const conv: KernelMatcher = (ctx, node, rule, rules) => {
  if (!isOp(node, 'Conv', 'ConvTranspose') || !isActivationInput(ctx, node, 0)) return undefined;
  const group = intAttr(node, 'group', 1);
  const w = ctx.inputInfo(node, 1)?.shape;
  const depthwise = group > 1 && w?.[1] === 1;
  if ((rule.depthwise ?? false) !== depthwise) return undefined;
  const nodes = absorbProducers(ctx, node, 0, rule.absorb);
  // The node whose first output the kernel ends at so far.
  let last = node;
  let bn: OnnxNode | undefined;
  if (rule.batchNorm) {
    const next = soleReaderOf(ctx, node, 0);
    if (
      isOp(next, 'BatchNormalization') &&
      same(ctx, next.inputs[0], node.outputs[0]) &&
      constantInputs(ctx, next, 1, 5)
    ) {
      bn = next;
      nodes.push(next);
      last = next;
    } else {
      const affine = perChannelAffine(ctx, node, w?.[0]);
      if (affine.length > 0) {
        bn = affine[0];
        nodes.push(...affine);
        last = affine[affine.length - 1]!;
      }
    }
  }
  const act = fusedActivationOf(ctx, rules, rule.activations, last, 0);
  if (act) nodes.push(...act.nodes);
  const bias = (node.inputs[2] ?? '') !== '';
  return {
    nodes,
    variant: {
      activation: act?.activation ?? 'none',
      bias,
      bn: bn ? 'separate' : bias ? 'folded' : 'none',
      ...(bn && bn.opType !== 'BatchNormalization' ? { note: 'bn as elementwise ops' } : {}),
      groups: group,
      ...(node.opType === 'ConvTranspose' ? { note: 'transposed' } : {}),
    },
  };
};

const fc: KernelMatcher = (ctx, node, rule, rules) => {
  // The first operand is the input even when it is a constant: float work on constants that reaches
  // the matchers is work a runtime does at each inference (TFLite folds nothing at load, so an RNN's
  // first step multiplies its zero state buffer by the weights; an ONNX state sized by a symbolic dim).
  if (!isOp(node, 'Gemm', 'MatMul') || (node.inputs[0] ?? '') === '' || !ctx.isConstantInput(node, 1))
    return undefined;
  const nodes = absorbProducers(ctx, node, 0, rule.absorb);
  let last = node;
  let bias = node.opType === 'Gemm' && (node.inputs[2] ?? '') !== '';
  // A bias added after: MatMul's, or a bias-less Gemm's (TFLite's FULLY_CONNECTED without one, then ADD).
  if (!bias) {
    const add = soleReaderOf(ctx, node, 0);
    if (isOp(add, 'Add') && ctx.isConstant(otherOperand(ctx, add, node.outputs[0]!) ?? '')) {
      nodes.push(add);
      last = add;
      bias = true;
    }
  }
  const act = fusedActivationOf(ctx, rules, rule.activations, last, 0);
  if (act) nodes.push(...act.nodes);
  return {
    nodes,
    variant: {
      activation: act?.activation ?? 'none',
      bias,
      ...(node.opType === 'MatMul' ? { note: bias ? 'matmul+add' : 'matmul' } : {}),
    },
  };
};

const op: KernelMatcher = (ctx, node, rule, rules) => {
  if (!isOneOf(node, rule.ops)) return undefined;
  if (rule.activationOperands && !operandsAre(ctx, node, 'activations')) return undefined;
  if (rule.constantOperands && !operandsAre(ctx, node, 'activation-then-constants')) return undefined;
  const nodes = absorbProducers(ctx, node, 0, rule.absorb);
  const act = fusedActivationOf(ctx, rules, rule.activations, node, 0);
  if (rule.activationRequired && !act) return undefined;
  if (act) nodes.push(...act.nodes);
  return { nodes, variant: act ? { activation: act.activation } : {} };
};

/** Whether a node's operands (omitted ones left out) are all activations, or one and then constants. */
function operandsAre(
  ctx: FusionContext,
  node: OnnxNode,
  kinds: 'activations' | 'activation-then-constants',
): boolean {
  let first = true;
  for (let k = 0; k < node.inputs.length; k++) {
    if (node.inputs[k] === '') continue;
    const ok =
      kinds === 'activations' || first ? isActivationInput(ctx, node, k) : ctx.isConstantInput(node, k);
    if (!ok) return false;
    first = false;
  }
  // activation-then-constants needs the activation: a node without operands has none.
  return kinds === 'activations' || !first;
}

/** Whether inputs `from` up to (not including) `to` of `node` are constants (those it has). */
function constantInputs(ctx: FusionContext, node: OnnxNode, from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, node.inputs.length); k++)
    if (!ctx.isConstantInput(node, k)) return false;
  return true;
}

const globalPool: KernelMatcher = (ctx, node) => {
  if (hasOp(node, 'GlobalMaxPool')) return { nodes: [node], variant: { note: 'max' } };
  if (!isGlobalAverage(ctx, node)) return undefined;
  return { nodes: [node], variant: node.opType === 'ReduceMean' ? { note: 'reducemean' } : {} };
};

const squeezeExcite: KernelMatcher = (ctx, node, rule, rules) => {
  if (!isGlobalAverage(ctx, node)) return undefined;
  const x = node.inputs[0]!;
  if (ctx.shape(x)?.length !== 4) return undefined;
  const nodes: OnnxNode[] = [node];
  let out = node.outputs[0]!;
  const reshape = (ops: string[]) => {
    const next = sole(ctx, out);
    if (isOp(next, ...ops)) {
      nodes.push(next);
      out = next.outputs[0]!;
    }
  };
  reshape(['Flatten', 'Reshape', 'Squeeze']);
  const squeeze = projection(ctx, sole(ctx, out));
  if (!squeeze) return undefined;
  nodes.push(...squeeze.nodes);
  out = squeeze.output;
  const act = fusedActivation(ctx, rules, rule.activations, out);
  if (act) {
    nodes.push(...act.nodes);
    out = act.output;
  }
  const excite = projection(ctx, sole(ctx, out));
  if (!excite) return undefined;
  nodes.push(...excite.nodes);
  out = excite.output;
  const gate = fusedActivation(ctx, rules, rule.gates, out);
  if (!gate) return undefined;
  nodes.push(...gate.nodes);
  out = gate.output;
  reshape(['Reshape', 'Unsqueeze']);
  const mul = sole(ctx, out);
  if (!isOp(mul, 'Mul') || !same(ctx, otherOperand(ctx, mul, out), x)) return undefined;
  nodes.push(mul);
  return { nodes, variant: { activation: act?.activation ?? 'none', note: `gate ${gate.activation}` } };
};

/** Reshape -> Transpose swapping two adjacent axes of the split one -> Reshape back to the input shape. */
const channelShuffle: KernelMatcher = (ctx, node) => {
  if (!isOp(node, 'Reshape') || !isActivationValue(ctx, node.inputs[0])) return undefined;
  const before = ctx.shape(node.inputs[0]);
  const split = ctx.shape(node.outputs[0]!);
  if (!before || !split || split.length !== before.length + 1) return undefined;
  const transpose = sole(ctx, node.outputs[0]);
  if (!isOp(transpose, 'Transpose')) return undefined;
  const perm = intsAttr(transpose, 'perm');
  if (!perm || perm.length !== split.length) return undefined;
  const moved = perm.map((p, i) => (p !== i ? i : -1)).filter((i) => i >= 0);
  const a = moved[0];
  if (moved.length !== 2 || a === undefined || moved[1] !== a + 1 || perm[a] !== a + 1 || perm[a + 1] !== a)
    return undefined;
  if (split[a]! * split[a + 1]! !== before[a]) return undefined;
  const back = sole(ctx, transpose.outputs[0]);
  if (!isOp(back, 'Reshape')) return undefined;
  const after = ctx.shape(back.outputs[0]!);
  if (!after || after.length !== before.length || after.some((d, i) => d !== before[i])) return undefined;
  return { nodes: [node, transpose, back], variant: { note: `groups ${split[a]}` } };
};

/** A Split, or two or more sibling Slices of one tensor along the same axis with disjoint ranges. */
const split: KernelMatcher = (ctx, node) => {
  if (hasOp(node, 'Split'))
    return isActivationValue(ctx, node.inputs[0]) ? { nodes: [node], variant: {} } : undefined;
  if (!isOp(node, 'Slice') || !isActivationValue(ctx, node.inputs[0])) return undefined;
  const mine = sliceRange(ctx, node);
  if (!mine) return undefined;
  const siblings: { node: OnnxNode; range: SliceRange }[] = [];
  for (const reader of ctx.consumers(node.inputs[0])) {
    if (!isOp(reader, 'Slice') || !ctx.isFree(reader) || !same(ctx, reader.inputs[0], node.inputs[0]))
      continue;
    const range = sliceRange(ctx, reader);
    if (range && range.axis === mine.axis && range.end > range.start) siblings.push({ node: reader, range });
  }
  if (siblings.length < 2 || !siblings.some((s) => s.node === node)) return undefined;
  const byStart = [...siblings].sort((p, q) => p.range.start - q.range.start);
  for (let i = 1; i < byStart.length; i++)
    if (byStart[i]!.range.start < byStart[i - 1]!.range.end) return undefined;
  return { nodes: siblings.map((s) => s.node), variant: { note: `slices along axis ${mine.axis}` } };
};

/**
 * LayerNormalization, or ReduceMean -> Sub -> Pow 2 -> ReduceMean -> Add eps -> Sqrt -> Div [-> Mul
 * -> Add]; the division may be a Reciprocal and a Mul (TFLite's RSQRT, lowered by src/tflite/ops.ts).
 */
const layerNorm: KernelMatcher = (ctx, node) => {
  if (hasOp(node, 'LayerNormalization')) return { nodes: [node], variant: {} };
  if (!isOp(node, 'ReduceMean') || !isActivationValue(ctx, node.inputs[0])) return undefined;
  const x = node.inputs[0];
  const sub = sole(ctx, node.outputs[0]);
  if (!isOp(sub, 'Sub') || !same(ctx, sub.inputs[0], x) || !same(ctx, sub.inputs[1], node.outputs[0]))
    return undefined;
  const d = sub.outputs[0]!;
  if (ctx.isGraphOutput(d)) return undefined;
  const readers = ctx.consumers(d);
  const isSquare = (r: OnnxNode) =>
    (isOp(r, 'Pow') && same(ctx, r.inputs[0], d) && near(scalar(ctx, r.inputs[1]), 2)) ||
    (isOp(r, 'Mul') && same(ctx, r.inputs[0], d) && same(ctx, r.inputs[1], d));
  const square = readers.find(isSquare);
  const div = readers.find(
    (r) =>
      r !== square &&
      ((isOp(r, 'Div') && same(ctx, r.inputs[0], d)) ||
        (isOp(r, 'Mul') && (same(ctx, r.inputs[0], d) || same(ctx, r.inputs[1], d)))),
  );
  if (!square || !div || readers.length !== 2 || !ctx.isFree(square) || !ctx.isFree(div)) return undefined;
  const mean2 = sole(ctx, square.outputs[0]);
  if (!isOp(mean2, 'ReduceMean')) return undefined;
  const eps = sole(ctx, mean2.outputs[0]);
  if (!isOp(eps, 'Add') || scalar(ctx, otherOperand(ctx, eps, mean2.outputs[0]!)) === undefined)
    return undefined;
  const sqrt = sole(ctx, eps.outputs[0]);
  if (!isOp(sqrt, 'Sqrt')) return undefined;
  const reciprocal = isOp(div, 'Mul') ? sole(ctx, sqrt.outputs[0]) : undefined;
  if (reciprocal && !isOp(reciprocal, 'Reciprocal')) return undefined;
  const scale = reciprocal ?? sqrt;
  if (sole(ctx, scale.outputs[0]) !== div || !same(ctx, otherOperand(ctx, div, d), scale.outputs[0]))
    return undefined;
  const nodes = [node, sub, square, mean2, eps, sqrt, ...(reciprocal ? [reciprocal] : []), div];
  let out = div.outputs[0]!;
  for (const opType of ['Mul', 'Add']) {
    const next = sole(ctx, out);
    if (!isOp(next, opType) || !ctx.isConstant(otherOperand(ctx, next, out) ?? '')) break;
    nodes.push(next);
    out = next.outputs[0]!;
  }
  return { nodes, variant: { note: 'decomposed' } };
};

/** Transposes and constant scalings feeding an attention MatMul operand, read only by it. */
function attentionPrologue(ctx: FusionContext, reader: OnnxNode, input: number): OnnxNode[] {
  const out: OnnxNode[] = [];
  let current = reader;
  let value = reader.inputs[input];
  for (let depth = 0; depth < 3 && value; depth++) {
    const p = ctx.producer(value);
    if (!p || !ctx.isFree(p) || !onlyReader(ctx, p, current)) break;
    const scaling = isOp(p, 'Mul', 'Div') && scalar(ctx, p.inputs[1]) !== undefined;
    if (!isOp(p, 'Transpose') && !scaling) break;
    if (!isActivationValue(ctx, p.inputs[0])) break;
    out.unshift(p);
    current = p;
    value = p.inputs[0];
  }
  return out;
}

/** MatMul(Q, K^T) -> [scale] -> [mask Add] -> Softmax -> MatMul(., V) [-> Transpose]. */
const attention: KernelMatcher = (ctx, node) => {
  if (
    !isOp(node, 'MatMul') ||
    !isActivationValue(ctx, node.inputs[0]) ||
    !isActivationValue(ctx, node.inputs[1])
  )
    return undefined;
  const nodes: OnnxNode[] = [...attentionPrologue(ctx, node, 0), ...attentionPrologue(ctx, node, 1), node];
  const notes: string[] = [];
  let out = node.outputs[0]!;
  const scale = sole(ctx, out);
  if (
    isOp(scale, 'Mul', 'Div') &&
    same(ctx, scale.inputs[0], out) &&
    scalar(ctx, scale.inputs[1]) !== undefined
  ) {
    nodes.push(scale);
    out = scale.outputs[0]!;
    notes.push('scaled');
  }
  const mask = sole(ctx, out);
  if (isOp(mask, 'Add')) {
    nodes.push(mask);
    out = mask.outputs[0]!;
    notes.push('masked');
  }
  const softmax = sole(ctx, out);
  if (!isOp(softmax, 'Softmax')) return undefined;
  nodes.push(softmax);
  out = softmax.outputs[0]!;
  const av = sole(ctx, out);
  if (!isOp(av, 'MatMul') || !same(ctx, av.inputs[0], out) || !isActivationValue(ctx, av.inputs[1]))
    return undefined;
  nodes.push(...attentionPrologue(ctx, av, 1), av);
  const merge = sole(ctx, av.outputs[0]);
  if (isOp(merge, 'Transpose')) nodes.push(merge);
  return { nodes, variant: notes.length ? { note: notes.join(', ') } : {} };
};

/** A stand-alone activation (its input has other readers, or its producer fused nothing). */
const activation: KernelMatcher = (ctx, node, rule, rules) => {
  for (const x of node.inputs) {
    if (!isActivationValue(ctx, x)) continue;
    const m = activationAt(ctx, rules, rule.activations ?? [], x, node);
    if (m) return { nodes: m.nodes, variant: { activation: m.activation } };
  }
  return undefined;
};

export const KERNEL_MATCHER_FUNCTIONS: Readonly<Record<KernelMatcherName, KernelMatcher>> = {
  conv,
  fc,
  op,
  globalPool,
  squeezeExcite,
  channelShuffle,
  split,
  layerNorm,
  attention,
  activation,
};

const KERNEL_ANCHOR_OPS: Readonly<
  Record<KernelMatcherName, (rule: KernelRule, rules: FusionRules) => readonly string[]>
> = {
  conv: () => ['Conv', 'ConvTranspose'],
  fc: () => ['Gemm', 'MatMul'],
  op: (rule) => rule.ops ?? [],
  globalPool: () => ['GlobalAveragePool', 'GlobalMaxPool', 'ReduceMean'],
  squeezeExcite: () => ['GlobalAveragePool', 'ReduceMean'],
  channelShuffle: () => ['Reshape'],
  split: () => ['Split', 'Slice'],
  layerNorm: () => ['LayerNormalization', 'ReduceMean'],
  attention: () => ['MatMul'],
  activation: (rule, rules) =>
    rules.activations
      .filter((a) => rule.activations?.includes(a.activation))
      .flatMap((a) => ACTIVATION_FIRST_OPS[a.match](a)),
};

/** A way to find kernels of one type at an anchor node: a fusion rule with its matcher, or a catalog entry's own. */
export interface KernelDetector {
  readonly type: KernelType;
  readonly match: (ctx: FusionContext, node: OnnxNode) => Match | undefined;
}

/**
 * What can start at each op type (default-domain ops): the catalog entries' own matchers, then the
 * rules in rule order. Detection tries only these at a node, which keeps it linear in practice on
 * graphs of millions of nodes.
 */
export function detectorsByAnchorOp(rules: FusionRules): ReadonlyMap<string, readonly KernelDetector[]> {
  const byOp = new Map<string, KernelDetector[]>();
  const add = (opTypes: readonly string[], detector: KernelDetector) => {
    for (const opType of new Set(opTypes)) {
      let list = byOp.get(opType);
      if (!list) byOp.set(opType, (list = []));
      list.push(detector);
    }
  };
  for (const entry of kernelTypeEntries())
    if (entry.matcher) add(entry.matcher.anchorOps, { type: entry.name, match: entry.matcher.match });
  for (const rule of rules.kernels) {
    const matcher = KERNEL_MATCHER_FUNCTIONS[rule.match];
    add(KERNEL_ANCHOR_OPS[rule.match](rule, rules), {
      type: rule.type,
      match: (ctx, node) => matcher(ctx, node, rule, rules),
    });
  }
  return byOp;
}
