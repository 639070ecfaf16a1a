import type { GraphIndex } from './graph.js';
import { SHAPE_RULES } from './shape-rules.js';
import { ShapeRuleError, UndecidableShape, type ValueType } from './shape-ops.js';
import type { ShapeOptions, ShapeResult, TensorShape, UndecidedNode } from './shape-types.js';
import { ValueTable } from './value-table.js';
import {
  isIntegerType,
  ModelLoadError,
  type DataType,
  type DeclaredShape,
  type Dim,
  type OnnxModel,
  type OnnxNode,
  type ValueInfo,
} from './types.js';

export type { ShapeOptions, ShapeResult, TensorShape, UndecidedNode } from './shape-types.js';

/** Symbolic dims without a value from the user take this size (batch = 1, one sequence...). */
export const DEFAULT_SYMBOLIC_DIM = 1;

/**
 * The name `--dim` sets a symbolic dim of a graph input by: its own, or for an unnamed one (the
 * decoder's '?N') INPUT:AXIS, e.g. 'input:1' (silero VAD's sample count).
 */
export function inputDimName(dim: string, input: string, axis: number): string {
  return dim.startsWith('?') ? `${input}:${axis}` : dim;
}

/**
 * Static shape inference over the whole graph with constant folding of shape sub-graphs. Values no
 * rule can decide fall back to the shapes the file declares (value_info); what is still unknown is
 * listed in `unresolved` for the runtime fallback (src/onnx/runtime-shapes.ts). When ops without a
 * shape rule are among the causes, `assumingPassThrough` holds the result of assuming they keep their
 * input's shape, for when the runtime fallback cannot help.
 */
export function inferShapes(model: OnnxModel, index: GraphIndex, options: ShapeOptions = {}): ShapeResult {
  const result = withBoundConstantsProbed(model, index, options, false, infer(model, index, options, false));
  if (!result.undecided?.some((n) => n.unknownOp)) return result;
  let assumed: ShapeResult;
  try {
    assumed = infer(model, index, options, true);
  } catch (error) {
    // An assumption that leads to an impossible shape downstream is no last resort.
    if (error instanceof ModelLoadError) return result;
    throw error;
  }
  return { ...result, assumingPassThrough: withBoundConstantsProbed(model, index, options, true, assumed) };
}

/**
 * Keeps as bound constants only those that change with the symbolic dims: inference runs again with
 * every symbolic dim one larger, and a candidate whose shape and values come out the same there (the
 * scale sqrt(head size) of attention, read from a static dim of a dynamic-batch tensor) is a constant a
 * runtime folds as well. When the model cannot be inferred at the other sizes, every candidate stays.
 */
