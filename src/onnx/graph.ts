import { ModelLoadError, type OnnxGraph, type OnnxNode } from './types.js';

/**
 * A validated view of a graph: nodes in topological order with producer and consumer indices. Built
 * once per graph; every later pass (shapes, fusion) reads it and never mutates it.
 */
export interface GraphIndex {
  readonly graph: OnnxGraph;
  /** Nodes in a topological order (file order where the file already is one). */
  readonly order: readonly OnnxNode[];
  /** Value name -> the node producing it (graph inputs and initializers have none). */
  readonly producer: ReadonlyMap<string, OnnxNode>;
  /** Value name -> nodes reading it, in topological order. */
  readonly consumers: ReadonlyMap<string, readonly OnnxNode[]>;
  /** Names of the graph's outputs. */
  readonly graphOutputs: ReadonlySet<string>;
  /** Position of each node in `order`. */
  readonly position: ReadonlyMap<OnnxNode, number>;
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
  const producer = new Map<string, OnnxNode>();
  for (const node of graph.nodes) {
    for (const out of node.outputs) {
      if (out === '') continue;
      const previous = producer.get(out);
      if (previous) {
        throw new ModelLoadError(
          file,
          `value '${out}' is produced twice (by '${previous.name}' and '${node.name}')`,
        );
      }
      producer.set(out, node);
    }
  }
  const inputNames = new Set(graph.inputs.map((i) => i.name));
  const isDefined = (name: string) =>
    producer.has(name) || graph.initializers.has(name) || inputNames.has(name) || outerScope.has(name);

  const consumers = new Map<string, OnnxNode[]>();
  const pending = new Map<OnnxNode, number>();
  for (const node of graph.nodes) {
    let waits = 0;
    for (const input of node.inputs) {
      if (input === '') continue;
      if (!isDefined(input)) {
        throw new ModelLoadError(
          file,
          `node '${node.name}' (${node.opType}) reads '${input}', which nothing defines`,
        );
      }
      let list = consumers.get(input);
      if (!list) consumers.set(input, (list = []));
      // A node reading the same value twice (x*x) is listed, and waited for, once.
      if (list[list.length - 1] !== node) {
        list.push(node);
        if (producer.has(input)) waits += 1;
      }
    }
    pending.set(node, waits);
  }

  const order = fileOrderIsTopological(graph.nodes, producer)
    ? [...graph.nodes]
    : kahn(graph.nodes, consumers, pending);
  if (order.length !== graph.nodes.length) {
    const stuck = graph.nodes.filter((n) => (pending.get(n) ?? 0) > 0).slice(0, 3);
    throw new ModelLoadError(
      file,
      `the graph has a cycle through ${stuck.map((n) => `'${n.name}'`).join(', ')}${graph.nodes.length - order.length > 3 ? ' and others' : ''}`,
    );
  }
  const position = new Map<OnnxNode, number>();
  order.forEach((n, i) => position.set(n, i));
  for (const list of consumers.values())
    if (list.length > 1) list.sort((a, b) => position.get(a)! - position.get(b)!);
  return {
    graph,
    order,
    producer,
    consumers,
    graphOutputs: new Set(graph.outputs.map((o) => o.name)),
    position,
  };
}

/** ONNX requires nodes in topological order; most files are, and then their order is kept. */
function fileOrderIsTopological(
  nodes: readonly OnnxNode[],
  producer: ReadonlyMap<string, OnnxNode>,
): boolean {
  const done = new Set<OnnxNode>();
  for (const node of nodes) {
    for (const input of node.inputs) {
      const p = input === '' ? undefined : producer.get(input);
      if (p && !done.has(p)) return false;
    }
    done.add(node);
  }
  return true;
}

/** Kahn's algorithm; nodes left with pending inputs afterwards sit on a cycle. */
function kahn(
  nodes: readonly OnnxNode[],
  consumers: ReadonlyMap<string, readonly OnnxNode[]>,
  pending: Map<OnnxNode, number>,
): OnnxNode[] {
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
  return order;
}
