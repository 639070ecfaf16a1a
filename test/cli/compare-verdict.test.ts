import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBundles } from '../../src/compare/bundles.js';
import { buildReport } from '../../src/compare/compare.js';
import { runTargets, type RunTarget } from '../../src/compare/price.js';
import { compareChanges, type ChangedModel } from '../../src/compare/run.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { ModelLoadError } from '../../src/onnx/types.js';
import { modelBytes } from '../helpers/fixtures.js';
import { tempDir, trainSyntheticBundle } from './run.js';

/**
 * The verdict the CLI and the action share (compareChanges + buildReport): a model checked on no
 * energy target fails, and a changed model without a baseline is at least a warning.
 */

const tmp = tempDir('compare-verdict');
afterAll(() => tmp.cleanup());

const predictors = join(tmp.dir, 'predictors');
let latencyOnly: RunTarget[];
let energy: RunTarget[];

beforeAll(async () => {
  await trainSyntheticBundle({ predictors, device: 'lat', processor: 'cpu', target: 'latency' });
  latencyOnly = await runTargets(selectBundles({ extra: predictors, noDefaults: true }));
  energy = await runTargets(selectBundles({ devices: ['huawei-p40-pro'], processors: ['cpu'] }));
});

const MODEL = modelBytes('squeezenet1_1');
const readModel = () => Promise.resolve(MODEL);
const readText = () => Promise.resolve(new TextEncoder().encode('this is not a model\n'));

async function check(
  change: ChangedModel,
  targets: readonly RunTarget[],
  readBase: (path: string) => Promise<Uint8Array> = readModel,
) {
  const models = await compareChanges({
    changes: [change],
    readBase,
    readHead: readModel,
    targets,
    config: DEFAULT_CONFIG,
  });
  return buildReport(models, targets, { version: '0.0.0-test' });
}

describe('a model priced on no energy target', () => {
  for (const status of ['added', 'modified'] as const) {
    it(`fails (${status}), saying no bundle of the run predicts energy`, async () => {
      const report = await check({ status, path: 'm.onnx' }, latencyOnly);
      const m = report.models[0]!;
      expect(m.targets).toEqual([]);
      expect(m.head?.kernels).toBeGreaterThan(0);
      expect(m.budget).toBe('fail');
      expect(m.error).toMatch(/no energy prediction: .*\(lat-cpu\) predict latency only/);
      expect(report.verdict).toBe('fail');
    });
  }

  it('fails on a run without targets too', async () => {
    const report = await check({ status: 'added', path: 'm.onnx' }, []);
    expect(report.verdict).toBe('fail');
    expect(report.models[0]!.error).toMatch(/no predictor targets/);
  });

  it('still passes a removed model, which has nothing to price', async () => {
    const report = await check({ status: 'removed', path: 'm.onnx' }, energy);
    expect(report.verdict).toBe('pass');
    expect(report.models[0]!.error).toBeUndefined();
  });
});

describe('a changed model whose base cannot be analysed', () => {
  it('is a warning with the reason on each target and a note, not a pass like a new model', async () => {
    const report = await check({ status: 'modified', path: 'm.onnx' }, energy, readText);
    const m = report.models[0]!;
    expect(m.base).toBeUndefined();
    expect(m.budget).toBe('warn');
    expect(m.targets).toHaveLength(1);
    expect(m.targets[0]!.budget).toEqual({ status: 'warn', reasons: [{ kind: 'no-baseline' }], applied: [] });
    expect(m.notes.join('\n')).toMatch(/could not be analysed, so there is no baseline: .*text file/);
    expect(report.verdict).toBe('warn');
  });

  it('keeps a failing budget failing', async () => {
    const models = await compareChanges({
      changes: [{ status: 'renamed', path: 'm.onnx', previousPath: 'old.onnx' }],
      readBase: readText,
      readHead: readModel,
      targets: energy,
      config: { ...DEFAULT_CONFIG, budgets: [{ models: ['**'], maxMj: { fail: 0.001 } }] },
    });
    expect(models[0]!.budget).toBe('fail');
    expect(models[0]!.targets[0]!.budget.reasons).toContainEqual({ kind: 'no-baseline' });
  });

  it('is not flagged for an added model, which has no base by design', async () => {
    const report = await check({ status: 'added', path: 'm.onnx' }, energy, readText);
    expect(report.verdict).toBe('pass');
    expect(report.models[0]!.targets[0]!.budget.reasons).toEqual([]);
  });

  it('throws the ModelLoadError naming the file when strict (two files named by the user)', async () => {
    const run = compareChanges({
      changes: [{ status: 'modified', path: 'new.onnx', previousPath: 'old.onnx' }],
      readBase: readText,
      readHead: readModel,
      targets: energy,
      config: DEFAULT_CONFIG,
      strict: true,
    });
    await expect(run).rejects.toBeInstanceOf(ModelLoadError);
    await expect(run).rejects.toThrow(/^old\.onnx: this is a text file/);
  });
});
