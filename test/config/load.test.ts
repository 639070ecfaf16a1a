import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_CONFIG,
  loadConfigFile,
  parseConfig,
  withOverrides,
} from '../../src/config/index.js';

const FILE = '.github/model-energy.yml';
const DEVICES = ['huawei-p40-pro', 'oneplus-8-pro', 'xiaomi-redmi-note8'];

/** The example from issue 5, verbatim. */
const ISSUE_EXAMPLE = `devices: [huawei-p40-pro, oneplus-8-pro]   # default: all
processors: [cpu, gpu]
budgets:
  - models: "models/**/*.onnx"
    max-mj: 150
    max-increase-pct: { warn: 2, fail: 5 }
noise: { pct: 1, mj: 0.05 }
fail-on: budget
`;

function problems(text: string, knownDevices: readonly string[] = DEVICES): ConfigError {
  try {
    parseConfig(text, { file: FILE, knownDevices });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('parses the example from the issue into a typed config', () => {
    expect(parseConfig(ISSUE_EXAMPLE, { file: FILE, knownDevices: DEVICES })).toEqual({
      devices: ['huawei-p40-pro', 'oneplus-8-pro'],
      processors: ['cpu', 'gpu'],
      models: ['**/*.onnx', '**/*.onnx.gz', '**/*.tflite', '**/*.tflite.gz'],
      budgets: [{ models: ['models/**/*.onnx'], maxMj: { fail: 150 }, maxIncreasePct: { warn: 2, fail: 5 } }],
      noise: { pct: 1, mj: 0.05 },
      dims: [],
      failOn: 'budget',
    });
  });

  it('applies defaults for a missing file, an empty file, comments only, and empty sections', () => {
    expect(parseConfig(undefined, { file: FILE })).toEqual(DEFAULT_CONFIG);
    expect(parseConfig('', { file: FILE })).toEqual(DEFAULT_CONFIG);
    expect(parseConfig('# nothing yet\n', { file: FILE })).toEqual(DEFAULT_CONFIG);
    expect(parseConfig('budgets:\n  # none yet\nnoise: { pct: 3 }\n', { file: FILE })).toEqual({
      ...DEFAULT_CONFIG,
      noise: { pct: 3, mj: DEFAULT_CONFIG.noise.mj },
    });
  });

  it('takes the short forms: one glob, one processor, devices: all, a number as the fail level', () => {
    const config = parseConfig(
      `devices: all
processors: gpu
models: "nets/*.onnx"
budgets:
  - models: ["nets/a.onnx", "nets/b.onnx"]
    devices: oneplus-8-pro
    processors: cpu
    min-score: { warn: 70 }
    max-increase-mj: 3.5
dims:
  "nets/**": { batch: 1, height: 224, width: 224 }
  "nets/bert*.onnx": { sequence: 128 }
fail-on: regression
`,
      { file: FILE, knownDevices: DEVICES },
    );
    expect(config).toEqual({
      devices: 'all',
      processors: ['gpu'],
      models: ['nets/*.onnx'],
      budgets: [
        {
          models: ['nets/a.onnx', 'nets/b.onnx'],
          devices: ['oneplus-8-pro'],
          processors: ['cpu'],
          maxIncreaseMj: { fail: 3.5 },
          minScore: { warn: 70 },
        },
      ],
      noise: DEFAULT_CONFIG.noise,
      dims: [
        { models: 'nets/**', values: { batch: 1, height: 224, width: 224 } },
        { models: 'nets/bert*.onnx', values: { sequence: 128 } },
      ],
      failOn: 'regression',
    });
  });

  it('names the file, line, field and problem, with a hint for near-miss keys and values', () => {
    const error = problems(`devices: [huawei-p40-pro, oneplus-8-pro]
processors: [cpu, npu]
budgets:
  - models: "models/**/*.onnx"
    max-mJ: 150
    max-increase-pct: { warn: 2, fial: 5 }
noise: { pct: "1" }
fail-on: budgets
budgetz: []
`);
    expect(error.file).toBe(FILE);
    expect(error.issues).toEqual([
      { field: 'processors[1]', problem: 'must be one of cpu, gpu, not "npu"', line: 2, column: 19 },
      {
        field: 'budgets[0].max-mJ',
        problem: 'unknown key "max-mJ" (did you mean "max-mj"?)',
        line: 5,
        column: 5,
      },
      {
        field: 'budgets[0].max-increase-pct.fial',
        problem: 'unknown key "fial" (did you mean "fail"?)',
        line: 6,
        column: 34,
      },
      { field: 'noise.pct', problem: 'must be a number (percent), not "1"', line: 7, column: 15 },
      {
        field: 'fail-on',
        problem: 'must be one of budget, regression, never, not "budgets" (did you mean "budget"?)',
        line: 8,
        column: 10,
      },
      { field: 'budgetz', problem: 'unknown key "budgetz" (did you mean "budgets"?)', line: 9, column: 1 },
    ]);
    expect(error.message).toContain(
      `${FILE}:5:5: budgets[0].max-mJ: unknown key "max-mJ" (did you mean "max-mj"?)`,
    );
    expect(error.message.split('\n')[0]).toBe(`${FILE}: 6 problems`);
  });

  it('checks device ids against the known devices once the structure is valid', () => {
    expect(problems('devices: [huawei-p40-pro, oneplus-8pro]\n').issues).toEqual([
      {
        field: 'devices[1]',
        problem:
          'unknown device "oneplus-8pro" (did you mean "oneplus-8-pro"?); known devices: huawei-p40-pro, oneplus-8-pro, xiaomi-redmi-note8',
        line: 1,
        column: 27,
      },
    ]);
  });

  it('lists the allowed keys when an unknown key is not close to any', () => {
    const error = problems('budgets:\n  - models: x\n    max-mj: 1\n    colour: blue\n');
    expect(error.issues[0]?.problem).toBe(
      'unknown key "colour"; allowed here: models, devices, processors, max-mj, max-increase-pct, max-increase-mj, min-score',
    );
  });

  it('checks value types, ranges and emptiness', () => {
    const error = problems(`models: []
budgets:
  - models: 3
    min-score: -1
  - max-mj: {}
dims:
  "models/**": { batch: 1.5 }
`);
    expect(error.issues.map((i) => `${i.line}: ${i.field}: ${i.problem}`)).toEqual([
      '1: models: must not be empty',
      '3: budgets[0].models: must be a glob or a list of globs, not 3',
      '4: budgets[0].min-score: must be at least 0, not -1',
      '5: budgets[1]: missing required key "models"',
      '5: budgets[1].max-mj: must set warn, fail or both',
      '7: dims["models/**"].batch: must be a whole number, not 1.5',
    ]);
  });

  it('checks what the schema cannot: level order, budgets without limits, globs, devices', () => {
    const error = problems(`devices: [all, huawei-p40-pro]
budgets:
  - models: x.onnx
    max-mj: { warn: 200, fail: 100 }
    min-score: { warn: 40, fail: 60 }
  - models: /abs/*.onnx
  - models: y.onnx
    devices: all
    max-mj: 1
`);
    expect(error.issues.map((i) => `${i.line}: ${i.field}: ${i.problem}`)).toEqual([
      '1: devices[0]: "all" cannot be mixed with device ids; write `devices: all` on its own',
      '4: budgets[0].max-mj.warn: warn (200) is above fail (100), so it could never warn before failing',
      '5: budgets[0].min-score.warn: warn (40) is below fail (60), so it could never warn before failing',
      '6: budgets[1]: sets no limit; add at least one of max-mj, max-increase-pct, max-increase-mj, min-score',
      '6: budgets[1].models: "/abs/*.onnx" starts with "/"; globs are matched against paths relative to the repository root',
      '8: budgets[2].devices: leave devices out to cover all devices',
    ]);
  });

  it('accepts any device id when no list of known devices is given', () => {
    expect(parseConfig('devices: [my-phone]\n', { file: FILE }).devices).toEqual(['my-phone']);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(problems('devices: [a\n').message).toMatch(/^\.github\/model-energy\.yml:2:1: invalid YAML: /);
    expect(problems('fail-on: budget\nfail-on: never\n').issues[0]).toMatchObject({
      line: 2,
      problem: expect.stringContaining('Map keys must be unique'),
    });
  });

  it('refuses a file that is not a mapping', () => {
    expect(problems('- budgets\n').issues[0]?.problem).toBe(
      'must be a mapping of settings (devices, processors, models, budgets, noise, dims, fail-on), not a list',
    );
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mec-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the defaults for a missing file, never an error', async () => {
    expect(await loadConfigFile(join(dir, 'missing.yml'))).toEqual({
      config: DEFAULT_CONFIG,
      file: join(dir, 'missing.yml'),
      exists: false,
    });
  });

  it('reads and validates a file, naming it in errors', async () => {
    writeFileSync(join(dir, 'good.yml'), ISSUE_EXAMPLE);
    const loaded = await loadConfigFile(join(dir, 'good.yml'), { knownDevices: DEVICES });
    expect(loaded.exists).toBe(true);
    expect(loaded.config.budgets).toHaveLength(1);
    writeFileSync(join(dir, 'bad.yml'), 'noise: { pc: 1 }\n');
    await expect(loadConfigFile(join(dir, 'bad.yml'))).rejects.toThrow(
      `${join(dir, 'bad.yml')}:1:10: noise.pc: unknown key "pc" (did you mean "pct"?)`,
    );
  });

  it('says so when the path is a directory', async () => {
    mkdirSync(join(dir, 'a-dir'));
    await expect(loadConfigFile(join(dir, 'a-dir'))).rejects.toThrow(
      /a-dir: is a directory, not a config file/,
    );
  });
});

describe('withOverrides', () => {
  it('lets inputs take precedence over the file', () => {
    const config = parseConfig(ISSUE_EXAMPLE, { file: FILE });
    const merged = withOverrides(config, { devices: 'all', failOn: 'never' });
    expect(merged.devices).toBe('all');
    expect(merged.failOn).toBe('never');
    expect(merged.budgets).toBe(config.budgets);
  });
});

describe('the config documents users copy', () => {
  const root = join(import.meta.dirname, '../..');
  const known = ['huawei-p40-pro', 'oneplus-8-pro', 'xiaomi-redmi-note8'];

  it('accepts the README’s configuration example as written', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const config = parseConfig(block, { file: 'README.md', knownDevices: known });
    expect(config.dims).toHaveLength(1);
    expect(config.budgets.length).toBeGreaterThan(0);
  });

  it('accepts examples/model-energy.yml', () => {
    const text = readFileSync(join(root, 'examples/model-energy.yml'), 'utf8');
    expect(
      parseConfig(text, { file: 'examples/model-energy.yml', knownDevices: known }).budgets,
    ).toHaveLength(1);
  });
});
