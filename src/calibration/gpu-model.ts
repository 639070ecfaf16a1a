/**
 * Calibration of the GPU cost map (src/predict/gpu-cost.ts) on published figures only:
 *
 *   kernel level  DeepEn2023's per-type GPU and CPU min/max kernel energies (kernel_level_summary.csv),
 *                 read as pairs: the cheapest (dearest) kernel of a type on the CPU is taken to be the
 *                 cheapest (dearest) on the GPU, so each pair is one kernel's CPU and GPU energy;
 *   model level   the kernel phone's GPU range per model family (log midpoint), against the family's
 *                 nominal network priced by the trained bundle;
 *   app level     every phone's published GPU-delegate energy of two apps (end to end: model + O).
 *
 * Model, for device d and a network of kernels k with trained-bundle (CPU) energies E_k:
 *
 *   E(d, network) = s_d * sum_k (D_g(k) + r_g(k) * E_k ^ beta)          (+ s_d * O for an app)
 *
 * with r_compute = 1 (s_d carries the level), the kernel-level and model-level figures on the kernel
 * phone, s_d per device (closed form in log space), beta, the other rates, the dispatch terms D and the
 * app overhead O shared, all fitted by least squares on log energy (Levenberg-Marquardt, deterministic
 * start and steps).
 */
import type { KernelType } from '../kernels/types.js';
import {
  GPU_GROUPS,
  gpuGroup,
  gpuKernelEnergy,
  type GpuCostParams,
  type GpuGroup,
} from '../predict/gpu-cost.js';
import { leaveOneDeviceOut, type AppId, type OutOfSampleCheck, type Published } from './transfer.js';

export interface PricedKernel {
  readonly type: KernelType;
  /** Energy the trained (CPU) bundle predicts, or measured, mJ. */
  readonly cpuMj: number;
}

/** One published kernel: its CPU and GPU energy on the kernel phone. */
export interface KernelFigure {
  readonly label: string;
  readonly type: KernelType;
  readonly cpuMj: number;
  readonly gpuMj: number;
}

export interface GpuCalibration {
  readonly apps: ReadonlyMap<AppId, readonly PricedKernel[]>;
  readonly published: Published;
  /** The phone the kernel- and model-level figures were measured on. */
  readonly kernelDevice: string;
  readonly models: readonly {
    readonly label: string;
    readonly kernels: readonly PricedKernel[];
    readonly targetMj: number;
    /**
     * The network's size over the size the target describes (a family's range is that of its
     * variants, whose average size is published): the target is carried to the network's size by the
     * map's own exponent, target x sizeRatio^exponent. 1 when absent.
     */
    readonly sizeRatio?: number;
  }[];
  readonly kernelFigures: readonly KernelFigure[];
}

export interface GpuFit {
  readonly cost: GpuCostParams;
  /** App overhead outside the model, in units of the device factor (s_d * O is the device's mJ). */
  readonly overheadMj: number;
  readonly scale: ReadonlyMap<string, number>;
  readonly rmsLogError: number;
}

export interface GpuFitOptions {
  /** Left out: a device's app figures (and the model-level figures when it is the kernel phone). */
  readonly excludeDevice?: string;
  readonly excludeModel?: string;
  readonly excludeFigure?: number;
}

const FREE_RATES: readonly GpuGroup[] = GPU_GROUPS.filter((g) => g !== 'compute');
/** Parameter vector: beta, ln r (non-compute groups), ln D (every group), ln O. */
const N_PARAMS = 1 + FREE_RATES.length + GPU_GROUPS.length + 1;
const LOWER = [0.3, ...FREE_RATES.map(() => -10), ...GPU_GROUPS.map(() => -14), -5];
const UPPER = [1.2, ...FREE_RATES.map(() => 10), ...GPU_GROUPS.map(() => 0), Math.log(1000)];
const START = [0.8, ...FREE_RATES.map(() => 0), ...GPU_GROUPS.map(() => Math.log(0.002)), Math.log(20)];

function unpack(theta: readonly number[]): { cost: GpuCostParams; overheadMj: number } {
  const groups = {} as Record<GpuGroup, { dispatchMj: number; rate: number }>;
  GPU_GROUPS.forEach((g, i) => {
    const free = FREE_RATES.indexOf(g);
    groups[g] = {
      rate: free < 0 ? 1 : Math.exp(theta[1 + free]!),
      dispatchMj: Math.exp(theta[1 + FREE_RATES.length + i]!),
    };
  });
  return { cost: { exponent: theta[0]!, groups }, overheadMj: Math.exp(theta[N_PARAMS - 1]!) };
}

