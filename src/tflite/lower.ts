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
 * shared, counted once), else once with a note; CALL/IF bodies are inlined (IF: the branch a constant
 * condition selects, else the larger one);
 * CALL_ONCE initialisers run once at load time and are skipped. A subgraph reached again while it is
 * being expanded is not expanded (a note says so).
 *
 * This file holds the expansion (scopes, names, layouts, subgraphs); the table of operators is
 * src/tflite/ops.ts, the TFLite conventions src/tflite/conventions.ts.
 */
import { DataType, ModelLoadError } from '../onnx/types.js';
import type {
  AttributeValue,
  DeclaredShape,
  FixedDim,
  ModelIR,
  NodeIR,
  Quantization,
  TensorInfo,
  ValueInfo,
} from '../onnx/types.js';
import { unrollPlan } from '../onnx/unrolling.js';
import {
  LAYOUT_PRESERVING,
  NHWC_TO_NCHW_AXIS,
  opKey,
  SPATIAL,
  tfliteDataType,
  toNchw,
} from './conventions.js';
import { staticTripCount } from './control-flow.js';
import { lowerOperator, type Activation, type EmitNode, type OpLowering, type Scope } from './ops.js';
import type { TfliteModel, TfliteOperator, TfliteSubgraph, TfliteTensor } from './types.js';

/** Lowers a decoded TFLite model to the IR. */
export function lowerTflite(model: TfliteModel): ModelIR {
  return new Lowering(model).run();
}

class Lowering implements OpLowering {
  private readonly nodes: NodeIR[] = [];
  readonly initializers = new Map<string, TensorInfo>();
  readonly shapes = new Map<string, DeclaredShape>();
  readonly notes: string[] = [];
  private readonly usedNames = new Set<string>();
  private readonly constNames = new Map<string, string>();
  private readonly nodeNames = new Set<string>();
  private namedOp: TfliteOperator | undefined;
  private namedScope: Scope | undefined;
  private readonly expanding: number[] = [];
  private readonly layoutCache = new Map<number, Set<number>>();
  private readonly weightDimsCache = new Map<number, Map<number, readonly number[]>>();
  private unrollCapNoted = false;
  private readonly fixedDims: FixedDim[] = [];

  constructor(readonly model: TfliteModel) {}

