import { readFileSync } from 'node:fs';
import { detectKernels, type FoldedNode } from '../kernels/detect.js';
import { modelPrecision, type ModelPrecision } from '../kernels/precision.js';
import type { Kernel } from '../kernels/types.js';
import { indexGraph } from '../onnx/graph.js';
import { resolveShapesAtRuntime } from '../onnx/runtime-shapes.js';
import { DEFAULT_SYMBOLIC_DIM, declaredShapeResult, inferShapes, inputDimName } from '../onnx/shapes.js';
import type { ShapeResult } from '../onnx/shape-types.js';
import { inflateModel } from '../onnx/source.js';
import { ModelLoadError, type ModelFormat, type ModelIR } from '../onnx/types.js';
import { normaliseQuantizedOps } from '../onnx/quantized.js';
import { inlineControlFlow } from '../onnx/control-flow.js';
import { readModelBuffer, readModelFile } from './read.js';

export interface AnalyzeOptions {
  /** Values for symbolic dims (`--dim batch=4`). */
  readonly dims?: Readonly<Record<string, number>>;
  /**
   * Run the model once in onnxruntime when static inference cannot decide a shape (default true).
   * Off where model bytes must not reach native code (the action's publish mode).
   */
  readonly runtimeFallback?: boolean;
}

/** A symbolic dim of a graph input that no value was given for, so it was bound to DEFAULT_SYMBOLIC_DIM. */
export interface DefaultedDim {
  /** The name `--dim` sets it by: its own, or for an unnamed dim INPUT:AXIS (inputDimName). */
  readonly name: string;
  readonly input: string;
  readonly axis: number;
  /** The input's rank. */
  readonly rank: number;
  /** The input's declared shape, symbolic dims by name: "[batch, 3, H, W]". */
  readonly declared: string;
  /** The file fixes it (OnnxModel.fixedDims): `--dim` cannot set it, the model must be converted again. */
  readonly fixed?: true;
}

export interface AnalysisTotals {
  readonly macs: number;
  readonly flops: number;
  /** Elements of all initializers, and of the Constant-node tensors kernels read as weights (each once). */
  readonly params: number;
  /** Memory traffic summed over kernels. */
  readonly bytes: number;
  readonly kernels: number;
}

export interface ModelAnalysis {
  readonly model: {
    readonly path: string;
    readonly format: ModelFormat;
    /** ONNX: the default domain's opset; TFLite: 0 (its schema version is in `producer`). */
    readonly opset: number;
    readonly irVersion: number;
    readonly producer: string;
    readonly fileBytes: number;
    readonly weightBytes: number;
  };
  /** How shapes were decided: 'static' inference alone, or a 'runtime' run for what it could not decide. */
  readonly shapesDecidedBy: 'static' | 'runtime';
  readonly boundDims: Readonly<Record<string, number>>;
  /** Symbolic input dims no value was given for (each bound to 1), one entry per input and axis. */
  readonly defaultedDims: readonly DefaultedDim[];
  readonly totals: AnalysisTotals;
  /** The precision the model's work runs in (mixed: each precision's share of FLOPs). */
  readonly precision: ModelPrecision;
  readonly kernels: readonly Kernel[];
  readonly folded: readonly FoldedNode[];
  readonly warnings: readonly string[];
}

/** Analyses a model file (ONNX or TFLite, plain or gzip'd). Errors are ModelLoadError naming the file. */
export async function analyzeFile(path: string, options: AnalyzeOptions = {}): Promise<ModelAnalysis> {
  const model = await readModelFile(path);
  return analyzeModel(model, options, () => readModelBytes(path));
}

/** Analyses model bytes held in memory (a blob read from git, a generated model). */
export async function analyzeBytes(
  bytes: Uint8Array,
  path: string,
  options: AnalyzeOptions = {},
): Promise<ModelAnalysis> {
  const model = await readModelBuffer(bytes, path);
  return analyzeModel(model, options, () => inflateModel(bytes, path));
}

