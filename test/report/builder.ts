import type {
  BudgetReason,
  BudgetResult,
  LimitReason,
  BundleProvenance,
  ChangeKind,
  ComparisonReport,
  Grade,
  KernelChange,
  ModelComparison,
  ModelStats,
  Processor,
  Target,
  TargetComparison,
  TargetEnergy,
} from '../../src/compare/types.js';
import type { LimitName } from '../../src/config/types.js';
import type { KernelType } from '../../src/kernels/types.js';

/**
 * Builders for ComparisonReport values in tests: realistic numbers derived from a few inputs (energy,
 * range, score, grade, battery) the way the engine derives them, so every case reads as one line.
 */

export const SHA = {
  base: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  mergeBase: '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567',
  head: 'deadbeefcafef00d1234567890abcdef12345678',
};

export const DEVICES = [
  { device: 'huawei-p40-pro', deviceName: 'Huawei P40 Pro', batteryMah: 4200 },
  { device: 'oneplus-8-pro', deviceName: 'OnePlus 8 Pro', batteryMah: 4510 },
  { device: 'xiaomi-redmi-note8', deviceName: 'Xiaomi Redmi Note8', batteryMah: 4500 },
  { device: 'huawei-mate40-pro', deviceName: 'Huawei Mate40 Pro', batteryMah: 4400 },
  { device: 'huawei-p40-lite', deviceName: 'Huawei P40 Lite', batteryMah: 4200 },
  { device: 'huawei-p40-lite-e', deviceName: 'Huawei P40 Lite E', batteryMah: 4000 },
  { device: 'xiaomi-redmi-k30-ultra', deviceName: 'Xiaomi Redmi K30 Ultra', batteryMah: 4500 },
  { device: 'motorola-one-macro', deviceName: 'Motorola One Macro', batteryMah: 4000 },
] as const;

/** Every device x processor of the list: 16 targets. */
export function allTargets(): Target[] {
  return DEVICES.flatMap((_, i) => [target(i, 'cpu'), target(i, 'gpu')]);
}

export function target(deviceIndex = 0, processor: Processor = 'cpu'): Target {
  const d = DEVICES[deviceIndex % DEVICES.length]!;
  return {
    bundle: `deepen2023-${d.device}-${processor}`,
    device: d.device,
    deviceName: d.deviceName,
    processor,
  };
}

/** The reference energy of MobileNetV1 on every target in these tests (score 100). */
const REFERENCE_MJ = 40;

function gradeOf(score: number): Grade {
  const floors: [Grade, number][] = [
    ['A+', 400],
    ['A', 200],
    ['B', 100],
    ['C', 50],
    ['D', 25],
    ['E', 12.5],
  ];
  return floors.find(([, f]) => score >= f)?.[0] ?? 'F';
}

/** A target energy with a ±12% range; byType splits the energy over the given shares. */
export function energy(
  mj: number,
  options: {
    byType?: Partial<Record<KernelType, number>>;
    latencyMs?: number;
    fallbackShare?: number;
    batteryMah?: number;
  } = {},
): TargetEnergy {
  const score = (100 * REFERENCE_MJ) / mj;
  const shares = options.byType ?? {
    'conv-bn-relu': 0.62,
    'dwconv-bn-relu': 0.21,
    fc: 0.09,
    'global-avgpool': 0.08,
  };
  const byType: Partial<Record<KernelType, number>> = {};
  for (const [type, share] of Object.entries(shares) as [KernelType, number][]) byType[type] = mj * share;
  const batteryJ = ((options.batteryMah ?? 4200) / 1000) * 3.85 * 3600;
  return {
    energyMj: mj,
    energyRangeMj: [mj * 0.88, mj * 1.12],
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    score,
    grade: gradeOf(score),
    inferencesPerBatteryPercent: ((batteryJ / 100) * 1000) / mj,
    fallbackShare: options.fallbackShare ?? 0,
    fallbackTypes: (options.fallbackShare ?? 0) > 0 ? ['matmul'] : [],
    byType,
  };
}

export const PASS: BudgetResult = { status: 'pass', reasons: [] };
export const budget = (status: BudgetResult['status'], ...reasons: BudgetReason[]): BudgetResult => ({
  status,
  reasons,
});

/** A budget's limit crossed, as compare/ reports it (budget 1 on `models/**\/*.onnx` unless told). */
export const crossed = (
  limit: LimitName,
  level: 'warn' | 'fail',
  actual: number,
  threshold: number,
  options: { budget?: number; models?: readonly string[] } = {},
): LimitReason => ({
  kind: 'limit',
  budget: options.budget ?? 1,
  models: options.models ?? ['models/**/*.onnx'],
  limit,
  level,
  threshold,
  actual,
});

export function kernels(
  names: readonly [string, KernelType, number | undefined, number | undefined][],
): KernelChange[] {
  return names.map(([name, type, baseMj, headMj]) => ({
    name,
    type,
    ...(baseMj !== undefined ? { baseMj } : {}),
    ...(headMj !== undefined ? { headMj } : {}),
    deltaMj: (headMj ?? 0) - (baseMj ?? 0),
  }));
}

/** ms per mJ of the latency a bundle trained on measured latency predicts (about the P40 Pro CPU's). */
const LATENCY_MS_PER_MJ = 0.55;

/**
 * A comparison on one target; the change kind follows from the energies and a 1% / 0.05 mJ noise floor.
 * Latency is predicted, as by the engine, only where the target's bundle is a trained one (BUNDLES),
 * unless `latency` says otherwise.
 */
