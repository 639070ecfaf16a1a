import { ModelLoadError, type OnnxGraph, type OnnxNode } from './types.js';
import { NodeValueIds, ValueIds, ValueTable, type ReadonlyValueTable } from './value-table.js';

/**
 * A validated view of a graph: nodes in topological order with producer and consumer indices. Built
 * once per graph; every later pass (shapes, fusion) reads it and never mutates it.
 */
export interface GraphIndex {
  readonly graph: OnnxGraph;
  /** Every value of the graph (inputs, initializers, node inputs and outputs), numbered: see ValueTable. */
  readonly values: ValueIds;
  /** Nodes in a topological order (file order where the file already is one). */
  readonly order: readonly OnnxNode[];
  /** Value name -> the node producing it (graph inputs and initializers have none). */
  readonly producer: ReadonlyValueTable<OnnxNode>;
  /** Value name -> nodes reading it, in topological order. */
  readonly consumers: ReadonlyValueTable<readonly OnnxNode[]>;
  /** Names of the graph's outputs. */
  readonly graphOutputs: ReadonlySet<string>;
  /** Position of each node in `order`. */
  readonly position: ReadonlyMap<OnnxNode, number>;
  /** The numbers of each node's inputs and outputs, by position in `order`. */
  readonly nodeValues: NodeValueIds;
}

/**
 * Checks that every input is defined (by a node, a graph input, an initializer or the enclosing
 * scope), that no value is produced twice and that the graph has no cycle, and orders the nodes.
 * Iterative throughout so that graphs of millions of nodes neither recurse deeply nor hang.
 */
export function indexGraph(
  graph: OnnxGraph,
  file: string,
  outerScope: ReadonlySet<string> = new Set(),
): GraphIndex {
  const nodes = graph.nodes;
  // The decoder's numbers where they are those of these nodes: no name is hashed again.
  const decoded = graph.valueNumbers?.nodes === nodes ? graph.valueNumbers : undefined;
  const values = new ValueIds(decoded?.names);
  // Every value is most likely an initializer, a graph input or a node output (or, numbered by the
  // decoder, any text it met).
  let expected = Math.max(values.size, graph.initializers.size + graph.inputs.length);
  if (!decoded) for (let i = 0; i < nodes.length; i++) expected += nodes[i]!.outputs.length;
  const producer = new ValueTable<OnnxNode>(values, expected);
  const consumers = new ValueTable<OnnxNode[]>(values, expected);
  // Numbered (where the decoder has not) in the order shape inference records them (initializers,
  // inputs, then node outputs), so that its table needs no list of that order (see ValueTable).
  const declaredIds: number[] = [];
  for (const name of graph.initializers.keys()) declaredIds.push(values.intern(name));
  for (const input of graph.inputs) declaredIds.push(values.intern(input.name));
  // Initializers and graph inputs, by number.
  const declared = new Uint8Array(values.size);
  for (const id of declaredIds) declared[id] = 1;
  const decodedIds = decoded?.ids;
  let at = 0;
  // One pass in file order. A read of a value no earlier node produced is decided after it: a later
  // producer means the file is not in topological order, none means the value must be defined
  // otherwise. Flat triples (node index, input position, value number), in reading order, so errors
  // name the first.
  const unproduced: number[] = [];
  const ids = new NodeValueRecorder(nodes);
  // The number of the nodes' next value (-1 for ""), recorded as such.
  const numberNext = (name: string): number => {
    const id = name === '' ? -1 : decodedIds ? decodedIds[at]! : values.intern(name);
    at++;
    ids.add(id);
    return id;
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const inputs = node.inputs;
    for (let k = 0; k < inputs.length; k++) {
      const id = numberNext(inputs[k]!);
      if (id < 0) continue;
      if (producer.byId(id) === undefined) unproduced.push(i, k, id);
      const list = consumers.byId(id);
      if (!list) consumers.setById(id, [node]);
      // A node reading the same value twice (x*x) is listed once. The second reader makes a list
      // of exact length: one grown by push keeps room for 16 more, for each of 10^6 values.
      else if (list[list.length - 1] !== node)
        if (list.length === 1) consumers.setById(id, [list[0]!, node]);
        else list.push(node);
    }
    for (const out of node.outputs) {
      const id = numberNext(out);
      if (id < 0) continue;
      const previous = producer.byId(id);
      if (previous) {
        throw new ModelLoadError(
          file,
          `value '${out}' is produced twice (by '${previous.name}' and '${node.name}')`,
        );
      }
      producer.setById(id, node);
    }
  }
  // ONNX requires nodes in topological order; most files are, and then their order is kept.
  let topological = true;
  for (let j = 0; j < unproduced.length; j += 3) {
    const id = unproduced[j + 2]!;
    if (producer.byId(id) !== undefined) topological = false;
    else if (declared[id] !== 1 && !outerScope.has(values.name(id))) {
      const node = nodes[unproduced[j]!]!;
      const input = node.inputs[unproduced[j + 1]!]!;
      throw new ModelLoadError(
        file,
        `node '${node.name}' (${node.opType}) reads '${input}', which nothing defines`,
      );
    }
  }

  let order: readonly OnnxNode[] = nodes;
  let nodeValues = ids.done();
  // Made on first use: a pass over the graph knows its positions (positionNear), and a Map of
  // 10^6 nodes takes time and memory.
  let position: ReadonlyMap<OnnxNode, number> | undefined;
  if (!topological) {
    const sorted = kahn(nodes, producer, consumers);
    if (sorted.order.length !== nodes.length) {
      const stuck = nodes.filter((n) => (sorted.pending.get(n) ?? 0) > 0).slice(0, 3);
      throw new ModelLoadError(
        file,
        `the graph has a cycle through ${stuck.map((n) => `'${n.name}'`).join(', ')}${nodes.length - sorted.order.length > 3 ? ' and others' : ''}`,
      );
    }
    order = sorted.order;
    position = positionsOf(order);
    nodeValues = numberedInOrder(order, values);
  }
  consumers.forEachNumbered((list, id) => {
    if (list.length < 2) return;
    if (position) {
      const at = position;
      list.sort((a, b) => at.get(a)! - at.get(b)!);
    }
    // An exact-length copy of a list grown by push.
    if (list.length > 2) consumers.setById(id, list.slice());
  });
  const ordered = order;
  return {
    graph,
    values,
    order,
    producer,
    consumers,
    graphOutputs: new Set(graph.outputs.map((o) => o.name)),
    nodeValues,
    get position() {
      position ??= positionsOf(ordered);
      return position;
    },
  };
}