export async function analyzeModel(
  source: ModelIR,
  options: AnalyzeOptions,
  bytes: () => Uint8Array,
): Promise<ModelAnalysis> {
  const dimOptions = options.dims ? { dims: options.dims } : {};
  const normalised = normaliseQuantizedOps(source);
  const model = normalised.declaredShapes ? normalised : inlineControlFlow(normalised, dimOptions);
  const index = indexGraph(model.graph, model.path);
  const defaulted = defaultedDims(model, options.dims);
  let shapes: ShapeResult;
  try {
    shapes = model.declaredShapes ? declaredShapeResult(model, index) : inferShapes(model, index, dimOptions);
    if (shapes.unresolved.length > 0 && options.runtimeFallback !== false && model.format === 'onnx') {
      shapes = await resolveShapesAtRuntime(model, bytes(), shapes);
    }
  } catch (error) {
    throw error instanceof ModelLoadError ? withDefaultedDimsHint(error, defaulted) : error;
  }
  const detection = detectKernels(model, index, shapes);
  // Detection's sum, not the initializers': exporters such as Paddle2ONNX hold every weight in a
  // Constant node and have no initializer at all.
  let params = detection.unattributedParams;
  // One pass, in kernel order (so the sums are those of three passes).
  let macs = 0;
  let flops = 0;
  let traffic = 0;
  for (const k of detection.kernels) {
    macs += k.macs;
    flops += k.flops;
    traffic += k.bytes;
    params += k.params;
  }
  const totals: AnalysisTotals = {
    macs,
    flops,
    params,
    bytes: traffic,
    kernels: detection.kernels.length,
  };
  return {
    model: {
      path: model.path,
      format: model.format,
      opset: model.format === 'onnx' ? (model.opsets.get('') ?? 0) : 0,
      irVersion: model.irVersion,
      producer: [model.producer.name, model.producer.version].filter(Boolean).join(' '),
      fileBytes: model.fileBytes,
      weightBytes: model.weightBytes,
    },
    shapesDecidedBy: shapes.decidedBy,
    boundDims: shapes.boundDims,
    defaultedDims: defaulted,
    totals,
    precision: modelPrecision(detection.kernels),
    kernels: detection.kernels,
    folded: detection.folded,
    warnings: [...(model.readerNotes ?? []), ...shapes.warnings, ...detection.warnings],
  };
}

/**
 * A shape error met with symbolic dims bound to 1 often comes from that 1 (a window longer than a
 * one-sample sequence, an image of one pixel): the error names those dims and how to set them.
 */
function withDefaultedDimsHint(error: ModelLoadError, defaulted: readonly DefaultedDim[]): ModelLoadError {
  const settable = defaulted.filter((d) => !d.fixed);
  const sized = sizeDimsDefaulted(settable);
  const dims = sized.length > 0 ? sized : settable;
  if (dims.length === 0) return error;
  const names = [...new Set(dims.map((d) => d.name))];
  const problem = error.message.slice(error.file.length + 2);
  return new ModelLoadError(
    error.file,
    `${problem} (with symbolic dims set to ${DEFAULT_SYMBOLIC_DIM}: ${names.join(', ')}; give the real sizes with ${names.map((d) => `--dim ${d}=N`).join(' ')})`,
    { cause: error },
  );
}

function defaultedDims(model: ModelIR, given: AnalyzeOptions['dims']): DefaultedDim[] {
  const out: DefaultedDim[] = [];
  for (const input of model.graph.inputs) {
    if (input.nonTensor || !input.shape) continue;
    const declared = `[${input.shape.map((d) => (typeof d === 'string' && d.startsWith('?') ? '?' : d)).join(', ')}]`;
    const rank = input.shape.length;
    input.shape.forEach((d, axis) => {
      if (typeof d !== 'string') return;
      const name = inputDimName(d, input.name, axis);
      if (!given || !Object.hasOwn(given, name)) out.push({ name, input: input.name, axis, rank, declared });
    });
  }
  for (const d of model.fixedDims ?? [])
    out.push({ name: inputDimName('?', d.input, d.axis), ...d, fixed: true });
  return out;
}

/**
 * The defaulted dims that are not a leading batch-like dim: a dim that sizes an input past its first
 * axis (height, width, sequence) and was set to 1 makes the analysis one of a different, tiny input.
 * A name that leads an input of rank 2 or more is the batch wherever else it stands (an RNN state
 * [layers, batch, hidden] beside input [batch, samples]); a 1-D input's only dim ([seq] position ids)
 * says nothing. Names in first-seen order.
 */
export function sizeDimsDefaulted(defaulted: readonly DefaultedDim[]): DefaultedDim[] {
  const batch = new Set(defaulted.filter((d) => d.axis === 0 && d.rank >= 2).map((d) => d.name));
  const seen = new Set<string>();
  const out: DefaultedDim[] = [];
  for (const d of defaulted) {
    if (d.axis === 0 || batch.has(d.name) || seen.has(d.name)) continue;
    seen.add(d.name);
    out.push(d);
  }
  return out;
}

/**
 * Given dims the model has no symbolic dim for (they change nothing), and a phrase naming the dims it
 * has, for the messages that say so.
 */
export function unusedDims(
  dims: Readonly<Record<string, number>> | undefined,
  analysis: { readonly boundDims: Readonly<Record<string, number>> },
): { readonly unused: readonly string[]; readonly has: string } {
  const unused = Object.keys(dims ?? {}).filter((d) => !Object.hasOwn(analysis.boundDims, d));
  const named = Object.keys(analysis.boundDims);
  const has =
    named.length > 0
      ? `its symbolic dims are ${named.join(', ')}`
      : 'it has no named symbolic dims (its input shapes are static)';
  return { unused, has };
}

function readModelBytes(path: string): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new ModelLoadError(
      path,
      `cannot read the file (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
  return inflateModel(raw, path);
}
