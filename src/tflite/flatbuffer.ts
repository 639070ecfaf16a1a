import type { ByteSource } from '../onnx/source.js';
import { ModelLoadError } from '../onnx/types.js';

/** Scalar kinds of the FlatBuffers IDL, as named in tflite-schema.json. */
export type ScalarKind =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64';

export const SCALAR_BYTES: Readonly<Record<ScalarKind, number>> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float32: 4,
  float64: 8,
};

/** Where a vector's elements lie: `length` elements of `elementBytes` each from byte `start`. */
export interface VectorLocation {
  readonly start: number;
  readonly length: number;
  readonly elementBytes: number;
}

/** A table: its position and its vtable (position and size in bytes). */
export interface TableLocation {
  readonly pos: number;
  readonly vtable: number;
  readonly vtableBytes: number;
}

/** Small reads are served from a few cached pages of this many bytes. */
const PAGE_BYTES = 1024;
const CACHED_PAGES = 8;

const scratch = new DataView(new ArrayBuffer(8));
const utf8 = new TextDecoder('utf-8');

/**
 * A bounds-checked reader of a flatbuffer held in a ByteSource. Every offset and length is checked
 * against the size of the source before anything is read; a bad one is a ModelLoadError
 * 'corrupt TFLite flatbuffer: <what> at byte N'. Reads go to the source only for the bytes asked for, so
 * large vectors (weight buffers) are located without being read.
 *
 * Work is bounded: each element of a vector read and each table opened counts against a budget that
 * grows with the file size, so a crafted file whose tables all share one huge vector cannot make the
 * decoder quadratic.
 */
export class FlatBufferReader {
  readonly size: number;
  private work = 0;
  private readonly maxWork: number;
  private page: Uint8Array = new Uint8Array(0);
  private pageStart = 0;
  private readonly pages: { start: number; bytes: Uint8Array }[] = [];
  private nextPage = 0;

  constructor(
    private readonly source: ByteSource,
    readonly path: string,
  ) {
    this.size = source.size;
    this.maxWork = 4 * this.size + 1_000_000;
  }

  fail(what: string, at: number): never {
    throw new ModelLoadError(this.path, `corrupt TFLite flatbuffer: ${what} at byte ${at}`);
  }

  private charge(units: number, at: number): void {
    this.work += units;
    if (this.work > this.maxWork) this.fail('tables share data so often that decoding would not end', at);
  }

  /** `length` bytes from `offset`, checked to lie in the source. */
  bytes(offset: number, length: number, what = 'data'): Uint8Array {
    if (length <= PAGE_BYTES / 4) {
      const at = this.at(offset, length, what);
      return this.page.subarray(at, at + length);
    }
    this.check(offset, length, what);
    const out = this.source.read(offset, length);
    if (out.length !== length) this.fail(`${what} of ${length} bytes past the end of the file`, offset);
    return out;
  }

