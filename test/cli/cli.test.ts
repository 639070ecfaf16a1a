import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisDocument } from '../../src/analysis/document.js';
import type { PredictionTargetJson } from '../../src/cli/predict.js';
import type { BundleAccuracy } from '../../src/compare/types.js';
import { MODELS_DIR, MODEL_NAMES, REFERENCE, modelPath } from '../helpers/fixtures.js';
import { cli, json, syntheticConvCsv, tempDir } from './run.js';

interface PredictionModelJson {
  readonly model: string;
  readonly targets: readonly PredictionTargetJson[];
  readonly warnings: readonly string[];
}
interface PredictionDocument {
  readonly schemaVersion: number;
  readonly kind: string;
  readonly model?: string;
  readonly targets?: readonly PredictionTargetJson[];
  readonly models: readonly PredictionModelJson[];
}
interface DevicesDocument {
  readonly schemaVersion: number;
  readonly kind: string;
  readonly bundles: readonly {
    id: string;
    device: string;
    processor: string;
    targets: readonly string[];
    kernelTypes: readonly string[];
    provenance: { method: string; source: string; accuracy: BundleAccuracy };
    precision: Record<string, { basis: string; factor: { energy?: number } }> | null;
    origin: 'default' | 'predictors';
  }[];
}

const tmp = tempDir('cli');
afterAll(() => tmp.cleanup());

/** Relative difference, for sums of floats added in another order. */
const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

