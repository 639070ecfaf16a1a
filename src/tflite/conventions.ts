/**
 * TFLite conventions the lowering relies on: element types, the NHWC layout of images and which ops
 * carry it, and how an operator is keyed (builtin name, or `CUSTOM:<custom code>`).
 */
import { DataType } from '../onnx/types.js';
import type { TfliteOperator } from './types.js';

const TENSOR_TYPES: Readonly<Record<string, DataType>> = {
  float32: DataType.FLOAT,
  float16: DataType.FLOAT16,
  float64: DataType.DOUBLE,
  bfloat16: DataType.BFLOAT16,
  int8: DataType.INT8,
  uint8: DataType.UINT8,
  int16: DataType.INT16,
  uint16: DataType.UINT16,
  int32: DataType.INT32,
  uint32: DataType.UINT32,
  int64: DataType.INT64,
  uint64: DataType.UINT64,
  bool: DataType.BOOL,
  string: DataType.STRING,
  complex64: DataType.COMPLEX64,
  complex128: DataType.COMPLEX128,
  int4: DataType.INT4,
};

export function tfliteDataType(type: string): DataType {
  return TENSOR_TYPES[type] ?? DataType.UNDEFINED;
}

/** NHWC axis -> NCHW axis. */
export const NHWC_TO_NCHW_AXIS = [0, 2, 3, 1] as const;
export const toNchw = <T>(s: readonly T[]): T[] => [s[0]!, s[3]!, s[1]!, s[2]!];

/** Ops whose image inputs and outputs share one layout: an image on one side makes the others images. */
export const LAYOUT_PRESERVING = new Set([
  'ADD',
  'SUB',
  'MUL',
  'DIV',
  'MAXIMUM',
  'MINIMUM',
  'SQUARED_DIFFERENCE',
  'POW',
  'RELU',
  'RELU6',
  'RELU_N1_TO_1',
  'RELU_0_TO_1',
  'LEAKY_RELU',
  'PRELU',
  'ELU',
  'GELU',
  'HARD_SWISH',
  'LOGISTIC',
  'TANH',
  'EXP',
  'LOG',
  'ABS',
  'NEG',
  'SQRT',
  'RSQRT',
  'SQUARE',
  'QUANTIZE',
  'DEQUANTIZE',
  'CONCATENATION',
  'PAD',
  'PADV2',
  'MIRROR_PAD',
  'CAST',
  'SPLIT',
  'SPLIT_V',
  'SOFTMAX',
  'MEAN',
  'SUM',
  'REDUCE_MAX',
  'REDUCE_MIN',
  'REDUCE_PROD',
  'LOCAL_RESPONSE_NORMALIZATION',
  'L2_NORMALIZATION',
]);

/** Ops whose first input and first output are NHWC images by definition. */
export const SPATIAL = new Set([
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'AVERAGE_POOL_2D',
  'MAX_POOL_2D',
  'L2_POOL_2D',
  'RESIZE_BILINEAR',
  'RESIZE_NEAREST_NEIGHBOR',
  'SPACE_TO_DEPTH',
  'DEPTH_TO_SPACE',
  'CUSTOM:Convolution2DTransposeBias',
  'CUSTOM:MaxPoolingWithArgmax2D',
  'CUSTOM:MaxUnpooling2D',
]);

export const opKey = (op: TfliteOperator) =>
  op.opcode === 'CUSTOM' ? `CUSTOM:${op.customCode ?? ''}` : op.opcode;
