import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { reportEnergyChanged } from '../compare/change.js';
import { validateReport } from '../compare/validate-report.js';
import type { ComparisonReport, ModelComparison } from '../compare/types.js';
import type { GitHubClient } from '../github/client.js';
import { upsertComment } from '../github/comments.js';
import { GitHubError } from '../github/errors.js';
import { findPullForSha } from '../github/pulls.js';
import { renderComment } from '../report/markdown.js';
import { renderSummary } from '../report/summary.js';
import { runCheck } from './check.js';
import { byConcern, failureMessage, modelReason } from './failures.js';
import type { RunEvent } from './event.js';
import { InputError, type ActionInputs } from './inputs.js';
import type { OutputName } from './names.js';

/** What the action does to its surroundings; @actions/core in main.ts, a recorder in tests. */
export interface ActionIo {
  info(message: string): void;
  notice(message: string, file?: string): void;
  warning(message: string, file?: string): void;
  error(message: string, file?: string): void;
  setOutput(name: OutputName, value: string): void;
  /** Writes the job summary (markdown). */
  writeSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
}

export interface ActionEnvironment {
  readonly workspace: string;
  readonly repository: string;
  readonly event: RunEvent;
  /** Link to this run (server/repo/actions/runs/id), for the comment's pointer to the summary. */
  readonly runUrl?: string;
  /** Where the JSON report goes. */
  readonly reportPath: string;
}

/** A report artifact larger than this is refused before parsing (publish mode reads untrusted files). */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/** At most this many error/warning annotations; a notice counts the rest. */
export const MAX_ANNOTATIONS = 10;

/**
 * The action's run. `github` is its GitHub port: main.ts passes a client on the REST API when the
 * github-token input is set (undefined otherwise), tests one on a loopback fake.
 */
export async function runAction(
  env: ActionEnvironment,
  inputs: ActionInputs,
  io: ActionIo,
  github: GitHubClient | undefined,
): Promise<void> {
  if (inputs.mode === 'publish') {
    await publish(env, inputs, io, github);
    return;
  }

  const { report, config, pullRequest } = await runCheck({
    workspace: env.workspace,
    repository: env.repository,
    event: env.event,
    inputs,
    ...(github ? { github } : {}),
    log: (m) => io.info(m),
  });
  const comment = renderComment(report, {
    key: inputs.commentKey,
    ...(env.runUrl ? { runUrl: env.runUrl } : {}),
  });

  // Order matters: what the job leaves behind comes first, so a failed comment loses nothing.
  await io.writeSummary(renderSummary(report));
  writeOutputs(io, report, comment.body, env.reportPath);
  mkdirSync(dirname(env.reportPath), { recursive: true });
  writeFileSync(env.reportPath, JSON.stringify(report, null, 2) + '\n');

  if (pullRequest !== undefined && github && inputs.comment !== 'never') {
    const wanted = shouldCreate(inputs.comment, report);
    await postComment(io, github, pullRequest, inputs.commentKey, comment.body, wanted);
  } else if (pullRequest !== undefined && !github) {
    io.notice('No github-token: the report is in the job summary and the outputs, no comment was posted.');
  }

  annotate(io, report.models);
  for (const w of [...(report.problems ?? []), ...report.warnings]) io.warning(w);
  io.info(
    `verdict: ${report.verdict} (${report.models.length} model(s)` +
      (report.worstChangePct !== undefined ? `, worst change ${report.worstChangePct.toFixed(1)}%` : '') +
      `; fail-on: ${config.failOn})`,
  );
  // The config's fail-on, after the input's override (runCheck merged them).
  if (report.verdict === 'fail' && config.failOn !== 'never') {
    io.setFailed(failureMessage(report));
  }
}

/** Whether a run may create our comment (an existing one is always updated). */
export function shouldCreate(policy: ActionInputs['comment'], report: ComparisonReport): boolean {
  switch (policy) {
    case 'always':
      // A PR that touches no model gets no new comment (an existing one is still kept current),
      // unless the run has something to say (a config problem).
      return report.models.length > 0 || report.verdict !== 'pass';
    case 'on-change':
      return reportEnergyChanged(report);
    case 'on-violation':
      return report.verdict !== 'pass';
    case 'never':
      return false;
  }
}

