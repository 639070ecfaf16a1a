import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isKernelType, kernelTypeEntry } from '../kernels/catalog.js';
import { KERNEL_CONFIG_FIELDS, type KernelConfig, type KernelType } from '../kernels/types.js';
import { editDistance } from '../text/edit-distance.js';
import { PredictorError, withArticle } from './errors.js';
import type { EnergyMillijoules, LatencyMilliseconds, PowerMilliwatts } from './units.js';

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
  'trials',
  'latency_cv',
  'energy_cv',
  'attempts',
  'batch',
  'load_avg',
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

/**
 * Columns that decide what is trained: the kernel type, the targets, and the configuration columns the
 * file's kernel types are built from. An unknown column that looks like one of these while it is
 * absent is an error, not a warning: the misspelt column would otherwise be dropped and the bundle
 * silently trained without it (`energy_mJ` gives a latency-only bundle, `POOL_STRIDE` pools with
 * STRIDES, `CIN_3` drops a concat input).
 */
function modelColumns(types: ReadonlySet<KernelType>): Set<string> {
  return new Set([
    'kernel_type',
    'energy_mj',
    'latency_ms',
    ...[...types].flatMap((t) => typeConfigColumns(t).flat()),
    ...[...types].flatMap((t) => zeroWhenEmpty(t)),
  ]);
}

/**
 * The configuration columns kernelFromConfig builds a kernel type from (its catalog entry's generator;
 * docs/predictor-csv.md, "per type"); an inner list means "one of these". A row must give them, so a
 * missing column or an empty cell is reported by name before any kernel is built. Types without a
 * generator are not built from a configuration and are not checked (none).
 */
export function typeConfigColumns(type: KernelType): readonly (readonly string[])[] {
  return (isKernelType(type) ? kernelTypeEntry(type).generator?.columns : undefined) ?? [];
}

/** Configuration columns of a type whose empty cell reads as 0 (concat's absent inputs). */
function zeroWhenEmpty(type: KernelType): readonly string[] {
  return (isKernelType(type) ? kernelTypeEntry(type).generator?.zeroWhenEmpty : undefined) ?? [];
}

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
  /** Why a measured row lacks a value (`measure` writes why: below the meter's resolution, meter none...). */
  readonly notes?: string;
  /** Where the row came from, for error messages. */
  readonly source: { readonly file: string; readonly line: number };
}

export interface KernelCsv {
  readonly file: string;
  readonly columns: readonly string[];
  /** Columns this reader does not know; kept out of the rows, reported so typos are seen. */
  readonly unknownColumns: readonly string[];
  /**
   * What a user should see about the file although it was read: each unknown column, with the known
   * column it may be a misspelling of ("FILE, line 1, column 'note': unknown column, ignored (did you
   * mean 'notes'?)").
   */
  readonly warnings: readonly string[];
  readonly rows: readonly KernelRow[];
}

