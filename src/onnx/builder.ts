import protobuf from 'protobufjs';
import descriptor from './onnx-proto.json' with { type: 'json' };
import { float, floats, type FloatAttr, type FloatsAttr } from './attributes.js';
import { DataType, bytesPerElement, type Dim } from './types.js';

export { float, floats, type FloatAttr, type FloatsAttr };

/**
 * Builds ONNX models in code (tests, kernel models for measurement, reference networks for the accuracy
 * report, exported predictors). Encodes with protobufjs from the same pinned schema the decoder uses.
 */

let modelProto: protobuf.Type | undefined;
/** ModelProto's encoder, built from the descriptor on first use (not when a module importing this loads). */
function modelType(): protobuf.Type {
  return (modelProto ??= protobuf.Root.fromJSON(descriptor).lookupType('onnx.ModelProto'));
}

export interface TensorSpec {
  readonly name?: string;
  readonly dataType: DataType;
  readonly dims: readonly number[];
  /** Values (numeric types); omitted: zero-filled raw bytes. */
  readonly values?: readonly number[];
  /** Values of a STRING tensor. */
  readonly strings?: readonly string[];
}

export type AttrInput =
  | number
  | string
  | readonly number[]
  | readonly string[]
  | FloatAttr
  | FloatsAttr
  | { readonly tensor: TensorSpec }
  | { readonly graph: GraphBuilder };

export interface NodeOptions {
  name?: string;
  domain?: string;
  /** Number of outputs (default 1); output names are generated. */
  outputs?: number;
  /** Explicit output names. */
  outputNames?: string[];
}

interface ValueInfoSpec {
  name: string;
  dataType: DataType;
  shape?: readonly Dim[];
}

export class GraphBuilder {
  private readonly nodes: object[] = [];
  private readonly initializers: object[] = [];
  private readonly inputs: ValueInfoSpec[] = [];
  private readonly outputs: ValueInfoSpec[] = [];
  private counter = 0;

  constructor(readonly name = 'graph') {}

  input(name: string, dataType: DataType, shape: readonly Dim[]): string {
    this.inputs.push({ name, dataType, shape });
    return name;
  }

  output(name: string, dataType: DataType = DataType.FLOAT, shape?: readonly Dim[]): string {
    this.outputs.push({ name, dataType, ...(shape ? { shape } : {}) });
    return name;
  }

  initializer(name: string, spec: Omit<TensorSpec, 'name'>): string {
    this.initializers.push(tensorProto({ ...spec, name }));
    return name;
  }

  /** An initializer whose bytes live in a file beside the model (ONNX external data). */
  externalInitializer(
    name: string,
    dataType: DataType,
    dims: readonly number[],
    external: { location: string; offset?: number; length?: number },
  ): string {
    const entries = [{ key: 'location', value: external.location }];
    if (external.offset !== undefined) entries.push({ key: 'offset', value: String(external.offset) });
    if (external.length !== undefined) entries.push({ key: 'length', value: String(external.length) });
    this.initializers.push({ name, dims: [...dims], dataType, dataLocation: 1, externalData: entries });
    return name;
  }

  /** A float32 weight of the given dims, zero-filled unless values are given. */
  weight(name: string, dims: readonly number[], values?: readonly number[]): string {
    return this.initializer(name, { dataType: DataType.FLOAT, dims, ...(values ? { values } : {}) });
  }

  /** An int64 1-D constant initializer (shape arithmetic: Reshape targets, Slice bounds...). */
  ints(name: string, values: readonly number[]): string {
    return this.initializer(name, { dataType: DataType.INT64, dims: [values.length], values });
  }

  /** Adds a node; returns its first output name. */
  node(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrInput> = {},
    options: NodeOptions = {},
  ): string {
    return this.nodeOutputs(opType, inputs, attrs, options)[0]!;
  }

  /** Adds a node; returns all of its output names. */
  nodeOutputs(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrInput> = {},
    options: NodeOptions = {},
  ): string[] {
    this.counter += 1;
    const name = options.name ?? `${opType.toLowerCase()}_${this.counter}`;
    const outputs =
      options.outputNames ?? Array.from({ length: options.outputs ?? 1 }, (_, i) => `${name}_out${i}`);
    this.nodes.push({
      name,
      opType,
      domain: options.domain ?? '',
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attrs).map(([key, value]) => attributeProto(key, value)),
    });
    return outputs;
  }

  toProto(): object {
    return {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs.map(valueInfoProto),
      output: this.outputs.map(valueInfoProto),
    };
  }
}

