import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform } from 'node:os';
import { join } from 'node:path';

/**
 * How busy the machine is, read where the OS says so: the 1-minute load average (none on Windows,
 * where Node reports zeros) and the CPU frequency governor (Linux cpufreq, where readable).
 */

export function readLoadAverage(): number | undefined {
  return platform() === 'win32' ? undefined : loadavg()[0];
}

export interface MachineLoad {
  /** 1-minute load average; undefined where the OS has none. */
  readonly loadAverage: number | undefined;
  readonly cpus: number;
  /** cpufreq scaling governor of cpu0; undefined where unreadable. */
  readonly governor: string | undefined;
}

export function readMachineLoad(sysCpuRoot = '/sys/devices/system/cpu'): MachineLoad {
  let governor: string | undefined;
  try {
    governor = readFileSync(join(sysCpuRoot, 'cpu0/cpufreq/scaling_governor'), 'utf8').trim() || undefined;
  } catch {
    governor = undefined;
  }
  return { loadAverage: readLoadAverage(), cpus: Math.max(1, cpus().length), governor };
}

/** A load average of half the cores or more: other processes will compete with the kernels. */
const BUSY_LOAD_PER_CPU = 0.5;
/** Governors that scale the clock with the load, so the first runs of a kernel are slower. */
const SCALING_GOVERNORS = new Set(['powersave', 'ondemand', 'conservative', 'schedutil']);

/** Warnings for the start of a run (empty when the machine looks quiet and its clock fixed). */
export function loadWarnings(load: MachineLoad): string[] {
  const warnings: string[] = [];
  if (load.loadAverage !== undefined && load.loadAverage >= BUSY_LOAD_PER_CPU * load.cpus) {
    warnings.push(
      `the machine is busy: load average ${load.loadAverage.toFixed(2)} on ${load.cpus} CPU(s) (1 minute, from the OS); ` +
        'latencies will be higher and noisier than on a quiet machine. Trials are interleaved and unsteady rows ' +
        're-measured, which evens the load out across kernels but does not remove it',
    );
  }
  if (load.governor !== undefined && SCALING_GOVERNORS.has(load.governor)) {
    warnings.push(
      `the CPU frequency governor is ${load.governor} (cpu0 cpufreq): the clock follows the load, so timings vary; ` +
        "the 'performance' governor gives steadier figures",
    );
  }
  return warnings;
}
