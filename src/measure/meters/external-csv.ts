import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { readFailureReason } from './sysfs.js';
import { SampleSeries } from './series.js';
import { WindowMeter } from './window-meter.js';
import { MeterError, nowMs, settle, type EnergyMeter, type EpochMs, type MeterReading } from './types.js';

/**
 * An external power monitor's CSV: timestamped power samples, or current and voltage (a Monsoon's
 * `Time(ms),Main(mA),Main Voltage(V)`). Times are mapped onto the harness's clock (epoch ms) and each
 * measurement window's energy is integrated from the samples inside it. Works live (the monitor's
 * logger appends while the harness runs) and after the fact (see attach.ts).
 */

const METER = 'external-csv';

export type TimeUnit = 's' | 'ms' | 'us' | 'ns';
export type PowerUnit = 'W' | 'mW' | 'uW';
export type CurrentUnit = 'A' | 'mA' | 'uA';
export type VoltageUnit = 'V' | 'mV';

const TIME_SCALE: Record<TimeUnit, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };
const POWER_SCALE: Record<PowerUnit, number> = { W: 1, mW: 1e-3, uW: 1e-6 };
const CURRENT_SCALE: Record<CurrentUnit, number> = { A: 1, mA: 1e-3, uA: 1e-6 };
const VOLTAGE_SCALE: Record<VoltageUnit, number> = { V: 1, mV: 1e-3 };
/** Average sample spacing below this (100 kHz) means the time unit was misread. */
const MIN_PLAUSIBLE_STEP_MS = 0.01;
/** Times below this (ms since the epoch: early 1973) are taken as relative to the recording's start. */
const EPOCH_THRESHOLD_MS = 1e11;

export interface MonitorCsvOptions {
  /** Columns, by header name; detected from the header when left out. */
  readonly timeColumn?: string;
  readonly powerColumn?: string;
  readonly currentColumn?: string;
  readonly voltageColumn?: string;
  /** Units; read from the header (`Time(ms)`, `power_mw`, `Main(mA)`) when left out. */
  readonly timeUnit?: TimeUnit;
  readonly powerUnit?: PowerUnit;
  readonly currentUnit?: CurrentUnit;
  readonly voltageUnit?: VoltageUnit;
  /**
   * Added to the monitor's time (in ms) to put it on the harness's clock. Required when the monitor
   * writes times relative to its start: then it is the harness-clock epoch ms of the monitor's time 0.
   */
  readonly offsetMs?: number;
  /** Largest hole between samples a window tolerates (default 50 ms). */
  readonly maxGapMs?: number;
}

/** How the columns of a monitor CSV are read, as detected from its header and the options. */
export interface MonitorLayout {
  readonly columns: readonly string[];
  readonly time: { readonly index: number; readonly scale: number; readonly unit: TimeUnit | 'iso' | 'auto' };
  readonly power?: { readonly index: number; readonly scale: number };
  readonly current?: { readonly index: number; readonly scale: number };
  readonly voltage?: { readonly index: number; readonly scale: number };
  readonly summary: string;
}

interface Column {
  readonly name: string;
  readonly base: string;
  readonly unit?: string;
}

function splitHeader(name: string): Column {
  const trimmed = name.trim().replace(/^"|"$/g, '');
  const paren = /^(.*?)\s*[([]\s*([a-zA-Zµμ]+)\s*[)\]]\s*$/.exec(trimmed);
  if (paren) return { name: trimmed, base: paren[1]!.toLowerCase(), unit: normaliseUnit(paren[2]!) };
  const suffix = /^(.*?)[_ ]([a-zA-Zµμ]+)$/.exec(trimmed);
  if (suffix && normaliseUnit(suffix[2]!) !== undefined) {
    return { name: trimmed, base: suffix[1]!.toLowerCase(), unit: normaliseUnit(suffix[2]!) };
  }
  return { name: trimmed, base: trimmed.toLowerCase() };
}

function normaliseUnit(unit: string): string | undefined {
  const u = unit.replace(/^[µμ]/, 'u');
  const known = ['s', 'ms', 'us', 'ns', 'W', 'mW', 'uW', 'A', 'mA', 'uA', 'V', 'mV'];
  const exact = known.find((k) => k === u);
  if (exact) return exact;
  const lower = known.find((k) => k.toLowerCase() === u.toLowerCase());
  return lower;
}

