import type { GitHubClient } from './client.js';
import { GitHubError } from './errors.js';

/** What the action needs to know about a pull request. */
export interface PullInfo {
  readonly number: number;
  readonly state: string;
  readonly url: string;
  readonly baseRef: string;
  readonly baseSha: string;
  readonly headRef: string;
  readonly headSha: string;
  /** `owner/repo` of the head branch; differs from the base repository for a fork; null if the fork is gone. */
  readonly headRepository: string | null;
  readonly changedFiles?: number;
}

/** From a `workflow_run` payload: where the head commit came from, to find a fork's pull request. */
export interface PullHint {
  /** Owner of the head repository (the fork's owner). */
  readonly headOwner?: string;
  readonly headBranch?: string;
}

/** Open pull requests scanned at most when looking for a head commit (10 pages of 100). */
const MAX_OPEN_PULL_PAGES = 10;

interface ApiPull {
  number: number;
  state: string;
  html_url: string;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  changed_files?: number;
}

function toPullInfo(pull: ApiPull): PullInfo {
  return {
    number: pull.number,
    state: pull.state,
    url: pull.html_url,
    baseRef: pull.base.ref,
    baseSha: pull.base.sha,
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    headRepository: pull.head.repo?.full_name ?? null,
    ...(pull.changed_files !== undefined ? { changedFiles: pull.changed_files } : {}),
  };
}

export async function getPull(client: GitHubClient, pr: number): Promise<PullInfo> {
  const { data } = await client.octokit.rest.pulls.get({
    owner: client.owner,
    repo: client.repo,
    pull_number: pr,
  });
  return toPullInfo(data);
}

/**
 * Finds the pull request whose head is `sha`. A `workflow_run` payload lists no pull requests for a
 * fork, and GitHub does not always associate a fork's commit with its pull request, so three ways
 * are tried in turn: the commit's pull requests, open pull requests from the hinted fork branch, and
 * a bounded scan of open pull requests. Open ones win over closed ones.
 */
export async function findPullForSha(
  client: GitHubClient,
  sha: string,
  hint: PullHint = {},
): Promise<PullInfo | undefined> {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) {
    throw new GitHubError(
      client.describe('GET', `/commits/${sha}/pulls`),
      undefined,
      `"${sha}" is not a full commit SHA`,
    );
  }
  const pick = (pulls: readonly ApiPull[]): PullInfo | undefined => {
    const matching = pulls.filter((p) => p.head.sha === sha);
    const chosen = matching.find((p) => p.state === 'open') ?? matching[0];
    return chosen ? toPullInfo(chosen) : undefined;
  };
  const { octokit, owner, repo } = client;

  try {
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      owner,
      repo,
      commit_sha: sha,
      per_page: 100,
    });
    const found = pick(data);
    if (found) return found;
  } catch (error) {
    // A commit only in a fork is unknown to the base repository (404/422): try the other ways.
    if (!(error instanceof GitHubError) || (error.status !== 404 && error.status !== 422)) throw error;
  }

  if (hint.headOwner && hint.headBranch) {
    const { data } = await octokit.rest.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${hint.headOwner}:${hint.headBranch}`,
      per_page: 100,
    });
    const found = pick(data);
    if (found) return found;
  }

  let pagesSeen = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    per_page: 100,
  })) {
    const found = pick(page.data);
    if (found) return found;
    if (++pagesSeen >= MAX_OPEN_PULL_PAGES) break;
  }
  return undefined;
}
