import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachMonitorEnergy } from '../../src/measure/attach.js';
import {
  csvField,
  LEGACY_MEASURE_COLUMNS,
  MEASURE_COLUMNS,
  MeasureError,
  readWindowLog,
} from '../../src/measure/csv.js';
import { loadWarnings, readMachineLoad } from '../../src/measure/load.js';
import { measureKernels } from '../../src/measure/harness.js';
import { toNhwc } from '../../src/measure/harness-batch.js';
import { type KernelToMeasure, type MeasureProgress } from '../../src/measure/harness-types.js';
import { NoMeter } from '../../src/measure/meters/none.js';
import { kernelId, sampleKernels } from '../../src/measure/sampling.js';
import { formatStability, onCpuMs, runsLatency, summariseEnergy } from '../../src/measure/stats.js';
import { parseKernelCsv } from '../../src/predict/csv.js';
import { ScriptedMeter, buildTestKernel, tempDir } from './helpers.js';

const REPO = resolve(import.meta.dirname, '..', '..');

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('harness-'));
});
afterEach(() => cleanup());

type Row = Record<string, string>;
const readRows = (path: string): Row[] => parse<Row>(readFileSync(path, 'utf8'), { columns: true });

/** A small grid of conv and relu kernels that run in microseconds. */
function smallKernels(): KernelToMeasure[] {
  const conv = sampleKernels({
    types: ['conv-bn-relu'],
    count: 100,
    mode: 'grid',
    ranges: {
      'conv-bn-relu': {
        HW: { kind: 'choice', values: [4, 8] },
        CIN: { kind: 'choice', values: [3] },
        COUT: { kind: 'choice', values: [4] },
        KERNEL_SIZE: { kind: 'choice', values: [1, 3] },
        STRIDES: { kind: 'choice', values: [1] },
      },
    },
  });
  const relu = sampleKernels({
    types: ['relu'],
    count: 100,
    mode: 'grid',
    ranges: { relu: { HW: { kind: 'choice', values: [4] }, CIN: { kind: 'choice', values: [2, 5] } } },
  });
  return [...conv.kernels, ...relu.kernels];
}

/**
 * Re-measuring is tested on its own, with an injected clock: these tests keep each kernel's first
 * attempt, and take the runs asked for (no shortest block; the default block is tested on its own).
 */
const quick = {
  buildModel: buildTestKernel,
  warmupRuns: 2,
  repetitions: 5,
  maxCv: 1e9,
  minBlockMs: 0,
} as const;
/** One kernel per batch: rows are written kernel by kernel, as the abort and resume tests expect. */
const oneByOne = { ...quick, batchSize: 1 } as const;

describe('measureKernels with meter none', () => {
  it('writes one DeepEn2023-shaped row per kernel, latency only, energy columns empty', async () => {
    const out = join(dir, 'kernels.csv');
    const kernels = smallKernels();
    const progress: MeasureProgress[] = [];
    const result = await measureKernels({
      ...quick,
      kernels,
      out,
      meter: new NoMeter(),
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ total: 6, skipped: 0, aborted: false, repaired: '', meter: 'none' });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(MEASURE_COLUMNS.join(','));
    const rows = readRows(out);
    expect(rows.map((r) => r.kernel_id)).toEqual(kernels.map((k) => kernelId(k.type, k.config)));
    for (const row of rows) {
      expect(row.energy_mj).toBe('');
      expect(row.power_mw).toBe('');
      expect(row.energy_spread_mj).toBe('');
      expect(row.idle_power_mw).toBe('');
      expect(Number(row.latency_ms)).toBeGreaterThan(0);
      expect(Number(row.latency_spread_ms)).toBeGreaterThanOrEqual(0);
      expect(row).toMatchObject({
        meter: 'none',
        threads: '1',
        repetitions: '5',
        device: result.device,
        notes: '',
      });
    }
    const conv = rows.find((r) => r.kernel_type === 'conv-bn-relu' && r.HW === '8' && r.KERNEL_SIZE === '3')!;
    expect(conv).toMatchObject({
      CIN: '3',
      COUT: '4',
      STRIDES: '1',
      POOL_STRIDES: '',
      CIN1: '',
      input_shapes: '[[8,8,3]]',
    });
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(progress[0]!.ratePerMinute).toBeGreaterThan(0);
    // The predictors' reader takes the file as it is.
    const csv = parseKernelCsv(text, out);
    expect(csv.rows).toHaveLength(6);
    expect(csv.rows[0]!.energyMj).toBeUndefined();
  });

  it('converts ONNX NCHW input shapes to the dataset NHWC without batch', () => {
    expect(toNhwc([1, 32, 56, 56])).toEqual([56, 56, 32]);
    expect(toNhwc([1, 1280])).toEqual([1280]);
  });
});

