import descriptor from './onnx-proto.json' with { type: 'json' };

/**
 * A protobuf decoder for the ONNX messages the reader needs, driven by the descriptor generated from
 * the pinned onnx.proto (onnx-proto.json). It yields plain objects with protobufjs' camelCase names
 * (the P* shapes of decode-values.ts), so the reader does not load protobufjs, build its reflection
 * objects or generate decoder code at start-up (`analyze` start-up time, docs/benchmarks.md).
 *
 * As protobufjs does: a field absent from the bytes is absent from the object, except an enum, which
 * reads as its first value; int64 and uint64 values are numbers (past 2^53 rounded: the reader clamps
 * them), int32 values keep their sign; repeated scalars are read packed or not; unknown fields are skipped.
 */

/** A wire-format error at `offset` of the bytes read; the decoder reports it as a corrupt model. */
export class WireError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** A field's number, wire type and payload [start, end) (a varint's or fixed value's bytes included). */
export interface FieldHead {
  readonly number: number;
  readonly wireType: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The field whose tag is at `pos`, reading no byte at or past `end`. Its `end` may lie past `end`
 * (a length that runs past the message): the caller checks. Groups (wire types 3, 4) are refused.
 */
export function fieldAt(bytes: Uint8Array, pos: number, end: number): FieldHead {
  const field = new FieldCursor().at(bytes, pos, end);
  return { number: field.number, wireType: field.wireType, start: field.start, end: field.end };
}

/** Calls `each` for the fields of the message in bytes [start, end). */
export function forEachField(
  bytes: Uint8Array,
  start: number,
  end: number,
  each: (number: number, wireType: number, start: number, end: number, tagStart: number) => void,
): void {
  const field = new FieldCursor().reset(bytes, start, end);
  while (field.next()) each(field.number, field.wireType, field.start, field.end, field.tagStart);
}

/**
 * The one wire walker. The graph walker reads a field's first 20 bytes (tag and length) from the
 * file and reads its head with `at`; node and attribute bytes are walked whole with `next`, and the
 * descriptor-driven decoder below reads every tag with `at`.
 *
 * After `at` or a `next` that returned true, the fields describe the field read. It is one mutable
 * object, reused, and varints decode into it, because a 10^6-node model walks millions of fields:
 * an object per field and a [value, position] tuple per varint were most of the decoder's garbage.
 */
export class FieldCursor implements FieldHead {
  number = 0;
  wireType = 0;
  /** Offset of the tag (the start of the whole field); the payload is [start, end). */
  tagStart = 0;
  start = 0;
  end = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private limit = 0;
  /** The position after the last varint read. */
  private after = 0;

  /** Starts a walk over the fields of the message in bytes [start, end). */
  reset(bytes: Uint8Array, start: number, end: number): this {
    this.bytes = bytes;
    this.pos = start;
    this.limit = end;
    return this;
  }

  /** Reads the next field of the walk; false past the last. A field running past the message throws. */
  next(): boolean {
    const pos = this.pos;
    if (pos >= this.limit) return false;
    this.at(this.bytes, pos, this.limit);
    if (this.end > this.limit) throw new WireError(pos, 'a field runs past the end (truncated file?)');
    this.pos = this.end;
    return true;
  }

  /** Reads the field whose tag is at `pos`, as fieldAt does (its end may lie past `end`). */
  at(bytes: Uint8Array, pos: number, end: number): this {
    const tag = this.varint(bytes, pos, end);
    const afterTag = this.after;
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (number === 0) throw new WireError(pos, 'field number 0');
    this.tagStart = pos;
    this.number = number;
    this.wireType = wireType;
    this.start = afterTag;
    switch (wireType) {
      case 0:
        this.end = skipVarint(bytes, afterTag, end);
        return this;
      case 1:
        this.end = afterTag + 8;
        return this;
      case 5:
        this.end = afterTag + 4;
        return this;
      case 2: {
        const length = this.varint(bytes, afterTag, end);
        this.start = this.after;
        this.end = this.after + length;
        return this;
      }
      default:
        throw new WireError(pos, `unsupported wire type ${wireType}`);
    }
  }

