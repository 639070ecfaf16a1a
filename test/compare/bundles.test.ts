import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBundles, UnknownDeviceError, type BundleSelection } from '../../src/compare/bundles.js';
import { PredictorError } from '../../src/predict/errors.js';
import { linearLaw, tempDir, writeTestBundle } from '../predict/helpers.js';

const law = linearLaw(1e-9, 1e-8, 0.001);

function bundle(root: string, device: string, processor: 'cpu' | 'gpu'): string {
  return writeTestBundle(root, `${device}-${processor}`, {
    models: {},
    edit: (m) => {
      m.device = device;
      m.processor = processor;
    },
  });
}

function selectError(selection: BundleSelection): UnknownDeviceError {
  try {
    selectBundles(selection);
  } catch (e) {
    expect(e).toBeInstanceOf(UnknownDeviceError);
    return e as UnknownDeviceError;
  }
  throw new Error('expected an UnknownDeviceError');
}

describe('selectBundles', () => {
  const tmp = tempDir('select');
  afterAll(() => tmp.cleanup());
  const preds = join(tmp.dir, 'preds');
  bundle(preds, 'huawei-p40-pro', 'cpu');
  bundle(preds, 'huawei-p40-pro', 'gpu');
  bundle(preds, 'oneplus-8-pro', 'cpu');
  const own = (selection: BundleSelection): BundleSelection => ({
    noDefaults: true,
    extra: preds,
    ...selection,
  });
  const KNOWN = 'known devices: huawei-p40-pro, oneplus-8-pro';

  it('selects by device and processor, in id order', () => {
    const ids = (s: BundleSelection) => selectBundles(own(s)).map((b) => b.manifest.id);
    expect(ids({})).toEqual(['huawei-p40-pro-cpu', 'huawei-p40-pro-gpu', 'oneplus-8-pro-cpu']);
    expect(ids({ devices: ['huawei-p40-pro'], processors: ['gpu'] })).toEqual(['huawei-p40-pro-gpu']);
    expect(ids({ devices: 'all', processors: ['cpu'] })).toEqual(['huawei-p40-pro-cpu', 'oneplus-8-pro-cpu']);
  });

  it('names where a misspelt device id came from, with a "did you mean"', () => {
    const e = selectError(own({ devices: ['huawei-p40-pr'], origin: '.github/model-energy.yml: devices' }));
    expect(e.message).toBe(
      `.github/model-energy.yml: devices: unknown device huawei-p40-pr (did you mean "huawei-p40-pro"?); ${KNOWN}`,
    );
    expect(e.file).toBe('.github/model-energy.yml: devices');
    expect(e.unknownDevices).toEqual(['huawei-p40-pr']);
    expect(e.knownDevices).toEqual(['huawei-p40-pro', 'oneplus-8-pro']);
  });

  it('explains a bundle id given as a device id', () => {
    const e = selectError(own({ devices: ['huawei-p40-pro-cpu'], origin: '--device' }));
    expect(e.message).toBe(
      `--device: unknown device huawei-p40-pro-cpu (huawei-p40-pro-cpu is a bundle id: device huawei-p40-pro, processor cpu); ${KNOWN}`,
    );
  });

  it('lists every unknown id, each with its own hint, and none for ids far from any device', () => {
    const e = selectError(
      own({ devices: ['oneplus-8-pro', 'oneplus-8pro', 'nokia-3310', 'oneplus-8-pro-cpu'] }),
    );
    expect(e.unknownDevices).toEqual(['oneplus-8pro', 'nokia-3310', 'oneplus-8-pro-cpu']);
    expect(e.problem).toBe(
      `unknown devices oneplus-8pro (did you mean "oneplus-8-pro"?), nokia-3310, oneplus-8-pro-cpu (oneplus-8-pro-cpu is a bundle id: device oneplus-8-pro, processor cpu); ${KNOWN}`,
    );
  });

  it('without an origin names the predictors folder, as before, in a PredictorError the CLI prints plainly', () => {
    const e = selectError(own({ devices: ['nokia-3310'] }));
    expect(e).toBeInstanceOf(PredictorError);
    expect(e.name).toBe('PredictorError');
    expect(e.file).toBe(preds);
    expect(e.message).toBe(`${preds}: unknown device nokia-3310; ${KNOWN}`);
  });

  it('takes a bundle folder itself as the extra bundles', () => {
    const trained = join(tmp.dir, 'trained');
    const board = writeTestBundle(trained, 'my-board-cpu', {
      models: { add: [law] },
      edit: (m) => (m.device = 'my-board'),
    });
    expect(selectBundles({ noDefaults: true, extra: board }).map((b) => b.manifest.id)).toEqual([
      'my-board-cpu',
    ]);
    expect(
      selectBundles({ noDefaults: true, extra: board, devices: ['my-board'] }).map((b) => b.manifest.device),
    ).toEqual(['my-board']);
  });

  it('refuses an empty extra folder and passes on warnings about sub-folders that are not bundles', () => {
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty);
    expect(() => selectBundles({ noDefaults: true, extra: empty })).toThrow(
      new RegExp(`^${empty}: no predictor bundle: the folder is empty`),
    );
    mkdirSync(join(preds, 'scratch'));
    const warnings: string[] = [];
    const ids = selectBundles(own({ onWarning: (w) => warnings.push(w) })).map((b) => b.manifest.id);
    expect(ids).toHaveLength(3);
    expect(warnings).toEqual([
      `${join(preds, 'scratch')}: not a predictor bundle (no manifest.json), skipped`,
    ]);
  });
});
