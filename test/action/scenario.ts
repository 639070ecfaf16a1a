/**
 * Pull requests made of real git history for the end-to-end tests: a repository with a base commit, a
 * feature branch with the PR's changes, a base branch that moved on after the fork point (so the merge
 * base differs from the base tip, as on a busy repository), and the merge commit a runner checks out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionInputs } from '../../src/action/inputs.js';
import type { CheckContext } from '../../src/action/check.js';
import { GitRepo } from '../../src/git/index.js';
import type { FakeGitHub, FakePull } from '../github/fake-github.js';
import { pullFilesFromChanges } from '../github/fake-github.js';
import { isolatedGitEnv, TempRepo } from '../git/temp-repo.js';
import { modelBytes } from '../helpers/fixtures.js';

export const CONFIG_PATH = '.github/model-energy.yml';

const modelCache = new Map<string, Buffer>();

/** A fixture model's ONNX bytes (gunzipped once per process). */
export function model(
  name: 'squeezenet1_1' | 'mobilenet_v3_small' | 'shufflenet_v2_x1_0' | 'mobilenet_v2',
): Buffer {
  let bytes = modelCache.get(name);
  if (!bytes) {
    bytes = modelBytes(name);
    modelCache.set(name, bytes);
  }
  return bytes;
}

/** What a commit does to the tree: write these files, delete those mapped to null. */
export type TreeEdit = Readonly<Record<string, string | Uint8Array | null>>;

export interface PrRepo {
  readonly repo: TempRepo;
  readonly number: number;
  /** Where the feature branch left main: the merge base. */
  readonly forkPoint: string;
  /** main's tip when the PR runs (one commit past the fork point). */
  readonly baseSha: string;
  /** The feature branch's tip. */
  readonly headSha: string;
  /** The test merge commit of head into base that actions/checkout checks out (GITHUB_SHA). */
  readonly mergeSha: string;
}

/** What runCheck is given for a PR's pull_request event on acme/models, as the action builds it. */
export function prCheckContext(
  pr: PrRepo,
  inputs: ActionInputs,
  log: (message: string) => void,
): CheckContext {
  return {
    workspace: pr.repo.dir,
    repository: 'acme/models',
    event: {
      kind: 'pull_request',
      number: pr.number,
      baseRef: 'main',
      baseSha: pr.baseSha,
      headSha: pr.headSha,
    },
    inputs,
    log,
  };
}

export interface PrSpec {
  readonly base: TreeEdit;
  readonly head: TreeEdit;
  /** main's own commit after the fork point; a README edit by default. */
  readonly baseLater?: TreeEdit;
  readonly number?: number;
}

function apply(repo: TempRepo, edit: TreeEdit): void {
  for (const [path, content] of Object.entries(edit)) {
    if (content === null) repo.remove(path);
    else repo.write(path, content);
  }
}

/**
 * Makes the repository and leaves the working tree at the merge commit, detached, like actions/checkout
 * on pull_request (refs/pull/N/merge is also created, for shallow clones to fetch).
 */
export function makePr(parent: string, name: string, spec: PrSpec): PrRepo {
  mkdirSync(parent, { recursive: true });
  const repo = TempRepo.init(parent, name);
  apply(repo, { 'README.md': '# models\n', ...spec.base });
  const forkPoint = repo.commit('base');
  repo.git('checkout', '--quiet', '-b', 'feature');
  apply(repo, spec.head);
  const headSha = repo.commit('the pull request');
  repo.git('checkout', '--quiet', 'main');
  apply(repo, spec.baseLater ?? { 'README.md': '# models\n\nMore words on main.\n' });
  const baseSha = repo.commit('main moves on');
  repo.git('checkout', '--quiet', '--detach', headSha);
  repo.git('merge', '--quiet', '--no-ff', '--no-edit', baseSha);
  const mergeSha = repo.git('rev-parse', 'HEAD');
  const number = spec.number ?? 7;
  repo.git('update-ref', `refs/pull/${number}/head`, headSha);
  repo.git('update-ref', `refs/pull/${number}/merge`, mergeSha);
  return { repo, number, forkPoint, baseSha, headSha, mergeSha };
}

