import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBundles } from '../../src/compare/bundles.js';
import { runTargets } from '../../src/compare/price.js';
import { compareChanges, toChangedModel } from '../../src/compare/run.js';
import { isCheckedModel } from '../../src/config/budgets.js';
import { parseConfig } from '../../src/config/load.js';
import { selectChanges } from '../../src/git/changes.js';
import { GitRepo } from '../../src/git/repo.js';
import { makeTempDir, TempRepo } from '../git/temp-repo.js';
import { modelBytes, modelPath, REFERENCE } from '../helpers/fixtures.js';
import { linearLaw, writeTestBundle } from '../predict/helpers.js';

/**
 * A repository whose models are gzip'd (as the fixtures and the README's examples are): a config
 * without `models` checks them, and the comparison reads their blobs from git like any model.
 */
describe('gzip-compressed models under the default config', () => {
  const tmp = makeTempDir('mec-gz-');
  afterAll(() => tmp.cleanup());
  const config = parseConfig('budgets:\n  - models: "**"\n    max-mj: 1000000\n', { file: 'c.yml' });

  it('finds changed .onnx.gz models in a git diff and compares base with head', async () => {
    const t = TempRepo.init(tmp.path);
    const gz = (name: string) => readFileSync(modelPath(name));
    const base = t
      .write('models/net.onnx.gz', gz('squeezenet1_1'))
      .write('models/plain.onnx', modelBytes('squeezenet1_1'))
      .write('models/readme.md', 'models\n')
      .commit('base');
    const head = t
      .write('models/net.onnx.gz', gz('mobilenet_v3_small'))
      .write('models/added.onnx.gz', gz('squeezenet1_1'))
      .write('models/readme.md', 'the models\n')
      .commit('head');

    const repo = await GitRepo.open(t.dir);
    const changes = selectChanges(await repo.diff(base, head), (p) => isCheckedModel(config, p))
      .map(toChangedModel)
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(changes).toEqual([
      { status: 'added', path: 'models/added.onnx.gz' },
      { status: 'modified', path: 'models/net.onnx.gz' },
    ]);

    const bundleDir = writeTestBundle(join(tmp.path, 'preds'), 'gz-cpu', {
      models: { others: [linearLaw(1e-9, 1e-8, 0.001)] },
    });
    const targets = await runTargets(selectBundles({ noDefaults: true, extra: bundleDir }));
    const read = (rev: string) => (path: string) => repo.readBlob(rev, path, { filters: true });
    const models = await compareChanges({
      changes,
      readBase: read(base),
      readHead: read(head),
      targets,
      config,
    });
    const [added, net] = models;
    expect(added!.error).toBeUndefined();
    expect(added!.head!.macs).toBe(REFERENCE['squeezenet1_1']!.macs);
    expect(net!.error).toBeUndefined();
    expect(net!.base!.macs).toBe(REFERENCE['squeezenet1_1']!.macs);
    expect(net!.head!.macs).toBe(REFERENCE['mobilenet_v3_small']!.macs);
    expect(net!.targets[0]!.head!.energyMj).toBeGreaterThan(0);
    expect(net!.budget).toBe('pass');
  });
});
