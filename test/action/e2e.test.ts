/**
 * The built action end to end: dist/index.js runs as a child process from a copy of the repository
 * without node_modules, on real git history made from the fixture models, against a loopback fake of
 * the GitHub REST API. Assertions are on what a runner and GitHub would see: exit codes, workflow
 * commands, GITHUB_OUTPUT, the job summary, the JSON report and the fake's stored comments.
 * A smoke suite of what only the bundle can show; the action's cases (pass, warn, fail, fail-on,
 * fork, retries, publish) run in process in run.test.ts.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import MarkdownIt from 'markdown-it';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/types.js';
import { ACTIONS_BOT, FakeGitHub, HUMAN, MAX_COMMENT_BODY } from '../github/fake-github.js';
import { makeTempDir } from '../git/temp-repo.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { copyAction, nodeModulesOnTheWayUp, runStep, type ActionCopy, type StepResult } from './harness.js';
import {
  CONFIG_PATH,
  makePr,
  model,
  pullRequestPayload,
  pushToPr,
  registerPull,
  shallowCheckout,
  workflowRunPayload,
  type PrRepo,
} from './scenario.js';

const TOKEN = 'ghs_e2eFakeInstallationToken0001';
const MARKER = '<!-- model-energy-check:default -->';
/** Two phones, both processors: the example config, and fast enough for many runs. */
const TWO_DEVICES = 'devices: [huawei-p40-pro, oneplus-8-pro]\nprocessors: [cpu, gpu]\n';
/** Enough new models on 16 targets that the comment must drop models and the summary must be cut. */
const MANY_MODELS = 60;

let copy: ActionCopy;
let work: { path: string; cleanup: () => void };
let fake: FakeGitHub;
let counter = 0;

beforeAll(() => {
  copy = copyAction();
  work = makeTempDir('mec-e2e-');
}, 120_000);

afterAll(() => {
  copy?.cleanup();
  work?.cleanup();
});

beforeEach(async () => {
  fake = await FakeGitHub.start({ owner: 'acme', repo: 'models', token: TOKEN });
});

afterEach(async () => {
  await fake.close();
});

interface Run extends StepResult {
  readonly report: ComparisonReport | undefined;
}

function scratch(): string {
  return join(work.path, `step-${++counter}`);
}

function newPr(name: string, spec: Parameters<typeof makePr>[2]): PrRepo {
  return makePr(join(work.path, 'repos'), `${name}-${++counter}`, spec);
}

/** A `pull_request` run of the action on `pr`, with the token unless told otherwise. */
async function checkPr(
  pr: PrRepo,
  options: {
    inputs?: Record<string, string>;
    workspace?: string;
    token?: string;
    headRepository?: string;
  } = {},
): Promise<Run> {
  const result = await runStep({
    copy,
    workspace: options.workspace ?? pr.repo.dir,
    eventName: 'pull_request',
    payload: pullRequestPayload(fake, pr, options.headRepository),
    repository: fake.fullName,
    apiUrl: fake.url,
    sha: pr.mergeSha,
    ref: `refs/pull/${pr.number}/merge`,
    token: options.token ?? TOKEN,
    ...(options.inputs ? { inputs: options.inputs } : {}),
    scratch: scratch(),
  });
  return withReport(result);
}

function withReport(result: StepResult): Run {
  const path = result.outputs['report'];
  const report =
    path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ComparisonReport) : undefined;
  return { ...result, report };
}

/** Says what the step printed when an expectation on it fails. */
function explain(run: StepResult): string {
  return `exit ${run.exitCode}\n--- stdout ---\n${run.stdout.slice(-6000)}\n--- stderr ---\n${run.stderr.slice(-3000)}`;
}

function commandsOf(run: StepResult, command: string) {
  return run.commands.filter((c) => c.command === command);
}

function budgetConfig(budget: string, extra = ''): string {
  return `${TWO_DEVICES}budgets:\n  - models: "models/**/*.onnx"\n${budget}${extra}`;
}

const modelOf = (report: ComparisonReport | undefined, path: string) =>
  report?.models.find((m) => m.path === path);

