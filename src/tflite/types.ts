/**
 * A decoded TFLite (LiteRT) flatbuffer, as plain immutable data. Nothing past src/tflite/decode.ts sees
 * flatbuffer offsets; weight payloads are never copied (a buffer is a location and a length).
 * Field meanings follow the pinned schema (vendor/tflite/schema.fbs).
 */

/** TensorType names of the schema, lower-cased: 'float32', 'float16', 'int8', 'uint8', 'int16', ... */
export type TfliteTensorType = string;

export interface TfliteQuantization {
  /** Per-tensor (one value) or per-channel scales; empty when the tensor is not quantized. */
  readonly scale: readonly number[];
  readonly zeroPoint: readonly number[];
  /** The channel axis of per-channel quantization (quantized_dimension). */
  readonly axis: number;
  readonly min?: readonly number[];
  readonly max?: readonly number[];
  /** A custom quantization (details union) is present: its name, not decoded. */
  readonly custom?: string;
}

export interface TfliteTensor {
  readonly index: number;
  readonly name: string;
  readonly type: TfliteTensorType;
  /** Concrete shape as stored (the interpreter's default sizes). */
  readonly shape: readonly number[];
  /** shape_signature when present: -1 marks a dynamic dim. */
  readonly shapeSignature?: readonly number[];
  /** Index into TfliteModel.buffers; 0 is the empty sentinel buffer. */
  readonly buffer: number;
  readonly quantization?: TfliteQuantization;
  readonly isVariable: boolean;
  /** The tensor is stored sparse (sparsity parameters present); its dense shape is `shape`. */
  readonly sparse: boolean;
  /**
   * Values of a small constant tensor (a non-empty buffer of at most 4,096 elements of a numeric type),
   * dequantization not applied: Reshape targets, axes, paddings, Slice bounds. Absent otherwise.
   */
  readonly values?: readonly number[];
}

export interface TfliteBuffer {
  /** Absolute byte offset of the data in the file, or undefined when the buffer is empty. */
  readonly offset?: number;
  readonly length: number;
  /** The data lives after the flatbuffer (Buffer.offset/size, used by models over 2 GB). */
  readonly external: boolean;
}

export interface TfliteOperator {
  readonly index: number;
  /** BuiltinOperator name ('CONV_2D', 'DEPTHWISE_CONV_2D', ...) or 'CUSTOM'. */
  readonly opcode: string;
  /** custom_code of a CUSTOM op (e.g. MediaPipe's 'Convolution2DTransposeBias'). */
  readonly customCode?: string;
  readonly version: number;
  /** Tensor indices; -1 marks an omitted optional input. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly intermediates: readonly number[];
  /** builtin_options (or builtin_options_2) union member's table name, e.g. 'Conv2DOptions'. */
  readonly optionsType?: string;
  /**
   * Decoded fields of the options table by schema field name (snake_case as in schema.fbs); enums as
   * their names ('SAME', 'RELU6'), vectors as arrays, scalars as numbers/booleans. Defaults applied.
   */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface TfliteSubgraph {
  readonly index: number;
  readonly name: string;
  readonly tensors: readonly TfliteTensor[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly operators: readonly TfliteOperator[];
}

export interface TfliteSignature {
  readonly key: string;
  readonly subgraph: number;
  readonly inputs: readonly { readonly name: string; readonly tensor: number }[];
  readonly outputs: readonly { readonly name: string; readonly tensor: number }[];
}

export interface TfliteModel {
  readonly path: string;
  readonly version: number;
  readonly description: string;
  readonly subgraphs: readonly TfliteSubgraph[];
  readonly buffers: readonly TfliteBuffer[];
  readonly signatures: readonly TfliteSignature[];
  /** Metadata entries by name (buffer index), e.g. 'min_runtime_version', 'TFLITE_METADATA'. */
  readonly metadata: ReadonlyMap<string, number>;
  readonly fileBytes: number;
  /** Bytes of all non-empty buffers (weights and constants). */
  readonly weightBytes: number;
}
