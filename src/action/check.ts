import { posix } from 'node:path';
import type { EnergyConfig } from '../config/types.js';
import { knownDevices, selectBundles } from '../compare/bundles.js';
import { buildReport } from '../compare/compare.js';
import { planComparison } from '../compare/plan.js';
import { runTargets } from '../compare/price.js';
import { compareChanges } from '../compare/run.js';
import type { ComparisonReport } from '../compare/types.js';
import type { ChangedPath } from '../git/changes.js';
import { ensureMergeBase } from '../git/history.js';
import { GitRepo } from '../git/repo.js';
import type { GitHubClient } from '../github/client.js';
import { getPull } from '../github/pulls.js';
import { listPullFiles, pullFilesToChanges } from '../github/pull-files.js';
import { VERSION } from '../version.js';
import type { RunEvent } from './event.js';
import { InputError, type ActionInputs } from './inputs.js';

export interface CheckContext {
  readonly workspace: string;
  readonly repository: string;
  readonly event: RunEvent;
  readonly inputs: ActionInputs;
  /** Absent without a token: then the file list comes from git and nothing is posted. */
  readonly github?: GitHubClient;
  readonly log: (message: string) => void;
}

export interface CheckResult {
  readonly report: ComparisonReport;
  /** The pull request the report belongs to, if any (for the comment). */
  readonly pullRequest?: number;
  readonly config: EnergyConfig;
}

interface Sides {
  readonly base?: string;
  readonly baseRef?: string;
  readonly head: string;
  readonly pullRequest?: number;
  readonly changedFiles?: number;
}

/**
 * check mode: finds the changed models of a pull request (or, on push and dispatch without a PR, the
 * models of the commit), analyses head and merge-base versions from git (nothing from the PR is run or
 * built), prices both with the same bundles in one run, and compares them under the base's budgets.
 */
export async function runCheck(ctx: CheckContext): Promise<CheckResult> {
  const repo = await GitRepo.open(ctx.workspace);
  const sides = await resolveSides(ctx);
  const warnings: string[] = [];

  let mergeBase: string | undefined;
  if (sides.base) {
    const mb = await ensureMergeBase(repo, sides.base, sides.head);
    for (const f of mb.fetches) ctx.log(`fetched missing history: git ${f.join(' ')}`);
    mergeBase = mb.mergeBase;
  }
  const head = await repo.resolveCommit(sides.head);

  const listed = mergeBase ? await pullRequestFiles(ctx, sides, warnings) : undefined;
  const plan = await planComparison({
    repo,
    ...(mergeBase ? { mergeBase } : {}),
    head: { kind: 'commit', sha: head },
    configPath: normaliseConfigPath(ctx.inputs.config),
    budgetsFrom: ctx.inputs.budgetsFrom,
    // Device ids in the config (budgets included) are checked against the bundles at hand.
    knownDevices: knownDevices(ctx.inputs.predictors || undefined),
    overrides: {
      ...(ctx.inputs.models ? { models: ctx.inputs.models } : {}),
      ...(ctx.inputs.devices ? { devices: ctx.inputs.devices } : {}),
      ...(ctx.inputs.processors ? { processors: ctx.inputs.processors } : {}),
      ...(ctx.inputs.failOn ? { failOn: ctx.inputs.failOn } : {}),
    },
    ...(listed ? { changed: listed } : {}),
    onWarning: (warning) => warnings.push(warning),
  });
  const { config } = plan;
  if (plan.report.budgetsFrom === 'head' && mergeBase && plan.report.configChanges.length > 0)
    warnings.push('budgets-from: head — this PR’s own config applies');
  const { changes } = plan.comparison;
  ctx.log(
    `models to check: ${changes.length === 0 ? 'none' : changes.map((c) => `${c.path} (${c.status})`).join(', ')}`,
  );

  const bundles = selectBundles({
    devices: config.devices,
    processors: config.processors,
    ...(ctx.inputs.predictors ? { extra: ctx.inputs.predictors } : {}),
    origin: ctx.inputs.devices ? 'the devices input' : `${plan.budgetsFile.file}: devices`,
    onWarning: (warning) => warnings.push(warning),
  });
  const targets = await runTargets(bundles);
  const models = await compareChanges({
    ...plan.comparison,
    targets,
    onWarning: (warning) => warnings.push(warning),
  });
  repo.close();
  const report = buildReport(models, targets, {
    version: VERSION,
    repository: ctx.repository,
    ...(sides.pullRequest !== undefined ? { pullRequest: sides.pullRequest } : {}),
    ...(sides.baseRef ? { baseRef: sides.baseRef } : {}),
    ...(sides.base ? { baseSha: await repo.resolveCommit(sides.base) } : {}),
    ...plan.report,
    warnings,
  });
  return { report, config, ...(sides.pullRequest !== undefined ? { pullRequest: sides.pullRequest } : {}) };
}

async function resolveSides(ctx: CheckContext): Promise<Sides> {
  const e = ctx.event;
  const prNumber = e.kind === 'workflow_dispatch' ? (ctx.inputs.pullRequest ?? e.pullRequest) : undefined;
  if (e.kind === 'pull_request') {
    return {
      base: ctx.inputs.baseRef ?? e.baseSha,
      baseRef: ctx.inputs.baseRef ?? e.baseRef,
      head: e.headSha,
      pullRequest: e.number,
      ...(e.changedFiles !== undefined ? { changedFiles: e.changedFiles } : {}),
    };
  }
  if (prNumber !== undefined) {
    if (!ctx.github)
      throw new InputError('github-token', `is empty, but workflow_dispatch names pull request #${prNumber}`);
    const pr = await getPull(ctx.github, prNumber);
    return {
      base: ctx.inputs.baseRef ?? pr.baseSha,
      baseRef: pr.baseRef,
      head: pr.headSha,
      pullRequest: pr.number,
    };
  }
  const sha = e.kind === 'push' || e.kind === 'workflow_dispatch' || e.kind === 'other' ? e.sha : e.headSha;
  // push / dispatch: a report of the models at this commit, compared with base-ref when one is given.
  return {
    ...(ctx.inputs.baseRef ? { base: ctx.inputs.baseRef, baseRef: ctx.inputs.baseRef } : {}),
    head: sha || 'HEAD',
  };
}

function normaliseConfigPath(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
}

/** The PR's changed files from the API, or undefined (git diff then) where they cannot all be listed. */
async function pullRequestFiles(
  ctx: CheckContext,
  sides: Sides,
  warnings: string[],
): Promise<readonly ChangedPath[] | undefined> {
  if (sides.pullRequest === undefined || !ctx.github) return undefined;
  const listed = await listPullFiles(
    ctx.github,
    sides.pullRequest,
    sides.changedFiles !== undefined ? { expectedCount: sides.changedFiles } : {},
  );
  if (listed.complete) return pullFilesToChanges(listed.files);
  ctx.log(`${listed.message}; using git diff --name-status -M between the merge base and head instead`);
  if (listed.reason === 'api-error')
    warnings.push(`the PR's file list could not be read from the API (${listed.message}); git diff was used`);
  return undefined;
}
