import { WindowMeter } from './window-meter.js';
import { nowMs, type EpochMs, type MeterReading } from './types.js';

/** No meter: windows are timed, energy is never reported (the CSV's energy columns stay empty). */
export class NoMeter extends WindowMeter<{ readonly startMs: EpochMs }> {
  constructor() {
    super({
      kind: 'none',
      label: 'none',
      measuresEnergy: false,
      method: 'none',
      channels: [],
      minWindowMs: 0,
      notes: ['latency only: no energy is measured or written'],
      problems: [],
    });
  }

  protected open(): { startMs: EpochMs } {
    return { startMs: nowMs() };
  }

  protected read({ startMs }: { readonly startMs: EpochMs }): MeterReading {
    return { startMs, endMs: nowMs(), problems: [] };
  }
}