export function compare(
  t: Target,
  baseMj: number | undefined,
  headMj: number | undefined,
  options: {
    budget?: BudgetResult;
    kernels?: KernelChange[];
    byType?: Partial<Record<KernelType, number>>;
    latency?: boolean;
  } = {},
): TargetComparison {
  const batteryMah = DEVICES.find((d) => d.device === t.device)?.batteryMah ?? 4000;
  const latency = options.latency ?? BUNDLES.some((b) => b.id === t.bundle && b.method === 'trained');
  const latencyOf = (mj: number) => (latency ? { latencyMs: mj * LATENCY_MS_PER_MJ } : {});
  const base = baseMj !== undefined ? energy(baseMj, { batteryMah, ...latencyOf(baseMj) }) : undefined;
  const head =
    headMj !== undefined
      ? energy(headMj, {
          batteryMah,
          ...latencyOf(headMj),
          ...(options.byType ? { byType: options.byType } : {}),
        })
      : undefined;
  let change: ChangeKind;
  let deltas = {};
  if (baseMj === undefined) change = 'new';
  else if (headMj === undefined) change = 'removed';
  else {
    const deltaMj = headMj - baseMj;
    const deltaPct = (100 * deltaMj) / baseMj;
    // The kernels that differ carry an uncertainty of about 4% of the base (the shared ones cancel).
    deltas =
      deltaMj === 0
        ? { deltaMj, deltaPct }
        : { deltaMj, deltaPct, deltaRangeMj: [deltaMj - 0.04 * baseMj, deltaMj + 0.04 * baseMj] };
    change =
      Math.abs(deltaPct) < 1 || Math.abs(deltaMj) < 0.05
        ? 'unchanged'
        : deltaMj > 0
          ? 'increase'
          : 'decrease';
  }
  return {
    target: t,
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    ...deltas,
    change,
    budget: options.budget ?? PASS,
    topKernelChanges: options.kernels ?? [],
  };
}

export function stats(macs: number, params: number, bytes = params * 4 + macs / 50): ModelStats {
  return { macs, flops: 2 * macs, params, bytes: Math.round(bytes), kernels: 28 };
}

const SEVERITY = { pass: 0, warn: 1, fail: 2 } as const;

export function model(
  path: string,
  targets: TargetComparison[],
  options: Partial<
    Pick<ModelComparison, 'status' | 'previousPath' | 'base' | 'head' | 'notes' | 'error'>
  > = {},
): ModelComparison {
  const worst = targets.reduce<BudgetResult['status']>(
    (w, t) => (SEVERITY[t.budget.status] > SEVERITY[w] ? t.budget.status : w),
    'pass',
  );
  return {
    path,
    status: options.status ?? 'modified',
    ...(options.previousPath !== undefined ? { previousPath: options.previousPath } : {}),
    ...(options.base ? { base: options.base } : {}),
    ...(options.head ? { head: options.head } : {}),
    targets,
    budget: options.error !== undefined ? 'fail' : worst,
    notes: options.notes ?? [],
    ...(options.error !== undefined ? { error: options.error } : {}),
  };
}

export const BUNDLES: BundleProvenance[] = [
  {
    id: 'deepen2023-huawei-p40-pro-cpu',
    device: 'huawei-p40-pro',
    processor: 'cpu',
    method: 'trained',
    source: 'DeepEn2023 kernel measurements (data/deepen2023/kernels_cpu.csv)',
    accuracy: { kfold: { target: 'energy', kernels: 714, within10Pct: 78, medianApePct: 8.1 } },
  },
  {
    id: 'deepen2023-oneplus-8-pro-gpu',
    device: 'oneplus-8-pro',
    processor: 'gpu',
    method: 'calibrated-transfer',
    source: 'DeepEn2023 model-level figures, transferred from huawei-p40-pro',
    accuracy: {
      outOfSample: {
        gpuKernelRange: {
          coverage: 0.9,
          low: 0.59,
          high: 1.69,
          method: 'published kernel extremes predicted out of sample',
        },
        appLevel: { predictions: 16, withinTolerance: 16, tolerancePct: 30 },
        documentation: 'docs/accuracy.md',
      },
    },
  },
];

/** A report over the given models; verdict and worst change follow from them. */
export function report(models: ModelComparison[], options: Partial<ComparisonReport> = {}): ComparisonReport {
  const verdict = models.reduce<BudgetResult['status']>(
    (w, m) => (SEVERITY[m.budget] > SEVERITY[w] ? m.budget : w),
    'pass',
  );
  const pcts = models.flatMap((m) =>
    m.targets.flatMap((t) => (t.deltaPct !== undefined ? [t.deltaPct] : [])),
  );
  return {
    schemaVersion: 1,
    kind: 'comparison',
    tool: { name: 'model-energy-check', version: '0.1.0' },
    repository: 'octo-org/vision-app',
    pullRequest: 42,
    baseRef: 'main',
    baseSha: SHA.base,
    headSha: SHA.head,
    mergeBaseSha: SHA.mergeBase,
    verdict,
    ...(pcts.length > 0 ? { worstChangePct: Math.max(...pcts) } : {}),
    models,
    configChanges: [],
    budgetsFrom: 'base',
    bundles: BUNDLES,
    warnings: [],
    ...options,
  };
}

/** Two targets used by most cases: a CPU and a GPU. */
export const CPU = target(0, 'cpu');
export const GPU = target(1, 'gpu');
