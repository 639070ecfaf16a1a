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

/** No meter: windows are timed, energy is never reported (the CSV's energy columns stay empty). */
export class NoMeter implements EnergyMeter {
  readonly info: MeterInfo = {
    kind: 'none',
    label: 'none',
    measuresEnergy: false,
    method: 'none',
    channels: [],
    minWindowMs: 0,
    notes: ['latency only: no energy is measured or written'],
    problems: [],
  };
  private readonly marks = new MarkBook<{ readonly startMs: EpochMs }>('none');

  describe(): string {
    return describeMeter(this.info);
  }

  start(): Promise<MeterMark> {
    return Promise.resolve(this.marks.add({ startMs: nowMs() }));
  }

  stop(mark: MeterMark): Promise<MeterReading> {
    const { startMs } = this.marks.take(mark);
    return Promise.resolve({ startMs, endMs: nowMs(), problems: [] });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