describe('resume and abort', () => {
  it('stops between kernels on abort, drops the kernel in progress, and resumes without losing or doubling rows', async () => {
    const out = join(dir, 'kernels.csv');
    const kernels = smallKernels();
    const controller = new AbortController();
    const first = await measureKernels({
      ...oneByOne,
      kernels,
      out,
      meter: new NoMeter(),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 2) controller.abort();
      },
    });
    expect(first).toMatchObject({ aborted: true, skipped: 0 });
    expect(first.rows).toHaveLength(2);

    // Abort while the third kernel is being measured: it must leave no row.
    const mid = new AbortController();
    let built = 0;
    const second = await measureKernels({
      ...oneByOne,
      kernels,
      out,
      meter: new NoMeter(),
      signal: mid.signal,
      buildModel: (type, config) => {
        if (++built === 2) mid.abort();
        return buildTestKernel(type, config);
      },
    });
    expect(second).toMatchObject({ aborted: true, skipped: 2 });
    expect(second.rows).toHaveLength(1);
    expect(readRows(out)).toHaveLength(3);

    const third = await measureKernels({ ...oneByOne, kernels, out, meter: new NoMeter() });
    expect(third).toMatchObject({ aborted: false, skipped: 3, total: 6 });
    const ids = readRows(out).map((r) => r.kernel_id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids)).toEqual(new Set(kernels.map((k) => kernelId(k.type, k.config))));

    const again = await measureKernels({ ...oneByOne, kernels, out, meter: new NoMeter() });
    expect(again).toMatchObject({ skipped: 6, rows: [] });
  });

  it('cuts off a line left unfinished by a hard kill, then measures that kernel again', async () => {
    const out = join(dir, 'kernels.csv');
    const windowLog = join(dir, 'windows.csv');
    const kernels = smallKernels().slice(0, 3);
    const controller = new AbortController();
    const setup = { ...oneByOne, kernels, out, meter: new NoMeter(), windowLog, minBlockMs: 5, settleMs: 0 };
    const first = await measureKernels({
      ...setup,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const ids = kernels.map((k) => kernelId(k.type, k.config));
    // A kernel the first run did not reach (kernels are measured in a shuffled order).
    const secondId = ids.find((id) => id !== first.rows[0]!.kernelId)!;
    appendFileSync(windowLog, `${secondId},idle,0,0,1700000000000.000,17000`);
    appendFileSync(out, `${secondId},conv-bn-relu,8,3,4,3,1,,,,,,"[[8,8`);
    const result = await measureKernels(setup);
    const log = readWindowLog(windowLog);
    // An idle window and a block in each of the 5 rounds, kernel after kernel (one per batch).
    expect(log).toHaveLength(30);
    for (let i = 0; i < 30; i += 10)
      expect(new Set(log.slice(i, i + 10).map((w) => w.kernelId)).size, String(i)).toBe(1);
    expect(new Set(log.map((w) => w.kernelId))).toEqual(new Set(ids));
    expect(result.repaired).toBe(`${secondId},conv-bn-relu,8,3,4,3,1,,,,,,"[[8,8`);
    expect(result.skipped).toBe(1);
    const rows = readRows(out);
    expect(rows.map((r) => r.kernel_id).sort()).toEqual([...ids].sort());
  });

  it('refuses to mix setups or formats in one file, naming the row', async () => {
    const out = join(dir, 'kernels.csv');
    const kernels = smallKernels().slice(0, 1);
    await measureKernels({ ...quick, kernels, out, meter: new NoMeter() });
    const error = await measureKernels({ ...quick, kernels, out, meter: new NoMeter(), threads: 2 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MeasureError);
    expect((error as MeasureError).message).toMatch(
      /kernels\.csv: row 2: measured with threads 1 \(this run: 2\)/,
    );
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'kernel_id,kernel_type,energy_mj\n');
    await expect(measureKernels({ ...quick, kernels, out: other, meter: new NoMeter() })).rejects.toThrow(
      /other\.csv: row 1: unexpected columns/,
    );
  });

  it('reports a builder failure with the kernel and keeps the rows written so far', async () => {
    const out = join(dir, 'kernels.csv');
    const kernels = smallKernels();
    const built: string[] = [];
    const failing = (
      type: Parameters<typeof buildTestKernel>[0],
      config: Parameters<typeof buildTestKernel>[1],
    ): Uint8Array => {
      built.push(`kernel ${kernelId(type, config)} \\(${type} `);
      if (built.length === 2) throw new Error('no such kernel');
      return buildTestKernel(type, config);
    };
    const error = await measureKernels({
      ...oneByOne,
      kernels,
      out,
      meter: new NoMeter(),
      buildModel: failing,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(`^${built[1]}.*the model builder failed: no such kernel`),
    );
    expect(readRows(out)).toHaveLength(1);
  });

  it('survives SIGINT in a child process and resumes to the full set', async () => {
    const out = join(dir, 'kernels.csv');
    const kernels = sampleKernels({
      types: ['relu'],
      count: 6,
      mode: 'grid',
      ranges: {
        relu: { HW: { kind: 'choice', values: [16] }, CIN: { kind: 'choice', values: [1, 2, 3, 4, 5, 6] } },
      },
    }).kernels;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'test/measure/sigint-child.ts'), out, JSON.stringify(kernels)],
      { cwd: REPO },
    );
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((done) => child.on('exit', done));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!interrupted && stdout.includes('row 2\n')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    expect(await exit).toBe(0);
    expect(stderr).toBe('');
    const done = /done aborted=(\w+) rows=(\d+)/.exec(stdout);
    expect(done?.[1]).toBe('true');
    const before = readRows(out).length;
    expect(before).toBe(Number(done?.[2]));
    expect(before).toBeGreaterThanOrEqual(2);
    expect(before).toBeLessThan(6);
    const resumed = await measureKernels({ ...quick, kernels, out, meter: new NoMeter() });
    expect(resumed.skipped).toBe(before);
    const ids = readRows(out).map((r) => r.kernel_id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids)).toEqual(new Set(kernels.map((k) => k.id)));
  });
});

