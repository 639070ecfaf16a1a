import { kernelTypeEntry, WORK_CLASSES, type WorkClass } from '../kernels/catalog.js';
import type { KernelType } from '../kernels/types.js';

/**
 * The GPU cost map of a GPU transfer bundle (manifest `gpuCost`): a kernel's energy on the GPU from the
 * energy its base (CPU) bundle predicts for it,
 *
 *   E_gpu = dispatchMj[g] + rate[g] * E_cpu ^ exponent
 *
 * per GPU kernel group g. The dispatch term is a fixed cost per kernel launch; the rate is the group's
 * cost per unit of CPU work (dense convolution runs at the GPU's compute rate, elementwise and pooling
 * kernels at its memory rate, depthwise convolution and concatenation as the GPU delegate runs them);
 * the exponent (below 1) says that a GPU gains more over a CPU the larger the kernel: small kernels
 * leave it idle. The CPU bundle still decides how kernels of one type rank (the map is monotone in
 * E_cpu); only the level and the size curve are the GPU's.
 */
export const GPU_GROUPS = WORK_CLASSES;
export type GpuGroup = WorkClass;

/** The GPU group of a kernel type: its catalog entry's work class. */
export function gpuGroup(type: KernelType): GpuGroup {
  return kernelTypeEntry(type).workClass;
}

export interface GpuGroupCost {
  /** Energy per kernel launch (mJ), whatever the kernel's size. */
  readonly dispatchMj: number;
  /** mJ on the GPU per (CPU mJ) ^ exponent. */
  readonly rate: number;
}

export interface GpuCostSpec {
  /** Size exponent applied to the base bundle's CPU energy (mJ). */
  readonly exponent: number;
  readonly groups: Readonly<Record<GpuGroup, GpuGroupCost>>;
  /** How the map was calibrated, in words. */
  readonly method: string;
}

/** The map's parameters, without the words. */
export type GpuCostParams = Pick<GpuCostSpec, 'exponent' | 'groups'>;

/** A kernel's GPU energy (mJ, before the bundle's device factor) from its CPU-predicted energy. */
export function gpuKernelEnergy(spec: GpuCostParams, type: KernelType, cpuMj: number): number {
  const g = spec.groups[gpuGroup(type)];
  return g.dispatchMj + g.rate * Math.max(0, cpuMj) ** spec.exponent;
}
