import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/types.js';
import { modelPath } from '../helpers/fixtures.js';
import { cli, json, tempDir, trainSyntheticBundle } from './run.js';

/**
 * `model-energy compare OLD NEW`: bad input is an error naming it (never a stack trace, never a pass),
 * and the markdown is worded for a local run.
 */

const tmp = tempDir('compare-errors');
afterAll(() => tmp.cleanup());

const OLD = modelPath('mobilenet_v2');
const NEW = modelPath('squeezenet1_1');
const ONE_TARGET = ['--device', 'huawei-p40-pro', '--processor', 'cpu'];

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, content);
  return path;
}

describe('compare: a file that cannot be used is an error naming it', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => join(tmp.dir, 'nonexist.onnx'), /cannot read the file \(ENOENT/],
    [
      'a directory',
      () => {
        const dir = join(tmp.dir, 'a-directory.onnx');
        mkdirSync(dir, { recursive: true });
        return dir;
      },
      /cannot read the file \(EISDIR/,
    ],
    [
      'a truncated .gz',
      () => file('truncated.onnx.gz', readFileSync(OLD).subarray(0, 4000)),
      /truncated gzip/,
    ],
    ['a text file', () => file('text.onnx', 'hello, not a model\n'), /text file, not a model/],
  ];
  for (const [what, make, problem] of cases) {
    for (const side of ['OLD', 'NEW'] as const) {
      it(`${what} as ${side}: exit 1, "error: FILE: problem", no stack trace`, async () => {
        const bad = make();
        const args = side === 'OLD' ? [bad, NEW] : [OLD, bad];
        const result = await cli(['compare', ...args, ...ONE_TARGET]);
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr.startsWith(`error: ${bad}: `), result.stderr).toBe(true);
        expect(result.stderr).toMatch(problem);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.stdout).toBe('');
      });
    }
  }
});

describe('compare: an explicit --config must exist', () => {
  it('names a missing --config file and exits 1', async () => {
    const missing = join(tmp.dir, 'nope.yml');
    const result = await cli(['compare', OLD, NEW, '--config', missing, ...ONE_TARGET]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${missing}: no such config file`);
    expect(result.stdout).toBe('');
  });
});

describe('compare: device ids in the config are checked against the bundles', () => {
  it('names a misspelt device in a budget (which would otherwise never apply), with the line', async () => {
    const config = file(
      'budget-device.yml',
      'budgets:\n  - models: "**/*"\n    devices: [oneplus-8-pr]\n    max-mj: { fail: 1 }\n',
    );
    const result = await cli([
      'compare',
      OLD,
      NEW,
      '--config',
      config,
      '--format',
      'markdown',
      ...ONE_TARGET,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /budget-device\.yml:3:\d+: budgets\[0\]\.devices\[0\]: unknown device "oneplus-8-pr" \(did you mean "oneplus-8-pro"\?\)/,
    );
  });

  it('accepts the device of a bundle given with --predictors', async () => {
    const extra = join(tmp.dir, 'extra-predictors');
    await trainSyntheticBundle({ predictors: extra, device: 'my-board', processor: 'cpu' });
    const config = file(
      'my-board.yml',
      'budgets:\n  - models: "**/*"\n    devices: [my-board]\n    max-mj: { warn: 1000 }\n',
    );
    const result = await cli([
      'compare',
      OLD,
      NEW,
      '--config',
      config,
      '--predictors',
      extra,
      '--device',
      'my-board',
    ]);
    expect(result.stderr).not.toMatch(/unknown device/);
    expect(result.code).toBe(0);
  });
});

describe('compare: zero model x energy target pairs never pass', () => {
  const predictors = join(tmp.dir, 'predictors');
  beforeAll(async () => {
    await trainSyntheticBundle({ predictors, device: 'lat', processor: 'cpu', target: 'latency' });
  });

  it('rejects --device "" as a usage error', async () => {
    const result = await cli(['compare', OLD, NEW, '--device', '']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--device.*expected device id/);
    expect(result.stdout).toBe('');
  });

  it('rejects a latency-only bundle: nothing would be compared', async () => {
    const result = await cli(['compare', OLD, NEW, '--predictors', predictors, '--device', 'lat']);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toMatch(/compare needs energy predictions.*latency only: lat-cpu \(cpu\)/);
    expect(result.stdout).toBe('');
  });

  it('rejects a config whose devices select only latency bundles, naming the config', async () => {
    const config = file('lat.yml', 'devices: [lat]\n');
    const result = await cli(['compare', OLD, NEW, '--predictors', predictors, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`(from ${config})`);
    expect(result.stdout).not.toMatch(/pass/);
  });

  it('rejects a config whose processors match no bundle of its devices, listing those there are', async () => {
    await trainSyntheticBundle({ predictors, device: 'board', processor: 'cpu' });
    const config = file('gpu.yml', 'devices: [board]\nprocessors: [gpu]\n');
    const result = await cli(['compare', OLD, NEW, '--predictors', predictors, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no predictor bundle matches device board and processor gpu .*bundles for board: board-cpu \(cpu\)/,
    );
  });

  it('leaves a latency-only bundle out beside energy ones, with a warning', async () => {
    const result = await cli([
      'compare',
      OLD,
      NEW,
      '--predictors',
      predictors,
      '--device',
      'lat,huawei-p40-pro',
      '--processor',
      'cpu',
      '--json',
    ]);
    const report = json<ComparisonReport>(result);
    expect(report.bundles.map((b) => b.id)).toEqual(['huawei-p40-pro-cpu']);
    expect(report.models[0]!.targets).toHaveLength(1);
    expect(report.warnings.join('\n')).toMatch(/latency only: lat-cpu/);
  });
});

describe('compare: the markdown of a local two-file run', () => {
  let md: string;
  beforeAll(async () => {
    const config = file('budgets.yml', 'budgets:\n  - models: "**"\n    max-mj: 100000\n');
    const result = await cli([
      'compare',
      OLD,
      NEW,
      '--config',
      config,
      '--format',
      'markdown',
      ...ONE_TARGET,
    ]);
    expect(result.code, result.stderr).toBe(0);
    md = result.stdout;
    expect(md).toContain(`budgets from \`${config}\``);
  });

  it('prints no hidden marker: the verdict comes first', () => {
    expect(md).not.toContain('<!--');
    expect(md.split('\n')[0]).toMatch(/^### ✅ Model energy: pass/);
  });

  it('names the config file, not a commit, and points to no job summary', () => {
    expect(md).not.toMatch(/head commit|base commit/);
    expect(md).not.toMatch(/job summary/);
    // All ten kernel changes of the target are shown, since there is nowhere else to look.
    const kernels = md.slice(md.indexOf('Top kernel changes'), md.indexOf('</details>'));
    expect(kernels.match(/^\| `/gm)).toHaveLength(10);
  });

  it('shows the old file beside the new one', () => {
    expect(md).toContain(`\`${OLD}\` → \`${NEW}\``);
  });

  it('says there is no change when two copies are compared, never a worst change of 0%', async () => {
    const copy = file('copy.onnx.gz', readFileSync(OLD));
    const result = await cli(['compare', OLD, copy, ...ONE_TARGET]);
    expect(result.code, result.stderr).toBe(0);
    const heading = result.stdout.split('\n')[0]!;
    expect(heading).toBe('PASS Model energy: pass · no energy change above the noise floor');
    expect(result.stdout).not.toMatch(/worst change/);
  });
});
