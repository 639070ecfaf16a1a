/**
 * runCheck in process on real git pull requests (no GitHub: the file list comes from git diff), for
 * the defects found in realistic pull requests (issue 12). Git runs with the user's and the system's
 * configuration shut out unless a test puts a system config in on purpose.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCheck } from '../../src/action/check.js';
import type { ActionInputs } from '../../src/action/inputs.js';
import { makeTempDir } from '../git/temp-repo.js';
import { CONFIG_PATH, makePr, model, prCheckContext, type PrRepo } from './scenario.js';
import { convModel } from '../compare/symbolic-model.js';

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
  const result = await runCheck(prCheckContext(pr, { ...INPUTS, ...inputs }, (m) => logs.push(m)));
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

describe('dims a PR adds (defect 4)', () => {
  const symbolic = (batch = 'N') => Buffer.from(convModel([batch, 3, 'H', 'W']));
  const dims = (h: number) => `dims:\n  "models/new.onnx": { N: 1, M: 1, H: ${h}, W: ${h} }\n`;

  it('prices a new model at the dims the PR adds for it, and says so', async () => {
    const pr = newPr({
      base: { 'models/a.onnx': model('squeezenet1_1'), [CONFIG_PATH]: ONE_TARGET },
      head: { 'models/new.onnx': symbolic(), [CONFIG_PATH]: `${ONE_TARGET}${dims(224)}` },
    });
    const { report } = await check(pr);
    const m = report.models.find((x) => x.path === 'models/new.onnx')!;
    expect(m.targets[0]!.budget.reasons.map((r) => r.kind)).not.toContain('unset-dims');
    expect(report.warnings.join('\n')).not.toMatch(/models\/new\.onnx.*set to 1/);
    expect(m.notes.join('\n')).toMatch(/dims N=1, H=224, W=224 from this PR’s config/);
    expect(m.head!.macs).toBeGreaterThan(224 * 224 * 16 * 27 * 0.9);
  });

  it('never lets a PR shrink the dims of a model the base config covers', async () => {
    const pr = newPr({
      base: { 'models/new.onnx': symbolic(), [CONFIG_PATH]: `${ONE_TARGET}${dims(224)}` },
      head: { 'models/new.onnx': symbolic('M'), [CONFIG_PATH]: `${ONE_TARGET}${dims(8)}` },
    });
    const { report } = await check(pr);
    const m = report.models.find((x) => x.path === 'models/new.onnx')!;
    expect(m.head!.macs).toBeGreaterThan(224 * 224 * 16 * 27 * 0.9);
    expect(m.notes.join('\n')).not.toMatch(/this PR’s config/);
  });
});

describe('Git LFS where git-lfs is installed system-wide (defect 2)', () => {
  it('starts no LFS transfer, recognises the pointer and gives the lfs: true advice', async () => {
    const oid = 'a'.repeat(64);
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 1234567\n`;
    const pr = newPr({
      base: { '.gitattributes': '*.onnx filter=lfs diff=lfs merge=lfs -text\n', [CONFIG_PATH]: ONE_TARGET },
      head: { 'models/a.onnx': pointer },
    });
    // What Debian's and Ubuntu's git-lfs package leaves in /etc/gitconfig, with a download that fails.
    const ran = join(work.path, `lfs-ran-${counter}`);
    const script = join(work.path, `git-lfs-${counter}.sh`);
    writeFileSync(
      script,
      `#!/bin/sh\ntouch ${ran}\necho "Downloading models/a.onnx (1.2 MB)" >&2\necho "Error downloading object: batch response: Authentication required" >&2\nexit 2\n`,
      { mode: 0o755 },
    );
    const system = join(work.path, `gitconfig-${counter}`);
    writeFileSync(
      system,
      `[filter "lfs"]\n\tclean = ${script} clean -- %f\n\tsmudge = ${script} smudge -- %f\n\tprocess = ${script} filter-process\n\trequired = true\n`,
    );
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', undefined);
    vi.stubEnv('GIT_CONFIG_SYSTEM', system);

    const { report } = await check(pr);
    const m = report.models.find((x) => x.path === 'models/a.onnx')!;
    expect(m.error).toMatch(/Git LFS pointer/);
    expect(m.error).toContain('`lfs: true`');
    expect(m.error).not.toMatch(/exited with code|cat-file|Download/);
    expect(existsSync(ran)).toBe(false);
  });
});
