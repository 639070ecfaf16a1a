import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isKernelType, KERNEL_CONFIG_FIELDS, type KernelConfig, type KernelType } from '../kernels/types.js';
import { PredictorError } from './errors.js';
import type { EnergyMillijoules, LatencyMilliseconds, PowerMilliwatts, PredictionTarget } from './units.js';
import { TARGET_COLUMNS } from './units.js';

/**
 * Kernel measurement CSVs: DeepEn2023's kernels_cpu.csv as published, and the files `measure` writes
 * (the same columns plus how they were measured). The columns are documented in docs/predictor-csv.md;
 * keep the two in step.
 */

/** Configuration columns, named as in the dataset; all optional, empty where a type has none. */
export const CONFIG_COLUMNS = KERNEL_CONFIG_FIELDS;

/** Measurement columns; at least one of energy_mj and latency_ms must be present. */
export const MEASUREMENT_COLUMNS = ['energy_mj', 'latency_ms', 'power_mw'] as const;

/** How a row was measured (written by `measure`; absent in the DeepEn2023 file). */
export const PROVENANCE_COLUMNS = [
  'meter',
  'device',
  'threads',
  'repetitions',
  'latency_spread_ms',
  'energy_spread_mj',
  'idle_power_mw',
  'notes',
] as const;

export const KNOWN_COLUMNS: readonly string[] = [
  'kernel_id',
  'kernel_type',
  ...CONFIG_COLUMNS,
  'input_shapes',
  ...MEASUREMENT_COLUMNS,
  ...PROVENANCE_COLUMNS,
];

export interface KernelRow {
  /** `kernel_id`, or `line<N>` when the file has no ids. */
  readonly id: string;
  readonly type: KernelType;
  readonly config: KernelConfig;
  /** Activation input shapes as measured (NHWC without batch in DeepEn2023), when given. */
  readonly inputShapes?: readonly (readonly number[])[];
  readonly energyMj?: EnergyMillijoules;
  readonly latencyMs?: LatencyMilliseconds;
  readonly powerMw?: PowerMilliwatts;
  readonly meter?: string;
  readonly device?: string;
  readonly threads?: number;
  readonly repetitions?: number;
  readonly latencySpreadMs?: LatencyMilliseconds;
  readonly energySpreadMj?: EnergyMillijoules;
  /** Where the row came from, for error messages. */
  readonly source: { readonly file: string; readonly line: number };
}

export interface KernelCsv {
  readonly file: string;
  readonly columns: readonly string[];
  /** Columns this reader does not know; kept out of the rows, reported so typos are seen. */
  readonly unknownColumns: readonly string[];
  readonly rows: readonly KernelRow[];
}

