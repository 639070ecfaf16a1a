import { loadOrt } from '../runtime/ort.js';
import type { ShapeResult, TensorShape, UndecidedNode } from './shape-types.js';
import { DataType, ModelLoadError, type OnnxModel } from './types.js';

/** protobufjs' ModelProto (decode, patch, encode), loaded on first use: static inference rarely needs it. */
async function modelProto() {
  const [{ default: protobuf }, { default: descriptor }] = await Promise.all([
    import('protobufjs'),
    import('./onnx-proto.json', { with: { type: 'json' } }),
  ]);
  return protobuf.Root.fromJSON(descriptor).lookupType('onnx.ModelProto');
}

/** Element types onnxruntime-node accepts as feeds, by ONNX data type. */
const FEED_TYPES: Partial<
  Record<DataType, 'float32' | 'float64' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool' | 'float16'>
> = {
  [DataType.FLOAT]: 'float32',
  [DataType.DOUBLE]: 'float64',
  [DataType.INT64]: 'int64',
  [DataType.INT32]: 'int32',
  [DataType.INT8]: 'int8',
  [DataType.UINT8]: 'uint8',
  [DataType.BOOL]: 'bool',
  [DataType.FLOAT16]: 'float16',
};

interface MutableGraph {
  output?: { name?: string }[];
  input?: { name?: string }[];
  node?: { output?: string[] }[];
}

/**
 * The fallback for shapes static inference cannot decide (data-dependent ops, custom domains): the model
 * runs once in onnxruntime-node on zero-filled inputs of the bound shapes, with every unresolved value
 * exposed as an extra output, and the observed shapes are recorded with source 'runtime'. Shapes that
 * depend on input values are only valid for that input; a warning says so. When onnxruntime cannot
 * decide them (it cannot load or run the model, typically for a custom-domain op it does not know),
 * ops without a shape rule that have one activation input and one output are assumed to keep that
 * input's shape (each assumption is a warning); any other undecided value is a ModelLoadError naming
 * its node, op and values.
 */
