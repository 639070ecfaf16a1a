import type { BudgetStatus, ChangeKind, LimitReason } from '../config/budgets.js';
import type { DeviceTarget, Percent } from '../config/types.js';
import type { Precision } from '../kernels/precision.js';
import type { KernelType } from '../kernels/types.js';
import type { ModelFormat } from '../onnx/types.js';
import type { OutOfSampleAccuracy, Processor } from '../predict/manifest.js';
import type { EnergyMillijoules, PredictionTarget } from '../predict/units.js';

export type {
  BudgetStatus,
  ChangeKind,
  EnergyMillijoules,
  LimitReason,
  OutOfSampleAccuracy,
  Percent,
  Processor,
};

/**
 * The comparison of a pull request's models against their merge-base versions: the contract between
 * the engine (compare/), the renderers (report/) and the action's JSON report (publish mode reads it
 * back, validated against src/compare/report-schema.json).
 */

/** Letter grades, best first. */
export type Grade = 'A+' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** A device x processor that a predictor bundle prices. */
export interface Target extends DeviceTarget {
  readonly bundle: string;
  readonly deviceName: string;
}

/** One model's predicted energy on one target. */
export interface TargetEnergy {
  readonly energyMj: EnergyMillijoules;
  readonly energyRangeMj: readonly [EnergyMillijoules, EnergyMillijoules];
  readonly latencyMs?: number;
  /** 100 x reference energy / energy: higher is better, 100 = MobileNetV1-224 (src/compare/score.ts). */
  readonly score: number;
  readonly grade: Grade;
  /** Inferences one percent of the device's battery pays for; absent when the battery is unknown. */
  readonly inferencesPerBatteryPercent?: number;
  /** Share of the energy priced by the bundle's `others` fallback, and the kernel types it priced. */
  readonly fallbackShare: number;
  readonly fallbackTypes: readonly KernelType[];
  /**
   * Share of the energy from kernels more than 25% beyond the sizes (FLOPs, bytes) their regressor was
   * trained on, and their types; absent in reports from before it was computed.
   */
  readonly extrapolatedShare?: number;
  readonly extrapolatedTypes?: readonly KernelType[];
  /**
   * Share of the energy from kernels of a precision nothing was published for on this target (priced
   * as fp32 with a widened range), and those precisions; absent when none.
   */
  readonly unpublishedPrecisionShare?: number;
  readonly unpublishedPrecisions?: readonly Precision[];
  /** Energy by kernel type. */
  readonly byType: Readonly<Partial<Record<KernelType, EnergyMillijoules>>>;
}

export interface KernelChange {
  readonly name: string;
  /** The base kernel's name when it was paired with a differently named head kernel (a re-export). */
  readonly baseName?: string;
  readonly type: KernelType;
  readonly baseMj?: EnergyMillijoules;
  readonly headMj?: EnergyMillijoules;
  readonly deltaMj: EnergyMillijoules;
}

/**
 * Why a target's budget is not a plain pass, as data (report/reasons.ts words it): a budget's limit
 * crossed; an increase under `fail-on: regression`; a changed model without a baseline (its increase
 * limits unchecked); size dims set to 1 (the energy of a tiny input).
 */
export type BudgetReason =
  | LimitReason
  | { readonly kind: 'regression'; readonly deltaPct?: Percent }
  | { readonly kind: 'no-baseline' }
  | { readonly kind: 'unset-dims'; readonly dims: readonly string[] };

export interface BudgetResult {
  readonly status: BudgetStatus;
  /** Worst first: the failing limits, then the warnings. */
  readonly reasons: readonly BudgetReason[];
  /**
   * The 1-based numbers of the config's budgets that apply to this model and target (as in the
   * reasons' "budget 1"); empty when none does, so a pass is not mistaken for a checked one. Absent
   * where no budget was evaluated (a removed model) and in reports made before it existed.
   */
  readonly applied?: readonly number[];
}

export interface TargetComparison {
  readonly target: Target;
  readonly base?: TargetEnergy;
  readonly head?: TargetEnergy;
  /** head - base; absent for new and removed models. */
  readonly deltaMj?: EnergyMillijoules;
  readonly deltaPct?: Percent;
  /**
   * The change's own 90% range (mJ) from the kernels that differ: base and head are priced by the same
   * regressors, so the error of the kernels they share cancels. Absent where no kernel differs, for new
   * and removed models, and in older reports.
   */
  readonly deltaRangeMj?: readonly [EnergyMillijoules, EnergyMillijoules];
  /** 'unchanged' when the change is under the noise floor. */
  readonly change: ChangeKind;
  readonly budget: BudgetResult;
  /** Largest kernel energy changes (by |delta|), matched by kernel name then position. */
  readonly topKernelChanges: readonly KernelChange[];
}