  run(): ModelIR {
    const main = this.model.subgraphs[0];
    if (!main) throw new ModelLoadError(this.model.path, 'the model has no subgraph');
    const scope = this.scope(main, '', new Map());
    const inputs: ValueInfo[] = main.inputs
      .filter((t) => t >= 0 && !this.isConstant(main, t))
      .map((t) => this.valueInfo(scope, t));
    for (const t of main.inputs) if (t >= 0) this.noteDynamicDims(main.tensors[t], this.name(scope, t));
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
      ...(this.fixedDims.length > 0 ? { fixedDims: this.fixedDims } : {}),
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

  tensor(scope: Scope, t: number): TfliteTensor {
    const tensor = scope.sg.tensors[t];
    if (!tensor) throw new ModelLoadError(this.model.path, `subgraph ${scope.sg.index} has no tensor ${t}`);
    return tensor;
  }

  /** The IR name of a tensor, registering its initializer or declared shape on first use. */
  name(scope: Scope, t: number): string {
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

  unique(base: string): string {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}#${i}`;
    this.usedNames.add(name);
    return name;
  }

  irDims(scope: Scope, t: number): readonly number[] {
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
  temp(scope: Scope, like: string, suffix: string, shape?: readonly number[]): string {
    const name = this.unique(`${like}:${suffix}`);
    const s = this.shapes.get(like);
    if (s) this.shapes.set(name, { dataType: s.dataType, shape: shape ?? s.shape, constant: false });
    void scope;
    return name;
  }

  /** A small constant the lowering needs (Clip bounds, Reshape targets, pads). */
  constant(values: readonly number[], dataType: DataType, dims: readonly number[], hint: string): string {
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

  axis(scope: Scope, t: number, axis: number): number {
    const rank = this.tensor(scope, t).shape.length;
    const a = axis < 0 ? axis + rank : axis;
    return scope.images.has(t) && rank === 4 ? NHWC_TO_NCHW_AXIS[a]! : a;
  }

  // ---------------------------------------------------------------- expansion

  private expand(scope: Scope): void {
    this.expanding.push(scope.sg.index);
    try {
      for (const op of scope.sg.operators) lowerOperator(this, scope, op);
    } finally {
      this.expanding.pop();
    }
  }

  readonly emit: EmitNode = (scope, op, opType, inputs, outputs, attributes = {}, domain = '') => {
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
  };

  /** Emits `opType` writing the op's output through its fused activation, when it has one. */
  emitActivated(
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

  activation(scope: Scope, op: TfliteOperator, act: Activation, x: string, out: string): void {
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

  /**
   * An input converted with dynamic sizes (shape_signature -1) declares a placeholder (usually 1) in
   * its shape, and every shape after it follows: the analysis is that of the placeholder input. A
   * dynamic leading (batch) dim alone is the usual Keras export, analysed at batch 1 without a word.
   */
  private noteDynamicDims(tensor: TfliteTensor | undefined, input: string): void {
    const signature = tensor?.shapeSignature;
    if (!tensor || !signature) return;
    const axes = signature.flatMap((d, axis) => (d === -1 && axis > 0 ? [axis] : []));
    if (axes.length === 0) return;
    const declared = `[${signature.join(', ')}]`;
    for (const axis of axes)
      if ((tensor.shape[axis] ?? 1) <= 1)
        this.fixedDims.push({ input, axis, rank: signature.length, declared });
    this.notes.push(
      `input '${tensor.name}' has dynamic dims (axis ${axes.join(', ')} of [${signature.join(', ')}]): ` +
        `analysed at the size the file declares, [${tensor.shape.join(', ')}]; --dim does not change a ` +
        `TFLite model's shapes, so convert it with the deployed input size to analyse that`,
    );
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

  lowerCall(scope: Scope, op: TfliteOperator, key: 'CALL' | 'IF'): void {
    const args = op.inputs.map((t) => this.name(scope, t));
    if (key === 'CALL') {
      const body = this.subgraph(scope, op, 'subgraph');
      if (!body) return this.opaque(scope, op);
      return this.bindOutputs(scope, op, this.inline(scope, body, args, `${scope.prefix}call${op.index}/`));
    }
    const branch = this.ifBranch(scope, op);
    if (!branch) return this.opaque(scope, op);
    // IF's first input is the condition; the branches take the rest.
    this.bindOutputs(scope, op, this.inline(scope, branch, args.slice(1), `${scope.prefix}if${op.index}/`));
  }

  /** The branch of an IF to count, with a note: the one a constant condition selects, else the larger. */
  private ifBranch(scope: Scope, op: TfliteOperator): TfliteSubgraph | undefined {
    const condition = op.inputs[0] ?? -1;
    const constant = condition >= 0 && this.isConstant(scope.sg, condition);
    const value = constant ? this.tensor(scope, condition).values?.[0] : undefined;
    if (value !== undefined) {
      const which = value !== 0 ? 'then' : 'else';
      const branch = this.subgraph(scope, op, `${which}_subgraph_index`);
      if (branch)
        this.notes.push(
          `IF operator ${op.index}: its condition is the constant ${value !== 0}; the ${which} branch (subgraph ${branch.index}, ${branch.operators.length} ops) is counted`,
        );
      return branch;
    }
    const branch = [
      this.subgraph(scope, op, 'then_subgraph_index'),
      this.subgraph(scope, op, 'else_subgraph_index'),
    ]
      .filter((b): b is TfliteSubgraph => b !== undefined)
      .sort((x, y) => y.operators.length - x.operators.length)[0];
    if (branch)
      this.notes.push(
        `IF operator ${op.index}: its condition is known only when the model runs; the larger branch (subgraph ${branch.index}, ${branch.operators.length} ops) is counted`,
      );
    return branch;
  }

  lowerWhile(scope: Scope, op: TfliteOperator): void {
    const body = this.subgraph(scope, op, 'body_subgraph_index');
    const cond = this.subgraph(scope, op, 'cond_subgraph_index');
    if (!body) return this.opaque(scope, op);
    const initial = op.inputs.map((t) => (t >= 0 ? this.tensor(scope, t).values?.[0] : undefined));
    const trips = cond ? staticTripCount(cond, body, initial) : undefined;
    // The condition runs once more than the body; its ops (comparisons of loop counters, as the
    // converter writes them) are said, not priced.
    const condOps =
      cond && cond.operators.length > 0
        ? `; condition subgraph ${cond.index}, ${cond.operators.length} ops, not priced`
        : '';
    const label = `WHILE operator ${op.index} (body subgraph ${body.index}, ${body.operators.length} ops${condOps})`;
    const plan = unrollPlan(label, trips, body.operators.length, this.nodes.length);
    if (!plan.capped || !this.unrollCapNoted) this.notes.push(plan.note);
    if (plan.capped) this.unrollCapNoted = true;
    const count = plan.count;
    let values = op.inputs.map((t) => this.name(scope, t));
    for (let i = 0; i < count; i++) {
      values = this.inline(scope, body, values, `${scope.prefix}while${op.index}/iter${i}/`);
    }
    this.bindOutputs(scope, op, values);
  }
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
