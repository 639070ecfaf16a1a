/**
 * Each TFLite operator lowered onto the ONNX operator with the same arithmetic (the table of
 * src/tflite/lower.ts): CONV_2D -> Conv with the fused activation as its own node, FULLY_CONNECTED ->
 * Gemm, MEAN -> ReduceMean over remapped axes, fused LSTMs -> LSTM with stacked gate weights, and so on.
 * Ops with no counterpart keep their TFLite name in the domain 'tflite' (custom ops: 'tflite.custom').
 */
import { DataType } from '../onnx/types.js';
import type { AttributeValue, DeclaredShape, TensorInfo } from '../onnx/types.js';
import { opKey, tfliteDataType } from './conventions.js';
import type { TfliteModel, TfliteOperator, TfliteSubgraph, TfliteTensor } from './types.js';

export type Activation = 'NONE' | 'RELU' | 'RELU_N1_TO_1' | 'RELU6' | 'TANH' | 'SIGN_BIT';

export interface Scope {
  readonly sg: TfliteSubgraph;
  /** IR value names of this expansion's tensors, by tensor index (inputs bound by the caller). */
  readonly names: Map<number, string>;
  readonly prefix: string;
  readonly images: ReadonlySet<number>;
  /** Tensor index -> IR dims override (weights in the IR's layouts). */
  readonly weightDims: ReadonlyMap<number, readonly number[]>;
}

/** What the op table needs of the lowering: naming, emitting nodes, and the subgraph expansions. */
/** Adds one IR node lowered from `op` (attributes default to none, the domain to ONNX's). */
export type EmitNode = (
  scope: Scope,
  op: TfliteOperator,
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes?: Readonly<Record<string, AttributeValue>>,
  domain?: string,
) => void;

export interface OpLowering {
  readonly model: TfliteModel;
  readonly shapes: Map<string, DeclaredShape>;
  readonly initializers: Map<string, TensorInfo>;
  readonly notes: string[];
  name(scope: Scope, t: number): string;
  unique(base: string): string;
  tensor(scope: Scope, t: number): TfliteTensor;
  irDims(scope: Scope, t: number): readonly number[];
  axis(scope: Scope, t: number, axis: number): number;
  temp(scope: Scope, like: string, suffix: string, shape?: readonly number[]): string;
  constant(values: readonly number[], dataType: DataType, dims: readonly number[], hint: string): string;
  readonly emit: EmitNode;
  emitActivated(
    scope: Scope,
    op: TfliteOperator,
    opType: string,
    inputs: readonly string[],
    attributes?: Readonly<Record<string, AttributeValue>>,
  ): void;
  activation(scope: Scope, op: TfliteOperator, act: Activation, x: string, out: string): void;
  lowerWhile(scope: Scope, op: TfliteOperator): void;
  lowerCall(scope: Scope, op: TfliteOperator, key: 'CALL' | 'IF'): void;
}

/** Drops omitted optional inputs at the end of an input list (keeps positions of those before). */
function trailing(name: string, i: number, all: readonly string[]): boolean {
  return name !== '' || all.slice(i).some((n) => n !== '');
}

