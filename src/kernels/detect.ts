import { positionNear, type GraphIndex } from '../onnx/graph.js';
import type { ShapeResult } from '../onnx/shape-types.js';
import { isIntegerType, type OnnxModel, type OnnxNode } from '../onnx/types.js';
import { OTHERS } from './catalog.js';
import { createContext, shapeInfoByNumber, smallInt } from './context.js';
import { createParamTracer, kernelCost } from './cost.js';
import { hasCostRule } from './node-work.js';
import { kernelPrecision } from './precision.js';
import { featureVector, kernelConfig, runtimeParams } from './features.js';
import { detectorsByAnchorOp } from './kernel-matchers.js';
import { type Match } from './matchers.js';
import { DEFAULT_RULES, type FusionRules } from './rules.js';
import { SharedParts } from './shared-parts.js';
import type { Detection, FoldedNode, FoldReason, Kernel, KernelType, KernelVariant } from './types.js';

export type { Detection, FoldedNode } from './types.js';

/**
 * Groups the nodes of a graph into the fused kernels an edge runtime executes. Every node ends up in
 * exactly one kernel or in `folded`: constants, shape arithmetic, Identity, Dropout and, when no
 * kernel absorbs them, pure views (Reshape, Flatten, Squeeze, Unsqueeze). Rules are tried at each
 * node in graph order; a node no rule claims becomes an `others` kernel, as does every node of an
 * unknown domain, holding subgraphs or calling a local function (with a warning naming it).
 */
