import type { NameNumbers } from './name-numbers.js';
import { UserError } from '../errors.js';

/**
 * The immutable, format-neutral intermediate representation of a model. Its operator vocabulary is
 * ONNX's (the widest public one): the ONNX decoder (src/onnx/decode.ts) fills it directly, the TFLite
 * reader (src/tflite/lower.ts) lowers each TFLite operator onto the ONNX operator with the same
 * arithmetic, keeping the source op's name in `sourceOp`. Everything past the readers works on these
 * types (`ModelIR` and friends are the names to use in new code; the `Onnx` prefix is historical).
 */

/** ONNX TensorProto.DataType codes. */
export enum DataType {
  UNDEFINED = 0,
  FLOAT = 1,
  UINT8 = 2,
  INT8 = 3,
  UINT16 = 4,
  INT16 = 5,
  INT32 = 6,
  INT64 = 7,
  STRING = 8,
  BOOL = 9,
  FLOAT16 = 10,
  DOUBLE = 11,
  UINT32 = 12,
  UINT64 = 13,
  COMPLEX64 = 14,
  COMPLEX128 = 15,
  BFLOAT16 = 16,
  FLOAT8E4M3FN = 17,
  FLOAT8E4M3FNUZ = 18,
  FLOAT8E5M2 = 19,
  FLOAT8E5M2FNUZ = 20,
  UINT4 = 21,
  INT4 = 22,
  FLOAT4E2M1 = 23,
}

const INTEGER_TYPES: ReadonlySet<DataType> = new Set([
  DataType.INT64,
  DataType.INT32,
  DataType.INT16,
  DataType.INT8,
  DataType.UINT64,
  DataType.UINT32,
  DataType.UINT16,
  DataType.UINT8,
  DataType.BOOL,
]);

/** Integer and bool element types: what shape arithmetic computes in (int4 and uint4 are weights, not shapes). */
export function isIntegerType(dt: DataType): boolean {
  return INTEGER_TYPES.has(dt);
}

/** Bytes per element; sub-byte types report fractions (INT4 = 0.5). Strings have no fixed size (0). */
export function bytesPerElement(dt: DataType): number {
  switch (dt) {
    case DataType.FLOAT:
    case DataType.INT32:
    case DataType.UINT32:
      return 4;
    case DataType.UINT8:
    case DataType.INT8:
    case DataType.BOOL:
    case DataType.FLOAT8E4M3FN:
    case DataType.FLOAT8E4M3FNUZ:
    case DataType.FLOAT8E5M2:
    case DataType.FLOAT8E5M2FNUZ:
      return 1;
    case DataType.UINT16:
    case DataType.INT16:
    case DataType.FLOAT16:
    case DataType.BFLOAT16:
      return 2;
    case DataType.INT64:
    case DataType.UINT64:
    case DataType.DOUBLE:
    case DataType.COMPLEX64:
      return 8;
    case DataType.COMPLEX128:
      return 16;
    case DataType.UINT4:
    case DataType.INT4:
    case DataType.FLOAT4E2M1:
      return 0.5;
    default:
      return 0;
  }
}

/**
 * A dimension: a concrete size, or a symbolic name (dim_param) not yet bound. Unknown dims without a
 * name are given a generated name ("?1", "?2"...) by the decoder so that every dim is one of the two.
 */
export type Dim = number | string;

/**
 * The values of a small constant tensor, kept for shape arithmetic (Reshape targets, Slice bounds...).
 * Integers are plain numbers (int64 values beyond 2^53 are clamped to +-Number.MAX_SAFE_INTEGER, which
 * ONNX uses as "to the end" markers in Slice), floats are numbers, strings are not kept.
 */
export type ConstValues = readonly number[];

/** Where an external-data tensor's bytes live; the file is never opened by the analyser. */
export interface ExternalData {
  /** Location as written in the model, relative to the model's folder (already validated). */
  readonly location: string;
  readonly offset: number;
  /** Byte length, from the `length` key or, when absent, from dims x element size. */
  readonly length: number;
}

/**
 * Affine quantization of a tensor (real = scale x (q - zeroPoint)): ONNX QuantizeLinear/DequantizeLinear
 * and QLinear* parameters, TFLite tensor quantization. One value per tensor, or one per channel along `axis`.
 */
export interface Quantization {
  readonly scale: readonly number[];
  readonly zeroPoint: readonly number[];
  readonly axis?: number;
}

/** An initializer, a Constant node's value, or a tensor attribute. */
export interface TensorInfo {
  readonly name: string;
  readonly dataType: DataType;
  readonly dims: readonly number[];
  /** Elements in the tensor (product of dims). */
  readonly elements: number;
  /** Bytes the data takes (inline or external). */
  readonly byteLength: number;
  /** Values, only for small numeric tensors (see MAX_KEPT_ELEMENTS in decode.ts). */
  readonly values?: ConstValues;
  readonly external?: ExternalData;
  /** Quantization parameters stored with the tensor (TFLite); ONNX keeps them in Q/DQ node inputs. */
  readonly quantization?: Quantization;
}

