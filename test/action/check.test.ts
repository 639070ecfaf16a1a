/**
 * runCheck in process on real git pull requests (no GitHub: the file list comes from git diff), for
 * the defects found in realistic pull requests (issue 12). Git runs with the user's and the system's
 * configuration shut out unless a test puts a system config in on purpose.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCheck } from '../../src/action/check.js';
import type { ActionInputs } from '../../src/action/inputs.js';
import { makeTempDir } from '../git/temp-repo.js';
import { CONFIG_PATH, makePr, model, type PrRepo } from './scenario.js';

let work: { path: string; cleanup: () => void };
let counter = 0;

beforeAll(() => {
  work = makeTempDir('mec-check-');
});
afterAll(() => work?.cleanup());
beforeEach(() => {
  vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
  vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
  vi.stubEnv('GIT_TERMINAL_PROMPT', '0');
});
afterEach(() => vi.unstubAllEnvs());

const INPUTS: ActionInputs = {
  config: CONFIG_PATH,
  token: '',
  comment: 'never',
  commentKey: 'default',
  budgetsFrom: 'base',
  mode: 'check',
};

function newPr(spec: Parameters<typeof makePr>[2]): PrRepo {
  counter += 1;
  return makePr(work.path, `pr-${counter}`, spec);
}

async function check(pr: PrRepo, inputs: Partial<ActionInputs> = {}) {
  const logs: string[] = [];
  const result = await runCheck({
    workspace: pr.repo.dir,
    repository: 'acme/models',
    event: {
      kind: 'pull_request',
      number: pr.number,
      baseRef: 'main',
      baseSha: pr.baseSha,
      headSha: pr.headSha,
    },
    inputs: { ...INPUTS, ...inputs },
    log: (m) => logs.push(m),
  });
  return { ...result, logs };
}

const ONE_TARGET = 'devices: [huawei-p40-pro]\nprocessors: [cpu]\n';

describe('an invalid config at the merge base (defect 6)', () => {
  it('says the base is invalid, not that the PR makes it so, when the PR edits an unrelated part', async () => {
    const broken = (glob: string) =>
      `${ONE_TARGET}models: ["${glob}"]\nbudgets:\n  - models: "**"\n    devices: [huawei-p40]\n    max-mj: 1\n`;
    const pr = newPr({
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: broken('**/*.onnx') },
      head: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: broken('models/**/*.onnx') },
    });
    const { report } = await check(pr);
    const said = [...(report.problems ?? []), ...report.configChanges].join('\n');
    expect(said).toMatch(/config at the merge base is invalid/);
    expect(said).not.toMatch(/this PR makes the config invalid/);
    expect(said).toMatch(/still invalid at the head/);
    expect(report.verdict).not.toBe('pass');
  });

  it('still blames the PR when it breaks a valid base config', async () => {
    const pr = newPr({
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: ONE_TARGET },
      head: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: `${ONE_TARGET}budgets: 3\n` },
    });
    const { report } = await check(pr);
    expect((report.problems ?? []).join('\n')).toMatch(/this PR makes the config invalid/);
  });
});