export function detectKernels(
  model: OnnxModel,
  index: GraphIndex,
  shapes: ShapeResult,
  rules: FusionRules = DEFAULT_RULES,
): Detection {
  const warnings: string[] = [];
  const order = index.order;
  const folded = new Map<OnnxNode, FoldReason | 'view'>();
  // Per position in `order`: why the node is folded, and whether it is folded or in a kernel.
  const foldedAt: (FoldReason | 'view' | undefined)[] = new Array<FoldReason | 'view' | undefined>(
    order.length,
  ).fill(undefined);
  const taken = new Uint8Array(order.length);
  const passThrough = new Set<OnnxNode>();
  let quantizationSteps = false;

  const infoAt = shapeInfoByNumber(index, shapes);
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    const reason = foldReason(node, i, shapes, rules, index, infoAt);
    if (!reason) continue;
    folded.set(node, reason);
    foldedAt[i] = reason;
    taken[i] = 1;
    if (PASS_THROUGH.has(reason)) passThrough.add(node);
    if (reason === 'quantization') quantizationSteps = true;
  }

  // The nodes a matcher looks at lie next to its anchor: their positions are found there first.
  let anchor = 0;
  const position = (n: OnnxNode) => positionNear(index, n, anchor);
  const ctx = createContext(index, shapes, passThrough, (n) => taken[position(n)] === 1, position);
  // Nodes already warned about (local functions, subgraphs, other domains): no second warning.
  const unsupported = new Set<OnnxNode>();
  const candidates = detectorsByAnchorOp(rules);

  const tracer = createParamTracer(ctx, folded);
  const attributed = new Set<string>();
  const shared = new SharedParts();
  const kernels: Kernel[] = [];
  const costWarnings: string[] = [];
  const uncosted = new Map<string, number>();
  const build = ({ type, match, nodes, first }: Pending): void => {
    // The kernel's nodes lie at and after its first (see positionNear).
    anchor = first;
    const cost = kernelCost(nodes, { ctx, tracer, attributed, quantizationSteps });
    if (cost.unknown.length > 0) {
      costWarnings.push(
        `kernel '${nodes[0]!.name}': the shape of ${cost.unknown.length === 1 ? `'${cost.unknown[0]}' is` : `${cost.unknown.length} values ('${cost.unknown[0]}'...) are`} unknown, so its cost is undercounted`,
      );
    }
    for (const n of match.nodes)
      if (!hasCostRule(n) && !unsupported.has(n)) uncosted.set(n.opType, (uncosted.get(n.opType) ?? 0) + 1);
    const config = shared.record(
      type,
      'config',
      kernelConfig({
        type,
        nodes,
        inputs: cost.inputs,
        outputs: cost.outputs,
        inputShapes: cost.inputShapes,
        outputShapes: cost.outputShapes,
        ctx,
      }),
    );
    const variant = shared.record(type, 'variant', match.variant satisfies KernelVariant);
    const names = namesOf(nodes);
    const opTypes = shared.opTypes(type, nodes);
    const inputShapes = shared.shapes(type, 'inputShapes', knownOrEmpty(cost.inputShapes));
    const outputShapes = shared.shapes(type, 'outputShapes', knownOrEmpty(cost.outputShapes));
    const features = shared.record(
      type,
      'features',
      featureVector(type, config, cost.flops, runtimeParams(type, nodes, ctx)),
    );
    const precision = kernelPrecision(nodes, ctx);
    kernels.push({
      name: nodes[0]!.name,
      type,
      variant,
      nodes: names,
      opTypes,
      inputShapes,
      outputShapes,
      config,
      features,
      precision,
      macs: smallInt(cost.macs),
      flops: smallInt(cost.flops),
      params: smallInt(cost.params),
      ownParams: smallInt(cost.ownParams),
      bytes: smallInt(cost.bytes),
      inputBytes: smallInt(cost.inputBytes),
      outputBytes: smallInt(cost.outputBytes),
      weightBytes: smallInt(cost.weightBytes),
      weightElements: smallInt(cost.weightElements),
    });
  };

  // Kernels are listed (and costed: the first kernel to read an initializer counts it) in the order
  // of their first node. A match becomes a kernel as soon as no later match can start before it,
  // while its values are still in the processor's caches: later matches start at a later anchor or
  // at a node left for the end (`deferred`) and not taken yet.
  let pending: Pending[] = [];
  let nextTry = PENDING_BATCH;
  const deferred: number[] = [];
  let firstDeferred = 0;
  const buildBefore = (bound: number): void => {
    if (!isSortedByFirst(pending)) pending.sort((a, b) => a.first - b.first);
    let k = 0;
    while (k < pending.length && pending[k]!.first < bound) build(pending[k++]!);
    pending = k === pending.length ? [] : pending.slice(k);
  };

  for (let i = 0; i < order.length; i++) {
    if (pending.length >= nextTry) {
      while (firstDeferred < deferred.length && taken[deferred[firstDeferred]!] === 1) firstDeferred++;
      buildBefore(firstDeferred < deferred.length ? Math.min(deferred[firstDeferred]!, i) : i);
      // Matches held back by an early node left for the end are not sorted again each step.
      nextTry = Math.max(PENDING_BATCH, 2 * pending.length);
    }
    if (taken[i] === 1) continue;
    const node = order[i]!;
    anchor = i;
    const reason = unsupportedReason(node, model);
    if (reason) {
      warnings.push(
        `node '${node.name}' (${node.domain ? `${node.domain}:` : ''}${node.opType}) ${reason}: counted as one 'others' kernel`,
      );
      unsupported.add(node);
      pending.push({ type: OTHERS, match: { nodes: [node], variant: {} }, nodes: [node], first: i });
      taken[i] = 1;
      continue;
    }
    let claimed = false;
    for (const detector of candidates.get(node.opType) ?? []) {
      const m = detector.match(ctx, node);
      if (!m || !m.nodes.includes(node)) continue;
      const at = positionsOf(m.nodes, position);
      if (at.some((p) => taken[p] === 1)) continue;
      for (const p of at) taken[p] = 1;
      // The kernel's nodes in graph order, sorted while their positions are at hand.
      const nodes = inGraphOrder(m.nodes, at);
      pending.push({ type: detector.type, match: m, nodes, first: at[0]! });
      claimed = true;
      break;
    }
    // Left for the end: a later anchor may still absorb it (a Flatten before a Gemm, K^T before attention).
    if (!claimed) deferred.push(i);
  }
  for (const i of deferred) {
    if (taken[i] === 1) continue;
    taken[i] = 1;
    const node = order[i]!;
    if (node.domain === '' && rules.fold.views.includes(node.opType)) {
      folded.set(node, 'view');
      foldedAt[i] = 'view';
    } else pending.push({ type: OTHERS, match: { nodes: [node], variant: {} }, nodes: [node], first: i });
  }
  buildBefore(Infinity);

  warnings.push(...costWarnings, ...uncostedWarnings(uncosted));

  let unattributedParams = 0;
  for (const [name, t] of model.graph.initializers)
    if (!attributed.has(name)) unattributedParams += t.elements;

  const foldedList: FoldedNode[] = [];
  for (let i = 0; i < order.length; i++) {
    const reason = foldedAt[i];
    if (reason) foldedList.push({ node: order[i]!.name, opType: order[i]!.opType, reason });
  }
  return { kernels, folded: foldedList, unattributedParams, warnings };
}