describe('energy', () => {
  it('subtracts the idle baseline from each block and takes the median per run', async () => {
    const out = join(dir, 'kernels.csv');
    const windows = join(dir, 'windows.csv');
    const kernels = smallKernels().slice(0, 2);
    // Idle windows read 2 W x duration; every block adds 0.3 J on top: 0.3 J per block net. Each round
    // is an idle window and one block per kernel.
    const meter = new ScriptedMeter(2, 0.3, 3);
    const result = await measureKernels({
      ...quick,
      kernels,
      out,
      meter,
      windowLog: windows,
      // A fixed 50 runs a block (no shortest block to run on to): the scripted meter's 0.3 J a block
      // does not grow with runs, as a real meter's reading would. 50 runs keep a block long enough
      // for the window log's microsecond times to give its power to 0.5%.
      repetitions: 250,
      settleMs: 0,
    });
    expect(result.rows).toHaveLength(2);
    const log = readWindowLog(windows);
    for (const row of readRows(out)) {
      const mine = log.filter((w) => w.kernelId === row.kernel_id);
      expect(mine.map((w) => `${w.phase}${w.block}`)).toEqual(
        [1, 2, 3, 4, 5].flatMap((round) => [`idle${round}`, `block${round}`]),
      );
      // The two kernels share each round's idle window, their blocks taken one after the other.
      const other = log.filter((w) => w.kernelId !== row.kernel_id);
      expect(mine.filter((w) => w.phase === 'idle')).toEqual(
        other.filter((w) => w.phase === 'idle').map((w) => ({ ...w, kernelId: row.kernel_id })),
      );
      const perBlock = mine[1]!.runs;
      expect(Number(row.repetitions)).toBe(5 * perBlock);
      expect(Number(row.energy_mj)).toBeCloseTo(300 / perBlock, 3);
      expect(Number(row.energy_spread_mj)).toBeCloseTo(0, 6);
      expect(Number(row.idle_power_mw)).toBeCloseTo(2000, 3);
      // Net power while running: each block's net 0.3 J over its own time, the median over blocks (not
      // energy over latency_ms, a low percentile of the runs).
      const blockMw = mine
        .filter((w) => w.phase === 'block')
        .map((w) => (0.3 / ((w.endMs - w.startMs) / 1000)) * 1000);
      const middle = [...blockMw].sort((a, b) => a - b)[2]!;
      expect(Number(row.power_mw) / middle).toBeCloseTo(1, 2);
      expect(row.meter).toBe('scripted');
      expect(row).toMatchObject({ trials: '5', attempts: '1', batch: '2' });
      expect(Number(row.energy_cv)).toBeCloseTo(0, 6);
      expect(row.notes).toBe('');
    }
  });

  it('leaves the energy empty and says why when the meter could not read a window', async () => {
    const out = join(dir, 'kernels.csv');
    const kernels = smallKernels().slice(0, 2);
    // Window 2 is the second block of the first round: one kernel's, whichever the shuffle put there.
    const meter = new ScriptedMeter(2, 0.3, 3, 2);
    await measureKernels({ ...quick, kernels, out, meter, minBlockMs: 5, settleMs: 0 });
    const rows = readRows(out);
    const broken = rows.find((r) => r.energy_mj === '');
    const fine = rows.find((r) => r.energy_mj !== '');
    expect(broken).toMatchObject({ energy_mj: '', power_mw: '', energy_spread_mj: '' });
    expect(broken!.notes).toBe('energy not measured: scripted: /fake/energy_uj: permission denied (EACCES)');
    expect(Number(broken!.latency_ms)).toBeGreaterThan(0);
    expect(Number(fine!.energy_mj)).toBeGreaterThan(0);
  });

  it('never reports a net energy at or below the idle baseline', () => {
    const idle = { durationMs: 1000, runs: 0, energyJ: 2, problems: [] };
    const summary = summariseEnergy([{ durationMs: 500, runs: 10, energyJ: 0.99, problems: [] }], idle);
    expect(summary.energyMj).toBeUndefined();
    expect(summary.idlePowerMw).toBe(2000);
    expect(summary.notes[0]).toBe(
      "net energy -1.00 mJ per run is not above the idle baseline: below the meter's resolution",
    );
    const fine = summariseEnergy(
      [1.5, 1.6, 1.7].map((e) => ({ durationMs: 500, runs: 10, energyJ: e, problems: [] })),
      idle,
    );
    expect(fine.energyMj).toBeCloseTo(60, 9);
    expect(fine.energySpreadMj).toBeCloseTo(10, 9);
  });
});