function unitKind(unit: string | undefined): 'time' | 'power' | 'current' | 'voltage' | undefined {
  if (unit === undefined) return undefined;
  if (Object.hasOwn(TIME_SCALE, unit)) return 'time';
  if (Object.hasOwn(POWER_SCALE, unit)) return 'power';
  if (Object.hasOwn(CURRENT_SCALE, unit)) return 'current';
  if (Object.hasOwn(VOLTAGE_SCALE, unit)) return 'voltage';
  return undefined;
}

function nameKind(base: string): 'time' | 'power' | 'current' | 'voltage' | undefined {
  if (/^(time|timestamp|t|epoch|epoch_time|unix_time)$/.test(base) || base.startsWith('time')) return 'time';
  if (/power|watt/.test(base)) return 'power';
  if (/voltage|volt/.test(base)) return 'voltage';
  if (/current|amp/.test(base)) return 'current';
  return undefined;
}

/** Reads the layout from a header line; throws MeterError naming the file when it cannot. */
export function detectLayout(header: string, path: string, options: MonitorCsvOptions = {}): MonitorLayout {
  const names = header.split(',');
  const columns = names.map(splitHeader);
  const find = (
    wanted: string | undefined,
    kind: 'time' | 'power' | 'current' | 'voltage',
  ): number | undefined => {
    if (wanted !== undefined) {
      const i = columns.findIndex((c) => c.name === wanted);
      if (i < 0)
        throw new MeterError(METER, path, `no column ${JSON.stringify(wanted)} in ${JSON.stringify(header)}`);
      return i;
    }
    const byUnit = columns.flatMap((c, i) => (c.name !== '' && unitKind(c.unit) === kind ? [i] : []));
    const candidates =
      byUnit.length > 0
        ? byUnit
        : columns.flatMap((c, i) =>
            c.name !== '' && c.unit === undefined && nameKind(c.base) === kind ? [i] : [],
          );
    if (candidates.length > 1) {
      throw new MeterError(
        METER,
        path,
        `several ${kind} columns (${candidates.map((i) => columns[i]!.name).join(', ')}): name the one to use`,
      );
    }
    return candidates[0];
  };
  const timeIndex = find(options.timeColumn, 'time');
  if (timeIndex === undefined)
    throw new MeterError(METER, path, `no time column in ${JSON.stringify(header)}: name it (timeColumn)`);
  const powerIndex = find(options.powerColumn, 'power');
  const currentIndex = powerIndex === undefined ? find(options.currentColumn, 'current') : undefined;
  const voltageIndex = powerIndex === undefined ? find(options.voltageColumn, 'voltage') : undefined;
  if (powerIndex === undefined && (currentIndex === undefined || voltageIndex === undefined)) {
    throw new MeterError(
      METER,
      path,
      `neither a power column nor current and voltage columns in ${JSON.stringify(header)}`,
    );
  }
  const unitOf = <U extends string>(
    index: number,
    given: U | undefined,
    fallback: U,
    scales: Record<U, number>,
  ): { index: number; scale: number; unit: U } => {
    const unit = given ?? (columns[index]!.unit as U | undefined) ?? fallback;
    if (!(unit in scales))
      throw new MeterError(
        METER,
        path,
        `column ${columns[index]!.name}: unit ${unit} is not one of ${Object.keys(scales).join(', ')}`,
      );
    return { index, scale: scales[unit], unit };
  };
  const timeUnitGiven = options.timeUnit ?? (columns[timeIndex]!.unit as TimeUnit | undefined);
  const time =
    timeUnitGiven === undefined
      ? { index: timeIndex, scale: 1, unit: 'auto' as const }
      : unitOf(timeIndex, timeUnitGiven, 's', TIME_SCALE);
  const parts = [`time=${columns[timeIndex]!.name} (${time.unit})`];
  let power: MonitorLayout['power'];
  let current: MonitorLayout['current'];
  let voltage: MonitorLayout['voltage'];
  if (powerIndex !== undefined) {
    const p = unitOf(powerIndex, options.powerUnit, 'W', POWER_SCALE);
    power = { index: p.index, scale: p.scale };
    parts.push(`power=${columns[powerIndex]!.name} (${p.unit})`);
  } else {
    const c = unitOf(currentIndex!, options.currentUnit, 'A', CURRENT_SCALE);
    const v = unitOf(voltageIndex!, options.voltageUnit, 'V', VOLTAGE_SCALE);
    current = { index: c.index, scale: c.scale };
    voltage = { index: v.index, scale: v.scale };
    parts.push(`power=${columns[c.index]!.name} (${c.unit}) x ${columns[v.index]!.name} (${v.unit})`);
  }
  return {
    columns: columns.map((c) => c.name),
    time,
    ...(power ? { power } : {}),
    ...(current ? { current } : {}),
    ...(voltage ? { voltage } : {}),
    summary: parts.join(', '),
  };
}