export function lowerOperator(l: OpLowering, scope: Scope, op: TfliteOperator): void {
  const key = opKey(op);
  const o = op.options;
  const inName = (i: number) => l.name(scope, op.inputs[i] ?? -1);
  const outName = (i: number) => l.name(scope, op.outputs[i] ?? -1);
  const inputs = () => op.inputs.map((t) => l.name(scope, t));
  const outputs = () => op.outputs.map((t) => l.name(scope, t));
  const int = (v: number): AttributeValue => ({ kind: 'int', value: v });
  const ints = (v: readonly number[]): AttributeValue => ({ kind: 'ints', value: v });
  const str = (v: string): AttributeValue => ({ kind: 'string', value: v });
  const num = (field: string, fallback: number) => (typeof o[field] === 'number' ? o[field] : fallback);
  const autoPad = () => str(o['padding'] === 'VALID' ? 'VALID' : 'SAME_UPPER');
  const lowerUnary = (type: string) => l.emit(scope, op, type, [inName(0)], [outName(0)]);
  const tensorShape = (i: number) => l.tensor(scope, op.inputs[i] ?? -1).shape;

  switch (key) {
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D': {
      const w = l.irDims(scope, op.inputs[1] ?? -1);
      const cin = tensorShape(0)[3] ?? 1;
      const group = key === 'DEPTHWISE_CONV_2D' ? cin : Math.max(1, Math.round(cin / (w[1] ?? cin)));
      return l.emitActivated(scope, op, 'Conv', [inName(0), inName(1), inName(2)].filter(trailing), {
        kernel_shape: ints([w[2] ?? 1, w[3] ?? 1]),
        strides: ints([num('stride_h', 1), num('stride_w', 1)]),
        dilations: ints([num('dilation_h_factor', 1), num('dilation_w_factor', 1)]),
        group: int(group),
        auto_pad: autoPad(),
      });
    }
    case 'TRANSPOSE_CONV':
    case 'CUSTOM:Convolution2DTransposeBias': {
      const [x, w, b] = key === 'TRANSPOSE_CONV' ? [2, 1, 3] : [0, 1, 2];
      const wd = l.irDims(scope, op.inputs[w] ?? -1);
      const xs = tensorShape(x);
      const ys = l.tensor(scope, op.outputs[0] ?? -1).shape;
      const stride = (a: number) => Math.max(1, Math.round((ys[a] ?? 1) / (xs[a] ?? 1)));
      return l.emitActivated(scope, op, 'ConvTranspose', [inName(x), inName(w), inName(b)].filter(trailing), {
        kernel_shape: ints([wd[2] ?? 1, wd[3] ?? 1]),
        strides: ints([num('stride_h', stride(1)), num('stride_w', stride(2))]),
        auto_pad: autoPad(),
      });
    }
    case 'FULLY_CONNECTED': {
      const x = inName(0);
      const wShape = tensorShape(1);
      const k = wShape[1] ?? 1;
      const xs = l.shapes.get(x)?.shape ?? [];
      const rows = xs.reduce((a, b) => a * b, 1) / k;
      let a = x;
      if (xs.length !== 2 && Number.isInteger(rows)) {
        a = l.temp(scope, x, 'rows', [rows, k]);
        l.emit(scope, op, 'Reshape', [x, l.constant([rows, k], DataType.INT64, [2], a)], [a]);
      }
      const out = outName(0);
      const outShape = l.shapes.get(out)?.shape ?? [];
      const n = wShape[0] ?? 1;
      if (outShape.length === 2) {
        return l.emitActivated(scope, op, 'Gemm', [a, inName(1), inName(2)].filter(trailing), {
          transB: int(1),
        });
      }
      const flat = l.temp(scope, out, 'gemm', [rows, n]);
      const act = (o['fused_activation_function'] as Activation | undefined) ?? 'NONE';
      const pre = act === 'NONE' ? flat : l.temp(scope, out, 'gemm_pre', [rows, n]);
      l.emit(scope, op, 'Gemm', [a, inName(1), inName(2)].filter(trailing), [pre], { transB: int(1) });
      if (act !== 'NONE') l.activation(scope, op, act, pre, flat);
      return l.emit(
        scope,
        op,
        'Reshape',
        [flat, l.constant(outShape, DataType.INT64, [outShape.length], out)],
        [out],
      );
    }
    case 'BATCH_MATMUL': {
      let a = inName(0);
      let b = inName(1);
      const transpose = (v: string, tag: string) => {
        const s = l.shapes.get(v)?.shape ?? [];
        const r = s.length;
        const perm = [...Array(r).keys()].map((i) => (i === r - 1 ? r - 2 : i === r - 2 ? r - 1 : i));
        const t = l.temp(
          scope,
          v,
          tag,
          perm.map((p) => s[p]!),
        );
        l.emit(scope, op, 'Transpose', [v], [t], { perm: ints(perm) });
        return t;
      };
      if (o['adj_x'] === true) a = transpose(a, 'adj_x');
      if (o['adj_y'] === true) b = transpose(b, 'adj_y');
      return l.emit(scope, op, 'MatMul', [a, b], [outName(0)]);
    }
    case 'ADD':
    case 'SUB':
    case 'MUL':
    case 'DIV':
      return l.emitActivated(scope, op, { ADD: 'Add', SUB: 'Sub', MUL: 'Mul', DIV: 'Div' }[key], inputs());
    case 'MAXIMUM':
      return l.emit(scope, op, 'Max', inputs(), outputs());
    case 'MINIMUM':
      return l.emit(scope, op, 'Min', inputs(), outputs());
    case 'POW':
      return l.emit(scope, op, 'Pow', inputs(), outputs());
    case 'SQUARED_DIFFERENCE': {
      const d = l.temp(scope, outName(0), 'diff');
      l.emit(scope, op, 'Sub', inputs(), [d]);
      return l.emit(scope, op, 'Mul', [d, d], outputs());
    }
    case 'AVERAGE_POOL_2D':
    case 'MAX_POOL_2D':
    case 'L2_POOL_2D':
    case 'CUSTOM:MaxPoolingWithArgmax2D':
      return l.emitActivated(
        scope,
        op,
        key === 'AVERAGE_POOL_2D' ? 'AveragePool' : key === 'L2_POOL_2D' ? 'LpPool' : 'MaxPool',
        [inName(0)],
        {
          kernel_shape: ints([num('filter_height', 2), num('filter_width', 2)]),
          strides: ints([num('stride_h', 2), num('stride_w', 2)]),
          auto_pad: autoPad(),
        },
      );
    case 'MEAN':
    case 'SUM':
    case 'REDUCE_MAX':
    case 'REDUCE_MIN':
    case 'REDUCE_PROD': {
      const x = op.inputs[0] ?? -1;
      const axes = (l.tensor(scope, op.inputs[1] ?? -1).values ?? []).map((a) => l.axis(scope, x, a));
      const type = {
        MEAN: 'ReduceMean',
        SUM: 'ReduceSum',
        REDUCE_MAX: 'ReduceMax',
        REDUCE_MIN: 'ReduceMin',
      }[key as 'MEAN'];
      return l.emit(scope, op, type ?? 'ReduceProd', [inName(0)], [outName(0)], {
        axes: ints(axes),
        keepdims: int(o['keep_dims'] === true ? 1 : 0),
      });
    }
    case 'CONCATENATION': {
      const x = op.inputs[0] ?? -1;
      return l.emitActivated(scope, op, 'Concat', inputs(), {
        axis: int(l.axis(scope, x, num('axis', 0))),
      });
    }
    case 'RESHAPE':
    case 'SQUEEZE':
    case 'EXPAND_DIMS': {
      const out = outName(0);
      const s = l.shapes.get(out)?.shape ?? [];
      return l.emit(scope, op, 'Reshape', [inName(0), l.constant(s, DataType.INT64, [s.length], out)], [out]);
    }
    case 'SOFTMAX':
    case 'LOG_SOFTMAX': {
      const x = op.inputs[0] ?? -1;
      return l.emit(scope, op, key === 'SOFTMAX' ? 'Softmax' : 'LogSoftmax', [inName(0)], [outName(0)], {
        axis: int(l.axis(scope, x, -1)),
      });
    }
    case 'LOGISTIC':
      return lowerUnary('Sigmoid');
    case 'TANH':
      return lowerUnary('Tanh');
    case 'RELU':
      return lowerUnary('Relu');
    case 'RELU6':
      return l.activation(scope, op, 'RELU6', inName(0), outName(0));
    case 'RELU_N1_TO_1':
      return l.activation(scope, op, 'RELU_N1_TO_1', inName(0), outName(0));
    case 'RELU_0_TO_1': {
      const dt = l.shapes.get(inName(0))?.dataType ?? DataType.FLOAT;
      const out = outName(0);
      return l.emit(
        scope,
        op,
        'Clip',
        [inName(0), l.constant([0], dt, [], out), l.constant([1], dt, [], out)],
        [out],
      );
    }
    case 'HARD_SWISH':
      return lowerUnary('HardSwish');
    case 'LEAKY_RELU':
      return l.emit(scope, op, 'LeakyRelu', [inName(0)], [outName(0)], {
        alpha: { kind: 'float', value: num('alpha', 0.2) },
      });
    case 'PRELU':
      return l.emit(scope, op, 'PRelu', inputs(), outputs());
    case 'ELU':
      return lowerUnary('Elu');
    case 'GELU':
      return lowerUnary('Gelu');
    case 'EXP':
      return lowerUnary('Exp');
    case 'LOG':
      return lowerUnary('Log');
    case 'ABS':
      return lowerUnary('Abs');
    case 'NEG':
      return lowerUnary('Neg');
    case 'SQRT':
      return lowerUnary('Sqrt');
    case 'RSQRT': {
      const s = l.temp(scope, outName(0), 'sqrt');
      l.emit(scope, op, 'Sqrt', [inName(0)], [s]);
      return l.emit(scope, op, 'Reciprocal', [s], [outName(0)]);
    }
    case 'SQUARE':
      return l.emit(scope, op, 'Mul', [inName(0), inName(0)], [outName(0)]);
    case 'FLOOR':
      return lowerUnary('Floor');
    case 'CEIL':
      return lowerUnary('Ceil');
    case 'ROUND':
      return lowerUnary('Round');
    case 'SIN':
      return lowerUnary('Sin');
    case 'COS':
      return lowerUnary('Cos');
    case 'PAD':
    case 'PADV2':
    case 'MIRROR_PAD': {
      const x = op.inputs[0] ?? -1;
      const rank = l.tensor(scope, x).shape.length;
      const flat = l.tensor(scope, op.inputs[1] ?? -1).values;
      let pads: number[] | undefined;
      if (flat && flat.length === 2 * rank) {
        const begins = Array<number>(rank).fill(0);
        const ends = Array<number>(rank).fill(0);
        for (let a = 0; a < rank; a++) {
          const to = l.axis(scope, x, a);
          begins[to] = flat[2 * a]!;
          ends[to] = flat[2 * a + 1]!;
        }
        pads = [...begins, ...ends];
      }
      const out = outName(0);
      return l.emit(
        scope,
        op,
        'Pad',
        [inName(0), ...(pads ? [l.constant(pads, DataType.INT64, [pads.length], out)] : [])],
        [out],
        key === 'MIRROR_PAD' ? { mode: str('reflect') } : {},
      );
    }
    case 'DENSIFY':
      // A sparse constant made dense: done once, when the model is loaded (the same values after).
      return l.emit(scope, op, 'Identity', [inName(0)], [outName(0)]);
    case 'QUANTIZE':
      return l.emit(scope, op, 'QuantizeLinear', [inName(0)], [outName(0)]);
    case 'DEQUANTIZE':
      return l.emit(scope, op, 'DequantizeLinear', [inName(0)], [outName(0)]);
    case 'CAST':
      return l.emit(scope, op, 'Cast', [inName(0)], [outName(0)]);
    case 'RESIZE_BILINEAR':
    case 'RESIZE_NEAREST_NEIGHBOR':
    case 'CUSTOM:MaxUnpooling2D':
      return l.emit(scope, op, 'Resize', [inName(0)], [outName(0)], {
        mode: str(key === 'RESIZE_BILINEAR' ? 'linear' : 'nearest'),
      });
    case 'SPACE_TO_DEPTH':
    case 'DEPTH_TO_SPACE':
      return l.emit(
        scope,
        op,
        key === 'SPACE_TO_DEPTH' ? 'SpaceToDepth' : 'DepthToSpace',
        [inName(0)],
        [outName(0)],
      );
    case 'TRANSPOSE': {
      const perm = l.tensor(scope, op.inputs[1] ?? -1).values;
      return l.emit(scope, op, 'Transpose', [inName(0)], [outName(0)], perm ? { perm: ints(perm) } : {});
    }
    case 'STRIDED_SLICE':
    case 'SLICE':
      return l.emit(scope, op, 'Slice', [inName(0)], [outName(0)]);
    case 'SPLIT':
    case 'SPLIT_V': {
      const [xi, ai] = key === 'SPLIT' ? [1, 0] : [0, 2];
      const x = op.inputs[xi] ?? -1;
      const axis = l.tensor(scope, op.inputs[ai] ?? -1).values?.[0] ?? 0;
      return l.emit(scope, op, 'Split', [inName(xi)], outputs(), {
        axis: int(l.axis(scope, x, axis)),
      });
    }
    case 'GATHER':
      return l.emit(scope, op, 'Gather', [inName(0), inName(1)], [outName(0)], {
        axis: int(num('axis', 0)),
      });
    case 'GATHER_ND':
      return l.emit(scope, op, 'GatherND', [inName(0), inName(1)], [outName(0)]);
    case 'ARG_MAX':
    case 'ARG_MIN':
      return l.emit(scope, op, key === 'ARG_MAX' ? 'ArgMax' : 'ArgMin', [inName(0)], [outName(0)]);
    case 'LESS':
    case 'GREATER':
    case 'EQUAL':
    case 'LESS_EQUAL':
    case 'GREATER_EQUAL':
    case 'LOGICAL_AND':
    case 'LOGICAL_OR':
    case 'LOGICAL_NOT':
    case 'SELECT':
    case 'SELECT_V2': {
      const type = {
        LESS: 'Less',
        GREATER: 'Greater',
        EQUAL: 'Equal',
        LESS_EQUAL: 'LessOrEqual',
        GREATER_EQUAL: 'GreaterOrEqual',
        LOGICAL_AND: 'And',
        LOGICAL_OR: 'Or',
        LOGICAL_NOT: 'Not',
        SELECT: 'Where',
        SELECT_V2: 'Where',
      }[key];
      return l.emit(scope, op, type, inputs(), outputs());
    }
    case 'SHAPE':
      return l.emit(scope, op, 'Shape', [inName(0)], [outName(0)]);
    case 'FILL':
    case 'ZEROS_LIKE':
    case 'ONES_LIKE':
      return l.emit(scope, op, 'Expand', [inName(op.inputs.length - 1)], [outName(0)]);
    case 'TILE':
      return l.emit(scope, op, 'Tile', [inName(0)], [outName(0)]);
    case 'BROADCAST_TO':
      return l.emit(scope, op, 'Expand', [inName(0)], [outName(0)]);
    case 'PACK':
      return l.emit(scope, op, 'Concat', inputs(), outputs(), { axis: int(num('axis', 0)) });
    case 'UNPACK':
      return l.emit(scope, op, 'Split', [inName(0)], outputs(), { axis: int(num('axis', 0)) });
    case 'L2_NORMALIZATION':
      return l.emit(scope, op, 'LpNormalization', [inName(0)], [outName(0)], {
        axis: int(-1),
        p: int(2),
      });
    case 'LOCAL_RESPONSE_NORMALIZATION':
      return l.emit(scope, op, 'LRN', [inName(0)], [outName(0)], {
        size: int(2 * num('radius', 5) + 1),
      });
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
    case 'LSTM':
    case 'BIDIRECTIONAL_SEQUENCE_LSTM':
      return lowerLstm(l, scope, op, key);
    case 'SVDF':
      return lowerSvdf(l, scope, op);
    case 'WHILE':
      return l.lowerWhile(scope, op);
    case 'CALL':
    case 'IF':
      return l.lowerCall(scope, op, key);
    case 'CALL_ONCE': {
      l.notes.push(
        `CALL_ONCE '${op.index}' runs subgraph ${String(o['init_subgraph_index'])} once, when the model is loaded: not counted per inference`,
      );
      return;
    }
    default:
      return l.emit(
        scope,
        op,
        key.startsWith('CUSTOM:') ? key.slice('CUSTOM:'.length) || 'CUSTOM' : key,
        inputs(),
        outputs(),
        {},
        key.startsWith('CUSTOM:') ? 'tflite.custom' : 'tflite',
      );
  }
}

