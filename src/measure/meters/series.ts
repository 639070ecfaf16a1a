import type { Integration } from './integrate.js';
import type { EpochMs, Watts } from './types.js';

/**
 * A long power series (an external monitor's CSV: 5 kHz for an hour is 18 million samples) kept in
 * typed arrays with the running energy, so that any window's energy is a difference of two
 * interpolated cumulative values: O(log n) per window, 24 bytes per sample.
 */
export class SampleSeries {
  private times = new Float64Array(1024);
  private watts = new Float64Array(1024);
  /** Energy (J) from the first sample to sample i, trapezoids. */
  private cumJ = new Float64Array(1024);
  private count = 0;
  /** Start times of holes longer than the series' gap limit, with their lengths. */
  private readonly holes: { at: EpochMs; length: number }[] = [];

  constructor(readonly maxGapMs: number) {}

  get length(): number {
    return this.count;
  }

  get first(): EpochMs | undefined {
    return this.count > 0 ? this.times[0] : undefined;
  }

  get last(): EpochMs | undefined {
    return this.count > 0 ? this.times[this.count - 1] : undefined;
  }

  /** Appends a sample; times must not go back (the caller reports where they do). */
  push(t: EpochMs, watts: Watts): void {
    if (this.count === this.times.length) this.grow();
    const i = this.count;
    this.times[i] = t;
    this.watts[i] = watts;
    if (i === 0) {
      this.cumJ[i] = 0;
    } else {
      const dt = t - this.times[i - 1]!;
      this.cumJ[i] = this.cumJ[i - 1]! + ((this.watts[i - 1]! + watts) / 2) * (dt / 1000);
      if (dt > this.maxGapMs) this.holes.push({ at: this.times[i - 1]!, length: dt });
    }
    this.count++;
  }

  /** Energy over [startMs, endMs] under the same rules as integratePower (linear, flat past the ends). */
  energy(startMs: EpochMs, endMs: EpochMs): Integration {
    if (!(endMs > startMs)) return { ok: false, reason: `empty window (${startMs}..${endMs})`, samples: 0 };
    const first = this.first;
    const last = this.last;
    if (first === undefined || last === undefined)
      return { ok: false, reason: 'no power samples', samples: 0 };
    const inside = this.lowerBound(endMs + Number.EPSILON) - this.lowerBound(startMs);
    if (first > startMs + this.maxGapMs) {
      return {
        ok: false,
        reason: `the samples start ${(first - startMs).toFixed(0)} ms after the window start`,
        samples: inside,
      };
    }
    if (last < endMs - this.maxGapMs) {
      return {
        ok: false,
        reason: `the samples end ${(endMs - last).toFixed(0)} ms before the window end`,
        samples: inside,
      };
    }
    const hole = this.holes.find((h) => h.at < endMs && h.at + h.length > startMs);
    if (hole)
      return {
        ok: false,
        reason: `a ${hole.length.toFixed(0)} ms hole in the power samples inside the window`,
        samples: inside,
      };
    return { ok: true, energyJ: this.cumulative(endMs) - this.cumulative(startMs), samples: inside };
  }

  private cumulative(t: EpochMs): number {
    const n = this.count;
    const t0 = this.times[0]!;
    const tn = this.times[n - 1]!;
    if (t <= t0) return -this.watts[0]! * ((t0 - t) / 1000);
    if (t >= tn) return this.cumJ[n - 1]! + this.watts[n - 1]! * ((t - tn) / 1000);
    const i = this.lowerBound(t);
    const tb = this.times[i]!;
    if (tb === t) return this.cumJ[i]!;
    const ta = this.times[i - 1]!;
    const wa = this.watts[i - 1]!;
    const wt = wa + ((this.watts[i]! - wa) * (t - ta)) / (tb - ta);
    return this.cumJ[i - 1]! + ((wa + wt) / 2) * ((t - ta) / 1000);
  }

  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.times = grow(this.times);
    this.watts = grow(this.watts);
    this.cumJ = grow(this.cumJ);
  }
}
