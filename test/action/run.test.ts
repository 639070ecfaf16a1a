/**
 * runAction in process: real git pull requests in temp dirs, the GitHub client on the loopback fake
 * (never waiting: msPerWaitSecond 0), and a recording ActionIo in place of @actions/core. What the
 * step leaves behind is what these tests read: outputs, the summary, annotations, the failure, the
 * report file and the fake's comments. test/action/e2e.test.ts runs the built dist/index.js for what
 * only the bundle can show (the runner's environment, workflow commands, the bundled plugins).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../src/action/event.js';
import { parseInputs } from '../../src/action/inputs.js';
import type { InputName, OutputName } from '../../src/action/names.js';
import { runAction, type ActionIo } from '../../src/action/run.js';
import type { ComparisonReport } from '../../src/compare/types.js';
import { GitHubClient } from '../../src/github/client.js';
import { commentMarker } from '../../src/report/marker.js';
import { ACTIONS_BOT, FakeGitHub } from '../github/fake-github.js';
import { makeTempDir } from '../git/temp-repo.js';
import { CONFIG_PATH, makePr, model, pushToPr, registerPull, type PrRepo } from './scenario.js';

const MARKER = commentMarker('default');
const ONE_TARGET = 'devices: [huawei-p40-pro]\nprocessors: [cpu]\n';
const RUN_URL = 'https://github.com/acme/models/actions/runs/4242';
const COMMENTS = /^\/repos\/acme\/models\/issues\/\d+\/comments$/;

const action = parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string | number | boolean }>;
};

/** Everything the action did through its ActionIo, in the order it did it. */
interface Recorded {
  readonly log: string[];
  readonly notices: { message: string; file?: string }[];
  readonly warnings: { message: string; file?: string }[];
  readonly errors: { message: string; file?: string }[];
  readonly outputs: Partial<Record<OutputName, string>>;
  readonly summaries: string[];
  readonly failed: string[];
}

function recordingIo(): ActionIo & { readonly seen: Recorded } {
  const seen: Recorded = {
    log: [],
    notices: [],
    warnings: [],
    errors: [],
    outputs: {},
    summaries: [],
    failed: [],
  };
  const at = (message: string, file?: string) => ({ message, ...(file ? { file } : {}) });
  return {
    seen,
    info: (m) => void seen.log.push(m),
    notice: (m, file) => void seen.notices.push(at(m, file)),
    warning: (m, file) => void seen.warnings.push(at(m, file)),
    error: (m, file) => void seen.errors.push(at(m, file)),
    setOutput: (name, value) => void (seen.outputs[name] = value),
    writeSummary: (markdown) => {
      seen.summaries.push(markdown);
      return Promise.resolve();
    },
    setFailed: (m) => void seen.failed.push(m),
  };
}

let work: { path: string; cleanup: () => void };
let fake: FakeGitHub;
let counter = 0;

