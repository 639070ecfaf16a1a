/**
 * NodeProto read at the wire level, without protobufjs: a model of 10^6 nodes must not become 10^6
 * decoded message objects (with their arrays and strings) before it becomes the IR. Names are
 * interned, so that a value's name is one string however many nodes read it, and an op type or a
 * domain one string for the whole model.
 */

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
 * The one wire walker: the graph walker reads a field's first 20 bytes (tag and length) from the
 * file and calls this; node and attribute bytes are walked with it whole (forEachField).
 */
export function fieldAt(bytes: Uint8Array, pos: number, end: number): FieldHead {
  const [tag, afterTag] = varint(bytes, pos, end);
  const number = Math.floor(tag / 8);
  const wireType = tag % 8;
  if (number === 0) throw new WireError(pos, 'field number 0');
  switch (wireType) {
    case 0:
      return { number, wireType, start: afterTag, end: skipVarint(bytes, afterTag, end) };
    case 1:
      return { number, wireType, start: afterTag, end: afterTag + 8 };
    case 5:
      return { number, wireType, start: afterTag, end: afterTag + 4 };
    case 2: {
      const [length, start] = varint(bytes, afterTag, end);
      return { number, wireType, start, end: start + length };
    }
    default:
      throw new WireError(pos, `unsupported wire type ${wireType}`);
  }
}

/** Calls `each` for the fields of the message in bytes [start, end). */
export function forEachField(
  bytes: Uint8Array,
  start: number,
  end: number,
  each: (number: number, wireType: number, start: number, end: number, tagStart: number) => void,
): void {
  let pos = start;
  while (pos < end) {
    const field = fieldAt(bytes, pos, end);
    if (field.end > end) throw new WireError(pos, 'a field runs past the end (truncated file?)');
    each(field.number, field.wireType, field.start, field.end, pos);
    pos = field.end;
  }
}

function varint(bytes: Uint8Array, pos: number, end: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = pos; i < end && i < pos + 10; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) {
      if (!Number.isSafeInteger(value)) throw new WireError(pos, 'a length or tag out of range');
      return [value, i + 1];
    }
  }
  throw new WireError(pos, 'a varint runs past the end (truncated file?)');
}

/** Past a varint value (int64 values of -1 take 10 bytes and are out of the safe range). */
function skipVarint(bytes: Uint8Array, pos: number, end: number): number {
  for (let i = pos; i < end && i < pos + 10; i++) if (bytes[i]! < 0x80) return i + 1;
  throw new WireError(pos, 'a varint runs past the end (truncated file?)');
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
