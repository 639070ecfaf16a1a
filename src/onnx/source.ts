import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';
import { ModelLoadError } from './types.js';

/**
 * Random access to the bytes of a model. A file is read through positional reads only where the
 * decoder asks, so weight payloads are skipped without ever being read into memory.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes [offset, offset + length). May return a view into shared memory: never mutate it. */
  read(offset: number, length: number): Uint8Array;
  /**
   * Bytes [offset, offset + length) where they already are, with no view made (see spanOf): the
   * decoder reads millions of small fields, and a Buffer view for each was much of its garbage.
   */
  span?(offset: number, length: number): Span;
  close(): void;
}

/**
 * Bytes of a source in place: the source's byte `offset` is `bytes[offset - base]`. `bytes` may hold
 * more than was asked for (read only the range asked); the span is the source's own, overwritten by
 * its next call, so copy `bytes` and `base` out before calling the source again. Never mutate it.
 */
export interface Span {
  readonly bytes: Buffer;
  readonly base: number;
}

/** Bytes [offset, offset + length) of `source` in place, or a view of them where it cannot say. */
export function spanOf(source: ByteSource, offset: number, length: number): Span {
  if (source.span) return source.span(offset, length);
  const bytes = source.read(offset, length);
  return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), base: offset };
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  const whole: Span = { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), base: 0 };
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, offset + length),
    span: () => whole,
    close: () => undefined,
  };
}

const GZIP_MAGIC = [0x1f, 0x8b];
const gunzipAsync = promisify(gunzip);
/** The largest output chunk allocated up front for an async gunzip. */
const MAX_SINGLE_CHUNK = 512 * 1024 * 1024;
/** Gzip'd models are inflated in memory; this bounds how large they may get. */
const MAX_GUNZIPPED_BYTES = 2 ** 31 - 1;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** The model bytes, inflated when gzip'd; corrupt or truncated gzip data is a ModelLoadError naming `path`. */
export function inflateModel(bytes: Uint8Array, path: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(path, `corrupt or truncated gzip data (${reason})`, { cause: error });
  }
}

/**
 * inflateModel off the main thread (zlib's thread pool), so several models decompress at once while
 * the main thread analyses others. Same result and errors as inflateModel.
 */
export async function inflateModelAsync(bytes: Uint8Array, path: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    // An output chunk as large as the size the gzip trailer gives (ISIZE) makes zlib hand back one
    // buffer, never thousands of 16 KiB chunks concatenated at the end; a wrong ISIZE only costs that.
    const isize =
      bytes.length >= 18
        ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4)
        : 0;
    const chunkSize = Math.min(Math.max(isize + 1, 64 * 1024), MAX_SINGLE_CHUNK);
    return await gunzipAsync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES, chunkSize });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(path, `corrupt or truncated gzip data (${reason})`, { cause: error });
  }
}

/**
 * Opens a model file; a gzip'd file (fixtures, archived models) is inflated in memory. Errors reading
 * the file are thrown as they come (the caller names the file); bad gzip data is a ModelLoadError.
 */
export function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  let gzipped: Buffer | undefined;
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(2, size));
    readSync(fd, head, 0, head.length, 0);
    if (!isGzip(head)) return new FileByteSource(fd, size);
    gzipped = Buffer.alloc(size);
    readSync(fd, gzipped, 0, size, 0);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  closeSync(fd);
  return bufferSource(inflateModel(gzipped, path));
}

/** Small reads (tags, lengths, node messages) are served from one cached window of the file. */
const WINDOW_BYTES = 1 << 16;

class FileByteSource implements ByteSource {
  private closed = false;
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  /** What span() returns, updated in place. */
  private readonly out = { bytes: this.window, base: 0 };

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  read(offset: number, length: number): Uint8Array {
    const { bytes, base } = this.span(offset, length);
    return bytes.subarray(offset - base, offset - base + length);
  }

  span(offset: number, length: number): Span {
    const inWindow = offset >= this.windowStart && offset + length <= this.windowStart + this.window.length;
    if (!inWindow && length <= WINDOW_BYTES / 4) {
      this.window = this.readDirect(offset, WINDOW_BYTES);
      this.windowStart = offset;
    } else if (!inWindow) {
      this.out.bytes = this.readDirect(offset, length);
      this.out.base = offset;
      return this.out;
    }
    this.out.bytes = this.window;
    this.out.base = this.windowStart;
    return this.out;
  }

  private readDirect(offset: number, length: number): Buffer {
    const end = Math.min(this.size, offset + length);
    const out = Buffer.allocUnsafe(Math.max(0, end - offset));
    let done = 0;
    while (done < out.length) {
      const n = readSync(this.fd, out, done, out.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done === out.length ? out : out.subarray(0, done);
  }

  close(): void {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
    }
  }
}

/**
 * Opens a model file (inflating gzip), hands its bytes to `read` and closes it when `read` is done (when
 * its promise settles, if it returns one). A file that cannot be opened is a ModelLoadError naming it.
 */
export function readFileSource<T>(path: string, read: (source: ByteSource) => T): T {
  let source: ByteSource;
  try {
    source = fileSource(path);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(path, `cannot read the file (${why})`, { cause: error });
  }
  let result: T;
  try {
    result = read(source);
  } catch (error) {
    source.close();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => source.close()) as T;
  source.close();
  return result;
}
