import { readFileSync } from 'node:fs';
import { detectKernels, type FoldedNode } from '../kernels/detect.js';
import type { Kernel } from '../kernels/types.js';
import { decodeModelBytes, decodeModelFile } from '../onnx/decode.js';
import { indexGraph } from '../onnx/graph.js';
import { resolveShapesAtRuntime } from '../onnx/runtime-shapes.js';
import { inferShapes } from '../onnx/shapes.js';
import { inflateModel } from '../onnx/source.js';
import { ModelLoadError, type OnnxModel } from '../onnx/types.js';

export interface AnalyzeOptions {
  /** Values for symbolic dims (`--dim batch=4`). */
  readonly dims?: Readonly<Record<string, number>>;
  /**
   * Run the model once in onnxruntime when static inference cannot decide a shape (default true).
   * Off where model bytes must not reach native code (the action's publish mode).
   */
  readonly runtimeFallback?: boolean;
}

export interface AnalysisTotals {
  readonly macs: number;
  readonly flops: number;
  /** Elements of all initializers (each counted once). */
  readonly params: number;
  /** Memory traffic summed over kernels. */
  readonly bytes: number;
  readonly kernels: number;
}

export interface ModelAnalysis {
  readonly model: {
    readonly path: string;
    readonly opset: number;
    readonly irVersion: number;
    readonly producer: string;
    readonly fileBytes: number;
    readonly weightBytes: number;
  };
  /** How shapes were decided: 'static' inference alone, or a 'runtime' run for what it could not decide. */
  readonly shapesDecidedBy: 'static' | 'runtime';
  readonly boundDims: Readonly<Record<string, number>>;
  readonly totals: AnalysisTotals;
  readonly kernels: readonly Kernel[];
  readonly folded: readonly FoldedNode[];
  readonly warnings: readonly string[];
}

/** Analyses a model file (plain or gzip'd ONNX). Errors are ModelLoadError naming the file. */
export async function analyzeFile(path: string, options: AnalyzeOptions = {}): Promise<ModelAnalysis> {
  const model = decodeModelFile(path);
  return analyzeModel(model, options, () => readModelBytes(path));
}

/** Analyses model bytes held in memory (a blob read from git, a generated model). */
export async function analyzeBytes(
  bytes: Uint8Array,
  path: string,
  options: AnalyzeOptions = {},
): Promise<ModelAnalysis> {
  const plain = inflateModel(bytes, path);
  const model = decodeModelBytes(plain, { path });
  return analyzeModel(model, options, () => plain);
}

export async function analyzeModel(
  model: OnnxModel,
  options: AnalyzeOptions,
  bytes: () => Uint8Array,
): Promise<ModelAnalysis> {
  const index = indexGraph(model.graph, model.path);
  let shapes = inferShapes(model, index, options.dims ? { dims: options.dims } : {});
  if (shapes.unresolved.length > 0 && options.runtimeFallback !== false) {
    shapes = await resolveShapesAtRuntime(model, bytes(), shapes);
  }
  const detection = detectKernels(model, index, shapes);
  let params = 0;
  for (const t of model.graph.initializers.values()) params += t.elements;
  const totals: AnalysisTotals = {
    macs: sum(detection.kernels, (k) => k.macs),
    flops: sum(detection.kernels, (k) => k.flops),
    params,
    bytes: sum(detection.kernels, (k) => k.bytes),
    kernels: detection.kernels.length,
  };
  return {
    model: {
      path: model.path,
      opset: model.opsets.get('') ?? 0,
      irVersion: model.irVersion,
      producer: [model.producer.name, model.producer.version].filter(Boolean).join(' '),
      fileBytes: model.fileBytes,
      weightBytes: model.weightBytes,
    },
    shapesDecidedBy: shapes.decidedBy,
    boundDims: shapes.boundDims,
    totals,
    kernels: detection.kernels,
    folded: detection.folded,
    warnings: [...shapes.warnings, ...detection.warnings],
  };
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

function sum<T>(xs: readonly T[], f: (x: T) => number): number {
  let s = 0;
  for (const x of xs) s += f(x);
  return s;
}
