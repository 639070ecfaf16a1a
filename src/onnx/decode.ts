import { bufferSource, readFileSource, spanOf, type ByteSource } from './source.js';
import {
  DataType,
  ModelLoadError,
  bytesPerElement,
  type AttributeValue,
  type ConstValues,
  type Dim,
  type ExternalData,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
  type TensorInfo,
  type ValueInfo,
} from './types.js';
import { AttributeSets, Interner, NodeReader } from './decode-node.js';
import { FieldCursor, WireError, decodeMessage, forEachField } from './wire.js';
import {
  type Int64,
  type PAttribute,
  type PEntry,
  type PGraph,
  type PModel,
  type PTensor,
  type PValueInfo,
  checkExternalLocation,
  inferAttributeType,
  int,
  normaliseDomain,
  tensorValues,
} from './decode-values.js';

/** Tensors with at most this many elements keep their values (for shape arithmetic). */
export const MAX_KEPT_ELEMENTS = 4096;
/** Data fields of initializers larger than this are skipped without being read. */
const MAX_KEPT_DATA_BYTES = MAX_KEPT_ELEMENTS * 8;
/** Nesting bound for subgraphs (If/Loop/Scan bodies); deeper graphs are refused. */
const MAX_GRAPH_DEPTH = 32;
/** Nodes whose attributes take at most this many bytes share one decoded map per distinct set. */
const MAX_SHARED_ATTRIBUTE_BYTES = 512;
/** The attributes of a node without any (one map for all of them: the IR is immutable). */
const NO_ATTRIBUTES: ReadonlyMap<string, AttributeValue> = new Map();

export interface DecodeOptions {
  /** Used in error messages and to resolve external data; defaults to "<memory>". */
  path?: string;
}

/** Reads an ONNX model from a file (plain or gzip'd) without reading its weight payloads. */
export function decodeModelFile(path: string): OnnxModel {
  return readFileSource(path, (source) => decodeModelSource(source, path));
}

export function decodeModelBytes(bytes: Uint8Array, options: DecodeOptions = {}): OnnxModel {
  return decodeModelSource(bufferSource(bytes), options.path ?? '<memory>');
}

