import { indexGraph } from './graph.js';
import { inferShapes } from './shapes.js';
import type { ShapeOptions } from './shape-types.js';
import { DataType, bytesPerElement } from './types.js';
import type { AttributeValue, OnnxGraph, OnnxModel, OnnxNode, TensorInfo, ValueInfo } from './types.js';
import { TRIP_COUNT, unrollPlan, type LoopWording } from './unrolling.js';

const SCAN_WORDING: LoopWording = { count: 'sequence length', unit: 'steps' };

/** Rounds of inference and expansion at most; a control-flow node left after them stays one opaque node. */
const MAX_ROUNDS = 32;

/** Ops whose count says which branch of an undecided If holds the work. */
const COMPUTE_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'LSTM', 'GRU', 'RNN', 'Einsum']);

/** Inputs of one Concat that stacks a scan output's steps; more are joined in groups of this many. */
const MAX_CONCAT_INPUTS = 1024;

type Branch = 'then_branch' | 'else_branch';

/** What replaces a control-flow node: an If's branch, or a Loop's or Scan's body `count` times. */
type Expansion =
  | { readonly branch: Branch }
  /** `stem` prefixes the names of the copies' values: the node's name when no other node has it. */
  | { readonly count: number; readonly stem: string };

type Shapes = ReturnType<typeof inferShapes>['shapes'];

/**
 * The control flow of the top graph replaced by the nodes that run, so that their work is analysed
 * like any other. An If becomes the branch that runs (exporters put whole models in a branch: silero
 * VAD's sample-rate switch, TorchScript's shape checks): the one its condition selects when static
 * inference folds it to a constant (a check on a shape, once the shapes are known), else the branch
 * with more compute nodes, with a reader note. A Loop with a static trip count (M a constant, its
 * condition constant true and kept so by the body) and a Scan over inputs of a static length become
 * their body that many times (src/onnx/unrolling.ts: the limit and notes TFLite's WHILE shares), with
 * each Scan step reading its slice and the scan outputs stacked; a count that is not static is
 * counted once, with a note. Each round infers the shapes once, so a value computed from an earlier
 * node's outputs is decided in a later round. Inference errors are left to the analysis' own
 * inference, on the graph as far as it was lowered.
 */
export function inlineControlFlow(model: OnnxModel, options: ShapeOptions): OnnxModel {
  if (!model.graph.nodes.some(isControlFlow)) return model;
  let current = model;
  const notes: string[] = [];
  const kept = new Set<OnnxNode>();
  let capNoted = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const pending = current.graph.nodes.filter((n) => isControlFlow(n) && !kept.has(n));
    if (pending.length === 0) break;
    let shapes: Shapes;
    try {
      shapes = inferShapes(current, indexGraph(current.graph, current.path), options).shapes;
    } catch {
      break;
    }
    const chosen = new Map<OnnxNode, Expansion>();
    let nodes = current.graph.nodes.length;
    let nodeNames: Map<string, number> | undefined;
    const unroll = (node: OnnxNode, body: OnnxGraph, trips: number | undefined) => {
      const kind = node.opType === 'Scan' ? SCAN_WORDING : TRIP_COUNT;
      const label = `${node.opType} node '${nameOf(node)}' (body of ${body.nodes.length} nodes)`;
      const plan = unrollPlan(label, trips, body.nodes.length, nodes, kind);
      if (!plan.capped || !capNoted) notes.push(plan.note);
      capNoted ||= plan.capped;
      nodes += plan.count * body.nodes.length;
      nodeNames ??= countNames(current.graph.nodes);
      const stem =
        node.name && nodeNames.get(node.name) === 1 ? node.name : `${node.outputs[0]}/${node.opType}`;
      chosen.set(node, { count: plan.count, stem });
    };
    for (const node of pending) {
      if (node.opType === 'If') {
        const condition = shapes.get(node.inputs[0] ?? '')?.value?.[0];
        if (condition !== undefined)
          chosen.set(node, { branch: Number(condition) !== 0 ? 'then_branch' : 'else_branch' });
        continue;
      }
      const body = graphOf(node, 'body');
      const count = body && repetitions(current, node, body, shapes);
      if (!body || count === 'never' || (count === 0 && node.outputs.length > carriedCount(node))) {
        // Nothing to expand, or no step to stack scan outputs from: left to the analysis' own warning.
        kept.add(node);
      } else if (count !== 'later') unroll(node, body, count);
    }
    if (chosen.size === 0) {
      // Runtime data: the first node (in graph order) gets its guess; later ones may follow from it.
      const node = current.graph.nodes.find((n) => isControlFlow(n) && !kept.has(n));
      if (!node) break;
      if (node.opType === 'If') {
        const branch = costlierBranch(node);
        chosen.set(node, { branch });
        notes.push(
          `If '${node.name}': its condition is known only when the model runs; analysed its ${branch} (the branch with more compute nodes)`,
        );
      } else unroll(node, graphOf(node, 'body')!, undefined);
    }
    current = inline(current, chosen, kept);
  }
  return notes.length > 0 ? { ...current, readerNotes: [...(current.readerNotes ?? []), ...notes] } : current;
}

