import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kernelClass, loadBundle, loadBundles, transferManifest } from '../../src/predict/bundle.js';
import { PredictorError } from '../../src/predict/errors.js';
import { FEATURE_NAMES } from '../../src/predict/features.js';
import type { BundleManifest } from '../../src/predict/manifest.js';
import { predictBundle, predictKernels, predictTargets } from '../../src/predict/predictor.js';
import { SessionPool } from '../../src/predict/session.js';
import { configKernel, linearLaw, tempDir, writeTestBundle } from './helpers.js';

const conv = configKernel('conv-bn-relu', { HW: 28, CIN: 32, COUT: 64, KERNEL_SIZE: 3, STRIDES: 1 }, 'conv1');
const add = configKernel('add', { HW: 28, CIN: 64 }, 'add1');
const relu = configKernel('relu', { HW: 28, CIN: 64 }, 'relu1');
const convLaw = linearLaw(2e-9, 1e-8, 0.01);
const addLaw = linearLaw(0, 3e-8, 0.002);
const othersLaw = linearLaw(1e-9, 2e-8, 0.001);
const expected = (law: typeof convLaw, k: typeof conv): number =>
  law.coefficients[0]! * k.flops + law.coefficients[1]! * k.bytes + law.intercept;

function loadError(dir: string): PredictorError {
  try {
    loadBundle(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(PredictorError);
    return e as PredictorError;
  }
  throw new Error('expected a PredictorError');
}

async function predictError(dir: string, pool: SessionPool): Promise<PredictorError> {
  try {
    await predictKernels(loadBundle(dir), [conv, add, relu], { pool });
  } catch (e) {
    expect(e).toBeInstanceOf(PredictorError);
    return e as PredictorError;
  }
  throw new Error('expected a PredictorError');
}

describe('bundles', () => {
  const tmp = tempDir('bundle');
  const pool = new SessionPool();
  afterAll(async () => {
    await pool.release();
    tmp.cleanup();
  });
  const root = join(tmp.dir, 'predictors');
  const baseDir = writeTestBundle(root, 'base-cpu', {
    models: {
      'conv-bn-relu': [convLaw, linearLaw(1e-9, 0, 0.001)],
      add: [addLaw, linearLaw(0, 1e-8, 0)],
      others: [othersLaw, linearLaw(0, 1e-8, 0)],
    },
    targets: ['energy', 'latency'],
    range: [0.8, 1.2],
  });

  it('prices each kernel with its type regressor or the fallback, batched per regressor', async () => {
    const bundle = loadBundle(baseDir);
    const result = await predictBundle(bundle, [conv, add, relu], { pool });
    const [pc, pa, pr] = result.kernels;
    expect(pc!.energyMj! / expected(convLaw, conv)).toBeCloseTo(1, 5);
    expect(pa!.energyMj! / expected(addLaw, add)).toBeCloseTo(1, 5);
    expect(pr!.energyMj! / expected(othersLaw, relu)).toBeCloseTo(1, 5);
    expect(pc!.energyRangeMj![0] / pc!.energyMj!).toBeCloseTo(0.8, 6);
    expect(pc!.energyRangeMj![1] / pc!.energyMj!).toBeCloseTo(1.2, 6);
    expect(pc!.latencyMs! / (1e-9 * conv.flops + 0.001)).toBeCloseTo(1, 5);
    expect([pc!.source, pa!.source, pr!.source]).toEqual(['conv-bn-relu', 'add', 'others']);
    const total = pc!.energyMj! + pa!.energyMj! + pr!.energyMj!;
    expect(result.energyMj).toBeCloseTo(total, 9);
    expect(result.energyRangeMj![0]).toBeCloseTo(0.8 * total, 6);
    expect(result.latencyMs).toBeCloseTo(pc!.latencyMs! + pa!.latencyMs! + pr!.latencyMs!, 9);
    expect(result.powerW).toBeCloseTo(result.energyMj! / result.latencyMs!, 9);
    expect(result.coverage).toEqual({
      target: 'energy',
      fallbackShare: pr!.energyMj! / result.energyMj!,
      fallbackKernels: 1,
      fallbackTypes: ['relu'],
      // The test bundle records no training range, so nothing is flagged as extrapolated.
      extrapolatedShare: 0,
      extrapolatedKernels: 0,
      extrapolatedTypes: [],
    });
    expect(result.kernels.some((k) => k.extrapolated !== undefined)).toBe(false);
  });

  it('gives zero totals and no fallbacks for a model without kernels', async () => {
    const result = await predictBundle(loadBundle(baseDir), [], { pool });
    expect(result).toMatchObject({ energyMj: 0, energyRangeMj: [0, 0], latencyMs: 0, kernels: [] });
    expect(result.coverage).toEqual({
      target: 'energy',
      fallbackShare: 0,
      fallbackKernels: 0,
      fallbackTypes: [],
      extrapolatedShare: 0,
      extrapolatedKernels: 0,
      extrapolatedTypes: [],
    });
    expect(result.powerW).toBeUndefined();
  });

  it('transfers a bundle with per kernel class factors, sharing the base ONNX files and sessions', async () => {
    const base = loadBundle(baseDir).manifest;
    const manifest = transferManifest(base, {
      id: 'other-gpu',
      device: 'other-phone',
      processor: 'gpu',
      runtime: { name: 'tflite', delegate: 'gpu' },
      threads: null,
      factors: { compute: { energy: 0.5 }, memory: { energy: 2 } },
      uncertainty: { energy: { coverage: 0.9, low: 0.75, high: 1.3 } },
      method: 'test factors',
      provenance: { kind: 'transfer', data: { description: 'test', files: [], rows: 0 }, command: 'test' },
    });
    expect(manifest.targets).toEqual(['energy']);
    expect(manifest.kernels['conv-bn-relu']!.model).toBe('../base-cpu/conv-bn-relu.onnx');
    mkdirSync(join(root, 'other-gpu'));
    writeFileSync(join(root, 'other-gpu', 'manifest.json'), JSON.stringify(manifest));
    const bundles = loadBundles(root);
    expect(bundles.map((b) => b.manifest.id)).toEqual(['base-cpu', 'other-gpu']);
    const before = pool.size;
    const [onBase, onTransfer] = await predictTargets(bundles, [conv, add, relu], { pool });
    expect(pool.size).toBe(before);
    expect(kernelClass('conv-bn-relu')).toBe('compute');
    expect(kernelClass('add')).toBe('memory');
    expect(onTransfer!.kernels[0]!.energyMj! / onBase!.kernels[0]!.energyMj!).toBeCloseTo(0.5, 6);
    expect(onTransfer!.kernels[1]!.energyMj! / onBase!.kernels[1]!.energyMj!).toBeCloseTo(2, 6);
    expect(onTransfer!.kernels[2]!.energyMj! / onBase!.kernels[2]!.energyMj!).toBeCloseTo(2, 6);
    expect(onTransfer!.latencyMs).toBeUndefined();
    const k = onTransfer!.kernels[0]!;
    const low = Math.exp(-Math.hypot(Math.log(0.8), Math.log(0.75)));
    expect(k.energyRangeMj![0] / k.energyMj!).toBeCloseTo(low, 6);
    expect(onTransfer).toMatchObject({ bundle: 'other-gpu', processor: 'gpu', kind: 'transfer' });
    rmSync(join(root, 'other-gpu'), { recursive: true });
  });

  it('prices a GPU transfer with its cost map, kernel ranges from its kernel-level uncertainty', async () => {
    const base = loadBundle(baseDir).manifest;
    const gpuCost = {
      exponent: 0.8,
      groups: {
        compute: { dispatchMj: 0, rate: 0.5 },
        depthwise: { dispatchMj: 0.02, rate: 0.01 },
        pool: { dispatchMj: 0.01, rate: 0.2 },
        concat: { dispatchMj: 0.06, rate: 0.1 },
        elementwise: { dispatchMj: 0.002, rate: 0.15 },
      },
      method: 'test map',
    };
    const manifest = transferManifest(base, {
      id: 'map-gpu',
      device: 'other-phone',
      processor: 'gpu',
      runtime: { name: 'tflite', delegate: 'gpu' },
      threads: null,
      factors: { compute: { energy: 2 }, memory: { energy: 2 } },
      uncertainty: { energy: { coverage: 0.9, low: 0.9, high: 1.1 } },
      kernelUncertainty: { energy: { coverage: 0.9, low: 0.6, high: 1.7, source: 'test' } },
      gpuCost,
      method: 'test map',
      provenance: { kind: 'transfer', data: { description: 'test', files: [], rows: 0 }, command: 'test' },
    });
    mkdirSync(join(root, 'map-gpu'));
    writeFileSync(join(root, 'map-gpu', 'manifest.json'), JSON.stringify(manifest));
    const [onBase, onMap] = await predictTargets(
      [loadBundle(baseDir), loadBundle(join(root, 'map-gpu'))],
      [conv, add, relu],
      { pool },
    );
    const cpu = onBase!.kernels.map((k) => k.energyMj!);
    const gpu = onMap!.kernels.map((k) => k.energyMj!);
    expect(gpu[0]! / (2 * 0.5 * cpu[0]! ** 0.8)).toBeCloseTo(1, 5);
    expect(gpu[1]! / (2 * (0.002 + 0.15 * cpu[1]! ** 0.8))).toBeCloseTo(1, 5);
    // The regressor's ±20% shrinks through the exponent, then widens with the kernel-level range.
    const k = onMap!.kernels[0]!;
    const high = Math.exp(Math.hypot(0.8 * Math.log(1.2), Math.log(1.7)));
    expect(k.energyRangeMj![1] / k.energyMj!).toBeCloseTo(high, 5);
    const widths = onMap!.kernels.map((p) => p.energyRangeMj![1] - p.energyRangeMj![0]);
    const sum = widths.reduce((s, w) => s + w, 0);
    expect(onMap!.energyRangeEffectiveKernels).toBeCloseTo(
      (sum * sum) / widths.reduce((s, w) => s + w * w, 0),
      9,
    );
    rmSync(join(root, 'map-gpu'), { recursive: true });
  });

  it('rejects a GPU cost map without a base bundle to map', () => {
    const dir = join(tmp.dir, 'map-only');
    mkdirSync(dir, { recursive: true });
    const m = JSON.parse(readFileSync(join(baseDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    m.id = 'map-only';
    m.gpuCost = {
      exponent: 1,
      groups: Object.fromEntries(
        ['compute', 'depthwise', 'pool', 'concat', 'elementwise'].map((g) => [g, { dispatchMj: 0, rate: 1 }]),
      ),
      method: 'x',
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    expect(loadError(dir).message).toMatch(/no scale section/);
  });

  it('names the file and problem of a missing folder, manifest or model file', () => {
    expect(loadError(join(tmp.dir, 'nowhere')).message).toMatch(/nowhere: missing bundle folder/);
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty);
    expect(loadError(empty).message).toBe(
      `${join(empty, 'manifest.json')}: missing file: the bundle has no manifest.json`,
    );
    const dir = writeTestBundle(tmp.dir, 'gone', { models: { add: [addLaw] } });
    rmSync(join(dir, 'add.onnx'));
    const e = loadError(dir);
    expect(e.file).toBe(join(dir, 'add.onnx'));
    expect(e.message).toMatch(/missing file: the model of 'add' \(\/kernels\/add\/model\)/);
  });

  it('rejects bad manifests with the field', () => {
    const bad = (id: string, edit: (m: Record<string, unknown>) => void): PredictorError =>
      loadError(writeTestBundle(tmp.dir, id, { models: { add: [addLaw] }, edit }));
    const notJson = writeTestBundle(tmp.dir, 'notjson', { models: {} });
    writeFileSync(join(notJson, 'manifest.json'), '{"schemaVersion": 1,');
    expect(loadError(notJson).message).toMatch(/manifest\.json: bad manifest: not valid JSON/);
    expect(bad('noproc', (m) => delete m.processor).message).toMatch(
      /bad manifest: the manifest lacks required field 'processor'/,
    );
    expect(bad('version', (m) => (m.schemaVersion = 2)).message).toMatch(
      /'\/schemaVersion': bad manifest: \/schemaVersion must be 1/,
    );
    expect(bad('extra', (m) => (m.colour = 'red')).message).toMatch(/has unknown field 'colour'/);
    expect(bad('wrong-id', (m) => (m.id = 'other')).message).toMatch(
      /id 'other' differs from the bundle folder's name 'wrong-id'/,
    );
    const kernels = (m: Record<string, unknown>) =>
      m.kernels as Record<string, { features: string[]; model: string; outputs: { unit: string }[] }>;
    expect(bad('feature', (m) => (kernels(m).add!.features = ['flops', 'watts'])).message).toMatch(
      /'\/kernels\/add\/features\/1': bad manifest: unknown feature 'watts'/,
    );
    expect(bad('unit', (m) => (kernels(m).add!.outputs[0]!.unit = 'ms')).message).toMatch(
      /energy is predicted in mJ, not ms/,
    );
    expect(bad('escape', (m) => (kernels(m).add!.model = '../../add.onnx')).message).toMatch(
      /leaves the predictors folder/,
    );
    expect(bad('badtype', (m) => (kernels(m)['conv-bn-elu'] = kernels(m).add!)).message).toMatch(
      /'conv-bn-elu' is not a kernel type with its own regressor/,
    );
    expect(bad('notarget', (m) => (m.targets = ['energy', 'latency'])).message).toMatch(
      /no output for target 'latency'/,
    );
  });

  it('refuses a feature-count mismatch with the ONNX input, NaN and negative outputs, naming the model file', async () => {
    const short = writeTestBundle(tmp.dir, 'short', {
      models: { add: [addLaw] },
      edit: (m) =>
        ((m.kernels as Record<string, { features: string[] }>).add!.features = FEATURE_NAMES.slice(0, 10)),
    });
    const e1 = await predictError(short, pool);
    expect(e1.file).toBe(join(short, 'add.onnx'));
    expect(e1.message).toMatch(
      /feature-count mismatch: the model's input 'X' takes 25 features, the manifest lists 10/,
    );
    const nan = writeTestBundle(tmp.dir, 'nan', { models: { add: [linearLaw(0, Number.NaN, 0)] } });
    expect((await predictError(nan, pool)).message).toMatch(
      /add\.onnx: NaN energy output \(NaN\) for kernel 'add1' \(add\)/,
    );
    const negative = writeTestBundle(tmp.dir, 'negative', { models: { add: [linearLaw(0, 0, -1)] } });
    expect((await predictError(negative, pool)).message).toMatch(
      /add\.onnx: negative energy output \(-1\) for kernel 'add1'/,
    );
    const garbage = writeTestBundle(tmp.dir, 'garbage', { models: { add: [addLaw] } });
    writeFileSync(join(garbage, 'add.onnx'), 'not a model');
    expect((await predictError(garbage, pool)).message).toMatch(
      /add\.onnx: onnxruntime cannot load the model/,
    );
  });

  it("reads a manifest's out-of-sample figures and rejects impossible or unknown ones with the field", () => {
    const accuracy = {
      gpuKernelRange: { coverage: 0.9, low: 0.59, high: 1.69, method: 'kernel extremes left out' },
      appLevel: { predictions: 16, withinTolerance: 15, tolerancePct: 30 },
      documentation: 'docs/accuracy.md',
    };
    const withAccuracy = (id: string, figures: object) =>
      writeTestBundle(tmp.dir, id, {
        models: { add: [addLaw] },
        edit: (m) => ((m.provenance as Record<string, unknown>).accuracy = figures),
      });
    expect(loadBundle(withAccuracy('checked', accuracy)).manifest.provenance.accuracy).toEqual(accuracy);
    const tooMany = { ...accuracy, appLevel: { ...accuracy.appLevel, withinTolerance: 17 } };
    expect(loadError(withAccuracy('too-many', tooMany)).message).toMatch(
      /'\/provenance\/accuracy\/appLevel\/withinTolerance': bad manifest: 17 predictions within tolerance, of only 16/,
    );
    const { method: _method, ...unnamed } = accuracy.gpuKernelRange;
    expect(loadError(withAccuracy('unnamed', { ...accuracy, gpuKernelRange: unnamed })).message).toMatch(
      /bad manifest: .*method/,
    );
    expect(loadError(withAccuracy('statement', { ...accuracy, statement: 'fine' })).message).toMatch(
      /unknown field 'statement'/,
    );
  });

  it('checks the transfer factors cover the targets', () => {
    const dir = writeTestBundle(tmp.dir, 'scaled', {
      models: { add: [addLaw] },
      edit: (m) =>
        (m.scale = {
          base: 'x',
          factors: { compute: { energy: 1 }, memory: {} },
          uncertainty: {},
          method: 'test',
        }),
    });
    expect(loadError(dir).message).toMatch(
      /'\/scale\/factors\/memory': bad manifest: no factor for target 'energy'/,
    );
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).scale.base).toBe('x');
  });

  it('refuses to transfer from a transfer', () => {
    const base = loadBundle(baseDir).manifest;
    const scaled = {
      ...base,
      scale: { base: 'x', factors: { compute: {}, memory: {} }, uncertainty: {}, method: '' },
    } as BundleManifest;
    expect(() =>
      transferManifest(scaled, {
        id: 'y',
        device: 'd',
        processor: 'cpu',
        runtime: base.runtime,
        threads: null,
        factors: { compute: {}, memory: {} },
        uncertainty: {},
        method: '',
        provenance: base.provenance,
      }),
    ).toThrow(/is itself a transfer/);
  });
});
