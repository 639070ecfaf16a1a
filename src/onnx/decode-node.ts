/**
 * NodeProto read at the wire level, without protobufjs: a model of 10^6 nodes must not become 10^6
 * decoded message objects (with their arrays and strings) before it becomes the IR. Names are
 * interned, so that a value's name is one string however many nodes read it, and an op type or a
 * domain one string for the whole model.
 */

import { NameNumbers } from './name-numbers.js';
import { FieldCursor, WireError } from './wire.js';

/** The fields of one NodeProto; attributes as [start, end) payload ranges of the node's bytes. */
export interface NodeFields {
  readonly inputs: string[];
  readonly outputs: string[];
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  /** Start and end of each attribute's payload, in pairs, in field order. */
  readonly attributes: number[];
}

/**
 * One string per distinct text, for the names a model repeats, each with its number (NameNumbers):
 * a name read again, as most are, makes no string and no native call.
 */
export class Interner {
  readonly numbers = new NameNumbers();
  /** The number of the text internBytes last returned. */
  lastId = -1;

  /** The text of UTF-8 bytes [start, end), one string per distinct text. */
  internBytes(bytes: Buffer, start: number, end: number): string {
    const id = this.numbers.internBytes(bytes, start, end);
    this.lastId = id;
    return this.numbers.text(id)!;
  }
}

/** The UTF-8 text of bytes [start, end) (latin1 for plain ASCII: the same text, decoded faster). */
export function readString(bytes: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return bytes.toString('utf8', start, end);
  return bytes.toString('latin1', start, end);
}

/** Reads a NodeProto; strings through `names`. Only the fields the IR keeps are read. */
export function readNodeFields(node: Uint8Array, names: Interner): NodeFields {
  const bytes = Buffer.isBuffer(node) ? node : Buffer.from(node.buffer, node.byteOffset, node.byteLength);
  const reader = new NodeReader(names);
  reader.read(bytes, 0, bytes.length);
  const { inputs, outputs, name, opType, domain } = reader;
  return {
    inputs,
    outputs,
    name,
    opType,
    domain,
    attributes: reader.attributes.slice(0, reader.attributeCount * 2),
  };
}

/**
 * Reads NodeProtos one after another, reusing its cursor and scratch arrays: the decoder reads 10^6
 * nodes with one reader, and per-node closures, grown arrays and their exact-length copies were most
 * of its garbage. After read(), the fields hold that node's; inputs and outputs are its own arrays.
 */
export class NodeReader {
  inputs: string[] = [];
  outputs: string[] = [];
  name = '';
  opType = '';
  domain = '';
  /** Start and end of each attribute's payload, in pairs, in field order: the first attributeCount pairs. */
  readonly attributes: number[] = [];
  attributeCount = 0;
  private readonly field = new FieldCursor();
  private readonly inputScratch: string[] = [];
  private readonly outputScratch: string[] = [];
  /** The names' numbers (Interner.numbers), -1 for "": the first inputs.length and outputs.length. */
  readonly inputIds: number[] = [];
  readonly outputIds: number[] = [];

  constructor(private readonly names: Interner) {}

  /** Reads the NodeProto in bytes [start, end); WireError offsets are offsets of `bytes`. */
  read(bytes: Buffer, start: number, end: number): void {
    const field = this.field.reset(bytes, start, end);
    let inputCount = 0;
    let outputCount = 0;
    let attributeCount = 0;
    this.name = '';
    this.opType = '';
    this.domain = '';
    while (field.next()) {
      const number = field.number;
      if (number > 7 || number === 6) continue;
      if (field.wireType !== 2)
        throw new WireError(field.start, `NodeProto field ${number} has wire type ${field.wireType}`);
      if (number === 5) {
        this.attributes[attributeCount * 2] = field.start;
        this.attributes[attributeCount * 2 + 1] = field.end;
        attributeCount++;
        continue;
      }
      // Node names are unique: interning them would only fill the table.
      if (number === 3) {
        this.name = readString(bytes, field.start, field.end);
        continue;
      }
      const text = this.names.internBytes(bytes, field.start, field.end);
      const id = text === '' ? -1 : this.names.lastId;
      if (number === 1) {
        this.inputIds[inputCount] = id;
        this.inputScratch[inputCount++] = text;
      } else if (number === 2) {
        this.outputIds[outputCount] = id;
        this.outputScratch[outputCount++] = text;
      } else if (number === 4) this.opType = text;
      else this.domain = text;
    }
    this.inputs = exactCopy(this.inputScratch, inputCount);
    this.outputs = exactCopy(this.outputScratch, outputCount);
    this.attributeCount = attributeCount;
  }
}