function isControlFlow(node: OnnxNode): boolean {
  return node.domain === '' && (node.opType === 'If' || node.opType === 'Loop' || node.opType === 'Scan');
}

function countNames(nodes: readonly OnnxNode[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of nodes) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  return counts;
}

function nameOf(node: OnnxNode): string {
  return node.name || (node.outputs[0] ?? node.opType);
}

function graphOf(node: OnnxNode, name: string): OnnxGraph | undefined {
  const a = node.attributes.get(name);
  return a?.kind === 'graph' ? a.value : undefined;
}

/**
 * How many times a Loop or Scan runs its body: a number when static, undefined when it is runtime
 * data, 'later' while its inputs are undecided (an earlier node still to expand), 'never' for a form
 * this does not expand (the batched Scan of opset 8).
 */
function repetitions(
  model: OnnxModel,
  node: OnnxNode,
  body: OnnxGraph,
  shapes: Shapes,
): number | undefined | 'later' | 'never' {
  if (!bodyFits(node, body)) return 'never';
  if (node.opType === 'Scan') {
    if ((model.opsets.get('') ?? 1) < 9) return 'never';
    const first = scanInputs(node)[0];
    if (!first) return 'never';
    const shape = shapes.get(first.name)?.shape;
    if (!shape) return 'later';
    const axis = first.axis < 0 ? first.axis + shape.length : first.axis;
    return shape[axis];
  }
  const valueOf = (name: string | undefined): number | undefined | 'later' => {
    if (name === undefined || name === '') return undefined;
    const s = shapes.get(name);
    if (!s) return 'later';
    return s.value?.[0] === undefined ? undefined : Number(s.value[0]);
  };
  const trips = valueOf(node.inputs[0]);
  const condition = node.inputs[1] ? valueOf(node.inputs[1]) : 1;
  if (trips === 'later' || condition === 'later') return 'later';
  if (condition === 0) return 0;
  if (trips === undefined || condition === undefined || !conditionStaysTrue(body, shapes)) return undefined;
  return Math.max(0, trips);
}

/** True when a Loop body's condition output is its condition input passed through, or constant true. */
function conditionStaysTrue(body: OnnxGraph, shapes: Shapes): boolean {
  const input = body.inputs[1]?.name;
  const producers = new Map<string, OnnxNode>();
  for (const n of body.nodes) for (const o of n.outputs) producers.set(o, n);
  let name = body.outputs[0]?.name;
  for (let hops = 0; name !== undefined && hops <= body.nodes.length; hops++) {
    if (name === input) return true;
    const producer = producers.get(name);
    const constant = producer?.opType === 'Constant' ? producer.attributes.get('value') : undefined;
    const value = producer
      ? constant?.kind === 'tensor'
        ? constant.value.values?.[0]
        : undefined
      : (body.initializers.get(name)?.values?.[0] ?? shapes.get(name)?.value?.[0]);
    if (producer?.opType === 'Identity') name = producer.inputs[0];
    else return value !== undefined && Number(value) !== 0;
  }
  return false;
}

/** True when the body has the inputs and outputs the node's inputs call for (else it is left as it is). */
function bodyFits(node: OnnxNode, body: OnnxGraph): boolean {
  const carried = carriedCount(node);
  return node.opType === 'Loop'
    ? body.inputs.length >= 2 + carried && body.outputs.length >= 1 + carried
    : body.inputs.length >= node.inputs.length && body.outputs.length >= carried;
}

/** Loop: its loop-carried values (after M and cond); Scan: its state values (before the scan inputs). */
function carriedCount(node: OnnxNode): number {
  if (node.opType === 'Loop') return Math.max(0, node.inputs.length - 2);
  return Math.max(0, node.inputs.length - intAttr(node, 'num_scan_inputs', 0));
}