export function readKernelCsv(file: string): KernelCsv {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PredictorError(
      `cannot read the kernel CSV: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
  return parseKernelCsv(text, file);
}

export function parseKernelCsv(text: string, file = '<csv>'): KernelCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new PredictorError(
      `not a valid CSV file: ${(error as Error).message}`,
      { file, ...(line !== undefined ? { line } : {}) },
      { cause: error },
    );
  }
  const header = records[0]?.record;
  if (!header) throw new PredictorError('the file is empty (a header row is required)', { file });
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name))
      throw new PredictorError(`column '${name}' appears twice in the header`, { file, line: 1 });
    seen.add(name);
  }
  if (!seen.has('kernel_type')) {
    throw new PredictorError("missing required column 'kernel_type'", {
      file,
      line: 1,
      field: 'kernel_type',
    });
  }
  if (!seen.has('energy_mj') && !seen.has('latency_ms')) {
    throw new PredictorError("missing required column: at least one of 'energy_mj' and 'latency_ms'", {
      file,
      line: 1,
    });
  }
  const rows = records.slice(1).map(({ record, info }) => parseRow(header, record, file, info.lines));
  const ids = new Map<string, number>();
  for (const row of rows) {
    const first = ids.get(row.id);
    if (first !== undefined) {
      throw new PredictorError(`kernel_id '${row.id}' already used on line ${first}`, {
        file,
        line: row.source.line,
        field: 'kernel_id',
      });
    }
    ids.set(row.id, row.source.line);
  }
  return { file, columns: header, unknownColumns: header.filter((c) => !KNOWN_COLUMNS.includes(c)), rows };
}

function parseRow(
  header: readonly string[],
  record: readonly string[],
  file: string,
  line: number,
): KernelRow {
  const cell = (column: string): string | undefined => {
    const i = header.indexOf(column);
    const value = i >= 0 ? record[i] : undefined;
    return value === undefined || value === '' ? undefined : value;
  };
  const fail = (column: string, problem: string): never => {
    throw new PredictorError(problem, { file, line, field: column });
  };
  const number = (
    column: string,
    rule: 'non-negative' | 'non-negative integer' | 'positive integer',
  ): number | undefined => {
    const raw = cell(column);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) return fail(column, `'${raw}' is not a number`);
    if (value < 0) return fail(column, `${value} is negative`);
    if (rule !== 'non-negative' && !Number.isInteger(value))
      return fail(column, `${value} is not an integer`);
    if (rule === 'positive integer' && value === 0) return fail(column, 'must be at least 1');
    return value;
  };

  const typeName = cell('kernel_type') ?? fail('kernel_type', 'the kernel type is empty');
  if (!isKernelType(typeName)) return fail('kernel_type', `unknown kernel type '${typeName}'`);
  const config: Record<string, number> = {};
  for (const column of CONFIG_COLUMNS) {
    // CIN2..CIN4 are 0 for a concat of fewer inputs; every other size is at least 1.
    const value = number(column, /^CIN[1-4]$/.test(column) ? 'non-negative integer' : 'positive integer');
    if (value !== undefined) config[column] = value;
  }
  const energyMj = number('energy_mj', 'non-negative');
  const latencyMs = number('latency_ms', 'non-negative');
  if (energyMj === undefined && latencyMs === undefined) {
    fail(
      header.includes('energy_mj') ? 'energy_mj' : 'latency_ms',
      'neither energy_mj nor latency_ms has a value',
    );
  }
  const powerMw = number('power_mw', 'non-negative');
  const threads = number('threads', 'positive integer');
  const repetitions = number('repetitions', 'positive integer');
  const latencySpreadMs = number('latency_spread_ms', 'non-negative');
  const energySpreadMj = number('energy_spread_mj', 'non-negative');
  const inputShapes = parseShapes(cell('input_shapes'), (problem) => fail('input_shapes', problem));
  const meter = cell('meter');
  const device = cell('device');
  return {
    id: cell('kernel_id') ?? `line${line}`,
    type: typeName,
    config: config,
    ...(inputShapes ? { inputShapes } : {}),
    ...(energyMj !== undefined ? { energyMj } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(powerMw !== undefined ? { powerMw } : {}),
    ...(meter !== undefined ? { meter } : {}),
    ...(device !== undefined ? { device } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(repetitions !== undefined ? { repetitions } : {}),
    ...(latencySpreadMs !== undefined ? { latencySpreadMs } : {}),
    ...(energySpreadMj !== undefined ? { energySpreadMj } : {}),
    source: { file, line },
  };
}

function parseShapes(raw: string | undefined, fail: (problem: string) => never): number[][] | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail(`'${raw}' is not JSON (expected a list of shapes such as [[56,56,24]])`);
  }
  const isShape = (s: unknown): s is number[] =>
    Array.isArray(s) && s.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0);
  if (!Array.isArray(value) || !value.every(isShape)) {
    return fail(`'${raw}' is not a list of shapes of non-negative integers`);
  }
  return value;
}

/** The value a row gives for a target, or a PredictorError naming the row when it has none usable. */
export function rowTarget(row: KernelRow, target: PredictionTarget): number {
  const value = target === 'energy' ? row.energyMj : row.latencyMs;
  const column = TARGET_COLUMNS[target];
  if (value === undefined) {
    throw new PredictorError(`no ${column} value (needed to train a ${target} predictor)`, {
      file: row.source.file,
      line: row.source.line,
      field: column,
    });
  }
  if (!(value > 0)) {
    throw new PredictorError(
      `${column} is ${value}; predictors are fitted on log(${column}) and need a positive value`,
      {
        file: row.source.file,
        line: row.source.line,
        field: column,
      },
    );
  }
  return value;
}
