/**
 * One budget policy, two edges: the action (runCheck, in process) and `model-energy compare --base`
 * (the CLI, in process) on the same real git pull requests must reach the same verdict, the same
 * models with the same statuses and the same budget reasons, and agree on whether energy changed.
 * The CLI runs in the PR's head checkout; the action reads the same commits from git.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCheck } from '../../src/action/check.js';
import type { ActionInputs } from '../../src/action/inputs.js';
import { shouldCreate } from '../../src/action/run.js';
import { reportEnergyChanged } from '../../src/compare/change.js';
import type { ComparisonReport } from '../../src/compare/types.js';
import { renderComment } from '../../src/report/markdown.js';
import { CONFIG_PATH, makePr, model, prCheckContext, type PrRepo, type PrSpec } from '../action/scenario.js';
import { makeTempDir } from '../git/temp-repo.js';
import { cli, json } from '../cli/run.js';

const budget = (limit: string) => `budgets:\n  - models: "models/**"\n    ${limit}\n`;
const PASSING = budget('max-mj: 100000');
const FAILING = budget('max-mj: { warn: 0.001, fail: 0.002 }');
const INVALID = 'budgets: 3\n';

interface State {
  readonly name: string;
  readonly pr: PrSpec;
  readonly verdict: ComparisonReport['verdict'];
  /** Problems of the run (an invalid config): how many each edge reports. */
  readonly problems: number;
  readonly statuses: readonly string[];
  readonly energyChanged: boolean;
}

const STATES: readonly State[] = [
  {
    name: 'budget pass',
    pr: {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: PASSING },
      head: { 'models/a.onnx': model('mobilenet_v3_small') },
    },
    verdict: 'pass',
    problems: 0,
    statuses: ['modified'],
    energyChanged: true,
  },
  {
    name: 'budget fail with reasons',
    pr: {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: FAILING },
      head: { 'models/a.onnx': model('mobilenet_v3_small') },
    },
    verdict: 'fail',
    problems: 0,
    statuses: ['modified'],
    energyChanged: true,
  },
  {
    name: 'invalid merge-base config',
    pr: {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: INVALID },
      head: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: FAILING },
    },
    verdict: 'warn',
    problems: 1,
    statuses: ['modified'],
    energyChanged: true,
  },
  {
    name: 'invalid head config',
    pr: {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: FAILING },
      head: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: INVALID },
    },
    verdict: 'fail',
    problems: 1,
    statuses: ['modified'],
    energyChanged: true,
  },
  {
    name: 'rename with unchanged energy',
    pr: {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: FAILING },
      head: { 'models/a.onnx': null, 'models/b.onnx': model('squeezenet1_1') },
    },
    // The model is still over its max-mj: a rename does not make a budget pass.
    verdict: 'fail',
    problems: 0,
    statuses: ['renamed'],
    energyChanged: false,
  },
  {
    name: 'deleted model',
    pr: {
      base: {
        'models/a.onnx': model('squeezenet1_1'),
        'models/b.onnx': model('mobilenet_v3_small'),
        [CONFIG_PATH]: FAILING,
      },
      head: { 'models/a.onnx': null },
    },
    verdict: 'pass',
    problems: 0,
    statuses: ['removed'],
    energyChanged: true,
  },
  {
    name: 'added model',
    pr: {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: PASSING },
      head: { 'models/new.onnx': model('mobilenet_v3_small') },
    },
    verdict: 'pass',
    problems: 0,
    statuses: ['added'],
    energyChanged: true,
  },
];

const ONE_TARGET = { devices: ['huawei-p40-pro'], processors: ['cpu'] as const };

/** What both edges must agree on: per model its status, budget and per target the change and reasons. */
function judged(report: ComparisonReport) {
  return {
    verdict: report.verdict,
    budgetsFrom: report.budgetsFrom,
    budgetsConfigured: report.budgetsConfigured,
    problems: report.problems?.length ?? 0,
    configChanges: report.configChanges.length,
    energyChanged: reportEnergyChanged(report),
    models: report.models.map((m) => ({
      path: m.path,
      previousPath: m.previousPath,
      status: m.status,
      budget: m.budget,
      targets: m.targets.map((t) => ({
        bundle: t.target.bundle,
        change: t.change,
        status: t.budget.status,
        reasons: t.budget.reasons,
        applied: t.budget.applied,
      })),
    })),
  };
}

let work: { path: string; cleanup: () => void };
const cwd = process.cwd();

