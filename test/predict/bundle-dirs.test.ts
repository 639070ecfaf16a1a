import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundles, transferManifest } from '../../src/predict/bundle.js';
import { PredictorError } from '../../src/predict/errors.js';
import type { BundleManifest } from '../../src/predict/manifest.js';
import { linearLaw, tempDir, writeTestBundle } from './helpers.js';

/** A predictors folder as users pass it to --predictors: of bundles, or one bundle itself. */
const law = linearLaw(1e-9, 1e-8, 0.001);

function loadError(dir: string, warnings: string[] = []): PredictorError {
  try {
    loadBundles(dir, { onWarning: (w) => warnings.push(w) });
  } catch (e) {
    expect(e).toBeInstanceOf(PredictorError);
    return e as PredictorError;
  }
  throw new Error('expected a PredictorError');
}

describe('loadBundles on the folders users give', () => {
  const tmp = tempDir('bundle-dirs');
  afterAll(() => tmp.cleanup());
  const preds = join(tmp.dir, 'preds');
  const board = writeTestBundle(preds, 'my-board-cpu', { models: { add: [law] } });

  it('takes a bundle folder itself (train --out DIR, then --predictors DIR) as that one bundle', () => {
    const bundles = loadBundles(board);
    expect(bundles.map((b) => b.manifest.id)).toEqual(['my-board-cpu']);
    expect(bundles[0]!.dir).toBe(board);
    expect(loadBundles(preds).map((b) => b.manifest.id)).toEqual(['my-board-cpu']);
  });

  it('refuses an empty folder, naming it', () => {
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty);
    const e = loadError(empty);
    expect(e.file).toBe(empty);
    expect(e.message).toBe(
      `${empty}: no predictor bundle: the folder is empty (give a bundle folder, e.g. the --out of \`model-energy train\`, or a folder of them)`,
    );
  });

  it('refuses a folder with no bundle in it, naming the sub-folders without a manifest', () => {
    const none = join(tmp.dir, 'none');
    mkdirSync(join(none, 'notes'), { recursive: true });
    mkdirSync(join(none, 'old'));
    writeFileSync(join(none, 'README.md'), 'not a bundle\n');
    const e = loadError(none);
    expect(e.file).toBe(none);
    expect(e.message).toMatch(
      /no predictor bundle: the folder has no manifest\.json, and its sub-folders notes, old have none/,
    );
    const files = join(tmp.dir, 'files-only');
    mkdirSync(files);
    writeFileSync(join(files, 'kernels.csv'), 'a,b\n');
    expect(loadError(files).message).toMatch(
      /files-only: no predictor bundle: the folder has no manifest\.json and no bundle folders/,
    );
  });

  it('warns about a sub-folder that is not a bundle and loads the rest; hidden folders are ignored', () => {
    const mixed = join(tmp.dir, 'mixed');
    writeTestBundle(mixed, 'a-cpu', { models: { add: [law] } });
    writeTestBundle(mixed, 'b-gpu', { models: {} });
    mkdirSync(join(mixed, 'scratch'));
    mkdirSync(join(mixed, '.cache'));
    writeFileSync(join(mixed, 'notes.txt'), 'x\n');
    const warnings: string[] = [];
    const bundles = loadBundles(mixed, { onWarning: (w) => warnings.push(w) });
    expect(bundles.map((b) => b.manifest.id)).toEqual(['a-cpu', 'b-gpu']);
    expect(warnings).toEqual([
      `${join(mixed, 'scratch')}: not a predictor bundle (no manifest.json), skipped`,
    ]);
  });

  it('refuses an unfinished bundle (regressors written, manifest not yet), naming its manifest', () => {
    const half = join(tmp.dir, 'half');
    writeTestBundle(half, 'good-cpu', { models: {} });
    const unfinished = writeTestBundle(half, 'unfinished-cpu', { models: { add: [law] } });
    rmSync(join(unfinished, 'manifest.json'));
    const e = loadError(half);
    expect(e.file).toBe(join(unfinished, 'manifest.json'));
    expect(e.message).toMatch(
      /unfinished-cpu\/manifest\.json: missing file: the folder holds ONNX regressors but no manifest\.json, so the bundle is unfinished/,
    );
    // Given as the bundle folder itself.
    expect(loadError(unfinished).file).toBe(join(unfinished, 'manifest.json'));
  });

  it('names the manifest of a bundle whose manifest was cut short', () => {
    const cut = join(tmp.dir, 'cut');
    const dir = writeTestBundle(cut, 'cut-cpu', { models: { add: [law] } });
    const manifestFile = join(dir, 'manifest.json');
    writeFileSync(manifestFile, readFileSync(manifestFile, 'utf8').slice(0, 200));
    for (const given of [cut, dir]) {
      const e = loadError(given);
      expect(e.file).toBe(manifestFile);
      expect(e.message).toMatch(/cut-cpu\/manifest\.json: bad manifest: not valid JSON/);
    }
  });

  it('names the manifest when a model file is missing, and says where a transfer keeps its regressors', () => {
    const root = join(tmp.dir, 'transfer');
    const baseDir = writeTestBundle(root, 'base-cpu', { models: { add: [law] } });
    const base = JSON.parse(readFileSync(join(baseDir, 'manifest.json'), 'utf8')) as BundleManifest;
    const manifest = transferManifest(base, {
      id: 'phone-gpu',
      device: 'phone',
      processor: 'gpu',
      runtime: { name: 'tflite', delegate: 'gpu' },
      threads: null,
      factors: { compute: { energy: 0.5 }, memory: { energy: 2 } },
      uncertainty: { energy: { coverage: 0.9, low: 0.8, high: 1.2 } },
      method: 'test',
      provenance: { kind: 'transfer', data: { description: 'test', files: [], rows: 0 }, command: 'test' },
    });
    // The transfer copied alone, without the base bundle its regressors live in.
    const alone = join(tmp.dir, 'alone', 'phone-gpu');
    mkdirSync(alone, { recursive: true });
    writeFileSync(join(alone, 'manifest.json'), JSON.stringify(manifest));
    const e = loadError(alone);
    expect(e.file).toBe(join(tmp.dir, 'alone', 'base-cpu', 'add.onnx'));
    expect(e.message).toMatch(
      new RegExp(
        `missing file: the model of 'add' \\(/kernels/add/model\\), named in ${join(alone, 'manifest.json')}; a transfer uses the regressors of its base bundle 'base-cpu', which must sit beside it`,
      ),
    );
    // Beside its base it loads, given as a folder of bundles or as the transfer's own folder.
    const together = join(tmp.dir, 'together');
    mkdirSync(join(together, 'phone-gpu'), { recursive: true });
    writeFileSync(join(together, 'phone-gpu', 'manifest.json'), JSON.stringify(manifest));
    mkdirSync(join(together, 'base-cpu'));
    for (const f of ['manifest.json', 'add.onnx', 'others.onnx'])
      copyFileSync(join(baseDir, f), join(together, 'base-cpu', f));
    expect(loadBundles(together).map((b) => b.manifest.id)).toEqual(['base-cpu', 'phone-gpu']);
    expect(loadBundles(join(together, 'phone-gpu')).map((b) => b.manifest.id)).toEqual(['phone-gpu']);
  });

  it('refuses a missing folder and a file, naming them', () => {
    expect(loadError(join(tmp.dir, 'nowhere')).message).toBe(
      `${join(tmp.dir, 'nowhere')}: missing predictors folder`,
    );
    const file = join(tmp.dir, 'preds.txt');
    writeFileSync(file, 'x\n');
    expect(loadError(file).message).toMatch(
      /preds\.txt: not a folder: give a folder of predictor bundles, or one bundle folder/,
    );
  });
});
