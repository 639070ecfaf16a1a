/**
 * What measured kernels alone say about a network's energy, with no predictor involved: each of its
 * kernels is either measured exactly (same type and configuration in the measurement set), bounded
 * below by a measured kernel it contains (same type, kernel size and strides; no larger spatial size
 * and no more channels on any input or output), or neither. The sum of the exact and bounded energies
 * is a floor for the network under two physical assumptions: a kernel costs no less than a smaller
 * kernel of the same kind, and a network costs no less than the sum of its kernels.
 */
import type { KernelConfig, KernelType } from '../kernels/types.js';
import type { EnergyMillijoules } from '../predict/units.js';

/** A measured kernel: type, configuration and energy. */
export interface MeasuredKernel {
  readonly type: KernelType;
  readonly config: KernelConfig;
  readonly energyMj: EnergyMillijoules;
}

/** A kernel of the network being checked. */
export interface CheckedKernel {
  readonly type: KernelType;
  readonly config: KernelConfig;
}

export type FloorKind = 'exact' | 'bounded' | 'unmeasured';

export interface KernelFloor {
  readonly kind: FloorKind;
  /** Exact: the mean of the matching measurements; bounded: the largest measured kernel it contains; 0 otherwise. */
  readonly floorMj: EnergyMillijoules;
}

export interface FloorSummary {
  readonly kernels: readonly KernelFloor[];
  readonly count: Readonly<Record<FloorKind, number>>;
  /** Summed floor energy by kind (unmeasured is always 0). */
  readonly energyMj: Readonly<Record<FloorKind, EnergyMillijoules>>;
  /** exact + bounded. */
  readonly floorMj: EnergyMillijoules;
}

/** Fields that must be equal: they change the kind of work, not its amount. */
const SAME = ['KERNEL_SIZE', 'STRIDES', 'POOL_STRIDES'] as const satisfies readonly (keyof KernelConfig)[];
/** Fields where more means more work (absent counts as 0: a two-input concat has no CIN3). */
const SIZE = [
  'HW',
  'CIN',
  'COUT',
  'CIN1',
  'CIN2',
  'CIN3',
  'CIN4',
] as const satisfies readonly (keyof KernelConfig)[];

const value = (c: KernelConfig, f: keyof KernelConfig) => c[f] ?? 0;

function comparable(measured: MeasuredKernel, kernel: CheckedKernel): boolean {
  return (
    measured.type === kernel.type && SAME.every((f) => value(measured.config, f) === value(kernel.config, f))
  );
}

function exact(measured: MeasuredKernel, kernel: CheckedKernel): boolean {
  return (
    comparable(measured, kernel) && SIZE.every((f) => value(measured.config, f) === value(kernel.config, f))
  );
}

function contained(measured: MeasuredKernel, kernel: CheckedKernel): boolean {
  return (
    comparable(measured, kernel) && SIZE.every((f) => value(measured.config, f) <= value(kernel.config, f))
  );
}

export function kernelFloor(measurements: readonly MeasuredKernel[], kernel: CheckedKernel): KernelFloor {
  const same = measurements.filter((m) => exact(m, kernel));
  if (same.length > 0) {
    return { kind: 'exact', floorMj: same.reduce((s, m) => s + m.energyMj, 0) / same.length };
  }
  const smaller = measurements.filter((m) => contained(m, kernel));
  if (smaller.length > 0) return { kind: 'bounded', floorMj: Math.max(...smaller.map((m) => m.energyMj)) };
  return { kind: 'unmeasured', floorMj: 0 };
}

export function measuredFloor(
  measurements: readonly MeasuredKernel[],
  kernels: readonly CheckedKernel[],
): FloorSummary {
  const byType = new Map<KernelType, MeasuredKernel[]>();
  for (const m of measurements) {
    const list = byType.get(m.type);
    if (list) list.push(m);
    else byType.set(m.type, [m]);
  }
  const floors = kernels.map((k) => kernelFloor(byType.get(k.type) ?? [], k));
  const count = { exact: 0, bounded: 0, unmeasured: 0 };
  const energyMj = { exact: 0, bounded: 0, unmeasured: 0 };
  for (const f of floors) {
    count[f.kind] += 1;
    energyMj[f.kind] += f.floorMj;
  }
  return { kernels: floors, count, energyMj, floorMj: energyMj.exact + energyMj.bounded };
}
