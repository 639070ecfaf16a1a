import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KernelConfig } from '../../src/kernels/types.js';
import { analyzeFile } from '../../src/analysis/analyze.js';
import { loadBundle } from '../../src/predict/bundle.js';
import { readKernelCsv, type KernelRow } from '../../src/predict/csv.js';
import { PredictorError } from '../../src/predict/errors.js';
import { accuracyFigures } from '../../src/predict/metrics.js';
import { predictBundle } from '../../src/predict/predictor.js';
import { seededRandom } from '../../src/predict/random.js';
import { SessionPool } from '../../src/predict/session.js';
import { trainBundle, type TrainOptions } from '../../src/predict/train.js';
import { configKernel, tempDir } from './helpers.js';

const toKernel = (row: KernelRow) => configKernel(row.type, row.config, row.id);

/**
 * The law the synthetic measurements follow: work and traffic, with 1x1 convs and small feature maps
 * less efficient per FLOP (what a closed form in FLOPs and bytes cannot express, and trees can).
 */
function trueEnergyMj(type: string, c: KernelConfig): number {
  const k = configKernel(type as 'conv-bn-relu', c);
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

  it('is deterministic: the same input gives byte-identical files', async () => {
    const first = join(tmp.dir, 'b1', 'lab-phone-cpu');
    const second = join(tmp.dir, 'b2', 'lab-phone-cpu');
    await trainBundle(options(first, { gbdt: { nEstimators: 20 }, folds: 3 }));
    await trainBundle(options(second, { gbdt: { nEstimators: 20 }, folds: 3 }));
    const files = readdirSync(first).sort();
    expect(files).toEqual(['add.onnx', 'conv-bn-relu.onnx', 'manifest.json', 'others.onnx']);
    expect(readdirSync(second).sort()).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(second, f)).equals(readFileSync(join(first, f)))).toBe(true);
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
    ).rejects.toThrow(/latency\.csv, line 2, column 'energy_mj': no energy_mj value/);
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
      /line 9, column 'kernel_type': cannot build a conv-bn-relu kernel from this configuration: COUT is required/,
    );
  });
});
