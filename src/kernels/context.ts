import type { GraphIndex } from '../onnx/graph.js';
import type { ShapeResult, TensorShape } from '../onnx/shape-types.js';
import type { ConstValues, OnnxNode } from '../onnx/types.js';
import { ValueTable } from '../onnx/value-table.js';

/**
 * What the matchers see of a graph: producers and consumers with pass-through nodes (Identity,
 * Dropout) looked through, constness and shapes from shape inference, and which nodes are still free.
 */
export interface FusionContext {
  readonly index: GraphIndex;
  readonly shapes: ShapeResult;
  /** True when the node is neither folded nor claimed by a kernel yet. */
  isFree(node: OnnxNode): boolean;
  /** The value a name stands for once pass-through nodes are looked through. */
  source(value: string): string;
  /** The node computing a value (through pass-throughs); undefined for graph inputs and initializers. */
  producer(value: string): OnnxNode | undefined;
  /** Nodes reading a value or any pass-through alias of it, folded nodes excluded, in graph order. */
  consumers(value: string): readonly OnnxNode[];
  /** A graph output, directly or through a pass-through alias. */
  isGraphOutput(value: string): boolean;
  /**
   * A compile-time constant (initializer, Constant, folded); "" (omitted input) is not, nor is a value
   * computed from a symbolic dim (ShapeResult.boundConstants), which a runtime computes at each inference.
   */
  isConstant(value: string): boolean;
  shape(value: string): readonly number[] | undefined;
  info(value: string): TensorShape | undefined;
  /** Values of a small constant (Clip bounds, Slice starts...), undefined when unknown. */
  values(value: string): ConstValues | undefined;
  /**
   * info, isConstant and consumers of a node's input or output `k` ("" or missing: none): the same
   * answers, found by the value's number (GraphIndex.nodeValues) rather than its name, which costs
   * a look-up in a table of every value of the graph. Kernel building asks these for every kernel.
   */
  inputInfo(node: OnnxNode, k: number): TensorShape | undefined;
  outputInfo(node: OnnxNode, k: number): TensorShape | undefined;
  isConstantInput(node: OnnxNode, k: number): boolean;
  /** The number of input `k`'s value (GraphIndex.values), -1 when omitted or missing. */
  inputNumber(node: OnnxNode, k: number): number;
  /** The number of output `k`'s value, -1 when omitted or missing. */
  outputNumber(node: OnnxNode, k: number): number;
  /** producer() of input `k` of `node`. */
  inputProducer(node: OnnxNode, k: number): OnnxNode | undefined;
  outputReaders(node: OnnxNode, k: number): readonly OnnxNode[];
}

/** The readers of a value nothing reads (one empty list, not one per call). */
const NONE: readonly OnnxNode[] = [];

