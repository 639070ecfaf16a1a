/**
 * Lowers a decoded TFLite model onto the format-neutral IR (src/onnx/types.ts): each TFLite operator
 * becomes the ONNX operator with the same arithmetic (CONV_2D -> Conv, a fused RELU6 -> a Clip after
 * it), so that fusion rules, cost rules and features are shared with ONNX models. TFLite stores every
 * tensor's shape, so they are handed over as `declaredShapes` and never inferred.
 *
 * Layout: TFLite images are NHWC, the IR's are NCHW (ONNX's). Rank-4 tensors that are images (connected
 * to a spatial op through layout-preserving ops) are permuted to NCHW and the axes of the ops on them
 * remapped; weights take the IR's layouts (OIHW; depthwise [C x M, 1, kh, kw]). Other tensors keep
 * their shapes.
 *
 * Subgraphs: a WHILE body whose trip count is static is unrolled that many times (its weights are
 * shared, counted once), else once with a note; CALL/IF bodies are inlined (IF: the larger branch);
 * CALL_ONCE initialisers run once at load time and are skipped. A subgraph reached again while it is
 * being expanded is not expanded (a note says so).
 */
import { DataType, ModelLoadError } from '../onnx/types.js';
import type {
  AttributeValue,
  ConstValues,
  DeclaredShape,
  ModelIR,
  NodeIR,
  Quantization,
  TensorInfo,
  ValueInfo,
} from '../onnx/types.js';
import type { TfliteModel, TfliteOperator, TfliteSubgraph, TfliteTensor } from './types.js';

/** Unrolled loops stop adding nodes beyond this many (the rest of the trips are noted, not counted). */
const MAX_UNROLLED_NODES = 200_000;

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
const NHWC_TO_NCHW_AXIS = [0, 2, 3, 1] as const;
const toNchw = <T>(s: readonly T[]): T[] => [s[0]!, s[3]!, s[1]!, s[2]!];