export async function resolveShapesAtRuntime(
  model: OnnxModel,
  modelBytes: Uint8Array,
  result: ShapeResult,
): Promise<ShapeResult> {
  if (result.unresolved.length === 0) return result;
  const hasExternal = [...model.graph.initializers.values()].some((t) => t.external);
  if (hasExternal) {
    // Not fatal, as before: what stays unresolved is listed with unknown shapes.
    const best = result.assumingPassThrough ?? result;
    return {
      ...best,
      warnings: [...best.warnings, 'runtime shape fallback skipped: the model has external data'],
    };
  }
  const [ort, ModelProto] = await Promise.all([loadOrt(), modelProto()]);
  const proto = ModelProto.toObject(ModelProto.decode(modelBytes), { defaults: false }) as {
    graph?: MutableGraph;
  };
  const graph = proto.graph ?? {};
  const existing = new Set((graph.output ?? []).map((o) => o.name));
  // Only values of the file's own top graph can be made outputs: not a graph input, nor a value of an
  // If branch the analysis inlined (src/onnx/control-flow.ts), which stays unresolved.
  const produced = new Set((graph.node ?? []).flatMap((n) => n.output ?? []));
  const wanted = result.unresolved.filter((n) => produced.has(n));
  const inlined = result.unresolved.filter(
    (n) => !produced.has(n) && !model.graph.inputs.some((i) => i.name === n),
  );
  if (wanted.length === 0 && inlined.length > 0)
    return lastResort(model, result, 'cannot show values inside an If branch', undefined);
  graph.output = [
    ...(graph.output ?? []),
    ...wanted.filter((n) => !existing.has(n)).map((name) => ({ name })),
  ];
  const patched = ModelProto.encode(ModelProto.fromObject(proto)).finish();

  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    // Fatal only: a failure is caught and worded in our error; onnxruntime's own log lines would
    // reach the terminal as colour-coded noise before it.
    session = await ort.InferenceSession.create(patched, {
      graphOptimizationLevel: 'disabled',
      logSeverityLevel: 4,
    });
  } catch (error) {
    return lastResort(model, result, `could not load the model (${messageOf(error)})`, error);
  }
  try {
    // No inherited keys: a graph input may be named '__proto__' (see src/lookup-table.ts).
    const feeds = Object.create(null) as Record<string, InstanceType<typeof ort.Tensor>>;
    for (const input of model.graph.inputs) {
      const known = result.shapes.get(input.name);
      const type = FEED_TYPES[input.dataType];
      if (!known || !type) {
        throw new ModelLoadError(
          model.path,
          `runtime shape fallback: cannot make a feed for input '${input.name}'`,
        );
      }
      const n = known.shape.reduce((a, b) => a * b, 1);
      const data =
        type === 'int64'
          ? new BigInt64Array(n)
          : type === 'float64'
            ? new Float64Array(n)
            : type === 'int32'
              ? new Int32Array(n)
              : type === 'int8'
                ? new Int8Array(n)
                : type === 'uint8' || type === 'bool'
                  ? new Uint8Array(n)
                  : type === 'float16'
                    ? new Uint16Array(n)
                    : new Float32Array(n);
      feeds[input.name] = new ort.Tensor(type, data, [...known.shape]);
    }
    const outputs = await session.run(feeds, wanted, { logSeverityLevel: 4 });
    const shapes = new Map(result.shapes);
    const missing: string[] = [];
    for (const name of wanted) {
      const t = outputs[name];
      if (!t) {
        missing.push(name);
        continue;
      }
      const entry: TensorShape = {
        dataType: dataTypeOf(t.type),
        shape: t.dims.map(Number),
        constant: false,
        source: 'runtime',
      };
      shapes.set(name, entry);
    }
    return {
      shapes,
      decidedBy: 'runtime',
      unresolved: [...inlined, ...missing],
      warnings: [
        ...result.warnings,
        `${wanted.length - missing.length} shape(s) decided by running the model once in onnxruntime (zero-filled inputs)`,
      ],
      boundDims: result.boundDims,
      ...(result.boundConstants ? { boundConstants: result.boundConstants } : {}),
    };
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    return lastResort(model, result, `could not run the model (${messageOf(error)})`, error);
  } finally {
    await session.release();
  }
}

/** Shown at most, of long lists of nodes or values in an error. */
const LISTED = 8;

/**
 * What is left when onnxruntime cannot decide the shapes: the pass-through assumption for unknown
 * single-input single-output ops, or an error that says which nodes need value_info.
 */
function lastResort(model: OnnxModel, result: ShapeResult, ortProblem: string, cause: unknown): ShapeResult {
  const assumed = result.assumingPassThrough;
  if (assumed && assumed.unresolved.length === 0) {
    return {
      ...assumed,
      warnings: [
        ...assumed.warnings,
        `onnxruntime ${ortProblem}; ops without a shape rule were assumed to keep their input's shape`,
      ],
    };
  }
  const left = assumed ?? result;
  // Values downstream of an undecided node follow from it, so only the nodes and their outputs are named.
  const nodes = left.undecided ?? [];
  const values = (nodes.length > 0 ? nodes.flatMap((n) => n.outputs) : left.unresolved).map((v) => `'${v}'`);
  const what = nodes.length > 0 ? list(nodes.map(describeNode), 'node') : `values ${list(values, 'value')}`;
  throw new ModelLoadError(
    model.path,
    `cannot decide the shapes of ${what}, and onnxruntime ${ortProblem}. Declare the shapes of ${list(values, 'value')} in the model's graph value_info and analyse it again`,
    { cause },
  );
}

function describeNode(n: UndecidedNode): string {
  return `${n.op} node '${n.name}' (output${n.outputs.length === 1 ? '' : 's'} ${n.outputs.map((o) => `'${o}'`).join(', ')}: ${n.reason})`;
}

function list(items: readonly string[], noun: string): string {
  if (items.length <= LISTED) return items.join(', ');
  return `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more ${noun}s`;
}

/** onnxruntime's messages can end in a newline: an error is one line. */
function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

function dataTypeOf(type: string): DataType {
  for (const [dt, name] of Object.entries(FEED_TYPES)) if (name === type) return Number(dt);
  return DataType.UNDEFINED;
}