/**
 * TFLite's fused LSTMs carry one weight tensor per gate; the IR's LSTM has ONNX's stacked W [dirs,
 * 4 x hidden, input] and R [dirs, 4 x hidden, hidden], which stand for the gate tensors' bytes.
 */
function lowerLstm(l: OpLowering, scope: Scope, op: TfliteOperator, key: string): void {
  const x = l.name(scope, op.inputs[0] ?? -1);
  const xs = l.shapes.get(x)?.shape ?? [];
  const gateW = [1, 2, 3, 4].map((i) => op.inputs[i] ?? -1).filter((t) => t >= 0);
  const gateR = [5, 6, 7, 8].map((i) => op.inputs[i] ?? -1).filter((t) => t >= 0);
  const firstR = gateR[0] !== undefined ? l.tensor(scope, gateR[0]).shape : [];
  const hidden = firstR[0] ?? 1;
  const input = xs[xs.length - 1] ?? 1;
  const dirs = key === 'BIDIRECTIONAL_SEQUENCE_LSTM' ? 2 : 1;
  const bytes = (ts: readonly number[]) =>
    ts.reduce((s, t) => s + (l.model.buffers[l.tensor(scope, t).buffer]?.length ?? 0), 0);
  const stacked = (ts: readonly number[], cols: number, tag: string) => {
    const first = ts[0] === undefined ? undefined : l.tensor(scope, ts[0]);
    const name = l.unique(`${scope.prefix}${first?.name ?? 'lstm'}:${tag}`);
    const dims = [dirs, 4 * hidden, cols];
    const dataType = tfliteDataType(first?.type ?? 'float32');
    l.initializers.set(name, {
      name,
      dataType,
      dims,
      elements: dirs * 4 * hidden * cols,
      byteLength: bytes(ts),
    });
    l.shapes.set(name, { dataType, shape: dims, constant: true });
    return name;
  };
  const timeMajor = op.options['time_major'] === true;
  l.emit(
    scope,
    op,
    'LSTM',
    [x, stacked(gateW, input, 'W'), stacked(gateR, hidden, 'R')],
    [l.name(scope, op.outputs[0] ?? -1)],
    {
      hidden_size: { kind: 'int', value: hidden },
      layout: { kind: 'int', value: timeMajor || key === 'LSTM' ? 0 : 1 },
      ...(dirs === 2 ? { direction: { kind: 'string', value: 'bidirectional' } } : {}),
    },
  );
}

