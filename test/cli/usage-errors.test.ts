import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelPath } from '../helpers/fixtures.js';
import { cli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'mec-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usage errors: exit 2, one line, before any work', () => {
  it('reports every missing required option at once', async () => {
    const result = await cli(['measure']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /required options '--kernels <types>', '--samples <n>', '--meter <spec>', '--out <csv>' not specified/,
    );
    const train = await cli(['train', '--data', 'x.csv']);
    expect(train.code).toBe(2);
    expect(train.stderr).toMatch(/required options '--out <dir>', '--device <id>', '--processor <p>'/);
  });

  it('marks required options in the help and ends it with examples', async () => {
    const result = await cli(['measure', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--meter <spec>[\s\S]*\(required\)/);
    expect(result.stdout).toMatch(/Examples:\n {2}model-energy measure /);
  });

  it('exits 2 for an unknown meter', async () => {
    const result = await cli([
      'measure',
      '--kernels',
      'conv-bn-relu',
      '--samples',
      '1',
      '--meter',
      'wattmeter',
      '--out',
      join(dir, 'k.csv'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown meter; one of none, rapl/);
  });

  it('exits 2 for measure --out naming a folder', async () => {
    const result = await cli([
      'measure',
      '--kernels',
      'conv-bn-relu',
      '--samples',
      '1',
      '--meter',
      'none',
      '--out',
      dir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: --out ${dir}: cannot write (it is a folder; name the file to create or resume, e.g. ${join(dir, 'kernels.csv')})\n`,
    );
  });

  it('exits 2 for a --predictors folder that is not there', async () => {
    for (const args of [['devices'], ['predict', modelPath('squeezenet1_1')]]) {
      const result = await cli([...args, '--predictors', join(dir, 'missing')]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/no such folder/);
    }
  });

  it('train --out under a file fails before reading the data, naming the file in the way', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'notes');
    const result = await cli([
      'train',
      '--data',
      join(dir, 'never-read.csv'),
      '--out',
      join(file, 'x-cpu'),
      '--device',
      'x',
      '--processor',
      'cpu',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: --out ${join(file, 'x-cpu')}: cannot write (${file} is a file, not a folder)\n`,
    );
  });

  it('compare --base outside a git checkout says so in one line', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const result = await cli(['compare', '--base', 'main']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `error: --base main: ${process.cwd()} is not inside a git checkout; run it in one, or compare two files (model-energy compare OLD.onnx NEW.onnx)\n`,
      );
    } finally {
      process.chdir(cwd);
    }
  });
});