describe('offline monitor (window log + attach)', () => {
  it('lays runs out in metered windows with meter none, then fills the energy from the monitor CSV', async () => {
    const out = join(dir, 'kernels.csv');
    const windows = join(dir, 'windows.csv');
    const kernels = smallKernels().slice(0, 2);
    await measureKernels({
      ...quick,
      kernels,
      out,
      meter: new NoMeter(),
      windowLog: windows,
      minBlockMs: 40,
      // Enough warm-up for the first, slow runs of a session not to size the blocks: warmed-up runs
      // are quicker, and blocks planned from slow ones fall short of 40 ms.
      warmupRuns: 10,
      settleMs: 5,
    });
    const before = readRows(out);
    expect(before.every((r) => r.energy_mj === '' && r.meter === 'none')).toBe(true);
    const log = readWindowLog(windows);
    // One idle window per round (5), logged with each of the two kernels.
    expect(log.filter((w) => w.phase === 'idle')).toHaveLength(10);
    // The monitor: 1 W idle, 3 W while a block runs; 0.02 ms samples, times relative to its own start.
    // The log is in the order windows were written, not of time (batches interleave): take its extent.
    const origin = Math.min(...log.map((w) => w.startMs)) - 50;
    const end = Math.max(...log.map((w) => w.endMs)) + 50;
    const lines = ['Time(ms),Power(W)'];
    const blocks = log.filter((w) => w.phase === 'block');
    for (let i = 0; origin + i / 50 <= end; i++) {
      const t = origin + i / 50;
      const busy = blocks.some((w) => t >= w.startMs && t <= w.endMs);
      lines.push(`${(i / 50).toFixed(2)},${busy ? 3 : 1}`);
    }
    writeFileSync(join(dir, 'monitor.csv'), `${lines.join('\n')}\n`);
    const result = await attachMonitorEnergy({
      csv: out,
      windows,
      monitor: join(dir, 'monitor.csv'),
      monitorOptions: { offsetMs: origin },
    });
    expect(result).toMatchObject({
      attached: 2,
      withoutWindows: [],
      unmeasured: [],
      monitorLayout: 'time=Time(ms) (ms), power=Power(W) (W)',
    });
    for (const row of readRows(out)) {
      const mine = blocks.filter((w) => w.kernelId === row.kernel_id);
      const expected = mine
        .map((w) => ((2 * (w.endMs - w.startMs)) / 1000 / w.runs) * 1000)
        .sort((a, b) => a - b)[2]!;
      // The monitor samples every 0.02 ms (the meter's plausible limit is 0.01): each edge of a window
      // is off by up to one sample, under 1% of the energy of a block of 6 ms or more.
      expect(Math.abs(Number(row.energy_mj) / expected - 1)).toBeLessThan(0.01);
      // Windows touch: a 0.02 ms interpolation ramp at the idle window's end shifts it by a few mW at most.
      expect(Number(row.idle_power_mw) / 1000).toBeCloseTo(1, 2);
      expect(row.meter).toBe('external-csv:monitor.csv');
    }
  });
});