interface ScanAxis {
  readonly name: string;
  readonly axis: number;
  readonly reverse: boolean;
}

/** A Scan's scan inputs with the axis and direction each is read along. */
function scanInputs(node: OnnxNode): ScanAxis[] {
  const first = carriedCount(node);
  const axes = intsAttr(node, 'scan_input_axes');
  const directions = intsAttr(node, 'scan_input_directions');
  return node.inputs.slice(first).map((name, i) => ({
    name,
    axis: axes[i] ?? 0,
    reverse: (directions[i] ?? 0) === 1,
  }));
}

function intAttr(node: OnnxNode, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  return a?.kind === 'int' ? a.value : fallback;
}

function intsAttr(node: OnnxNode, name: string): readonly number[] {
  const a = node.attributes.get(name);
  return a?.kind === 'ints' ? a.value : [];
}

function costlierBranch(node: OnnxNode): Branch {
  const thenCost = work(graphOf(node, 'then_branch'));
  const elseCost = work(graphOf(node, 'else_branch'));
  const more = elseCost[0] !== thenCost[0] ? elseCost[0] > thenCost[0] : elseCost[1] > thenCost[1];
  return more ? 'else_branch' : 'then_branch';
}

/** [compute nodes, all nodes] of a graph and the graphs nested in it. */
function work(graph: OnnxGraph | undefined): [number, number] {
  if (!graph) return [0, 0];
  let compute = 0;
  let all = 0;
  for (const node of graph.nodes) {
    all += 1;
    if (COMPUTE_OPS.has(node.opType)) compute += 1;
    for (const g of nestedGraphs(node)) {
      const [c, n] = work(g);
      compute += c;
      all += n;
    }
  }
  return [compute, all];
}

/** The nodes, initializers and value infos of the graph being rebuilt, and its default-domain opset. */
interface Target {
  readonly nodes: OnnxNode[];
  readonly initializers: Map<string, TensorInfo>;
  readonly valueInfo: Map<string, ValueInfo>;
  readonly opset: number;
}

/** The graph with each chosen node replaced, in place, by its expansion; `kept` gets those that have none. */
function inline(model: OnnxModel, chosen: ReadonlyMap<OnnxNode, Expansion>, kept: Set<OnnxNode>): OnnxModel {
  const target: Target = {
    nodes: [],
    initializers: new Map(model.graph.initializers),
    valueInfo: new Map(model.graph.valueInfo),
    opset: model.opsets.get('') ?? 1,
  };
  for (const node of model.graph.nodes) {
    const how = chosen.get(node);
    const expanded =
      how !== undefined &&
      ('branch' in how
        ? inlineBranch(target, node, how.branch)
        : node.opType === 'Loop'
          ? unrollLoop(target, node, how.count, how.stem)
          : unrollScan(target, node, how.count, how.stem));
    if (expanded) continue;
    target.nodes.push(node);
    if (how !== undefined) kept.add(node);
  }
  const { nodes, initializers, valueInfo } = target;
  // The decoder's numbering stays behind: it holds for the decoded node array only (graph.ts checks).
  return { ...model, graph: { ...model.graph, nodes, initializers, valueInfo } };
}

/**
 * An If's branch nodes and an Identity from each branch output to the If's output of the same
 * position. A branch reads outer values by name, and ONNX names are unique across nested graphs, so
 * its nodes need no renaming.
 */
function inlineBranch(target: Target, node: OnnxNode, which: Branch): boolean {
  const branch = graphOf(node, which);
  if (!branch || branch.outputs.length < node.outputs.filter((o) => o !== '').length) return false;
  target.nodes.push(...branch.nodes);
  for (const [name, t] of branch.initializers) target.initializers.set(name, t);
  for (const [name, v] of branch.valueInfo) if (!target.valueInfo.has(name)) target.valueInfo.set(name, v);
  node.outputs.forEach((output, i) => {
    if (output !== '')
      emit(target, 'Identity', `${node.name}/${which}/output_${i}`, [branch.outputs[i]!.name], output);
  });
  return true;
}

/**
 * A Loop's body `count` times: iteration i reads the constant i, a true condition and the values
 * iteration i - 1 carried; the Loop's outputs are the last carried values and each scan output
 * stacked along a new first axis.
 */
