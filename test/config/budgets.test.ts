import { describe, expect, it } from 'vitest';
import {
  classifyChange,
  dimsFor,
  evaluateBudgets,
  isCheckedModel,
  parseConfig,
} from '../../src/config/index.js';
import { reasonText } from '../../src/report/reasons.js';

const config = parseConfig(
  `budgets:
  - models: "models/**/*.onnx"
    max-mj: 150
    max-increase-pct: { warn: 2, fail: 5 }
  - models: ["models/vision/*.onnx"]
    devices: [huawei-p40-pro]
    processors: [gpu]
    max-increase-mj: { warn: 1, fail: 3 }
    min-score: { warn: 60, fail: 40 }
noise: { pct: 1, mj: 0.05 }
dims:
  "**/*.onnx": { batch: 1, height: 224 }
  "models/vision/*.onnx": { height: 320 }
`,
  { file: 'c.yml' },
);
const cpu = { device: 'oneplus-8-pro', processor: 'cpu' } as const;
const p40gpu = { device: 'huawei-p40-pro', processor: 'gpu' } as const;

describe('evaluateBudgets', () => {
  it('passes within every limit, a value exactly at a level included', () => {
    expect(evaluateBudgets(config, 'models/a.onnx', cpu, { baseMj: 100, headMj: 102, score: 80 })).toEqual({
      status: 'pass',
      reasons: [],
      applied: [0],
    });
    expect(
      evaluateBudgets(config, 'models/a.onnx', cpu, { baseMj: 100, headMj: 150, score: 80 }).status,
    ).toBe('fail');
    expect(evaluateBudgets(config, 'models/a.onnx', cpu, { headMj: 150, score: 80 }).status).toBe('pass');
  });

  it('warns between the warn and fail levels and fails past the fail level, worst first', () => {
    const warn = evaluateBudgets(config, 'models/a.onnx', cpu, { baseMj: 100, headMj: 103, score: 80 });
    expect(warn.status).toBe('warn');
    expect(warn.reasons).toEqual([
      {
        kind: 'limit',
        budget: 1,
        models: ['models/**/*.onnx'],
        limit: 'maxIncreasePct',
        level: 'warn',
        threshold: 2,
        actual: expect.closeTo(3, 9),
      },
    ]);
    expect(reasonText(warn.reasons[0]!)).toBe(
      '+3% over the base is above max-increase-pct warn 2% (budget 1: models/**/*.onnx)',
    );
    const fail = evaluateBudgets(config, 'models/a.onnx', cpu, { baseMj: 140, headMj: 160, score: 80 });
    expect(fail.status).toBe('fail');
    expect(fail.reasons.map((r) => reasonText(r))).toEqual([
      '160 mJ per inference is above max-mj fail 150 mJ (budget 1: models/**/*.onnx)',
      '+14.3% over the base is above max-increase-pct fail 5% (budget 1: models/**/*.onnx)',
    ]);
  });

  it('applies scoped budgets only to their devices and processors, and checks the score', () => {
    const measures = { baseMj: 50, headMj: 52, score: 35 };
    const scoped = evaluateBudgets(config, 'models/vision/det.onnx', p40gpu, measures);
    expect(scoped.applied).toEqual([0, 1]);
    expect(scoped.reasons.map((r) => `${r.limit} ${r.level}`)).toEqual([
      'minScore fail',
      'maxIncreasePct warn',
      'maxIncreaseMj warn',
    ]);
    expect(reasonText(scoped.reasons[0]!)).toBe(
      'score 35 is below min-score fail 40 (budget 2: models/vision/*.onnx)',
    );
    const elsewhere = evaluateBudgets(
      config,
      'models/vision/det.onnx',
      { device: 'huawei-p40-pro', processor: 'cpu' },
      measures,
    );
    expect(elsewhere.applied).toEqual([0]);
  });

  it('judges a new model on absolute limits only', () => {
    const result = evaluateBudgets(config, 'models/vision/new.onnx', p40gpu, { headMj: 149, score: 50 });
    expect(result.reasons.map((r) => `${r.limit} ${r.level}`)).toEqual(['minScore warn']);
  });

  it('ignores increases under the noise floor', () => {
    // +1.5 mJ on 200 mJ is 0.75%: under the 1% floor, so not an increase at all.
    const result = evaluateBudgets(config, 'models/vision/x.onnx', p40gpu, {
      baseMj: 200,
      headMj: 201.5,
      score: 90,
    });
    expect(result.reasons.map((r) => r.limit)).toEqual(['maxMj']);
  });

  it('leaves models no budget matches alone', () => {
    expect(evaluateBudgets(config, 'other/a.onnx', cpu, { baseMj: 1, headMj: 900, score: 0 })).toEqual({
      status: 'pass',
      reasons: [],
      applied: [],
    });
  });
});

describe('classifyChange', () => {
  const noise = { pct: 1, mj: 0.05 };
  it('shows a change under either floor as unchanged and never calls a new model +100%', () => {
    expect(classifyChange(noise, undefined, 10)).toEqual({ kind: 'new' });
    expect(classifyChange(noise, 10, 10.04).kind).toBe('unchanged');
    expect(classifyChange(noise, 100, 100.9).kind).toBe('unchanged');
    expect(classifyChange(noise, 100, 102)).toEqual({ kind: 'increase', deltaMj: 2, deltaPct: 2 });
    expect(classifyChange(noise, 100, 97)).toEqual({ kind: 'decrease', deltaMj: -3, deltaPct: -3 });
    expect(classifyChange({ pct: 0, mj: 0 }, 0, 0)).toEqual({ kind: 'unchanged', deltaMj: 0 });
  });
});

describe('dimsFor and isCheckedModel', () => {
  it('merges every matching dims rule, later rules winning', () => {
    expect(dimsFor(config, 'models/vision/det.onnx')).toEqual({ batch: 1, height: 320 });
    expect(dimsFor(config, 'models/a.onnx')).toEqual({ batch: 1, height: 224 });
  });

  it('matches models with the default glob, dot directories included', () => {
    expect(isCheckedModel(config, 'a.onnx')).toBe(true);
    expect(isCheckedModel(config, '.models/deep/a.onnx')).toBe(true);
    expect(isCheckedModel(config, 'a.onnx.data')).toBe(false);
  });

  it('checks gzip-compressed models under the default globs, but not external data or other files', () => {
    expect(isCheckedModel(config, 'models/mobilenet_v2.onnx.gz')).toBe(true);
    expect(isCheckedModel(config, 'test/fixtures/models/resnet18.onnx.gz')).toBe(true);
    expect(isCheckedModel(config, '.models/deep/a.onnx.gz')).toBe(true);
    expect(isCheckedModel(config, 'a.onnx.gz.data')).toBe(false);
    expect(isCheckedModel(config, 'a.onnx_data')).toBe(false);
    expect(isCheckedModel(config, 'notes.gz')).toBe(false);
  });
});