/** Collects NodeValueIds in node order, one value at a time. */
class NodeValueRecorder {
  private readonly starts: Int32Array;
  private readonly inputCounts: Int32Array;
  private ids: Int32Array;
  private size = 0;
  private node = 0;
  private nodeEnd = 0;

  constructor(private readonly nodes: readonly OnnxNode[]) {
    this.starts = new Int32Array(nodes.length + 1);
    this.inputCounts = new Int32Array(nodes.length);
    this.ids = new Int32Array(Math.max(16, nodes.length * 3));
  }

  /** The next value of the nodes, inputs then outputs of each node in turn. */
  add(id: number): void {
    while (this.size === this.nodeEnd && this.node < this.nodes.length) {
      const n = this.nodes[this.node]!;
      this.starts[this.node] = this.size;
      this.inputCounts[this.node] = n.inputs.length;
      this.nodeEnd = this.size + n.inputs.length + n.outputs.length;
      this.node++;
    }
    if (this.size === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.size++] = id;
  }

  done(): NodeValueIds {
    // Nodes without values (and those after the last value) start where the values end.
    for (; this.node <= this.nodes.length; this.node++) this.starts[this.node] = this.size;
    return new NodeValueIds(this.starts, this.inputCounts, this.ids.subarray(0, this.size));
  }
}

/** NodeValueIds of nodes in `order`, whose values `values` has numbered. */
function numberedInOrder(order: readonly OnnxNode[], values: ValueIds): NodeValueIds {
  const ids = new NodeValueRecorder(order);
  for (const node of order)
    for (const name of [...node.inputs, ...node.outputs]) ids.add(name === '' ? -1 : values.id(name)!);
  return ids.done();
}

function positionsOf(order: readonly OnnxNode[]): Map<OnnxNode, number> {
  const position = new Map<OnnxNode, number>();
  for (let i = 0; i < order.length; i++) position.set(order[i]!, i);
  return position;
}

/** How far from a hint positionNear looks before it asks the position map. */
const NEAR = 8;

/**
 * The position of `node` in `index.order`, looked for first within a few places of `near`: a pass
 * over the graph asks about the neighbours of the node it is at, and a look-up in a Map of 10^6
 * nodes costs more than a few comparisons with nodes at hand.
 */
export function positionNear(index: GraphIndex, node: OnnxNode, near: number): number {
  const order = index.order;
  const from = Math.max(0, near - NEAR);
  const to = Math.min(order.length - 1, near + NEAR);
  for (let i = from; i <= to; i++) if (order[i] === node) return i;
  const at = index.position.get(node);
  if (at === undefined) throw new RangeError(`node '${node.name}' is not in the graph`);
  return at;
}

/**
 * Kahn's algorithm; nodes left with pending inputs afterwards sit on a cycle. A node waits once for
 * each distinct value it reads that a node produces.
 */
function kahn(
  nodes: readonly OnnxNode[],
  producer: ReadonlyMap<string, OnnxNode>,
  consumers: ReadonlyMap<string, readonly OnnxNode[]>,
): { order: OnnxNode[]; pending: Map<OnnxNode, number> } {
  const pending = new Map<OnnxNode, number>();
  for (const node of nodes) {
    const read = new Set(node.inputs.filter((input) => input !== '' && producer.has(input)));
    pending.set(node, read.size);
  }
  const order: OnnxNode[] = [];
  const ready: OnnxNode[] = [];
  for (const node of nodes) if (pending.get(node) === 0) ready.push(node);
  let head = 0;
  while (head < ready.length) {
    const node = ready[head++]!;
    order.push(node);
    for (const out of node.outputs) {
      if (out === '') continue;
      for (const next of consumers.get(out) ?? []) {
        const left = pending.get(next)! - 1;
        pending.set(next, left);
        if (left === 0) ready.push(next);
      }
    }
  }
  return { order, pending };
}
