import { posix } from 'node:path';
import { isCheckedModel } from '../config/budgets.js';
import { diffConfigs } from '../config/diff.js';
import { ConfigError } from '../config/errors.js';
import { parseConfig, withOverrides } from '../config/load.js';
import type { EnergyConfig } from '../config/types.js';
import { knownDevices, selectBundles } from '../compare/bundles.js';
import { buildReport } from '../compare/compare.js';
import { runTargets } from '../compare/price.js';
import { compareChanges, toChangedModel, type ChangedModel } from '../compare/run.js';
import type { ComparisonReport } from '../compare/types.js';
import { selectChanges, type ChangedPath } from '../git/changes.js';
import { modelsWithChangedData } from '../git/external-data.js';
import { ensureMergeBase } from '../git/history.js';
import { readModelBytes } from '../git/lfs.js';
import { GitRepo } from '../git/repo.js';
import type { GitHubClient } from '../github/client.js';
import { getPull } from '../github/pulls.js';
import { listPullFiles, pullFilesToChanges } from '../github/pull-files.js';
import { readModelBuffer } from '../analysis/read.js';
import { inflateModelAsync } from '../onnx/source.js';
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

  const configPath = normaliseConfigPath(ctx.inputs.config);
  // Device ids in the config (budgets included) are checked against the bundles at hand.
  const devicesKnown = knownDevices(ctx.inputs.predictors || undefined);
  const configText = async (rev: string | undefined): Promise<string | undefined> =>
    rev && (await repo.fileExists(rev, configPath))
      ? (await repo.readBlob(rev, configPath)).toString('utf8')
      : undefined;
  const parseAt = (rev: string, text: string | undefined): { config: EnergyConfig; exists: boolean } =>
    text === undefined
      ? { config: parseConfig(undefined, { file: configPath }), exists: false }
      : {
          config: parseConfig(text, { file: `${configPath}@${rev.slice(0, 7)}`, knownDevices: devicesKnown }),
          exists: true,
        };
  const defaults = { config: parseConfig(undefined, { file: configPath }), exists: false };
  const usesBaseBudgets = ctx.inputs.budgetsFrom === 'base' && mergeBase !== undefined;
  const headText = await configText(head);
  const baseText = mergeBase ? await configText(mergeBase) : headText;
  const prEditsConfig = mergeBase !== undefined && headText !== baseText;
  // Problems with the config are never silent: they lift a passing verdict to a warning and head the report.
  const configProblems: string[] = [];
  let baseConfig = defaults;
  let baseInvalid = false;
  if (mergeBase) {
    try {
      baseConfig = parseAt(mergeBase, baseText);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      baseInvalid = true;
      configProblems.push(
        `the config at the merge base is invalid, so no budgets from it apply to this run (defaults instead): ${error.message}`,
      );
    }
  }
  let headConfig = baseConfig;
  let headConfigProblem: string | undefined;
  try {
    headConfig = parseAt(head, headText);
  } catch (error) {
    if (!(error instanceof ConfigError) || !usesBaseBudgets) throw error;
    headConfigProblem = error.message;
    headConfig = defaults;
    // A config already broken at the merge base is the base's problem, already said; only a PR that
    // breaks a valid one is told it did.
    if (!baseInvalid) {
      configProblems.push(
        `this PR makes the config invalid; after merging, later runs would fall back to the default budgets: ${error.message}`,
      );
    }
  }
  const policy = usesBaseBudgets ? baseConfig.config : headConfig.config;
  const config = withOverrides(policy, {
    ...(ctx.inputs.models ? { models: ctx.inputs.models } : {}),
    ...(ctx.inputs.devices ? { devices: ctx.inputs.devices } : {}),
    ...(ctx.inputs.processors ? { processors: ctx.inputs.processors } : {}),
    ...(ctx.inputs.failOn ? { failOn: ctx.inputs.failOn } : {}),
  });
  const configChanges =
    headConfigProblem !== undefined
      ? prEditsConfig
        ? [
            baseInvalid
              ? `this PR edits the config, which is invalid at the merge base and still invalid at the head: ${headConfigProblem}`
              : `this PR makes the config invalid: ${headConfigProblem}`,
          ]
        : []
      : baseInvalid && prEditsConfig
        ? ['this PR fixes the invalid config; its budgets apply once it is merged']
        : mergeBase && !baseInvalid
          ? diffConfigs(baseConfig.config, headConfig.config).map((c) => c.text)
          : [];
  if (!usesBaseBudgets && mergeBase && configChanges.length > 0)
    warnings.push('budgets-from: head — this PR’s own config applies');

  const changes = await changedModels(ctx, repo, sides, mergeBase, head, config, warnings);
  ctx.log(
    `models to check: ${changes.length === 0 ? 'none' : changes.map((c) => `${c.path} (${c.status})`).join(', ')}`,
  );

  const policyFile =
    usesBaseBudgets && mergeBase && baseConfig.exists ? `${configPath}@${mergeBase.slice(0, 7)}` : configPath;
  const bundles = selectBundles({
    devices: config.devices,
    processors: config.processors,
    ...(ctx.inputs.predictors ? { extra: ctx.inputs.predictors } : {}),
    origin: ctx.inputs.devices ? 'the devices input' : `${policyFile}: devices`,
    onWarning: (warning) => warnings.push(warning),
  });
  const targets = await runTargets(bundles);
  // Decompressed here, once and off the main thread; the analysis then sees plain bytes.
  const read = (rev: string) => async (path: string) =>
    inflateModelAsync(await readModelBytes(repo, rev, path), path);
  const models = await compareChanges({
    changes,
    readBase: read(mergeBase ?? head),
    readHead: read(head),
    targets,
    config,
    ...(usesBaseBudgets && headConfigProblem === undefined ? { prDims: headConfig.config.dims } : {}),
    ...(mergeBase ? { baseLabel: `merge base ${mergeBase.slice(0, 7)}` } : {}),
    headLabel: head.slice(0, 7),
    onWarning: (warning) => warnings.push(warning),
  });
  repo.close();
  const report = buildReport(models, targets, {
    version: VERSION,
    repository: ctx.repository,
    ...(sides.pullRequest !== undefined ? { pullRequest: sides.pullRequest } : {}),
    ...(sides.baseRef ? { baseRef: sides.baseRef } : {}),
    ...(sides.base ? { baseSha: await repo.resolveCommit(sides.base) } : {}),
    headSha: head,
    ...(mergeBase ? { mergeBaseSha: mergeBase } : {}),
    configChanges,
    budgetsFrom: usesBaseBudgets ? 'base' : 'head',
    budgetsConfigured: config.budgets.length,
    problems: configProblems,
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

async function changedModels(
  ctx: CheckContext,
  repo: GitRepo,
  sides: Sides,
  mergeBase: string | undefined,
  head: string,
  config: EnergyConfig,
  warnings: string[],
): Promise<ChangedModel[]> {
  let changed: readonly ChangedPath[] | undefined;
  if (!mergeBase) {
    const files = (await repo.listFiles(head)).filter((p) => isCheckedModel(config, p));
    return files.map((path) => ({ status: 'added', path }));
  }
  if (sides.pullRequest !== undefined && ctx.github) {
    const listed = await listPullFiles(
      ctx.github,
      sides.pullRequest,
      sides.changedFiles !== undefined ? { expectedCount: sides.changedFiles } : {},
    );
    if (listed.complete) changed = pullFilesToChanges(listed.files);
    else {
      ctx.log(`${listed.message}; using git diff --name-status -M between the merge base and head instead`);
      if (listed.reason === 'api-error')
        warnings.push(
          `the PR's file list could not be read from the API (${listed.message}); git diff was used`,
        );
    }
  }
  changed ??= await repo.diff(mergeBase, head);
  const selected = selectChanges(changed, (p) => isCheckedModel(config, p));
  const touched = new Set(changed.flatMap((c) => [c.path, ...(c.previousPath ? [c.previousPath] : [])]));
  const selectedPaths = new Set(selected.map((c) => c.path));
  const candidates = (await repo.listFiles(head)).filter(
    (p) => isCheckedModel(config, p) && !selectedPaths.has(p),
  );
  const dataChanged = await modelsWithChangedData(touched, candidates, async (model) => {
    try {
      const m = readModelBuffer(await readModelBytes(repo, head, model), model);
      return [...m.graph.initializers.values()].flatMap((t) => (t.external ? [t.external.location] : []));
    } catch (error) {
      // Only asked to see whether its data files changed: say why it could not be, and go on.
      warnings.push(
        `could not read the external-data locations of ${model}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
  });
  const out: ChangedModel[] = selected.map(toChangedModel);
  for (const path of dataChanged) out.push({ status: 'modified', path });
  return out;
}
