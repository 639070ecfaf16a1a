import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DEEPEN2023_CONFIG_COLUMNS, type KernelConfig } from '../kernels/types.js';
import { MEASUREMENT_COLUMNS, PROVENANCE_COLUMNS } from '../predict/csv.js';
import { UserError } from '../errors.js';

/**
 * The kernel CSV the harness writes: DeepEn2023's columns (data/deepen2023/kernels_cpu.csv), in the
 * same order and units, so that `train` reads both the same way, then how each row was measured; the
 * column names are the reader's (predict/csv.ts).
 * Rows are appended and fsynced one at a time; a line cut short by a hard kill is cut off on resume.
 */

export const DEEPEN_COLUMNS = [
  'kernel_id',
  'kernel_type',
  ...DEEPEN2023_CONFIG_COLUMNS,
  'input_shapes',
  ...MEASUREMENT_COLUMNS,
] as const;

export const MEASURE_COLUMNS = [...DEEPEN_COLUMNS, ...PROVENANCE_COLUMNS] as const;

export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];

/** The columns of files written before the stability columns (trials ... load_avg) were added. */
export const LEGACY_MEASURE_COLUMNS: readonly string[] = MEASURE_COLUMNS.filter(
  (c) => !['trials', 'latency_cv', 'energy_cv', 'attempts', 'batch', 'load_avg'].includes(c),
);

type ConfigColumn = (typeof DEEPEN2023_CONFIG_COLUMNS)[number];

/** One measured kernel. Energy fields are absent when not measured (meter `none`) or not measurable. */
export interface MeasuredRow {
  readonly kernelId: string;
  readonly kernelType: string;
  readonly config: KernelConfig;
  /** NHWC without the batch dimension, as the dataset writes them. */
  readonly inputShapes: readonly (readonly number[])[];
  readonly energyMj?: number;
  readonly latencyMs: number;
  readonly powerMw?: number;
  readonly meter: string;
  readonly device: string;
  readonly threads: number;
  readonly repetitions: number;
  /** Interquartile range of the per-run latencies. */
  readonly latencySpreadMs: number;
  /** Interquartile range of the per-block energies per inference. */
  readonly energySpreadMj?: number;
  /** Idle power subtracted from the energy (the baseline read in each round of the kernel's trials). */
  readonly idlePowerMw?: number;
  /** Trials (metered blocks, each in its own round) the row's runs were split into. */
  readonly trials?: number;
  /** Coefficient of variation of the trials' mean latencies. */
  readonly latencyCv?: number;
  /** Coefficient of variation of the trials' net energies per run (when energy was measured). */
  readonly energyCv?: number;
  /** Times the kernel was measured; more than 1 when a spread above the limit made it measure again. */
  readonly attempts?: number;
  /** Kernels whose trials were interleaved with this one's (itself included). */
  readonly batch?: number;
  /** 1-minute load average of the machine when the row's last attempt began. */
  readonly loadAverage?: number;
  /** What went wrong or was left out for this row (meter problems, sub-resolution energy). */
  readonly notes: string;
}

/** Thrown for a kernel CSV or window log that cannot be used: the file, the row (1-based) and why. */
export class MeasureError extends UserError {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly row?: number,
    options?: { cause?: unknown },
  ) {
    super(`${file}${row === undefined ? '' : `: row ${row}`}: ${problem}`, options);
    this.name = 'MeasureError';
  }
}

export function headerLine(columns: readonly string[] = MEASURE_COLUMNS): string {
  return `${columns.map(csvField).join(',')}\n`;
}

export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Numbers with 6 significant digits, without exponent noise for everyday sizes. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(Number(value.toPrecision(6)));
}

export function rowValues(row: MeasuredRow): Record<MeasureColumn, string> {
  const config = (field: ConfigColumn): string => {
    const v = row.config[field];
    return v === undefined ? '' : String(v);
  };
  return {
    kernel_id: row.kernelId,
    kernel_type: row.kernelType,
    HW: config('HW'),
    CIN: config('CIN'),
    COUT: config('COUT'),
    KERNEL_SIZE: config('KERNEL_SIZE'),
    STRIDES: config('STRIDES'),
    POOL_STRIDES: config('POOL_STRIDES'),
    CIN1: config('CIN1'),
    CIN2: config('CIN2'),
    CIN3: config('CIN3'),
    CIN4: config('CIN4'),
    input_shapes: JSON.stringify(row.inputShapes),
    energy_mj: formatNumber(row.energyMj),
    latency_ms: formatNumber(row.latencyMs),
    power_mw: formatNumber(row.powerMw),
    meter: row.meter,
    device: row.device,
    threads: String(row.threads),
    repetitions: String(row.repetitions),
    latency_spread_ms: formatNumber(row.latencySpreadMs),
    energy_spread_mj: formatNumber(row.energySpreadMj),
    idle_power_mw: formatNumber(row.idlePowerMw),
    trials: row.trials === undefined ? '' : String(row.trials),
    latency_cv: formatNumber(row.latencyCv),
    energy_cv: formatNumber(row.energyCv),
    attempts: row.attempts === undefined ? '' : String(row.attempts),
    batch: row.batch === undefined ? '' : String(row.batch),
    load_avg: formatNumber(row.loadAverage),
    notes: row.notes.replace(/[\r\n]+/g, ' '),
  };
}