/** A match waiting to become a kernel: its nodes in graph order, the position of the first. */
interface Pending {
  readonly type: KernelType;
  readonly match: Match;
  readonly nodes: readonly OnnxNode[];
  readonly first: number;
}

const NO_SHAPE: readonly number[] = [];

/** The names of a kernel's nodes; literals for short lists, which V8 can allocate where they will live. */
function namesOf(nodes: readonly OnnxNode[]): string[] {
  switch (nodes.length) {
    case 1:
      return [nodes[0]!.name];
    case 2:
      return [nodes[0]!.name, nodes[1]!.name];
    case 3:
      return [nodes[0]!.name, nodes[1]!.name, nodes[2]!.name];
    default:
      return nodes.map((n) => n.name);
  }
}

/** Shapes with [] for the unknown ones (the list itself when all are known). */
function knownOrEmpty(shapes: readonly (readonly number[] | undefined)[]): readonly (readonly number[])[] {
  return shapes.includes(undefined)
    ? shapes.map((s) => s ?? NO_SHAPE)
    : (shapes as readonly (readonly number[])[]);
}

function positionsOf(nodes: readonly OnnxNode[], position: (n: OnnxNode) => number): number[] {
  const at = new Array<number>(nodes.length);
  for (let i = 0; i < nodes.length; i++) at[i] = position(nodes[i]!);
  return at;
}

/**
 * `nodes` in graph order, given their positions `at`: the list itself when it already is (matchers
 * mostly list a kernel's nodes in order), else a sorted copy (insertion sort: a kernel has a few nodes).
 */
function inGraphOrder(nodes: readonly OnnxNode[], at: number[]): readonly OnnxNode[] {
  let sorted = true;
  for (let i = 1; i < at.length; i++) if (at[i - 1]! > at[i]!) sorted = false;
  if (sorted) return nodes;
  const out = nodes.slice();
  for (let i = 1; i < out.length; i++) {
    const node = out[i]!;
    const p = at[i]!;
    let j = i - 1;
    for (; j >= 0 && at[j]! > p; j--) {
      out[j + 1] = out[j]!;
      at[j + 1] = at[j]!;
    }
    out[j + 1] = node;
    at[j + 1] = p;
  }
  return out;
}

/** Matches held before they are made kernels in a batch (see detectKernels). */
const PENDING_BATCH = 256;

function isSortedByFirst(xs: readonly Pending[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i - 1]!.first > xs[i]!.first) return false;
  return true;
}

/** One warning per op type that kernels hold but no cost rule covers, so its work counts as 0. */
function uncostedWarnings(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].map(
    ([op, n]) =>
      `${n} ${n === 1 ? 'node' : 'nodes'} of type '${op}' ${n === 1 ? 'has' : 'have'} no cost rule: counted as 0 MACs and 0 FLOPs, so only ${n === 1 ? 'its' : 'their'} bytes price ${n === 1 ? 'it' : 'them'}`,
  );
}