/** Structure counts of one model version. */
export interface ModelStats {
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
  readonly bytes: number;
  readonly kernels: number;
  /** The file format read (absent in older reports). */
  readonly format?: ModelFormat;
  /** The precision its work runs in: 'int8', or 'mixed (int8 82%, fp32 18%)' (absent in older reports). */
  readonly precision?: string;
}

export type ModelStatus = 'added' | 'modified' | 'renamed' | 'removed';

export interface ModelComparison {
  readonly path: string;
  /** The base path of a renamed model, or of the OLD file of `model-energy compare OLD NEW`. */
  readonly previousPath?: string;
  readonly status: ModelStatus;
  readonly base?: ModelStats;
  readonly head?: ModelStats;
  readonly targets: readonly TargetComparison[];
  /**
   * Worst budget status over the targets; `fail` with `error`. A modified or renamed model whose base
   * could not be analysed (`base` absent) is at least `warn`, each target's reasons saying so.
   */
  readonly budget: BudgetStatus;
  /** Notes for the reader: an unparsable base, an LFS pointer, symbolic dims bound... */
  readonly notes: readonly string[];
  /**
   * Why the model was not checked (its budget fails, it has no targets): the head could not be
   * analysed (`head` absent), or it was analysed but priced on no target that predicts energy.
   */
  readonly error?: string;
  /**
   * Symbolic size dims (H, W, sequence...) that had no value and were set to 1: the energy is that of a
   * tiny input, so no grade or battery figure is given. Absent when none, and in older reports.
   */
  readonly unsetDims?: readonly string[];
}

/** What is known of a bundle's accuracy, as data (report/accuracy.ts words it). */
export interface BundleAccuracy {
  /** Nested k-fold figures over the training kernels: the energy regressors', else the latency ones'. */
  readonly kfold?: {
    readonly target: PredictionTarget;
    readonly kernels: number;
    readonly within10Pct: Percent;
    readonly medianApePct: Percent;
  };
  /** The manifest's out-of-sample checks (`provenance.accuracy`: a transfer's app and GPU kernel level). */
  readonly outOfSample?: OutOfSampleAccuracy;
  /** A transfer's own 90% factor range, given only when nothing above is known. */
  readonly transferRange?: { readonly low: number; readonly high: number; readonly coverage: number };
}

/** Where a bundle's numbers come from and how accurate they are known to be. */
export interface BundleProvenance {
  readonly id: string;
  readonly device: string;
  readonly processor: Processor;
  /** external: regressors fitted elsewhere (e.g. scikit-learn via skl2onnx), as the manifest says. */
  readonly method: 'trained' | 'calibrated-transfer' | 'external';
  /** What the bundle predicts (its manifest's `targets`); absent in reports from before it was added. */
  readonly predicts?: readonly PredictionTarget[];
  readonly source: string;
  /** What is known of its accuracy (empty: the manifest gives no figures). */
  readonly accuracy: BundleAccuracy;
}

export interface ComparisonReport {
  readonly schemaVersion: 1;
  readonly kind: 'comparison';
  readonly tool: { readonly name: 'model-energy-check'; readonly version: string };
  readonly repository?: string;
  readonly pullRequest?: number;
  readonly baseRef?: string;
  readonly baseSha?: string;
  readonly headSha?: string;
  /** Present (true) when the head side is a working tree with uncommitted changes on top of `headSha`. */
  readonly headIsWorkingTree?: true;
  readonly mergeBaseSha?: string;
  readonly verdict: BudgetStatus;
  /** Largest relative increase over models x targets with a baseline (negative: all improved). */
  readonly worstChangePct?: Percent;
  readonly models: readonly ModelComparison[];
  /** Config edits made by the PR (budgets are read from the base unless told otherwise). */
  readonly configChanges: readonly string[];
  readonly budgetsFrom: 'base' | 'head';
  /** How many budgets the config used has; absent when the report's maker did not say. */
  readonly budgetsConfigured?: number;
  /** Problems with the run itself (an invalid config): each lifts a passing verdict to warn. */
  readonly problems?: readonly string[];
  readonly bundles: readonly BundleProvenance[];
  readonly warnings: readonly string[];
}
