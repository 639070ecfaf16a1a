import { PowerSampler } from './sampler.js';
import { WindowMeter } from './window-meter.js';
import { nowMs, type EpochMs, type MeterInfo, type MeterReading } from './types.js';

/** Largest hole between power samples a window tolerates, for a sampling interval. */
export function maxGapFor(intervalMs: number): number {
  return Math.max(5 * intervalMs, 100);
}

/** A meter that integrates power samples taken on a worker thread (Jetson rails, nvidia-smi power). */
export class SampledMeter extends WindowMeter<{ readonly startMs: EpochMs }> {
  constructor(
    info: MeterInfo,
    private readonly sampler: PowerSampler,
    private readonly maxGapMs: number,
    private readonly syncTimeoutMs: number,
    /** Stamps the windows; tests inject one so that no test sleeps to make a window last. */
    private readonly clock: () => EpochMs = nowMs,
  ) {
    super(info);
  }

  protected open(): { startMs: EpochMs } {
    return { startMs: this.clock() };
  }

  protected async read({ startMs }: { readonly startMs: EpochMs }): Promise<MeterReading> {
    const endMs = this.clock();
    await this.sampler.sync(endMs, this.syncTimeoutMs);
    const window = this.sampler.energy(startMs, endMs, this.maxGapMs);
    this.sampler.prune((this.oldestStart() ?? endMs) - this.maxGapMs);
    return {
      startMs,
      endMs,
      ...(window.energyJ === undefined ? {} : { energyJ: window.energyJ }),
      channelsJ: window.channelsJ,
      samples: window.samples,
      problems: window.problems,
    };
  }

  override close(): Promise<void> {
    return this.sampler.close();
  }
}