function unrollLoop(target: Target, node: OnnxNode, count: number, base: string): boolean {
  const body = graphOf(node, 'body');
  const carried = carriedCount(node);
  if (!body || !bodyFits(node, body)) return false;
  const copy = bodyCopier(target, body);
  let values = node.inputs.slice(2);
  const scans: string[][] = body.outputs.slice(1 + carried).map(() => []);
  for (let i = 0; i < count; i++) {
    const prefix = `${base}/iter${i}/`;
    const bound = new Map<string, string>([
      [body.inputs[0]!.name, constant(target, `${prefix}iteration`, DataType.INT64, [], [i])],
      [body.inputs[1]!.name, constant(target, `${prefix}condition`, DataType.BOOL, [], [1])],
    ]);
    body.inputs.slice(2).forEach((v, j) => bound.set(v.name, values[j] ?? ''));
    const outputs = copy(prefix, bound);
    values = outputs.slice(1, 1 + carried);
    outputs.slice(1 + carried).forEach((o, j) => scans[j]!.push(o));
  }
  bindOutputs(target, node, base, values, scans, () => ({ axis: 0, reverse: false }));
  return true;
}

/**
 * A Scan's body `count` times: step t reads the states step t - 1 left and slice t of each scan
 * input (a Gather along its axis, from the end when reversed); the Scan's outputs are the last states
 * and each scan output stacked along its axis.
 */
function unrollScan(target: Target, node: OnnxNode, count: number, base: string): boolean {
  const body = graphOf(node, 'body');
  const states = carriedCount(node);
  const inputs = scanInputs(node);
  if (!body || !bodyFits(node, body)) return false;
  const copy = bodyCopier(target, body);
  let values = node.inputs.slice(0, states);
  const scans: string[][] = body.outputs.slice(states).map(() => []);
  for (let t = 0; t < count; t++) {
    const prefix = `${base}/step${t}/`;
    const bound = new Map<string, string>();
    body.inputs.slice(0, states).forEach((v, j) => bound.set(v.name, values[j] ?? ''));
    inputs.forEach((input, j) => {
      const index = constant(target, `${prefix}index_${j}`, DataType.INT64, [], [input.reverse ? -1 - t : t]);
      const slice = `${prefix}${input.name}_slice`;
      emit(target, 'Gather', slice, [input.name, index], slice, { axis: { kind: 'int', value: input.axis } });
      bound.set(body.inputs[states + j]!.name, slice);
    });
    const outputs = copy(prefix, bound);
    values = outputs.slice(0, states);
    outputs.slice(states).forEach((o, j) => scans[j]!.push(o));
  }
  const axes = intsAttr(node, 'scan_output_axes');
  const directions = intsAttr(node, 'scan_output_directions');
  bindOutputs(target, node, base, values, scans, (j) => ({
    axis: axes[j] ?? 0,
    reverse: directions[j] === 1,
  }));
  return true;
}

/** A loop's outputs: Identities of the last carried values, then each scan output's steps stacked. */
function bindOutputs(
  target: Target,
  node: OnnxNode,
  base: string,
  carried: readonly string[],
  scans: readonly (readonly string[])[],
  layout: (scan: number) => { axis: number; reverse: boolean },
): void {
  node.outputs.forEach((output, i) => {
    if (output === '') return;
    if (i < carried.length) return emit(target, 'Identity', `${base}/output_${i}`, [carried[i]!], output);
    const steps = scans[i - carried.length] ?? [];
    const { axis, reverse } = layout(i - carried.length);
    const ordered = reverse ? [...steps].reverse() : steps;
    const stem = `${base}/output_${i}`;
    const axes = target.opset >= 13 ? [constant(target, `${stem}/axes`, DataType.INT64, [1], [axis])] : [];
    const attributes: Record<string, AttributeValue> =
      target.opset >= 13 ? {} : { axes: { kind: 'ints', value: [axis] } };
    const unsqueezed = ordered.map((step, k) => {
      const name = ordered.length === 1 ? output : `${stem}/step${k}`;
      emit(target, 'Unsqueeze', name, [step, ...axes], name, attributes);
      return name;
    });
    if (ordered.length > 1) concat(target, stem, unsqueezed, axis, output);
  });
}

/**
 * The parts joined along `axis` into `output`: one Concat, or for more than MAX_CONCAT_INPUTS parts a
 * Concat of Concats (kernel detection and costing look at a node's inputs pairwise: 50,000 inputs took
 * half a minute; the outer level's copy is counted as the runtime's would be).
 */