export type AttributeValue =
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'tensor'; readonly value: TensorInfo }
  | { readonly kind: 'graph'; readonly value: OnnxGraph }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'strings'; readonly value: readonly string[] }
  | { readonly kind: 'tensors'; readonly value: readonly TensorInfo[] }
  | { readonly kind: 'graphs'; readonly value: readonly OnnxGraph[] }
  | { readonly kind: 'other'; readonly type: number };

export interface OnnxNode {
  /** Node name; the decoder gives unnamed nodes `<op_type>_<index>` so that every node has one. */
  readonly name: string;
  readonly opType: string;
  /** "" for the default ONNX domain ("ai.onnx" is normalised to ""). */
  readonly domain: string;
  /** Input value names; "" marks an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, AttributeValue>;
  /**
   * The operator as the source format names it, when it differs from `opType`: a TFLite
   * 'CONV_2D' lowered to Conv, 'CUSTOM:Convolution2DTransposeBias', or a quantized ONNX op such as
   * 'QLinearConv' normalised to its float form.
   */
  readonly sourceOp?: string;
}

/** Element type and shape of a graph input, output or value_info entry (tensors only). */
export interface ValueInfo {
  readonly name: string;
  readonly dataType: DataType;
  /** undefined when the type carries no shape at all (rank unknown). */
  readonly shape?: readonly Dim[];
  /** Non-tensor values (sequences, maps, optionals) are kept with `nonTensor` set. */
  readonly nonTensor?: string;
  readonly quantization?: Quantization;
}

export interface OnnxGraph {
  readonly name: string;
  /** Nodes in file order (ONNX requires topological order; the graph layer checks it). */
  readonly nodes: readonly OnnxNode[];
  readonly initializers: ReadonlyMap<string, TensorInfo>;
  /** Graph inputs that are not initializers (the real inputs). */
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly valueInfo: ReadonlyMap<string, ValueInfo>;
  /** The decoder's numbers of the names its nodes read and write (indexGraph takes them). */
  readonly valueNumbers?: DecodedValueNumbers;
}

/**
 * The numbers the decoder gave the names of a graph's nodes as it read them (NameNumbers), so that
 * the graph index need not hash every name of 10^6 nodes again (GraphIndex.values).
 */
export interface DecodedValueNumbers {
  /** The nodes numbered: the numbers hold for this very array only (a graph rebuilt has none). */
  readonly nodes: readonly OnnxNode[];
  /** Each node's inputs then its outputs, in node order; -1 for an omitted value (""). */
  readonly ids: Int32Array;
  /** The numbering, by name too; it numbers other names (initializers, inputs) as they are asked. */
  readonly names: NameNumbers;
}

/** The file formats the readers understand (src/analysis/read.ts sniffs which one a file is). */
export type ModelFormat = 'onnx' | 'tflite';

export interface OnnxModel {
  /** Path the model was read from (as given by the caller). */
  readonly path: string;
  readonly format: ModelFormat;
  /**
   * Every value's shape and element type as the file states them, when the format stores them all
   * (TFLite does; its interpreter allocates from them). Then they are used as they are instead of being
   * inferred. Symbolic dims do not occur: a dynamic dim holds the size the file was converted with.
   */
  readonly declaredShapes?: ReadonlyMap<string, DeclaredShape>;
  /** Notes of the reader on what it approximated (unrolled loops, skipped init subgraphs...). */
  readonly readerNotes?: readonly string[];
  /**
   * Input dims the network leaves dynamic but the file fixes at a placeholder size of 1 (TFLite's
   * shape_signature -1 past the batch axis): the analysis is of that tiny input, and no `--dim` can
   * change it, since every shape in the file follows from it.
   */
  readonly fixedDims?: readonly FixedDim[];
  readonly irVersion: number;
  /** domain ("" for ai.onnx) -> opset version. */
  readonly opsets: ReadonlyMap<string, number>;
  readonly producer: { readonly name: string; readonly version: string };
  readonly graph: OnnxGraph;
  /** Local functions (FunctionProto), by "domain:name". Calls to them are analysed as `others`. */
  readonly functions: ReadonlySet<string>;
  /** Size of the model file in bytes. */
  readonly fileBytes: number;
  /** Bytes of initializer data (inline + external). */
  readonly weightBytes: number;
}

/** See OnnxModel.fixedDims. */
export interface FixedDim {
  readonly input: string;
  readonly axis: number;
  readonly rank: number;
  /** The input's shape as the network declares it, dynamic dims as -1: "[1, -1]". */
  readonly declared: string;
}

/** A value's element type and concrete shape as a format declares them (see OnnxModel.declaredShapes). */
export interface DeclaredShape {
  readonly dataType: DataType;
  readonly shape: readonly number[];
  readonly constant: boolean;
  readonly value?: ConstValues;
}

export type ModelIR = OnnxModel;
export type GraphIR = OnnxGraph;
export type NodeIR = OnnxNode;

/** Error raised while reading or analysing a model; the message names the file and the problem. */
export class ModelLoadError extends UserError {
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
    this.name = 'ModelLoadError';
  }
}
