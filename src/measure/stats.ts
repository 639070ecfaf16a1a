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

/** Interquartile range: the spread reported next to each median. */
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
  const idleWatts = idle ? idle.energyJ! / (idle.durationMs / 1000) : 0;
  const perRunMj = blocks.map((b) => ((b.energyJ! - idleWatts * (b.durationMs / 1000)) / b.runs) * 1000);
  const energy = median(perRunMj);
  const idlePowerMw = idle ? idleWatts * 1000 : undefined;
  if (!(energy > 0)) {
    notes.push(
      `net energy ${energy.toPrecision(3)} mJ per run is not above the idle baseline: below the meter's resolution`,
    );
    return { ...(idlePowerMw === undefined ? {} : { idlePowerMw }), notes };
  }
  return {
    energyMj: energy,
    energySpreadMj: iqr(perRunMj),
    ...(idlePowerMw === undefined ? {} : { idlePowerMw }),
    notes,
  };
}
