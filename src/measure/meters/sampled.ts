import { PowerSampler } from './sampler.js';
import {
  MarkBook,
  describeMeter,
  nowMs,
  type EnergyMeter,
  type EpochMs,
  type MeterInfo,
  type MeterMark,
  type MeterReading,
} from './types.js';

/** Largest hole between power samples a window tolerates, for a sampling interval. */
export function maxGapFor(intervalMs: number): number {
  return Math.max(5 * intervalMs, 100);
}

/** A meter that integrates power samples taken on a worker thread (Jetson rails, nvidia-smi power). */
export class SampledMeter implements EnergyMeter {
  private readonly marks: MarkBook<{ readonly startMs: EpochMs }>;

  constructor(
    readonly info: MeterInfo,
    private readonly sampler: PowerSampler,
    private readonly maxGapMs: number,
    private readonly syncTimeoutMs: number,
    /** Stamps the windows; tests inject one so that no test sleeps to make a window last. */
    private readonly clock: () => EpochMs = nowMs,
  ) {
    this.marks = new MarkBook(info.kind);
  }

  describe(): string {
    return describeMeter(this.info);
  }

  start(): Promise<MeterMark> {
    return Promise.resolve(this.marks.add({ startMs: this.clock() }));
  }

  async stop(mark: MeterMark): Promise<MeterReading> {
    const { startMs } = this.marks.take(mark);
    const endMs = this.clock();
    await this.sampler.sync(endMs, this.syncTimeoutMs);
    const window = this.sampler.energy(startMs, endMs, this.maxGapMs);
    this.sampler.prune((this.marks.oldestStart() ?? endMs) - this.maxGapMs);
    return {
      startMs,
      endMs,
      ...(window.energyJ === undefined ? {} : { energyJ: window.energyJ }),
      channelsJ: window.channelsJ,
      samples: window.samples,
      problems: window.problems,
    };
  }

  close(): Promise<void> {
    return this.sampler.close();
  }
}
