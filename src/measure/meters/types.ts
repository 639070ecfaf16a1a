import { UserError } from '../../errors.js';

/**
 * The contract every energy meter implements. A meter measures windows: `start()` opens one, `stop()`
 * closes it and says how much energy the measured channels used inside it. What a meter could not read
 * is never hidden: a window whose energy is incomplete carries no `energyJ`, only `problems`.
 */

export type Joules = number;
export type Watts = number;
/** Wall-clock time in milliseconds since the Unix epoch (Date.now() scale, fractional allowed). */
export type EpochMs = number;

export type MeterKind = 'rapl' | 'nvidia' | 'jetson' | 'external-csv' | 'none';

/** How a meter gets energy: a hardware energy counter, integrated power samples, or not at all. */
export type MeterMethod = 'energy-counter' | 'power-samples' | 'none';

/**
 * What a meter could not read: the file or command (`path`) and why. Thrown when a meter cannot work at
 * all; collected in `MeterInfo.problems` / `MeterReading.problems` when it can go on without that part.
 */
export class MeterError extends UserError {
  constructor(
    readonly meter: string,
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${meter}: ${path}: ${reason}`, options);
    this.name = 'MeterError';
  }
}

export interface MeterInfo {
  readonly kind: MeterKind;
  /** Short stable label written to the CSV's `meter` column, e.g. `rapl:package-0+dram`. */
  readonly label: string;
  /** false only for `none`: its readings never carry energy. */
  readonly measuresEnergy: boolean;
  readonly method: MeterMethod;
  /** The channels (zones, rails, GPUs) whose energy is summed into each reading. */
  readonly channels: readonly string[];
  /** Shortest window the meter resolves usefully (counter update period, sampling interval...). */
  readonly minWindowMs: number;
  /** Facts about how it measures (fallbacks taken, units, scope), for the run log and the docs. */
  readonly notes: readonly string[];
  /** What it could not read when it was opened; those channels are left out of `channels`. */
  readonly problems: readonly MeterError[];
}

/** An open measurement window, as returned by `start()`; only the meter that made it can close it. */
export interface MeterMark {
  readonly id: number;
  readonly startMs: EpochMs;
}

export interface MeterReading {
  readonly startMs: EpochMs;
  readonly endMs: EpochMs;
  /** Energy of all `channels` over the window; absent when any of it could not be measured. */
  readonly energyJ?: Joules;
  /** Per-channel energy, where the meter reads channels separately. */
  readonly channelsJ?: Readonly<Record<string, Joules>>;
  /** Power samples integrated (sampled meters). */
  readonly samples?: number;
  readonly problems: readonly MeterError[];
}

export interface EnergyMeter {
  readonly info: MeterInfo;
  /** One line for people: what is measured, how, and what is missing. */
  describe(): string;
  start(): Promise<MeterMark>;
  stop(mark: MeterMark): Promise<MeterReading>;
  /** Releases samplers and child processes. Safe to call twice. */
  close(): Promise<void>;
}

export function describeMeter(info: MeterInfo): string {
  const parts = [`${info.label} (${info.method}`];
  if (info.channels.length > 0) parts.push(`; channels: ${info.channels.join(', ')}`);
  parts.push(')');
  for (const note of info.notes) parts.push(`; ${note}`);
  for (const problem of info.problems) parts.push(`; could not read ${problem.path}: ${problem.reason}`);
  return parts.join('');
}

/** Hands out mark ids and checks that a mark given to `stop()` is one of this meter's open marks. */
export class MarkBook<S extends { readonly startMs: EpochMs }> {
  private next = 1;
  private readonly open = new Map<number, S>();

  constructor(private readonly meter: string) {}

  add(state: S): MeterMark {
    const id = this.next++;
    this.open.set(id, state);
    return { id, startMs: state.startMs };
  }

  take(mark: MeterMark): S {
    const state = this.open.get(mark.id);
    if (state === undefined) {
      throw new MeterError(
        this.meter,
        `mark ${mark.id}`,
        'not an open window of this meter (stopped twice?)',
      );
    }
    this.open.delete(mark.id);
    return state;
  }

  /** Start of the oldest open window (samples before it are no longer needed). */
  oldestStart(): EpochMs | undefined {
    let oldest: EpochMs | undefined;
    for (const state of this.open.values()) {
      if (oldest === undefined || state.startMs < oldest) oldest = state.startMs;
    }
    return oldest;
  }
}

/** Wall clock with sub-millisecond resolution (performance.now() anchored to the epoch). */
export function nowMs(): EpochMs {
  return performance.timeOrigin + performance.now();
}

/** Runs synchronous meter code as a promise, so that a thrown MeterError becomes a rejection. */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
