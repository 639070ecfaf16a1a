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

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  message(message: MessageSpec, end: number): WireMessage {
    const out: WireMessage = {};
    while (this.pos < end) {
      const tag = this.varint32();
      const number = tag >>> 3;
      const wireType = tag & 7;
      const field = message.fields.get(number);
      if (!field) {
        this.skip(wireType);
        continue;
      }
      if (
        field.repeated &&
        field.scalar &&
        field.scalar !== 'string' &&
        field.scalar !== 'bytes' &&
        wireType === 2
      ) {
        const stop = this.length();
        const list = (out[field.name] as unknown[] | undefined) ?? [];
        while (this.pos < stop) list.push(this.scalar(field.scalar));
        out[field.name] = list;
        continue;
      }
      const value = field.message ? this.nested(field.message) : this.scalar(field.scalar!);
      if (field.repeated) {
        const list = out[field.name] as unknown[] | undefined;
        if (list) list.push(value);
        else out[field.name] = [value];
      } else {
        out[field.name] = value;
      }
    }
    if (this.pos > end) throw new Error('a field runs past the end of its message');
    for (const [name, value] of message.enumDefaults) if (!(name in out)) out[name] = value;
    return out;
  }

  private nested(name: string): WireMessage {
    const end = this.length();
    return this.message(spec(name), end);
  }

  private scalar(kind: Scalar): unknown {
    switch (kind) {
      case 'string':
        return utf8.decode(this.chunk());
      case 'bytes':
        return this.chunk();
      case 'float': {
        this.need(4);
        const v = this.view.getFloat32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case 'double': {
        this.need(8);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case 'int64':
        return this.varint64(true);
      case 'uint64':
        return this.varint64(false);
      case 'int32':
      case 'enum':
        this.varint();
        return this.lo | 0;
    }
  }

  /** The payload of a length-delimited field, as a view (never copied). */
  private chunk(): Uint8Array {
    const end = this.length();
    const out = this.bytes.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  /** A length prefix; returns the end offset of the payload. */
  private length(): number {
    const n = this.varint32();
    const end = this.pos + n;
    if (end > this.bytes.length) throw new Error('a length runs past the end of the bytes');
    return end;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new Error('a value runs past the end of the bytes');
  }

  /** A varint that must fit 32 bits (tags, lengths). */
  private varint32(): number {
    const v = this.varint64(false);
    if (v >= TWO_32) throw new Error('a tag or length out of range');
    return v;
  }

  /** A varint as a number: two's complement when signed (int64), rounded past 2^53. */
  private varint64(signed: boolean): number {
    this.varint();
    if (signed && this.hi & 0x80000000) return -((~this.hi >>> 0) * TWO_32 + ((~this.lo >>> 0) + 1));
    return (this.hi >>> 0) * TWO_32 + (this.lo >>> 0);
  }

  /** Reads a varint into lo and hi, its low and high 32 bits. */
  private varint(): void {
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.bytes.length) throw new Error('a varint runs past the end of the bytes');
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
    throw new Error('a varint longer than 10 bytes');
  }

  private skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.need(8);
        this.pos += 8;
        return;
      case 2:
        this.pos = this.length();
        return;
      case 5:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}