beforeAll(() => {
  work = makeTempDir('mec-run-');
});
afterAll(() => work?.cleanup());
beforeEach(async () => {
  vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
  vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
  vi.stubEnv('GIT_TERMINAL_PROMPT', '0');
  fake = await FakeGitHub.start({ token: 'test-token' });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

/** models/a.onnx goes from MobileNetV3-small to `head`: a little more energy, or (SqueezeNet) much more. */
function modelPr(config: string, head: 'mobilenet_v2' | 'squeezenet1_1'): PrRepo {
  return makePr(join(work.path, 'repos'), `pr-${++counter}`, {
    base: { 'models/a.onnx': model('mobilenet_v3_small'), [CONFIG_PATH]: config },
    head: { 'models/a.onnx': model(head) },
  });
}

function pullRequestEvent(pr: PrRepo, headRepository = fake.fullName): RunEvent {
  return {
    kind: 'pull_request',
    number: pr.number,
    baseRef: 'main',
    baseSha: pr.baseSha,
    headSha: pr.headSha,
    headRepository,
  };
}

interface Run {
  readonly seen: Recorded;
  readonly reportPath: string;
  readonly report: ComparisonReport | undefined;
  /** What runAction threw (main.ts turns it into setFailed). */
  readonly thrown: unknown;
}

/**
 * One run of the action: inputs by their action.yml names over action.yml's defaults (through
 * parseInputs, as main.ts reads them); a token gives a client on the fake, none gives no client.
 */
async function run(
  event: RunEvent,
  options: { workspace: string; inputs?: Partial<Record<InputName, string>>; token?: string },
): Promise<Run> {
  const token = options.token ?? 'test-token';
  const inputs = parseInputs((name) => {
    const fallback = String(action.inputs[name]?.default ?? '');
    return options.inputs?.[name] ?? fallback.replace('${{ github.token }}', token);
  });
  const github = inputs.token
    ? new GitHubClient({
        token: inputs.token,
        repository: fake.fullName,
        baseUrl: fake.url,
        msPerWaitSecond: 0,
        log: () => undefined,
      })
    : undefined;
  const io = recordingIo();
  const reportPath = join(work.path, `step-${++counter}`, 'model-energy-report-default.json');
  let thrown: unknown;
  try {
    await runAction(
      { workspace: options.workspace, repository: fake.fullName, event, runUrl: RUN_URL, reportPath },
      inputs,
      io,
      github,
    );
  } catch (error) {
    thrown = error;
  }
  const report = existsSync(reportPath)
    ? (JSON.parse(readFileSync(reportPath, 'utf8')) as ComparisonReport)
    : undefined;
  return { seen: io.seen, reportPath, report, thrown };
}

async function checkPr(
  pr: PrRepo,
  options: { inputs?: Partial<Record<InputName, string>>; token?: string; headRepository?: string } = {},
): Promise<Run> {
  const result = await run(pullRequestEvent(pr, options.headRepository), {
    workspace: pr.repo.dir,
    ...options,
  });
  expect(result.thrown).toBeUndefined();
  return result;
}

const budget = (line: string, extra = '') =>
  `${ONE_TARGET}budgets:\n  - models: "models/**/*.onnx"\n${line}${extra}`;

describe('runAction on a pull request', () => {
  it('passes: one comment, kept when nothing changed and edited in place on a new push; outputs, summary and report', async () => {
    let pr = modelPr(budget('    max-mj: { warn: 100000 }\n'), 'mobilenet_v2');
    await registerPull(fake, pr);
    const first = await checkPr(pr);

    const { outputs } = first.seen;
    expect(outputs.verdict).toBe('pass');
    expect(outputs.violations).toBe('0');
    expect(outputs.report).toBe(first.reportPath);
    expect(first.report).toMatchObject({
      verdict: 'pass',
      pullRequest: pr.number,
      mergeBaseSha: pr.forkPoint,
    });
    const a = first.report!.models[0]!;
    expect(Number(outputs['total-energy-mj'])).toBeCloseTo(a.targets[0]!.head!.energyMj, 2);
    expect(outputs['worst-change-pct']).toBe(first.report!.worstChangePct!.toFixed(2));
    expect(first.seen.summaries).toHaveLength(1);
    expect(first.seen.summaries[0]).toContain('models/a.onnx');
    expect(first.seen.summaries[0]).not.toContain(MARKER);
    expect([first.seen.failed, first.seen.errors, first.seen.warnings]).toEqual([[], [], []]);
    expect(first.seen.log.at(-1)).toMatch(
      /^verdict: pass \(1 model\(s\), worst change .*; fail-on: budget\)$/,
    );

    const [comment] = fake.commentsOn(pr.number);
    expect(fake.commentsOn(pr.number)).toHaveLength(1);
    expect(comment!.user).toEqual(ACTIONS_BOT);
    expect(comment!.body).toBe(outputs['comment-body']);
    expect(comment!.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(comment!.body).toContain(RUN_URL);
    expect(outputs['comment-url']).toBe(fake.commentUrl(comment!));

    const second = await checkPr(pr);
    expect(second.seen.outputs['comment-body']).toBe(outputs['comment-body']);
    expect(second.seen.outputs['comment-url']).toBe(outputs['comment-url']);
    expect(second.seen.log).toContain(`comment unchanged: ${fake.commentUrl(comment!)}`);
    expect(fake.requestsTo('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(0);

    pr = pushToPr(pr, { 'models/b.onnx': model('squeezenet1_1') });
    await registerPull(fake, pr);
    const third = await checkPr(pr);
    expect(fake.requestsTo('POST', COMMENTS)).toHaveLength(1);
    expect(fake.requestsTo('PATCH', /\/issues\/comments\/\d+$/).map((r) => r.path)).toEqual([
      `/repos/acme/models/issues/comments/${comment!.id}`,
    ]);
    expect(fake.commentsOn(pr.number).map((c) => c.body)).toEqual([third.seen.outputs['comment-body']]);
    expect(comment!.body).toContain('models/b.onnx');
  }, 120_000);

  it('warns on a budget’s warn level: a warning on the file, the verdict warn, the step not failed', async () => {
    const pr = modelPr(budget('    max-increase-pct: { warn: 5 }\n'), 'squeezenet1_1');
    await registerPull(fake, pr);
    const { seen } = await checkPr(pr);

    expect(seen.outputs.verdict).toBe('warn');
    expect(seen.outputs.violations).toBe('0');
    expect(seen.warnings.filter((w) => w.file === 'models/a.onnx')).toEqual([
      { message: expect.stringMatching(/^models\/a\.onnx: .*max-increase-pct/), file: 'models/a.onnx' },
    ]);
    expect(seen.errors).toEqual([]);
    expect(seen.failed).toEqual([]);
    expect(fake.commentsOn(pr.number)[0]!.body).toMatch(/warning/);
  }, 120_000);

  it('fails on a broken budget after writing everything; fail-on never (input or config) keeps the step green', async () => {
    const pr = modelPr(
      budget('    max-increase-pct: { warn: 2, fail: 5 }\n', 'noise: { pct: 1, mj: 0.05 }\n'),
      'squeezenet1_1',
    );
    await registerPull(fake, pr);
    const failing = await checkPr(pr);
    const { seen } = failing;

    expect(seen.errors).toEqual([
      { message: expect.stringMatching(/^models\/a\.onnx: .*max-increase-pct/), file: 'models/a.onnx' },
    ]);
    expect(seen.failed).toEqual([
      expect.stringMatching(/^Energy check failed for 1 model\(s\): models\/a\.onnx: .*max-increase-pct/),
    ]);
    expect(seen.outputs.verdict).toBe('fail');
    expect(seen.outputs.violations).toBe('1');
    expect(Number(seen.outputs['worst-change-pct'])).toBeGreaterThan(5);
    // Summary, outputs, report and comment come before the failure.
    expect(seen.summaries[0]).toContain('max-increase-pct');
    expect(failing.report!.verdict).toBe('fail');
    expect(fake.commentsOn(pr.number)[0]!.body).toContain('max-increase-pct');

    const lenient = await checkPr(pr, { inputs: { 'fail-on': 'never' } });
    expect(lenient.seen.outputs.verdict).toBe('fail');
    expect(lenient.seen.failed).toEqual([]);
    expect(lenient.seen.errors.map((e) => e.file)).toEqual(['models/a.onnx']);
    expect(lenient.seen.log.at(-1)).toMatch(/verdict: fail .*fail-on: never/);
    expect(fake.commentsOn(pr.number)).toHaveLength(1);
  }, 120_000);

  it('honours the config’s own fail-on: never when no input is given', async () => {
    const pr = modelPr(budget('    max-increase-pct: 5\n', 'fail-on: never\n'), 'squeezenet1_1');
    await registerPull(fake, pr);
    const { seen } = await checkPr(pr);
    expect(seen.outputs.verdict).toBe('fail');
    expect(seen.failed).toEqual([]);
    expect(seen.log.at(-1)).toMatch(/verdict: fail .*fail-on: never/);
  }, 120_000);

  it('on a fork (403 on commenting) still writes summary, outputs and report, gives a notice and gates by the verdict', async () => {
    const pr = modelPr(budget('    max-increase-pct: 5\n'), 'squeezenet1_1');
    await registerPull(fake, pr, { headRepository: 'forker/models' });
    fake.forbidCommentWrites();
    const { seen, report } = await checkPr(pr, { headRepository: 'forker/models' });

    expect(fake.requestsTo('POST', COMMENTS).map((r) => r.status)).toEqual([403]);
    expect(fake.comments).toEqual([]);
    expect(seen.notices).toEqual([
      {
        message: expect.stringMatching(
          /^Could not comment on #7: the token is read-only \(a pull request from a fork\).*`mode: publish`/,
        ),
      },
    ]);
    expect(seen.warnings).toEqual([]);
    expect(seen.errors.map((e) => e.file)).toEqual(['models/a.onnx']);
    expect(seen.failed).toHaveLength(1);
    expect(seen.summaries[0]).toContain('models/a.onnx');
    expect(seen.outputs.verdict).toBe('fail');
    expect(seen.outputs['comment-body']).toContain(MARKER);
    expect(seen.outputs['comment-url']).toBeUndefined();
    expect(report?.headSha).toBe(pr.headSha);
  }, 120_000);

  it('without a token makes no REST call and says where the report is', async () => {
    const pr = modelPr(ONE_TARGET, 'mobilenet_v2');
    const { seen, report } = await checkPr(pr, { token: '' });
    expect(fake.requests).toEqual([]);
    expect(seen.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^No github-token: /)]);
    expect(report?.models.map((m) => m.path)).toEqual(['models/a.onnx']);
  }, 120_000);

  it('retries a REST call that answers 502, and only warns when a comment cannot be posted', async () => {
    const pr = modelPr(ONE_TARGET, 'mobilenet_v2');
    await registerPull(fake, pr);
    fake.failNext({ method: 'GET', path: `/repos/acme/models/pulls/${pr.number}/files`, status: 502 });
    fake.failNext({ method: 'POST', path: COMMENTS, status: 500 });
    const { seen, report } = await checkPr(pr);

    expect(
      fake.requestsTo('GET', `/repos/acme/models/pulls/${pr.number}/files`).map((r) => r.status),
    ).toEqual([502, 200]);
    // The list came from the API after the retry: no fallback to git diff.
    expect(seen.log.join('\n')).not.toMatch(/using git diff/);
    expect(report!.warnings).toEqual([]);
    // The POST is not sent again; the job summary has the report.
    expect(fake.requestsTo('POST', COMMENTS).map((r) => r.status)).toEqual([500]);
    expect(seen.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^Could not post the comment \(POST \/repos\/acme\/models\/issues\/7\/comments: 500 .*not sent again.*\)\. The report is in the job summary\.$/,
        ),
      },
    ]);
    expect(seen.failed).toEqual([]);
    expect(seen.outputs.verdict).toBe('pass');
  }, 120_000);
});

