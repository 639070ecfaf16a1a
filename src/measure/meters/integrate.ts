import type { EpochMs, Joules, Watts } from './types.js';

/** One power reading at a point in time (the sum of a meter's channels, or one channel). */
export interface PowerSample {
  readonly t: EpochMs;
  readonly watts: Watts;
}

export type Integration =
  | { readonly ok: true; readonly energyJ: Joules; readonly samples: number }
  | { readonly ok: false; readonly reason: string; readonly samples: number };

/**
 * Energy over [startMs, endMs] from power samples sorted by time: power is interpolated linearly
 * between samples (trapezoids) and held flat past the first and last sample. The samples must cover
 * the window: one within `maxGapMs` of each end and no hole longer than `maxGapMs` inside; otherwise
 * the result says why not instead of guessing.
 */
export function integratePower(
  samples: readonly PowerSample[],
  startMs: EpochMs,
  endMs: EpochMs,
  maxGapMs: number,
): Integration {
  if (!(endMs > startMs)) return { ok: false, reason: `empty window (${startMs}..${endMs})`, samples: 0 };
  const lo = lowerBound(samples, startMs - maxGapMs);
  const hi = lowerBound(samples, endMs + maxGapMs + Number.EPSILON);
  const used = samples.slice(lo, hi);
  const first = used[0];
  const last = used[used.length - 1];
  if (first === undefined || last === undefined) {
    return { ok: false, reason: `no power samples within ${maxGapMs} ms of the window`, samples: 0 };
  }
  if (first.t > startMs + maxGapMs) {
    return {
      ok: false,
      reason: `first sample ${fmt(first.t - startMs)} ms after the window start`,
      samples: used.length,
    };
  }
  if (last.t < endMs - maxGapMs) {
    return {
      ok: false,
      reason: `last sample ${fmt(endMs - last.t)} ms before the window end`,
      samples: used.length,
    };
  }
  for (let i = 1; i < used.length; i++) {
    const gap = used[i]!.t - used[i - 1]!.t;
    if (gap > maxGapMs && used[i]!.t > startMs && used[i - 1]!.t < endMs) {
      return {
        ok: false,
        reason: `a ${fmt(gap)} ms hole in the power samples inside the window`,
        samples: used.length,
      };
    }
  }
  const points: EpochMs[] = [startMs];
  for (const s of used) if (s.t > startMs && s.t < endMs) points.push(s.t);
  points.push(endMs);
  let wattMs = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    wattMs += ((powerAt(used, a) + powerAt(used, b)) / 2) * (b - a);
  }
  return {
    ok: true,
    energyJ: wattMs / 1000,
    samples: used.filter((s) => s.t >= startMs && s.t <= endMs).length,
  };
}

/** Linear interpolation inside the samples, held flat outside them. `samples` must be non-empty. */
function powerAt(samples: readonly PowerSample[], t: EpochMs): Watts {
  const i = lowerBound(samples, t);
  if (i === 0) return samples[0]!.watts;
  if (i >= samples.length) return samples[samples.length - 1]!.watts;
  const after = samples[i]!;
  const before = samples[i - 1]!;
  if (after.t === t || after.t === before.t) return after.watts;
  return before.watts + ((after.watts - before.watts) * (t - before.t)) / (after.t - before.t);
}

/** First index whose sample time is >= t. */
function lowerBound(samples: readonly PowerSample[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function fmt(ms: number): string {
  return ms.toFixed(ms < 10 ? 2 : 0);
}
