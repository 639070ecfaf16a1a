import { classifyChange, evaluateBudgets } from '../config/budgets.js';
import { deviceInfo } from '../devices/catalog.js';
import { DEFAULT_SYMBOLIC_DIM } from '../onnx/shapes.js';
import type { EnergyConfig } from '../config/types.js';
import type { KernelType } from '../kernels/types.js';
import type { LoadedBundle } from '../predict/bundle.js';
import type { RatioRange } from '../predict/metrics.js';
import type { BundlePrediction, KernelPrediction } from '../predict/predictor.js';
import type { PricedModel, RunTarget } from './price.js';
import { energyScore, grade, inferencesPerBatteryPercent } from './score.js';
import type {
  BudgetResult,
  BudgetStatus,
  BundleAccuracy,
  BundleProvenance,
  ChangeKind,
  ComparisonReport,
  KernelChange,
  ModelComparison,
  ModelStatus,
  OutOfSampleAccuracy,
  TargetComparison,
  TargetEnergy,
} from './types.js';

/** How many kernel changes a target keeps (the renderers fold them). */
export const TOP_KERNEL_CHANGES = 10;

export interface ModelVersions {
  readonly path: string;
  readonly previousPath?: string;
  readonly status: ModelStatus;
  readonly base?: PricedModel;
  readonly head?: PricedModel;
  readonly notes?: readonly string[];
  /** The head could not be analysed: the message naming the file and problem. */
  readonly error?: string;
  /**
   * Symbolic size dims (past an input's first axis) that had no value and were set to 1 on either
   * side: each priced target is at least a warning, saying so.
   */
  readonly unsetDims?: readonly string[];
}

export function targetEnergy(p: BundlePrediction, t: RunTarget): TargetEnergy | undefined {
  if (p.energyMj === undefined) return undefined;
  const score = energyScore(p.energyMj, t.referenceMj);
  const byType: Partial<Record<KernelType, number>> = {};
  for (const k of p.kernels) byType[k.type] = (byType[k.type] ?? 0) + (k.energyMj ?? 0);
  return {
    energyMj: p.energyMj,
    energyRangeMj: p.energyRangeMj ?? [p.energyMj, p.energyMj],
    ...(p.latencyMs !== undefined ? { latencyMs: p.latencyMs } : {}),
    score,
    grade: grade(score),
    ...(t.batteryMah !== undefined
      ? { inferencesPerBatteryPercent: inferencesPerBatteryPercent(p.energyMj, t.batteryMah) }
      : {}),
    fallbackShare: p.coverage.fallbackShare,
    fallbackTypes: p.coverage.fallbackTypes,
    extrapolatedShare: p.coverage.extrapolatedShare,
    extrapolatedTypes: p.coverage.extrapolatedTypes,
    ...(p.coverage.unpublishedPrecisionShare !== undefined
      ? {
          unpublishedPrecisionShare: p.coverage.unpublishedPrecisionShare,
          unpublishedPrecisions: p.coverage.unpublishedPrecisions ?? [],
        }
      : {}),
    byType,
  };
}

/** A head kernel and the base kernel it is compared with (either may be missing). */
interface KernelPair {
  readonly base?: KernelPrediction;
  readonly head?: KernelPrediction;
}

/**
 * Pairs the kernels of base and head by name (exporters keep module paths as node names). Kernels left
 * unmatched on both sides are paired by position only when their types line up one for one (the same
 * network re-exported under new names); otherwise they are removed and new kernels, never an
 * arbitrary pair.
 */
function pairKernels(base: BundlePrediction | undefined, head: BundlePrediction | undefined): KernelPair[] {
  const pairs: KernelPair[] = [];
  const baseByName = new Map((base?.kernels ?? []).map((k) => [`${k.type}\u0000${k.name}`, k]));
  const unmatchedHead: KernelPrediction[] = [];
  for (const k of head?.kernels ?? []) {
    const key = `${k.type}\u0000${k.name}`;
    const b = baseByName.get(key);
    if (b) {
      baseByName.delete(key);
      pairs.push({ base: b, head: k });
    } else unmatchedHead.push(k);
  }
  const unmatchedBase = [...baseByName.values()];
  const renamed =
    unmatchedBase.length === unmatchedHead.length &&
    unmatchedBase.every((b, i) => b.type === unmatchedHead[i]?.type);
  unmatchedHead.forEach((k, i) => {
    const b = renamed ? unmatchedBase[i] : undefined;
    pairs.push({ ...(b ? { base: b } : {}), head: k });
  });
  if (!renamed) for (const b of unmatchedBase) pairs.push({ base: b });
  return pairs;
}