export function readKernelCsv(file: string): KernelCsv {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new PredictorError(
      `cannot read the kernel CSV: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
  return parseKernelCsv(csvText(bytes, file), file);
}

/** The file as text; binary data (a model given as --data, say) is said in words, never echoed. */
function csvText(bytes: Buffer, file: string): string {
  const notText =
    'not a CSV file: it holds binary data (an ONNX model?); give the kernel CSV that `measure` writes or DeepEn2023 provides';
  if (bytes.subarray(0, 8192).includes(0)) throw new PredictorError(notText, { file });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PredictorError(`${notText} (it is not UTF-8 text)`, { file });
  }
}

export function parseKernelCsv(text: string, file = '<csv>'): KernelCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // One line ending for the whole file: csv-parse takes the first line's as the delimiter, so a LF
    // row appended to a CRLF file would otherwise merge with its neighbour.
    records = parse(text.replace(/\r\n?/g, '\n'), {
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
  const unknownColumns = header.filter((c) => !KNOWN_COLUMNS.includes(c));
  const hint = (column: string): string => {
    const typo = unknownColumns.find((u) => closestColumn(u, [column]) !== undefined);
    return typo !== undefined ? ` (did you mean '${typo}'? Columns are matched by exact name)` : '';
  };
  if (!seen.has('kernel_type')) {
    throw new PredictorError(`missing required column 'kernel_type'${hint('kernel_type')}`, {
      file,
      line: 1,
      field: 'kernel_type',
    });
  }
  if (!seen.has('energy_mj') && !seen.has('latency_ms')) {
    const typo = hint('energy_mj') || hint('latency_ms');
    throw new PredictorError(`missing required column: at least one of 'energy_mj' and 'latency_ms'${typo}`, {
      file,
      line: 1,
    });
  }
  const types = new Set(
    records.slice(1).flatMap(({ record }) => {
      const type = record[header.indexOf('kernel_type')];
      return type !== undefined && isKernelType(type) ? [type] : [];
    }),
  );
  const missing = missingTypeColumns(header, types);
  const warnings = checkUnknownColumns(header, unknownColumns, file, modelColumns(types), missing);
  checkTypeColumns(missing, file);
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
  return { file, columns: header, unknownColumns, warnings, rows };
}

/**
 * The known column an unknown one is probably a misspelling of, or undefined: the same name in
 * another case or with other separators (`energy_mJ`, `Energy MJ`), one typo in a short name or two
 * in a longer one (`HWW`, `laetncy_ms`), or a name that contains the other (`energy`, `type`).
 * Among several, absent candidates first (a misspelt column is one the file lacks), then the closest.
 */
export function closestColumn(
  unknown: string,
  candidates: readonly string[] = KNOWN_COLUMNS,
  present: ReadonlySet<string> = new Set(),
): string | undefined {
  const u = normalise(unknown);
  let best: { column: string; score: number } | undefined;
  for (const column of candidates) {
    const c = normalise(column);
    // The same name in another case or with other separators is that column, present or not
    // (`energy_mJ` next to `energy_mj` is not a misspelt `energy_cv`).
    if (u === c) return column;
    let distance: number | undefined;
    const d = editDistance(u, c);
    if (d <= (c.length <= 4 ? 1 : 2) && d < Math.min(u.length, c.length)) distance = d;
    else if (Math.min(u.length, c.length) >= 4 && (u.includes(c) || c.includes(u))) distance = 3;
    if (distance === undefined) continue;
    const score = distance + (present.has(column) ? 10 : 0);
    if (!best || score < best.score) best = { column, score };
  }
  return best?.column;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.()[\]]/g, '');
}

/**
 * Unknown columns: an error when one looks like an absent column that decides what is trained
 * (modelColumns), else a warning each, with the known column it resembles.
 */
function checkUnknownColumns(
  header: readonly string[],
  unknown: readonly string[],
  file: string,
  model: ReadonlySet<string>,
  missing: ReadonlyMap<string, readonly KernelType[]>,
): string[] {
  const present = new Set(header);
  const typos: [string, string][] = [];
  const warnings: string[] = [];
  for (const column of unknown) {
    const near = closestColumn(column, KNOWN_COLUMNS, present);
    if (near !== undefined && !present.has(near) && model.has(near)) typos.push([column, near]);
    const why =
      near === undefined
        ? ''
        : present.has(near)
          ? ` (close to '${near}', which the file also has)`
          : ` (did you mean '${near}'?)`;
    warnings.push(`${file}, line 1, column '${column}': unknown column, ignored${why}`);
  }
  const [first, ...more] = typos;
  if (first) {
    const needed = (column: string) => {
      const types = missing.get(column);
      return types ? ` (needed by ${types.join(', ')})` : '';
    };
    const also = more.map(([c, n]) => `; also '${c}': did you mean '${n}'${needed(n)}?`).join('');
    throw new PredictorError(
      `unknown column; did you mean '${first[1]}'${needed(first[1])}? Columns are matched by exact, ` +
        `case-sensitive name: rename it, or if it holds something else, give it a name less like '${first[1]}'${also}`,
      { file, line: 1, field: first[0] },
    );
  }
  return warnings;
}

/**
 * The configuration columns the file's kernel types are built from that the header lacks, with the
 * types that need each ("'POOL_STRIDES' or 'STRIDES'" for a choice).
 */
function missingTypeColumns(
  header: readonly string[],
  types: ReadonlySet<KernelType>,
): Map<string, KernelType[]> {
  const missing = new Map<string, KernelType[]>();
  for (const type of [...types].sort()) {
    for (const group of typeConfigColumns(type)) {
      if (group.some((column) => header.includes(column))) continue;
      const key = group.join("' or '");
      missing.set(key, [...(missing.get(key) ?? []), type]);
    }
  }
  return missing;
}

/** One error naming every configuration column the file's kernel types need and the header lacks. */
function checkTypeColumns(missing: ReadonlyMap<string, readonly KernelType[]>, file: string): void {
  if (missing.size === 0) return;
  const parts = [...missing].map(([key, needers]) => `'${key}' (needed by ${needers.join(', ')})`);
  const first = [...missing.keys()][0]!;
  throw new PredictorError(
    parts.length === 1 ? `missing column ${parts[0]}` : `missing columns ${parts.join('; ')}`,
    { file, line: 1, ...(first.includes("' or '") ? {} : { field: first }) },
  );
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
  for (const input of zeroWhenEmpty(typeName)) config[input] ??= 0;
  for (const group of typeConfigColumns(typeName)) {
    if (group.some((column) => config[column] !== undefined)) continue;
    fail(
      group.find((column) => header.includes(column)) ?? group[0]!,
      `empty, but ${withArticle(typeName)} kernel needs ${group.join(' or ')}`,
    );
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
  const notes = cell('notes');
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
    ...(notes !== undefined ? { notes } : {}),
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
