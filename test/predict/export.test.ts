import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelBuilder, floats } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';
import { loadBundle } from '../../src/predict/bundle.js';
import { fitClosedForm } from '../../src/predict/closed-form.js';
import { exportRegressors, INPUT_NAME, OUTPUT_NAME } from '../../src/predict/export.js';
import { featureIndex, predictorFeatures } from '../../src/predict/features.js';
import { fitForest } from '../../src/predict/forest.js';
import { DEFAULT_GBDT_SETTINGS, fitGbdt } from '../../src/predict/gbdt.js';
import type { BundleManifest } from '../../src/predict/manifest.js';
import { predictModel } from '../../src/predict/models.js';
import { predictKernels } from '../../src/predict/predictor.js';
import { seededRandom } from '../../src/predict/random.js';
import { SessionPool } from '../../src/predict/session.js';
import { configKernel, tempDir } from './helpers.js';

function convKernels(n: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) =>
    configKernel(
      'conv-bn-relu',
      {
        HW: [7, 14, 28, 56, 112][random.int(5)]!,
        CIN: 8 + random.int(256),
        COUT: 8 + random.int(256),
        KERNEL_SIZE: [1, 3, 5][random.int(3)]!,
        STRIDES: 1 + random.int(2),
      },
      `conv${i}`,
    ),
  );
}

async function run(
  bytes: Uint8Array,
  rows: readonly (readonly number[])[],
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes);
  const width = rows[0]!.length;
  const input = new Float32Array(rows.length * width);
  rows.forEach((r, i) => input.set(r, i * width));
  const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', input, [rows.length, width]) });
  await session.release();
  const tensor = out[OUTPUT_NAME]!;
  return { data: tensor.data as Float32Array, dims: tensor.dims };
}

describe('ONNX export', () => {
  const kernels = convKernels(60, 2);
  const x = kernels.map((k) => predictorFeatures(k).values);
  const y = kernels.map((k) => 1e-9 * k.flops + 2e-8 * k.bytes + 0.01);
  const featureCount = x[0]!.length;

  it('runs boosted trees (log target, linear start), a closed form and a forest as the fitted models do', async () => {
    const gbdt = fitGbdt(x, y, {
      ...DEFAULT_GBDT_SETTINGS,
      nEstimators: 40,
      seed: 3,
      linearFeatures: [featureIndex('ln_flops'), featureIndex('ln_bytes')],
    });
    const closed = fitClosedForm(x, y, [featureIndex('flops'), featureIndex('bytes')]);
    const forest = fitForest(x, y, {
      nEstimators: 10,
      maxDepth: 8,
      minSamplesLeaf: 1,
      minSamplesSplit: 2,
      maxFeatures: 6,
      seed: 4,
    });
    const { data, dims } = await run(exportRegressors([gbdt, closed, forest], featureCount), x);
    expect(dims).toEqual([x.length, 3]);
    x.forEach((row, i) => {
      [gbdt, closed, forest].forEach((model, c) => {
        const expected = predictModel(model, row);
        expect(Math.abs(data[i * 3 + c]! - expected)).toBeLessThanOrEqual(1e-4 * expected + 1e-7);
      });
    });
  });

  it('exports a model without trees (log-linear) as MatMul + Add + Exp', async () => {
    const loglinear = fitGbdt(x, y, {
      ...DEFAULT_GBDT_SETTINGS,
      nEstimators: 0,
      seed: 1,
      linearFeatures: [featureIndex('ln_flops')],
    });
    const { data, dims } = await run(exportRegressors([loglinear], featureCount), x.slice(0, 5));
    expect(dims).toEqual([5, 1]);
    x.slice(0, 5).forEach((row, i) => expect(data[i]! / predictModel(loglinear, row)).toBeCloseTo(1, 5));
  });
});