describe('interleaving, spread and re-measuring', () => {
  it("interleaves a batch's trials: every round takes one block of each kernel, in a shuffled order", async () => {
    const out = join(dir, 'kernels.csv');
    const windowLog = join(dir, 'windows.csv');
    const kernels = smallKernels();
    const result = await measureKernels({
      ...quick,
      kernels,
      out,
      meter: new NoMeter(),
      windowLog,
      minBlockMs: 1,
      settleMs: 0,
    });
    const blocks = readWindowLog(windowLog)
      .filter((w) => w.phase === 'block')
      .sort((a, b) => a.startMs - b.startMs);
    expect(blocks).toHaveLength(6 * 5);
    const orders: string[] = [];
    for (let round = 1; round <= 5; round++) {
      const inRound = blocks.slice((round - 1) * 6, round * 6);
      expect(inRound.every((w) => w.block === round)).toBe(true);
      expect(new Set(inRound.map((w) => w.kernelId)).size).toBe(6);
      orders.push(inRound.map((w) => w.kernelId).join());
    }
    expect(new Set(orders).size).toBeGreaterThan(1);
    for (const row of readRows(out)) {
      expect(row).toMatchObject({ trials: '5', attempts: '1', batch: '6', energy_cv: '' });
      expect(Number(row.latency_cv)).toBeGreaterThanOrEqual(0);
    }
    expect(result.stability).toMatchObject({ rows: 6, remeasured: 0, unstable: 0 });
  });

  it("takes a row's latency, and a trial's, as the 10th percentile of its runs: slow runs added by load do not move it", async () => {
    // Runs take 1 ms, or 41 ms when the clock's reading count ends on 1 or 2 mod 3: two of every three
    // runs are slow, so the median would be 41 ms.
    let readings = 0;
    let t = 0;
    const clock = (): number => {
      readings++;
      t += 1 + (readings % 3 !== 0 ? 40 : 0);
      return t;
    };
    const result = await measureKernels({
      ...quick,
      kernels: smallKernels().slice(0, 2),
      out: join(dir, 'low.csv'),
      meter: new NoMeter(),
      repetitions: 30,
      maxCv: 0.1,
      clock,
    });
    for (const row of result.rows) {
      expect(row).toMatchObject({ latencyMs: 1, latencyCv: 0, attempts: 1, repetitions: 30, notes: '' });
      expect(row.latencySpreadMs).toBe(40);
    }
    expect(runsLatency([5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11])).toBe(2);
  });

  it("leaves a run's off-CPU time out with one thread on the CPU provider, and only there", async () => {
    // Every run takes 41 ms on the wall clock, of which its thread was on the CPU for 0.5 ms.
    const clocks = () => {
      let wall = 0;
      let cpu = 0;
      return { clock: () => (wall += 41), cpuClock: () => (cpu += 0.5) };
    };
    const measure = (name: string, threads: number) =>
      measureKernels({
        ...quick,
        kernels: smallKernels().slice(0, 1),
        out: join(dir, `${name}.csv`),
        meter: new NoMeter(),
        threads,
        ...clocks(),
      });
    expect((await measure('one', 1)).rows[0]!.latencyMs).toBe(0.5);
    expect((await measure('two', 2)).rows[0]!.latencyMs).toBe(41);
    // Off-CPU time within the CPU clock's resolution keeps the wall time.
    expect(onCpuMs(1.03, 1)).toBe(1.03);
    expect(onCpuMs(5, 1)).toBe(1);
  });

  it('times blocks of at least 20 ms with meter none and no window log', async () => {
    // Every clock reading 1 ms after the last: each run takes 1 ms, so a block is 20 runs.
    let t = 0;
    const { minBlockMs: _asked, ...defaults } = quick;
    const result = await measureKernels({
      ...defaults,
      kernels: smallKernels().slice(0, 1),
      out: join(dir, 'blocks.csv'),
      meter: new NoMeter(),
      clock: () => ++t,
    });
    expect(result.rows[0]).toMatchObject({ latencyMs: 1, trials: 5, repetitions: 100 });
  });

  it('runs a block on until it lasts the shortest block, when warm runs are faster than the warm-up sized it for', async () => {
    // The warm-up's clock readings (its start, two runs of two readings, one check) are 5 ms apart,
    // every later reading 1 ms: the warm-up estimates 5 ms a run and plans 4 runs for a 20 ms block,
    // which warm 1 ms runs end in 4 ms. The block runs on to 20 runs; the plan alone gives 4.
    let readings = 0;
    let t = 0;
    const result = await measureKernels({
      ...quick,
      kernels: smallKernels().slice(0, 1),
      out: join(dir, 'stretch.csv'),
      meter: new NoMeter(),
      minBlockMs: 20,
      clock: () => (t += ++readings <= 6 ? 5 : 1),
    });
    expect(result.rows[0]).toMatchObject({ latencyMs: 1, trials: 5, repetitions: 5 * 20 });
  });

  it('measures a kernel again while its trials spread more than --max-cv, and notes one that never settles', async () => {
    // An injected clock: each reading 1 ms after the last, plus 40 ms on every third reading while
    // `noisy` holds, so runs then take 1 or 41 ms in an irregular pattern.
    let readings = 0;
    let t = 0;
    let noisy = (): boolean => readings < 60;
    const clock = (): number => {
      readings++;
      t += 1 + (noisy() && readings % 3 === 0 ? 40 : 0);
      return t;
    };
    const kernels = smallKernels().slice(0, 2);
    const settles = await measureKernels({
      ...quick,
      kernels,
      out: join(dir, 'settles.csv'),
      meter: new NoMeter(),
      maxCv: 0.1,
      clock,
    });
    for (const row of settles.rows) {
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(row.latencyCv).toBe(0);
      expect(row.latencyMs).toBe(1);
      expect(row.notes).toBe('');
    }
    expect(settles.stability).toMatchObject({ rows: 2, remeasured: 2, unstable: 0, maxLatencyCv: 0 });

    noisy = () => true;
    const never = await measureKernels({
      ...quick,
      kernels,
      out: join(dir, 'never.csv'),
      meter: new NoMeter(),
      maxCv: 0.1,
      maxAttempts: 3,
      clock,
    });
    for (const row of never.rows) {
      expect(row.attempts).toBe(3);
      expect(row.latencyCv).toBeGreaterThan(0.1);
      expect(row.notes).toMatch(/^unstable: trials spread \d+\.\d% \(limit 10%\) after 3 attempt\(s\)$/);
    }
    expect(never.stability).toMatchObject({ rows: 2, remeasured: 2, unstable: 2 });
    expect(formatStability(never.stability)).toMatch(
      /^stability: 2 row\(s\), trial-to-trial latency CV median \d+\.\d%, max \d+\.\d%; 2 re-measured; 2 above --max-cv 10\.0%/,
    );
  });

  it('reads and attaches files written before the stability columns', async () => {
    const out = join(dir, 'kernels.csv');
    const windows = join(dir, 'windows.csv');
    const kernels = smallKernels().slice(0, 1);
    await measureKernels({ ...quick, kernels, out, meter: new NoMeter(), windowLog: windows, minBlockMs: 5 });
    // Rewrite the file as an earlier version wrote it: without the stability columns.
    const legacy = readRows(out).map((r) =>
      LEGACY_MEASURE_COLUMNS.map((c) => csvField(r[c] ?? '')).join(','),
    );
    writeFileSync(out, `${LEGACY_MEASURE_COLUMNS.join(',')}\n${legacy.join('\n')}\n`);
    const csv = parseKernelCsv(readFileSync(out, 'utf8'), out);
    expect(csv.rows).toHaveLength(1);
    expect(csv.warnings).toEqual([]);
    await expect(measureKernels({ ...quick, kernels, out, meter: new NoMeter() })).rejects.toThrow(
      /kernels\.csv: row 1: written by an earlier version, without the stability columns/,
    );
    const log = readWindowLog(windows);
    const lines = ['Time(ms),Power(W)'];
    for (let time = log[0]!.startMs - 10; time <= log.at(-1)!.endMs + 10; time += 0.5)
      lines.push(`${time.toFixed(1)},2`);
    writeFileSync(join(dir, 'monitor.csv'), `${lines.join('\n')}\n`);
    const attached = await attachMonitorEnergy({ csv: out, windows, monitor: join(dir, 'monitor.csv') });
    expect(attached.unmeasured.length + attached.attached).toBe(1);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(LEGACY_MEASURE_COLUMNS.join(','));
  });
});

describe('machine load', () => {
  it('warns when the load average reaches half the CPUs, and names a governor that scales the clock', () => {
    expect(loadWarnings({ loadAverage: 0.3, cpus: 2, governor: 'performance' })).toEqual([]);
    expect(loadWarnings({ loadAverage: undefined, cpus: 2, governor: undefined })).toEqual([]);
    const [busy, governor] = loadWarnings({ loadAverage: 2.5, cpus: 2, governor: 'powersave' });
    expect(busy).toMatch(/^the machine is busy: load average 2\.50 on 2 CPU\(s\) \(1 minute, from the OS\)/);
    expect(governor).toMatch(/^the CPU frequency governor is powersave \(cpu0 cpufreq\)/);
  });

  it('reads the governor from cpufreq where readable, and nothing where not', () => {
    writeFileSync(join(dir, 'missing'), '');
    expect(readMachineLoad(join(dir, 'nowhere')).governor).toBeUndefined();
    const root = join(dir, 'cpu');
    mkdirSync(join(root, 'cpu0/cpufreq'), { recursive: true });
    writeFileSync(join(root, 'cpu0/cpufreq/scaling_governor'), 'schedutil\n');
    expect(readMachineLoad(root).governor).toBe('schedutil');
  });
});