function concat(target: Target, stem: string, parts: readonly string[], axis: number, output: string): void {
  const attributes: Record<string, AttributeValue> = { axis: { kind: 'int', value: axis } };
  if (parts.length <= MAX_CONCAT_INPUTS) return emit(target, 'Concat', stem, parts, output, attributes);
  const groups: string[] = [];
  for (let start = 0; start < parts.length; start += MAX_CONCAT_INPUTS) {
    const name = `${stem}/part${groups.length}`;
    emit(target, 'Concat', name, parts.slice(start, start + MAX_CONCAT_INPUTS), name, attributes);
    groups.push(name);
  }
  concat(target, `${stem}/parts`, groups, axis, output);
}

/**
 * Copies of a loop body for one step each: the nodes (and those of graphs nested in them) with every
 * value the body defines prefixed, the body's inputs bound to the step's values; outer values and
 * initializers (the weights, shared by every step) keep their names. Returns each copy's outputs.
 */
function bodyCopier(
  target: Target,
  body: OnnxGraph,
): (prefix: string, bound: ReadonlyMap<string, string>) => string[] {
  for (const [name, t] of body.initializers) target.initializers.set(name, t);
  const defined = new Set<string>();
  collectDefined(body, defined);
  return (prefix, bound) => {
    const rename = (name: string) =>
      name === '' ? '' : (bound.get(name) ?? (defined.has(name) ? `${prefix}${name}` : name));
    for (const n of body.nodes) target.nodes.push(renameNode(n, prefix, rename));
    return body.outputs.map((o) => rename(o.name));
  };
}

/** The names a graph defines: its inputs and its nodes' outputs, in it and in the graphs nested in it. */
function collectDefined(graph: OnnxGraph, into: Set<string>): void {
  for (const v of graph.inputs) into.add(v.name);
  for (const node of graph.nodes) {
    for (const o of node.outputs) if (o !== '') into.add(o);
    for (const g of nestedGraphs(node)) collectDefined(g, into);
  }
}

function nestedGraphs(node: OnnxNode): readonly OnnxGraph[] {
  const graphs: OnnxGraph[] = [];
  for (const a of node.attributes.values()) {
    if (a.kind === 'graph') graphs.push(a.value);
    else if (a.kind === 'graphs') graphs.push(...a.value);
  }
  return graphs;
}

function renameNode(node: OnnxNode, prefix: string, rename: (name: string) => string): OnnxNode {
  const attributes = new Map(node.attributes);
  for (const [key, a] of node.attributes) {
    if (a.kind === 'graph')
      attributes.set(key, { kind: 'graph', value: renameGraph(a.value, prefix, rename) });
    else if (a.kind === 'graphs')
      attributes.set(key, { kind: 'graphs', value: a.value.map((g) => renameGraph(g, prefix, rename)) });
  }
  return {
    ...node,
    name: `${prefix}${node.name}`,
    inputs: node.inputs.map(rename),
    outputs: node.outputs.map(rename),
    attributes,
  };
}

function renameGraph(graph: OnnxGraph, prefix: string, rename: (name: string) => string): OnnxGraph {
  const info = (v: ValueInfo): ValueInfo => ({ ...v, name: rename(v.name) });
  return {
    name: graph.name,
    nodes: graph.nodes.map((n) => renameNode(n, prefix, rename)),
    initializers: graph.initializers,
    inputs: graph.inputs.map(info),
    outputs: graph.outputs.map(info),
    valueInfo: new Map([...graph.valueInfo.values()].map((v) => [rename(v.name), info(v)] as const)),
  };
}

function emit(
  target: Target,
  opType: string,
  name: string,
  inputs: readonly string[],
  output: string,
  attributes: Record<string, AttributeValue> = {},
): void {
  target.nodes.push({
    name,
    opType,
    domain: '',
    inputs,
    outputs: [output],
    attributes: new Map(Object.entries(attributes)),
  });
}

/** A Constant node (not an initializer: an index or an axis is no weight); returns its output. */
function constant(
  target: Target,
  name: string,
  dataType: DataType,
  dims: readonly number[],
  values: readonly number[],
): string {
  const tensor: TensorInfo = {
    name,
    dataType,
    dims,
    elements: values.length,
    byteLength: values.length * bytesPerElement(dataType),
    values,
  };
  emit(target, 'Constant', name, [], name, { value: { kind: 'tensor', value: tensor } });
  return name;
}