describe('a scikit-learn style TreeEnsembleRegressor (as skl2onnx writes it)', () => {
  const tmp = tempDir('skl');
  const pool = new SessionPool();
  afterAll(async () => {
    await pool.release();
    tmp.cleanup();
  });

  /** A 2-tree random forest over [flops, bytes]: averaged leaf values in mJ, ml opset 1, no Exp. */
  function sklearnForest(): Uint8Array {
    const b = new ModelBuilder({ opset: 13, opsets: { 'ai.onnx.ml': 1 }, producer: 'skl2onnx' });
    b.input('X', DataType.FLOAT, ['N', 2]);
    b.node(
      'TreeEnsembleRegressor',
      ['X'],
      {
        n_targets: 1,
        nodes_treeids: [0, 0, 0, 1, 1, 1],
        nodes_nodeids: [0, 1, 2, 0, 1, 2],
        nodes_featureids: [0, 0, 0, 1, 0, 0],
        nodes_values: floats([1e7, 0, 0, 5e5, 0, 0]),
        nodes_modes: ['BRANCH_LEQ', 'LEAF', 'LEAF', 'BRANCH_LEQ', 'LEAF', 'LEAF'],
        nodes_truenodeids: [1, 0, 0, 1, 0, 0],
        nodes_falsenodeids: [2, 0, 0, 2, 0, 0],
        nodes_hitrates: floats([1, 1, 1, 1, 1, 1]),
        nodes_missing_value_tracks_true: [0, 0, 0, 0, 0, 0],
        target_treeids: [0, 0, 1, 1],
        target_nodeids: [1, 2, 1, 2],
        target_ids: [0, 0, 0, 0],
        target_weights: floats([0.2, 2, 0.4, 4]),
        base_values: floats([0]),
        post_transform: 'NONE',
        aggregate_function: 'AVERAGE',
      },
      { domain: 'ai.onnx.ml', name: 'TreeEnsembleRegressor', outputNames: ['variable'] },
    );
    b.output('variable', DataType.FLOAT, ['N', 1]);
    return b.encode();
  }

  it('loads into a bundle with its feature order and prices kernels', async () => {
    const dir = join(tmp.dir, 'sklearn-cpu');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'forest.onnx'), sklearnForest());
    const spec = {
      model: 'forest.onnx',
      features: ['flops', 'bytes'],
      outputs: [
        {
          target: 'energy',
          unit: 'mJ',
          column: 0,
          method: 'external',
          uncertainty: { coverage: 0.9, low: 0.8, high: 1.25, source: 'stated by the exporter' },
        },
      ],
    };
    const manifest: BundleManifest = {
      schemaVersion: 1,
      id: 'sklearn-cpu',
      device: 'lab-phone',
      processor: 'cpu',
      runtime: { name: 'tflite', delegate: 'cpu' },
      threads: 1,
      fusionRules: { name: 'deepen2023', version: 1 },
      targets: ['energy'],
      featureUnits: { flops: 'FLOP', bytes: 'B' },
      kernels: { 'conv-bn-relu': spec as BundleManifest['others'] },
      others: spec as BundleManifest['others'],
      provenance: {
        kind: 'external',
        data: {
          description: 'scikit-learn RandomForestRegressor exported with skl2onnx',
          files: [],
          rows: 0,
        },
        command: 'skl2onnx',
      },
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const bundle = loadBundle(dir);
    const small = configKernel(
      'conv-bn-relu',
      { HW: 7, CIN: 8, COUT: 8, KERNEL_SIZE: 1, STRIDES: 1 },
      'small',
    );
    const big = configKernel(
      'conv-bn-relu',
      { HW: 56, CIN: 64, COUT: 64, KERNEL_SIZE: 3, STRIDES: 1 },
      'big',
    );
    const relu = configKernel('relu', { HW: 56, CIN: 64 }, 'relu');
    expect(small.flops).toBeLessThan(1e7);
    expect(small.bytes).toBeLessThan(5e5);
    expect(big.flops).toBeGreaterThan(1e7);
    expect(big.bytes).toBeGreaterThan(5e5);
    const [p1, p2, p3] = await predictKernels(bundle, [small, big, relu], { pool });
    expect(p1!.energyMj).toBeCloseTo((0.2 + 0.4) / 2, 6);
    expect(p2!.energyMj).toBeCloseTo((2 + 4) / 2, 6);
    expect(p2!.energyRangeMj![0]).toBeCloseTo(3 * 0.8, 6);
    expect(p2!.energyRangeMj![1]).toBeCloseTo(3 * 1.25, 6);
    expect(p1!.source).toBe('conv-bn-relu');
    expect(p3!.source).toBe('others');
    expect(p3!.fallback).toBe(true);
    // One file serves both entries: one session.
    expect(pool.size).toBe(1);
  });
});
