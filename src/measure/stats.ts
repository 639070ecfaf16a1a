/** Order statistics and the per-kernel energy arithmetic shared by the harness and `attach`. */

/** Quantile with linear interpolation between order statistics (type 7, as numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * The quantile of a kernel's timed runs that is its latency: the 10th percentile. What else runs on
 * the machine (other processes, preemption, a neighbour on the same core or cache) only ever adds time
 * to a run, so the upper part of the runs' distribution moves with the load while the lower part is
 * the kernel's own time, the same from run to run and beside CPU hogs (figures in docs/predictor-csv.md,
 * "How a row was taken"). Not the minimum: one lucky run, or the number of runs, would decide it.
 */
export const LATENCY_QUANTILE = 0.1;

/** Latency of a kernel (or of one trial) from its timed runs: their LATENCY_QUANTILE. */
export function runsLatency(runs: readonly number[]): number {
  return quantile(runs, LATENCY_QUANTILE);
}

/**
 * Off-CPU time of a run below this is not subtracted: the CPU clock (getrusage) has 1 us steps, and
 * other threads of the process (V8's garbage collector) add to it; preemption takes far longer.
 */
export const MIN_OFF_CPU_MS = 0.05;

/**
 * A single-threaded run's time: its wall time, or its CPU time where its thread was off the CPU for
 * longer than MIN_OFF_CPU_MS (preempted by another process, or the VM's CPU taken by the host). Beside
 * two CPU-bound processes nearly every run of a 5-10 ms kernel is preempted, so even the 10th
 * percentile of its wall times came out up to twice its time on a quiet machine.
 */
export function onCpuMs(wallMs: number, cpuMs: number): number {
  return wallMs - cpuMs > MIN_OFF_CPU_MS ? cpuMs : wallMs;
}

/** Interquartile range: the spread reported next to each latency and energy. */
export function iqr(values: readonly number[]): number {
  return quantile(values, 0.75) - quantile(values, 0.25);
}

/** One metered window: a block of runs, or the idle baseline (runs = 0). */
export interface MeteredWindow {
  readonly durationMs: number;
  readonly runs: number;
  /** Absent when the meter could not measure the window; `problems` says why. */
  readonly energyJ?: number;
  readonly problems: readonly string[];
}

export interface EnergySummary {
  /** Median over blocks of (block energy - idle power x block duration) / runs; absent if not measured. */
  readonly energyMj?: number;
  readonly energySpreadMj?: number;
  /**
   * Net power while the kernel ran, in mW: the median over blocks of net energy over the block's
   * time. Not energy over `latency_ms`, which is the 10th percentile of the runs' times (the block's
   * energy covers all of its runs, slow ones too).
   */
  readonly powerMw?: number;
  readonly idlePowerMw?: number;
  readonly notes: readonly string[];
}

/**
 * Energy per inference of a kernel, net of the idle baseline: each block's energy minus what the
 * machine draws idle over the same time, divided by the block's runs; the median over blocks and its
 * IQR. Nothing is invented: a block or baseline the meter could not read leaves the energy empty, and
 * so does a net energy at or below zero (the kernel is below what the meter resolves over idle).
 */
export function summariseEnergy(
  blocks: readonly MeteredWindow[],
  idle: MeteredWindow | undefined,
): EnergySummary {
  const notes: string[] = [];
  const unread = [...(idle ? [idle] : []), ...blocks].flatMap((w) => w.problems);
  if (unread.length > 0) {
    const unique = [...new Set(unread)];
    notes.push(
      `energy not measured: ${unique.slice(0, 3).join('; ')}${unique.length > 3 ? ` (+${unique.length - 3} more)` : ''}`,
    );
  }
  if (
    blocks.length === 0 ||
    blocks.some((b) => b.energyJ === undefined || b.runs <= 0) ||
    (idle && idle.energyJ === undefined)
  ) {
    if (unread.length === 0) notes.push('energy not measured: incomplete windows');
    return { notes };
  }
  const idleWatts = idle ? idlePowerW(idle) : 0;
  const perRunMj = blocks.map((b) => ((b.energyJ! - idleWatts * (b.durationMs / 1000)) / b.runs) * 1000);
  const energy = median(perRunMj);
  const idlePowerMw = idle ? idleWatts * 1000 : undefined;
  if (!(energy > 0)) {
    notes.push(
      `net energy ${energy.toPrecision(3)} mJ per run is not above the idle baseline: below the meter's resolution`,
    );
    return { ...(idlePowerMw === undefined ? {} : { idlePowerMw }), notes };
  }
  const powerMw =
    median(blocks.map((b) => (b.energyJ! - idleWatts * (b.durationMs / 1000)) / (b.durationMs / 1000))) *
    1000;
  return {
    energyMj: energy,
    energySpreadMj: iqr(perRunMj),
    ...(Number.isFinite(powerMw) ? { powerMw } : {}),
    ...(idlePowerMw === undefined ? {} : { idlePowerMw }),
    notes,
  };
}

