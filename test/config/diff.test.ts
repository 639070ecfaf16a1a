import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, diffConfigs, parseConfig } from '../../src/config/index.js';

const parse = (text: string) => parseConfig(text, { file: 'c.yml' });

const BASE = parse(`devices: [huawei-p40-pro, oneplus-8-pro]
budgets:
  - models: "models/**/*.onnx"
    max-mj: 150
    max-increase-pct: { warn: 2, fail: 5 }
  - models: "models/vision/*.onnx"
    processors: gpu
    min-score: 50
fail-on: budget
`);

describe('diffConfigs', () => {
  it('finds nothing between equal configs, whatever the order of lists', () => {
    expect(diffConfigs(BASE, BASE)).toEqual([]);
    expect(diffConfigs(parse('devices: [a, b]\n'), parse('devices: [b, a]\n'))).toEqual([]);
  });

  it('describes a pull request loosening its own budget', () => {
    const head = parse(`devices: [huawei-p40-pro, oneplus-8-pro]
budgets:
  - models: "models/**/*.onnx"
    max-mj: 150
    max-increase-pct: { fail: 10 }
  - models: "models/vision/*.onnx"
    processors: gpu
    min-score: 30
fail-on: budget
`);
    expect(diffConfigs(BASE, head).map((c) => c.text)).toEqual([
      'budget for models/**/*.onnx: max-increase-pct warn 2 -> none (loosened)',
      'budget for models/**/*.onnx: max-increase-pct fail 5 -> 10 (loosened)',
      'budget for models/vision/*.onnx [processors: gpu]: min-score fail 50 -> 30 (loosened)',
    ]);
  });

  it('describes tightening, removed and added budgets, fail-on, noise, scope and dims', () => {
    const head = parse(`devices: [huawei-p40-pro]
processors: [gpu]
budgets:
  - models: "models/**/*.onnx"
    max-mj: 120
    max-increase-pct: { warn: 2, fail: 5 }
  - models: "extra/*.onnx"
    max-increase-mj: { warn: 1, fail: 2 }
noise: { pct: 3 }
dims:
  "models/**": { batch: 4 }
fail-on: never
`);
    const changes = diffConfigs(BASE, head);
    expect(changes.map((c) => c.text)).toEqual([
      'fail-on: budget -> never (loosened)',
      'devices: huawei-p40-pro, oneplus-8-pro -> huawei-p40-pro (loosened)',
      'processors: cpu, gpu -> gpu (loosened)',
      'noise.pct: 1 -> 3 (loosened)',
      'budget for models/**/*.onnx: max-mj fail 150 -> 120 (tightened)',
      'budget for models/vision/*.onnx [processors: gpu] removed (min-score fail 50) (loosened)',
      'budget for extra/*.onnx added (max-increase-mj warn 1, fail 2) (tightened)',
      'dims["models/**"].batch: none -> 4 (changed)',
    ]);
    expect(changes[4]).toMatchObject({
      subject: 'budget for models/**/*.onnx: max-mj fail',
      before: '150',
      after: '120',
      effect: 'tightened',
    });
  });

  it('compares a config added by the pull request with the defaults of a base without one', () => {
    expect(diffConfigs(DEFAULT_CONFIG, BASE).map((c) => c.text)).toEqual([
      'devices: all -> huawei-p40-pro, oneplus-8-pro (loosened)',
      'budget for models/**/*.onnx added (max-mj fail 150; max-increase-pct warn 2, fail 5) (tightened)',
      'budget for models/vision/*.onnx [processors: gpu] added (min-score fail 50) (tightened)',
    ]);
  });
});