export function networkEnergy(cost: GpuCostParams, kernels: readonly PricedKernel[]): number {
  let total = 0;
  for (const k of kernels) total += gpuKernelEnergy(cost, k.type, k.cpuMj);
  return total;
}

/** Log residuals per device (before the device factor), for the data the options keep. */
function residualsByDevice(
  data: GpuCalibration,
  cost: GpuCostParams,
  overheadMj: number,
  options: GpuFitOptions,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [device, byApp] of data.published) {
    if (device === options.excludeDevice) continue;
    const r: number[] = [];
    for (const [app, mj] of byApp) {
      const kernels = data.apps.get(app);
      if (kernels) r.push(Math.log(mj) - Math.log(networkEnergy(cost, kernels) + overheadMj));
    }
    out.set(device, r);
  }
  let own = out.get(data.kernelDevice);
  if (!own) out.set(data.kernelDevice, (own = []));
  // The model-level figures pin the kernel phone's app level: out while that phone is the one checked.
  if (options.excludeDevice !== data.kernelDevice) {
    for (const m of data.models) {
      if (m.label !== options.excludeModel)
        own.push(
          Math.log(m.targetMj) +
            cost.exponent * Math.log(m.sizeRatio ?? 1) -
            Math.log(networkEnergy(cost, m.kernels)),
        );
    }
  }
  data.kernelFigures.forEach((f, i) => {
    if (i !== options.excludeFigure)
      own.push(Math.log(f.gpuMj) - Math.log(gpuKernelEnergy(cost, f.type, f.cpuMj)));
  });
  return out;
}

function profiled(data: GpuCalibration, theta: readonly number[], options: GpuFitOptions): number[] {
  const { cost, overheadMj } = unpack(theta);
  const out: number[] = [];
  for (const r of residualsByDevice(data, cost, overheadMj, options).values()) {
    const mean = r.reduce((s, x) => s + x, 0) / Math.max(1, r.length);
    for (const x of r) out.push(x - mean);
  }
  return out;
}

const sumSquares = (r: readonly number[]) => r.reduce((s, x) => s + x * x, 0);
const clamp = (theta: number[]) => theta.map((t, i) => Math.min(UPPER[i]!, Math.max(LOWER[i]!, t)));

/** Levenberg-Marquardt on the profiled log residuals, forward-difference Jacobian, box by clamping. */
function minimize(residuals: (theta: readonly number[]) => number[]): number[] {
  let theta = [...START];
  let r = residuals(theta);
  let cost = sumSquares(r);
  let lambda = 1e-3;
  for (let iter = 0; iter < 500 && lambda < 1e12; iter++) {
    const h = 1e-6;
    const jac = theta.map((_, j) => {
      const t = [...theta];
      t[j]! += h;
      const rj = residuals(t);
      return rj.map((x, i) => (x - r[i]!) / h);
    });
    const a = theta.map((_, i) => theta.map((_, j) => jac[i]!.reduce((s, x, k) => s + x * jac[j]![k]!, 0)));
    const g = theta.map((_, i) => jac[i]!.reduce((s, x, k) => s + x * r[k]!, 0));
    const damped = a.map((row, i) => row.map((x, j) => (i === j ? x + lambda * (x + 1e-9) : x)));
    const step = solve(
      damped,
      g.map((x) => -x),
    );
    const next = clamp(theta.map((t, i) => t + step[i]!));
    const rNext = residuals(next);
    const costNext = sumSquares(rNext);
    if (costNext < cost) {
      const gain = cost - costNext;
      theta = next;
      r = rNext;
      cost = costNext;
      lambda = Math.max(1e-9, lambda / 3);
      if (gain < 1e-14 * (1 + cost)) break;
    } else {
      lambda *= 3;
    }
  }
  return theta;
}

/** Gaussian elimination with partial pivoting (the systems are 11 x 11). */
function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-300) continue;
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / p;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const p = m[r]![r]!;
    if (Math.abs(p) < 1e-300) continue;
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / p;
  }
  return x;
}