beforeAll(() => {
  work = makeTempDir('mec-policy-edges-');
});
afterAll(() => {
  process.chdir(cwd);
  work?.cleanup();
});
beforeEach(() => {
  vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
  vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
  vi.stubEnv('GIT_TERMINAL_PROMPT', '0');
});
afterEach(() => {
  process.chdir(cwd);
  vi.unstubAllEnvs();
});

const INPUTS: ActionInputs = {
  config: CONFIG_PATH,
  token: '',
  comment: 'on-change',
  commentKey: 'default',
  budgetsFrom: 'base',
  mode: 'check',
  ...ONE_TARGET,
  processors: [...ONE_TARGET.processors],
};

/** runCheck in process on a PR's pull_request event, as the action runs it (no token: git diff). */
async function actionReport(pr: PrRepo): Promise<ComparisonReport> {
  const { report } = await runCheck(prCheckContext(pr, INPUTS, () => {}));
  return report;
}

describe.each(STATES.map((s, i) => ({ ...s, index: i })))('$name', (state) => {
  it('the action and compare --base reach the same verdict and budget reasons', async () => {
    const pr = makePr(work.path, `pr-${state.index}`, state.pr);
    // The CLI runs in the PR's head checkout; the action reads the same commits from git.
    pr.repo.git('checkout', '--quiet', '--detach', pr.headSha);

    const action = await actionReport(pr);

    process.chdir(pr.repo.dir);
    const run = await cli([
      'compare',
      '--base',
      'main',
      '--json',
      '--device',
      ONE_TARGET.devices.join(','),
      '--processor',
      ONE_TARGET.processors.join(','),
    ]);
    const local = json<ComparisonReport>(run);
    expect(judged(local)).toEqual(judged(action));
    expect(run.code, run.stderr).toBe(state.verdict === 'fail' ? 1 : 0);
    expect(action.verdict).toBe(state.verdict);
    expect(action.problems?.length ?? 0).toBe(state.problems);
    expect(action.models.map((m) => m.status)).toEqual(state.statuses);
    expect(reportEnergyChanged(action)).toBe(state.energyChanged);
    expect(local.mergeBaseSha).toBe(action.mergeBaseSha);
    expect(local.headSha).toBe(action.headSha);
    if (state.verdict === 'fail')
      expect(action.models.flatMap((m) => m.targets.flatMap((t) => t.budget.reasons)).length).toBeGreaterThan(
        0,
      );
  });
});

describe('comment: on-change with a renamed model whose energy did not change', () => {
  it('creates no comment, and a comment that exists calls the model unchanged', async () => {
    const pr = makePr(work.path, 'pr-rename-on-change', {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: PASSING },
      head: { 'models/a.onnx': null, 'models/renamed.onnx': model('squeezenet1_1') },
    });
    const report = await actionReport(pr);
    expect(report.models.map((m) => [m.status, m.previousPath, m.path])).toEqual([
      ['renamed', 'models/a.onnx', 'models/renamed.onnx'],
    ]);
    expect(report.verdict).toBe('pass');
    expect(shouldCreate('on-change', report)).toBe(false);
    expect(shouldCreate('always', report)).toBe(true);
    // The comment kept current on a later push says what the policy decided: no energy change.
    const { body } = renderComment(report, { key: 'default' });
    expect(body).toContain('No energy change above the noise floor');
    expect(body).toContain('no energy change above the noise floor');

    // Another model under the old name's place is a change (git sees a deletion and an addition).
    const changed = makePr(work.path, 'pr-rename-changed', {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: PASSING },
      head: { 'models/a.onnx': null, 'models/renamed.onnx': model('mobilenet_v3_small') },
    });
    const other = await actionReport(changed);
    expect(shouldCreate('on-change', other)).toBe(true);
  });
});

describe('compare --base from a subdirectory', () => {
  it('reads the repository’s default config, and a --config given as a path from there', async () => {
    const pr = makePr(work.path, 'pr-subdir', {
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: FAILING },
      head: { 'models/a.onnx': model('mobilenet_v3_small') },
    });
    pr.repo.git('checkout', '--quiet', '--detach', pr.headSha);
    process.chdir(join(pr.repo.dir, 'models'));
    const flags = ['--device', 'huawei-p40-pro', '--processor', 'cpu', '--json'];
    for (const config of [[], ['--config', `../${CONFIG_PATH}`]]) {
      const run = await cli(['compare', '--base', 'main', ...config, ...flags]);
      const report = json<ComparisonReport>(run);
      expect(report.budgetsConfigured, run.stderr).toBe(1);
      expect(report.verdict).toBe('fail');
    }
  });
});