async function postComment(
  io: ActionIo,
  github: GitHubClient,
  pr: number,
  key: string,
  body: string,
  create: boolean,
): Promise<void> {
  try {
    const result = await upsertComment(github, { pr, key, body, create });
    if (result.action === 'skipped') {
      if (result.reason === 'forbidden') {
        io.notice(
          `Could not comment on #${pr}: the token is read-only (a pull request from a fork). The report is in the job summary; ` +
            'to comment on fork PRs, add the two-step workflow with `mode: publish` (see the README).',
        );
      } else io.info(`no comment posted: ${result.message}`);
      return;
    }
    io.info(`comment ${result.action}: ${result.url}`);
    io.setOutput('comment-url', result.url);
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    io.warning(`Could not post the comment (${error.message}). The report is in the job summary.`);
  }
}

function writeOutputs(io: ActionIo, report: ComparisonReport, body: string, reportPath: string): void {
  const head = report.models.flatMap((m) => m.targets.flatMap((t) => (t.head ? [t.head.energyMj] : [])));
  const violations = report.models.reduce(
    (n, m) => n + m.targets.filter((t) => t.budget.status === 'fail').length + (m.error ? 1 : 0),
    0,
  );
  io.setOutput('report', reportPath);
  io.setOutput('comment-body', body);
  io.setOutput('total-energy-mj', head.reduce((a, b) => a + b, 0).toFixed(3));
  io.setOutput(
    'worst-change-pct',
    report.worstChangePct === undefined ? '' : report.worstChangePct.toFixed(2),
  );
  io.setOutput('violations', String(violations));
  io.setOutput('verdict', report.verdict);
}

/** One annotation per violating file, worst first, capped; a notice counts what was left out. */
function annotate(io: ActionIo, models: readonly ModelComparison[]): void {
  const flagged = byConcern(models.filter((m) => m.budget !== 'pass'));
  for (const m of flagged.slice(0, MAX_ANNOTATIONS)) {
    const text = `${m.path}: ${modelReason(m)}`;
    if (m.budget === 'fail') io.error(text, m.path);
    else io.warning(text, m.path);
  }
  if (flagged.length > MAX_ANNOTATIONS) {
    io.notice(
      `${flagged.length - MAX_ANNOTATIONS} more model(s) broke or approached a budget; see the job summary.`,
    );
  }
}

/**
 * publish mode (the second job of the fork-safe pattern, on workflow_run): reads the first job's JSON
 * report, validates it against the schema, re-renders the comment itself (never posting text from the
 * artifact as is), finds the pull request from the run's head SHA, and comments. No model is read.
 */
async function publish(
  env: ActionEnvironment,
  inputs: ActionInputs,
  io: ActionIo,
  github: GitHubClient | undefined,
): Promise<void> {
  if (!inputs.reportFile)
    throw new InputError('report', "is empty; mode 'publish' needs the path of the check job's JSON report");
  if (!github)
    throw new InputError('github-token', "is empty; mode 'publish' needs one with pull-requests: write");
  let raw: unknown;
  try {
    const size = statSync(inputs.reportFile).size;
    if (size > MAX_REPORT_BYTES)
      throw new Error(`${size} bytes is over the ${MAX_REPORT_BYTES}-byte limit for a report`);
    raw = JSON.parse(readFileSync(inputs.reportFile, 'utf8'));
  } catch (error) {
    throw new InputError(
      'report',
      `cannot read ${inputs.reportFile}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const report = validateReport(raw, inputs.reportFile);
  const event = env.event;
  const headSha = event.kind === 'workflow_run' ? event.headSha : report.headSha;
  if (!headSha)
    throw new GitHubError(
      '(publish)',
      undefined,
      'no head SHA: publish runs on workflow_run, or the report must name its head',
    );
  if (event.kind === 'workflow_run' && report.headSha && report.headSha !== headSha) {
    throw new GitHubError(
      '(publish)',
      undefined,
      `the report is for ${report.headSha.slice(0, 7)}, the triggering run for ${headSha.slice(0, 7)}: refusing to publish`,
    );
  }
  const pr = await findPullForSha(github, headSha, {
    ...(event.kind === 'workflow_run' && event.headOwner ? { headOwner: event.headOwner } : {}),
    ...(event.kind === 'workflow_run' && event.headBranch ? { headBranch: event.headBranch } : {}),
  });
  const comment = renderComment(report, {
    key: inputs.commentKey,
    ...(env.runUrl ? { runUrl: env.runUrl } : {}),
  });
  await io.writeSummary(renderSummary(report));
  writeOutputs(io, report, comment.body, inputs.reportFile);
  if (!pr) {
    io.notice(`No open pull request has head ${headSha.slice(0, 7)}; nothing to comment on.`);
    return;
  }
  if (inputs.comment !== 'never')
    await postComment(
      io,
      github,
      pr.number,
      inputs.commentKey,
      comment.body,
      shouldCreate(inputs.comment, report),
    );
}