/** Kernel energy changes of the paired kernels, largest |delta| first. */
export function kernelChanges(
  base: BundlePrediction | undefined,
  head: BundlePrediction | undefined,
  limit = TOP_KERNEL_CHANGES,
): KernelChange[] {
  const changes: KernelChange[] = pairKernels(base, head).map(({ base: b, head: h }) => {
    const k = (h ?? b)!;
    const renamed = b !== undefined && h !== undefined && b.name !== h.name;
    return {
      name: k.name,
      ...(renamed ? { baseName: b.name } : {}),
      type: k.type,
      ...(b ? { baseMj: b.energyMj ?? 0 } : {}),
      ...(h ? { headMj: h.energyMj ?? 0 } : {}),
      deltaMj: (h?.energyMj ?? 0) - (b?.energyMj ?? 0),
    };
  });
  return changes
    .filter((c) => c.deltaMj !== 0)
    .sort((a, b) => Math.abs(b.deltaMj) - Math.abs(a.deltaMj) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/**
 * The change's own 90% range. Base and head are priced by the same regressors, so a kernel that is the
 * same on both sides carries the same error into both and cancels in the difference: only the kernels
 * that differ (changed, new, removed) contribute, each with the widest difference its two ranges allow
 * (an upper bound, as a model's range is). Centred on `deltaMj`, so terms common to both sides (an app
 * overhead) cancel too. Undefined when no kernel differs or no kernel carries a range.
 */
export function changeRange(
  base: BundlePrediction,
  head: BundlePrediction,
  deltaMj: number,
): readonly [number, number] | undefined {
  let point = 0;
  let low = 0;
  let high = 0;
  let differing = 0;
  for (const { base: b, head: h } of pairKernels(base, head)) {
    const bMj = b?.energyMj ?? 0;
    const hMj = h?.energyMj ?? 0;
    if (b && h && bMj === hMj) continue;
    differing += 1;
    const [bLow, bHigh] = b ? (b.energyRangeMj ?? [bMj, bMj]) : [0, 0];
    const [hLow, hHigh] = h ? (h.energyRangeMj ?? [hMj, hMj]) : [0, 0];
    point += hMj - bMj;
    low += hLow - bHigh;
    high += hHigh - bLow;
  }
  if (differing === 0) return undefined;
  return [deltaMj - (point - low), deltaMj + (high - point)];
}

export function compareModel(
  versions: ModelVersions,
  targets: readonly RunTarget[],
  config: EnergyConfig,
): ModelComparison {
  const comparisons: TargetComparison[] = [];
  if (!versions.error) {
    for (const t of targets) {
      const bp = versions.base?.predictions.get(t.target.bundle);
      const hp = versions.head?.predictions.get(t.target.bundle);
      const base = bp ? targetEnergy(bp, t) : undefined;
      const head = hp ? targetEnergy(hp, t) : undefined;
      if (!base && !head) continue;
      let change: ChangeKind;
      let budget: BudgetResult = { status: 'pass', reasons: [] };
      let delta: { deltaMj?: number; deltaPct?: number } = {};
      if (!head) {
        change = 'removed';
      } else {
        const c = classifyChange(config.noise, base?.energyMj, head.energyMj);
        change = c.kind;
        if (base)
          delta = {
            deltaMj: c.deltaMj ?? head.energyMj - base.energyMj,
            ...(c.deltaPct !== undefined ? { deltaPct: c.deltaPct } : {}),
          };
        const e = evaluateBudgets(config, versions.path, t.target, {
          ...(base ? { baseMj: base.energyMj } : {}),
          headMj: head.energyMj,
          score: head.score,
        });
        budget = {
          status: e.status,
          reasons: e.reasons,
          applied: e.applied.map((i) => i + 1),
        };
        if (!base && versions.status !== 'added') budget = noBaseline(budget);
        if (versions.unsetDims?.length) budget = unsetDims(budget, versions.unsetDims);
        if (config.failOn === 'regression' && change === 'increase' && budget.status !== 'fail') {
          budget = {
            ...budget,
            status: 'fail',
            reasons: [
              { kind: 'regression', ...(delta.deltaPct !== undefined ? { deltaPct: delta.deltaPct } : {}) },
              ...budget.reasons,
            ],
          };
        }
      }
      const kernelRange =
        bp && hp && delta.deltaMj !== undefined ? changeRange(bp, hp, delta.deltaMj) : undefined;
      // Never wider than the two models' own ranges allow (head low - base high .. head high - base low).
      const range: readonly [number, number] | undefined =
        kernelRange && base && head
          ? [
              Math.max(kernelRange[0], head.energyRangeMj[0] - base.energyRangeMj[1]),
              Math.min(kernelRange[1], head.energyRangeMj[1] - base.energyRangeMj[0]),
            ]
          : kernelRange;
      comparisons.push({
        target: t.target,
        ...(base ? { base } : {}),
        ...(head ? { head } : {}),
        ...delta,
        ...(range ? { deltaRangeMj: range } : {}),
        change,
        budget,
        topKernelChanges: kernelChanges(bp, hp),
      });
    }
  }
  // A model that was analysed but priced on no energy target was not checked at all: that must not pass.
  const error =
    versions.error ??
    (versions.head && !comparisons.some((c) => c.head) ? unpricedError(targets) : undefined);
  return {
    path: versions.path,
    ...(versions.previousPath ? { previousPath: versions.previousPath } : {}),
    status: versions.status,
    ...(versions.base ? { base: versions.base.stats } : {}),
    ...(versions.head ? { head: versions.head.stats } : {}),
    targets: comparisons,
    budget: error !== undefined ? 'fail' : worst(comparisons.map((c) => c.budget.status)),
    notes: versions.notes ?? [],
    ...(error !== undefined ? { error } : {}),
    ...(versions.unsetDims?.length ? { unsetDims: versions.unsetDims } : {}),
  };
}

/** A modified or renamed model whose base could not be analysed: at least a warning, saying why. */
function noBaseline(budget: BudgetResult): BudgetResult {
  return {
    ...budget,
    status: budget.status === 'fail' ? 'fail' : 'warn',
    reasons: [...budget.reasons, { kind: 'no-baseline' }],
  };
}

/** "symbolic input dims H, W had no value and were set to 1" (the words of the warning and the reason). */
export function unsetDimsText(dims: readonly string[]): string {
  return `symbolic input ${dims.length === 1 ? 'dim' : 'dims'} ${dims.join(', ')} had no value and ${dims.length === 1 ? 'was' : 'were'} set to ${DEFAULT_SYMBOLIC_DIM}`;
}

/** A model priced with a size dim set to 1 is never a quiet pass. */
function unsetDims(budget: BudgetResult, dims: readonly string[]): BudgetResult {
  return {
    ...budget,
    status: budget.status === 'fail' ? 'fail' : 'warn',
    reasons: [...budget.reasons, { kind: 'unset-dims', dims }],
  };
}

function unpricedError(targets: readonly RunTarget[]): string {
  if (targets.length === 0) return 'no energy prediction: the run has no predictor targets';
  const latencyOnly = targets.filter((t) => !t.bundle.manifest.targets.includes('energy'));
  const ids = (ts: readonly RunTarget[]) =>
    ts.length <= 4 ? ts.map((t) => t.target.bundle).join(', ') : `${ts.length} bundles`;
  return latencyOnly.length === targets.length
    ? `no energy prediction: the run's predictor bundles (${ids(targets)}) predict latency only`
    : `no energy prediction: none of the run's predictor bundles (${ids(targets)}) priced it`;
}

export function worst(statuses: readonly BudgetStatus[]): BudgetStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  return 'pass';
}

export function provenanceOf(bundle: LoadedBundle): BundleProvenance {
  const m = bundle.manifest;
  const p = m.provenance;
  const energy = p.kfold?.overall.energy;
  const kfold = energy ?? p.kfold?.overall.latency;
  const transfer = m.scale?.uncertainty.energy;
  const outOfSample = p.accuracy && outOfSampleOf(p.accuracy);
  const accuracy: BundleAccuracy = {
    ...(kfold
      ? {
          kfold: {
            target: energy ? 'energy' : 'latency',
            kernels: kfold.kernels,
            within10Pct: kfold.within10Pct,
            medianApePct: kfold.medianApePct,
          },
        }
      : {}),
    ...(outOfSample ? { outOfSample } : {}),
    ...(!kfold && !outOfSample && transfer
      ? { transferRange: { low: transfer.low, high: transfer.high, coverage: transfer.coverage } }
      : {}),
  };
  return {
    id: m.id,
    device: m.device,
    processor: m.processor,
    method: p.kind === 'transfer' ? 'calibrated-transfer' : p.kind,
    predicts: m.targets,
    source: deviceScores(m.device) ? `${p.data.description}; ${deviceScores(m.device)}` : p.data.description,
    accuracy,
  };
}

/** The manifest's out-of-sample figures, field by field: the report schema admits these and no others. */
function outOfSampleOf(a: OutOfSampleAccuracy): OutOfSampleAccuracy {
  const range = ({ coverage, low, high }: RatioRange): RatioRange => ({ coverage, low, high });
  const { predictions, withinTolerance, tolerancePct, ratioRange } = a.appLevel;
  return {
    appLevel: {
      predictions,
      withinTolerance,
      tolerancePct,
      ...(ratioRange ? { ratioRange: range(ratioRange) } : {}),
    },
    ...(a.gpuKernelRange
      ? { gpuKernelRange: { ...range(a.gpuKernelRange), method: a.gpuKernelRange.method } }
      : {}),
    documentation: a.documentation,
  };
}

/** The phone's own DeepEn2023 scores, for context beside a model's score. */
function deviceScores(device: string): string | undefined {
  const d = deviceInfo(device);
  if (!d || d.iecs === null || d.pcs === null) return undefined;
  return `device scores in DeepEn2023: IECS ${d.iecs}, PCS ${d.pcs}`;
}

export interface ReportContext {
  readonly version: string;
  readonly repository?: string;
  readonly pullRequest?: number;
  readonly baseRef?: string;
  readonly baseSha?: string;
  readonly headSha?: string;
  /** The head side is a working tree with uncommitted changes on top of `headSha` (CLI `--base`). */
  readonly headIsWorkingTree?: boolean;
  readonly mergeBaseSha?: string;
  readonly configChanges?: readonly string[];
  readonly budgetsFrom?: 'base' | 'head';
  /** The number of budgets in the config the run used (`config.budgets.length`). */
  readonly budgetsConfigured?: number;
  /** Problems with the run itself (an invalid config): never a quiet pass. */
  readonly problems?: readonly string[];
  readonly warnings?: readonly string[];
}

export function buildReport(
  models: readonly ModelComparison[],
  targets: readonly RunTarget[],
  ctx: ReportContext,
): ComparisonReport {
  const pcts = models.flatMap((m) =>
    m.targets.flatMap((t) => (t.deltaPct !== undefined && t.change !== 'unchanged' ? [t.deltaPct] : [])),
  );
  const sorted = [...models].sort((a, b) => a.path.localeCompare(b.path));
  return {
    schemaVersion: 1,
    kind: 'comparison',
    tool: { name: 'model-energy-check', version: ctx.version },
    ...(ctx.repository ? { repository: ctx.repository } : {}),
    ...(ctx.pullRequest !== undefined ? { pullRequest: ctx.pullRequest } : {}),
    ...(ctx.baseRef ? { baseRef: ctx.baseRef } : {}),
    ...(ctx.baseSha ? { baseSha: ctx.baseSha } : {}),
    ...(ctx.headSha ? { headSha: ctx.headSha } : {}),
    ...(ctx.headIsWorkingTree ? { headIsWorkingTree: true as const } : {}),
    ...(ctx.mergeBaseSha ? { mergeBaseSha: ctx.mergeBaseSha } : {}),
    verdict: worst([...models.map((m) => m.budget), ...(ctx.problems?.length ? (['warn'] as const) : [])]),
    ...(pcts.length > 0 ? { worstChangePct: pcts.reduce((a, b) => Math.max(a, b)) } : {}),
    models: sorted,
    configChanges: ctx.configChanges ?? [],
    budgetsFrom: ctx.budgetsFrom ?? 'base',
    ...(ctx.budgetsConfigured !== undefined ? { budgetsConfigured: ctx.budgetsConfigured } : {}),
    ...(ctx.problems?.length ? { problems: ctx.problems } : {}),
    bundles: targets.map((t) => provenanceOf(t.bundle)),
    warnings: ctx.warnings ?? [],
  };
}
