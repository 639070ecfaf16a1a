import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  LEGACY_MEASURE_COLUMNS,
  MEASURE_COLUMNS,
  MeasureError,
  csvField,
  formatNumber,
  parseCsv,
  readWindowLog,
  type WindowRecord,
} from './csv.js';
import { loadMonitorCsv, type MonitorCsvOptions } from './meters/external-csv.js';
import {
  coefficientOfVariation,
  mergeIdle,
  netEnergyPerRunMj,
  summariseEnergy,
  type MeteredWindow,
} from './stats.js';

/**
 * Energy from an external monitor recorded apart from the harness (a Monsoon on the host while the
 * phone runs the harness): the harness ran with meter `none` and a window log; this reads the
 * monitor's CSV, integrates every logged window and fills the kernel CSV's energy columns, with the
 * same arithmetic as a live meter (idle baseline subtracted, median over blocks).
 */

export interface AttachOptions {
  /** The kernel CSV written by the harness. */
  readonly csv: string;
  /** The harness's window log (MeasureOptions.windowLog). */
  readonly windows: string;
  /** The monitor's CSV. */
  readonly monitor: string;
  /** Columns, units and the clock offset of the monitor CSV. */
  readonly monitorOptions?: MonitorCsvOptions;
  /** Where to write (default: the kernel CSV itself, replaced atomically). */
  readonly out?: string;
}

export interface AttachResult {
  readonly out: string;
  /** Rows whose energy was filled. */
  readonly attached: number;
  /** Rows without logged windows (measured before the log was kept, or by another run). */
  readonly withoutWindows: readonly string[];
  /** Rows whose windows the monitor did not cover well enough: kernel id and why. */
  readonly unmeasured: readonly { readonly kernelId: string; readonly reason: string }[];
  /** How the monitor CSV was read (columns and units). */
  readonly monitorLayout: string;
}

export async function attachMonitorEnergy(options: AttachOptions): Promise<AttachResult> {
  const text = readCsvText(options.csv);
  // A file from before the stability columns keeps its own columns.
  const columns = text.startsWith(`${LEGACY_MEASURE_COLUMNS.join(',')}\n`)
    ? LEGACY_MEASURE_COLUMNS
    : MEASURE_COLUMNS;
  const records = parseCsv(options.csv, text, columns);
  const sets = windowSets(readWindowLog(options.windows));
  const { series, layout } = await loadMonitorCsv(options.monitor, options.monitorOptions);
  const label = `external-csv:${basename(options.monitor)}`;
  let attached = 0;
  const withoutWindows: string[] = [];
  const unmeasured: { kernelId: string; reason: string }[] = [];
  const lines = [`${columns.join(',')}\n`];
  records.forEach((record, i) => {
    const row: Record<string, string> = { ...record };
    const id = row.kernel_id ?? '';
    const windows = sets.get(id);
    if (windows === undefined) {
      withoutWindows.push(id);
    } else {
      const metered = (w: WindowRecord): MeteredWindow => {
        const result = series.energy(w.startMs, w.endMs);
        return {
          durationMs: w.endMs - w.startMs,
          runs: w.runs,
          ...(result.ok ? { energyJ: result.energyJ } : {}),
          problems: result.ok ? [] : [`${options.monitor}: ${w.phase} ${w.block}: ${result.reason}`],
        };
      };
      // One idle window per round of trials; their average is the baseline, as in a live run.
      const idle = mergeIdle(windows.filter((w) => w.phase === 'idle').map(metered));
      const blocks = windows.filter((w) => w.phase === 'block');
      const summary = summariseEnergy(blocks.map(metered), idle);
      if (columns.includes('energy_cv')) row.energy_cv = formatNumber(energyCv(blocks, windows, metered));
      const latency = Number(row.latency_ms);
      if (!Number.isFinite(latency) || latency <= 0) {
        throw new MeasureError(
          options.csv,
          `latency_ms is not a positive number: ${JSON.stringify(row.latency_ms)}`,
          i + 2,
        );
      }
      row.meter = label;
      row.energy_mj = formatNumber(summary.energyMj);
      row.power_mw = summary.energyMj === undefined ? '' : formatNumber(summary.powerMw);
      row.energy_spread_mj = formatNumber(summary.energySpreadMj);
      row.idle_power_mw = formatNumber(summary.idlePowerMw);
      row.notes = [
        ...(idle ? [] : ['no idle window logged: energy includes the idle draw']),
        ...summary.notes,
      ].join('; ');
      if (summary.energyMj === undefined) unmeasured.push({ kernelId: id, reason: summary.notes.join('; ') });
      else attached++;
    }
    lines.push(`${columns.map((c) => csvField(row[c] ?? '')).join(',')}\n`);
  });
  const out = options.out ?? options.csv;
  const temp = `${out}.tmp-${process.pid}`;
  writeFileSync(temp, lines.join(''));
  renameSync(temp, out);
  return { out, attached, withoutWindows, unmeasured, monitorLayout: layout.summary };
}

function readCsvText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new MeasureError(path, `cannot read the kernel CSV: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
}

/**
 * The windows of each kernel's last complete measurement: a kernel's windows are written together,
 * so a later group with the same id (the kernel measured again after a hard kill) replaces an earlier.
 */
function windowSets(windows: readonly WindowRecord[]): Map<string, WindowRecord[]> {
  const sets = new Map<string, WindowRecord[]>();
  let current: string | undefined;
  for (const w of windows) {
    if (w.kernelId !== current) {
      sets.set(w.kernelId, []);
      current = w.kernelId;
    }
    sets.get(w.kernelId)!.push(w);
  }
  return sets;
}

/** The trials' spread of net energy per run, each block over the idle window of its own round. */
function energyCv(
  blocks: readonly WindowRecord[],
  windows: readonly WindowRecord[],
  metered: (w: WindowRecord) => MeteredWindow,
): number | undefined {
  const energies: number[] = [];
  for (const b of blocks) {
    const idle = windows.find((w) => w.phase === 'idle' && w.block === b.block);
    const e = netEnergyPerRunMj(metered(b), idle ? metered(idle) : undefined);
    if (e === undefined) return undefined;
    energies.push(e);
  }
  return energies.length === 0 ? undefined : coefficientOfVariation(energies);
}
