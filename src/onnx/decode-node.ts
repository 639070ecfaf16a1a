/**
 * NodeProto read at the wire level, without protobufjs: a model of 10^6 nodes must not become 10^6
 * decoded message objects (with their arrays and strings) before it becomes the IR. Names are
 * interned, so that a value's name is one string however many nodes read it, and an op type or a
 * domain one string for the whole model.
 */

import { WireError, forEachField } from './wire.js';

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
 * One string per distinct text, for the names a model repeats. Looked up by the bytes themselves
 * (FNV-1a over them, open addressing): a name read again, as most are, makes no string and no
 * native call. Texts with non-ASCII bytes go through a Map of decoded strings instead.
 */
export class Interner {
  private readonly other = new Map<string, string>();
  private texts: (string | undefined)[] = new Array<string | undefined>(1024);
  private hashes = new Int32Array(1024);
  private size = 0;

  /** The text of UTF-8 bytes [start, end), one string per distinct text. */
  internBytes(bytes: Buffer, start: number, end: number): string {
    let hash = 0x811c9dc5 | 0;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) ascii = false;
      hash = Math.imul(hash ^ b, 16777619);
    }
    if (!ascii) {
      const text = bytes.toString('utf8', start, end);
      const known = this.other.get(text);
      if (known !== undefined) return known;
      this.other.set(text, text);
      return text;
    }
    const mask = this.texts.length - 1;
    let slot = hash & mask;
    for (;;) {
      const known = this.texts[slot];
      if (known === undefined) break;
      if (this.hashes[slot] === hash && sameAscii(known, bytes, start, end)) return known;
      slot = (slot + 1) & mask;
    }
    const text = bytes.toString('latin1', start, end);
    this.texts[slot] = text;
    this.hashes[slot] = hash;
    if (++this.size * 2 > this.texts.length) this.grow();
    return text;
  }

  private grow(): void {
    const texts = this.texts;
    const hashes = this.hashes;
    this.texts = new Array<string | undefined>(texts.length * 2);
    this.hashes = new Int32Array(texts.length * 2);
    const mask = this.texts.length - 1;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      if (text === undefined) continue;
      let slot = hashes[i]! & mask;
      while (this.texts[slot] !== undefined) slot = (slot + 1) & mask;
      this.texts[slot] = text;
      this.hashes[slot] = hashes[i]!;
    }
  }
}

function sameAscii(text: string, bytes: Buffer, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

/** The UTF-8 text of bytes [start, end) (latin1 for plain ASCII: the same text, decoded faster). */
export function readString(bytes: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return bytes.toString('utf8', start, end);
  return bytes.toString('latin1', start, end);
}

/** Reads a NodeProto; strings through `names`. Only the fields the IR keeps are read. */
export function readNodeFields(node: Uint8Array, names: Interner): NodeFields {
  const bytes = Buffer.isBuffer(node) ? node : Buffer.from(node.buffer, node.byteOffset, node.byteLength);
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: number[] = [];
  let name = '';
  let opType = '';
  let domain = '';
  forEachField(bytes, 0, bytes.length, (number, wireType, start, end) => {
    if (number > 7 || number === 6) return;
    if (wireType !== 2) throw new WireError(start, `NodeProto field ${number} has wire type ${wireType}`);
    if (number === 5) {
      attributes.push(start, end);
      return;
    }
    // Node names are unique: interning them would only fill the table.
    if (number === 3) {
      name = readString(bytes, start, end);
      return;
    }
    const text = names.internBytes(bytes, start, end);
    if (number === 1) inputs.push(text);
    else if (number === 2) outputs.push(text);
    else if (number === 4) opType = text;
    else domain = text;
  });
  // Copies of exact length: an array grown by push keeps room for 16 more, for each of 10^6 nodes.
  return { inputs: inputs.slice(), outputs: outputs.slice(), name, opType, domain, attributes };
}
