import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { kernelFromConfig } from '../../src/kernels/generate.js';
import type { KernelConfig } from '../../src/kernels/types.js';
import { seededRandom } from '../../src/predict/random.js';

/** What one in-process `model-energy` call printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process, as the `model-energy` binary would, with buffers for its streams. */
export async function cli(
  args: readonly string[],
  signal?: AbortSignal,
  terminal: { columns?: number; color?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    ...(signal ? { signal } : {}),
    ...terminal,
  });
  return { code, stdout, stderr };
}

/** The stdout of a `--json` call, parsed; fails the test with the streams when it is not JSON. */
export function json<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mec-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Ranks from 1, ties sharing their mean rank. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.i] = rank;
    start = end + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's correlation of the ranks. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 2)
    throw new RangeError('need two samples of the same size, n >= 2');
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A kernel CSV of conv-bn-relu configurations (seeded) whose energy is `mjPerFlop` x FLOPs with +-3%
 * noise, latency = energy / power: data whose truth the tests know.
 */
export function syntheticConvCsv(options: {
  readonly rows: number;
  readonly seed: number;
  readonly hws: readonly number[];
  readonly mjPerFlop: number;
  readonly powerMw: number;
}): string {
  const random = seededRandom(options.seed);
  const logInt = (lo: number, hi: number) =>
    Math.round(Math.exp(Math.log(lo) + random.next() * Math.log(hi / lo)));
  const lines = [
    'kernel_id,kernel_type,HW,CIN,COUT,KERNEL_SIZE,STRIDES,POOL_STRIDES,CIN1,CIN2,CIN3,CIN4,input_shapes,energy_mj,latency_ms,power_mw',
  ];
  for (let i = 0; i < options.rows; i++) {
    const c: KernelConfig = {
      HW: options.hws[random.int(options.hws.length)]!,
      CIN: logInt(3, 960),
      COUT: logInt(8, 1280),
      KERNEL_SIZE: [1, 3][random.int(2)]!,
      STRIDES: 1 + random.int(2),
    };
    const energy =
      options.mjPerFlop * kernelFromConfig('conv-bn-relu', c).flops * (1 + 0.06 * (random.next() - 0.5));
    const latency = energy / (options.powerMw / 1000);
    lines.push(
      [
        `K${i}`,
        'conv-bn-relu',
        c.HW,
        c.CIN,
        c.COUT,
        c.KERNEL_SIZE,
        c.STRIDES,
        '',
        '',
        '',
        '',
        '',
        `"[[${c.HW},${c.HW},${c.CIN}]]"`,
        energy.toPrecision(6),
        latency.toPrecision(6),
        options.powerMw,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Trains a small bundle on a synthetic board (conv-bn-relu energy proportional to FLOPs, latency at
 * 2 W) into `<predictors>/<device>-<processor>`; `target` 'latency' writes a latency-only bundle.
 */
export async function trainSyntheticBundle(options: {
  readonly predictors: string;
  readonly device: string;
  readonly processor: 'cpu' | 'gpu';
  readonly target?: 'energy' | 'latency' | 'both';
  readonly seed?: number;
}): Promise<{ dir: string; result: CliResult }> {
  const csv = syntheticConvCsv({
    rows: 30,
    seed: options.seed ?? 7,
    hws: [7, 14, 28, 56, 112],
    mjPerFlop: 2e-9,
    powerMw: 2000,
  });
  mkdirSync(options.predictors, { recursive: true });
  const id = `${options.device}-${options.processor}`;
  const data = join(options.predictors, `${id}.csv`);
  writeFileSync(data, csv);
  const dir = join(options.predictors, id);
  const result = await cli([
    'train',
    '--data',
    data,
    '--out',
    dir,
    '--device',
    options.device,
    '--processor',
    options.processor,
    '--target',
    options.target ?? 'energy',
    '--folds',
    '2',
    '--trained-at',
    '2024-01-01',
  ]);
  rmSync(data);
  if (result.code !== 0) throw new Error(`train failed (exit ${result.code}):\n${result.stderr}`);
  return { dir, result };
}

/**
 * A small train CSV: 12 add and 12 relu kernels, energy ~ elements (2 W, ±2% noise, seed 5), so
 * `train --folds 2` takes a second. `withoutEnergy(i)` leaves row i's energy empty, with `note` in a
 * notes column when one is given; `extra` rows are appended as written.
 */
export function elementwiseCsv(
  options: {
    header?: string;
    withoutEnergy?: (row: number) => boolean;
    note?: string;
    extra?: readonly string[];
  } = {},
): string {
  const random = seededRandom(5);
  const notes = options.note !== undefined;
  const lines = [
    options.header ?? `kernel_id,kernel_type,HW,CIN,energy_mj,latency_ms${notes ? ',notes' : ''}`,
  ];
  let row = 0;
  for (const type of ['add', 'relu']) {
    for (let k = 0; k < 12; k += 1, row += 1) {
      const hw = [7, 14, 28, 56][random.int(4)]!;
      const cin = 8 + random.int(300);
      const mj = 2e-6 * hw * hw * cin * (1 + 0.04 * (random.next() - 0.5));
      const empty = options.withoutEnergy?.(row) ?? false;
      const cells: (string | number)[] = [
        `${type}${k}`,
        type,
        hw,
        cin,
        empty ? '' : mj.toPrecision(5),
        (mj / 2).toPrecision(5),
      ];
      if (notes) cells.push(empty ? `"${options.note}"` : '');
      lines.push(cells.join(','));
    }
  }
  return `${[...lines, ...(options.extra ?? [])].join('\n')}\n`;
}

/** `model-energy train` of a CSV into `out` for the device my-board's CPU. */
export function trainCli(data: string, out: string, ...extra: string[]): Promise<CliResult> {
  return cli(['train', '--data', data, '--out', out, '--device', 'my-board', '--processor', 'cpu', ...extra]);
}