  private check(offset: number, length: number, what: string): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || length < 0 || offset + length > this.size) {
      this.fail(`${what} of ${length} bytes past the end of the file`, offset);
    }
  }

  /**
   * Index in `this.page` of the bytes [offset, offset + length), a small range, checked to lie in the file.
   * Small reads are served from a few cached pages (tables often share a vtable far from them), so
   * reading a field allocates nothing and a table next to a weight buffer costs one page of it.
   */
  private at(offset: number, length: number, what: string): number {
    if (offset >= this.pageStart && offset + length <= this.pageStart + this.page.length)
      return offset - this.pageStart;
    for (let k = 0; k < this.pages.length; k++) {
      const p = this.pages[k]!;
      if (offset >= p.start && offset + length <= p.start + p.bytes.length) {
        this.page = p.bytes;
        this.pageStart = p.start;
        return offset - p.start;
      }
    }
    this.check(offset, length, what);
    let start = offset - (offset % PAGE_BYTES);
    if (offset + length > start + PAGE_BYTES) start = offset;
    start = Math.max(0, Math.min(start, this.size - PAGE_BYTES));
    const bytes = this.source.read(start, Math.min(PAGE_BYTES, this.size - start));
    if (offset + length > start + bytes.length)
      this.fail(`${what} of ${length} bytes past the end of the file`, offset);
    this.pages[this.nextPage] = { start, bytes };
    this.nextPage = (this.nextPage + 1) % CACHED_PAGES;
    this.page = bytes;
    this.pageStart = start;
    return offset - start;
  }

  u8(pos: number): number {
    const i = this.at(pos, 1, 'a byte'); // before reading this.page: at() may load another page
    return this.page[i]!;
  }

  u16(pos: number): number {
    const i = this.at(pos, 2, 'a 16-bit value');
    const b = this.page;
    return b[i]! | (b[i + 1]! << 8);
  }

  u32(pos: number): number {
    const i = this.at(pos, 4, 'a 32-bit value');
    const b = this.page;
    return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
  }

  i32(pos: number): number {
    return this.u32(pos) | 0;
  }

  /** A scalar of any kind at `pos`; 64-bit integers are clamped to the safe integer range. */
  scalar(kind: ScalarKind, pos: number): number | boolean {
    const i = this.at(pos, SCALAR_BYTES[kind], 'a scalar');
    return readScalar(kind, this.page, i);
  }

  /** Follows the uoffset stored at `pos`. */
  deref(pos: number, what: string): number {
    const target = pos + this.u32(pos);
    if (target >= this.size) this.fail(`${what} points past the end of the file`, pos);
    return target;
  }

  /** Opens the table at `pos` (validating its vtable). */
  table(pos: number, what: string): TableLocation {
    this.charge(1, pos);
    const soffset = this.i32(pos);
    const vtable = pos - soffset;
    if (vtable < 0 || vtable + 4 > this.size) this.fail(`the vtable of ${what} lies outside the file`, pos);
    const vtableBytes = this.u16(vtable);
    if (vtableBytes < 4 || vtableBytes % 2 !== 0 || vtable + vtableBytes > this.size) {
      this.fail(`the vtable of ${what} has a bad size (${vtableBytes})`, vtable);
    }
    const tableBytes = this.u16(vtable + 2);
    if (tableBytes < 4 || pos + tableBytes > this.size) {
      this.fail(`${what} (${tableBytes} bytes) runs past the end of the file`, pos);
    }
    return { pos, vtable, vtableBytes };
  }

  /** Absolute position of the field in vtable slot `id`, or undefined when the field is absent. */
  field(t: TableLocation, id: number): number | undefined {
    const slot = 4 + 2 * id;
    if (slot + 2 > t.vtableBytes) return undefined;
    const voffset = this.u16(t.vtable + slot);
    return voffset === 0 ? undefined : t.pos + voffset;
  }

  /**
   * The vector whose uoffset is stored at `pos`. `payload`: the vector is data that will not be read
   * (a weight buffer), so its length is read on its own rather than with the page of bytes around it.
   */
  vector(pos: number, elementBytes: number, what: string, payload = false): VectorLocation {
    const at = this.deref(pos, what);
    let length: number;
    if (payload) {
      this.check(at, 4, what);
      length = readScalar('uint32', this.source.read(at, 4), 0) as number;
    } else {
      length = this.u32(at);
    }
    const start = at + 4;
    if (start + length * elementBytes > this.size) {
      this.fail(`${what} of ${length} elements runs past the end of the file`, at);
    }
    return { start, length, elementBytes };
  }

  /** All elements of a vector of scalars (one read of the vector's bytes). */
  scalars(v: VectorLocation, kind: ScalarKind, what: string): (number | boolean)[] {
    this.charge(v.length, v.start);
    const b = this.bytes(v.start, v.length * v.elementBytes, what);
    const width = SCALAR_BYTES[kind];
    const out = new Array<number | boolean>(v.length);
    for (let k = 0; k < v.length; k++) out[k] = readScalar(kind, b, k * width);
    return out;
  }

  /** All elements of a vector of numeric (non-bool) scalars. */
  numbers(v: VectorLocation, kind: ScalarKind, what: string): number[] {
    return this.scalars(v, kind, what).map(Number);
  }

  /** Positions of the tables of a vector of tables (each element a uoffset). */
  tablePositions(v: VectorLocation, what: string): number[] {
    this.charge(v.length, v.start);
    const b = this.bytes(v.start, v.length * 4, what);
    const out = new Array<number>(v.length);
    for (let k = 0; k < v.length; k++) {
      const at = v.start + 4 * k;
      const target =
        at + ((b[4 * k]! | (b[4 * k + 1]! << 8) | (b[4 * k + 2]! << 16) | (b[4 * k + 3]! << 24)) >>> 0);
      if (target >= this.size) this.fail(`${what} element ${k} points past the end of the file`, at);
      out[k] = target;
    }
    return out;
  }

  /** The string whose uoffset is stored at `pos` (UTF-8; the terminating zero is not checked). */
  string(pos: number, what: string): string {
    const v = this.vector(pos, 1, what);
    this.charge(v.length / 16, v.start);
    return utf8.decode(this.bytes(v.start, v.length, what));
  }
}

/** Reads one little-endian scalar of `kind` from `b` at `at`. */
export function readScalar(kind: ScalarKind, b: Uint8Array, at: number): number | boolean {
  switch (kind) {
    case 'bool':
      return b[at]! !== 0;
    case 'int8':
      return (b[at]! << 24) >> 24;
    case 'uint8':
      return b[at]!;
    case 'int16':
      return ((b[at]! | (b[at + 1]! << 8)) << 16) >> 16;
    case 'uint16':
      return b[at]! | (b[at + 1]! << 8);
    case 'int32':
      return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
    case 'uint32':
      return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    case 'int64':
    case 'uint64': {
      const lo = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
      const hiBits = b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24);
      const hi = kind === 'int64' ? hiBits : hiBits >>> 0;
      const value = hi * 2 ** 32 + lo;
      return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value));
    }
    case 'float32':
    case 'float64': {
      const n = SCALAR_BYTES[kind];
      for (let k = 0; k < n; k++) scratch.setUint8(k, b[at + k]!);
      return kind === 'float32' ? scratch.getFloat32(0, true) : scratch.getFloat64(0, true);
    }
  }
}

/** IEEE 754 half precision (little-endian bits) to a number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