export function formatRow(row: MeasuredRow): string {
  const values = rowValues(row);
  return `${MEASURE_COLUMNS.map((c) => csvField(values[c])).join(',')}\n`;
}

export type CsvRecord = Readonly<Record<string, string>>;

export interface ExistingCsv {
  readonly records: readonly CsvRecord[];
  /** Bytes of an unfinished last line that were cut off (0 when the file ended cleanly). */
  readonly repairedBytes: number;
  readonly repairedText: string;
}

/**
 * Reads a kernel CSV the harness may append to: checks the header, cuts off an unfinished last line
 * (a hard kill in the middle of a write) and parses the rows. A missing or empty file gets the header.
 */
export function prepareCsv(path: string, columns: readonly string[] = MEASURE_COLUMNS): ExistingCsv {
  if (!existsSync(path)) {
    appendDurably(path, headerLine(columns));
    return { records: [], repairedBytes: 0, repairedText: '' };
  }
  const { repairedBytes, repairedText } = cutUnfinishedLine(path);
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') {
    appendDurably(path, headerLine(columns));
    return { records: [], repairedBytes, repairedText };
  }
  const records = parseCsv(path, text, columns);
  return { records, repairedBytes, repairedText };
}

/** Parses a CSV whose header must be exactly `columns`; errors name the file and row. */
export function parseCsv(path: string, text: string, columns: readonly string[]): CsvRecord[] {
  const firstLine = text
    .slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'))
    .replace(/\r$/, '');
  const expected = headerLine(columns).trimEnd();
  if (
    firstLine !== expected &&
    columns === MEASURE_COLUMNS &&
    firstLine === headerLine(LEGACY_MEASURE_COLUMNS).trimEnd()
  ) {
    throw new MeasureError(
      path,
      'written by an earlier version, without the stability columns (trials, latency_cv, energy_cv, attempts, batch, load_avg): ' +
        '`train` reads it as it is; measure into another file to add rows',
      1,
    );
  }
  if (firstLine !== expected) {
    throw new MeasureError(
      path,
      `unexpected columns:\n  found    ${firstLine}\n  expected ${expected}\n(use another output file)`,
      1,
    );
  }
  try {
    return parse<CsvRecord>(text, { columns: true, skip_empty_lines: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new MeasureError(path, (error as Error).message, line, { cause: error });
  }
}

function cutUnfinishedLine(path: string): { repairedBytes: number; repairedText: string } {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { repairedBytes: 0, repairedText: '' };
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return { repairedBytes: 0, repairedText: '' };
    // Walk back to the previous newline; rows are short, so read the tail in chunks.
    let end = size;
    let cut = 0;
    const chunk = Buffer.alloc(64 * 1024);
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      readSync(fd, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, end - start).lastIndexOf(0x0a);
      if (nl >= 0) {
        cut = start + nl + 1;
        break;
      }
      end = start;
    }
    const tail = Buffer.alloc(size - cut);
    readSync(fd, tail, 0, tail.length, cut);
    ftruncateSync(fd, cut);
    fsyncSync(fd);
    return { repairedBytes: size - cut, repairedText: tail.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

/** Appends text with one write and fsyncs it, so a row is either whole on disk or cut on resume. */
export function appendDurably(path: string, text: string): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** An append-only file kept open for a run. */
export class DurableAppender {
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  append(text: string): void {
    if (this.fd === undefined) throw new MeasureError(this.path, 'written after close');
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The window log: every metered window of every kernel, for aligning an external monitor later. */
export const WINDOW_COLUMNS = ['kernel_id', 'phase', 'block', 'runs', 'start_ms', 'end_ms'] as const;

export interface WindowRecord {
  readonly kernelId: string;
  readonly phase: 'idle' | 'block';
  readonly block: number;
  readonly runs: number;
  readonly startMs: number;
  readonly endMs: number;
}

export function formatWindows(windows: readonly WindowRecord[]): string {
  return windows
    .map(
      (w) =>
        `${csvField(w.kernelId)},${w.phase},${w.block},${w.runs},${w.startMs.toFixed(3)},${w.endMs.toFixed(3)}\n`,
    )
    .join('');
}

export function readWindowLog(path: string): WindowRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MeasureError(path, `cannot read the window log: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  const nl = text.lastIndexOf('\n');
  const complete = nl < 0 ? '' : text.slice(0, nl + 1);
  const records = parseCsv(path, complete, WINDOW_COLUMNS);
  return records.map((r, i) => {
    const row = i + 2;
    const num = (key: string): number => {
      const v = Number(r[key]);
      if (r[key] === undefined || r[key] === '' || !Number.isFinite(v))
        throw new MeasureError(path, `${key} is not a number: ${JSON.stringify(r[key])}`, row);
      return v;
    };
    const phase = r.phase;
    if (phase !== 'idle' && phase !== 'block')
      throw new MeasureError(path, `phase must be idle or block, not ${JSON.stringify(phase)}`, row);
    return {
      kernelId: r.kernel_id ?? '',
      phase,
      block: num('block'),
      runs: num('runs'),
      startMs: num('start_ms'),
      endMs: num('end_ms'),
    };
  });
}