function foldReason(
  node: OnnxNode,
  position: number,
  shapes: ShapeResult,
  rules: FusionRules,
  index: GraphIndex,
  infoAt: ReturnType<typeof shapeInfoByNumber>,
): FoldReason | undefined {
  if (node.domain !== '') return undefined;
  const byOp = rules.fold.ops[node.opType];
  if (byOp === 'dropout') {
    // The mask output is not an identity: a Dropout whose mask is read is real work.
    const mask = node.outputs[1];
    if (mask && ((index.consumers.get(mask)?.length ?? 0) > 0 || index.graphOutputs.has(mask)))
      return undefined;
    return 'dropout';
  }
  if (byOp) return byOp;
  if (node.opType === 'Cast' && sameType(node, shapes)) return 'identity';
  if (node.opType === 'Transpose' && isLayoutTranspose(node, shapes, index)) return 'layout';
  if (node.opType === 'Concat' && node.inputs.filter((i) => i !== '').length === 1) return 'identity';
  // Folded when every output is a constant (one pass, no arrays: this runs for every node).
  let outputs = 0;
  let integer = true;
  let bound = false;
  for (let k = 0; k < node.outputs.length; k++) {
    const o = node.outputs[k]!;
    if (o === '') continue;
    const info = infoAt(index.nodeValues.output(position, k), o);
    if (info?.constant !== true) return undefined;
    outputs += 1;
    integer &&= isIntegerType(info.dataType);
    bound ||= shapes.boundConstants?.has(o) === true;
  }
  if (outputs === 0) return undefined;
  // Work on runtime data that follows a symbolic dim runs at each inference (a zero initial state
  // sized by the batch, multiplied by a weight; a mask compared from it): a runtime cannot fold it.
  if (bound) return undefined;
  return integer ? 'shape-arithmetic' : 'constant-folding';
}

/** Folded nodes whose output is their input to the matchers (aliases, quantization, layout changes). */
const PASS_THROUGH = new Set<FoldReason | 'view'>(['identity', 'dropout', 'quantization', 'layout']);

/** A Cast to the type its input already has (exports write them around every op). */
function sameType(node: OnnxNode, shapes: ShapeResult): boolean {
  const a = shapes.shapes.get(node.inputs[0] ?? '')?.dataType;
  const b = shapes.shapes.get(node.outputs[0] ?? '')?.dataType;
  return a !== undefined && a === b;
}

/**
 * NCHW <-> NHWC transposes of an image: exports from NHWC frameworks wrap every conv in a pair, and
 * runtimes' layout optimisers cancel them (onnxruntime's transpose optimizer, TFLite's converter).
 */
function isLayoutTranspose(node: OnnxNode, shapes: ShapeResult, index: GraphIndex): boolean {
  const perm = node.attributes.get('perm');
  if (perm?.kind !== 'ints' || shapes.shapes.get(node.inputs[0] ?? '')?.shape.length !== 4) return false;
  const p = perm.value.join(',');
  if (p !== '0,2,3,1' && p !== '0,3,1,2') return false;
  // Only next to an image op: the same permutation also makes K^T of attention heads.
  const throughCasts = (n: OnnxNode | undefined, next: (n: OnnxNode) => OnnxNode | undefined) => {
    for (let hops = 0; n && n.opType === 'Cast' && hops < 4; hops++) n = next(n);
    return n;
  };
  const producer = throughCasts(index.producer.get(node.inputs[0] ?? ''), (n) =>
    index.producer.get(n.inputs[0] ?? ''),
  );
  const consumers = (index.consumers.get(node.outputs[0] ?? '') ?? []).map((c) =>
    throughCasts(c, (n) => index.consumers.get(n.outputs[0] ?? '')?.[0]),
  );
  return [producer, ...consumers].some((n) => n !== undefined && IMAGE_OPS.has(n.opType));
}

const IMAGE_OPS = new Set([
  'Conv',
  'ConvTranspose',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'BatchNormalization',
  'Resize',
  'Pad',
  'ReduceMean',
  'DepthToSpace',
  'SpaceToDepth',
]);

function unsupportedReason(node: OnnxNode, model: OnnxModel): string | undefined {
  if (model.functions.size > 0 && model.functions.has(`${node.domain}:${node.opType}`))
    return `calls the local function '${node.domain}:${node.opType}'`;
  if (node.domain === 'tflite.custom')
    return `is the TFLite custom operator '${node.opType}', unknown to the analyser`;
  if (node.domain === 'tflite')
    return `is the TFLite operator ${node.opType}, which the analyser has no rule for`;
  if (node.domain !== '') return `is in the domain '${node.domain}', unknown to the analyser`;
  for (const a of node.attributes.values()) {
    if (a.kind === 'graph' || a.kind === 'graphs') return 'holds subgraphs, which are not analysed';
  }
  return undefined;
}
