import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachMonitorEnergy } from '../../src/measure/attach.js';
import { MEASURE_COLUMNS, MeasureError, readWindowLog } from '../../src/measure/csv.js';
import {
  measureKernels,
  toNhwc,
  type KernelToMeasure,
  type MeasureProgress,
} from '../../src/measure/harness.js';
import { NoMeter } from '../../src/measure/meters/none.js';
import { kernelId, sampleKernels } from '../../src/measure/sampling.js';
import { summariseEnergy } from '../../src/measure/stats.js';
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

const quick = { buildModel: buildTestKernel, warmupRuns: 2, repetitions: 5 } as const;

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
      ...quick,
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
      ...quick,
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

    const third = await measureKernels({ ...quick, kernels, out, meter: new NoMeter() });
    expect(third).toMatchObject({ aborted: false, skipped: 3, total: 6 });
    const ids = readRows(out).map((r) => r.kernel_id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids)).toEqual(new Set(kernels.map((k) => kernelId(k.type, k.config))));

    const again = await measureKernels({ ...quick, kernels, out, meter: new NoMeter() });
    expect(again).toMatchObject({ skipped: 6, rows: [] });
  });

  it('cuts off a line left unfinished by a hard kill, then measures that kernel again', async () => {
    const out = join(dir, 'kernels.csv');
    const windowLog = join(dir, 'windows.csv');
    const kernels = smallKernels().slice(0, 3);
    const controller = new AbortController();
    const setup = { ...quick, kernels, out, meter: new NoMeter(), windowLog, minBlockMs: 5, settleMs: 0 };
    await measureKernels({ ...setup, signal: controller.signal, onProgress: () => controller.abort() });
    const secondId = kernelId(kernels[1]!.type, kernels[1]!.config);
    appendFileSync(windowLog, `${secondId},idle,0,0,1700000000000.000,17000`);
    appendFileSync(out, `${secondId},conv-bn-relu,8,3,4,3,1,,,,,,"[[8,8`);
    const result = await measureKernels(setup);
    const log = readWindowLog(windowLog);
    expect(log.map((w) => w.kernelId)).toEqual(
      kernels.flatMap((k) => Array<string>(6).fill(kernelId(k.type, k.config))),
    );
    expect(result.repaired).toBe(`${secondId},conv-bn-relu,8,3,4,3,1,,,,,,"[[8,8`);
    expect(result.skipped).toBe(1);
    const rows = readRows(out);
    expect(rows.map((r) => r.kernel_id)).toEqual(kernels.map((k) => kernelId(k.type, k.config)));
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
    let calls = 0;
    const failing = (
      type: Parameters<typeof buildTestKernel>[0],
      config: Parameters<typeof buildTestKernel>[1],
    ): Uint8Array => {
      if (++calls === 2) throw new Error('no such kernel');
      return buildTestKernel(type, config);
    };
    await expect(
      measureKernels({ ...quick, kernels, out, meter: new NoMeter(), buildModel: failing }),
    ).rejects.toThrow(
      new RegExp(
        `kernel ${kernelId(kernels[1]!.type, kernels[1]!.config)} \\(conv-bn-relu .*the model builder failed: no such kernel`,
      ),
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
    // Idle windows read 2 W x duration; every block adds 0.3 J on top: 0.3 J per block net.
    const meter = new ScriptedMeter(2, 0.3, 6);
    const result = await measureKernels({
      ...quick,
      kernels,
      out,
      meter,
      windowLog: windows,
      minBlockMs: 5,
      settleMs: 0,
    });
    expect(result.rows).toHaveLength(2);
    const log = readWindowLog(windows);
    for (const row of readRows(out)) {
      const mine = log.filter((w) => w.kernelId === row.kernel_id);
      expect(mine.map((w) => `${w.phase}${w.block}`)).toEqual([
        'idle0',
        'block1',
        'block2',
        'block3',
        'block4',
        'block5',
      ]);
      const perBlock = mine[1]!.runs;
      expect(Number(row.repetitions)).toBe(5 * perBlock);
      expect(Number(row.energy_mj)).toBeCloseTo(300 / perBlock, 3);
      expect(Number(row.energy_spread_mj)).toBeCloseTo(0, 6);
      expect(Number(row.idle_power_mw)).toBeCloseTo(2000, 3);
      expect(Number(row.power_mw) / ((Number(row.energy_mj) / Number(row.latency_ms)) * 1000)).toBeCloseTo(
        1,
        4,
      );
      expect(row.meter).toBe('scripted');
      expect(row.notes).toBe('');
    }
  });

  it('leaves the energy empty and says why when the meter could not read a window', async () => {
    const out = join(dir, 'kernels.csv');
    const kernels = smallKernels().slice(0, 2);
    const meter = new ScriptedMeter(2, 0.3, 6, 2);
    await measureKernels({ ...quick, kernels, out, meter, minBlockMs: 5, settleMs: 0 });
    const [broken, fine] = readRows(out);
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
      settleMs: 5,
    });
    const before = readRows(out);
    expect(before.every((r) => r.energy_mj === '' && r.meter === 'none')).toBe(true);
    const log = readWindowLog(windows);
    expect(log.filter((w) => w.phase === 'idle')).toHaveLength(2);
    // The monitor: 1 W idle, 3 W while a block runs; 0.1 ms samples, times relative to its own start.
    const origin = log[0]!.startMs - 50;
    const end = log.at(-1)!.endMs + 50;
    const lines = ['Time(ms),Power(W)'];
    const blocks = log.filter((w) => w.phase === 'block');
    for (let t = origin; t <= end; t += 0.1) {
      const busy = blocks.some((w) => t >= w.startMs && t <= w.endMs);
      lines.push(`${(t - origin).toFixed(1)},${busy ? 3 : 1}`);
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
      expect(Number(row.energy_mj) / expected).toBeCloseTo(1, 2);
      // Windows touch: a 0.1 ms interpolation ramp at the idle window's end shifts it by a few mW at most.
      expect(Number(row.idle_power_mw) / 1000).toBeCloseTo(1, 2);
      expect(row.meter).toBe('external-csv:monitor.csv');
    }
  });
});
