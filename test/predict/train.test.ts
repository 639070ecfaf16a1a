import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KernelConfig } from '../../src/kernels/types.js';
import { analyzeFile } from '../../src/analysis/analyze.js';
import { loadBundle, loadBundles } from '../../src/predict/bundle.js';
import { readKernelCsv, type KernelRow } from '../../src/predict/csv.js';
import { PredictorError } from '../../src/predict/errors.js';
import { accuracyFigures } from '../../src/predict/metrics.js';
import { predictBundle } from '../../src/predict/predictor.js';
import { seededRandom } from '../../src/predict/random.js';
import { SessionPool } from '../../src/predict/session.js';
import {
  checkTrainOptions,
  rowCountWarnings,
  type TrainOptions,
  type TrainProgress,
} from '../../src/predict/train-options.js';
import { fitBundle } from '../../src/predict/train-manifest.js';
import { trainBundle } from '../../src/predict/train.js';
import { writeBundle } from '../../src/predict/train-write.js';
import { configKernel, tempDir } from './helpers.js';

const toKernel = (row: KernelRow) => configKernel(row.type, row.config, row.id);

/**
 * The law the synthetic measurements follow: work and traffic, with 1x1 convs and small feature maps
 * less efficient per FLOP (what a closed form in FLOPs and bytes cannot express, and trees can).
 */
function trueEnergyMj(type: string, c: KernelConfig): number {
  const k = configKernel(type, c);
  const conv = type === 'conv-bn-relu';
  const perFlop = 2e-9 * (conv && c.KERNEL_SIZE === 1 ? 3 : 1) * (conv && c.HW! <= 14 ? 1.8 : 1);
  return perFlop * k.flops + 3e-8 * k.bytes + 0.005;
}

function convConfig(random: ReturnType<typeof seededRandom>): KernelConfig {
  return {
    HW: [7, 14, 28, 56, 112][random.int(5)]!,
    CIN: 8 + random.int(248),
    COUT: 8 + random.int(248),
    KERNEL_SIZE: [1, 3, 5, 7][random.int(4)]!,
    STRIDES: 1 + random.int(2),
  };
}

/** A kernels CSV in DeepEn2023's columns: energies from trueEnergyMj with +-3% noise, 2.5 W power. */
function syntheticCsv(seed: number, latencyOnly = false): string {
  const random = seededRandom(seed);
  const lines = [
    'kernel_id,kernel_type,HW,CIN,COUT,KERNEL_SIZE,STRIDES,POOL_STRIDES,CIN1,CIN2,CIN3,CIN4,input_shapes,energy_mj,latency_ms,power_mw,meter',
  ];
  const add = (id: string, type: string, c: KernelConfig) => {
    const energy = trueEnergyMj(type, c) * (1 + 0.06 * (random.next() - 0.5));
    const cells = [c.HW, c.CIN, c.COUT, c.KERNEL_SIZE, c.STRIDES].map((v) => v ?? '');
    const e = latencyOnly ? '' : energy.toFixed(5);
    lines.push(
      [
        id,
        type,
        ...cells,
        '',
        '',
        '',
        '',
        '',
        '',
        e,
        (energy / 2.5).toFixed(5),
        latencyOnly ? '' : '2500',
        latencyOnly ? 'none' : 'test',
      ].join(','),
    );
  };
  for (let i = 0; i < 80; i += 1) add(`c${i}`, 'conv-bn-relu', convConfig(random));
  for (let i = 0; i < 12; i += 1)
    add(`a${i}`, 'add', { HW: [7, 14, 28, 56][random.int(4)]!, CIN: 8 + random.int(500) });
  for (let i = 0; i < 3; i += 1) add(`f${i}`, 'fc', { CIN: 64 + random.int(2000), COUT: 1000 });
  return `${lines.join('\n')}\n`;
}

