import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundles } from '../../src/predict/bundle.js';
import { cli, elementwiseCsv, tempDir, trainCli } from './run.js';

/**
 * `model-energy train` on small, slightly wrong inputs: what it says on stderr, what it exits with and
 * what it leaves on disk. Each CSV has 12 add and 12 relu kernels (energy ~ elements, 2 W), so a run
 * takes a second with --folds 2.
 */
const HEADER = 'kernel_id,kernel_type,HW,CIN,energy_mj,latency_ms';

describe('model-energy train: input problems', () => {
  const tmp = tempDir('cli-train');
  afterAll(tmp.cleanup);
  const write = (name: string, text: string) => {
    const file = join(tmp.dir, name);
    writeFileSync(file, text);
    return file;
  };
  const train = trainCli;

  it('trains with progress per kernel type on stderr and the same summary on stdout', async () => {
    const predictors = join(tmp.dir, 'ok');
    const result = await train(
      write('ok.csv', elementwiseCsv()),
      join(predictors, 'my-board-cpu'),
      '--folds',
      '2',
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(
      'warning: fewer than 20 rows, so their k-fold figures rest on few kernels and can be far off (and boosted trees are not tried): add (12), relu (12)',
    );
    expect(lines[1]).toMatch(/^training energy and latency on 24 rows of 2 kernel types \(nested 2-fold/);
    expect(lines[2]).toMatch(
      /^ {2}\[1\/3\] add \(12 rows\): nested 2-fold median APE energy \d+\.\d% \((closed-form|log-linear)\), latency \d+\.\d% \(.+\); [\d.]+ s$/,
    );
    expect(lines[3]).toMatch(/^ {2}\[2\/3\] relu \(12 rows\): /);
    expect(lines[4]).toMatch(/^ {2}\[3\/3\] others \(the fallback, fitted on all 24 rows\): /);
    expect(result.stdout).toMatch(
      /^wrote bundle 'my-board-cpu' to .*my-board-cpu\n {2}predicts energy and latency\n {2}energy: k-fold over 24 kernels: .*median APE \d+\.\d%\n {2}latency: k-fold over 24 kernels: .*\nuse it: model-energy predict MODEL\.onnx --predictors /,
    );
    expect(loadBundles(predictors).map((b) => b.manifest.id)).toEqual(['my-board-cpu']);
  });

  it('refuses a misspelt energy column instead of training latency only', async () => {
    const data = write('mj.csv', elementwiseCsv({ header: HEADER.replace('energy_mj', 'energy_mJ') }));
    const out = join(tmp.dir, 'mj', 'my-board-cpu');
    const result = await train(data, out, '--folds', '2');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${data}, line 1, column 'energy_mJ': unknown column; did you mean 'energy_mj'? Columns are matched ` +
        "by exact, case-sensitive name: rename it, or if it holds something else, give it a name less like 'energy_mj'\n",
    );
    expect(existsSync(join(tmp.dir, 'mj'))).toBe(false);
  });

  it('names a missing or misspelt HW column and the kernel types that need it', async () => {
    const hww = await train(
      write('hww.csv', elementwiseCsv({ header: HEADER.replace(',HW,', ',HWW,') })),
      join(tmp.dir, 'hww', 'my-board-cpu'),
    );
    expect(hww.code).toBe(1);
    expect(hww.stderr).toMatch(/column 'HWW': unknown column; did you mean 'HW' \(needed by add, relu\)\?/);
    expect(hww.stderr).not.toMatch(/kernel_type|a add/);
    const data = write(
      'nohw.csv',
      elementwiseCsv({ header: 'kernel_id,kernel_type,size,CIN,energy_mj,latency_ms' }),
    );
    const none = await train(data, join(tmp.dir, 'nohw', 'my-board-cpu'));
    expect(none.stderr).toBe(
      `error: ${data}, line 1, column 'HW': missing column 'HW' (needed by add, relu)\n`,
    );
    const empty = write('empty-cell.csv', elementwiseCsv().replace(/\nadd3,add,\d+,/, '\nadd3,add,,'));
    const cell = await train(empty, join(tmp.dir, 'cell', 'my-board-cpu'));
    expect(cell.stderr).toBe(`error: ${empty}, line 5, column 'HW': empty, but an add kernel needs HW\n`);
  });

  it('names the file that has a header but no rows', async () => {
    const data = write('header.csv', `${HEADER}\n`);
    const result = await train(data, join(tmp.dir, 'header', 'my-board-cpu'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${data}: no kernel rows to train on: the file has a header but no data rows\n`,
    );
  });

  it('says which target it cannot train, and which it leaves out', async () => {
    const data = write('latency.csv', elementwiseCsv({ withoutEnergy: () => true }));
    const energy = await train(data, join(tmp.dir, 'lat', 'my-board-cpu'), '--target', 'energy');
    expect(energy.code).toBe(1);
    expect(energy.stderr).toMatch(
      /latency\.csv, line 2, column 'energy_mj': cannot train an energy predictor: 'energy_mj' is empty on 24 of 24 rows \(lines 2, 3, 4, 5, 6, \.\.\.\)/,
    );
    const latency = await train(data, join(tmp.dir, 'lat', 'my-board-cpu'), '--folds', '2');
    expect(latency.code, latency.stderr).toBe(0);
    expect(latency.stderr).toContain(
      `warning: ${data}: 'energy_mj' is empty on 24 of 24 rows (lines 2, 3, 4, 5, 6, ...), so the bundle predicts latency only`,
    );
    expect(latency.stdout).toMatch(/latency: k-fold over 24 kernels/);
    expect(latency.stdout).toContain(
      "\n  predicts latency only: 'energy_mj' is empty on 24 of 24 rows (lines 2, 3, 4, 5, 6, ...)\n",
    );
    expect(latency.stdout).not.toMatch(/energy:/);
  });

  it('refuses --folds 1 and other bad options at once, writing nothing', async () => {
    const data = write('ok2.csv', elementwiseCsv());
    const parent = join(tmp.dir, 'folds');
    for (const args of [
      ['--folds', '1'],
      ['--folds', '2.5'],
      ['--seed', '-3'],
    ]) {
      const result = await train(data, join(parent, 'my-board-cpu'), ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`option '${args[0]} <n>' argument '${args[1]}' is invalid`));
    }
    const id = await train(data, join(parent, 'My Board'));
    expect(id.code).toBe(2);
    expect(id.stderr).toMatch(/the folder's name 'My Board' is the bundle id: lower-case letters/);
    expect(existsSync(parent)).toBe(false);
  });

  it('leaves a folder that is not a bundle alone, and replaces a broken bundle', async () => {
    const data = write('ok3.csv', elementwiseCsv());
    const notBundle = join(tmp.dir, 'mine', 'my-board-cpu');
    mkdirSync(notBundle, { recursive: true });
    writeFileSync(join(notBundle, 'notes.txt'), 'keep me');
    const refused = await train(data, notBundle, '--folds', '2');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the folder exists and is not a predictor bundle \(no manifest\.json\)/);
    expect(readdirSync(notBundle)).toEqual(['notes.txt']);

    // What an interrupted run of an older version left: a manifest that does not load.
    const predictors = join(tmp.dir, 'half');
    const half = join(predictors, 'my-board-cpu');
    mkdirSync(half, { recursive: true });
    writeFileSync(join(half, 'manifest.json'), '{"schemaVersion": 1}');
    writeFileSync(join(half, 'add.onnx'), 'x');
    const replaced = await train(data, half, '--folds', '2');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(readdirSync(predictors)).toEqual(['my-board-cpu']);
    expect(JSON.parse(readFileSync(join(half, 'manifest.json'), 'utf8'))).toMatchObject({
      id: 'my-board-cpu',
    });
    expect(loadBundles(predictors)).toHaveLength(1);
  });

  it('stops on Ctrl-C (an aborted signal) at once, writing nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const parent = join(tmp.dir, 'ctrl-c');
    const result = await cli(
      [
        'train',
        '--data',
        write('ok5.csv', elementwiseCsv()),
        '--out',
        join(parent, 'my-board-cpu'),
        '--device',
        'my-board',
        '--processor',
        'cpu',
        '--folds',
        '2',
      ],
      controller.signal,
    );
    // 130, as a shell reports Ctrl-C: `train ... && next` must not go on.
    expect(result.code).toBe(130);
    // An aborted signal stops the fit before any kernel type is done.
    expect(result.stderr).not.toMatch(/\[1\/3\]/);
    expect(result.stderr).toMatch(
      /\nerror: .*my-board-cpu: training stopped \(interrupted\); nothing was written\n$/,
    );
    expect(existsSync(parent)).toBe(false);
  });

  it('warns when the bundle id breaks the <device>-<processor> convention or shadows a default bundle', async () => {
    const data = write('ok4.csv', elementwiseCsv());
    const other = await train(data, join(tmp.dir, 'ids', 'laptop-gpu'), '--folds', '2');
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr).toMatch(
      /^warning: the bundle id will be 'laptop-gpu' \(the --out folder's name\), not 'my-board-cpu' \(<device>-<processor>\)/,
    );
    const shadow = await train(data, join(tmp.dir, 'ids', 'huawei-p40-pro-cpu'), '--folds', '2');
    expect(shadow.stderr).toContain(
      "warning: 'huawei-p40-pro-cpu' is the id of a default bundle (device huawei-p40-pro): with --predictors, this bundle replaces it",
    );
    const suffixed = await train(data, join(tmp.dir, 'ids', 'my-board-cpu-4t'), '--folds', '2');
    expect(suffixed.stderr).not.toMatch(/bundle id/);
  });
});