/**
 * The first `count` names of `scratch`, in an array of exact length (one grown by push keeps room for
 * 16 more, for each of 10^6 nodes). Array literals for the usual counts: V8 learns that the arrays of
 * a literal outlive young-generation collections and allocates them in old space from then on, where
 * slice()'s copies are each copied twice by the collector (a third of the decoder's time was GC).
 */
function exactCopy(scratch: readonly string[], count: number): string[] {
  switch (count) {
    case 0:
      return [];
    case 1:
      return [scratch[0]!];
    case 2:
      return [scratch[0]!, scratch[1]!];
    case 3:
      return [scratch[0]!, scratch[1]!, scratch[2]!];
    default:
      return scratch.slice(0, count);
  }
}

/**
 * Values by the bytes of a node's attributes (payload ranges of one buffer), for decoded attribute
 * maps that nodes with the same bytes share. Looked up by a hash of the bytes and compared with a copy
 * of them, as Interner does: a key string built for each of 10^6 nodes was garbage.
 */
export class AttributeSets<T> {
  private readonly buckets = new Map<number, { readonly key: Uint8Array; readonly value: T }[]>();

  /** The value stored for the payloads of the first `count` (start, end) pairs of `ranges` in `bytes`. */
  get(bytes: Uint8Array, ranges: readonly number[], count: number): T | undefined {
    const bucket = this.buckets.get(attributesHash(bytes, ranges, count));
    if (!bucket) return undefined;
    for (let i = 0; i < bucket.length; i++)
      if (sameKey(bucket[i]!.key, bytes, ranges, count)) return bucket[i]!.value;
    return undefined;
  }

  set(bytes: Uint8Array, ranges: readonly number[], count: number, value: T): void {
    const hash = attributesHash(bytes, ranges, count);
    const entry = { key: keyBytes(bytes, ranges, count), value };
    const bucket = this.buckets.get(hash);
    if (bucket) bucket.push(entry);
    else this.buckets.set(hash, [entry]);
  }
}

/** FNV-1a over each payload's length and bytes (30 bits). */
function attributesHash(bytes: Uint8Array, ranges: readonly number[], count: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let r = 0; r < count * 2; r += 2) {
    const start = ranges[r]!;
    const end = ranges[r + 1]!;
    hash = Math.imul(hash ^ (end - start), 16777619);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 16777619);
  }
  // Within the small-integer range, so that a Map key is never a boxed number.
  return hash & 0x3fffffff;
}

/** The key a set is compared by: each payload's length (4 bytes) then its bytes. */
function keyBytes(bytes: Uint8Array, ranges: readonly number[], count: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let r = 0; r < count * 2; r += 2) {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(ranges[r + 1]! - ranges[r]!);
    parts.push(length, bytes.subarray(ranges[r], ranges[r + 1]));
  }
  return Buffer.concat(parts);
}

function sameKey(key: Uint8Array, bytes: Uint8Array, ranges: readonly number[], count: number): boolean {
  let k = 0;
  for (let r = 0; r < count * 2; r += 2) {
    const start = ranges[r]!;
    const length = ranges[r + 1]! - start;
    if (k + 4 + length > key.length) return false;
    const keyLength = key[k]! | (key[k + 1]! << 8) | (key[k + 2]! << 16) | (key[k + 3]! << 24);
    if (keyLength !== length) return false;
    k += 4;
    for (let i = 0; i < length; i++) if (key[k + i] !== bytes[start + i]) return false;
    k += length;
  }
  return k === key.length;
}
