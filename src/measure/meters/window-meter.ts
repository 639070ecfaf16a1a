import {
  MarkBook,
  describeMeter,
  type EnergyMeter,
  type EpochMs,
  type MeterInfo,
  type MeterMark,
  type MeterReading,
} from './types.js';

/**
 * What every meter shares: its info and description, the book of its open windows (a mark given to
 * `stop()` must be one of them), and a `close()` with nothing to release. A meter says what it records
 * when a window opens (`open`: its start time, counter values...) and what it reads when the window
 * closes (`read`); a throw in either becomes a rejection of `start()` or `stop()`.
 */
export abstract class WindowMeter<W extends { readonly startMs: EpochMs }> implements EnergyMeter {
  private readonly marks: MarkBook<W>;

  constructor(readonly info: MeterInfo) {
    this.marks = new MarkBook<W>(info.kind);
  }

  describe(): string {
    return describeMeter(this.info);
  }

  async start(): Promise<MeterMark> {
    return this.marks.add(await this.open());
  }

  async stop(mark: MeterMark): Promise<MeterReading> {
    return this.read(this.marks.take(mark));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Start of the oldest open window (samples before it are no longer needed). */
  protected oldestStart(): EpochMs | undefined {
    return this.marks.oldestStart();
  }

  protected abstract open(): W | Promise<W>;

  protected abstract read(window: W): MeterReading | Promise<MeterReading>;
}