/** Adds a commit on the feature branch (a new push to the PR); returns the new head and merge SHAs. */
export function pushToPr(pr: PrRepo, edit: TreeEdit): PrRepo {
  const { repo } = pr;
  repo.git('checkout', '--quiet', 'feature');
  apply(repo, edit);
  const headSha = repo.commit('another push');
  repo.git('checkout', '--quiet', '--detach', headSha);
  repo.git('merge', '--quiet', '--no-ff', '--no-edit', pr.baseSha);
  const mergeSha = repo.git('rev-parse', 'HEAD');
  repo.git('update-ref', `refs/pull/${pr.number}/head`, headSha);
  repo.git('update-ref', `refs/pull/${pr.number}/merge`, mergeSha);
  return { ...pr, headSha, mergeSha };
}

/**
 * What actions/checkout does with the default `fetch-depth: 1` on pull_request: a new repository with
 * `origin` pointing at the PR's repository and only the merge commit, without its parents.
 */
export function shallowCheckout(pr: PrRepo, parent: string, name: string): TempRepo {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  const clone = new TempRepo(dir);
  clone.git('init', '--quiet', '--initial-branch=main');
  clone.git('remote', 'add', 'origin', `file://${pr.repo.dir}`);
  clone.git(
    'fetch',
    '--quiet',
    '--no-tags',
    '--depth=1',
    'origin',
    `+refs/pull/${pr.number}/merge:refs/remotes/pull/${pr.number}/merge`,
  );
  clone.git('checkout', '--quiet', '--detach', `refs/remotes/pull/${pr.number}/merge`);
  return clone;
}

/** Registers the PR with the fake, its files taken from the real `git diff -M forkPoint head`. */
export async function registerPull(
  fake: FakeGitHub,
  pr: PrRepo,
  options: { headRepository?: string; listedByCommit?: boolean } = {},
): Promise<FakePull> {
  const git = await GitRepo.open(pr.repo.dir, { env: isolatedGitEnv() });
  const changes = await git.diff(pr.forkPoint, pr.headSha);
  return fake.addPull({
    number: pr.number,
    base: { ref: 'main', sha: pr.baseSha },
    head: { ref: 'feature', sha: pr.headSha, repoFullName: options.headRepository ?? fake.fullName },
    files: pullFilesFromChanges(changes),
    listedByCommit: options.listedByCommit ?? true,
  });
}

/** The `pull_request` (synchronize) payload GitHub writes to GITHUB_EVENT_PATH, with the fields the action reads. */
export function pullRequestPayload(fake: FakeGitHub, pr: PrRepo, headRepository = fake.fullName): unknown {
  const repo = (fullName: string) => ({
    full_name: fullName,
    name: fullName.split('/')[1],
    owner: { login: fullName.split('/')[0] },
    fork: fullName !== fake.fullName,
  });
  return {
    action: 'synchronize',
    number: pr.number,
    pull_request: {
      number: pr.number,
      state: 'open',
      html_url: `https://github.com/${fake.fullName}/pull/${pr.number}`,
      base: { ref: 'main', sha: pr.baseSha, repo: repo(fake.fullName) },
      head: { ref: 'feature', sha: pr.headSha, repo: repo(headRepository) },
    },
    repository: repo(fake.fullName),
    sender: { login: 'octocat', type: 'User' },
  };
}

/** A `workflow_run` (completed) payload for the second job of the fork-safe pattern. */
export function workflowRunPayload(
  fake: FakeGitHub,
  run: { headSha: string; headBranch: string; headOwner: string; pullRequests?: number[] },
): unknown {
  return {
    action: 'completed',
    workflow_run: {
      id: 4241,
      name: 'model energy',
      event: 'pull_request',
      status: 'completed',
      conclusion: 'success',
      head_sha: run.headSha,
      head_branch: run.headBranch,
      head_repository: { full_name: `${run.headOwner}/${fake.repo}`, owner: { login: run.headOwner } },
      pull_requests: (run.pullRequests ?? []).map((number) => ({ number })),
    },
    repository: { full_name: fake.fullName },
  };
}