  /** The varint at `pos` (a tag or a length); the position after it goes to this.after. */
  private varint(bytes: Uint8Array, pos: number, end: number): number {
    let value = 0;
    let scale = 1;
    for (let i = pos; i < end && i < pos + 10; i++) {
      const b = bytes[i]!;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) {
        if (!Number.isSafeInteger(value)) throw new WireError(pos, 'a length or tag out of range');
        this.after = i + 1;
        return value;
      }
    }
    throw new WireError(pos, 'a varint runs past the end (truncated file?)');
  }
}

/** Past a varint value (int64 values of -1 take 10 bytes and are out of the safe range). */
function skipVarint(bytes: Uint8Array, pos: number, end: number): number {
  for (let i = pos; i < end && i < pos + 10; i++) if (bytes[i]! < 0x80) return i + 1;
  throw new WireError(pos, 'a varint runs past the end (truncated file?)');
}

interface DescriptorField {
  readonly type: string;
  readonly id: number;
  readonly rule?: string;
}
interface DescriptorNode {
  readonly fields?: Readonly<Record<string, DescriptorField>>;
  readonly values?: Readonly<Record<string, number>>;
  readonly nested?: Readonly<Record<string, DescriptorNode>>;
}

type Scalar = 'string' | 'bytes' | 'int64' | 'uint64' | 'int32' | 'float' | 'double' | 'enum';

interface FieldSpec {
  readonly name: string;
  readonly repeated: boolean;
  readonly scalar?: Scalar;
  /** For a message field: its type's full name. */
  readonly message?: string;
}

interface MessageSpec {
  readonly fields: ReadonlyMap<number, FieldSpec>;
  /** Enum fields and their first value, filled in when absent. */
  readonly enumDefaults: readonly (readonly [string, number])[];
}

export type WireMessage = Record<string, unknown>;

const SCALARS = new Set<string>(['string', 'bytes', 'int64', 'uint64', 'int32', 'float', 'double']);
const ROOT = (descriptor as DescriptorNode).nested?.['onnx'] as DescriptorNode;
const specs = new Map<string, MessageSpec>();
const utf8 = new TextDecoder();

/** Decodes `bytes` as the message `name` (e.g. 'ModelProto', 'TensorShapeProto.Dimension'). */
export function decodeMessage(name: string, bytes: Uint8Array): WireMessage {
  return new WireReader(bytes).message(spec(name), bytes.length);
}

/** The node of a full name, and the scope chain a type reference in it is looked up from. */
function lookup(name: string): { node: DescriptorNode; scopes: string[] } {
  const parts = name.split('.');
  let node: DescriptorNode | undefined = ROOT;
  for (const part of parts) node = node?.nested?.[part];
  if (!node) throw new Error(`onnx-proto.json has no type ${name}`);
  return { node, scopes: parts.map((_, i) => parts.slice(0, i + 1).join('.')) };
}

/** Resolves a type reference as protobuf does: innermost scope first, then outwards. */
function resolveType(type: string, scopes: readonly string[]): { name: string; node: DescriptorNode } {
  for (let i = scopes.length; i >= 0; i--) {
    const full = [...scopes.slice(0, i), type].join('.');
    let node: DescriptorNode | undefined = ROOT;
    for (const part of full.split('.')) node = node?.nested?.[part];
    if (node) return { name: full, node };
  }
  throw new Error(`onnx-proto.json: unknown type ${type}`);
}

function spec(name: string): MessageSpec {
  const known = specs.get(name);
  if (known) return known;
  const { node, scopes } = lookup(name);
  const fields = new Map<number, FieldSpec>();
  const enumDefaults: [string, number][] = [];
  for (const [fieldName, f] of Object.entries(node.fields ?? {})) {
    const repeated = f.rule === 'repeated';
    if (SCALARS.has(f.type)) {
      fields.set(f.id, { name: fieldName, repeated, scalar: f.type as Scalar });
      continue;
    }
    const target = resolveType(f.type, scopes);
    if (target.node.values) {
      fields.set(f.id, { name: fieldName, repeated, scalar: 'enum' });
      const first = Object.values(target.node.values)[0];
      if (!repeated && first !== undefined) enumDefaults.push([fieldName, first]);
    } else {
      fields.set(f.id, { name: fieldName, repeated, message: target.name });
    }
  }
  const made = { fields, enumDefaults };
  specs.set(name, made);
  return made;
}

