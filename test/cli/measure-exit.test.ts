import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './run.js';

/** `model-energy measure`: what it exits with when stopped, and flags it refuses before measuring. */
describe('model-energy measure: exit codes and refused flags', () => {
  const tmp = tempDir('cli-measure');
  afterAll(tmp.cleanup);
  const measure = (out: string, ...extra: string[]) => [
    'measure',
    '--kernels',
    'relu',
    '--samples',
    '2',
    '--meter',
    'none',
    '--out',
    out,
    '--repetitions',
    '3',
    '--warmup',
    '1',
    ...extra,
  ];

  it('exits 130 when interrupted (Ctrl-C), so `measure ... && train ...` stops; 0 when done', async () => {
    const out = join(tmp.dir, 'stopped.csv');
    const controller = new AbortController();
    controller.abort();
    const stopped = await cli(measure(out), controller.signal);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stdout).toMatch(/^stopped: 0 kernel\(s\) measured now/);
    const done = await cli(measure(out));
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^done: 2 kernel\(s\) measured now/);
  });

  it('names --out when it is a folder, exit 2 before any work, instead of a stack trace', async () => {
    const folder = join(tmp.dir, 'a-folder');
    mkdirSync(folder);
    const result = await cli(measure(folder));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: --out ${folder}: cannot write (it is a folder; name the file to create or resume, e.g. ${join(folder, 'kernels.csv')})\n`,
    );
  });

  it('refuses a --range field the type does not have, naming its fields, and a type not measured', async () => {
    const out = join(tmp.dir, 'never.csv');
    const foo = await cli(measure(out, '--range', 'relu.FOO=1..10'));
    expect(foo.code).toBe(2);
    expect(foo.stderr).toMatch(
      /^error: --range 'relu\.FOO=1\.\.10': relu has no field FOO; its fields are HW, CIN\n/,
    );
    const lower = await cli(measure(out, '--range', 'relu.cin=1..10'));
    expect(lower.code).toBe(2);
    expect(lower.stderr).toMatch(
      /relu has no field cin \(fields are upper-case: CIN\); its fields are HW, CIN/,
    );
    const other = await cli(measure(out, '--range', 'conv-bn-relu.CIN=16..32'));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /^error: --range for conv-bn-relu, which is not in --kernels \(relu\): the range would be ignored; add the type to --kernels or drop the --range\n/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('the measured CSV after an interrupted run', () => {
  it('keeps the header only (nothing half-written)', async () => {
    const tmp = tempDir('cli-measure-stop');
    try {
      const out = join(tmp.dir, 'k.csv');
      const controller = new AbortController();
      controller.abort();
      await cli(
        ['measure', '--kernels', 'relu', '--samples', '1', '--meter', 'none', '--out', out],
        controller.signal,
      );
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1);
    } finally {
      tmp.cleanup();
    }
  });
});