/** Ops whose image inputs and outputs share one layout: an image on one side makes the others images. */
const LAYOUT_PRESERVING = new Set([
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
const SPATIAL = new Set([
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

type Activation = 'NONE' | 'RELU' | 'RELU_N1_TO_1' | 'RELU6' | 'TANH' | 'SIGN_BIT';

const opKey = (op: TfliteOperator) => (op.opcode === 'CUSTOM' ? `CUSTOM:${op.customCode ?? ''}` : op.opcode);

/** Lowers a decoded TFLite model to the IR. */
export function lowerTflite(model: TfliteModel): ModelIR {
  return new Lowering(model).run();
}

interface Scope {
  readonly sg: TfliteSubgraph;
  /** IR value names of this expansion's tensors, by tensor index (inputs bound by the caller). */
  readonly names: Map<number, string>;
  readonly prefix: string;
  readonly images: ReadonlySet<number>;
  /** Tensor index -> IR dims override (weights in the IR's layouts). */
  readonly weightDims: ReadonlyMap<number, readonly number[]>;
}

class Lowering {
  private readonly nodes: NodeIR[] = [];
  private readonly initializers = new Map<string, TensorInfo>();
  private readonly shapes = new Map<string, DeclaredShape>();
  private readonly notes: string[] = [];
  private readonly usedNames = new Set<string>();
  private readonly constNames = new Map<string, string>();
  private readonly nodeNames = new Set<string>();
  private namedOp: TfliteOperator | undefined;
  private namedScope: Scope | undefined;
  private readonly expanding: number[] = [];
  private readonly layoutCache = new Map<number, Set<number>>();
  private readonly weightDimsCache = new Map<number, Map<number, readonly number[]>>();
  private unrollCapNoted = false;

  constructor(private readonly model: TfliteModel) {}

  run(): ModelIR {
    const main = this.model.subgraphs[0];
    if (!main) throw new ModelLoadError(this.model.path, 'the model has no subgraph');
    const scope = this.scope(main, '', new Map());
    const inputs: ValueInfo[] = main.inputs
      .filter((t) => t >= 0 && !this.isConstant(main, t))
      .map((t) => this.valueInfo(scope, t));
    this.expand(scope);
    const outputs = main.outputs.filter((t) => t >= 0).map((t) => this.valueInfo(scope, t));
    const valueInfo = new Map<string, ValueInfo>();
    for (const [name, s] of this.shapes) {
      valueInfo.set(name, { name, dataType: s.dataType, shape: s.shape });
    }
    const description = this.model.description.trim();
    return {
      path: this.model.path,
      format: 'tflite',
      irVersion: 0,
      opsets: new Map([['', 17]]),
      producer: {
        name: description ? `TFLite (${description})` : 'TFLite',
        version: `schema ${this.model.version}`,
      },
      graph: {
        name: main.name || 'main',
        nodes: this.nodes,
        initializers: this.initializers,
        inputs,
        outputs,
        valueInfo,
      },
      functions: new Set(),
      fileBytes: this.model.fileBytes,
      weightBytes: this.model.weightBytes,
      declaredShapes: this.shapes,
      readerNotes: this.notes,
    };
  }

  // ---------------------------------------------------------------- scopes, names, shapes

  private scope(sg: TfliteSubgraph, prefix: string, bound: Map<number, string>): Scope {
    return {
      sg,
      names: bound,
      prefix,
      images: this.imageTensors(sg),
      weightDims: this.weightDims(sg),
    };
  }

  private isConstant(sg: TfliteSubgraph, t: number): boolean {
    const tensor = sg.tensors[t];
    return tensor !== undefined && tensor.buffer > 0 && (this.model.buffers[tensor.buffer]?.length ?? 0) > 0;
  }

  private tensor(scope: Scope, t: number): TfliteTensor {
    const tensor = scope.sg.tensors[t];
    if (!tensor) throw new ModelLoadError(this.model.path, `subgraph ${scope.sg.index} has no tensor ${t}`);
    return tensor;
  }

  /** The IR name of a tensor, registering its initializer or declared shape on first use. */
  private name(scope: Scope, t: number): string {
    if (t < 0) return '';
    const known = scope.names.get(t);
    if (known !== undefined) return known;
    const tensor = this.tensor(scope, t);
    const constant = this.isConstant(scope.sg, t);
    const label = tensor.name || `tensor_${t}`;
    // Constants are shared by every expansion of a subgraph (an unrolled loop reads one weight).
    const constKey = `${scope.sg.index}:${t}`;
    const shared = constant ? this.constNames.get(constKey) : undefined;
    if (shared !== undefined) {
      scope.names.set(t, shared);
      return shared;
    }
    const name = this.unique(
      constant ? (scope.sg.index === 0 ? label : `sg${scope.sg.index}/${label}`) : `${scope.prefix}${label}`,
    );
    if (constant) this.constNames.set(constKey, name);
    scope.names.set(t, name);
    const dims = this.irDims(scope, t);
    const dataType = tfliteDataType(tensor.type);
    const values = scope.images.has(t) ? undefined : realValues(tensor);
    const quantization = irQuantization(tensor, scope.images.has(t));
    if (constant) {
      const buffer = this.model.buffers[tensor.buffer]!;
      const elements = dims.reduce((a, b) => a * b, 1);
      this.initializers.set(name, {
        name,
        dataType,
        dims,
        elements,
        byteLength: buffer.length,
        ...(values ? { values } : {}),
        ...(quantization ? { quantization } : {}),
      });
    }
    this.shapes.set(name, {
      dataType,
      shape: dims,
      constant,
      ...(values ? { value: values } : {}),
    });
    return name;
  }

  private uniqueNode(base: string): string {
    let name = base;
    for (let i = 1; this.nodeNames.has(name); i++) name = `${base}#${i}`;
    this.nodeNames.add(name);
    return name;
  }

  private unique(base: string): string {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}#${i}`;
    this.usedNames.add(name);
    return name;
  }

  private irDims(scope: Scope, t: number): readonly number[] {
    const override = scope.weightDims.get(t);
    if (override) return override;
    const shape = this.tensor(scope, t).shape;
    return scope.images.has(t) && shape.length === 4 ? toNchw(shape) : shape;
  }

  private valueInfo(scope: Scope, t: number): ValueInfo {
    const name = this.name(scope, t);
    const s = this.shapes.get(name)!;
    const quantization = irQuantization(this.tensor(scope, t), scope.images.has(t));
    return { name, dataType: s.dataType, shape: s.shape, ...(quantization ? { quantization } : {}) };
  }

  /** A value made by the lowering itself (the output of a Conv before its fused activation). */
  private temp(scope: Scope, like: string, suffix: string, shape?: readonly number[]): string {
    const name = this.unique(`${like}:${suffix}`);
    const s = this.shapes.get(like);
    if (s) this.shapes.set(name, { dataType: s.dataType, shape: shape ?? s.shape, constant: false });
    void scope;
    return name;
  }

  /** A small constant the lowering needs (Clip bounds, Reshape targets, pads). */
  private constant(
    values: readonly number[],
    dataType: DataType,
    dims: readonly number[],
    hint: string,
  ): string {
    const name = this.unique(`${hint}:const`);
    const elements = dims.reduce((a, b) => a * b, 1);
    this.initializers.set(name, { name, dataType, dims, elements, byteLength: 0, values });
    this.shapes.set(name, { dataType, shape: dims, constant: true, value: values });
    return name;
  }

  // ---------------------------------------------------------------- layout analysis

  private imageTensors(sg: TfliteSubgraph): Set<number> {
    const cached = this.layoutCache.get(sg.index);
    if (cached) return cached;
    const images = new Set<number>();
    const rank4 = (t: number) => t >= 0 && sg.tensors[t]?.shape.length === 4;
    const mark = (t: number | undefined) => {
      if (t !== undefined && rank4(t) && !images.has(t)) {
        images.add(t);
        return true;
      }
      return false;
    };
    for (const op of sg.operators) {
      const key = opKey(op);
      if (SPATIAL.has(key)) {
        mark(op.inputs[0]);
        op.outputs.forEach(mark);
      } else if (key === 'TRANSPOSE_CONV') {
        mark(op.inputs[2]);
        op.outputs.forEach(mark);
      }
    }
    for (let changed = true; changed;) {
      changed = false;
      for (const op of sg.operators) {
        if (!LAYOUT_PRESERVING.has(opKey(op))) continue;
        const all = [...op.inputs, ...op.outputs].filter(rank4);
        if (all.some((t) => images.has(t))) for (const t of all) changed = mark(t) || changed;
      }
    }
    this.layoutCache.set(sg.index, images);
    return images;
  }

  /** Weights in the IR's layouts: Conv OIHW, depthwise [C x M, 1, kh, kw], ConvTranspose [I, O, kh, kw]. */
  private weightDims(sg: TfliteSubgraph): Map<number, readonly number[]> {
    const cached = this.weightDimsCache.get(sg.index);
    if (cached) return cached;
    const out = new Map<number, readonly number[]>();
    const producer = new Map<number, TfliteOperator>();
    for (const op of sg.operators) for (const t of op.outputs) producer.set(t, op);
    const set = (t: number | undefined, dims: readonly number[]) => {
      if (t === undefined || t < 0) return;
      out.set(t, dims);
      // fp16 and int8 weights reach the kernel through a DEQUANTIZE of the stored tensor.
      const p = producer.get(t);
      if (p && p.opcode === 'DEQUANTIZE') set(p.inputs[0], dims);
    };
    for (const op of sg.operators) {
      const key = opKey(op);
      const w = op.inputs[key === 'TRANSPOSE_CONV' ? 1 : 1];
      const shape = w !== undefined && w >= 0 ? sg.tensors[w]?.shape : undefined;
      if (!shape || shape.length !== 4) continue;
      if (key === 'CONV_2D') set(w, toNchw(shape));
      else if (key === 'DEPTHWISE_CONV_2D') set(w, [shape[3]!, 1, shape[1]!, shape[2]!]);
      else if (key === 'TRANSPOSE_CONV' || key === 'CUSTOM:Convolution2DTransposeBias')
        set(w, [shape[3]!, shape[0]!, shape[1]!, shape[2]!]);
    }
    this.weightDimsCache.set(sg.index, out);
    return out;
  }

  private axis(scope: Scope, t: number, axis: number): number {
    const rank = this.tensor(scope, t).shape.length;
    const a = axis < 0 ? axis + rank : axis;
    return scope.images.has(t) && rank === 4 ? NHWC_TO_NCHW_AXIS[a]! : a;
  }

  // ---------------------------------------------------------------- expansion

  private expand(scope: Scope): void {
    this.expanding.push(scope.sg.index);
    try {
      for (const op of scope.sg.operators) this.lower(scope, op);
    } finally {
      this.expanding.pop();
    }
  }

  private emit(
    scope: Scope,
    op: TfliteOperator,
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    domain = '',
  ): void {
    // Nodes are named after the TFLite op's output tensor (the converter's layer names); the second
    // node of an op (a fused activation, a reshape around an FC) adds its own op type.
    const output = op.outputs[0] === undefined ? undefined : scope.names.get(op.outputs[0]);
    const base = output ?? `${scope.prefix}${opKey(op)}_${op.index}`;
    const first = this.namedOp !== op || this.namedScope !== scope;
    this.namedOp = op;
    this.namedScope = scope;
    this.nodes.push({
      name: this.uniqueNode(first ? base : `${base}/${opType}`),
      opType,
      domain,
      inputs,
      outputs,
      attributes: new Map(Object.entries(attributes)),
      sourceOp: opKey(op),
    });
  }

  /** Emits `opType` writing the op's output through its fused activation, when it has one. */
  private emitActivated(
    scope: Scope,
    op: TfliteOperator,
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
  ): void {
    const out = this.name(scope, op.outputs[0] ?? -1);
    const act = (op.options['fused_activation_function'] as Activation | undefined) ?? 'NONE';
    if (act === 'NONE') {
      this.emit(scope, op, opType, inputs, [out], attributes);
      return;
    }
    const pre = this.temp(scope, out, 'pre');
    this.emit(scope, op, opType, inputs, [pre], attributes);
    this.activation(scope, op, act, pre, out);
  }

  private activation(scope: Scope, op: TfliteOperator, act: Activation, x: string, out: string): void {
    const dt = this.shapes.get(x)?.dataType ?? DataType.FLOAT;
    const clip = (lo: number, hi: number) =>
      this.emit(
        scope,
        op,
        'Clip',
        [x, this.constant([lo], dt, [], out), this.constant([hi], dt, [], out)],
        [out],
      );
    switch (act) {
      case 'RELU':
        return this.emit(scope, op, 'Relu', [x], [out]);
      case 'RELU6':
        return clip(0, 6);
      case 'RELU_N1_TO_1':
        return clip(-1, 1);
      case 'TANH':
        return this.emit(scope, op, 'Tanh', [x], [out]);
      default:
        return this.emit(scope, op, 'Sign', [x], [out]);
    }
  }

  private lower(scope: Scope, op: TfliteOperator): void {
    const key = opKey(op);
    const o = op.options;
    const inName = (i: number) => this.name(scope, op.inputs[i] ?? -1);
    const outName = (i: number) => this.name(scope, op.outputs[i] ?? -1);
    const inputs = () => op.inputs.map((t) => this.name(scope, t));
    const outputs = () => op.outputs.map((t) => this.name(scope, t));
    const int = (v: number): AttributeValue => ({ kind: 'int', value: v });
    const ints = (v: readonly number[]): AttributeValue => ({ kind: 'ints', value: v });
    const str = (v: string): AttributeValue => ({ kind: 'string', value: v });
    const num = (field: string, fallback: number) => (typeof o[field] === 'number' ? o[field] : fallback);
    const autoPad = () => str(o['padding'] === 'VALID' ? 'VALID' : 'SAME_UPPER');
    const lowerUnary = (type: string) => this.emit(scope, op, type, [inName(0)], [outName(0)]);
    const tensorShape = (i: number) => this.tensor(scope, op.inputs[i] ?? -1).shape;

    switch (key) {
      case 'CONV_2D':
      case 'DEPTHWISE_CONV_2D': {
        const w = this.irDims(scope, op.inputs[1] ?? -1);
        const cin = tensorShape(0)[3] ?? 1;
        const group = key === 'DEPTHWISE_CONV_2D' ? cin : Math.max(1, Math.round(cin / (w[1] ?? cin)));
        return this.emitActivated(scope, op, 'Conv', [inName(0), inName(1), inName(2)].filter(trailing), {
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
        const wd = this.irDims(scope, op.inputs[w] ?? -1);
        const xs = tensorShape(x);
        const ys = this.tensor(scope, op.outputs[0] ?? -1).shape;
        const stride = (a: number) => Math.max(1, Math.round((ys[a] ?? 1) / (xs[a] ?? 1)));
        return this.emitActivated(
          scope,
          op,
          'ConvTranspose',
          [inName(x), inName(w), inName(b)].filter(trailing),
          {
            kernel_shape: ints([wd[2] ?? 1, wd[3] ?? 1]),
            strides: ints([num('stride_h', stride(1)), num('stride_w', stride(2))]),
            auto_pad: autoPad(),
          },
        );
      }
      case 'FULLY_CONNECTED': {
        const x = inName(0);
        const wShape = tensorShape(1);
        const k = wShape[1] ?? 1;
        const xs = this.shapes.get(x)?.shape ?? [];
        const rows = xs.reduce((a, b) => a * b, 1) / k;
        let a = x;
        if (xs.length !== 2 && Number.isInteger(rows)) {
          a = this.temp(scope, x, 'rows', [rows, k]);
          this.emit(scope, op, 'Reshape', [x, this.constant([rows, k], DataType.INT64, [2], a)], [a]);
        }
        const out = outName(0);
        const outShape = this.shapes.get(out)?.shape ?? [];
        const n = wShape[0] ?? 1;
        if (outShape.length === 2) {
          return this.emitActivated(scope, op, 'Gemm', [a, inName(1), inName(2)].filter(trailing), {
            transB: int(1),
          });
        }
        const flat = this.temp(scope, out, 'gemm', [rows, n]);
        const act = (o['fused_activation_function'] as Activation | undefined) ?? 'NONE';
        const pre = act === 'NONE' ? flat : this.temp(scope, out, 'gemm_pre', [rows, n]);
        this.emit(scope, op, 'Gemm', [a, inName(1), inName(2)].filter(trailing), [pre], { transB: int(1) });
        if (act !== 'NONE') this.activation(scope, op, act, pre, flat);
        return this.emit(
          scope,
          op,
          'Reshape',
          [flat, this.constant(outShape, DataType.INT64, [outShape.length], out)],
          [out],
        );
      }
      case 'BATCH_MATMUL': {
        let a = inName(0);
        let b = inName(1);
        const transpose = (v: string, tag: string) => {
          const s = this.shapes.get(v)?.shape ?? [];
          const r = s.length;
          const perm = [...Array(r).keys()].map((i) => (i === r - 1 ? r - 2 : i === r - 2 ? r - 1 : i));
          const t = this.temp(
            scope,
            v,
            tag,
            perm.map((p) => s[p]!),
          );
          this.emit(scope, op, 'Transpose', [v], [t], { perm: ints(perm) });
          return t;
        };
        if (o['adj_x'] === true) a = transpose(a, 'adj_x');
        if (o['adj_y'] === true) b = transpose(b, 'adj_y');
        return this.emit(scope, op, 'MatMul', [a, b], [outName(0)]);
      }
      case 'ADD':
      case 'SUB':
      case 'MUL':
      case 'DIV':
        return this.emitActivated(
          scope,
          op,
          { ADD: 'Add', SUB: 'Sub', MUL: 'Mul', DIV: 'Div' }[key],
          inputs(),
        );
      case 'MAXIMUM':
        return this.emit(scope, op, 'Max', inputs(), outputs());
      case 'MINIMUM':
        return this.emit(scope, op, 'Min', inputs(), outputs());
      case 'POW':
        return this.emit(scope, op, 'Pow', inputs(), outputs());
      case 'SQUARED_DIFFERENCE': {
        const d = this.temp(scope, outName(0), 'diff');
        this.emit(scope, op, 'Sub', inputs(), [d]);
        return this.emit(scope, op, 'Mul', [d, d], outputs());
      }
      case 'AVERAGE_POOL_2D':
      case 'MAX_POOL_2D':
      case 'L2_POOL_2D':
      case 'CUSTOM:MaxPoolingWithArgmax2D':
        return this.emitActivated(
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
        const axes = (this.tensor(scope, op.inputs[1] ?? -1).values ?? []).map((a) => this.axis(scope, x, a));
        const type = {
          MEAN: 'ReduceMean',
          SUM: 'ReduceSum',
          REDUCE_MAX: 'ReduceMax',
          REDUCE_MIN: 'ReduceMin',
        }[key as 'MEAN'];
        return this.emit(scope, op, type ?? 'ReduceProd', [inName(0)], [outName(0)], {
          axes: ints(axes),
          keepdims: int(o['keep_dims'] === true ? 1 : 0),
        });
      }
      case 'CONCATENATION': {
        const x = op.inputs[0] ?? -1;
        return this.emitActivated(scope, op, 'Concat', inputs(), {
          axis: int(this.axis(scope, x, num('axis', 0))),
        });
      }
      case 'RESHAPE':
      case 'SQUEEZE':
      case 'EXPAND_DIMS': {
        const out = outName(0);
        const s = this.shapes.get(out)?.shape ?? [];
        return this.emit(
          scope,
          op,
          'Reshape',
          [inName(0), this.constant(s, DataType.INT64, [s.length], out)],
          [out],
        );
      }
      case 'SOFTMAX':
      case 'LOG_SOFTMAX': {
        const x = op.inputs[0] ?? -1;
        return this.emit(scope, op, key === 'SOFTMAX' ? 'Softmax' : 'LogSoftmax', [inName(0)], [outName(0)], {
          axis: int(this.axis(scope, x, -1)),
        });
      }
      case 'LOGISTIC':
        return lowerUnary('Sigmoid');
      case 'TANH':
        return lowerUnary('Tanh');
      case 'RELU':
        return lowerUnary('Relu');
      case 'RELU6':
        return this.activation(scope, op, 'RELU6', inName(0), outName(0));
      case 'RELU_N1_TO_1':
        return this.activation(scope, op, 'RELU_N1_TO_1', inName(0), outName(0));
      case 'RELU_0_TO_1': {
        const dt = this.shapes.get(inName(0))?.dataType ?? DataType.FLOAT;
        const out = outName(0);
        return this.emit(
          scope,
          op,
          'Clip',
          [inName(0), this.constant([0], dt, [], out), this.constant([1], dt, [], out)],
          [out],
        );
      }
      case 'HARD_SWISH':
        return lowerUnary('HardSwish');
      case 'LEAKY_RELU':
        return this.emit(scope, op, 'LeakyRelu', [inName(0)], [outName(0)], {
          alpha: { kind: 'float', value: num('alpha', 0.2) },
        });
      case 'PRELU':
        return this.emit(scope, op, 'PRelu', inputs(), outputs());
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
        const s = this.temp(scope, outName(0), 'sqrt');
        this.emit(scope, op, 'Sqrt', [inName(0)], [s]);
        return this.emit(scope, op, 'Reciprocal', [s], [outName(0)]);
      }
      case 'SQUARE':
        return this.emit(scope, op, 'Mul', [inName(0), inName(0)], [outName(0)]);
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
        const rank = this.tensor(scope, x).shape.length;
        const flat = this.tensor(scope, op.inputs[1] ?? -1).values;
        let pads: number[] | undefined;
        if (flat && flat.length === 2 * rank) {
          const begins = Array<number>(rank).fill(0);
          const ends = Array<number>(rank).fill(0);
          for (let a = 0; a < rank; a++) {
            const to = this.axis(scope, x, a);
            begins[to] = flat[2 * a]!;
            ends[to] = flat[2 * a + 1]!;
          }
          pads = [...begins, ...ends];
        }
        const out = outName(0);
        return this.emit(
          scope,
          op,
          'Pad',
          [inName(0), ...(pads ? [this.constant(pads, DataType.INT64, [pads.length], out)] : [])],
          [out],
          key === 'MIRROR_PAD' ? { mode: str('reflect') } : {},
        );
      }
      case 'DENSIFY':
        // A sparse constant made dense: done once, when the model is loaded (the same values after).
        return this.emit(scope, op, 'Identity', [inName(0)], [outName(0)]);
      case 'QUANTIZE':
        return this.emit(scope, op, 'QuantizeLinear', [inName(0)], [outName(0)]);
      case 'DEQUANTIZE':
        return this.emit(scope, op, 'DequantizeLinear', [inName(0)], [outName(0)]);
      case 'CAST':
        return this.emit(scope, op, 'Cast', [inName(0)], [outName(0)]);
      case 'RESIZE_BILINEAR':
      case 'RESIZE_NEAREST_NEIGHBOR':
      case 'CUSTOM:MaxUnpooling2D':
        return this.emit(scope, op, 'Resize', [inName(0)], [outName(0)], {
          mode: str(key === 'RESIZE_BILINEAR' ? 'linear' : 'nearest'),
        });
      case 'SPACE_TO_DEPTH':
      case 'DEPTH_TO_SPACE':
        return this.emit(
          scope,
          op,
          key === 'SPACE_TO_DEPTH' ? 'SpaceToDepth' : 'DepthToSpace',
          [inName(0)],
          [outName(0)],
        );
      case 'TRANSPOSE': {
        const perm = this.tensor(scope, op.inputs[1] ?? -1).values;
        return this.emit(scope, op, 'Transpose', [inName(0)], [outName(0)], perm ? { perm: ints(perm) } : {});
      }
      case 'STRIDED_SLICE':
      case 'SLICE':
        return this.emit(scope, op, 'Slice', [inName(0)], [outName(0)]);
      case 'SPLIT':
      case 'SPLIT_V': {
        const [xi, ai] = key === 'SPLIT' ? [1, 0] : [0, 2];
        const x = op.inputs[xi] ?? -1;
        const axis = this.tensor(scope, op.inputs[ai] ?? -1).values?.[0] ?? 0;
        return this.emit(scope, op, 'Split', [inName(xi)], outputs(), {
          axis: int(this.axis(scope, x, axis)),
        });
      }
      case 'GATHER':
        return this.emit(scope, op, 'Gather', [inName(0), inName(1)], [outName(0)], {
          axis: int(num('axis', 0)),
        });
      case 'GATHER_ND':
        return this.emit(scope, op, 'GatherND', [inName(0), inName(1)], [outName(0)]);
      case 'ARG_MAX':
      case 'ARG_MIN':
        return this.emit(scope, op, key === 'ARG_MAX' ? 'ArgMax' : 'ArgMin', [inName(0)], [outName(0)]);
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
        return this.emit(scope, op, type, inputs(), outputs());
      }
      case 'SHAPE':
        return this.emit(scope, op, 'Shape', [inName(0)], [outName(0)]);
      case 'FILL':
      case 'ZEROS_LIKE':
      case 'ONES_LIKE':
        return this.emit(scope, op, 'Expand', [inName(op.inputs.length - 1)], [outName(0)]);
      case 'TILE':
        return this.emit(scope, op, 'Tile', [inName(0)], [outName(0)]);
      case 'BROADCAST_TO':
        return this.emit(scope, op, 'Expand', [inName(0)], [outName(0)]);
      case 'PACK':
        return this.emit(scope, op, 'Concat', inputs(), outputs(), { axis: int(num('axis', 0)) });
      case 'UNPACK':
        return this.emit(scope, op, 'Split', [inName(0)], outputs(), { axis: int(num('axis', 0)) });
      case 'L2_NORMALIZATION':
        return this.emit(scope, op, 'LpNormalization', [inName(0)], [outName(0)], {
          axis: int(-1),
          p: int(2),
        });
      case 'LOCAL_RESPONSE_NORMALIZATION':
        return this.emit(scope, op, 'LRN', [inName(0)], [outName(0)], {
          size: int(2 * num('radius', 5) + 1),
        });
      case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      case 'LSTM':
      case 'BIDIRECTIONAL_SEQUENCE_LSTM':
        return this.lowerLstm(scope, op, key);
      case 'SVDF':
        return this.lowerSvdf(scope, op);
      case 'WHILE':
        return this.lowerWhile(scope, op);
      case 'CALL':
      case 'IF':
        return this.lowerCall(scope, op, key);
      case 'CALL_ONCE': {
        this.notes.push(
          `CALL_ONCE '${op.index}' runs subgraph ${String(o['init_subgraph_index'])} once, when the model is loaded: not counted per inference`,
        );
        return;
      }
      default:
        return this.emit(
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
  private lowerLstm(scope: Scope, op: TfliteOperator, key: string): void {
    const x = this.name(scope, op.inputs[0] ?? -1);
    const xs = this.shapes.get(x)?.shape ?? [];
    const gateW = [1, 2, 3, 4].map((i) => op.inputs[i] ?? -1).filter((t) => t >= 0);
    const gateR = [5, 6, 7, 8].map((i) => op.inputs[i] ?? -1).filter((t) => t >= 0);
    const firstR = gateR[0] !== undefined ? this.tensor(scope, gateR[0]).shape : [];
    const hidden = firstR[0] ?? 1;
    const input = xs[xs.length - 1] ?? 1;
    const dirs = key === 'BIDIRECTIONAL_SEQUENCE_LSTM' ? 2 : 1;
    const bytes = (ts: readonly number[]) =>
      ts.reduce((s, t) => s + (this.model.buffers[this.tensor(scope, t).buffer]?.length ?? 0), 0);
    const stacked = (ts: readonly number[], cols: number, tag: string) => {
      const first = ts[0] === undefined ? undefined : this.tensor(scope, ts[0]);
      const name = this.unique(`${scope.prefix}${first?.name ?? 'lstm'}:${tag}`);
      const dims = [dirs, 4 * hidden, cols];
      const dataType = tfliteDataType(first?.type ?? 'float32');
      this.initializers.set(name, {
        name,
        dataType,
        dims,
        elements: dirs * 4 * hidden * cols,
        byteLength: bytes(ts),
      });
      this.shapes.set(name, { dataType, shape: dims, constant: true });
      return name;
    };
    const timeMajor = op.options['time_major'] === true;
    this.emit(
      scope,
      op,
      'LSTM',
      [x, stacked(gateW, input, 'W'), stacked(gateR, hidden, 'R')],
      [this.name(scope, op.outputs[0] ?? -1)],
      {
        hidden_size: { kind: 'int', value: hidden },
        layout: { kind: 'int', value: timeMajor || key === 'LSTM' ? 0 : 1 },
        ...(dirs === 2 ? { direction: { kind: 'string', value: 'bidirectional' } } : {}),
      },
    );
  }

  /** SVDF: a feature projection (weights_feature [units x rank, input]) then a time filter over memory. */
  private lowerSvdf(scope: Scope, op: TfliteOperator): void {
    const out = this.name(scope, op.outputs[0] ?? -1);
    const feature = this.tensor(scope, op.inputs[1] ?? -1).shape;
    const batch = this.tensor(scope, op.inputs[0] ?? -1).shape[0] ?? 1;
    const projected = this.temp(scope, out, 'feature', [batch, feature[0] ?? 1]);
    this.emit(
      scope,
      op,
      'Gemm',
      [this.name(scope, op.inputs[0] ?? -1), this.name(scope, op.inputs[1] ?? -1)],
      [projected],
      {
        transB: { kind: 'int', value: 1 },
      },
    );
    // The time filter: each of units x rank filters is a dot product over the memory (weights_time).
    const time = this.tensor(scope, op.inputs[2] ?? -1).shape;
    const memory = this.temp(scope, out, 'memory', [batch, time[0] ?? 1, time[1] ?? 1]);
    this.emit(scope, op, 'Mul', [projected, this.name(scope, op.inputs[2] ?? -1)], [memory]);
    const rest = [op.inputs[3] ?? -1].filter((t) => t >= 0).map((t) => this.name(scope, t));
    this.emit(scope, op, 'ReduceSum', [memory, ...rest], [out], { axes: { kind: 'ints', value: [2] } });
  }

  private subgraph(scope: Scope, op: TfliteOperator, field: string): TfliteSubgraph | undefined {
    const index = op.options[field];
    if (typeof index !== 'number') return undefined;
    const sg = this.model.subgraphs[index];
    if (!sg)
      throw new ModelLoadError(
        this.model.path,
        `${opKey(op)} operator ${op.index} names subgraph ${index}, which does not exist`,
      );
    if (this.expanding.includes(index)) {
      this.notes.push(
        `${opKey(op)} in subgraph ${scope.sg.index} calls subgraph ${index}, which is already being expanded (recursion): not expanded, counted as one 'others' kernel`,
      );
      return undefined;
    }
    return sg;
  }

  /** Binds a body's inputs to the caller's values and expands it; returns the IR names of its outputs. */
  private inline(scope: Scope, body: TfliteSubgraph, args: readonly string[], prefix: string): string[] {
    const bound = new Map<number, string>();
    body.inputs.forEach((t, i) => {
      const arg = args[i];
      if (arg !== undefined && arg !== '') bound.set(t, arg);
    });
    const inner = this.scope(body, prefix, bound);
    this.expand(inner);
    return body.outputs.map((t) => this.name(inner, t));
  }

  /** Makes each of the op's outputs an alias (Identity) of a body's result. */
  private bindOutputs(scope: Scope, op: TfliteOperator, results: readonly string[]): void {
    op.outputs.forEach((t, i) => {
      const r = results[i];
      if (t < 0 || r === undefined) return;
      this.emit(scope, op, 'Identity', [r], [this.name(scope, t)]);
    });
  }

  private opaque(scope: Scope, op: TfliteOperator): void {
    this.emit(
      scope,
      op,
      opKey(op),
      op.inputs.map((t) => this.name(scope, t)),
      op.outputs.map((t) => this.name(scope, t)),
      {},
      'tflite',
    );
  }

  private lowerCall(scope: Scope, op: TfliteOperator, key: 'CALL' | 'IF'): void {
    const args = op.inputs.map((t) => this.name(scope, t));
    if (key === 'CALL') {
      const body = this.subgraph(scope, op, 'subgraph');
      if (!body) return this.opaque(scope, op);
      return this.bindOutputs(scope, op, this.inline(scope, body, args, `${scope.prefix}call${op.index}/`));
    }
    const then = this.subgraph(scope, op, 'then_subgraph_index');
    const otherwise = this.subgraph(scope, op, 'else_subgraph_index');
    const branch = [then, otherwise]
      .filter((b): b is TfliteSubgraph => b !== undefined)
      .sort((a, b) => b.operators.length - a.operators.length)[0];
    if (!branch) return this.opaque(scope, op);
    this.notes.push(
      `IF operator ${op.index}: the larger branch (subgraph ${branch.index}, ${branch.operators.length} ops) is counted`,
    );
    // IF's first input is the condition; the branches take the rest.
    this.bindOutputs(scope, op, this.inline(scope, branch, args.slice(1), `${scope.prefix}if${op.index}/`));
  }

  private lowerWhile(scope: Scope, op: TfliteOperator): void {
    const body = this.subgraph(scope, op, 'body_subgraph_index');
    const cond = this.subgraph(scope, op, 'cond_subgraph_index');
    if (!body) return this.opaque(scope, op);
    const initial = op.inputs.map((t) => (t >= 0 ? this.tensor(scope, t).values?.[0] : undefined));
    const trips = cond ? staticTripCount(cond, body, initial) : undefined;
    const label = `WHILE operator ${op.index} (body subgraph ${body.index}, ${body.operators.length} ops)`;
    let count = trips ?? 1;
    if (trips === undefined)
      this.notes.push(`${label}: its trip count is not static; the body is counted once per inference`);
    const budget = Math.max(
      1,
      Math.floor((MAX_UNROLLED_NODES - this.nodes.length) / Math.max(1, body.operators.length)),
    );
    if (count > budget) {
      if (!this.unrollCapNoted)
        this.notes.push(
          `${label}: ${count} trips exceed the ${MAX_UNROLLED_NODES.toLocaleString('en-US')}-node unrolling limit; ${budget} are counted`,
        );
      this.unrollCapNoted = true;
      count = budget;
    } else if (trips !== undefined) {
      this.notes.push(`${label}: unrolled ${trips} times (a static trip count)`);
    }
    let values = op.inputs.map((t) => this.name(scope, t));
    for (let i = 0; i < count; i++) {
      values = this.inline(scope, body, values, `${scope.prefix}while${op.index}/iter${i}/`);
    }
    this.bindOutputs(scope, op, values);
  }
}

/** Drops omitted optional inputs at the end of an input list (keeps positions of those before). */
function trailing(name: string, i: number, all: readonly string[]): boolean {
  return name !== '' || all.slice(i).some((n) => n !== '');
}

/**
 * The real values of a small constant: quantized ones dequantized (scale x (q - zero point)), so that a
 * matcher reads the 3 and the 1/6 of a hard sigmoid in an INT8 model as it does in an FP32 one.
 * Per-channel quantized constants have no single real value per element here: none are kept.
 */
function realValues(tensor: TfliteTensor): readonly number[] | undefined {
  const q = tensor.quantization;
  if (!tensor.values || !q || q.scale.length === 0) return tensor.values;
  if (q.scale.length !== 1) return undefined;
  const scale = q.scale[0]!;
  const zero = q.zeroPoint[0] ?? 0;
  return tensor.values.map((v) => scale * (v - zero));
}

function irQuantization(tensor: TfliteTensor, image: boolean): Quantization | undefined {
  const q = tensor.quantization;
  if (!q || q.scale.length === 0) return undefined;
  const rank = tensor.shape.length;
  const axis = image && rank === 4 ? NHWC_TO_NCHW_AXIS[q.axis] : q.axis;
  return { scale: q.scale, zeroPoint: q.zeroPoint, ...(q.scale.length > 1 ? { axis } : {}) };
}

/**
 * The trip count of a WHILE whose condition compares loop variables with constants (`i < N`, as the
 * converter writes Keras' RNN loops) and whose body steps those variables by a constant: the smallest
 * count among the compared variables. Undefined when the pattern does not hold.
 */
export function staticTripCount(
  cond: TfliteSubgraph,
  body: TfliteSubgraph,
  initial: readonly (number | undefined)[],
): number | undefined {
  const inputPos = new Map(cond.inputs.map((t, i) => [t, i] as const));
  const constOf = (sg: TfliteSubgraph, t: number | undefined): number | undefined =>
    t === undefined || t < 0 ? undefined : sg.tensors[t]?.values?.[0];
  let best: number | undefined;
  for (const op of cond.operators) {
    if (op.opcode !== 'LESS' && op.opcode !== 'LESS_EQUAL') continue;
    const pos = inputPos.get(op.inputs[0] ?? -1);
    if (pos === undefined) continue;
    const bound = constOf(cond, op.inputs[1]) ?? initial[inputPos.get(op.inputs[1] ?? -1) ?? -1];
    const start = initial[pos];
    const step = bodyStep(body, pos);
    if (bound === undefined || start === undefined || step === undefined || step <= 0) continue;
    const n = Math.max(0, Math.ceil((bound - start + (op.opcode === 'LESS_EQUAL' ? 1 : 0)) / step));
    best = best === undefined ? n : Math.min(best, n);
  }
  return best;
}

/** The constant by which the body adds to loop variable `pos` (output pos = input pos + c). */
function bodyStep(body: TfliteSubgraph, pos: number): number | undefined {
  const input = body.inputs[pos];
  const output = body.outputs[pos];
  for (const op of body.operators) {
    if (op.opcode !== 'ADD' || op.outputs[0] !== output) continue;
    const [a, b] = op.inputs;
    const other = a === input ? b : b === input ? a : undefined;
    const c = other === undefined ? undefined : body.tensors[other]?.values?.[0];
    if (c !== undefined) return c;
  }
  return undefined;
}

export type { ConstValues };
