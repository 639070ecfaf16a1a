import { bufferSource, type ByteSource } from '../onnx/source.js';
import { ModelLoadError } from '../onnx/types.js';
import {
  FlatBufferReader,
  SCALAR_BYTES,
  halfToNumber,
  readScalar,
  type ScalarKind,
  type TableLocation,
} from './flatbuffer.js';
import {
  FILE_IDENTIFIER,
  ROOT_TYPE,
  enumName,
  fieldDef,
  tableDef,
  unionMember,
  type FieldDef,
  type FieldType,
  type TableDef,
} from './schema.js';
import type {
  TfliteBuffer,
  TfliteModel,
  TfliteOperator,
  TfliteQuantization,
  TfliteSignature,
  TfliteSubgraph,
  TfliteTensor,
} from './types.js';

/** Tensors with at most this many elements keep their values (as in the ONNX decoder). */
export const MAX_KEPT_ELEMENTS = 4096;
/** Operators plus tensors over all subgraphs beyond which a model is refused before decoding them. */
export const MAX_GRAPH_ITEMS = 10_000_000;
/** Nesting bound for tables inside options tables. */
const MAX_OPTIONS_DEPTH = 8;

/** Element types whose small constant tensors keep their values, with their stored width. */
const VALUE_TYPES: Readonly<Record<string, { kind: ScalarKind | 'float16'; bytes: number }>> = {
  float32: { kind: 'float32', bytes: 4 },
  float16: { kind: 'float16', bytes: 2 },
  int32: { kind: 'int32', bytes: 4 },
  int64: { kind: 'int64', bytes: 8 },
  int16: { kind: 'int16', bytes: 2 },
  int8: { kind: 'int8', bytes: 1 },
  uint8: { kind: 'uint8', bytes: 1 },
  bool: { kind: 'bool', bytes: 1 },
};

/** Decodes a TFLite flatbuffer held in memory. */
export function decodeTfliteBytes(bytes: Uint8Array, path: string): TfliteModel {
  return decodeTfliteSource(bufferSource(bytes), path);
}

/**
 * Decodes a TFLite (LiteRT) flatbuffer into the immutable IR of ./types.ts. Only the tables are read:
 * weight buffers are located (offset, length) without reading their bytes, except the buffers of small
 * constant tensors (at most 4,096 elements), whose values are kept. Every offset is checked; a malformed
 * file is a ModelLoadError naming `path`.
 */
