import type { Precision } from './precision.js';

/**
 * Fused kernels: the unit an edge runtime executes and DeepEn2023's predictors price. A kernel type is
 * a name in the kernel-type catalog (catalog.ts): the built-in ones are those of the measured dataset
 * (data/deepen2023/kernels_cpu.csv), so a predictor trained on it prices them directly, plus
 * `matmul`, `attention` and `layernorm` for transformers and `others`; tests may register more.
 */
export type KernelType = string;

/** Activation fused into a kernel. `relu6` is Clip(0, 6); `swish` is x*sigmoid(x) (SiLU). */
export type Activation =
  | 'none'
  | 'relu'
  | 'relu6'
  | 'hswish'
  | 'swish'
  | 'sigmoid'
  | 'hsigmoid'
  | 'leakyrelu'
  | 'prelu'
  | 'gelu'
  | 'tanh'
  | 'clip';

/** How a kernel differs from the plain form its type names. */
export interface KernelVariant {
  readonly activation?: Activation;
  readonly bias?: boolean;
  /** 'folded': BN weights were folded into the conv by the exporter; 'separate': a BN node is fused in. */
  readonly bn?: 'folded' | 'separate' | 'none';
  /** Conv groups (1 for plain conv, channels for depthwise). */
  readonly groups?: number;
  /** Free text for anything else worth knowing (e.g. 'transposed', 'matmul+add'). */
  readonly note?: string;
}

/**
 * A kernel's configuration in DeepEn2023's terms (the dataset's column names). Spatial inputs are
 * square in the dataset; for non-square inputs HW is sqrt(H*W) rounded (documented in the
 * architecture notes) and H, W keep the real values.
 */
export interface KernelConfig {
  readonly HW?: number;
  readonly H?: number;
  readonly W?: number;
  readonly CIN?: number;
  readonly COUT?: number;
  readonly KERNEL_SIZE?: number;
  readonly STRIDES?: number;
  readonly POOL_STRIDES?: number;
  readonly CIN1?: number;
  readonly CIN2?: number;
  readonly CIN3?: number;
  readonly CIN4?: number;
  /** Transformer kernels: sequence length, hidden size, heads. */
  readonly SEQ?: number;
  readonly HIDDEN?: number;
  readonly HEADS?: number;
}

/** Every KernelConfig field in canonical order: the dataset's configuration columns, then the extensions. */
export const KERNEL_CONFIG_FIELDS = [
  'HW',
  'H',
  'W',
  'CIN',
  'COUT',
  'KERNEL_SIZE',
  'STRIDES',
  'POOL_STRIDES',
  'CIN1',
  'CIN2',
  'CIN3',
  'CIN4',
  'SEQ',
  'HIDDEN',
  'HEADS',
] as const satisfies readonly (keyof KernelConfig)[];

/** The fields this project adds to DeepEn2023's: the real H and W of non-square inputs, and transformers'. */
const EXTENSION_FIELDS: readonly string[] = ['H', 'W', 'SEQ', 'HIDDEN', 'HEADS'];

type DeepEn2023ConfigColumn = Exclude<
  (typeof KERNEL_CONFIG_FIELDS)[number],
  'H' | 'W' | 'SEQ' | 'HIDDEN' | 'HEADS'
>;

/** The configuration columns of DeepEn2023's kernel CSV, in the file's order. */
export const DEEPEN2023_CONFIG_COLUMNS: readonly DeepEn2023ConfigColumn[] = KERNEL_CONFIG_FIELDS.filter(
  (f): f is DeepEn2023ConfigColumn => !EXTENSION_FIELDS.includes(f),
);

/** Counts for one kernel, per single inference at the analysed input shape. */
export interface KernelCost {
  /** Multiply-accumulates of Conv, ConvTranspose, Gemm, MatMul and Einsum. */
  readonly macs: number;
  /** 2 x MACs plus elementwise, pooling and normalisation work. */
  readonly flops: number;
  /**
   * Elements of the weights the kernel reads (initializers and constant inputs); a weight shared by
   * several kernels counts in the first only, so that the model's total is its size.
   */
  readonly params: number;
  /**
   * Elements of the weights the kernel reads, shared or not: what it is priced by. An unrolled
   * recurrent step reads the same weights as the first step, a tied output layer the embedding's.
   */
  readonly ownParams: number;
  /** Memory traffic: bytes of activations in + activations out + weights. */
  readonly bytes: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly weightBytes: number;
  /**
   * Elements of the weights this kernel reads, whether or not another kernel read them first: unlike
   * `params`, where a weight shared by kernels counts once, in the first (so the model's total is its
   * size), this is what the kernel moves on every inference.
   */
  readonly weightElements: number;
}

export interface Kernel extends KernelCost {
  /** Stable, readable name: the first node's name. */
  readonly name: string;
  readonly type: KernelType;
  readonly variant: KernelVariant;
  /** Names of the ONNX nodes fused into the kernel, in graph order. */
  readonly nodes: readonly string[];
  readonly opTypes: readonly string[];
  /** Shapes of the activation inputs (weights excluded) and outputs, as analysed. */
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShapes: readonly (readonly number[])[];
  readonly config: KernelConfig;
  /** The DeepEn2023 feature vector of the type (config fields plus FLOPs and params), by name. */
  readonly features: Readonly<Record<string, number>>;
  /** The arithmetic it runs in, from its tensors' stored types (src/kernels/precision.ts). */
  readonly precision: Precision;
}

/** Why a node is not part of any kernel: the runtime never executes it as work of its own. */
export type FoldReason =
  /** A Constant node: its value is baked into the model. */
  | 'constant'
  /** Integer/bool arithmetic on shapes or other compile-time constants (Shape -> Gather -> Concat...). */
  | 'shape-arithmetic'
  /** Float work whose inputs are all constants: computed once when the model is loaded. */
  | 'constant-folding'
  | 'identity'
  /** Dropout is the identity at inference time. */
  | 'dropout'
  /**
   * QuantizeLinear/DequantizeLinear (TFLite QUANTIZE/DEQUANTIZE): the runtime fuses them into the
   * integer kernels beside them (or, on constant weights, applies them once at load).
   */
  | 'quantization'
  /** An NCHW <-> NHWC Transpose of an image, which runtimes' layout optimisers cancel. */
  | 'layout'
  /** Reshape, Flatten, Squeeze, Unsqueeze that no kernel absorbs: a new shape over the same data. */
  | 'view';

export interface FoldedNode {
  readonly node: string;
  readonly opType: string;
  readonly reason: FoldReason;
}

/** The result of kernel detection: every node of the graph is in exactly one kernel or in `folded`. */
export interface Detection {
  readonly kernels: readonly Kernel[];
  readonly folded: readonly FoldedNode[];
  /**
   * Elements of initializers that no kernel reads (read only by folded nodes, or by nothing). Kernel
   * params plus this equal the elements of all initializers, plus those of Constant-node tensors
   * that kernels read as weights (a Conv weight stored in a Constant node, say).
   */
  readonly unattributedParams: number;
  readonly warnings: readonly string[];
}

/** Raised for invalid fusion rules or kernel configurations; names the file or field and the problem. */
export class KernelError extends Error {
  constructor(
    readonly where: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${problem}`, options);
    this.name = 'KernelError';
  }
}