/** Decodes an ONNX model from random-access bytes (the reading seam, src/analysis/read.ts, calls this). */
export function decodeModelSource(source: ByteSource, path: string): OnnxModel {
  sniff(source, path);
  try {
    return new Decoder(source, path).model();
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError(path, `not a valid ONNX model (${errorText(error)})`, { cause: error });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Cheap checks that give a precise message for the usual wrong files before protobuf decoding. */
const NOT_A_MODEL = 'not an ONNX or TFLite model, or a damaged one';

function sniff(source: ByteSource, path: string): void {
  if (source.size === 0) throw new ModelLoadError(path, 'the file is empty');
  const head = Buffer.from(source.read(0, Math.min(200, source.size))).toString('latin1');
  if (head.startsWith('version https://git-lfs.github.com/spec/')) {
    throw new ModelLoadError(
      path,
      'this is a Git LFS pointer, not the model: fetch LFS objects (actions/checkout with `lfs: true`, or `git lfs pull`)',
    );
  }
  if (/^[\s{[<#a-zA-Z]/.test(head) && isPrintableAscii(head)) {
    throw new ModelLoadError(path, 'this is a text file, not an ONNX protobuf model');
  }
}

/** Tab, newline, carriage return and printable ASCII only: text, where a protobuf has binary tags. */
function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 9 || c === 10 || c === 13 || (c >= 32 && c <= 126))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Wire-level scanning. The model and graph messages are walked field by field; everything except
// the initializers' payloads is handed to the descriptor-driven decoder (wire.ts), which decodes the concatenated fields (a
// protobuf message is the merge of its fields, so decoding the concatenation equals decoding all).

/** Bytes [start, end) of the file. */
interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * Walks the fields of the message in file bytes [start, end), reading only their tags and lengths:
 * after next() returns true, its fields describe the field read, at file offsets. One object reused,
 * as FieldCursor is (the walk of a graph meets every one of its nodes).
 */
class SourceFields {
  number = 0;
  wireType = 0;
  /** Offset of the tag (start of the whole field) and of the payload [start, end). */
  tagStart = 0;
  start = 0;
  end = 0;
  private pos: number;
  private readonly head = new FieldCursor();

  constructor(
    private readonly source: ByteSource,
    private readonly path: string,
    private readonly message: string,
    start: number,
    private readonly limit: number,
  ) {
    this.pos = start;
  }

  next(): boolean {
    const pos = this.pos;
    if (pos >= this.limit) return false;
    // A tag and a length (or a varint value) take at most 20 bytes.
    const headEnd = Math.min(this.limit, pos + 20);
    const { bytes, base } = spanOf(this.source, pos, headEnd - pos);
    try {
      this.head.at(bytes, pos - base, headEnd - base);
    } catch (error) {
      throw asCorrupt(error, this.path, this.message, base);
    }
    const end = base + this.head.end;
    if (end > this.limit)
      throw corrupt(this.path, this.message, pos, 'a field runs past the end (truncated file?)');
    this.number = this.head.number;
    this.wireType = this.head.wireType;
    this.tagStart = pos;
    this.start = base + this.head.start;
    this.end = end;
    this.pos = end;
    return true;
  }
}

function corrupt(path: string, message: string, offset: number, what: string): ModelLoadError {
  return new ModelLoadError(path, `corrupt ${message} at byte ${offset}: ${what}`);
}

/** A WireError at an offset of bytes that start at `base` in the file, as a corrupt `message`; others as they are. */
function asCorrupt(error: unknown, path: string, message: string, base: number): unknown {
  return error instanceof WireError ? corrupt(path, message, base + error.offset, error.message) : error;
}

class Decoder {
  private unnamedDims = 0;
  private weightBytes = 0;
  private readonly names = new Interner();
  /** One reader for every node: its fields are valid until the next node is read (subgraphs too). */
  private readonly nodeReader = new NodeReader(this.names);
  /** DecodedValueNumbers.ids of the top graph, the first topIdCount. */
  private topIds = new Int32Array(1024);
  private topIdCount = 0;
  /** Attribute maps by the bytes they were decoded from (exports repeat a few sets many times). */
  private readonly attributeSets = new AttributeSets<ReadonlyMap<string, AttributeValue>>();

  constructor(
    private readonly source: ByteSource,
    private readonly path: string,
  ) {}

  model(): OnnxModel {
    const rest: Uint8Array[] = [];
    const graphRanges: Range[] = [];
    // ONNX has no magic number: a file that fails here, or holds no graph, is most often another
    // file altogether (a .js, an image, a MediaPipe graph config), and the message says so first.
    try {
      for (const field = this.fields(0, this.source.size, 'ModelProto'); field.next();) {
        if (field.number === 7 && field.wireType === 2)
          graphRanges.push({ start: field.start, end: field.end });
        else rest.push(this.source.read(field.tagStart, field.end - field.tagStart));
      }
    } catch (error) {
      if (!(error instanceof ModelLoadError)) throw error;
      throw new ModelLoadError(this.path, `${NOT_A_MODEL}: ${error.message.slice(this.path.length + 2)}`, {
        cause: error,
      });
    }
    const header = decodeMessage('ModelProto', Buffer.concat(rest)) as unknown as PModel;
    if (graphRanges.length === 0)
      throw new ModelLoadError(this.path, `${NOT_A_MODEL}: a protobuf with no graph`);
    const opsets = new Map<string, number>();
    for (const o of header.opsetImport ?? []) {
      opsets.set(normaliseDomain(o.domain ?? ''), int(o.version ?? 0));
    }
    if (!opsets.has('')) opsets.set('', 1);
    const graph = this.topGraph(graphRanges);
    return {
      path: this.path,
      format: 'onnx',
      irVersion: int(header.irVersion ?? 0),
      opsets,
      producer: { name: header.producerName ?? '', version: header.producerVersion ?? '' },
      graph,
      functions: new Set(
        (header.functions ?? []).map((f) => `${normaliseDomain(f.domain ?? '')}:${f.name ?? ''}`),
      ),
      fileBytes: this.source.size,
      weightBytes: this.weightBytes,
    };
  }

  private topGraph(ranges: Range[]): OnnxGraph {
    const rest: Uint8Array[] = [];
    const initializers: TensorInfo[] = [];
    const nodes: OnnxNode[] = [];
    for (const range of ranges) {
      for (const field = this.fields(range.start, range.end, 'GraphProto'); field.next();) {
        if (field.number === 1 && field.wireType === 2) {
          nodes.push(this.node(field.start, field.end, nodes.length, 0));
        } else if (field.number === 5 && field.wireType === 2) {
          initializers.push(this.skimTensor(field.start, field.end));
        } else if (field.number === 15 && field.wireType === 2) {
          initializers.push(...this.skimSparseTensor(field.start, field.end));
        } else {
          rest.push(this.source.read(field.tagStart, field.end - field.tagStart));
        }
      }
    }
    const graph = decodeMessage('GraphProto', Buffer.concat(rest)) as unknown as PGraph;
    return {
      ...this.graph(graph, nodes, initializers),
      valueNumbers: { nodes, ids: this.topIds.subarray(0, this.topIdCount), names: this.names.numbers },
    };
  }

  /** Records the numbers of the names of the top graph's node just read (DecodedValueNumbers). */
  private recordTopNode(fields: NodeReader): void {
    const needed = this.topIdCount + fields.inputs.length + fields.outputs.length;
    if (needed > this.topIds.length) {
      const grown = new Int32Array(Math.max(needed, this.topIds.length * 2));
      grown.set(this.topIds.subarray(0, this.topIdCount));
      this.topIds = grown;
    }
    for (let k = 0; k < fields.inputs.length; k++) this.topIds[this.topIdCount++] = fields.inputIds[k]!;
    for (let k = 0; k < fields.outputs.length; k++) this.topIds[this.topIdCount++] = fields.outputIds[k]!;
  }

  /** A subgraph (an If/Loop/Scan body) held in bytes [start, end) of the file. */
  private subgraph(range: Range | undefined, depth: number): OnnxGraph {
    if (depth > MAX_GRAPH_DEPTH)
      throw new ModelLoadError(this.path, `subgraphs nested deeper than ${MAX_GRAPH_DEPTH}`);
    const rest: Uint8Array[] = [];
    const nodes: OnnxNode[] = [];
    if (range) {
      for (const field = this.fields(range.start, range.end, 'GraphProto'); field.next();) {
        if (field.number === 1 && field.wireType === 2)
          nodes.push(this.node(field.start, field.end, nodes.length, depth));
        else rest.push(this.source.read(field.tagStart, field.end - field.tagStart));
      }
    }
    const graph = decodeMessage('GraphProto', Buffer.concat(rest)) as unknown as PGraph;
    return this.graph(graph, nodes, []);
  }

  /** The fields of the message in file bytes [start, end), walked with next(). */
  private fields(start: number, end: number, message: string): SourceFields {
    return new SourceFields(this.source, this.path, message, start, end);
  }

  /** Decodes an initializer, skipping data fields that are too large to be shape arithmetic. */
  private skimTensor(start: number, end: number): TensorInfo {
    const kept: Uint8Array[] = [];
    let skippedDataBytes = 0;
    for (const f = this.fields(start, end, 'TensorProto'); f.next();) {
      const isData = [4, 5, 6, 7, 9, 10, 11].includes(f.number);
      if (isData && f.end - f.start > MAX_KEPT_DATA_BYTES) {
        skippedDataBytes += f.end - f.start;
        continue;
      }
      kept.push(this.source.read(f.tagStart, f.end - f.tagStart));
    }
    const proto = decodeMessage('TensorProto', Buffer.concat(kept)) as unknown as PTensor;
    const info = this.tensor(proto, 'initializer', skippedDataBytes > 0);
    this.weightBytes += info.byteLength;
    return info;
  }

  private skimSparseTensor(start: number, end: number): TensorInfo[] {
    const out: TensorInfo[] = [];
    let dims: number[] = [];
    let values: TensorInfo | undefined;
    let indices: TensorInfo | undefined;
    for (const f = this.fields(start, end, 'SparseTensorProto'); f.next();) {
      if (f.number === 1 && f.wireType === 2) values = this.skimTensor(f.start, f.end);
      else if (f.number === 2 && f.wireType === 2) indices = this.skimTensor(f.start, f.end);
      else if (f.number === 3) {
        const bytes = this.source.read(f.tagStart, f.end - f.tagStart);
        const sparse = decodeMessage('SparseTensorProto', bytes) as { dims?: Int64[] };
        for (const d of sparse.dims ?? []) dims.push(int(d));
      }
    }
    if (values) {
      dims = dims.length > 0 ? dims : [...values.dims];
      out.push({
        ...values,
        dims,
        elements: this.elementCount(values.name, dims),
        byteLength: values.byteLength + (indices?.byteLength ?? 0),
        values: undefined,
      });
    }
    return out;
  }

  private tensor(proto: PTensor, what: string, payloadSkipped = false): TensorInfo {
    const name = proto.name ?? '';
    const dataType = (proto.dataType ?? 0) as DataType;
    const dims = (proto.dims ?? []).map((d) => {
      const n = int(d);
      if (n < 0) throw new ModelLoadError(this.path, `${what} '${name}' has a negative dimension (${n})`);
      return n;
    });
    const elements = this.elementCount(name, dims);
    const size = bytesPerElement(dataType);
    let external: ExternalData | undefined;
    if (proto.dataLocation === 1 || (proto.externalData?.length ?? 0) > 0) {
      external = this.externalData(name, proto.externalData ?? [], Math.ceil(elements * size));
    }
    let byteLength: number;
    if (external) byteLength = external.length;
    else if (dataType === DataType.STRING) byteLength = (proto.rawData?.length ?? 0) || elements * 16;
    else byteLength = Math.ceil(elements * size);
    let values: ConstValues | undefined;
    if (!payloadSkipped && !external && elements <= MAX_KEPT_ELEMENTS) values = tensorValues(proto, dataType);
    if (values && values.length !== elements) values = undefined;
    return {
      name,
      dataType,
      dims,
      elements,
      byteLength,
      ...(values ? { values } : {}),
      ...(external ? { external } : {}),
    };
  }

  private elementCount(name: string, dims: readonly number[]): number {
    let n = 1;
    for (const d of dims) n *= d;
    if (!Number.isSafeInteger(n)) {
      throw new ModelLoadError(
        this.path,
        `tensor '${name}' has dims [${dims.join(', ')}] whose size overflows`,
      );
    }
    return n;
  }

  private externalData(name: string, entries: PEntry[], impliedLength: number): ExternalData {
    const get = (key: string) => entries.find((e) => e.key === key)?.value;
    const location = get('location');
    if (!location) throw new ModelLoadError(this.path, `tensor '${name}' is external but has no location`);
    checkExternalLocation(this.path, name, location);
    const offset = Number(get('offset') ?? 0);
    const length = get('length') !== undefined ? Number(get('length')) : impliedLength;
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new ModelLoadError(this.path, `tensor '${name}' has an invalid external offset or length`);
    }
    return { location, offset, length };
  }

  private graph(proto: PGraph, nodes: OnnxNode[], skimmed: TensorInfo[]): OnnxGraph {
    const initializers = new Map<string, TensorInfo>();
    for (const t of skimmed) initializers.set(t.name, t);
    for (const t of proto.initializer ?? []) {
      const info = this.tensor(t, 'initializer');
      this.weightBytes += info.byteLength;
      initializers.set(info.name, info);
    }
    const valueInfo = new Map<string, ValueInfo>();
    for (const v of proto.valueInfo ?? []) {
      const info = this.valueInfo(v);
      valueInfo.set(info.name, info);
    }
    return {
      name: proto.name ?? '',
      nodes,
      initializers,
      inputs: (proto.input ?? [])
        .filter((v) => !initializers.has(v.name ?? ''))
        .map((v) => this.valueInfo(v)),
      outputs: (proto.output ?? []).map((v) => this.valueInfo(v)),
      valueInfo,
    };
  }

  /** The NodeProto in file bytes [start, end), read at the wire level (src/onnx/decode-node.ts). */
  private node(start: number, end: number, index: number, depth: number): OnnxNode {
    // The node is read where the source holds it (no view of its bytes is made): `at` is its offset there.
    const { bytes, base } = spanOf(this.source, start, end - start);
    const at = start - base;
    const fields = this.nodeReader;
    try {
      fields.read(bytes, at, at + end - start);
    } catch (error) {
      throw asCorrupt(error, this.path, 'NodeProto', base);
    }
    const opType = fields.opType;
    if (!opType) throw new ModelLoadError(this.path, `node #${index} has no op_type`);
    // Before its attributes, whose subgraphs' nodes are read with the same reader.
    if (depth === 0) this.recordTopNode(fields);
    return {
      name: fields.name || `${opType}_${index}`,
      opType,
      domain: normaliseDomain(fields.domain),
      inputs: fields.inputs,
      outputs: fields.outputs,
      attributes: this.attributes(bytes, at, start, depth),
    };
  }

  /**
   * The attributes of the node just read, whose bytes start at `at` of `bytes` and at `start` in the
   * file. Small sets without subgraphs are decoded once and shared by every node that has the same bytes.
   */
  private attributes(
    bytes: Buffer,
    at: number,
    start: number,
    depth: number,
  ): ReadonlyMap<string, AttributeValue> {
    const { attributes: spanRanges, attributeCount: count } = this.nodeReader;
    if (count === 0) return NO_ATTRIBUTES;
    let size = 0;
    for (let i = 0; i < count * 2; i += 2) size += spanRanges[i + 1]! - spanRanges[i]!;
    const shared = size <= MAX_SHARED_ATTRIBUTE_BYTES;
    if (shared) {
      const known = this.attributeSets.get(bytes, spanRanges, count);
      if (known) return known;
    }
    // Decoded from the node's own bytes (offsets from its start, as errors report them), with its
    // ranges copied out: a subgraph's nodes are read by the same reader.
    const node = bytes.subarray(at);
    const ranges = spanRanges.slice(0, count * 2).map((offset) => offset - at);
    const attributes = new Map<string, AttributeValue>();
    let hasGraph = false;
    try {
      for (let i = 0; i < ranges.length; i += 2) {
        const [name, value] = this.attribute(node, ranges[i]!, ranges[i + 1]!, start, depth);
        hasGraph ||= value.kind === 'graph' || value.kind === 'graphs';
        attributes.set(name, value);
      }
    } catch (error) {
      throw asCorrupt(error, this.path, 'NodeProto', start);
    }
    if (shared && !hasGraph) this.attributeSets.set(node, ranges, count, attributes);
    return attributes;
  }

  /** An AttributeProto in bytes [start, end); its subgraphs (fields g, graphs) are read by the walker. */
  private attribute(
    bytes: Uint8Array,
    start: number,
    end: number,
    base: number,
    depth: number,
  ): [string, AttributeValue] {
    let graph: Range | undefined;
    const graphs: Range[] = [];
    const rest: Uint8Array[] = [];
    forEachField(bytes, start, end, (number, wireType, from, to, tagStart) => {
      const range = { start: base + from, end: base + to };
      if (number === 6 && wireType === 2) graph = range;
      else if (number === 11 && wireType === 2) graphs.push(range);
      else rest.push(bytes.subarray(tagStart, to));
    });
    const whole = graph === undefined && graphs.length === 0;
    const a = decodeMessage(
      'AttributeProto',
      whole ? bytes.subarray(start, end) : Buffer.concat(rest),
    ) as unknown as PAttribute;
    const type = a.type ?? (graph ? 5 : inferAttributeType(a));
    return [a.name ?? '', this.attributeValue(a, type, graph, graphs, depth)];
  }

  private attributeValue(
    a: PAttribute,
    type: number,
    graph: Range | undefined,
    graphs: readonly Range[],
    depth: number,
  ): AttributeValue {
    switch (type) {
      case 1:
        return { kind: 'float', value: a.f ?? 0 };
      case 2:
        return { kind: 'int', value: int(a.i ?? 0) };
      case 3:
        return { kind: 'string', value: Buffer.from(a.s ?? new Uint8Array()).toString('utf8') };
      case 4:
        return { kind: 'tensor', value: this.constantTensor(a.t ?? {}) };
      case 5:
        return { kind: 'graph', value: this.subgraph(graph, depth + 1) };
      case 6:
        return { kind: 'floats', value: a.floats ?? [] };
      case 7:
        return { kind: 'ints', value: (a.ints ?? []).map(int) };
      case 8:
        return { kind: 'strings', value: (a.strings ?? []).map((s) => Buffer.from(s).toString('utf8')) };
      case 9:
        return { kind: 'tensors', value: (a.tensors ?? []).map((t) => this.constantTensor(t)) };
      case 10:
        return { kind: 'graphs', value: graphs.map((g) => this.subgraph(g, depth + 1)) };
      default:
        return { kind: 'other', type };
    }
  }

  /** Constant-node and attribute tensors count as weights only when the graph uses them so (kernels decide). */
  private constantTensor(proto: PTensor): TensorInfo {
    return this.tensor(proto, 'constant');
  }

  private valueInfo(v: PValueInfo): ValueInfo {
    const name = v.name ?? '';
    const t = v.type;
    const tensor = t?.tensorType ?? t?.sparseTensorType;
    if (!tensor) {
      const kind = t?.sequenceType
        ? 'sequence'
        : t?.mapType
          ? 'map'
          : t?.optionalType
            ? 'optional'
            : 'unknown';
      return { name, dataType: DataType.UNDEFINED, nonTensor: kind };
    }
    const dataType = (tensor.elemType ?? 0) as DataType;
    if (!tensor.shape) return { name, dataType };
    const shape: Dim[] = (tensor.shape.dim ?? []).map((d) => {
      if (d.dimParam) return d.dimParam;
      if (Object.prototype.hasOwnProperty.call(d, 'dimValue') && d.dimValue !== undefined) {
        const n = int(d.dimValue);
        if (n >= 0) return n;
      }
      this.unnamedDims += 1;
      return `?${this.unnamedDims}`;
    });
    return { name, dataType, shape };
  }
}