const TWO_32 = 2 ** 32;

class WireReader {
  private pos = 0;
  /** The low and high 32 bits of the last varint read. */
  private lo = 0;
  private hi = 0;
  private readonly view: DataView;
  private readonly head = new FieldCursor();

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The message in bytes [this.pos, end); fields are walked by FieldCursor, values read from their payload. */
  message(message: MessageSpec, end: number): WireMessage {
    const out: WireMessage = {};
    while (this.pos < end) {
      // Copied out of the shared cursor: a nested message reads its own fields with it.
      const head = this.head.at(this.bytes, this.pos, end);
      const { start, end: fieldEnd, wireType } = head;
      if (fieldEnd > end) throw new WireError(this.pos, 'a field runs past the end of its message');
      const field = message.fields.get(head.number);
      this.pos = start;
      if (!field) {
        this.pos = fieldEnd;
        continue;
      }
      const kind = field.scalar;
      if (field.repeated && kind && kind !== 'string' && kind !== 'bytes' && wireType === 2) {
        const list = (out[field.name] as unknown[] | undefined) ?? [];
        while (this.pos < fieldEnd) list.push(this.scalar(kind, fieldEnd));
        out[field.name] = list;
        continue;
      }
      const value = field.message
        ? this.message(spec(field.message), fieldEnd)
        : kind === 'string' || kind === 'bytes'
          ? this.payload(kind, start, fieldEnd)
          : this.scalar(kind!, fieldEnd);
      this.pos = fieldEnd;
      if (field.repeated) {
        const list = out[field.name] as unknown[] | undefined;
        if (list) list.push(value);
        else out[field.name] = [value];
      } else {
        out[field.name] = value;
      }
    }
    for (const [name, value] of message.enumDefaults) if (!(name in out)) out[name] = value;
    return out;
  }

  /** A length-delimited value: text, or the bytes as a view (never copied). */
  private payload(kind: 'string' | 'bytes', start: number, end: number): unknown {
    const bytes = this.bytes.subarray(start, end);
    return kind === 'string' ? utf8.decode(bytes) : bytes;
  }

  /** A varint or fixed-width value at this.pos, within `end`. */
  private scalar(kind: Exclude<Scalar, 'string' | 'bytes'>, end: number): unknown {
    switch (kind) {
      case 'float': {
        this.need(4, end);
        const v = this.view.getFloat32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case 'double': {
        this.need(8, end);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case 'int64':
        return this.varint64(true, end);
      case 'uint64':
        return this.varint64(false, end);
      case 'int32':
      case 'enum':
        this.varint(end);
        return this.lo | 0;
    }
  }

  private need(n: number, end: number): void {
    if (this.pos + n > end) throw new WireError(this.pos, 'a value runs past the end of its field');
  }

  /** A varint as a number: two's complement when signed (int64), rounded past 2^53. */
  private varint64(signed: boolean, end: number): number {
    this.varint(end);
    if (signed && this.hi & 0x80000000) return -((~this.hi >>> 0) * TWO_32 + ((~this.lo >>> 0) + 1));
    return (this.hi >>> 0) * TWO_32 + (this.lo >>> 0);
  }

  /** Reads a 64-bit varint into lo and hi, its low and high 32 bits. */
  private varint(end: number): void {
    let lo = 0;
    let hi = 0;
    const start = this.pos;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= end) throw new WireError(start, 'a varint runs past the end of its field');
      const b = this.bytes[this.pos++]!;
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) {
        this.lo = lo;
        this.hi = hi;
        return;
      }
    }
    throw new WireError(start, 'a varint longer than 10 bytes');
  }
}
