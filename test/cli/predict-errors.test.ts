import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelPath } from '../helpers/fixtures.js';
import { cli, tempDir, trainSyntheticBundle } from './run.js';

/** `model-energy predict`: selections that match nothing, warnings on stderr, an honest source note. */

const tmp = tempDir('predict-errors');
afterAll(() => tmp.cleanup());

const STATIC = modelPath('mobilenet_v2');
/** Exported with a symbolic batch dim. */
const DYNAMIC = modelPath('efficientnet_b0');
const predictors = join(tmp.dir, 'predictors');

beforeAll(async () => {
  await trainSyntheticBundle({ predictors, device: 'my-board', processor: 'cpu' });
});

describe('predict: a selection that matches no bundle', () => {
  it('rejects --device "" as a usage error, without a stack trace', async () => {
    const result = await cli(['predict', STATIC, '--device', '']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--device.*expected device id/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('names the device and processor asked for and the bundles there are for that device', async () => {
    const result = await cli([
      'predict',
      STATIC,
      '--predictors',
      predictors,
      '--device',
      'my-board',
      '--processor',
      'gpu',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: no predictor bundle matches device my-board and processor gpu (from --device and --processor); bundles for my-board: my-board-cpu (cpu)\n',
    );
    expect(result.stdout).toBe('');
  });
});

describe('predict: the source note says where the numbers of the bundles used come from', () => {
  // Wide enough that the note is one line: these tests read its wording, not its wrapping.
  const wide = { columns: 300 };

  it('for a user bundle, names it as trained and says nothing of the default bundles', async () => {
    const result = await cli(
      ['predict', STATIC, '--predictors', predictors, '--device', 'my-board'],
      undefined,
      wide,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('my-board-cpu is trained on measured kernels');
    expect(result.stdout).not.toMatch(/huawei-p40-pro-cpu|calibrated transfer|DeepEn2023/);
  });

  it('for transfers only, names them and not the trained bundle that was not used', async () => {
    const result = await cli(['predict', STATIC, '--device', 'oneplus-8-pro'], undefined, wide);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'oneplus-8-pro-cpu, oneplus-8-pro-gpu are calibrated transfers of trained bundles',
    );
    expect(result.stdout).not.toContain('huawei-p40-pro-cpu');
    expect(result.stdout).toMatch(/after DeepEn2023/);
  });

  it('for all default bundles, names the trained one and counts the others', async () => {
    const result = await cli(['predict', STATIC], undefined, wide);
    expect(result.stdout).toContain(
      'huawei-p40-pro-cpu is trained on measured kernels; the other 15 targets are calibrated transfers',
    );
  });
});

describe('predict: warnings go to stderr', () => {
  it('keeps the analysis warnings out of the table on stdout', async () => {
    const result = await cli(['predict', DYNAMIC, '--device', 'huawei-p40-pro']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/warning/);
    expect(result.stderr).toContain(`warning: ${DYNAMIC}: symbolic dim 'batch'`);
  });

  it('warns about a --dim the model does not have, naming the dim and the file', async () => {
    const result = await cli(['predict', DYNAMIC, STATIC, '--device', 'huawei-p40-pro', '--dim', 'foo=3']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${DYNAMIC}: --dim foo=3 ignored, the model has no such dim; its symbolic dims are batch`,
    );
    expect(result.stderr).toContain(`warning: ${STATIC}: --dim foo=3 ignored`);
  });

  it('warns about --dim batch=4 on a model with static shapes', async () => {
    const result = await cli(['predict', STATIC, '--device', 'huawei-p40-pro', '--dim', 'batch=4', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      `warning: ${STATIC}: --dim batch=4 ignored, the model has no such dim; it has no named symbolic dims (its input shapes are static)\n`,
    );
  });

  it('says nothing when the --dim is used', async () => {
    const result = await cli(['predict', DYNAMIC, '--device', 'huawei-p40-pro', '--dim', 'batch=2']);
    expect(result.stderr).toBe('');
  });
});

describe('predict --help', () => {
  it('says the table shows totals and --json the kernels', async () => {
    const result = await cli(['predict', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/totals in the table, per kernel with --json/);
    expect(result.stdout).not.toMatch(/latency per kernel and in total/);
  });
});
