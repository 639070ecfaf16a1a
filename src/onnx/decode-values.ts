import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { DataType, ModelLoadError, bytesPerElement, type ConstValues } from './types.js';

/** The decoded protobuf objects as this reader sees them, and their values (ints, tensor data, domains). */

// Shapes of the decoded protobuf objects that the reader reads (wire.ts, with protobufjs' camelCase names).
export type Int64 = number | { toNumber(): number; toString(): string };
interface PDim {
  dimValue?: Int64;
  dimParam?: string;
}
interface PType {
  tensorType?: { elemType?: number; shape?: { dim?: PDim[] } };
  sequenceType?: unknown;
  mapType?: unknown;
  optionalType?: unknown;
  sparseTensorType?: { elemType?: number; shape?: { dim?: PDim[] } };
}
export interface PValueInfo {
  name?: string;
  type?: PType;
}
export interface PEntry {
  key?: string;
  value?: string;
}
export interface PTensor {
  name?: string;
  dims?: Int64[];
  dataType?: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: Int64[];
  doubleData?: number[];
  uint64Data?: Int64[];
  externalData?: PEntry[];
  dataLocation?: number;
}
export interface PAttribute {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: PTensor;
  g?: PGraph;
  floats?: number[];
  ints?: Int64[];
  strings?: Uint8Array[];
  tensors?: PTensor[];
  graphs?: PGraph[];
}
export interface PNode {
  name?: string;
  opType?: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: PAttribute[];
}
export interface PGraph {
  name?: string;
  node?: PNode[];
  initializer?: PTensor[];
  input?: PValueInfo[];
  output?: PValueInfo[];
  valueInfo?: PValueInfo[];
}
export interface PModel {
  irVersion?: Int64;
  producerName?: string;
  producerVersion?: string;
  opsetImport?: { domain?: string; version?: Int64 }[];
  functions?: { name?: string; domain?: string }[];
}

export function inferAttributeType(a: PAttribute): number {
  if (a.g) return 5;
  if (a.t) return 4;
  if (a.s && a.s.length > 0) return 3;
  if ((a.ints?.length ?? 0) > 0) return 7;
  if ((a.floats?.length ?? 0) > 0) return 6;
  if ((a.strings?.length ?? 0) > 0) return 8;
  if (a.f !== undefined && a.f !== 0) return 1;
  return 2;
}

export function normaliseDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

/** int64 values (numbers, or protobufjs' Long) as numbers, clamped to the safe range. */
export function int(v: Int64): number {
  const n = typeof v === 'number' ? v : Number(v.toString());
  if (n > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
  if (n < -Number.MAX_SAFE_INTEGER) return -Number.MAX_SAFE_INTEGER;
  return n;
}

export function tensorValues(p: PTensor, dt: DataType): ConstValues | undefined {
  const raw = p.rawData;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const size = bytesPerElement(dt);
    if (size <= 0 || size !== Math.floor(size)) return undefined;
    const n = Math.floor(raw.byteLength / size);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const o = i * size;
      switch (dt) {
        case DataType.FLOAT:
          out[i] = view.getFloat32(o, true);
          break;
        case DataType.DOUBLE:
          out[i] = view.getFloat64(o, true);
          break;
        case DataType.INT64:
          out[i] = clampBig(view.getBigInt64(o, true));
          break;
        case DataType.UINT64:
          out[i] = clampBig(view.getBigUint64(o, true));
          break;
        case DataType.INT32:
          out[i] = view.getInt32(o, true);
          break;
        case DataType.UINT32:
          out[i] = view.getUint32(o, true);
          break;
        case DataType.INT16:
          out[i] = view.getInt16(o, true);
          break;
        case DataType.UINT16:
          out[i] = view.getUint16(o, true);
          break;
        case DataType.INT8:
          out[i] = view.getInt8(o);
          break;
        case DataType.UINT8:
        case DataType.BOOL:
          out[i] = view.getUint8(o);
          break;
        case DataType.FLOAT16:
          out[i] = halfToNumber(view.getUint16(o, true));
          break;
        default:
          return undefined;
      }
    }
    return out;
  }
  if (p.int64Data?.length) return p.int64Data.map(int);
  if (p.uint64Data?.length) return p.uint64Data.map(int);
  if (p.floatData?.length) return p.floatData;
  if (p.doubleData?.length) return p.doubleData;
  if (p.int32Data?.length) return dt === DataType.FLOAT16 ? p.int32Data.map(halfToNumber) : p.int32Data;
  return dt === DataType.STRING ? undefined : [];
}

function clampBig(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (v < BigInt(-Number.MAX_SAFE_INTEGER)) return -Number.MAX_SAFE_INTEGER;
  return Number(v);
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/**
 * External data must stay inside the model's folder: absolute paths, `..` escapes and symbolic links
 * that lead outside are refused (a PR could otherwise point the analyser at any file on the runner).
 */
export function checkExternalLocation(modelPath: string, tensor: string, location: string): void {
  const refuse = (why: string) =>
    new ModelLoadError(
      modelPath,
      `external data of tensor '${tensor}' is refused: location '${location}' ${why}`,
    );
  if (location.includes('\0')) throw refuse('contains a NUL byte');
  if (isAbsolute(location) || /^[a-zA-Z]:[\\/]/.test(location) || location.startsWith('\\')) {
    throw refuse('is an absolute path');
  }
  const normal = normalize(location.replace(/\\/g, '/'));
  if (normal === '..' || normal.startsWith(`..${sep}`) || normal.startsWith('../')) {
    throw refuse("points outside the model's folder");
  }
  const folder = resolve(dirname(modelPath));
  const target = resolve(folder, normal);
  if (existsSync(target)) {
    const real = realpathSync(target);
    const realFolder = realpathSync(folder);
    const rel = relative(realFolder, real);
    if (rel.startsWith('..') || isAbsolute(rel))
      throw refuse("resolves (through a link) outside the model's folder");
  }
}