/**
 * Turns monitor lines into samples on the harness clock, one line at a time, checking that time does
 * not go back. The time unit of a header without one is settled on the first row: ISO dates, epoch
 * seconds or epoch milliseconds, else seconds relative to the start.
 */
export class MonitorLineParser {
  private timeScale: number | 'iso' | undefined;
  private offsetMs: number | undefined;
  private lastT = -Infinity;
  private row = 1;

  constructor(
    readonly path: string,
    readonly layout: MonitorLayout,
    private readonly options: MonitorCsvOptions,
    readonly series: SampleSeries,
  ) {
    if (layout.time.unit !== 'auto') this.timeScale = layout.time.scale;
  }

  /** Parses one data line (without its newline) into the series. */
  line(text: string): void {
    this.row++;
    if (text.trim() === '') return;
    const fields = text.split(',');
    const where = `${this.path}: row ${this.row}`;
    const timeText = (fields[this.layout.time.index] ?? '').trim().replace(/^"|"$/g, '');
    const t = this.time(timeText, where);
    const watts = this.power(fields, where);
    if (t < this.lastT) throw new MeterError(METER, where, `time goes back (${timeText})`);
    this.lastT = t;
    this.series.push(t, watts);
  }

  private time(text: string, where: string): EpochMs {
    if (this.timeScale === undefined) this.timeScale = guessTimeScale(text);
    let ms: number;
    if (this.timeScale === 'iso') {
      ms = Date.parse(text);
      if (!Number.isFinite(ms)) throw new MeterError(METER, where, `not a date: ${JSON.stringify(text)}`);
    } else {
      const value = Number(text);
      if (text === '' || !Number.isFinite(value))
        throw new MeterError(METER, where, `time is not a number: ${JSON.stringify(text)}`);
      ms = value * this.timeScale;
    }
    if (this.offsetMs === undefined) {
      if (ms < EPOCH_THRESHOLD_MS && this.options.offsetMs === undefined) {
        throw new MeterError(
          METER,
          where,
          `times are relative to the recording's start (${text}): give the harness-clock time of the monitor's time 0 (offsetMs)`,
        );
      }
      this.offsetMs = this.options.offsetMs ?? 0;
    }
    return ms + this.offsetMs;
  }

  private power(fields: readonly string[], where: string): number {
    const value = (index: number): number => {
      const text = (fields[index] ?? '').trim().replace(/^"|"$/g, '');
      const v = Number(text);
      if (text === '' || !Number.isFinite(v)) {
        throw new MeterError(
          METER,
          where,
          `column ${this.layout.columns[index] ?? index} is not a number: ${JSON.stringify(text)}`,
        );
      }
      return v;
    };
    const { power, current, voltage } = this.layout;
    if (power) return value(power.index) * power.scale;
    return value(current!.index) * current!.scale * value(voltage!.index) * voltage!.scale;
  }
}

function guessTimeScale(text: string): number | 'iso' {
  const value = Number(text);
  if (text !== '' && Number.isFinite(value)) {
    if (value > 1e17) return TIME_SCALE.ns;
    if (value > 1e14) return TIME_SCALE.us;
    if (value > 1e11) return TIME_SCALE.ms;
    return TIME_SCALE.s;
  }
  return 'iso';
}

