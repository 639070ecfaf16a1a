import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KernelConfig, KernelType } from '../../src/kernels/types.js';
import { loadBundle, loadBundles, resolveManifest, transferManifest } from '../../src/predict/bundle.js';
import type { KernelRow } from '../../src/predict/csv.js';
import { PredictorError } from '../../src/predict/errors.js';
import {
  FEATURE_NAMES,
  featureIndex,
  predictorFeatures,
  SCALE_FEATURES,
} from '../../src/predict/features.js';
import type { BundleManifest, RegressorSpec } from '../../src/predict/manifest.js';
import {
  EXTRAPOLATION_MARGIN,
  extrapolatedFeatures,
  predictBundle,
  predictTargets,
} from '../../src/predict/predictor.js';
import { seededRandom } from '../../src/predict/random.js';
import { SessionPool } from '../../src/predict/session.js';
import { trainBundle } from '../../src/predict/train.js';
import { cli } from '../cli/run.js';
import { configKernel, linearLaw, tempDir, writeTestBundle } from './helpers.js';

/** energy = work + traffic + a fixed cost; what matters here is which sizes the rows cover. */
function energyMj(type: KernelType, c: KernelConfig): number {
  const k = configKernel(type, c);
  return 1e-9 * k.flops + 2e-8 * k.bytes + 0.001;
}

/** conv-bn-relu at 14-28 px, global-avgpool at 3-7 px (as in DeepEn2023), relu too few for its own. */
function syntheticRows(): KernelRow[] {
  const random = seededRandom(5);
  const rows: KernelRow[] = [];
  const add = (type: KernelType, config: KernelConfig) => {
    const e = energyMj(type, config) * (1 + 0.04 * (random.next() - 0.5));
    rows.push({
      id: `r${rows.length}`,
      type,
      config,
      energyMj: e,
      latencyMs: e / 2,
      source: { file: 'synthetic.csv', line: rows.length + 2 },
    });
  };
  for (let i = 0; i < 24; i++) {
    add('conv-bn-relu', {
      HW: [14, 28][random.int(2)]!,
      CIN: 16 + random.int(48),
      COUT: 16 + random.int(48),
      KERNEL_SIZE: 3,
      STRIDES: 1,
    });
  }
  for (let i = 0; i < 10; i++) add('global-avgpool', { HW: 3 + random.int(5), CIN: 64 + random.int(192) });
  for (let i = 0; i < 3; i++) add('relu', { HW: 14, CIN: 32 + random.int(32) });
  return rows;
}

const toKernel = (row: KernelRow) => configKernel(row.type, row.config, row.id);

/** [min, max] of a feature over kernels, computed here independently of training. */
function span(rows: readonly KernelRow[], name: string): [number, number] {
  const values = rows.map((r) => predictorFeatures(toKernel(r)).values[featureIndex(name)]!);
  return [Math.min(...values), Math.max(...values)];
}

