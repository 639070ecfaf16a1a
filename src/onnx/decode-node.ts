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

/** One string per distinct text, for the names a model repeats. */
export class Interner {
  private readonly table = new Map<string, string>();

  intern(text: string): string {
    const known = this.table.get(text);
    if (known !== undefined) return known;
    this.table.set(text, text);
    return text;
  }
}

/** A wire-format error; the decoder reports it as a corrupt model. */
export class WireError extends Error {}

/**
 * Calls `each` for the fields of the message in bytes [start, end). Varints, fixed-size and
 * length-delimited fields; groups (wire types 3, 4) are refused, as the graph walker refuses them.
 */
export function forEachField(
  bytes: Uint8Array,
  start: number,
  end: number,
  each: (number: number, wireType: number, start: number, end: number, tagStart: number) => void,
): void {
  let pos = start;
  while (pos < end) {
    const tagStart = pos;
    let tag = 0;
    [tag, pos] = varint(bytes, pos, end);
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (number === 0) throw new WireError('field number 0');
    let fieldStart = pos;
    switch (wireType) {
      case 0:
        pos = skipVarint(bytes, pos, end);
        break;
      case 1:
        pos += 8;
        break;
      case 5:
        pos += 4;
        break;
      case 2: {
        let length = 0;
        [length, fieldStart] = varint(bytes, pos, end);
        pos = fieldStart + length;
        break;
      }
      default:
        throw new WireError(`unsupported wire type ${wireType}`);
    }
    if (pos > end) throw new WireError('a field runs past the end (truncated file?)');
    each(number, wireType, fieldStart, pos, tagStart);
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
      if (!Number.isSafeInteger(value)) throw new WireError('a length or tag out of range');
      return [value, i + 1];
    }
  }
  throw new WireError('a varint runs past the end (truncated file?)');
}

/** Past a varint value (int64 values of -1 take 10 bytes and are out of the safe range). */
function skipVarint(bytes: Uint8Array, pos: number, end: number): number {
  for (let i = pos; i < end && i < pos + 10; i++) if (bytes[i]! < 0x80) return i + 1;
  throw new WireError('a varint runs past the end (truncated file?)');
}

const utf8 = new TextDecoder('utf-8');
/** Strings up to this length that are plain ASCII are built without a call into the decoder. */
const SHORT_ASCII = 48;

/** The UTF-8 text of bytes [start, end). */
export function readString(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_ASCII) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    // Bounded by SHORT_ASCII, so the spread never grows with the input.
    if (ascii) return String.fromCharCode(...bytes.subarray(start, end));
  }
  return utf8.decode(bytes.subarray(start, end));
}

/** Reads a NodeProto; strings through `names`. Only the fields the IR keeps are read. */
export function readNodeFields(bytes: Uint8Array, names: Interner): NodeFields {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: number[] = [];
  let name = '';
  let opType = '';
  let domain = '';
  forEachField(bytes, 0, bytes.length, (number, wireType, start, end) => {
    if (number > 7 || number === 6) return;
    if (wireType !== 2) throw new WireError(`NodeProto field ${number} has wire type ${wireType}`);
    if (number === 5) {
      attributes.push(start, end);
      return;
    }
    // Node names are unique: interning them would only fill the table.
    if (number === 3) {
      name = readString(bytes, start, end);
      return;
    }
    const text = names.intern(readString(bytes, start, end));
    if (number === 1) inputs.push(text);
    else if (number === 2) outputs.push(text);
    else if (number === 4) opType = text;
    else domain = text;
  });
  // Copies of exact length: an array grown by push keeps room for 16 more, for each of 10^6 nodes.
  return { inputs: inputs.slice(), outputs: outputs.slice(), name, opType, domain, attributes };
}