export function createContext(
  index: GraphIndex,
  shapes: ShapeResult,
  passThrough: ReadonlySet<OnnxNode>,
  /** True for a node folded or claimed by a kernel already. */
  taken: (node: OnnxNode) => boolean,
  /** The position of a node in index.order (detection knows where to look first: positionNear). */
  position: (node: OnnxNode) => number = (node) => index.position.get(node)!,
): FusionContext {
  const source = (value: string): string => {
    if (passThrough.size === 0) return value;
    let v = value;
    // The graph is acyclic, so a chain of pass-throughs ends; the bound only guards the loop.
    for (let guard = 0; guard <= index.order.length; guard++) {
      const p = index.producer.get(v);
      if (!p || !passThrough.has(p) || p.inputs[0] === undefined || p.inputs[0] === '') return v;
      v = p.inputs[0];
    }
    return v;
  };
  // Readers never change during detection (only which nodes are taken does): computed once per value.
  const readers = new Map<string, readonly OnnxNode[]>();
  const consumers = (value: string): readonly OnnxNode[] => {
    const direct = index.consumers.get(value) ?? NONE;
    if (passThrough.size === 0 || !direct.some((c) => passThrough.has(c))) return direct;
    const known = readers.get(value);
    if (known) return known;
    const out: OnnxNode[] = [];
    const stack = [value];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const c of index.consumers.get(v) ?? []) {
        if (passThrough.has(c)) {
          if (c.inputs[0] === v && c.outputs[0]) stack.push(c.outputs[0]);
        } else if (!out.includes(c)) out.push(c);
      }
    }
    out.sort((a, b) => index.position.get(a)! - index.position.get(b)!);
    readers.set(value, out);
    return out;
  };
  // A graph has a few outputs: compared with each (a name of another length at a glance) before a
  // Set look-up hashes the name, which for most names of a graph nothing has hashed yet.
  const outputNames = [...index.graphOutputs];
  const isOutputName = (value: string): boolean =>
    outputNames.length <= 8 ? outputNames.includes(value) : index.graphOutputs.has(value);
  const outputs = new Map<string, boolean>();
  const isGraphOutput = (value: string): boolean => {
    if (passThrough.size === 0) return isOutputName(value);
    const direct = index.consumers.get(value);
    if (!direct?.some((c) => passThrough.has(c))) return index.graphOutputs.has(value);
    const known = outputs.get(value);
    if (known !== undefined) return known;
    let found = false;
    const stack = [value];
    const seen = new Set<string>();
    while (stack.length > 0 && !found) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      if (index.graphOutputs.has(v)) found = true;
      for (const c of index.consumers.get(v) ?? []) {
        if (passThrough.has(c) && c.inputs[0] === v && c.outputs[0]) stack.push(c.outputs[0]);
      }
    }
    outputs.set(value, found);
    return found;
  };
  const ids = index.nodeValues;
  const boundConstants = shapes.boundConstants;
  const infoAt = shapeInfoByNumber(index, shapes);
  const isConstantAt = (id: number, name: string | undefined): boolean =>
    infoAt(id, name)?.constant === true && boundConstants?.has(name!) !== true;
  return {
    index,
    shapes,
    inputInfo: (node, k) => infoAt(ids.input(position(node), k), node.inputs[k]),
    outputInfo: (node, k) => infoAt(ids.output(position(node), k), node.outputs[k]),
    isConstantInput: (node, k) => isConstantAt(ids.input(position(node), k), node.inputs[k]),
    inputNumber: (node, k) => (k < node.inputs.length ? ids.input(position(node), k) : -1),
    outputNumber: (node, k) => (k < node.outputs.length ? ids.output(position(node), k) : -1),
    inputProducer: (node, k) => {
      const name = node.inputs[k];
      if (name === undefined || name === '') return undefined;
      if (passThrough.size > 0) return index.producer.get(source(name));
      return index.producer.byId(ids.input(position(node), k));
    },
    outputReaders: (node, k) => {
      const name = node.outputs[k];
      if (name === undefined || name === '') return NONE;
      if (passThrough.size > 0) return consumers(name);
      return index.consumers.byId(ids.output(position(node), k)) ?? NONE;
    },
    isFree: (node) => !taken(node),
    source,
    producer: (value) => index.producer.get(source(value)),
    consumers,
    isGraphOutput,
    isConstant: (value) =>
      value !== '' &&
      shapes.shapes.get(value)?.constant === true &&
      shapes.boundConstants?.has(value) !== true,
    shape: (value) => shapes.shapes.get(value)?.shape,
    info: (value) => shapes.shapes.get(value),
    values: (value) => shapes.shapes.get(value)?.value,
  };
}

/**
 * The shape info of a value given its number and name ("" or undefined: none): by number where the
 * shapes are numbered as the graph's values are (static inference), else by name.
 */
export function shapeInfoByNumber(
  index: GraphIndex,
  shapes: ShapeResult,
): (id: number, name: string | undefined) => TensorShape | undefined {
  const table = shapes.shapes;
  const numbered: ValueTable<TensorShape> | undefined =
    table instanceof ValueTable && table.numbering === index.values
      ? (table as ValueTable<TensorShape>)
      : undefined;
  return (id, name) =>
    name === undefined || name === '' ? undefined : numbered ? numbered.byId(id) : table.get(name);
}

// ------------------------------------------------------------------ small IR helpers

/** Elements of a shape (1 for a scalar); of its dims from `from` on when given. */
export function elements(shape: readonly number[], from = 0): number {
  // An indexed loop: shapes are arrays and typed arrays, and for-of over both makes an iterator.
  let n = 1;
  for (let i = from; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/**
 * The same number, as a small integer where it is one. A count computed in floating point (a
 * product of dims) is a boxed double: stored in a kernel record it costs an object of its own per
 * field, millions at 10^6 kernels; a small integer is stored in place. -0 becomes 0 (printed alike).
 */
export function smallInt(x: number): number {
  return x === (x | 0) ? x | 0 : x;
}