describe('extrapolation beyond the training data', () => {
  const tmp = tempDir('extrapolation');
  const pool = new SessionPool();
  afterAll(async () => {
    await pool.release();
    tmp.cleanup();
  });
  const rows = syntheticRows();
  const out = join(tmp.dir, 'predictors', 'lab-phone-cpu');
  let trained: Promise<BundleManifest> | undefined;
  const train = (): Promise<BundleManifest> =>
    (trained ??= trainBundle({
      rows,
      out,
      device: 'lab-phone',
      processor: 'cpu',
      target: 'energy',
      seed: 1,
      folds: 2,
      command: 'test',
      trainedAt: '2024-01-01',
      toKernel,
      tune: false,
      gbdt: { nEstimators: 20 },
    }));

  const inRangeConv = configKernel(
    'conv-bn-relu',
    { HW: 28, CIN: 32, COUT: 32, KERNEL_SIZE: 3, STRIDES: 1 },
    'conv',
  );
  // 10x the largest input side measured (7 px): about 100x the FLOPs and bytes.
  const bigPool = configKernel('global-avgpool', { HW: 70, CIN: 128 }, 'pool70');
  const smallPool = configKernel('global-avgpool', { HW: 5, CIN: 128 }, 'pool5');
  const relu = configKernel('relu', { HW: 14, CIN: 48 }, 'relu');
  const hugeRelu = configKernel('relu', { HW: 512, CIN: 256 }, 'relu512');

  it('records the exact range of every scale feature per regressor, in SCALE_FEATURES order', async () => {
    const manifest = await train();
    expect(Object.keys(manifest.kernels).sort()).toEqual(['conv-bn-relu', 'global-avgpool']);
    const own = (type: KernelType) => rows.filter((r) => r.type === type);
    for (const [spec, subset] of [
      [manifest.kernels['conv-bn-relu']!, own('conv-bn-relu')],
      [manifest.kernels['global-avgpool']!, own('global-avgpool')],
      [manifest.others, rows],
    ] as const) {
      expect(Object.keys(spec.trainingRange!)).toEqual([...SCALE_FEATURES]);
      for (const name of SCALE_FEATURES) expect(spec.trainingRange![name]).toEqual(span(subset, name));
    }
    const written = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BundleManifest;
    expect(written.kernels['global-avgpool']!.trainingRange).toEqual(
      manifest.kernels['global-avgpool']!.trainingRange,
    );
  });

  it('flags kernels far beyond their regressor’s range, and only those', async () => {
    await train();
    const result = await predictBundle(loadBundle(out), [inRangeConv, smallPool, bigPool, relu, hugeRelu], {
      pool,
    });
    const [conv, small, big, fallback, hugeFallback] = result.kernels;
    expect(conv!.extrapolated).toBeUndefined();
    expect(small!.extrapolated).toBeUndefined();
    // A pool reads no weights: weight_bytes stays inside [0, 0].
    expect(big!.extrapolated).toEqual(['flops', 'input_bytes', 'output_bytes']);
    // relu is priced by 'others', whose range spans all rows: a small relu lies inside it, a huge one not.
    expect(fallback).toMatchObject({ fallback: true });
    expect(fallback!.extrapolated).toBeUndefined();
    expect(hugeFallback).toMatchObject({ fallback: true });
    expect(hugeFallback!.extrapolated).toContain('input_bytes');
    const share = (big!.energyMj! + hugeFallback!.energyMj!) / result.energyMj!;
    expect(result.coverage).toMatchObject({
      extrapolatedKernels: 2,
      extrapolatedTypes: ['global-avgpool', 'relu'],
    });
    expect(result.coverage.extrapolatedShare).toBeCloseTo(share, 9);
    expect(result.coverage.extrapolatedShare).toBeGreaterThan(0);
    expect(result.coverage.extrapolatedShare).toBeLessThan(1);
  });

  it('keeps the trained ranges in a transfer bundle, which flags the same kernels', async () => {
    const base = await train();
    const manifest = transferManifest(base, {
      id: 'far-phone-gpu',
      device: 'far-phone',
      processor: 'gpu',
      runtime: { name: 'tflite', delegate: 'gpu' },
      threads: null,
      factors: { compute: { energy: 0.5 }, memory: { energy: 2 } },
      uncertainty: { energy: { coverage: 0.9, low: 0.7, high: 1.4 } },
      method: 'test factors',
      provenance: { kind: 'transfer', data: { description: 'test', files: [], rows: 0 }, command: 'test' },
    });
    expect(manifest.kernels['global-avgpool']!.trainingRange).toEqual(
      base.kernels['global-avgpool']!.trainingRange,
    );
    expect(manifest.others.trainingRange).toEqual(base.others.trainingRange);
    const transfer = resolveManifest(manifest, join(tmp.dir, 'predictors', 'far-phone-gpu'));
    const [onBase, onTransfer] = await predictTargets(
      [loadBundle(out), transfer],
      [inRangeConv, smallPool, bigPool],
      { pool },
    );
    expect(onTransfer!.kernels.map((k) => k.extrapolated)).toEqual(
      onBase!.kernels.map((k) => k.extrapolated),
    );
    expect(onTransfer!.coverage.extrapolatedTypes).toEqual(['global-avgpool']);
  });

  it('prints the share beyond training data in `predict` and lists the features in --json', async () => {
    await train();
    const model = 'test/fixtures/models/mobilenet_v2.onnx.gz';
    const args = ['predict', model, '--predictors', join(tmp.dir, 'predictors'), '--device', 'lab-phone'];
    // Wide enough for every column and the note on one line.
    const text = await cli(args, undefined, { columns: 300 });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/beyond training data/);
    expect(text.stdout).toMatch(/Beyond training data: .*kernels more than 25% outside the sizes/);
    const doc = JSON.parse((await cli([...args, '--json'])).stdout) as {
      targets: {
        coverage: { extrapolatedShare: number; extrapolatedKernels: number; extrapolatedTypes: string[] };
        kernels: { extrapolated: string[] }[];
      }[];
    };
    const [target] = doc.targets;
    expect(target!.coverage.extrapolatedShare).toBeGreaterThan(0);
    const flagged = target!.kernels.filter((k) => k.extrapolated.length > 0);
    expect(flagged).toHaveLength(target!.coverage.extrapolatedKernels);
    expect(flagged.every((k) => k.extrapolated.every((f) => SCALE_FEATURES.includes(f as never)))).toBe(true);
  });
});