/** Reads a whole monitor CSV (streamed: files of hundreds of megabytes are fine). */
export async function loadMonitorCsv(
  path: string,
  options: MonitorCsvOptions = {},
): Promise<{ series: SampleSeries; layout: MonitorLayout }> {
  const series = new SampleSeries(options.maxGapMs ?? 50);
  let parser: MonitorLineParser | undefined;
  let rest = '';
  const stream = createReadStream(path, { encoding: 'utf8' });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      rest += chunk;
      let nl: number;
      while ((nl = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, nl).replace(/\r$/, '');
        rest = rest.slice(nl + 1);
        if (parser === undefined) {
          if (line.trim() === '') continue;
          parser = new MonitorLineParser(path, detectLayout(line, path, options), options, series);
        } else {
          parser.line(line);
        }
      }
    }
  } catch (error) {
    if (error instanceof MeterError) throw error;
    throw new MeterError(METER, path, readFailureReason(error), { cause: error });
  }
  if (parser === undefined) throw new MeterError(METER, path, 'empty file: no header');
  if (rest.trim() !== '') parser.line(rest.replace(/\r$/, ''));
  if (series.length === 0) throw new MeterError(METER, path, 'no samples after the header');
  // Older Monsoon Python APIs label the column Time(ms) but write seconds: 5 kHz then looks like 5 MHz.
  const stepMs = series.length > 1 ? (series.last! - series.first!) / (series.length - 1) : Infinity;
  if (stepMs < MIN_PLAUSIBLE_STEP_MS) {
    throw new MeterError(
      METER,
      path,
      `samples ${stepMs.toPrecision(2)} ms apart (${(1 / stepMs / 1000).toPrecision(3)} MHz) as read (${parser.layout.summary}): is the time unit right? give it (timeUnit)`,
    );
  }
  return { series, layout: parser.layout };
}

export interface ExternalCsvOptions extends MonitorCsvOptions {
  readonly path: string;
  /** How long `stop()` waits for the monitor to write samples past the window's end (default 10 s). */
  readonly waitMs?: number;
  /** How often the file is read while waiting (default 100 ms). */
  readonly pollMs?: number;
}

/**
 * Live mode: the monitor's logger appends to the CSV while the harness runs. Each `stop()` reads what
 * was appended and waits until the samples reach past the window's end.
 */
export class ExternalCsvMeter extends WindowMeter<{ readonly startMs: EpochMs }> {
  private readonly series: SampleSeries;
  private parser: MonitorLineParser | undefined;
  private offset = 0;
  private pending = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly options: ExternalCsvOptions) {
    super({
      kind: 'external-csv',
      label: `external-csv:${basename(options.path)}`,
      measuresEnergy: true,
      method: 'power-samples',
      channels: [basename(options.path)],
      minWindowMs: Math.max(100, 4 * (options.maxGapMs ?? 50)),
      notes: ['power samples from an external monitor, aligned on the harness clock'],
      problems: [],
    });
    this.series = new SampleSeries(options.maxGapMs ?? 50);
  }

  override describe(): string {
    return super.describe() + (this.parser ? `; ${this.parser.layout.summary}` : '');
  }

  /** Reads what the logger appended since the last call; returns the newest sample time. */
  poll(): EpochMs | undefined {
    const { path } = this.options;
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw new MeterError(METER, path, readFailureReason(error), { cause: error });
    }
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset)
        throw new MeterError(METER, path, 'the file shrank while being read (was it restarted?)');
      const buffer = Buffer.alloc(Math.min(size - this.offset, 64 * 1024 * 1024));
      const read = readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += read;
      this.pending += this.decoder.write(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl).replace(/\r$/, '');
      this.pending = this.pending.slice(nl + 1);
      if (this.parser === undefined) {
        if (line.trim() === '') continue;
        this.parser = new MonitorLineParser(
          path,
          detectLayout(line, path, this.options),
          this.options,
          this.series,
        );
      } else {
        this.parser.line(line);
      }
    }
    return this.series.last;
  }

  protected open(): { startMs: EpochMs } {
    this.poll();
    return { startMs: nowMs() };
  }

  protected async read({ startMs }: { readonly startMs: EpochMs }): Promise<MeterReading> {
    const endMs = nowMs();
    const deadline = endMs + (this.options.waitMs ?? 10_000);
    const pollMs = this.options.pollMs ?? 100;
    let last = this.poll();
    while ((last === undefined || last < endMs) && nowMs() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      last = this.poll();
    }
    const result = this.series.energy(startMs, endMs);
    if (!result.ok) {
      return {
        startMs,
        endMs,
        samples: result.samples,
        problems: [new MeterError(METER, this.options.path, result.reason)],
      };
    }
    return { startMs, endMs, energyJ: result.energyJ, samples: result.samples, problems: [] };
  }
}

export function openExternalCsvMeter(options: ExternalCsvOptions): Promise<EnergyMeter> {
  return settle(() => {
    const meter = new ExternalCsvMeter(options);
    meter.poll();
    return meter;
  });
}
