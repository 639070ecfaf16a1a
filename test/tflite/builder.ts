import { enumValues, tableDef, unionMember, type FieldDef, type FieldType } from '../../src/tflite/schema.js';
import { SCALAR_BYTES } from '../../src/tflite/flatbuffer.js';

/**
 * A tiny FlatBuffers writer for tests, driven by the generated schema: `buildTflite({ ... })` writes a
 * Model from plain objects keyed by schema field names. Scalars are numbers or booleans, enums numbers
 * or member names, strings strings, vectors arrays, tables objects, unions `{ type: 'Conv2DOptions',
 * value: { ... } }`. Objects are laid out front to back (each child after its parent), so every uoffset
 * points forward as the format requires.
 */
export type Obj = { readonly [field: string]: unknown };

export function buildTflite(model: Obj, identifier = 'TFL3'): Uint8Array {
  return new Writer().build('Model', model, identifier);
}

class Writer {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private end = 0;
  private readonly pending: { at: number; write: () => number }[] = [];

  build(root: string, value: Obj, identifier: string): Uint8Array {
    this.reserve(8);
    for (let k = 0; k < 4; k++) this.view.setUint8(4 + k, identifier.charCodeAt(k));
    this.pending.push({ at: 0, write: () => this.table(root, value) });
    for (let k = 0; k < this.pending.length; k++) {
      const p = this.pending[k]!;
      const pos = p.write();
      this.view.setUint32(p.at, pos - p.at, true);
    }
    return this.buf.slice(0, this.end);
  }

  private reserve(n: number): number {
    while (this.end + n > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.end;
    this.end += n;
    return at;
  }

  private align(n: number, shift = 0): void {
    while ((this.end + shift) % n !== 0) this.reserve(1);
  }

  private later(at: number, write: () => number): void {
    this.pending.push({ at, write });
  }

  private table(name: string, value: Obj): number {
    const def = tableDef(name);
    type Entry = { slot: number; bytes: number; put: (pos: number) => void };
    const entries: Entry[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const field = def.byName.get(key);
      if (!field) throw new Error(`table ${name} has no field ${key}`);
      entries.push(...this.entriesOf(field, v));
    }
    const slots = entries.reduce((m, e) => Math.max(m, e.slot + 1), 0);
    this.align(2);
    const vtable = this.reserve(4 + 2 * slots);
    this.align(8);
    const start = this.end;
    let pos = start + 4;
    const placed: { slot: number; pos: number; e: Entry }[] = [];
    for (const e of [...entries].sort((a, b) => b.bytes - a.bytes)) {
      placed.push({ slot: e.slot, pos, e });
      pos += e.bytes;
    }
    this.reserve(pos - start);
    this.view.setInt32(start, start - vtable, true);
    this.view.setUint16(vtable, 4 + 2 * slots, true);
    this.view.setUint16(vtable + 2, pos - start, true);
    for (const p of placed) {
      this.view.setUint16(vtable + 4 + 2 * p.slot, p.pos - start, true);
      p.e.put(p.pos);
    }
    return start;
  }

  private entriesOf(
    field: FieldDef,
    v: unknown,
  ): { slot: number; bytes: number; put: (pos: number) => void }[] {
    const type = field.type;
    if (type.kind === 'union') {
      const u = v as { type: string; value: Obj };
      const members = unionIndex(type.union, u.type);
      return [
        { slot: field.typeId!, bytes: 1, put: (pos) => this.view.setUint8(pos, members) },
        { slot: field.id, bytes: 4, put: (pos) => this.later(pos, () => this.table(u.type, u.value)) },
      ];
    }
    if (type.kind === 'scalar' || type.kind === 'enum') {
      const n = type.kind === 'enum' && typeof v === 'string' ? enumNumber(type.enum, v) : Number(v);
      const bytes = SCALAR_BYTES[type.scalar];
      return [{ slot: field.id, bytes, put: (pos) => this.scalar(type.scalar, pos, n) }];
    }
    return [{ slot: field.id, bytes: 4, put: (pos) => this.later(pos, () => this.object(type, v)) }];
  }

  private object(type: FieldType, v: unknown): number {
    if (type.kind === 'string') return this.string(v as string);
    if (type.kind === 'table') return this.table(type.table, v as Obj);
    if (type.kind !== 'vector') throw new Error(`cannot write a ${type.kind}`);
    const items = v as unknown[];
    const element = type.element;
    if (element.kind === 'scalar' || element.kind === 'enum') {
      const width = SCALAR_BYTES[element.scalar];
      this.align(Math.max(4, width), 4);
      const at = this.reserve(4 + width * items.length);
      this.view.setUint32(at, items.length, true);
      items.forEach((x, k) => {
        const n = element.kind === 'enum' && typeof x === 'string' ? enumNumber(element.enum, x) : Number(x);
        this.scalar(element.scalar, at + 4 + width * k, n);
      });
      return at;
    }
    this.align(4);
    const at = this.reserve(4 + 4 * items.length);
    this.view.setUint32(at, items.length, true);
    items.forEach((x, k) => this.later(at + 4 + 4 * k, () => this.object(element, x)));
    return at;
  }

  private string(s: string): number {
    const bytes = new TextEncoder().encode(s);
    this.align(4);
    const at = this.reserve(4 + bytes.length + 1);
    this.view.setUint32(at, bytes.length, true);
    this.buf.set(bytes, at + 4);
    return at;
  }

  private scalar(kind: string, pos: number, n: number): void {
    const v = this.view;
    switch (kind) {
      case 'bool':
      case 'uint8':
        return v.setUint8(pos, n);
      case 'int8':
        return v.setInt8(pos, n);
      case 'int16':
        return v.setInt16(pos, n, true);
      case 'uint16':
        return v.setUint16(pos, n, true);
      case 'int32':
        return v.setInt32(pos, n, true);
      case 'uint32':
        return v.setUint32(pos, n, true);
      case 'int64':
        return v.setBigInt64(pos, BigInt(n), true);
      case 'uint64':
        return v.setBigUint64(pos, BigInt(n), true);
      case 'float32':
        return v.setFloat32(pos, n, true);
      case 'float64':
        return v.setFloat64(pos, n, true);
      default:
        throw new Error(`unknown scalar ${kind}`);
    }
  }
}

export function enumNumber(name: string, member: string): number {
  for (const [value, m] of enumValues(name)) if (m === member) return value;
  throw new Error(`enum ${name} has no member ${member}`);
}

function unionIndex(name: string, member: string): number {
  for (let k = 1; k < 256; k++) {
    const m = unionMember(name, k);
    if (m === member) return k;
    if (m === undefined) break;
  }
  throw new Error(`union ${name} has no member ${member}`);
}

/** A Model with one subgraph of `n` float32 tensors chained by `n` operators of `opcode` (t[i] -> t[i+1]). */
export function chainModel(n: number, opcode = 'RELU'): Obj {
  const tensors = Array.from({ length: n + 1 }, (_, i) => ({
    shape: [1, 4],
    type: 'FLOAT32',
    name: `t${i}`,
  }));
  const operators = Array.from({ length: n }, (_, i) => ({ opcode_index: 0, inputs: [i], outputs: [i + 1] }));
  const code = enumNumber('BuiltinOperator', opcode);
  return {
    version: 3,
    operator_codes: [{ builtin_code: code, deprecated_builtin_code: Math.min(code, 127), version: 1 }],
    subgraphs: [{ tensors, inputs: [0], outputs: [n], operators, name: 'main' }],
    buffers: [{}],
  };
}
