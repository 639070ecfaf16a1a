import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/types.js';
import { TempRepo, makeTempDir } from '../git/temp-repo.js';
import { modelBytes, modelPath } from '../helpers/fixtures.js';
import { cli, json } from './run.js';

/**
 * `model-energy compare --base REF` in a real git checkout: a base version that cannot be analysed is
 * visible (a warning at the top, a `warn` verdict), and a working tree with uncommitted changes is
 * labelled as such, not as the head commit.
 */

const ONE_TARGET = ['--device', 'huawei-p40-pro', '--processor', 'cpu'];

let tmp: { path: string; cleanup: () => void };
let repo: TempRepo;
let headSha: string;
const cwd = process.cwd();

beforeAll(() => {
  tmp = makeTempDir('mec-compare-base-');
  repo = TempRepo.init(tmp.path);
  // On main: a.onnx is not a model (so the PR's version has no baseline), b.onnx.gz is MobileNetV2.
  repo.write('models/a.onnx', 'this was never a model\n');
  repo.write('models/b.onnx.gz', readFileSync(modelPath('mobilenet_v2')));
  repo.commit('base');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write('models/a.onnx', modelBytes('squeezenet1_1'));
  headSha = repo.commit('a real model');
  process.chdir(repo.dir);
});

afterAll(() => {
  process.chdir(cwd);
  tmp?.cleanup();
});

describe('compare --base with a base version that cannot be analysed', () => {
  it('warns at the top and in the verdict instead of passing as if the model were new', async () => {
    const result = await cli(['compare', '--base', 'main', '--format', 'markdown', ...ONE_TARGET]);
    expect(result.code, result.stderr).toBe(0);
    const md = result.stdout;
    const top = md.slice(0, md.indexOf('| Model |'));
    expect(top).toMatch(/^### ⚠️ Model energy: warning/);
    expect(top).toContain('⚠️ No baseline for `models/a.onnx`: the base version could not be analysed');
    expect(top).toContain('1 model: 1 warn · 1 without baseline');
    expect(top).not.toMatch(/unchanged/);
    expect(md).toMatch(/\| `models\/a\.onnx` \| Huawei P40 Pro CPU \| — \| [^|]+ \| no baseline \|/);
    expect(md).toContain('could not be analysed, so there is no baseline');
  });

  it('puts the warning in the JSON report: a warn budget with the reason on every target', async () => {
    const report = json<ComparisonReport>(await cli(['compare', '--base', 'main', '--json', ...ONE_TARGET]));
    expect(report.verdict).toBe('warn');
    const a = report.models.find((m) => m.path === 'models/a.onnx')!;
    expect(a.status).toBe('modified');
    expect(a.base).toBeUndefined();
    expect(a.budget).toBe('warn');
    expect(a.targets).toHaveLength(1);
    for (const t of a.targets) {
      expect(t.budget.status).toBe('warn');
      expect(t.budget.reasons).toContainEqual({ kind: 'no-baseline' });
    }
  });

  it('labels a clean checkout with its head commit and names where the budgets come from', async () => {
    const result = await cli(['compare', '--base', 'main', '--format', 'markdown', ...ONE_TARGET]);
    expect(result.stdout).toContain(`→ head \`${headSha.slice(0, 7)}\``);
    expect(result.stdout).toContain(
      'no budgets configured (no `.github/model-energy.yml` at the merge base)',
    );
    expect(result.stdout).not.toMatch(/working tree/);
    const report = json<ComparisonReport>(await cli(['compare', '--base', 'main', '--json', ...ONE_TARGET]));
    expect(report.headSha).toBe(headSha);
    expect(report).not.toHaveProperty('headIsWorkingTree');
  });

  it('labels uncommitted changes as the working tree, not as the head commit', async () => {
    repo.write('models/b.onnx.gz', readFileSync(modelPath('squeezenet1_1')));
    try {
      const result = await cli(['compare', '--base', 'main', '--format', 'markdown', ...ONE_TARGET]);
      expect(result.stdout).toContain(`→ working tree (uncommitted changes on \`${headSha.slice(0, 7)}\`)`);
      expect(result.stdout).not.toContain(`head \`${headSha.slice(0, 7)}\``);
      expect(result.stdout).toContain('`models/b.onnx.gz`');
      const report = json<ComparisonReport>(
        await cli(['compare', '--base', 'main', '--json', ...ONE_TARGET]),
      );
      expect(report).toMatchObject({ headSha, headIsWorkingTree: true });
    } finally {
      repo.git('checkout', '--quiet', '--', 'models/b.onnx.gz');
    }
  });
});

describe('compare --base with a ref that is not there', () => {
  it('gives local advice (git fetch), not the actions/checkout setting', async () => {
    const result = await cli(['compare', '--base', 'origin/no-such-branch', ...ONE_TARGET]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('git fetch origin no-such-branch');
    expect(result.stderr).not.toContain('actions/checkout');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