/** SVDF: a feature projection (weights_feature [units x rank, input]) then a time filter over memory. */
function lowerSvdf(l: OpLowering, scope: Scope, op: TfliteOperator): void {
  const out = l.name(scope, op.outputs[0] ?? -1);
  const feature = l.tensor(scope, op.inputs[1] ?? -1).shape;
  const batch = l.tensor(scope, op.inputs[0] ?? -1).shape[0] ?? 1;
  const projected = l.temp(scope, out, 'feature', [batch, feature[0] ?? 1]);
  l.emit(
    scope,
    op,
    'Gemm',
    [l.name(scope, op.inputs[0] ?? -1), l.name(scope, op.inputs[1] ?? -1)],
    [projected],
    {
      transB: { kind: 'int', value: 1 },
    },
  );
  // The time filter: each of units x rank filters is a dot product over the memory (weights_time).
  const time = l.tensor(scope, op.inputs[2] ?? -1).shape;
  const memory = l.temp(scope, out, 'memory', [batch, time[0] ?? 1, time[1] ?? 1]);
  l.emit(scope, op, 'Mul', [projected, l.name(scope, op.inputs[2] ?? -1)], [memory]);
  const rest = [op.inputs[3] ?? -1].filter((t) => t >= 0).map((t) => l.name(scope, t));
  l.emit(scope, op, 'ReduceSum', [memory, ...rest], [out], { axes: { kind: 'ints', value: [2] } });
}