describe('runAction in publish mode (workflow_run, the fork-safe second job)', () => {
  it('re-renders a validated report and comments on the fork’s pull request found by its head; refuses other heads and invalid reports', async () => {
    const pr = modelPr(budget('    max-increase-pct: 5\n'), 'squeezenet1_1');
    await registerPull(fake, pr, { headRepository: 'forker/models', listedByCommit: false });
    // Job 1: the fork's pull_request run without a token; its report becomes an artifact.
    const check = await checkPr(pr, { token: '', headRepository: 'forker/models' });
    expect(check.seen.failed).toHaveLength(1);
    const artifact = join(work.path, `artifact-${++counter}`, 'report.json');
    mkdirSync(join(artifact, '..'), { recursive: true });
    copyFileSync(check.reportPath, artifact);

    const empty = join(work.path, `empty-${++counter}`);
    mkdirSync(empty, { recursive: true });
    const publish = (report: string, headSha = pr.headSha) =>
      run(
        { kind: 'workflow_run', headSha, headBranch: 'feature', headOwner: 'forker', pullRequests: [] },
        { workspace: empty, inputs: { mode: 'publish', report } },
      );

    const published = await publish(artifact);
    expect(published.thrown).toBeUndefined();
    expect(fake.requestsTo('GET', '/repos/acme/models/pulls').map((r) => r.query.get('head'))).toEqual([
      'forker:feature',
    ]);
    const comments = fake.commentsOn(pr.number);
    expect(comments.map((c) => c.body)).toEqual([check.seen.outputs['comment-body']]);
    expect(published.seen.outputs['comment-url']).toBe(fake.commentUrl(comments[0]!));
    expect(published.seen.outputs.verdict).toBe('fail');
    expect(published.seen.outputs.report).toBe(artifact);
    expect(published.seen.summaries[0]).toContain('models/a.onnx');
    // Publishing reports; the check job gated the PR.
    expect(published.seen.failed).toEqual([]);

    // A tampered artifact: its strings are escaped like any PR-controlled text.
    const tampered = JSON.parse(readFileSync(artifact, 'utf8')) as {
      models: { path: string; targets: unknown }[];
    };
    tampered.models[0]!.path = 'models/<img src=x onerror=alert(1)> @octocat.onnx';
    const tamperedPath = join(artifact, '..', 'tampered.json');
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    expect((await publish(tamperedPath)).thrown).toBeUndefined();
    const body = fake.commentsOn(pr.number)[0]!.body;
    expect(fake.commentsOn(pr.number)).toHaveLength(1);
    // Rendered as GitHub would (HTML allowed): no image element, and no live mention outside code.
    const html = new MarkdownIt({ html: true }).render(body);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img/i);
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@octocat/);

    const wrongHead = await publish(artifact, pr.forkPoint);
    expect(String(wrongHead.thrown)).toMatch(/refusing to publish/);
    tampered.models[0]!.targets = 'all of them';
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    expect(String((await publish(tamperedPath)).thrown)).toContain(
      `${tamperedPath}: not a valid model-energy-check report`,
    );
    expect(String((await publish(join(empty, 'missing.json'))).thrown)).toMatch(
      /input 'report': cannot read/,
    );
    expect(fake.commentsOn(pr.number).map((c) => c.body)).toEqual([body]);
  }, 120_000);

  it('needs a token and a report', async () => {
    const event: RunEvent = { kind: 'workflow_run', headSha: 'f'.repeat(40), pullRequests: [] };
    const noReport = await run(event, { workspace: work.path, inputs: { mode: 'publish' } });
    expect(String(noReport.thrown)).toMatch(/input 'report': is empty/);
    const noToken = await run(event, {
      workspace: work.path,
      inputs: { mode: 'publish', report: 'r.json' },
      token: '',
    });
    expect(String(noToken.thrown)).toMatch(/input 'github-token': is empty/);
    expect(fake.requests).toEqual([]);
  });
});