export function fitGpuModel(data: GpuCalibration, options: GpuFitOptions = {}): GpuFit {
  const theta = minimize((t) => profiled(data, t, options));
  const { cost, overheadMj } = unpack(theta);
  const scale = new Map<string, number>();
  let sq = 0;
  let n = 0;
  for (const [device, r] of residualsByDevice(data, cost, overheadMj, options)) {
    if (r.length === 0) continue;
    const logS = r.reduce((s, x) => s + x, 0) / r.length;
    scale.set(device, Math.exp(logS));
    for (const x of r) {
      sq += (x - logS) ** 2;
      n += 1;
    }
  }
  return { cost, overheadMj, scale, rmsLogError: Math.sqrt(sq / Math.max(1, n)) };
}

/**
 * App level, out of sample, as validateOutOfSample in transfer.ts: per device, the shared parameters
 * fitted without its app figures, its factor on one app, the other app predicted.
 */
export function validateGpuOutOfSample(data: GpuCalibration): OutOfSampleCheck[] {
  return leaveOneDeviceOut(data.published, (device) => {
    const fit = fitGpuModel(data, { excludeDevice: device });
    return (id) => {
      const kernels = data.apps.get(id);
      return kernels ? networkEnergy(fit.cost, kernels) + fit.overheadMj : undefined;
    };
  });
}

/** Model level, leave one out: each model's energy on the kernel phone from a fit without its figure. */
export function modelsOutOfSample(data: GpuCalibration): { label: string; predictedMj: number }[] {
  return data.models.map((m) => {
    const fit = fitGpuModel(data, { excludeModel: m.label });
    return {
      label: m.label,
      predictedMj: fit.scale.get(data.kernelDevice)! * networkEnergy(fit.cost, m.kernels),
    };
  });
}

/** Kernel level, leave one out: each published kernel's GPU energy from a fit without it. */
export function kernelFiguresOutOfSample(
  data: GpuCalibration,
): { figure: KernelFigure; predictedMj: number }[] {
  return data.kernelFigures.map((figure, i) => {
    const fit = fitGpuModel(data, { excludeFigure: i });
    return {
      figure,
      predictedMj: fit.scale.get(data.kernelDevice)! * gpuKernelEnergy(fit.cost, figure.type, figure.cpuMj),
    };
  });
}

/** Energies below this are near the meter's 0.001 mJ resolution (DeepEn2023 rounds to 0.001 mJ). */
export const RESOLUTION_MJ = 0.01;

/**
 * Which leave-one-out kernel predictions say something about a kernel's error: both energies above the
 * meter's resolution, and the kernel's group keeping two figures above it without this one (its
 * dispatch term and rate then stay determined), or the compute group, whose rate the model- and
 * app-level figures pin (convolutions carry most of every network's energy). Otherwise the left-out
 * figure is what fixes its group, and its "prediction" is the optimizer's starting point.
 */
export function informativeFigures(figures: readonly KernelFigure[]): boolean[] {
  const above = (f: KernelFigure) => f.cpuMj >= RESOLUTION_MJ && f.gpuMj >= RESOLUTION_MJ;
  return figures.map((f, i) => {
    if (!above(f)) return false;
    const g = gpuGroup(f.type);
    const others = figures.filter((o, j) => j !== i && above(o) && gpuGroup(o.type) === g).length;
    return g === 'compute' || others >= 2;
  });
}

/**
 * The 90% kernel range of the GPU map from the leave-one-out kernel errors: exp(+-1.645 rms) of
 * ln(published / predicted) over the informative figures (a normal reading of few points, wider than
 * their empirical quantiles would be).
 */
export function kernelRangeFromFigures(
  checks: readonly { figure: KernelFigure; predictedMj: number }[],
  informative: readonly boolean[],
): { coverage: number; low: number; high: number; rmsLog: number; n: number } {
  const logs = checks.filter((_, i) => informative[i]).map((c) => Math.log(c.figure.gpuMj / c.predictedMj));
  const rmsLog = Math.sqrt(logs.reduce((s, x) => s + x * x, 0) / Math.max(1, logs.length));
  const z = 1.6449;
  return { coverage: 0.9, low: Math.exp(-z * rmsLog), high: Math.exp(z * rmsLog), rmsLog, n: logs.length };
}