describe('extrapolation margin', () => {
  const spec = (trainingRange?: RegressorSpec['trainingRange']): RegressorSpec => ({
    model: 'x.onnx',
    features: FEATURE_NAMES,
    outputs: [],
    ...(trainingRange ? { trainingRange } : {}),
  });
  const vector = (name: string, value: number): number[] => {
    const values = new Array<number>(FEATURE_NAMES.length).fill(0);
    values[featureIndex(name)] = value;
    return values;
  };

  it('is 25%: x1.2 beyond either end is not flagged, x1.3 is', () => {
    expect(EXTRAPOLATION_MARGIN).toBe(1.25);
    const s = spec({ flops: [1000, 10_000] });
    expect(extrapolatedFeatures(s, vector('flops', 12_000))).toEqual([]);
    expect(extrapolatedFeatures(s, vector('flops', 13_000))).toEqual(['flops']);
    expect(extrapolatedFeatures(s, vector('flops', 1000 / 1.2))).toEqual([]);
    expect(extrapolatedFeatures(s, vector('flops', 1000 / 1.3))).toEqual(['flops']);
    // Only the features the range names are checked: input_bytes has no range here.
    expect(extrapolatedFeatures(s, vector('input_bytes', 1e12))).toEqual(['flops']);
  });

  it('never flags for a regressor without a training range', () => {
    expect(extrapolatedFeatures(spec(), vector('flops', 1e15))).toEqual([]);
  });

  describe('through a bundle', () => {
    const tmp = tempDir('margin');
    const pool = new SessionPool();
    afterAll(async () => {
      await pool.release();
      tmp.cleanup();
    });
    // add: flops = HW x HW x CIN, so HW 10 and CIN 12 / 13 are 1,200 / 1,300 FLOPs: x1.2 / x1.3 of 1,000.
    const dir = writeTestBundle(tmp.dir, 'margin-cpu', {
      models: { add: [linearLaw(1e-9, 1e-8, 0.001)] },
      edit: (m) => {
        (m.kernels as Record<string, Record<string, unknown>>).add!.trainingRange = { flops: [100, 1000] };
      },
    });
    const add = (cin: number) => configKernel('add', { HW: 10, CIN: cin }, `add${cin}`);

    it('flags x1.3 beyond the range of one feature, not x1.2, and leaves a range-less fallback alone', async () => {
      const huge = configKernel('relu', { HW: 1000, CIN: 1000 }, 'huge');
      const result = await predictBundle(loadBundle(dir), [add(12), add(13), huge], { pool });
      expect(result.kernels.map((k) => k.extrapolated)).toEqual([undefined, ['flops'], undefined]);
      expect(result.coverage.extrapolatedKernels).toBe(1);
      expect(result.coverage.extrapolatedShare).toBeCloseTo(
        result.kernels[1]!.energyMj! / result.energyMj!,
        9,
      );
    });

    it('rejects a malformed or inverted range when loading', () => {
      const bad = (range: unknown) =>
        writeTestBundle(tmp.dir, 'bad-cpu', {
          models: { add: [linearLaw(1e-9, 0, 0)] },
          edit: (m) => {
            (m.others as Record<string, unknown>).trainingRange = range;
          },
        });
      const error = (range: unknown): PredictorError => {
        try {
          loadBundle(bad(range));
        } catch (e) {
          expect(e).toBeInstanceOf(PredictorError);
          return e as PredictorError;
        }
        throw new Error('expected a PredictorError');
      };
      expect(error({ flops: [1, 2, 3] }).message).toMatch(/trainingRange\/flops/);
      expect(error({ flops: 'wide' }).message).toMatch(/trainingRange\/flops/);
      expect(error({ flops: [5, 1] }).message).toMatch(/min 5 exceeds max 1/);
      expect(error({ nonsense: [1, 2] }).message).toMatch(/unknown feature 'nonsense'/);
    });
  });
});

describe('committed predictors', () => {
  const pool = new SessionPool();
  afterAll(() => pool.release());

  it('load, and a manifest without training ranges (as before) never flags a kernel', async () => {
    const bundles = loadBundles('predictors');
    const trained = bundles.find((b) => b.manifest.provenance.kind === 'trained')!;
    const json = JSON.parse(readFileSync(trained.manifestFile, 'utf8')) as {
      kernels: Record<string, { trainingRange?: unknown }>;
      others: { trainingRange?: unknown };
    };
    for (const spec of [...Object.values(json.kernels), json.others]) delete spec.trainingRange;
    const stripped = resolveManifest(json, trained.dir);
    const enormous = configKernel(
      'conv-bn-relu',
      { HW: 2048, CIN: 2048, COUT: 2048, KERNEL_SIZE: 7, STRIDES: 1 },
      'enormous',
    );
    const result = await predictBundle(stripped, [enormous, configKernel('relu', { HW: 4096, CIN: 4096 })], {
      pool,
    });
    expect(result.kernels.every((k) => k.extrapolated === undefined)).toBe(true);
    expect(result.coverage).toMatchObject({
      extrapolatedShare: 0,
      extrapolatedKernels: 0,
      extrapolatedTypes: [],
    });
  });
});