function idlePowerW(idle: MeteredWindow): number {
  return idle.durationMs > 0 ? idle.energyJ! / (idle.durationMs / 1000) : 0;
}

/**
 * The idle windows of a kernel's rounds as one baseline: their energies and durations summed, so the
 * idle power is the average over all of them; undefined when there are none.
 */
export function mergeIdle(windows: readonly MeteredWindow[]): MeteredWindow | undefined {
  if (windows.length === 0) return undefined;
  if (windows.length === 1) return windows[0];
  let durationMs = 0;
  let energyJ: number | undefined = 0;
  const problems: string[] = [];
  for (const w of windows) {
    durationMs += w.durationMs;
    energyJ = energyJ === undefined || w.energyJ === undefined ? undefined : energyJ + w.energyJ;
    for (const p of w.problems) problems.push(p);
  }
  return { durationMs, runs: 0, ...(energyJ === undefined ? {} : { energyJ }), problems };
}

/** Net energy per run of one block over its own idle window (mJ); undefined when either is unread. */
export function netEnergyPerRunMj(block: MeteredWindow, idle: MeteredWindow | undefined): number | undefined {
  if (block.energyJ === undefined || block.runs <= 0) return undefined;
  if (idle && idle.energyJ === undefined) return undefined;
  const idleWatts = idle ? idlePowerW(idle) : 0;
  return ((block.energyJ - idleWatts * (block.durationMs / 1000)) / block.runs) * 1000;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of no values');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Coefficient of variation: the sample standard deviation over the absolute mean (0 for fewer than
 * two values, or a zero mean).
 */
export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  if (m === 0) return 0;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1)) / Math.abs(m);
}

/** How steady a run was, for the summary line at its end. */
export interface Stability {
  readonly rows: number;
  /** Median and largest per-row latency coefficient of variation (0 without rows). */
  readonly medianLatencyCv: number;
  readonly maxLatencyCv: number;
  /** Rows that took more than one attempt. */
  readonly remeasured: number;
  /** Rows still above the limit after their last attempt. */
  readonly unstable: number;
  readonly maxCv: number;
}

export function summariseStability(
  rows: readonly { readonly latencyCv?: number; readonly energyCv?: number; readonly attempts?: number }[],
  maxCv: number,
): Stability {
  const cvs = rows.map((r) => r.latencyCv ?? 0);
  let maxLatencyCv = 0;
  for (const cv of cvs) if (cv > maxLatencyCv) maxLatencyCv = cv;
  return {
    rows: rows.length,
    medianLatencyCv: cvs.length === 0 ? 0 : median(cvs),
    maxLatencyCv,
    remeasured: rows.filter((r) => (r.attempts ?? 1) > 1).length,
    unstable: rows.filter((r) => Math.max(r.latencyCv ?? 0, r.energyCv ?? 0) > maxCv).length,
    maxCv,
  };
}

/** One line: `stability: 48 rows, latency CV median 1.2%, max 6.3%; 2 re-measured; 0 above --max-cv 10%`. */
export function formatStability(s: Stability): string {
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const verdict =
    s.unstable === 0
      ? `all within --max-cv ${pct(s.maxCv)}`
      : `${s.unstable} above --max-cv ${pct(s.maxCv)} (noted in their notes column; a quieter machine or more --repetitions helps)`;
  return `stability: ${s.rows} row(s), trial-to-trial latency CV median ${pct(s.medianLatencyCv)}, max ${pct(s.maxLatencyCv)}; ${s.remeasured} re-measured; ${verdict}`;
}