describe('model-energy analyze', () => {
  it('prints the versioned JSON document: model, totals, kernels with features and counts', async () => {
    const file = modelPath('mobilenet_v2');
    const result = await cli(['analyze', file, '--json']);
    expect(result.code).toBe(0);
    const doc = json<AnalysisDocument>(result);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.kind).toBe('analysis');
    expect(doc.model.path).toBe(file);
    expect(doc.model.opset).toBe(REFERENCE.mobilenet_v2!.opset);
    expect(doc.model.producer).toMatch(/pytorch/);
    expect(doc.totals.kernels).toBe(doc.kernels.length);
    expect(doc.kernels.length).toBeGreaterThan(40);
    for (const key of ['macs', 'flops', 'params', 'bytes'] as const)
      expect(doc.totals[key], key).toBeGreaterThan(0);
    for (const k of doc.kernels) {
      expect(Object.keys(k)).toEqual(
        expect.arrayContaining([
          'name',
          'type',
          'nodes',
          'inputShapes',
          'outputShapes',
          'features',
          'macs',
          'flops',
          'params',
          'bytes',
        ]),
      );
      expect(k.nodes.length).toBeGreaterThan(0);
      expect(k.outputShapes.length).toBeGreaterThan(0);
      expect(Object.keys(k.features).length).toBeGreaterThan(0);
    }
    expect(Array.isArray(doc.warnings)).toBe(true);
    const sum = (key: 'macs' | 'flops' | 'bytes') => doc.kernels.reduce((s, k) => s + k[key], 0);
    expect(doc.totals.macs).toBe(sum('macs'));
    expect(doc.totals.flops).toBe(sum('flops'));
    expect(doc.totals.bytes).toBe(sum('bytes'));
    // The independent count of the PyTorch module, as a check that the CLI reports the engine's figure.
    expect(doc.totals.macs).toBe(REFERENCE.mobilenet_v2!.macs);
  });

  it('binds a symbolic batch with --dim: batch 4 costs 4x the MACs of batch 1', async () => {
    expect(REFERENCE.efficientnet_b0!.dynamic_batch).toBe(true);
    const file = modelPath('efficientnet_b0');
    const one = await cli(['analyze', file, '--json']);
    const four = await cli(['analyze', file, '--json', '--dim', 'batch=4']);
    expect([one.code, four.code]).toEqual([0, 0]);
    const d1 = json<AnalysisDocument>(one);
    const d4 = json<AnalysisDocument>(four);
    expect(d1.shapes.dims).toEqual({ batch: 1 });
    expect(d1.warnings.join('\n')).toMatch(/batch/);
    expect(d4.shapes.dims).toEqual({ batch: 4 });
    expect(d4.totals.macs).toBe(4 * d1.totals.macs);
    expect(d4.totals.params).toBe(d1.totals.params);
    expect(d4.kernels[0]!.inputShapes[0]![0]).toBe(4);
  });

  it('warns on stderr about a --dim the model does not have, naming the dim and the file', async () => {
    const file = modelPath('resnet18');
    expect(REFERENCE.resnet18!.dynamic_batch).toBe(false);
    const result = await cli(['analyze', file, '--json', '--dim', 'batch=4']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`^warning: ${file}: --dim batch=4 ignored, the model has no such dim`),
    );
    expect(json<AnalysisDocument>(result).shapes.dims).toEqual({});
  });

  it('prints a text table without --json', async () => {
    const result = await cli(['analyze', modelPath('squeezenet1_1')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/squeezenet1_1/);
    expect(result.stdout).toMatch(/conv-bn-relu/);
  });

  it.each([
    ['an unknown option', ['analyze', modelPath('resnet18'), '--bogus'], /unknown option '--bogus'/],
    ['no file', ['analyze', '--json'], /missing required argument/],
    ['--dim without a value', ['analyze', modelPath('resnet18'), '--dim', 'batch'], /NAME=VALUE/],
    ['--dim 0', ['analyze', modelPath('resnet18'), '--dim', 'batch=0'], /positive integer/],
    ['--dim not a number', ['analyze', modelPath('resnet18'), '--dim', 'batch=x'], /NAME=VALUE/],
    ['an unknown command', ['analyse', modelPath('resnet18')], /unknown command/],
    // A name every object has (it was once looked up as a command module and crashed).
    ['a command named like an Object property', ['constructor'], /unknown command 'constructor'/],
  ])('exits 2 on a usage error: %s', async (_what, args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits 1 on a bad file, names it, and still analyses the other files of the call', async () => {
    const garbage = join(tmp.dir, 'garbage.onnx');
    writeFileSync(garbage, Buffer.from('this is not a protobuf model at all'));
    const missing = join(tmp.dir, 'missing.onnx');
    const good = modelPath('squeezenet1_1');
    const result = await cli(['analyze', garbage, good, missing, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(garbage);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).not.toContain(good);
    const set = json<{
      schemaVersion: number;
      kind: string;
      documents: AnalysisDocument[];
      errors: { model: string; message: string }[];
    }>(result);
    expect(set.kind).toBe('analysis-set');
    expect(set.documents.map((d) => d.model.path)).toEqual([good]);
    expect(set.documents[0]!.totals.macs).toBe(REFERENCE.squeezenet1_1!.macs);
    expect(set.errors.map((e) => e.model)).toEqual([garbage, missing]);
    expect(set.errors[1]!.message).toContain(missing);
  });

  it('lists the files predict could not price in its JSON, beside the priced ones', async () => {
    const missing = join(tmp.dir, 'missing.onnx');
    const good = modelPath('squeezenet1_1');
    const result = await cli([
      'predict',
      good,
      missing,
      '--device',
      'huawei-p40-pro',
      '--processor',
      'cpu',
      '--json',
    ]);
    expect(result.code).toBe(1);
    const doc = json<{ models: { model: string }[]; errors: { model: string; message: string }[] }>(result);
    expect(doc.models.map((m) => m.model)).toEqual([good]);
    expect(doc.errors).toEqual([{ model: missing, message: expect.stringContaining(missing) }]);
  });

  it('prints the version', async () => {
    const result = await cli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('model-energy devices', () => {
  it('lists the 16 default bundles, one trained (huawei-p40-pro-cpu), 15 calibrated transfers', async () => {
    const result = await cli(['devices', '--json']);
    expect(result.code).toBe(0);
    const doc = json<DevicesDocument>(result);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.kind).toBe('devices');
    expect(doc.bundles).toHaveLength(16);
    expect(new Set(doc.bundles.map((b) => b.id)).size).toBe(16);
    expect(new Set(doc.bundles.map((b) => b.device)).size).toBe(8);
    for (const b of doc.bundles) {
      expect(b.id).toBe(`${b.device}-${b.processor}`);
      expect(b.targets).toContain('energy');
      expect(b.provenance.source.length).toBeGreaterThan(0);
      expect(Object.keys(b.provenance.accuracy).length).toBeGreaterThan(0);
    }
    const trained = doc.bundles.filter((b) => b.provenance.method === 'trained');
    expect(trained.map((b) => b.id)).toEqual(['huawei-p40-pro-cpu']);
    expect(doc.bundles.filter((b) => b.provenance.method === 'calibrated-transfer')).toHaveLength(15);
  });

  it('prints a table that says which bundle is trained', async () => {
    const result = await cli(['devices']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/huawei-p40-pro-cpu\s.*trained/);
  });

  it('says how each bundle prices quantized and fp16 kernels, in the table and as JSON', async () => {
    const doc = json<DevicesDocument>(await cli(['devices', '--json']));
    for (const b of doc.bundles) {
      const int8 = b.precision?.int8;
      expect(int8?.basis, b.id).toBe(b.processor === 'cpu' ? 'published' : 'unpublished');
    }
    const text = (await cli(['devices'])).stdout.replace(/\s+/g, ' ');
    const cpu = doc.bundles.find((b) => b.id === 'huawei-p40-pro-cpu')!.precision!.int8!.factor.energy!;
    expect(text).toContain(
      `precision: int8 energy ×${cpu.toFixed(2)} (fitted on published FP32/INT8 app pairs); fp16 as fp32`,
    );
    expect(text).toContain(
      'precision: int8, fp16, int8-dynamic, int16x8 as fp32, range widened (nothing published) huawei',
    );
  });
});

describe('model-energy predict', () => {
  it('prices every fixture model on all 16 default targets; totals are the sum of the kernels', async () => {
    const files = readdirSync(MODELS_DIR)
      .filter((f) => f.endsWith('.onnx.gz'))
      .sort()
      .map((f) => join(MODELS_DIR, f));
    expect(files).toHaveLength(MODEL_NAMES.length);
    const [devices, result] = [await cli(['devices', '--json']), await cli(['predict', ...files, '--json'])];
    expect(result.code, result.stderr).toBe(0);
    const bundleIds = json<DevicesDocument>(devices)
      .bundles.map((b) => b.id)
      .sort();
    const doc = json<PredictionDocument>(result);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.models.map((m) => m.model)).toEqual(files);
    for (const m of doc.models) {
      expect(m.targets.map((t) => t.bundle).sort(), m.model).toEqual(bundleIds);
      for (const t of m.targets) {
        const where = `${m.model} on ${t.bundle}`;
        expect(t.bundle, where).toBe(`${t.device}-${t.processor}`);
        expect(t.energyMj, where).toBeGreaterThan(0);
        const [low, high] = t.energyRangeMj!;
        expect(low, where).toBeLessThanOrEqual(t.energyMj!);
        expect(t.energyMj!, where).toBeLessThanOrEqual(high);
        expect(low, where).toBeGreaterThan(0);
        // How many kernels the range rests on: between one and all of them.
        expect(t.energyRangeEffectiveKernels, where).toBeGreaterThanOrEqual(1);
        expect(t.energyRangeEffectiveKernels!, where).toBeLessThanOrEqual(t.kernels.length + 1e-9);
        expect(t.coverage.fallbackShare, where).toBeGreaterThanOrEqual(0);
        expect(t.coverage.fallbackShare, where).toBeLessThanOrEqual(1);
        expect(t.coverage.fallbackTypes.length > 0, where).toBe(t.coverage.fallbackKernels > 0);
        expect(t.kernels.length, where).toBeGreaterThan(0);
        for (const k of t.kernels) expect(k.energyMj, `${where}: ${k.name}`).toBeGreaterThan(0);
        const sum = t.kernels.reduce((s, k) => s + k.energyMj!, 0);
        expect(relDiff(sum, t.energyMj!), where).toBeLessThan(1e-9);
        const fallback = t.kernels.filter((k) => k.fallback);
        expect(fallback.length, where).toBe(t.coverage.fallbackKernels);
        expect([...new Set(fallback.map((k) => k.type))].sort(), where).toEqual(t.coverage.fallbackTypes);
      }
      // Every target prices the same kernels.
      const names = m.targets[0]!.kernels.map((k) => k.name);
      for (const t of m.targets) expect(t.kernels.map((k) => k.name)).toEqual(names);
    }
  });

  it('narrows to one target with --device and --processor; one file puts model and targets on top', async () => {
    const file = modelPath('mobilenet_v2');
    const result = await cli(['predict', file, '--device', 'huawei-p40-pro', '--processor', 'cpu', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = json<PredictionDocument>(result);
    expect(doc.model).toBe(file);
    expect(doc.targets!.map((t) => t.bundle)).toEqual(['huawei-p40-pro-cpu']);
    expect(doc.models).toHaveLength(1);
    const target = doc.targets![0]!;
    expect(target.kind).toBe('trained');
    // The trained bundle also predicts latency, and power is energy over latency.
    expect(target.latencyMs).toBeGreaterThan(0);
    expect(target.powerW).toBeCloseTo(target.energyMj! / target.latencyMs!, 6);
  });

  it('prints a table per model with the source note without --json', async () => {
    const result = await cli(['predict', modelPath('squeezenet1_1'), '--device', 'oneplus-8-pro']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/oneplus-8-pro-cpu/);
    expect(result.stdout).toMatch(/oneplus-8-pro-gpu/);
    expect(result.stdout).toMatch(/DeepEn2023/);
  });

  it('exits 2 (usage) for an unknown device and lists the known ones', async () => {
    const result = await cli(['predict', modelPath('mobilenet_v2'), '--device', 'nokia-3310', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nokia-3310/);
    expect(result.stderr).toMatch(/known devices: .*huawei-p40-pro.*xiaomi-redmi-note8/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for an unknown --device in compare too (a config file’s unknown device is a config error, exit 1)', async () => {
    const flag = await cli([
      'compare',
      modelPath('squeezenet1_1'),
      modelPath('squeezenet1_1'),
      '--device',
      'huawei-p40',
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--device: unknown device huawei-p40; known devices: .*huawei-p40-pro/);
  });

  it('exits 2 for a processor that does not exist', async () => {
    const result = await cli(['predict', modelPath('mobilenet_v2'), '--processor', 'npu']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/'npu' is not cpu, gpu or all/);
    // The error stays in sight: a pointer to --help, not the whole help text after it.
    expect(result.stderr).toContain('(add --help for usage)');
    expect(result.stderr).not.toContain('Usage:');
  });
});

describe('model-energy compare', () => {
  const OLD = modelPath('mobilenet_v2');
  const NEW = modelPath('resnet18');
  const config = (name: string, text: string): string => {
    const file = join(tmp.dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('exits 1 and prints a text report, verdict first, naming the model when a budget fails', async () => {
    const file = config('tight.yml', 'budgets:\n  - models: "**"\n    max-mj: 1\n');
    const result = await cli(['compare', OLD, NEW, '--config', file, '--device', 'huawei-p40-pro']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^FAIL Model energy: fail/);
    expect(result.stdout).not.toMatch(/[|`<]/);
    const md = await cli([
      'compare',
      OLD,
      NEW,
      '--config',
      file,
      '--device',
      'huawei-p40-pro',
      '--format',
      'markdown',
    ]);
    expect(md.stdout).toMatch(/^### ❌ Model energy: fail/);
    expect(result.stdout).toContain(NEW);
    expect(result.stdout).toMatch(/fail/);
    expect(result.stdout).toMatch(/max-mj/);
  });

  it('exits 0 under a generous budget; --json prints the comparison report', async () => {
    const file = config('generous.yml', 'budgets:\n  - models: "**"\n    max-mj: 100000\n');
    const md = await cli(['compare', OLD, NEW, '--config', file]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(NEW);
    const result = await cli(['compare', OLD, NEW, '--config', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = json<{
      schemaVersion: number;
      kind: string;
      verdict: string;
      models: { path: string; previousPath?: string; targets: unknown[] }[];
    }>(result);
    expect(report.schemaVersion).toBe(1);
    expect(report.kind).toBe('comparison');
    expect(report.verdict).toBe('pass');
    expect(report.models).toHaveLength(1);
    expect(report.models[0]!.path).toBe(NEW);
    expect(report.models[0]!.previousPath).toBe(OLD);
    expect(report.models[0]!.targets).toHaveLength(16);
  });

  it('--fail-on never keeps a failed budget from failing the run', async () => {
    const file = config('tight2.yml', 'budgets:\n  - models: "**"\n    max-mj: 1\n');
    const result = await cli([
      'compare',
      OLD,
      NEW,
      '--config',
      file,
      '--device',
      'huawei-p40-pro',
      '--fail-on',
      'never',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(json<{ verdict: string }>(result).verdict).toBe('fail');
  });

  it('exits 1 on a config error, naming the file and the key', async () => {
    const file = config('typo.yml', 'budgets:\n  - models: "**"\n    max-mJ: 1\n');
    const result = await cli(['compare', OLD, NEW, '--config', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/max-mJ.*did you mean "max-mj"/);
  });

  it('exits 2 without two files or --base', async () => {
    const result = await cli(['compare', OLD]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/two model files, OLD NEW, or --base REF/);
  });
});

describe('model-energy train, then predict with the new bundle', () => {
  /** The law of the synthetic board: energy proportional to the kernel's FLOPs (as the engine counts them). */
  const MJ_PER_FLOP = 2e-9;
  const POWER_MW = 2000;
  const predictors = join(tmp.dir, 'predictors');
  const data = join(tmp.dir, 'my-board.csv');
  let trainOut: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    // conv-bn-relu configurations spanning MobileNetV2's convs; energy = MJ_PER_FLOP x FLOPs, +-3% noise.
    const csv = syntheticConvCsv({
      rows: 40,
      seed: 7,
      hws: [7, 14, 28, 56, 112, 224],
      mjPerFlop: MJ_PER_FLOP,
      powerMw: POWER_MW,
    });
    mkdirSync(predictors, { recursive: true });
    writeFileSync(data, csv);
    trainOut = await cli([
      'train',
      '--data',
      data,
      '--out',
      join(predictors, 'my-board-cpu'),
      '--device',
      'my-board',
      '--processor',
      'cpu',
      '--trained-at',
      '2024-01-01',
    ]);
  });

  it('writes a bundle and reports its k-fold accuracy', () => {
    expect(trainOut.code, trainOut.stderr).toBe(0);
    expect(trainOut.stdout).toMatch(/wrote bundle 'my-board-cpu'/);
    expect(trainOut.stdout).toMatch(/energy: k-fold over 40 kernels/);
    expect(readdirSync(join(predictors, 'my-board-cpu')).sort()).toEqual(
      expect.arrayContaining(['conv-bn-relu.onnx', 'manifest.json', 'others.onnx']),
    );
  });

  it('predict --predictors loads it and its conv predictions track the known law', async () => {
    const file = modelPath('mobilenet_v2');
    const [analysis, result] = [
      await cli(['analyze', file, '--json']),
      await cli(['predict', file, '--predictors', predictors, '--device', 'my-board', '--json']),
    ];
    expect(result.code, result.stderr).toBe(0);
    const doc = json<PredictionDocument>(result);
    expect(doc.targets!.map((t) => t.bundle)).toEqual(['my-board-cpu']);
    const target = doc.targets![0]!;
    expect(target.kind).toBe('trained');
    expect(target.energyMj).toBeGreaterThan(0);
    expect(target.latencyMs).toBeGreaterThan(0);
    // Types it has no regressor for (dwconv, add, fc...) are priced by 'others' and reported as such.
    expect(target.coverage.fallbackTypes).toContain('dwconv-bn-relu');
    expect(target.coverage.fallbackShare).toBeGreaterThan(0);

    const flops = new Map(json<AnalysisDocument>(analysis).kernels.map((k) => [k.name, k.flops]));
    const convs = target.kernels.filter((k) => k.type === 'conv-bn-relu');
    expect(convs.length).toBeGreaterThan(30);
    for (const k of convs) expect(k.fallback).toBe(false);
    const ratios = convs.map((k) => k.energyMj! / (MJ_PER_FLOP * flops.get(k.name)!));
    // Measured on this data: every conv within 0.5% of the law (ratios 1.002-1.004); bound +-5%.
    for (const r of ratios) expect(Math.abs(r - 1)).toBeLessThan(0.05);
    // Energy = power x latency row by row, so the predicted average power is the board's 2 W (1.998 measured).
    expect(Math.abs(target.powerW! - POWER_MW / 1000)).toBeLessThan(0.05);
  });

  it('devices --predictors lists the new bundle beside the 16 defaults', async () => {
    const result = await cli(['devices', '--predictors', predictors, '--json']);
    expect(result.code).toBe(0);
    const doc = json<DevicesDocument>(result);
    expect(doc.bundles).toHaveLength(17);
    const mine = doc.bundles.find((b) => b.id === 'my-board-cpu')!;
    expect(mine.provenance.method).toBe('trained');
    expect(mine.kernelTypes).toEqual(['conv-bn-relu']);
    expect(mine.origin).toBe('predictors');
    expect(doc.bundles.filter((b) => b.origin === 'default')).toHaveLength(16);
    const table = await cli(['devices', '--predictors', predictors], undefined, { columns: 400 });
    expect(table.stdout).toMatch(
      new RegExp(`my-board-cpu\\s.*trained\\s+${predictors.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(table.stdout).toMatch(/huawei-p40-pro-cpu\s.*trained\s+default\s/);
  });

  it('exits 1 on a bad CSV, naming the file, line and column', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(
      bad,
      'kernel_type,HW,CIN,COUT,KERNEL_SIZE,STRIDES,energy_mj\nconv-bn-relu,14,8,8,3,1,0.5\nconv-bn-relu,14,8,8,3,1,-2\n',
    );
    const result = await cli([
      'train',
      '--data',
      bad,
      '--out',
      join(tmp.dir, 'x', 'bad-cpu'),
      '--device',
      'x',
      '--processor',
      'cpu',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(bad);
    expect(result.stderr).toMatch(/line 3/);
    expect(result.stderr).toMatch(/energy_mj/);
  });

  it('exits 2 when a required option is missing', async () => {
    const result = await cli([
      'train',
      '--data',
      data,
      '--out',
      join(tmp.dir, 'y', 'y-cpu'),
      '--processor',
      'cpu',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--device/);
  });
});

describe('model-energy measure --range', () => {
  it('samples only inside the narrowed ranges, and rejects a malformed range with exit 2', async () => {
    const tmp = tempDir('mec-cli-range-');
    try {
      const out = join(tmp.dir, 'k.csv');
      const r = await cli([
        'measure',
        '--kernels',
        'conv-bn-relu',
        '--samples',
        '3',
        '--meter',
        'none',
        '--out',
        out,
        '--repetitions',
        '3',
        '--warmup',
        '1',
        '--range',
        'conv-bn-relu.CIN=16..32',
        '--range',
        'conv-bn-relu.COUT=8..16',
        '--range',
        'conv-bn-relu.HW=7,14',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const { readFileSync } = await import('node:fs');
      const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
      const col = (name: string) => header!.split(',').indexOf(name);
      expect(lines).toHaveLength(3);
      for (const line of lines) {
        const cells = line.split(',');
        expect(Number(cells[col('CIN')])).toBeGreaterThanOrEqual(16);
        expect(Number(cells[col('CIN')])).toBeLessThanOrEqual(32);
        expect(Number(cells[col('COUT')])).toBeLessThanOrEqual(16);
        expect([7, 14]).toContain(Number(cells[col('HW')]));
      }
      const bad = await cli([
        'measure',
        '--kernels',
        'conv-bn-relu',
        '--samples',
        '1',
        '--meter',
        'none',
        '--out',
        out,
        '--range',
        'CIN=1..2',
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--range 'CIN=1\.\.2'/);
    } finally {
      tmp.cleanup();
    }
  });
});
