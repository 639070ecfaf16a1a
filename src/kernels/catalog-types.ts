import type { OnnxNode } from '../onnx/types.js';
import type { FusionContext } from './context.js';
import type { KernelModel, KernelModelOptions } from './kernel-model.js';
import type { KernelConfig, KernelVariant } from './types.js';

/**
 * What one kernel type is, everywhere the engine needs it: the entry type of the kernel-type catalog
 * (catalog.ts). Every module that treats types differently reads these fields instead of keeping its
 * own table.
 */

/** A configuration field (DeepEn2023's column names plus the transformer extensions). */
export type ConfigField = keyof KernelConfig;

/** A name of the DeepEn2023 feature vector: configuration fields, plus FLOPs and the executed weights. */
export type KernelFeature = ConfigField | 'FLOPS' | 'PARAMS';

/**
 * How a kernel's work scales across processors: dense arithmetic at the compute rate, the rest at the
 * memory rate, each group as a GPU delegate runs it (predict/gpu-cost.ts); `compute` is also the
 * compute-bound class of CPU transfer factors (predict/bundle.ts kernelClass), every other one memory.
 */
export const WORK_CLASSES = ['compute', 'depthwise', 'pool', 'concat', 'elementwise'] as const;
export type WorkClass = (typeof WORK_CLASSES)[number];

/** The nodes of a kernel a matcher found at an anchor node, and how the kernel differs from its plain form. */
export interface Match {
  readonly nodes: readonly OnnxNode[];
  readonly variant: KernelVariant;
}

/**
 * A type's own matcher, for a type that none of the fusion rules' shared matchers (rules.json) finds:
 * tried at nodes of its anchor op types (default domain), before the fusion rules.
 */
export interface CatalogMatcher {
  readonly anchorOps: readonly string[];
  readonly match: (ctx: FusionContext, node: OnnxNode) => Match | undefined;
}

/** What configuration extraction knows about a detected kernel (features.ts kernelConfig). */
export interface ConfigInputs {
  readonly nodes: readonly OnnxNode[];
  /** Activation inputs of the kernel (values), in graph order. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly ctx: FusionContext;
  /** The first activation's shape, NCHW (an NHWC input already read as N, C, H, W). */
  readonly first: readonly number[] | undefined;
  /** The spatial configuration every type starts from: HW, H, W, CIN (and SEQ for B, S, D tensors). */
  readonly base: KernelConfig;
}

/** A configuration range to sample from (measure). */
export type FieldRange =
  /** One of these values (spatial sizes, kernel sizes and strides: the values real networks use). */
  | { readonly kind: 'choice'; readonly values: readonly number[] }
  /** An integer in [min, max], drawn log-uniformly (channel counts span three decades). */
  | { readonly kind: 'int'; readonly min: number; readonly max: number; readonly multipleOf?: number };

export interface KernelSpace {
  readonly fields: Readonly<Partial<Record<ConfigField, FieldRange>>>;
  /**
   * Largest work measured for the type (MACs for conv, dwconv and fc; elements moved otherwise),
   * scaled up where the paper's kernel-level summary reports larger kernels than the CSV holds
   * (kernel_level_summary.csv cpu_energy_max_mj / the CSV's largest energy). Larger draws are rejected.
   */
  readonly maxWork: number;
  /** Largest weight count measured (conv: CIN x COUT x KS^2, fc: CIN x COUT); larger draws are rejected. */
  readonly maxParams?: number;
}

/** Measure's configuration space of a type and the rules a drawn configuration must keep. */
export interface KernelSampling extends KernelSpace {
  /** Work of a configuration in the units of `maxWork`. */
  readonly work: (config: KernelConfig) => number;
  /** Weight elements of a configuration, checked against `maxParams` (absent: 0). */
  readonly weights?: (config: KernelConfig) => number;
  /**
   * Trailing inputs that may be absent (written as 0): concat's CIN3, CIN4. A draw picks how many are
   * present; a grid adds 0 to their values; an absent one before a present one is rejected.
   */
  readonly optional?: readonly ConfigField[];
  /** Rejects configurations the type cannot have (a pool window larger than its input). */
  readonly consistent?: (config: KernelConfig) => boolean;
  /** Fields that follow from the drawn ones (pools: POOL_STRIDES = STRIDES). */
  readonly complete?: (config: Record<string, number>) => void;
}

/** The one-kernel ONNX model of a configuration, built as nn-Meter's kernel builders build them. */
export interface KernelGenerator {
  /**
   * The configuration columns the model is built from (docs/predictor-csv.md, "per type"); an inner
   * list means "one of these". A CSV row must give them. A generator that reads HW gets it checked first.
   */
  readonly columns: readonly (readonly ConfigField[])[];
  /** CSV columns an empty cell of which reads as 0 (concat's absent inputs). */
  readonly zeroWhenEmpty?: readonly ConfigField[];
  /** Adds the kernel to the model and returns its outputs. */
  readonly build: (m: KernelModel, config: KernelConfig, options: KernelModelOptions) => readonly string[];
}

export interface KernelTypeEntry {
  /** The type's name: in analysis documents, kernel CSVs, bundle manifests and the report schema. */
  readonly name: string;
  /** DeepEn2023 feature vector of the type, in order (units: KERNEL_FEATURE_UNITS). */
  readonly features: readonly KernelFeature[];
  /** Rank-3 activations read as N, C, L (conv, pools, BN, SE) rather than B, S, D. */
  readonly channelFirst: boolean;
  /** Configuration beyond the base one (features.ts); absent: the base configuration. */
  readonly config?: (inputs: ConfigInputs) => KernelConfig;
  /** PARAMS counts the weights as executed (conv/fc weight plus a bias per output channel); else 0. */
  readonly executedWeights?: boolean;
  readonly workClass: WorkClass;
  /** nn-Meter's feature vector (predict/forest.ts); absent: HW, CIN. */
  readonly nnMeterFeatures?: readonly string[];
  /** Its own matcher (see CatalogMatcher); absent: found by the fusion rules that name the type. */
  readonly matcher?: CatalogMatcher;
  /** The generator of `measure` and `train`; absent: analysis-only, priced by a bundle's fallback. */
  readonly generator?: KernelGenerator;
  /** Measure's configuration space; absent: not sampled. */
  readonly sampling?: KernelSampling;
}

/** Units of the DeepEn2023 features (analysis documents list features by these names). */
export const KERNEL_FEATURE_UNITS: Readonly<Record<KernelFeature, string>> = {
  HW: 'px',
  H: 'px',
  W: 'px',
  CIN: 'channels',
  COUT: 'channels',
  KERNEL_SIZE: 'px',
  STRIDES: 'px',
  POOL_STRIDES: 'px',
  CIN1: 'channels',
  CIN2: 'channels',
  CIN3: 'channels',
  CIN4: 'channels',
  SEQ: 'tokens',
  HIDDEN: 'channels',
  HEADS: 'heads',
  FLOPS: 'FLOP',
  PARAMS: 'elements',
};
