import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleAccuracy } from '../../src/compare/types.js';
import type { BundleManifest } from '../../src/predict/manifest.js';
import { accuracyText } from '../../src/report/accuracy.js';
import { cli, elementwiseCsv, json, tempDir, trainCli, trainSyntheticBundle } from './run.js';

/**
 * `model-energy train` on what a real `measure` run gives: rows below the meter's resolution have no
 * energy (and a note saying why), and rows of types train cannot build. 12 add and 12 relu kernels
 * (energy ~ elements, 2 W), --folds 2: a second per run.
 */
const NOTE = "net energy -0.002 mJ per run is not above the idle baseline: below the meter's resolution";

describe('model-energy train: rows without energy, and types it cannot build', () => {
  const tmp = tempDir('cli-train-partial');
  afterAll(tmp.cleanup);
  const write = (name: string, text: string) => {
    const file = join(tmp.dir, name);
    writeFileSync(file, text);
    return file;
  };
  const train = (data: string, out: string, ...extra: string[]) =>
    trainCli(data, out, '--folds', '2', ...extra);
  const manifest = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;

  // Rows 3, 5, 14 (lines 5, 7, 16) have no energy: one add, one more add, one relu.
  const partial = (i: number) => i === 3 || i === 5 || i === 14;

  it('trains energy on the rows that have it and latency on all, saying how many were left out and why', async () => {
    const data = write('partial.csv', elementwiseCsv({ withoutEnergy: partial, note: NOTE }));
    const out = join(tmp.dir, 'partial', 'my-board-cpu');
    const result = await train(data, out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${data}: 3 rows without energy_mj (lines 5, 7, 16; line 5's note: ${NOTE}): trained energy on the other 21 rows\n`,
    );
    expect(result.stderr).toMatch(/training energy and latency on 24 rows/);
    expect(result.stdout).toContain(
      '\n  predicts energy (trained on 21 of 24 rows: 3 without energy_mj) and latency\n',
    );
    expect(result.stdout).toMatch(/ {2}energy: k-fold over 21 kernels: /);
    expect(result.stdout).toMatch(/ {2}latency: k-fold over 24 kernels: /);
    const m = manifest(out);
    expect(m.targets).toEqual(['energy', 'latency']);
    // Per type, each target's figures are over the rows that have it.
    const add = m.kernels.add!.outputs;
    expect(add.map((o) => [o.target, o.accuracy?.kfold.kernels])).toEqual([
      ['energy', 10],
      ['latency', 12],
    ]);
    expect(m.provenance.notes).toContain(
      'energy is trained and cross-validated on the 21 rows with energy_mj; 3 rows without one are left out of it.',
    );

    const energy = await train(data, join(tmp.dir, 'energy', 'my-board-cpu'), '--target', 'energy');
    expect(energy.code, energy.stderr).toBe(0);
    expect(energy.stdout).toContain(
      '\n  predicts energy (trained on 21 of 24 rows: 3 without energy_mj) only: not requested (--target energy)\n',
    );
    expect(manifest(join(tmp.dir, 'energy', 'my-board-cpu')).targets).toEqual(['energy']);
  });

  it('says so in the summary when too few rows have energy, and refuses --target energy then', async () => {
    const data = write('few.csv', elementwiseCsv({ withoutEnergy: (i) => i > 1, note: NOTE }));
    const out = join(tmp.dir, 'few', 'my-board-cpu');
    const result = await train(data, out);
    expect(result.code, result.stderr).toBe(0);
    const why =
      "'energy_mj' is empty on 22 of 24 rows (lines 4, 5, 6, 7, 8, ...), and the 2 rows with a value are too few to train on (at least 5 are needed)";
    expect(result.stderr).toContain(`warning: ${data}: ${why}, so the bundle predicts latency only`);
    expect(result.stdout).toContain(`\n  predicts latency only: ${why}\n`);
    const energy = await train(data, join(tmp.dir, 'few2', 'my-board-cpu'), '--target', 'energy');
    expect(energy.code).toBe(1);
    expect(energy.stderr).toContain(`line 4, column 'energy_mj': cannot train an energy predictor: ${why}`);
  });

  it('a complete file predicts both, said plainly', async () => {
    const result = await train(
      write('all.csv', elementwiseCsv({ note: NOTE })),
      join(tmp.dir, 'all', 'my-board-cpu'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('\n  predicts energy and latency\n');
    expect(result.stderr).not.toMatch(/without energy_mj/);
  });

  it('leaves out rows of types it cannot build (attention, matmul...) with a warning, before training', async () => {
    const data = write(
      'attention.csv',
      elementwiseCsv({ note: NOTE, extra: ['att0,attention,,,0.5,0.2,', 'mm0,matmul,,,0.4,0.1,'] }),
    );
    const result = await train(data, join(tmp.dir, 'att', 'my-board-cpu'));
    expect(result.code, result.stderr).toBe(0);
    const warning =
      `warning: ${data}: kernel types 'attention', 'matmul' (2 rows, lines 26, 27): train cannot build these types; ` +
      "matmul, attention, layernorm and others are analysis-only types, priced by the bundle's 'others' regressor; " +
      'those rows are left out, training on the other 24\n';
    expect(result.stderr).toContain(warning);
    expect(result.stderr.indexOf(warning)).toBeLessThan(result.stderr.indexOf('training energy'));

    const only = write(
      'only-attention.csv',
      'kernel_type,SEQ,HIDDEN,HEADS,energy_mj\nattention,128,256,4,0.5\n',
    );
    const none = await train(only, join(tmp.dir, 'only', 'my-board-cpu'));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      new RegExp(
        `^error: ${only.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, line 2, column 'kernel_type': no row to train on: kernel type 'attention' \\(1 row, line 2\\): train cannot build this type; `,
      ),
    );
    expect(none.stderr).not.toMatch(/^training/m);
  });

  it("devices labels a latency-only bundle's accuracy as latency", async () => {
    const predictors = join(tmp.dir, 'devices');
    await trainSyntheticBundle({ predictors, device: 'lat-board', processor: 'cpu', target: 'latency' });
    await trainSyntheticBundle({ predictors, device: 'both-board', processor: 'cpu', target: 'both' });
    const result = await cli(['devices', '--predictors', predictors, '--json']);
    const bundles = json<{ bundles: { id: string; provenance: { accuracy: BundleAccuracy } }[] }>(
      result,
    ).bundles;
    const accuracy = (id: string) => accuracyText(bundles.find((b) => b.id === id)!.provenance.accuracy);
    expect(accuracy('lat-board-cpu')).toMatch(
      /^latency k-fold on 30 kernels \(no energy predictor\): \d+% within ±10%/,
    );
    expect(accuracy('both-board-cpu')).toMatch(/^k-fold on 30 kernels: \d+% within ±10%/);
  });
});