describe('train', () => {
  const tmp = tempDir('train');
  const pool = new SessionPool();
  afterAll(async () => {
    await pool.release();
    tmp.cleanup();
  });
  const csvFile = join(tmp.dir, 'kernels.csv');
  writeFileSync(csvFile, syntheticCsv(11));
  const options = (out: string, extra: Partial<TrainOptions> = {}): TrainOptions => ({
    rows: readKernelCsv(csvFile).rows,
    out,
    device: 'lab-phone',
    processor: 'cpu',
    seed: 3,
    folds: 4,
    command: 'model-energy train --data kernels.csv',
    trainedAt: '2024-01-01',
    toKernel,
    tune: false,
    gbdt: { nEstimators: 150, learningRate: 0.1 },
    ...extra,
  });

  const trained = join(tmp.dir, 'a', 'lab-phone-cpu');

  it('yields a bundle whose predictions track the known function and that loads', async () => {
    const out = trained;
    // Features come from kernelFromConfig (the default): the engine's own analysis of each configuration.
    const { toKernel: _ours, ...defaults } = options(out);
    const extra = join(tmp.dir, 'held-out.csv');
    writeFileSync(extra, syntheticCsv(13));
    const manifest = await trainBundle({
      ...defaults,
      heldOut: readKernelCsv(extra).rows.filter((r) => r.type === 'conv-bn-relu'),
    });
    expect(manifest.id).toBe('lab-phone-cpu');
    expect(manifest.targets).toEqual(['energy', 'latency']);
    expect(Object.keys(manifest.kernels).sort()).toEqual(['add', 'conv-bn-relu']);
    const convEnergy = manifest.kernels['conv-bn-relu']!.outputs[0]!;
    expect(convEnergy.method).toBe('gbdt');
    expect(convEnergy.accuracy!.candidates!['closed-form']!.medianApePct).toBeGreaterThan(
      convEnergy.accuracy!.kfold.medianApePct,
    );
    expect(convEnergy.accuracy!.kfold.within20Pct).toBeGreaterThan(80);
    expect(manifest.provenance).toMatchObject({
      kind: 'trained',
      trainedAt: '2024-01-01',
      command: 'model-energy train --data kernels.csv',
      data: { rows: 95 },
      kfold: { folds: 4, seed: 3 },
    });
    expect(manifest.provenance.notes!.join(' ')).toMatch(/priced by 'others': fc/);
    expect(manifest.provenance.kfold!.overall.energy!.kernels).toBe(95);
    expect(manifest.provenance.heldOut!.energy!.kernels).toBe(80);
    expect(manifest.provenance.heldOut!.energy!.medianApePct).toBeLessThan(10);
    expect(manifest.threads).toBeNull();

    const bundle = loadBundle(out);
    const random = seededRandom(99);
    const kernels = Array.from({ length: 40 }, (_, i) =>
      configKernel('conv-bn-relu', convConfig(random), `new${i}`),
    );
    const fc = configKernel('fc', { CIN: 1280, COUT: 1000 }, 'head');
    const result = await predictBundle(bundle, [...kernels, fc], { pool });
    const truth = kernels.map((k) => trueEnergyMj(k.type, k.config));
    const figures = accuracyFigures(
      truth,
      result.kernels.slice(0, 40).map((p) => p.energyMj!),
    );
    expect(figures.medianApePct).toBeLessThan(10);
    expect(figures.within20Pct).toBeGreaterThan(70);
    const latency = accuracyFigures(
      truth.map((e) => e / 2.5),
      result.kernels.slice(0, 40).map((p) => p.latencyMs!),
    );
    expect(latency.medianApePct).toBeLessThan(10);
    expect(result.kernels[40]).toMatchObject({ source: 'others', fallback: true });
    expect(result.coverage.fallbackTypes).toEqual(['fc']);
    expect(result.powerW).toBeGreaterThan(2);
    expect(result.powerW).toBeLessThan(3);
  });

  it('prices every kernel of a real model (mobilenet_v2), totals being the sum of kernels', async () => {
    const analysis = await analyzeFile('test/fixtures/models/mobilenet_v2.onnx.gz');
    const result = await predictBundle(loadBundle(trained), analysis.kernels, { pool });
    expect(result.kernels).toHaveLength(analysis.kernels.length);
    for (const k of result.kernels) {
      expect(k.energyMj).toBeGreaterThan(0);
      expect(k.energyRangeMj![0]).toBeLessThanOrEqual(k.energyMj!);
      expect(k.energyRangeMj![1]).toBeGreaterThanOrEqual(k.energyMj!);
    }
    const sum = result.kernels.reduce((a, k) => a + k.energyMj!, 0);
    expect(result.energyMj).toBeCloseTo(sum, 9);
    const fallback = result.kernels.filter((k) => k.fallback);
    expect(result.coverage.fallbackTypes).toEqual([...new Set(fallback.map((k) => k.type))].sort());
    expect(result.coverage.fallbackTypes).toContain('dwconv-bn-relu');
    expect(result.coverage.fallbackShare).toBeCloseTo(fallback.reduce((a, k) => a + k.energyMj!, 0) / sum, 9);
  });

  it('is deterministic: the same input gives byte-identical files, on 1 or 2 worker threads or none', async () => {
    // 55 relu rows make a pool for add (a memory-bound type), and tuning is on: every kind of job runs.
    const random = seededRandom(5);
    const relu = Array.from({ length: 55 }, (_, i): KernelRow => {
      const config = { HW: [7, 14, 28, 56][random.int(4)]!, CIN: 8 + random.int(500) };
      const energyMj = trueEnergyMj('relu', config) * (1 + 0.06 * (random.next() - 0.5));
      return {
        id: `r${i}`,
        type: 'relu',
        config,
        energyMj,
        latencyMs: energyMj / 2.5,
        source: { file: 'relu.csv', line: i + 2 },
      };
    });
    const settings = {
      rows: [...readKernelCsv(csvFile).rows, ...relu],
      gbdt: { nEstimators: 20 },
      folds: 3,
      tune: true,
    };
    const first = join(tmp.dir, 'b1', 'lab-phone-cpu');
    const second = join(tmp.dir, 'b2', 'lab-phone-cpu');
    const oneWorker = await trainBundle(options(first, { ...settings, workers: 1 }));
    await trainBundle(options(second, { ...settings, workers: 2 }));
    const files = readdirSync(first).sort();
    expect(files).toEqual(['add.onnx', 'conv-bn-relu.onnx', 'manifest.json', 'others.onnx', 'relu.onnx']);
    expect(oneWorker.kernels.add!.outputs[0]!.accuracy!.candidates).toHaveProperty('pooled');
    expect(readdirSync(second).sort()).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(second, f)).equals(readFileSync(join(first, f))), f).toBe(true);
    // fitBundle runs the same jobs in the calling thread.
    const inline = fitBundle(options(first, settings));
    expect(inline.manifest).toEqual(oneWorker);
    for (const [name, bytes] of inline.files)
      expect(Buffer.from(bytes).equals(readFileSync(join(first, name))), name).toBe(true);
  });

  it('trains a latency bundle from a latency-only CSV (meter none)', async () => {
    const file = join(tmp.dir, 'latency.csv');
    writeFileSync(file, syntheticCsv(12, true));
    const out = join(tmp.dir, 'c', 'ci-cpu');
    const manifest = await trainBundle({
      ...options(out, { gbdt: { nEstimators: 20 } }),
      rows: readKernelCsv(file).rows,
    });
    expect(manifest.targets).toEqual(['latency']);
    const result = await predictBundle(loadBundle(out), [configKernel('add', { HW: 28, CIN: 64 })], { pool });
    expect(result.energyMj).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.coverage.target).toBe('latency');
    await expect(
      trainBundle({ ...options(out), rows: readKernelCsv(file).rows, target: 'energy' }),
    ).rejects.toThrow(
      /latency\.csv, line 2, column 'energy_mj': cannot train an energy predictor: 'energy_mj' is empty on 95 of 95 rows/,
    );
  });

  it('names the row of a zero energy or a configuration the kernel builder refuses', async () => {
    const rows = readKernelCsv(csvFile).rows;
    const zero = rows.map((r, i) => (i === 4 ? { ...r, energyMj: 0 } : r));
    await expect(trainBundle({ ...options(join(tmp.dir, 'd', 'x-cpu')), rows: zero })).rejects.toThrow(
      /kernels\.csv, line 6, column 'energy_mj': energy_mj is 0; predictors are fitted on log\(energy_mj\)/,
    );
    const refuse = (row: KernelRow) => {
      if (row.id === 'c7') throw new Error('COUT is required');
      return toKernel(row);
    };
    const e = await trainBundle({ ...options(join(tmp.dir, 'd', 'x-cpu')), toKernel: refuse }).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(PredictorError);
    expect((e as PredictorError).message).toMatch(
      /kernels\.csv, line 9: cannot build a conv-bn-relu kernel from its configuration \(HW=\d+, CIN=\d+, COUT=\d+, KERNEL_SIZE=\d, STRIDES=\d\): COUT is required$/,
    );
  });

  it('refuses bad options before any work', async () => {
    const base = options(join(tmp.dir, 'never', 'lab-phone-cpu'));
    const refusal = (extra: Partial<TrainOptions>) => {
      try {
        checkTrainOptions({ ...base, ...extra });
      } catch (e) {
        expect(e).toBeInstanceOf(PredictorError);
        return `${(e as PredictorError).field}: ${(e as PredictorError).problem}`;
      }
      return 'accepted';
    };
    expect(refusal({})).toBe('accepted');
    expect(refusal({ folds: 1 })).toBe('folds: k-fold needs an integer of at least 2 folds (got 1)');
    expect(refusal({ folds: 2.5 })).toMatch(/^folds: /);
    expect(refusal({ seed: -1 })).toBe('seed: the seed must be an integer from 0 to 4294967295 (got -1)');
    expect(refusal({ seed: 0 })).toBe('accepted');
    expect(refusal({ threads: 0 })).toMatch(/^threads: must be a positive integer/);
    expect(refusal({ device: ' ' })).toBe('device: the device id is empty');
    expect(refusal({ out: join(tmp.dir, 'never', 'My Board') })).toMatch(
      /^out: the bundle folder's name 'My Board' is the bundle id and must be lower-case/,
    );
    // Refused before fitting or writing: the output's parent folder is never created.
    let progressed = 0;
    await expect(trainBundle({ ...base, folds: 1, onProgress: () => (progressed += 1) })).rejects.toThrow(
      /k-fold needs an integer of at least 2 folds/,
    );
    expect(progressed).toBe(0);
    expect(existsSync(join(tmp.dir, 'never'))).toBe(false);
  });

  it('reports each regressor as it is fitted', () => {
    const events: TrainProgress[] = [];
    fitBundle(
      options(join(tmp.dir, 'p', 'lab-phone-cpu'), {
        folds: 2,
        gbdt: { nEstimators: 5 },
        onProgress: (e) => events.push(e),
      }),
    );
    expect(events.map((e) => `${e.done}/${e.total} ${e.key} ${e.rows}`)).toEqual([
      '1/3 add 12',
      '2/3 conv-bn-relu 80',
      '3/3 others 95',
    ]);
    for (const e of events) {
      expect(e.folds).toBe(2);
      expect(e.outputs.map((o) => o.target)).toEqual(['energy', 'latency']);
      for (const o of e.outputs) expect(o.medianApePct).toBeGreaterThan(0);
    }
  });

  it('stops when its signal aborts, reporting no regressor after, writing nothing', async () => {
    const controller = new AbortController();
    const out = join(tmp.dir, 'stopped', 'lab-phone-cpu');
    const done: string[] = [];
    await expect(
      trainBundle(
        options(out, {
          folds: 2,
          signal: controller.signal,
          onProgress: (e) => {
            done.push(e.key);
            controller.abort();
          },
        }),
      ),
    ).rejects.toThrow(/lab-phone-cpu: training stopped \(interrupted\); nothing was written/);
    expect(done).toEqual(['add']);
    expect(existsSync(join(tmp.dir, 'stopped'))).toBe(false);
  });

  it('fits each target on the rows that have it: energy as if trained on those rows alone, latency on all', () => {
    const rows = readKernelCsv(csvFile).rows;
    // Every 7th row loses its energy, as rows below a meter's resolution do.
    const partial: KernelRow[] = rows.map((r, i) => {
      if (i % 7 !== 3) return r;
      const { energyMj: _, ...rest } = r;
      return rest;
    });
    const withEnergy = partial.filter((r) => r.energyMj !== undefined);
    const settings = { folds: 2, gbdt: { nEstimators: 5 } };
    const out = join(tmp.dir, 'partial', 'lab-phone-cpu');
    const both = fitBundle(options(out, { ...settings, rows: partial }));
    const energyOnly = fitBundle(options(out, { ...settings, rows: withEnergy, target: 'energy' }));
    const latencyOnly = fitBundle(options(out, { ...settings, rows: partial, target: 'latency' }));
    expect(both.targets).toEqual(['energy', 'latency']);
    for (const key of ['add', 'conv-bn-relu'] as const) {
      expect(both.manifest.kernels[key]!.outputs[0]).toEqual(energyOnly.manifest.kernels[key]!.outputs[0]);
      expect(both.manifest.kernels[key]!.outputs[1]).toEqual({
        ...latencyOnly.manifest.kernels[key]!.outputs[0],
        column: 1,
      });
    }
    expect(both.manifest.others.outputs[0]).toEqual(energyOnly.manifest.others.outputs[0]);
    const overall = both.manifest.provenance.kfold!.overall;
    expect(overall.energy).toEqual(energyOnly.manifest.provenance.kfold!.overall.energy);
    expect(overall.energy!.kernels).toBe(withEnergy.length);
    expect(overall.latency!.kernels).toBe(rows.length);
    expect(both.measured.get('energy')!.filter(Number.isNaN)).toHaveLength(rows.length - withEnergy.length);
    // Too few rows with energy: not trained by default, refused when asked for.
    const few = partial.map((r, i) => (i < 3 ? r : { ...r, energyMj: undefined }));
    expect(fitBundle(options(out, { ...settings, rows: few })).targets).toEqual(['latency']);
    expect(() => fitBundle(options(out, { ...settings, rows: few, target: 'energy' }))).toThrow(
      /cannot train an energy predictor: 'energy_mj' is empty on 92 of 95 rows \(lines .*\), and the 3 rows with a value are too few/,
    );
  });

  it('warns about types with few rows: priced by others, leave-one-out, rough figures', () => {
    const rows = readKernelCsv(csvFile).rows;
    expect(rowCountWarnings(rows, { folds: 5 })).toEqual([
      "fewer than 5 rows, so no regressor of their own (priced by 'others'): fc (3)",
      'fewer than 20 rows, so their k-fold figures rest on few kernels and can be far off (and boosted trees are not tried): add (12)',
    ]);
    expect(rowCountWarnings(rows, { folds: 15 })).toEqual([
      "fewer than 5 rows, so no regressor of their own (priced by 'others'): fc (3)",
      'fewer rows than the 15 folds, so their k-fold is leave-one-out (one row per fold): add (12)',
    ]);
    expect(rowCountWarnings(rows.slice(0, 4), { folds: 5 })).toEqual([
      "fewer than 5 rows, so no regressor of their own (priced by 'others'): conv-bn-relu (4)",
      "only 4 rows in all for 5 folds: 'others' is leave-one-out too",
    ]);
    expect(rowCountWarnings(rows.filter((r) => r.type === 'conv-bn-relu'))).toEqual([]);
    let adds = 0;
    const addWithoutEnergy: KernelRow[] = rows.map((r) =>
      r.type === 'add' && adds++ >= 3 ? { ...r, energyMj: undefined } : r,
    );
    const kept = addWithoutEnergy.filter((r) => r.type === 'add' && r.energyMj !== undefined).length;
    expect(kept).toBe(3);
    expect(rowCountWarnings(addWithoutEnergy, { folds: 5, targets: ['energy', 'latency'] })).toContain(
      `fewer than 5 rows with energy_mj, so no regressor of their own (priced by 'others' for every target): add (${kept} of 12)`,
    );
  });

  describe('writing the bundle', () => {
    const small = (out: string) =>
      fitBundle(
        options(out, {
          rows: readKernelCsv(csvFile).rows.filter((r) => r.type !== 'conv-bn-relu'),
          folds: 2,
          gbdt: { nEstimators: 5 },
        }),
      );
    const snapshot = (dir: string) =>
      Object.fromEntries(
        readdirSync(dir)
          .sort()
          .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
      );

    it('replaces a previous bundle only when the new one is complete and checked', async () => {
      const root = join(tmp.dir, 'w', 'predictors');
      const out = join(root, 'lab-phone-cpu');
      const fitted = small(out);
      await writeBundle(out, fitted);
      writeFileSync(join(out, 'README.md'), 'my notes\n');
      writeFileSync(join(out, 'stale.onnx'), 'not listed by the manifest');
      const before = snapshot(out);

      // An export that went wrong (another type's model where others.onnx should be) fails the check.
      const broken = new Map(fitted.files);
      broken.set('others.onnx', fitted.files.get('add.onnx')!);
      await expect(writeBundle(out, { ...fitted, files: broken })).rejects.toThrow(
        /others\.onnx.*the exported model disagrees with the fitted one/,
      );
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(root)).toEqual(['lab-phone-cpu']);

      // A good bundle replaces it; files that are not the old bundle's models or manifest stay.
      const refit = fitBundle({ ...options(out), rows: fitted.rows, folds: 3, gbdt: { nEstimators: 5 } });
      await writeBundle(out, refit);
      expect(readdirSync(out).sort()).toEqual([
        'README.md',
        'add.onnx',
        'manifest.json',
        'others.onnx',
        'stale.onnx',
      ]);
      expect(loadBundle(out).manifest.provenance.kfold!.folds).toBe(3);
      expect(readdirSync(root)).toEqual(['lab-phone-cpu']);
    });

    it('replaces the half bundle an interrupted older train left, and never leaves one itself', async () => {
      const root = join(tmp.dir, 'h', 'predictors');
      const out = join(root, 'lab-phone-cpu');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'manifest.json'), '{"schemaVersion": 1, "id": "lab-pho');
      writeFileSync(join(out, 'se.onnx'), 'half written');
      expect(() => loadBundles(root)).toThrow(/bad manifest/);
      await writeBundle(out, small(out));
      expect(readdirSync(out).sort()).toEqual(['add.onnx', 'manifest.json', 'others.onnx']);
      expect(loadBundles(root).map((b) => b.manifest.id)).toEqual(['lab-phone-cpu']);

      // ...and the ONNX files of one that died before its manifest.
      const onnxOnly = join(tmp.dir, 'h2', 'lab-phone-cpu');
      mkdirSync(onnxOnly, { recursive: true });
      writeFileSync(join(onnxOnly, 'se.onnx'), 'half written');
      await writeBundle(onnxOnly, small(onnxOnly));
      expect(readdirSync(onnxOnly).sort()).toEqual(['add.onnx', 'manifest.json', 'others.onnx']);

      // A failure into folders that did not exist removes what it created.
      const fresh = join(tmp.dir, 'new', 'deep', 'lab-phone-cpu');
      const fitted = small(fresh);
      const broken = new Map(fitted.files);
      broken.set('add.onnx', new Uint8Array([1, 2, 3]));
      await expect(writeBundle(fresh, { ...fitted, files: broken })).rejects.toThrow();
      expect(existsSync(join(tmp.dir, 'new'))).toBe(false);
    });

    it('refuses to replace a folder that is not a bundle', async () => {
      const out = join(tmp.dir, 'n', 'lab-phone-cpu');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'thesis.tex'), 'precious');
      await expect(trainBundle(options(out))).rejects.toThrow(
        /lab-phone-cpu: the folder exists and is not a predictor bundle \(no manifest\.json\), so it is not replaced/,
      );
      expect(readdirSync(out)).toEqual(['thesis.tex']);
    });
  });
});