export function decodeTfliteSource(source: ByteSource, path: string): TfliteModel {
  const fb = new FlatBufferReader(source, path);
  if (fb.size < 8 || ascii(fb.bytes(4, 4)) !== FILE_IDENTIFIER) {
    throw new ModelLoadError(path, `not a TFLite flatbuffer (no ${FILE_IDENTIFIER} identifier)`);
  }
  return new Decoder(fb, path).model();
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** A table of the file read through its schema definition: fields are looked up by name. */
class View {
  constructor(
    readonly fb: FlatBufferReader,
    readonly def: TableDef,
    readonly loc: TableLocation,
  ) {}

  static open(fb: FlatBufferReader, def: TableDef, pos: number, what: string): View {
    return new View(fb, def, fb.table(pos, what));
  }

  position(field: FieldDef): number | undefined {
    return this.fb.field(this.loc, field.id);
  }

  has(name: string): boolean {
    return this.position(fieldDef(this.def, name)) !== undefined;
  }

  /** A scalar or enum field as a number (bool as 0/1), its default when absent. */
  number(name: string): number {
    return Number(this.scalar(fieldDef(this.def, name)));
  }

  bool(name: string): boolean {
    return this.number(name) !== 0;
  }

  scalar(field: FieldDef): number | boolean {
    const kind = scalarKind(field.type);
    const pos = this.position(field);
    if (pos === undefined) return field.default ?? 0;
    return this.fb.scalar(kind, pos);
  }

  string(name: string): string | undefined {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    return pos === undefined ? undefined : this.fb.string(pos, `the string ${this.def.name}.${name}`);
  }

  /** A vector of scalars or enums, as numbers; undefined when absent. */
  numbers(name: string): number[] | undefined {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    if (pos === undefined) return undefined;
    if (field.type.kind !== 'vector') throw new Error(`${this.def.name}.${name} is not a vector`);
    const kind = scalarKind(field.type.element);
    const what = `the vector ${this.def.name}.${name}`;
    return this.fb.numbers(this.fb.vector(pos, SCALAR_BYTES[kind], what), kind, what);
  }

  /** A vector of tables; undefined when absent. */
  tables(name: string): View[] | undefined {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    if (pos === undefined) return undefined;
    const def = tableDef(tableName(field.type.kind === 'vector' ? field.type.element : field.type));
    const what = `the vector ${this.def.name}.${name}`;
    const positions = this.fb.tablePositions(this.fb.vector(pos, 4, what), what);
    return positions.map((p) => View.open(this.fb, def, p, `a ${def.name} table`));
  }

  /** Number of elements of a vector field, without reading them (0 when absent). */
  vectorLength(name: string): number {
    const pos = this.position(fieldDef(this.def, name));
    return pos === undefined ? 0 : this.fb.vector(pos, 4, `the vector ${this.def.name}.${name}`).length;
  }

  table(name: string): View | undefined {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    if (pos === undefined) return undefined;
    const def = tableDef(tableName(field.type));
    return View.open(
      this.fb,
      def,
      this.fb.deref(pos, `the table ${this.def.name}.${name}`),
      `a ${def.name} table`,
    );
  }

  /** A union field: its member index, member table name (when the schema knows it) and table. */
  union(name: string): { index: number; member?: string; view?: View } {
    const field = fieldDef(this.def, name);
    if (field.type.kind !== 'union' || field.typeId === undefined) {
      throw new Error(`${this.def.name}.${name} is not a union`);
    }
    const typePos = this.fb.field(this.loc, field.typeId);
    const index = typePos === undefined ? 0 : this.fb.u8(typePos);
    if (index === 0) return { index };
    const member = unionMember(field.type.union, index);
    const pos = this.position(field);
    if (member === undefined || pos === undefined)
      return member === undefined ? { index } : { index, member };
    const def = tableDef(member);
    const view = View.open(
      this.fb,
      def,
      this.fb.deref(pos, `the table ${this.def.name}.${name}`),
      `a ${member} table`,
    );
    return { index, member, view };
  }
}

function scalarKind(type: FieldType): ScalarKind {
  if (type.kind === 'scalar' || type.kind === 'enum') return type.scalar;
  throw new Error(`a ${type.kind} field read as a scalar`);
}

function tableName(type: FieldType): string {
  if (type.kind === 'table') return type.table;
  throw new Error(`a ${type.kind} field read as a table`);
}

interface OperatorCode {
  readonly opcode: string;
  readonly customCode?: string;
  readonly version: number;
}

class Decoder {
  private buffers: TfliteBuffer[] = [];
  private subgraphCount = 0;

  constructor(
    private readonly fb: FlatBufferReader,
    private readonly path: string,
  ) {}

  private error(problem: string): never {
    throw new ModelLoadError(this.path, problem);
  }

  model(): TfliteModel {
    const fb = this.fb;
    const model = View.open(fb, tableDef(ROOT_TYPE), fb.deref(0, 'the root table offset'), 'the model table');

    const codes = (model.tables('operator_codes') ?? []).map((c) => this.operatorCode(c));
    this.buffers = (model.tables('buffers') ?? []).map((b, i) => this.buffer(b, i));

    const subgraphViews = model.tables('subgraphs') ?? [];
    if (subgraphViews.length === 0) this.error('the model has no subgraph');
    this.subgraphCount = subgraphViews.length;
    let operators = 0;
    let tensors = 0;
    for (const s of subgraphViews) {
      operators += s.vectorLength('operators');
      tensors += s.vectorLength('tensors');
    }
    if (operators + tensors > MAX_GRAPH_ITEMS) {
      this.error(
        `the model has ${operators} operators and ${tensors} tensors; models with more than ` +
          `${MAX_GRAPH_ITEMS.toLocaleString('en-US')} in all are refused`,
      );
    }
    const subgraphs = subgraphViews.map((s, i) => this.subgraph(s, i, codes));

    const metadata = new Map<string, number>();
    for (const m of model.tables('metadata') ?? []) {
      const name = m.string('name') ?? '';
      const buffer = m.number('buffer');
      if (buffer >= this.buffers.length) {
        this.error(`metadata ${quoted(name)} uses buffer ${buffer} of ${this.buffers.length}`);
      }
      metadata.set(name, buffer);
    }
    const signatures = (model.tables('signature_defs') ?? []).map((s, i) => this.signature(s, i, subgraphs));

    return {
      path: this.path,
      version: model.number('version'),
      description: model.string('description') ?? '',
      subgraphs,
      buffers: this.buffers,
      signatures,
      metadata,
      fileBytes: fb.size,
      weightBytes: this.buffers.reduce((sum, b) => sum + b.length, 0),
    };
  }

  private operatorCode(c: View): OperatorCode {
    // TFLite's rule (schema_utils.cc GetBuiltinCode): the larger of the two fields, since old files
    // only have the one-byte deprecated field and new ones write both.
    const code = Math.max(c.number('builtin_code'), c.number('deprecated_builtin_code'));
    const opcode = enumName('BuiltinOperator', code) ?? `BUILTIN_${code}`;
    const customCode = c.string('custom_code');
    const version = c.number('version');
    return customCode === undefined ? { opcode, version } : { opcode, customCode, version };
  }

  private buffer(b: View, index: number): TfliteBuffer {
    const dataPos = b.position(fieldDef(b.def, 'data'));
    if (dataPos !== undefined) {
      const v = this.fb.vector(dataPos, 1, `the data of buffer ${index}`, true);
      if (v.length > 0) return { offset: v.start, length: v.length, external: false };
    }
    const offset = b.number('offset');
    const size = b.number('size');
    if (offset > 1) {
      if (offset + size > this.fb.size) {
        this.fb.fail(
          `buffer ${index} (${size} bytes outside the flatbuffer) runs past the end of the file`,
          offset,
        );
      }
      return { offset, length: size, external: true };
    }
    return { length: 0, external: false };
  }

  private subgraph(s: View, index: number, codes: readonly OperatorCode[]): TfliteSubgraph {
    const name = s.string('name') ?? '';
    const tensors = (s.tables('tensors') ?? []).map((t, i) => this.tensor(t, i, index));
    const count = tensors.length;
    const checked = (list: number[] | undefined, role: string): number[] => {
      const out = list ?? [];
      for (const t of out) {
        if (t < 0 || t >= count) this.error(`subgraph ${index} ${role} tensor ${t} of ${count}`);
      }
      return out;
    };
    const inputs = checked(s.numbers('inputs'), 'has the input');
    const outputs = checked(s.numbers('outputs'), 'has the output');
    const operators = (s.tables('operators') ?? []).map((o, i) => this.operator(o, i, index, count, codes));
    return { index, name, tensors, inputs, outputs, operators };
  }

  private tensor(t: View, index: number, subgraph: number): TfliteTensor {
    const shape = t.numbers('shape') ?? [];
    const typeCode = t.number('type');
    const type = enumName('TensorType', typeCode)?.toLowerCase() ?? `type_${typeCode}`;
    const buffer = t.number('buffer');
    const name = t.string('name') ?? '';
    if (buffer >= this.buffers.length && buffer !== 0) {
      this.error(
        `tensor ${index} (${quoted(name)}) of subgraph ${subgraph} uses buffer ${buffer} of ${this.buffers.length}`,
      );
    }
    const sparse = t.has('sparsity');
    const quantization = this.quantization(t.table('quantization'));
    const shapeSignature = t.numbers('shape_signature');
    const values = sparse ? undefined : this.values(type, shape, this.buffers[buffer]);
    return {
      index,
      name,
      type,
      shape,
      ...(shapeSignature ? { shapeSignature } : {}),
      buffer,
      ...(quantization ? { quantization } : {}),
      isVariable: t.bool('is_variable'),
      sparse,
      ...(values ? { values } : {}),
    };
  }

  private quantization(q: View | undefined): TfliteQuantization | undefined {
    if (!q) return undefined;
    const scale = q.numbers('scale') ?? [];
    const zeroPoint = q.numbers('zero_point') ?? [];
    const min = q.numbers('min');
    const max = q.numbers('max');
    const details = q.union('details');
    const custom =
      details.index === 0 ? undefined : (details.member ?? `QuantizationDetails_${details.index}`);
    const hasMin = min !== undefined && min.length > 0;
    const hasMax = max !== undefined && max.length > 0;
    if (scale.length === 0 && zeroPoint.length === 0 && !hasMin && !hasMax && custom === undefined)
      return undefined;
    return {
      scale,
      zeroPoint,
      axis: q.number('quantized_dimension'),
      ...(hasMin ? { min } : {}),
      ...(hasMax ? { max } : {}),
      ...(custom !== undefined ? { custom } : {}),
    };
  }

  /** Values of a small constant tensor whose buffer holds exactly its elements; undefined otherwise. */
  private values(
    type: string,
    shape: readonly number[],
    buffer: TfliteBuffer | undefined,
  ): number[] | undefined {
    const layout = VALUE_TYPES[type];
    if (!layout || !buffer || buffer.offset === undefined || buffer.length === 0) return undefined;
    let elements = 1;
    for (const d of shape) {
      if (d < 0) return undefined;
      elements *= d;
      if (elements > MAX_KEPT_ELEMENTS) return undefined;
    }
    if (buffer.length !== elements * layout.bytes) return undefined;
    const bytes = this.fb.bytes(buffer.offset, buffer.length, 'a constant tensor');
    const out = new Array<number>(elements);
    for (let k = 0; k < elements; k++) {
      const at = k * layout.bytes;
      out[k] =
        layout.kind === 'float16'
          ? halfToNumber(bytes[at]! | (bytes[at + 1]! << 8))
          : Number(readScalar(layout.kind, bytes, at));
    }
    return out;
  }

  private operator(
    o: View,
    index: number,
    subgraph: number,
    tensorCount: number,
    codes: readonly OperatorCode[],
  ): TfliteOperator {
    const opcodeIndex = o.number('opcode_index');
    const code = codes[opcodeIndex];
    if (!code) {
      this.error(
        `operator ${index} in subgraph ${subgraph} uses operator code ${opcodeIndex} of ${codes.length}`,
      );
    }
    const where = `operator ${index} (${code.opcode}) in subgraph ${subgraph}`;
    const checked = (list: number[] | undefined, verb: string): number[] => {
      const out = list ?? [];
      for (const t of out) {
        if (t < -1 || t >= tensorCount) this.error(`${where} ${verb} tensor ${t} of ${tensorCount}`);
      }
      return out;
    };
    const inputs = checked(o.numbers('inputs'), 'reads');
    const outputs = checked(o.numbers('outputs'), 'writes');
    const intermediates = checked(o.numbers('intermediates'), 'uses the intermediate');

    let union = o.union('builtin_options');
    if (union.index === 0) union = o.union('builtin_options_2');
    const optionsType = union.member;
    const options = optionsType ? decodeTable(tableDef(optionsType), union.view, 0) : {};
    if (optionsType) this.checkSubgraphRefs(options, where);

    return {
      index,
      opcode: code.opcode,
      ...(code.customCode !== undefined ? { customCode: code.customCode } : {}),
      version: code.version,
      inputs,
      outputs,
      intermediates,
      ...(optionsType ? { optionsType } : {}),
      options,
    };
  }

  /** Subgraph indices in options (WHILE, IF, CALL, CALL_ONCE, StableHLO regions) must name a subgraph. */
  private checkSubgraphRefs(options: Readonly<Record<string, unknown>>, where: string): void {
    for (const [field, value] of Object.entries(options)) {
      if (!(field === 'subgraph' || field.endsWith('subgraph_index') || field === 'called_computations'))
        continue;
      for (const s of Array.isArray(value) ? value : [value]) {
        if (typeof s === 'number' && (s < 0 || s >= this.subgraphCount)) {
          this.error(`${where} refers to subgraph ${s} (${field}) of ${this.subgraphCount}`);
        }
      }
    }
  }

  private signature(s: View, index: number, subgraphs: readonly TfliteSubgraph[]): TfliteSignature {
    const key = s.string('signature_key') ?? '';
    const subgraph = s.number('subgraph_index');
    const target = subgraphs[subgraph];
    if (!target)
      this.error(`signature ${index} (${quoted(key)}) uses subgraph ${subgraph} of ${subgraphs.length}`);
    const maps = (name: string) =>
      (s.tables(name) ?? []).map((m) => {
        const alias = m.string('name') ?? '';
        const tensor = m.number('tensor_index');
        if (tensor >= target.tensors.length) {
          this.error(
            `signature ${index} (${quoted(key)}) maps ${quoted(alias)} to tensor ${tensor} of ${target.tensors.length} ` +
              `in subgraph ${subgraph}`,
          );
        }
        return { name: alias, tensor };
      });
    return { key, subgraph, inputs: maps('inputs'), outputs: maps('outputs') };
  }
}

/**
 * Every non-deprecated field of an options table by its schema name, defaults applied when absent
 * (`view` undefined: all defaults): enums by member name, vectors as arrays, nested tables as objects.
 */
function decodeTable(def: TableDef, view: View | undefined, depth: number): Record<string, unknown> {
  if (depth > MAX_OPTIONS_DEPTH && view)
    view.fb.fail(`options nested deeper than ${MAX_OPTIONS_DEPTH}`, view.loc.pos);
  const out: Record<string, unknown> = {};
  for (const field of def.fields) {
    if (field.deprecated) continue;
    const value = decodeField(field, view, depth);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

function decodeField(field: FieldDef, view: View | undefined, depth: number): unknown {
  const type = field.type;
  if (type.kind === 'scalar' || type.kind === 'enum') {
    const value = view ? view.scalar(field) : (field.default ?? 0);
    if (type.kind === 'enum') return enumName(type.enum, Number(value)) ?? Number(value);
    return type.scalar === 'bool' ? Boolean(value) : value;
  }
  const pos = view?.position(field);
  switch (type.kind) {
    case 'string':
      return view && pos !== undefined ? view.string(field.name) : '';
    case 'table': {
      if (!view || pos === undefined) return undefined;
      const nested = view.table(field.name)!;
      return decodeTable(nested.def, nested, depth + 1);
    }
    case 'union': {
      if (!view) return undefined;
      const u = view.union(field.name);
      return u.member && u.view
        ? { type: u.member, ...decodeTable(u.view.def, u.view, depth + 1) }
        : undefined;
    }
    case 'struct':
      return undefined; // the TFLite schema has no structs
    case 'vector': {
      if (!view || pos === undefined) return [];
      const element = type.element;
      if (element.kind === 'scalar' || element.kind === 'enum') {
        const what = `the vector ${view.def.name}.${field.name}`;
        const v = view.fb.vector(pos, SCALAR_BYTES[element.scalar], what);
        const values = view.fb.scalars(v, element.scalar, what);
        return element.kind === 'enum'
          ? values.map((n) => enumName(element.enum, Number(n)) ?? Number(n))
          : values;
      }
      if (element.kind === 'string') {
        const what = `the vector ${view.def.name}.${field.name}`;
        const v = view.fb.vector(pos, 4, what);
        return Array.from({ length: v.length }, (_, k) => view.fb.string(v.start + 4 * k, what));
      }
      if (element.kind === 'table')
        return (view.tables(field.name) ?? []).map((t) => decodeTable(t.def, t, depth + 1));
      return [];
    }
  }
}

/** A name read from the file, fit for a one-line message: control characters escaped, cut to 64 chars. */
function quoted(name: string): string {
  const cut = name.length > 64 ? `${name.slice(0, 61)}...` : name;
  return JSON.stringify(cut);
}