function withBoundConstantsProbed(
  model: OnnxModel,
  index: GraphIndex,
  options: ShapeOptions,
  assumePassThrough: boolean,
  result: ShapeResult,
): ShapeResult {
  const candidates = result.boundConstants;
  if (!candidates) return result;
  const dims = Object.fromEntries(Object.entries(result.boundDims).map(([d, v]) => [d, v + 1]));
  let probe: ShapeResult;
  try {
    probe = infer(model, index, { ...options, dims }, assumePassThrough);
  } catch {
    return result;
  }
  const bound = new Set<string>();
  for (const name of candidates) {
    const here = result.shapes.get(name);
    const there = probe.shapes.get(name);
    if (!here || !there || !sameNumbers(here.shape, there.shape) || !sameNumbers(here.value, there.value))
      bound.add(name);
  }
  const { boundConstants: _candidates, ...rest } = result;
  return bound.size > 0 ? { ...rest, boundConstants: bound } : rest;
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function infer(
  model: OnnxModel,
  index: GraphIndex,
  options: ShapeOptions,
  assumePassThrough: boolean,
): ShapeResult {
  const file = model.path;
  const graph = model.graph;
  const opset = model.opsets.get('') ?? 1;
  // Keyed by the file's dim names: no inherited keys (a dim named 'constructor' found a function).
  const bound = Object.create(null) as Record<string, number>;
  const givenDim = (d: string): number | undefined =>
    options.dims && Object.hasOwn(options.dims, d) ? options.dims[d] : undefined;
  const warnings: string[] = [];
  const unresolved: string[] = [];
  const undecided = new Map<string, { node: UndecidedNode; outputs: string[] }>();

  const bind = (dim: Dim, input: string, axis: number): number => {
    if (typeof dim === 'number') return dim;
    const d = inputDimName(dim, input, axis);
    const given = givenDim(d);
    if (given !== undefined) {
      bound[d] = given;
      return given;
    }
    if (bound[d] === undefined) {
      bound[d] = DEFAULT_SYMBOLIC_DIM;
      const what = d === dim ? `symbolic dim '${d}'` : `unnamed dim (axis ${axis})`;
      warnings.push(
        `${what} of input '${input}' set to ${DEFAULT_SYMBOLIC_DIM} (override with --dim ${d}=N)`,
      );
    }
    return bound[d];
  };

  for (const [name, v] of Object.entries(options.dims ?? {})) {
    if (!Number.isSafeInteger(v) || v <= 0)
      throw new ModelLoadError(file, `--dim ${name}=${v}: a dim must be a positive integer`);
  }

  const shapes = new ValueTable<TensorShape>(index.values);
  // Values whose shape or value follows a symbolic dim: inference knows them for the bound dims, but a
  // runtime computes them at each inference. Float constants among them are boundConstants.
  const followsSymbolic = new Set<string>();
  const boundConstants = new Set<string>();
  // The inferred types without values, one object per distinct type: a deep network has 10^6
  // activations of a few dozen types.
  // The last one made is tried first (consecutive values are alike, and a key is text to make).
  const distinct = new Map<string, TensorShape>();
  let last: TensorShape | undefined;
  const inferred = (dataType: DataType, shape: readonly number[], constant: boolean): TensorShape => {
    if (last?.dataType === dataType && last.constant === constant && sameDims(last.shape, shape)) return last;
    const key = `${dataType}${constant ? 'c' : 'v'}${shape.join(',')}`;
    last = distinct.get(key);
    if (!last) {
      last = { dataType, shape, constant, source: 'static' };
      distinct.set(key, last);
    }
    return last;
  };
  for (const t of graph.initializers.values()) {
    // Two literals, not a conditional spread: a spread gives each record a hidden class of its own.
    shapes.set(
      t.name,
      t.values
        ? { dataType: t.dataType, shape: t.dims, value: t.values, constant: true, source: 'declared' }
        : { dataType: t.dataType, shape: t.dims, constant: true, source: 'declared' },
    );
  }
  for (const input of graph.inputs) {
    if (input.nonTensor) {
      warnings.push(`graph input '${input.name}' is a ${input.nonTensor}, not a tensor`);
      continue;
    }
    if (!input.shape) {
      warnings.push(`graph input '${input.name}' declares no shape`);
      unresolved.push(input.name);
      continue;
    }
    const shape = input.shape.map((d, axis) => bind(d, input.name, axis));
    if (input.shape.some((d) => typeof d === 'string')) followsSymbolic.add(input.name);
    if (!Number.isSafeInteger(shape.reduce((a, b) => a * b, 1))) {
      throw new ModelLoadError(
        file,
        `graph input '${input.name}' has shape [${shape.join(', ')}] whose size overflows`,
      );
    }
    shapes.set(input.name, {
      dataType: input.dataType,
      shape,
      constant: false,
      source: 'declared',
    });
  }

  const declared = (info: ValueInfo | undefined): TensorShape | undefined => {
    if (!info?.shape) return undefined;
    const dims = info.shape.map((d) => (typeof d === 'number' ? d : (givenDim(d) ?? bound[d])));
    if (dims.some((d) => d === undefined)) return undefined;
    return { dataType: info.dataType, shape: dims as number[], constant: false, source: 'declared' };
  };
  // A graph output's own declaration wins over a value_info entry of the same name.
  const graphOutputs = new Map(graph.outputs.map((o) => [o.name, o] as const));
  const outputInfo = (name: string): ValueInfo | undefined =>
    graphOutputs.get(name) ?? graph.valueInfo.get(name);

  const order = index.order;
  const ids = index.nodeValues;
  for (let position = 0; position < order.length; position++) {
    const node = order[position]!;
    const domainOpset = model.opsets.get(node.domain);
    const rule = node.domain === '' ? SHAPE_RULES[node.opType] : undefined;
    // By number (GraphIndex.nodeValues): a look-up by name per input of 10^6 nodes costs more.
    const inputs = new Array<TensorShape | undefined>(node.inputs.length);
    let allConstant = node.opType !== 'RandomNormal' && node.opType !== 'RandomUniform';
    for (let k = 0; k < inputs.length; k++) {
      const id = ids.input(position, k);
      const info = id < 0 ? undefined : shapes.byId(id);
      inputs[k] = info;
      if (id >= 0 && info?.constant !== true) allConstant = false;
    }
    let outputs: ValueType[] | undefined;
    let problem: string | undefined;
    if (rule) {
      try {
        outputs = rule({ node, inputs, opset });
      } catch (error) {
        if (error instanceof UndecidableShape || error instanceof ShapeRuleError) problem = error.message;
        else throw error;
        if (error instanceof ShapeRuleError) throw new ModelLoadError(file, error.message, { cause: error });
      }
    } else {
      problem =
        node.domain === ''
          ? `no shape rule for ${node.opType}`
          : `op ${node.domain}:${node.opType}${domainOpset === undefined ? ' (domain not imported)' : ''} has no static shape rule`;
    }
    // Only ops without a rule may be assumed to pass their input through.
    const activations = rule
      ? NO_NAMES
      : node.inputs.filter((n) => n !== '' && shapes.get(n)?.constant !== true);
    const realOutputs = rule ? NO_NAMES : node.outputs.filter((n) => n !== '');
    // An op holding subgraphs (If, Loop, Scan) computes its outputs there: its one input is no guide.
    const passThrough = !rule && activations.length === 1 && realOutputs.length === 1 && !holdsSubgraph(node);
    if (!rule && assumePassThrough && !passThrough) {
      problem = `no shape rule and ${
        realOutputs.length !== 1
          ? `${realOutputs.length} outputs`
          : `${activations.length === 0 ? 'no' : activations.length} activation inputs`
      } (only ops with one activation input and one output are assumed to keep their input's shape)`;
    }
    // Checked only where a model has symbolic dims: the sets are empty otherwise.
    const fromSymbolic = followsSymbolic.size > 0 && node.inputs.some((n) => followsSymbolic.has(n));
    for (let i = 0; i < node.outputs.length; i++) {
      const name = node.outputs[i]!;
      if (name === '') continue;
      if (fromSymbolic) followsSymbolic.add(name);
      const out = outputs?.[i];
      if (out && !Number.isSafeInteger(out.shape.reduce((a, b) => a * b, 1))) {
        throw new ModelLoadError(
          file,
          `${node.opType} '${node.name}': output '${name}' of shape [${out.shape.join(', ')}] overflows`,
        );
      }
      if (out) {
        // Shape-of-a-value is constant even when the value is not (the basis of shape folding).
        const shapeOf =
          !allConstant && (node.opType === 'Shape' || node.opType === 'Size') && out.value !== undefined;
        const constant = allConstant || shapeOf;
        // Runtime data: a float value, or anything computed from runtime data (a mask compared from
        // a zero state); integer values computed from shapes alone stay shape arithmetic.
        if (
          constant &&
          fromSymbolic &&
          (!isIntegerType(out.dataType) || node.inputs.some((n) => boundConstants.has(n)))
        )
          boundConstants.add(name);
        shapes.setById(
          ids.output(position, i),
          out.value !== undefined && constant
            ? { dataType: out.dataType, shape: out.shape, value: out.value, constant, source: 'static' }
            : inferred(out.dataType, out.shape, constant),
        );
        continue;
      }
      const fromFile = declared(outputInfo(name));
      if (fromFile) {
        shapes.set(name, fromFile);
        continue;
      }
      if (assumePassThrough && passThrough) {
        const source = shapes.get(activations[0]!);
        if (source) {
          shapes.set(name, {
            dataType: source.dataType,
            shape: source.shape,
            constant: false,
            source: 'assumed',
          });
          warnings.push(
            `${opName(node)} node '${node.name}': output '${name}' shape unknown; assumed equal to its input '${activations[0]}' [${source.shape.join(',')}]; declare value_info for '${name}' to override`,
          );
          continue;
        }
      }
      unresolved.push(name);
      // Only root causes are reported; values downstream of an unknown one say nothing new.
      if (!problem || /^input \d+ of .* is unknown$/.test(problem)) continue;
      // Under the assumption, an op that would keep its input's shape is only waiting on that input.
      if (assumePassThrough && passThrough) continue;
      warnings.push(
        `shape of '${name}' (from ${node.opType} '${node.name}') is not statically known: ${problem}`,
      );
      const entry = undecided.get(node.name);
      if (entry) entry.outputs.push(name);
      else {
        const outputs = [name];
        undecided.set(node.name, {
          node: { name: node.name, op: opName(node), unknownOp: !rule, outputs, reason: problem },
          outputs,
        });
      }
    }
  }
  return {
    shapes,
    decidedBy: 'static',
    unresolved,
    warnings: dedupe(warnings),
    boundDims: bound,
    ...(boundConstants.size > 0 ? { boundConstants } : {}),
    ...(undecided.size > 0 ? { undecided: [...undecided.values()].map((u) => u.node) } : {}),
  };
}

/** The empty list of names (one, not one per node). */
const NO_NAMES: readonly string[] = [];

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function opName(node: { domain: string; opType: string }): string {
  return node.domain === '' ? node.opType : `${node.domain}:${node.opType}`;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Shape of a value in a readable form (tests, messages). */
export function formatShape(shape: readonly number[] | undefined): string {
  return shape ? `[${shape.join('x')}]` : '[?]';
}

const LOAD_TIME_OPS = new Set(['DequantizeLinear', 'Identity']);

/**
 * The shapes a format declares for every value (TFLite), as a ShapeResult: nothing is inferred. A value
 * made from constants is a constant only when it re-types or aliases them (the DEQUANTIZE of fp16
 * weights, done once at load); every other operator runs at each inference.
 */
export function declaredShapeResult(model: OnnxModel, index: GraphIndex): ShapeResult {
  const declared: ReadonlyMap<string, DeclaredShape> =
    model.declaredShapes ?? new Map<string, DeclaredShape>();
  const shapes = new ValueTable<TensorShape>(index.values);
  for (const [name, d] of declared) {
    shapes.set(name, {
      dataType: d.dataType,
      shape: d.shape,
      constant: d.constant,
      ...(d.value ? { value: d.value } : {}),
      source: 'declared',
    });
  }
  const unresolved: string[] = [];
  for (const node of index.order) {
    const inputs = node.inputs.filter((i) => i !== '');
    // The interpreter runs every operator each time; only dequantizing a constant is done once, at load.
    const constant =
      LOAD_TIME_OPS.has(node.opType) &&
      inputs.length > 0 &&
      inputs.every((i) => shapes.get(i)?.constant === true);
    for (const o of node.outputs) {
      if (o === '') continue;
      const s = shapes.get(o);
      if (!s) unresolved.push(o);
      else if (constant && !s.constant) {
        // Dequantizing re-types a value: a small constant keeps its (real) values through it.
        const value = shapes.get(inputs[0]!)?.value;
        shapes.set(o, { ...s, constant: true, ...(value && !s.value ? { value } : {}) });
      }
    }
  }
  return { shapes, decidedBy: 'static', unresolved, warnings: [], boundDims: {} };
}

function holdsSubgraph(node: OnnxNode): boolean {
  for (const a of node.attributes.values()) if (a.kind === 'graph' || a.kind === 'graphs') return true;
  return false;
}