describe('the built action as a runner runs it', () => {
  it('runs from a copy of the repository without node_modules', () => {
    expect(existsSync(copy.entry)).toBe(true);
    expect(copy.entry.endsWith(join('dist', 'index.js'))).toBe(true);
    expect(existsSync(join(copy.dir, 'node_modules'))).toBe(false);
    // Node would find packages in any ancestor's node_modules: there must be none.
    expect(nodeModulesOnTheWayUp(copy.dir)).toEqual([]);
    expect(existsSync(join(copy.dir, 'predictors'))).toBe(true);
    expect(copy.outputNames).toEqual(
      expect.arrayContaining([
        'report',
        'comment-body',
        'total-energy-mj',
        'worst-change-pct',
        'violations',
        'comment-url',
        'verdict',
      ]),
    );
  });

  it('creates one comment, leaves it alone when nothing changed, and updates it in place on a new push', async () => {
    // main later lands the same model change: a base-tip comparison would see no change, the merge base does.
    let pr = newPr('sticky', {
      base: {
        'models/a.onnx': model('mobilenet_v3_small'),
        [CONFIG_PATH]: budgetConfig('    max-mj: { warn: 100000 }\n'),
      },
      head: { 'models/a.onnx': model('mobilenet_v2') },
      baseLater: { 'models/a.onnx': model('mobilenet_v2') },
    });
    await registerPull(fake, pr);

    const first = await checkPr(pr);
    expect(first.exitCode, explain(first)).toBe(0);
    // The token is masked before anything else is logged.
    expect(first.commands[0]).toEqual({ command: 'add-mask', properties: {}, message: TOKEN });
    expect(first.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);

    const comments = fake.commentsOn(pr.number);
    expect(comments).toHaveLength(1);
    const [comment] = comments;
    expect(comment!.user).toEqual(ACTIONS_BOT);
    expect(comment!.body.startsWith(MARKER)).toBe(true);
    expect(comment!.body).toBe(first.outputs['comment-body']);
    expect(comment!.body).toContain('models/a.onnx');
    expect(comment!.body).toContain(pr.headSha.slice(0, 7));
    expect(comment!.body).toContain(pr.forkPoint.slice(0, 7));
    expect(first.outputs['comment-url']).toBe(fake.commentUrl(comment!));
    expect(fake.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);

    // Outputs, report and summary.
    const report = first.report!;
    expect(report).toBeDefined();
    expect(first.outputs['report']).toBe(join(first.runnerTemp, 'model-energy-report-default.json'));
    expect(report).toMatchObject({
      schemaVersion: 1,
      kind: 'comparison',
      repository: 'acme/models',
      pullRequest: pr.number,
      baseSha: pr.baseSha,
      headSha: pr.headSha,
      mergeBaseSha: pr.forkPoint,
      budgetsFrom: 'base',
      verdict: 'pass',
    });
    const a = modelOf(report, 'models/a.onnx')!;
    expect(a.status).toBe('modified');
    expect(a.targets).toHaveLength(4);
    // Compared with the merge base (mobilenet_v3_small), not main's tip (already the head's model).
    for (const t of a.targets) {
      expect(t.change).toBe('increase');
      expect(t.deltaMj!).toBeGreaterThan(0);
    }
    const total = a.targets.reduce((s, t) => s + t.head!.energyMj, 0);
    expect(Number(first.outputs['total-energy-mj'])).toBeCloseTo(total, 2);
    expect(first.outputs['worst-change-pct']).toBe(report.worstChangePct!.toFixed(2));
    expect(report.worstChangePct!).toBe(Math.max(...a.targets.map((t) => t.deltaPct!)));
    expect(first.outputs['violations']).toBe('0');
    expect(first.outputs['verdict']).toBe('pass');
    expect(first.summary).toContain('models/a.onnx');
    expect(first.summary).not.toContain(MARKER);
    expect(commandsOf(first, 'warning')).toEqual([]);
    expect(commandsOf(first, 'error')).toEqual([]);

    // Second run on the same commits: the same body, so no edit.
    const second = await checkPr(pr);
    expect(second.exitCode, explain(second)).toBe(0);
    expect(second.outputs['comment-body']).toBe(first.outputs['comment-body']);
    expect(fake.requestsTo('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(0);
    expect(fake.requestsTo('POST', /\/issues\/\d+\/comments$/)).toHaveLength(1);
    expect(fake.commentsOn(pr.number)).toHaveLength(1);
    expect(fake.commentsOn(pr.number)[0]!.updatedAt).toBe(comment!.updatedAt);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);

    // A new push: the same comment is edited, none is added.
    pr = pushToPr(pr, { 'models/b.onnx': model('squeezenet1_1') });
    await registerPull(fake, pr);
    const third = await checkPr(pr);
    expect(third.exitCode, explain(third)).toBe(0);
    expect(fake.requestsTo('POST', /\/issues\/\d+\/comments$/)).toHaveLength(1);
    const patches = fake.requestsTo('PATCH', /\/issues\/comments\/\d+$/);
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toBe(`/repos/acme/models/issues/comments/${comment!.id}`);
    const after = fake.commentsOn(pr.number);
    expect(after).toHaveLength(1);
    expect(after[0]!.body).toBe(third.outputs['comment-body']);
    expect(after[0]!.body).toContain(pr.headSha.slice(0, 7));
    expect(after[0]!.body).toContain('models/b.onnx');
    expect(after[0]!.body).not.toBe(first.outputs['comment-body']);
    expect(third.report!.headSha).toBe(pr.headSha);
  }, 180_000);

  it('reports a new, a deleted and a renamed model', async () => {
    const pr = newPr('statuses', {
      base: {
        'models/a.onnx': model('mobilenet_v3_small'),
        'models/b.onnx': model('squeezenet1_1'),
        'models/c.onnx': model('shufflenet_v2_x1_0'),
        [CONFIG_PATH]: TWO_DEVICES,
      },
      head: {
        'models/b.onnx': null,
        'models/c.onnx': null,
        'models/renamed/c2.onnx': model('shufflenet_v2_x1_0'),
        'models/n.onnx': model('mobilenet_v3_small'),
      },
    });
    const pull = await registerPull(fake, pr);
    expect(pull.files).toEqual(
      expect.arrayContaining([
        { filename: 'models/b.onnx', status: 'removed' },
        { filename: 'models/renamed/c2.onnx', status: 'renamed', previous_filename: 'models/c.onnx' },
        { filename: 'models/n.onnx', status: 'added' },
      ]),
    );
    const run = await checkPr(pr);
    expect(run.exitCode, explain(run)).toBe(0);

    const report = run.report!;
    expect(report.models.map((m) => [m.path, m.status]).sort()).toEqual([
      ['models/b.onnx', 'removed'],
      ['models/n.onnx', 'added'],
      ['models/renamed/c2.onnx', 'renamed'],
    ]);
    const added = modelOf(report, 'models/n.onnx')!;
    expect(added.base).toBeUndefined();
    expect(
      added.targets.every((t) => t.change === 'new' && t.deltaPct === undefined && t.head !== undefined),
    ).toBe(true);
    const removed = modelOf(report, 'models/b.onnx')!;
    expect(removed.head).toBeUndefined();
    expect(removed.targets.every((t) => t.change === 'removed' && t.head === undefined)).toBe(true);
    const renamed = modelOf(report, 'models/renamed/c2.onnx')!;
    expect(renamed.previousPath).toBe('models/c.onnx');
    expect(renamed.targets.every((t) => t.change === 'unchanged' && t.deltaMj === 0)).toBe(true);

    const body = fake.commentsOn(pr.number)[0]!.body;
    expect(body).toContain('*new*');
    expect(body).toContain('*removed*');
    expect(body).toMatch(/models\/c\.onnx.*→.*models\/renamed\/c2\.onnx/);
    expect(body).not.toContain('+100');
    // Only the renamed model has a baseline, and it did not change beyond the noise floor.
    expect(run.outputs['worst-change-pct']).toBe('');
  }, 120_000);

  it('checks TFLite models under the default globs: a quantized, a renamed and a new one, with the precision change', async () => {
    const tflite = (name: string) => gunzipSync(readFileSync(join(FIXTURES, 'models-tflite', name)));
    const pr = newPr('tflite', {
      base: {
        'app/src/main/assets/model.tflite': tflite('mobilenetv2_fp32.tflite.gz'),
        'app/src/main/assets/old.tflite': tflite('mobilenetv3small_fp32.tflite.gz'),
        [CONFIG_PATH]: TWO_DEVICES,
      },
      head: {
        'app/src/main/assets/model.tflite': tflite('mobilenetv2_int8.tflite.gz'),
        'app/src/main/assets/old.tflite': null,
        'app/src/main/assets/detector.tflite': tflite('mobilenetv3small_fp32.tflite.gz'),
        'app/src/main/assets/new.tflite.gz': gzipSync(tflite('mobilenetv3small_int8.tflite.gz')),
      },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr, { inputs: { 'fail-on': 'regression' } });
    expect(run.exitCode, explain(run)).toBe(0);
    const report = run.report!;
    expect(report.models.map((m) => [m.path, m.status]).sort()).toEqual([
      ['app/src/main/assets/detector.tflite', 'renamed'],
      ['app/src/main/assets/model.tflite', 'modified'],
      ['app/src/main/assets/new.tflite.gz', 'added'],
    ]);
    const quantized = modelOf(report, 'app/src/main/assets/model.tflite')!;
    expect([quantized.base?.precision, quantized.head?.precision]).toEqual(['fp32', 'int8']);
    for (const t of quantized.targets.filter((x) => x.target.processor === 'cpu'))
      expect(t.change).toBe('decrease');
    const body = fake.commentsOn(pr.number)[0]!.body;
    expect(body).toContain('precision fp32 → int8');
    expect(body).toMatch(/old\.tflite.*→.*detector\.tflite/);
    expect(body).toContain('*new*');
  }, 120_000);

  it('checks gzip-compressed models under the default globs, without warnings about unchanged ones', async () => {
    const pr = newPr('gzipped', {
      base: {
        'models/g.onnx.gz': gzipSync(model('mobilenet_v3_small')),
        'models/still.onnx.gz': gzipSync(model('squeezenet1_1')),
        [CONFIG_PATH]: 'devices: [huawei-p40-pro]\n',
      },
      head: { 'models/g.onnx.gz': gzipSync(model('squeezenet1_1')) },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr);
    expect(run.exitCode, explain(run)).not.toBe(2);
    const report = run.report!;
    expect(report.models.map((m) => [m.path, m.status])).toEqual([['models/g.onnx.gz', 'modified']]);
    expect(modelOf(report, 'models/g.onnx.gz')!.targets.every((t) => (t.deltaPct ?? 0) > 0)).toBe(true);
    // The unchanged .gz model is opened only to list its external data: no warning about it.
    expect(report.warnings).toEqual([]);
  }, 120_000);

  it('applies the base budget to a PR that loosens its own, and shows the config change', async () => {
    const pr = newPr('loosen', {
      base: {
        'models/a.onnx': model('mobilenet_v3_small'),
        [CONFIG_PATH]: budgetConfig('    max-increase-pct: { fail: 5 }\n'),
      },
      head: {
        'models/a.onnx': model('squeezenet1_1'),
        [CONFIG_PATH]: budgetConfig('    max-increase-pct: { fail: 100000 }\n'),
      },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr);

    expect(run.exitCode, explain(run)).toBe(1);
    expect(run.outputs['verdict'], explain(run)).toBe('fail');
    expect(run.report!.budgetsFrom).toBe('base');
    expect(run.report!.configChanges.length).toBeGreaterThan(0);
    expect(run.report!.configChanges.join('\n')).toMatch(/max-increase-pct/);
    expect(run.report!.models[0]!.targets[0]!.budget.reasons).toContainEqual(
      expect.objectContaining({ kind: 'limit', threshold: 5 }),
    );
    const body = fake.commentsOn(pr.number)[0]!.body;
    expect(body).toContain('This PR edits the energy config');
    expect(body).toContain('Config changes');
    // The row says what the PR would change.
    expect(body).toContain('max-increase-pct fail 5 -&gt; 100000 (loosened)');
    expect(commandsOf(run, 'error').some((e) => e.properties['file'] === 'models/a.onnx')).toBe(true);
  }, 120_000);

  it('uses the defaults when the base has no config, without crashing', async () => {
    const pr = newPr('no-base-config', {
      base: { 'models/a.onnx': model('mobilenet_v3_small') },
      head: {
        'models/a.onnx': model('squeezenet1_1'),
        // The PR adds a config with a budget it breaks: it applies only after merge.
        [CONFIG_PATH]: budgetConfig('    max-mj: 0.001\n'),
      },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr);

    expect(run.exitCode, explain(run)).toBe(0);
    expect(commandsOf(run, 'error')).toEqual([]);
    expect(run.outputs['verdict']).toBe('pass');
    expect(run.outputs['violations']).toBe('0');
    expect(run.report!.budgetsFrom).toBe('base');
    expect(run.report!.configChanges.length).toBeGreaterThan(0);
    // Defaults: every device and both processors.
    expect(run.report!.models[0]!.targets.length).toBeGreaterThan(4);
    expect(fake.commentsOn(pr.number)[0]!.body).toContain('This PR edits the energy config');
  }, 120_000);

  it('reports a PR that breaks the config instead of crashing, judging it under the base budgets', async () => {
    const pr = newPr('broken-config', {
      base: {
        'models/a.onnx': model('mobilenet_v3_small'),
        [CONFIG_PATH]: budgetConfig('    max-increase-pct: { warn: 100000 }\n'),
      },
      head: {
        'models/a.onnx': model('squeezenet1_1'),
        [CONFIG_PATH]: 'budgets:\n  - models: "**"\n    max-mJ: 5\n',
      },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr);

    expect(run.exitCode, explain(run)).toBe(0);
    expect(run.report!.budgetsFrom).toBe('base');
    expect(run.report!.configChanges.join('\n')).toMatch(
      /makes the config invalid.*max-mJ.*did you mean "max-mj"/,
    );
    expect(commandsOf(run, 'warning').some((w) => /this PR makes the config invalid/.test(w.message))).toBe(
      true,
    );
    // Never a quiet pass: the verdict is lifted to a warning and the comment leads with the problem.
    expect(run.report!.verdict).toBe('warn');
    expect(fake.commentsOn(pr.number)[0]!.body).toContain('makes the config invalid');
  }, 120_000);

  it('warns, without blaming the PR, when the config is already invalid at the merge base', async () => {
    const broken = 'budgets:\n  - models: "**"\n    devices: [huawei-p40]\n    max-mj: 1\n';
    const pr = newPr('base-broken-config', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: broken },
      head: { 'models/a.onnx': model('squeezenet1_1') },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr);

    expect(run.exitCode, explain(run)).toBe(0);
    expect(run.report!.verdict).toBe('warn');
    expect(run.report!.configChanges).toEqual([]);
    const body = fake.commentsOn(pr.number)[0]!.body;
    expect(body).toMatch(/config at the merge base is invalid.*unknown device "huawei-p40"/);
    expect(body).not.toContain('this PR makes the config invalid');
  }, 120_000);

  it('says a Git LFS pointer is not the model, instead of a parse error', async () => {
    const pointer =
      'version https://git-lfs.github.com/spec/v1\n' +
      `oid sha256:${'4d7a2146'.repeat(8)}\n` +
      `size ${model('squeezenet1_1').length}\n`;
    const pr = newPr('lfs', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: TWO_DEVICES },
      head: { '.gitattributes': '*.onnx filter=lfs diff=lfs merge=lfs -text\n', 'models/a.onnx': pointer },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr);

    const a = modelOf(run.report, 'models/a.onnx');
    expect(a?.error, explain(run)).toMatch(/Git LFS pointer/);
    expect(a!.error).toMatch(/lfs: true/);
    expect(a!.error).not.toMatch(/not a valid ONNX model|protobuf|invalid wire type/i);
    const annotation = commandsOf(run, 'error').find((e) => e.properties['file'] === 'models/a.onnx');
    expect(annotation?.message).toMatch(/Git LFS pointer/);
    expect(run.exitCode).toBe(1);
    expect(run.outputs['violations']).toBe('1');
    expect(fake.commentsOn(pr.number)[0]!.body).toMatch(/Git LFS pointer/);
  }, 120_000);

  it('fetches what a shallow clone lacks to find the merge base', async () => {
    const pr = newPr('shallow', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: TWO_DEVICES },
      head: { 'models/a.onnx': model('mobilenet_v2') },
    });
    await registerPull(fake, pr);
    const clone = shallowCheckout(pr, join(work.path, 'clones'), `shallow-${++counter}`);
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    expect(() => clone.git('cat-file', '-e', `${pr.forkPoint}^{commit}`)).toThrow();

    const run = await checkPr(pr, { workspace: clone.dir });
    expect(run.exitCode, explain(run)).toBe(0);
    expect(run.log).toMatch(/fetched missing history: git fetch/);
    expect(run.report!.mergeBaseSha).toBe(pr.forkPoint);
    const a = modelOf(run.report, 'models/a.onnx')!;
    expect(a.status).toBe('modified');
    expect(a.targets.every((t) => t.base !== undefined && t.change === 'increase')).toBe(true);
    expect(fake.commentsOn(pr.number)).toHaveLength(1);
  }, 120_000);

  it('on a fork (403 on commenting) still writes summary and outputs, prints a notice, and gates by the verdict', async () => {
    const pr = newPr('fork', {
      base: {
        'models/a.onnx': model('mobilenet_v3_small'),
        [CONFIG_PATH]: budgetConfig('    max-increase-pct: 5\n'),
      },
      head: { 'models/a.onnx': model('squeezenet1_1') },
    });
    await registerPull(fake, pr, { headRepository: 'forker/models' });
    fake.forbidCommentWrites();
    const run = await checkPr(pr, { headRepository: 'forker/models' });

    expect(run.exitCode, explain(run)).toBe(1);
    expect(fake.requestsTo('POST', /\/issues\/\d+\/comments$/).map((r) => r.status)).toEqual([403]);
    expect(fake.comments).toEqual([]);
    const notices = commandsOf(run, 'notice');
    expect(notices.some((n) => /Could not comment on #7: the token is read-only/.test(n.message))).toBe(true);
    expect(notices.some((n) => /mode: publish/.test(n.message))).toBe(true);
    // Not a crash: the only errors are the annotation and the verdict.
    expect(commandsOf(run, 'error').map((e) => e.properties['file'] ?? '(step)')).toEqual([
      'models/a.onnx',
      '(step)',
    ]);
    expect(run.summary).toContain('models/a.onnx');
    expect(run.outputs['verdict']).toBe('fail');
    expect(run.outputs['comment-body']).toContain(MARKER);
    expect(run.outputs['comment-url']).toBeUndefined();
    expect(existsSync(run.outputs['report']!)).toBe(true);
  }, 120_000);

  it('leaves one comment when a create answers 502 after GitHub made it, and waits out a rate limit', async () => {
    const pr = newPr('flaky-post', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: TWO_DEVICES },
      head: { 'models/a.onnx': model('mobilenet_v2') },
    });
    await registerPull(fake, pr);
    fake.rateLimitNext('GET', `/repos/acme/models/issues/${pr.number}/comments`, { retryAfterSeconds: 1 });
    fake.failNext({
      method: 'POST',
      path: `/repos/acme/models/issues/${pr.number}/comments`,
      status: 502,
      afterEffect: true,
    });
    const run = await checkPr(pr);

    expect(run.exitCode, explain(run)).toBe(0);
    expect(
      fake.requestsTo('GET', `/repos/acme/models/issues/${pr.number}/comments`).map((r) => r.status),
    ).toEqual([403, 200, 200]);
    expect(
      fake.requestsTo('POST', `/repos/acme/models/issues/${pr.number}/comments`).map((r) => r.status),
    ).toEqual([502]);
    const comments = fake.commentsOn(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(run.outputs['comment-body']);
    expect(run.outputs['comment-url']).toBe(fake.commentUrl(comments[0]!));
    expect(commandsOf(run, 'warning')).toEqual([]);
  }, 120_000);

  it('with comment: on-violation posts nothing on a pass, but keeps an existing comment current', async () => {
    let pr = newPr('on-violation', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: TWO_DEVICES },
      head: { 'models/a.onnx': model('mobilenet_v2') },
    });
    await registerPull(fake, pr);
    const quiet = await checkPr(pr, { inputs: { comment: 'on-violation' } });
    expect(quiet.exitCode, explain(quiet)).toBe(0);
    expect(quiet.outputs['verdict']).toBe('pass');
    expect(fake.comments).toEqual([]);
    expect(fake.requestsTo('POST', /\/comments$/)).toEqual([]);
    expect(quiet.outputs['comment-body']).toContain(MARKER);
    expect(quiet.outputs['comment-url']).toBeUndefined();

    // An earlier run's comment (e.g. from when the PR broke a budget) is updated, not left stale.
    const old = fake.addComment(pr.number, `${MARKER}\n### ❌ Model energy: fail`, ACTIONS_BOT);
    pr = pushToPr(pr, { 'models/b.onnx': model('squeezenet1_1') });
    await registerPull(fake, pr);
    const updated = await checkPr(pr, { inputs: { comment: 'on-violation' } });
    expect(updated.exitCode, explain(updated)).toBe(0);
    expect(fake.commentsOn(pr.number)).toEqual([old]);
    expect(old.body).toBe(updated.outputs['comment-body']);
    expect(old.body).toContain('models/b.onnx');
  }, 120_000);

  it('on push reports the models of the commit, with no comparison and no REST calls', async () => {
    const pr = newPr('push', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: TWO_DEVICES },
      head: { 'models/b.onnx': model('squeezenet1_1') },
    });
    const run = withReport(
      await runStep({
        copy,
        workspace: pr.repo.dir,
        eventName: 'push',
        payload: {
          ref: 'refs/heads/feature',
          before: pr.forkPoint,
          after: pr.headSha,
          repository: { full_name: fake.fullName },
        },
        repository: fake.fullName,
        apiUrl: fake.url,
        sha: pr.headSha,
        ref: 'refs/heads/feature',
        token: TOKEN,
        scratch: scratch(),
      }),
    );
    expect(run.exitCode, explain(run)).toBe(0);
    expect(run.report!.models.map((m) => [m.path, m.status])).toEqual([
      ['models/a.onnx', 'added'],
      ['models/b.onnx', 'added'],
    ]);
    expect(run.report!.headSha).toBe(pr.headSha);
    expect(run.report!.mergeBaseSha).toBeUndefined();
    expect(run.outputs['worst-change-pct']).toBe('');
    expect(Number(run.outputs['total-energy-mj'])).toBeGreaterThan(0);
    expect(run.summary).toContain('models/b.onnx');
    expect(fake.requests).toEqual([]);
  }, 120_000);

  it('reads every page of a PR with more changed files than one page', async () => {
    const notes: Record<string, string> = {};
    for (let i = 0; i < 150; i++) notes[`docs/notes/${String(i).padStart(3, '0')}.md`] = `note ${i}\n`;
    const pr = newPr('many-files', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: TWO_DEVICES },
      head: { ...notes, 'models/a.onnx': model('mobilenet_v2') },
    });
    const pull = await registerPull(fake, pr);
    expect(pull.files).toHaveLength(151);
    // Sorted like git's output, the model comes after the 150 notes: on the second page.
    expect(pull.files.findIndex((f) => f.filename === 'models/a.onnx')).toBeGreaterThanOrEqual(100);

    const run = await checkPr(pr);
    expect(run.exitCode, explain(run)).toBe(0);
    const pages = fake.requestsTo('GET', `/repos/acme/models/pulls/${pr.number}/files`);
    expect(pages.map((r) => [r.query.get('per_page'), r.query.get('page') ?? '1'])).toEqual([
      ['100', '1'],
      ['100', '2'],
    ]);
    expect(run.log).not.toMatch(/using git diff/);
    expect(run.report!.models.map((m) => m.path)).toEqual(['models/a.onnx']);
  }, 120_000);

  it('finds its comment on the second page of comments and updates it, leaving quoted markers alone', async () => {
    const pr = newPr('page-two', {
      base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: TWO_DEVICES },
      head: { 'models/a.onnx': model('mobilenet_v2') },
    });
    await registerPull(fake, pr);
    const quoted = fake.addComment(pr.number, `Why does the bot write ${MARKER}?`, HUMAN);
    for (let i = 0; i < 119; i++) fake.addComment(pr.number, `review comment ${i}`, HUMAN);
    const ours = fake.addComment(pr.number, `${MARKER}\nan older report`, ACTIONS_BOT);
    expect(fake.commentsOn(pr.number).indexOf(ours)).toBe(120);

    const run = await checkPr(pr);
    expect(run.exitCode, explain(run)).toBe(0);
    const listed = fake.requestsTo('GET', `/repos/acme/models/issues/${pr.number}/comments`);
    expect(listed.map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(fake.requestsTo('POST', /\/issues\/\d+\/comments$/)).toEqual([]);
    expect(fake.requestsTo('PATCH', /\/issues\/comments\/\d+$/).map((r) => r.path)).toEqual([
      `/repos/acme/models/issues/comments/${ours.id}`,
    ]);
    expect(fake.commentsOn(pr.number)).toHaveLength(121);
    expect(ours.body).toBe(run.outputs['comment-body']);
    expect(quoted.body).toBe(`Why does the bot write ${MARKER}?`);
    expect(run.outputs['comment-url']).toBe(fake.commentUrl(ours));
  }, 120_000);

  it('keeps the comment for many models under the size limit saying what was cut, and caps summary and annotations', async () => {
    // Modified models (both versions analysed) carry kernel-level detail, which is what must be cut.
    const before: Record<string, Buffer> = {};
    const after: Record<string, Buffer> = {};
    for (let i = 0; i < MANY_MODELS; i++) {
      const path = `models/zoo/variant-${String(i).padStart(2, '0')}.onnx`;
      before[path] = model('mobilenet_v3_small');
      after[path] = model('squeezenet1_1');
    }
    const pr = newPr('big', {
      // Every device and processor (16 targets); the changed models break an absolute budget.
      base: {
        ...before,
        'models/a.onnx': model('mobilenet_v3_small'),
        [CONFIG_PATH]: 'budgets:\n  - models: "models/zoo/**"\n    max-mj: 1\n',
      },
      head: { ...after, 'models/a.onnx': model('mobilenet_v2') },
    });
    await registerPull(fake, pr);
    const run = await checkPr(pr);

    expect(run.exitCode, explain(run)).toBe(1);
    expect(run.report!.models).toHaveLength(MANY_MODELS + 1);
    expect(run.outputs['violations']).toBe(String(MANY_MODELS * 16));

    // The comment was posted (GitHub refuses bodies over 65,536 characters) and says what it left out.
    const comments = fake.commentsOn(pr.number);
    expect(comments, explain(run)).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toBe(run.outputs['comment-body']);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_BODY);
    expect(body.length).toBeLessThanOrEqual(60_000);
    const cut =
      /Shortened to fit GitHub’s comment size limit, leaving out kernel-level and per-device detail and the per-target rows of (\d+) of (\d+) models \(every model keeps its row in the table\)/.exec(
        body,
      );
    expect(cut, body.slice(0, 2000)).not.toBeNull();
    const [, omitted, all] = cut!.map(Number);
    expect(all).toBe(MANY_MODELS + 1);
    expect(omitted).toBeGreaterThan(0);
    // Every model keeps its row in the summary table, so every failing one is named.
    for (const m of run.report!.models) expect(body).toContain(m.path);
    expect(body).not.toContain('| Kernel |');
    expect(body).toContain(
      'The full report is in the job summary of [this workflow run](https://github.com/acme/models/actions/runs/4242)',
    );

    // The job summary stays under GitHub's 1 MiB and says it was cut; the table still names every model.
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThanOrEqual(1024 * 1024);
    expect(run.summary).toContain('cut to stay under GitHub’s 1 MiB limit for job summaries');
    for (const m of run.report!.models) expect(run.summary).toContain(m.path);

    // At most 10 error annotations, one per file, and a notice counting the rest.
    const annotated = commandsOf(run, 'error').filter((e) => e.properties['file'] !== undefined);
    expect(annotated).toHaveLength(10);
    expect(new Set(annotated.map((e) => e.properties['file'])).size).toBe(10);
    for (const e of annotated) expect(e.properties['file']).toMatch(/^models\/zoo\/variant-\d\d\.onnx$/);
    expect(commandsOf(run, 'notice').map((n) => n.message)).toContain(
      `${MANY_MODELS - 10} more model(s) broke or approached a budget; see the job summary.`,
    );
    const failed = commandsOf(run, 'error').filter((e) => e.properties['file'] === undefined);
    expect(failed.map((e) => e.message)).toEqual([
      expect.stringMatching(new RegExp(`^Energy check failed for ${MANY_MODELS} model\\(s\\): `)),
    ]);
  }, 180_000);

  it('publishes a report artifact from a workflow_run, finding a fork PR by its head', async () => {
    const pr = newPr('publish', {
      base: {
        'models/a.onnx': model('mobilenet_v3_small'),
        [CONFIG_PATH]: budgetConfig('    max-increase-pct: 5\n'),
      },
      head: { 'models/a.onnx': model('squeezenet1_1') },
    });
    // A fork's commit that GitHub does not associate with the pull request in /commits/{sha}/pulls.
    await registerPull(fake, pr, { headRepository: 'forker/models', listedByCommit: false });

    // Job 1 (pull_request from the fork, no token): the report becomes an artifact.
    const check = await checkPr(pr, { token: '', headRepository: 'forker/models' });
    expect(check.exitCode, explain(check)).toBe(1);
    expect(fake.requests).toEqual([]);
    expect(commandsOf(check, 'notice').some((n) => /No github-token/.test(n.message))).toBe(true);
    const artifact = join(work.path, `artifact-${++counter}`, 'model-energy-report-default.json');
    mkdirSync(join(artifact, '..'), { recursive: true });
    copyFileSync(check.outputs['report']!, artifact);

    // Job 2 (workflow_run in the base repository, with a write token): no checkout of the PR at all.
    const empty = join(work.path, `empty-workspace-${++counter}`);
    mkdirSync(empty, { recursive: true });
    const publish = async (reportPath: string, headSha = pr.headSha): Promise<Run> =>
      withReport(
        await runStep({
          copy,
          workspace: empty,
          eventName: 'workflow_run',
          payload: workflowRunPayload(fake, {
            headSha,
            headBranch: 'feature',
            headOwner: 'forker',
          }),
          repository: fake.fullName,
          apiUrl: fake.url,
          sha: pr.baseSha,
          ref: 'refs/heads/main',
          token: TOKEN,
          inputs: { mode: 'publish', report: reportPath },
          scratch: scratch(),
        }),
      );
    const run = await publish(artifact);
    expect(run.exitCode, explain(run)).toBe(0);
    expect(fake.requestsTo('GET', `/repos/acme/models/commits/${pr.headSha}/pulls`)).toHaveLength(1);
    expect(fake.requestsTo('GET', '/repos/acme/models/pulls').map((r) => r.query.get('head'))).toContain(
      'forker:feature',
    );
    const comments = fake.commentsOn(pr.number);
    expect(comments).toHaveLength(1);
    // Re-rendered from the validated report: the same comment the check job would have posted.
    expect(comments[0]!.body).toBe(check.outputs['comment-body']);
    expect(run.outputs['comment-url']).toBe(fake.commentUrl(comments[0]!));
    expect(run.outputs['verdict']).toBe('fail');
    expect(run.summary).toContain('models/a.onnx');

    // A tampered artifact: its strings are escaped like any PR-controlled text, never posted as is.
    // (This time GitHub associates the commit with the pull request: found by the first lookup.)
    fake.pulls.get(pr.number)!.listedByCommit = true;
    const headLookups = fake.requestsTo('GET', '/repos/acme/models/pulls').length;
    const tampered = JSON.parse(readFileSync(artifact, 'utf8')) as {
      models: { path: string; targets: unknown }[];
    };
    tampered.models[0]!.path = 'models/<img src=x onerror=alert(1)> @octocat.onnx';
    const tamperedPath = join(artifact, '..', 'tampered.json');
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    const again = await publish(tamperedPath);
    expect(again.exitCode, explain(again)).toBe(0);
    expect(fake.requestsTo('GET', '/repos/acme/models/pulls')).toHaveLength(headLookups);
    expect(fake.commentsOn(pr.number)).toHaveLength(1);
    const body = fake.commentsOn(pr.number)[0]!.body;
    // Rendered as GitHub would (HTML allowed): no image element, and no live mention outside code.
    const html = new MarkdownIt({ html: true }).render(body);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img/i);
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@octocat/);

    // A report for another commit than the run's head is refused, and so is one that breaks the schema.
    const wrongHead = await publish(artifact, pr.forkPoint);
    expect(wrongHead.exitCode).toBe(1);
    expect(commandsOf(wrongHead, 'error').map((e) => e.message)).toEqual([
      expect.stringMatching(/refusing to publish/),
    ]);
    tampered.models[0]!.targets = 'all of them';
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    const invalid = await publish(tamperedPath);
    expect(invalid.exitCode).toBe(1);
    expect(commandsOf(invalid, 'error').map((e) => e.message)).toEqual([
      expect.stringContaining(`${tamperedPath}: not a valid model-energy-check report`),
    ]);
    expect(fake.commentsOn(pr.number).map((c) => c.body)).toEqual([body]);
  }, 180_000);
});
