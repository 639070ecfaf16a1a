import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isCheckedModel } from '../config/budgets.js';
import type { ConfigOverrides } from '../config/load.js';
import type { EnergyConfig } from '../config/types.js';
import { touchedPaths, type ChangedPath } from '../git/changes.js';
import { readModelBytes } from '../git/lfs.js';
import type { CommitSha, GitRepo } from '../git/repo.js';
import { ModelLoadError } from '../onnx/types.js';
import { inflateModelAsync } from '../onnx/source.js';
import type { ReportContext } from './compare.js';
import { decideConfig, listModelChanges, type BudgetsFile, type ConfigText } from './policy.js';
import type { ComparisonInputs } from './run.js';

/**
 * A comparison of two sides of one git repository, planned the same way for the action (a commit
 * against the merge base) and `compare --base` (the working tree against the merge base): the config
 * that judges, the models to compare and how to read them, and what the report says about the run.
 */

/** The head side: a commit, or the working tree on top of one. */
export type HeadSide =
  | { readonly kind: 'commit'; readonly sha: CommitSha }
  | { readonly kind: 'working-tree'; readonly sha: CommitSha };

export interface PlanInputs {
  readonly repo: GitRepo;
  /** Absent: no base to compare with (a push without a base ref), so every checked model is new. */
  readonly mergeBase?: CommitSha;
  readonly head: HeadSide;
  /** Repository-relative path of the config file. */
  readonly configPath: string;
  readonly budgetsFrom: 'base' | 'head';
  readonly knownDevices: readonly string[];
  readonly overrides?: ConfigOverrides;
  /** The changed paths when the caller already has them (a PR's file list); else git diff. */
  readonly changed?: readonly ChangedPath[];
  readonly onWarning: (warning: string) => void;
}

export interface ComparisonPlan {
  /** The config that judges, overrides applied. */
  readonly config: EnergyConfig;
  readonly budgetsFile: BudgetsFile;
  /** What `compareChanges` needs besides the targets. */
  readonly comparison: Omit<ComparisonInputs, 'targets' | 'onWarning'>;
  /** What `buildReport` says about the run, besides the edge's own context. */
  readonly report: Required<
    Pick<ReportContext, 'headSha' | 'configChanges' | 'budgetsFrom' | 'budgetsConfigured' | 'problems'>
  > &
    Pick<ReportContext, 'mergeBaseSha' | 'headIsWorkingTree'>;
}

/** One side's files as the plan reads them. */
interface Side {
  readonly label: string;
  configText(path: string): Promise<string | undefined>;
  files(): Promise<readonly string[]>;
  /** A file's bytes as stored (gzip'd or not). */
  raw(path: string): Promise<Uint8Array>;
}

function commitSide(repo: GitRepo, sha: CommitSha): Side {
  return {
    label: sha.slice(0, 7),
    configText: async (path) =>
      (await repo.fileExists(sha, path)) ? (await repo.readBlob(sha, path)).toString('utf8') : undefined,
    files: () => repo.listFiles(sha),
    raw: (path) => readModelBytes(repo, sha, path),
  };
}

function workingTreeSide(repo: GitRepo, label: string): Side {
  const full = (path: string) => join(repo.root, ...path.split('/'));
  return {
    label,
    configText: async (path) => {
      try {
        return await readFile(full(path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    // Tracked files deleted but not staged are listed by git, yet not there to read.
    files: async () => (await repo.workingTreeFiles()).filter((p) => existsSync(full(p))),
    raw: async (path) => {
      try {
        return await readFile(full(path));
      } catch (error) {
        throw new ModelLoadError(path, `cannot read the file (${(error as Error).message})`, {
          cause: error,
        });
      }
    },
  };
}

/** Plans the comparison of the head side against the merge base (see ComparisonPlan). */
export async function planComparison(inputs: PlanInputs): Promise<ComparisonPlan> {
  const { repo, mergeBase, configPath } = inputs;
  const untracked = inputs.head.kind === 'working-tree' ? await repo.untrackedFiles() : [];
  const added = untracked.map((path): ChangedPath => ({ status: 'added', path }));
  const base = mergeBase !== undefined ? commitSide(repo, mergeBase) : undefined;
  const headLabel = inputs.head.sha.slice(0, 7);
  const head =
    inputs.head.kind === 'commit' ? commitSide(repo, inputs.head.sha) : workingTreeSide(repo, headLabel);

  const configAt = async (side: Side, at: boolean): Promise<ConfigText> => ({
    text: await side.configText(configPath),
    file: at ? `${configPath}@${side.label}` : configPath,
  });
  const policy = decideConfig({
    configPath,
    ...(base ? { mergeBase: await configAt(base, true) } : {}),
    head: await configAt(head, inputs.head.kind === 'commit'),
    budgetsFrom: inputs.budgetsFrom,
    knownDevices: inputs.knownDevices,
    ...(inputs.overrides ? { overrides: inputs.overrides } : {}),
    headName: inputs.head.kind === 'commit' ? 'this PR' : 'the working tree',
  });
  const { config } = policy;

  const changed =
    mergeBase === undefined
      ? undefined
      : inputs.head.kind === 'working-tree'
        ? [...(await repo.diffWorkingTree(mergeBase)), ...added]
        : (inputs.changed ?? (await repo.diff(mergeBase, inputs.head.sha)));
  const changes = await listModelChanges(
    config,
    changed,
    { files: await head.files(), read: (p) => head.raw(p) },
    inputs.onWarning,
  );
  // Uncommitted edits of a model or the config make the head side the working tree, not the commit.
  const isWorkingTree =
    inputs.head.kind === 'working-tree' &&
    [...touchedPaths(await repo.diffWorkingTree(inputs.head.sha)), ...untracked].some(
      (p) => p === configPath || isCheckedModel(config, p),
    );
  const read = (side: Side) => async (path: string) => inflateModelAsync(await side.raw(path), path);
  return {
    config,
    budgetsFile: policy.budgetsFile,
    comparison: {
      changes,
      readBase: read(base ?? head),
      readHead: read(head),
      config,
      ...(policy.prDims ? { prDims: policy.prDims } : {}),
      ...(mergeBase ? { baseLabel: `merge base ${mergeBase.slice(0, 7)}` } : {}),
      headLabel: isWorkingTree ? 'working tree' : headLabel,
    },
    report: {
      headSha: inputs.head.sha,
      ...(isWorkingTree ? { headIsWorkingTree: true } : {}),
      ...(mergeBase ? { mergeBaseSha: mergeBase } : {}),
      configChanges: policy.configChanges,
      budgetsFrom: policy.budgetsFrom,
      budgetsConfigured: config.budgets.length,
      problems: policy.problems,
    },
  };
}