export interface ModelOptions {
  opset?: number;
  /** Extra opset imports, e.g. { 'ai.onnx.ml': 3 }. */
  opsets?: Record<string, number>;
  irVersion?: number;
  producer?: string;
  producerVersion?: string;
}

export class ModelBuilder extends GraphBuilder {
  constructor(private readonly options: ModelOptions = {}) {
    super('main');
  }

  encode(): Uint8Array {
    const opset = this.options.opset ?? 13;
    const imports = [{ domain: '', version: opset }];
    for (const [domain, version] of Object.entries(this.options.opsets ?? {}))
      imports.push({ domain, version });
    const message = modelType().fromObject({
      irVersion: this.options.irVersion ?? irVersionFor(opset),
      producerName: this.options.producer ?? 'model-energy-check',
      producerVersion: this.options.producerVersion ?? '',
      opsetImport: imports,
      graph: this.toProto(),
    });
    return modelType().encode(message).finish();
  }
}

/** The IR version that ships with an opset (ONNX versioning table). */
function irVersionFor(opset: number): number {
  if (opset <= 8) return 3;
  if (opset <= 9) return 4;
  if (opset <= 10) return 5;
  if (opset <= 11) return 6;
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  return 10;
}

function valueInfoProto(v: ValueInfoSpec): object {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: v.dataType,
        ...(v.shape
          ? {
              shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
            }
          : {}),
      },
    },
  };
}

export function tensorProto(spec: TensorSpec): object {
  const base = { name: spec.name ?? '', dims: [...spec.dims], dataType: spec.dataType };
  if (spec.dataType === DataType.STRING) {
    return { ...base, stringData: (spec.strings ?? []).map((s) => Buffer.from(s, 'utf8')) };
  }
  const elements = spec.dims.reduce((a, b) => a * b, 1);
  const size = bytesPerElement(spec.dataType);
  const raw = Buffer.alloc(Math.ceil(elements * size));
  if (spec.values) {
    if (spec.values.length !== elements) {
      throw new Error(`tensor '${spec.name ?? ''}': ${spec.values.length} values for ${elements} elements`);
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    spec.values.forEach((v, i) => writeElement(view, spec.dataType, i, v));
  }
  return { ...base, rawData: raw };
}

function writeElement(view: DataView, dt: DataType, i: number, v: number): void {
  switch (dt) {
    case DataType.FLOAT:
      return view.setFloat32(i * 4, v, true);
    case DataType.DOUBLE:
      return view.setFloat64(i * 8, v, true);
    case DataType.INT64:
      return view.setBigInt64(i * 8, BigInt(Math.trunc(v)), true);
    case DataType.UINT64:
      return view.setBigUint64(i * 8, BigInt(Math.trunc(v)), true);
    case DataType.INT32:
      return view.setInt32(i * 4, v, true);
    case DataType.UINT32:
      return view.setUint32(i * 4, v, true);
    case DataType.INT16:
      return view.setInt16(i * 2, v, true);
    case DataType.UINT16:
      return view.setUint16(i * 2, v, true);
    case DataType.INT8:
      return view.setInt8(i, v);
    case DataType.UINT8:
    case DataType.BOOL:
      return view.setUint8(i, v);
    default:
      throw new Error(`the builder cannot write values of data type ${dt}`);
  }
}

function attributeProto(name: string, value: AttrInput): object {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { name, type: 2, i: value } : { name, type: 1, f: value };
  }
  if (typeof value === 'string') return { name, type: 3, s: Buffer.from(value, 'utf8') };
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) {
      return { name, type: 8, strings: value.map((s) => Buffer.from(s, 'utf8')) };
    }
    const nums = value as number[];
    return nums.every((v) => Number.isInteger(v))
      ? { name, type: 7, ints: nums }
      : { name, type: 6, floats: nums };
  }
  if ('float' in value) return { name, type: 1, f: value.float };
  if ('floats' in value) return { name, type: 6, floats: [...value.floats] };
  if ('tensor' in value) return { name, type: 4, t: tensorProto(value.tensor) };
  if ('graph' in value) return { name, type: 5, g: value.graph.toProto() };
  throw new Error(`attribute '${name}': unsupported value`);
}
