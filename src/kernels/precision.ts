import { DataType, type NodeIR } from '../onnx/types.js';
import type { FusionContext } from './context.js';

/**
 * The arithmetic a kernel runs in, from the element types its tensors are stored in (either format):
 *
 * | precision      | activations            | weights        | where it comes from                                   |
 * | -------------- | ---------------------- | -------------- | ----------------------------------------------------- |
 * | `fp32`         | float32                | float32 / none | plain exports                                          |
 * | `fp16`         | float16 (or float32)   | float16        | TFLite float16 quantization, ONNX fp16 models           |
 * | `int8`         | int8 / uint8           | int8 / uint8   | full-integer TFLite, ONNX QDQ and QLinear* ops           |
 * | `int8-dynamic` | float32 (quantized on the fly) | int8   | TFLite dynamic range, ONNX DynamicQuantizeLinear        |
 * | `int16x8`      | int16                  | int8 / none    | TFLite 16x8 quantization                               |
 */
export const PRECISIONS = ['fp32', 'fp16', 'int8', 'int8-dynamic', 'int16x8'] as const;
export type Precision = (typeof PRECISIONS)[number];

const INT8 = new Set([DataType.INT8, DataType.UINT8, DataType.INT4, DataType.UINT4]);
const FLOAT16 = new Set([DataType.FLOAT16, DataType.BFLOAT16]);

/** Ops that hold a kernel's main arithmetic: their inputs decide its precision. */
const COMPUTE_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'LSTM', 'GRU', 'RNN', 'Einsum']);

/** Ops that re-type or re-shape a value without computing on it: the stored type is before them. */
const RETYPING_OR_VIEW = new Set([
  'DequantizeLinear',
  'Cast',
  'Identity',
  'Flatten',
  'Reshape',
  'Squeeze',
  'Unsqueeze',
  'Transpose',
]);

/** How a value is stored: the type before any Dequantize/Cast/Identity that only re-types it. */
interface Stored {
  readonly dataType: DataType | undefined;
  /** Quantized on the fly by the model itself (DynamicQuantizeLinear). */
  readonly dynamic: boolean;
}

/** stored() of input `k` of `node`: its first step found by the value's number (one per kernel). */
function storedInput(ctx: FusionContext, node: NodeIR, k: number): Stored {
  const id = ctx.inputNumber(node, k);
  const p = id < 0 ? undefined : ctx.index.producer.byId(id);
  if (p && (RETYPING_OR_VIEW.has(p.opType) || p.opType === 'DynamicQuantizeLinear'))
    return stored(ctx, node.inputs[k]);
  return storedAs(ctx.inputInfo(node, k)?.dataType);
}

/** One Stored per data type (not dynamic): this is asked twice for each of 10^6 kernels. */
const STORED = new Map<DataType | undefined, Stored>();
function storedAs(dataType: DataType | undefined): Stored {
  let known = STORED.get(dataType);
  if (!known) STORED.set(dataType, (known = { dataType, dynamic: false }));
  return known;
}

function stored(ctx: FusionContext, value: string | undefined): Stored {
  let v = value ?? '';
  for (let hops = 0; hops < 8 && v !== ''; hops++) {
    const p = ctx.index.producer.get(v);
    if (!p) break;
    if (RETYPING_OR_VIEW.has(p.opType)) {
      v = p.inputs[0] ?? '';
      continue;
    }
    if (p.opType === 'DynamicQuantizeLinear') return { dataType: DataType.UINT8, dynamic: true };
    break;
  }
  return storedAs(ctx.info(v)?.dataType);
}

/** The precision of a kernel made of `nodes` (in graph order). */
export function kernelPrecision(nodes: readonly NodeIR[], ctx: FusionContext): Precision {
  const anchor = nodes.find((n) => COMPUTE_OPS.has(n.opType)) ?? nodes.find((n) => n.inputs[0]) ?? nodes[0];
  if (!anchor) return 'fp32';
  const act = storedInput(ctx, anchor, 0);
  const weight =
    COMPUTE_OPS.has(anchor.opType) && ctx.isConstantInput(anchor, 1)
      ? storedInput(ctx, anchor, 1)
      : undefined;
  const a = act.dataType;
  const w = weight?.dataType;
  if (a === DataType.INT16 && (w === undefined || INT8.has(w))) return 'int16x8';
  if (a !== undefined && INT8.has(a)) return act.dynamic ? 'int8-dynamic' : 'int8';
  if (w !== undefined && INT8.has(w)) return 'int8-dynamic';
  if ((w !== undefined && FLOAT16.has(w)) || (a !== undefined && FLOAT16.has(a))) return 'fp16';
  return 'fp32';
}

/** A model's precision: the one its work (FLOPs) is in, or `mixed` with each precision's share. */
export interface ModelPrecision {
  /** The precision of at least 99% of the FLOPs, or 'mixed'. */
  readonly label: Precision | 'mixed';
  /** Share of FLOPs (0..1) per precision present, largest first. */
  readonly shares: readonly { readonly precision: Precision; readonly share: number }[];
}

export function modelPrecision(
  kernels: readonly { readonly precision: Precision; readonly flops: number; readonly bytes: number }[],
): ModelPrecision {
  const work = new Map<Precision, number>();
  let total = 0;
  for (const k of kernels) {
    // Kernels with no arithmetic (concat, views) still have a precision: weigh them by their bytes.
    const w = k.flops > 0 ? k.flops : k.bytes / 4;
    work.set(k.precision, (work.get(k.precision) ?? 0) + w);
    total += w;
  }
  const shares = [...work]
    .map(([precision, w]) => ({ precision, share: total > 0 ? w / total : 0 }))
    .sort((x, y) => y.share - x.share || PRECISIONS.indexOf(x.precision) - PRECISIONS.indexOf(y.precision));
  const top = shares[0];
  return { label: !top ? 'fp32' : top.share >= 0.99 ? top.precision : 'mixed', shares };
}

/** 'int8', or 'mixed (int8 82%, fp32 18%)'. */
export function describePrecision(p: ModelPrecision): string {
  if (p.label !== 'mixed') return p.label;
  return `mixed (${p.shares.map((s) => `${s.precision} ${Math.round(s.share * 100)}%`).join(', ')})`;
}
