import type { ChangedPath } from '../git/changes.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './errors.js';

/** GitHub lists at most this many files of a pull request; past it the list is silently cut. */
export const MAX_LISTED_PULL_FILES = 3000;
const PER_PAGE = 100;

/** A file as the pull request files endpoint gives it. */
export interface PullFile {
  readonly filename: string;
  readonly status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  readonly previousFilename?: string;
}

export type PullFilesResult =
  | { readonly complete: true; readonly files: readonly PullFile[]; readonly changes: readonly ChangedPath[] }
  | {
      readonly complete: false;
      /** Why the list cannot be trusted; the caller falls back to `git diff` between merge base and head. */
      readonly reason: 'too-many-files' | 'api-error';
      readonly message: string;
      readonly error?: GitHubError;
    };

/**
 * Every file of a pull request, 100 per page over all pages. A list that reaches GitHub's cap, or is
 * shorter than the count the caller expects (the event's `changed_files`), or an API failure, gives
 * a fallback signal instead of an incomplete list.
 */
export async function listPullFiles(
  client: GitHubClient,
  pr: number,
  options: { expectedCount?: number } = {},
): Promise<PullFilesResult> {
  const files: PullFile[] = [];
  try {
    const pages = client.octokit.paginate.iterator(client.octokit.rest.pulls.listFiles, {
      owner: client.owner,
      repo: client.repo,
      pull_number: pr,
      per_page: PER_PAGE,
    });
    for await (const page of pages) {
      for (const file of page.data) {
        files.push({
          filename: file.filename,
          status: file.status,
          ...(file.previous_filename !== undefined ? { previousFilename: file.previous_filename } : {}),
        });
      }
    }
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    return {
      complete: false,
      reason: 'api-error',
      message: `could not list the files of #${pr}: ${error.message}`,
      error,
    };
  }
  if (files.length >= MAX_LISTED_PULL_FILES) {
    return {
      complete: false,
      reason: 'too-many-files',
      message: `#${pr} changes ${files.length} or more files; GitHub lists at most ${MAX_LISTED_PULL_FILES}`,
    };
  }
  if (options.expectedCount !== undefined && files.length < options.expectedCount) {
    return {
      complete: false,
      reason: 'too-many-files',
      message: `GitHub listed ${files.length} of the ${options.expectedCount} files #${pr} changes`,
    };
  }
  return { complete: true, files, changes: pullFilesToChanges(files) };
}

/** The API's statuses in the git layer's terms; `unchanged` entries are dropped. */
export function pullFilesToChanges(files: readonly PullFile[]): ChangedPath[] {
  return files.flatMap((file): ChangedPath[] => {
    switch (file.status) {
      case 'added':
        return [{ status: 'added', path: file.filename }];
      case 'removed':
        return [{ status: 'deleted', path: file.filename }];
      case 'modified':
      case 'changed':
        return [{ status: 'modified', path: file.filename }];
      case 'renamed':
      case 'copied':
        return file.previousFilename === undefined
          ? [{ status: file.status === 'renamed' ? 'modified' : 'added', path: file.filename }]
          : [{ status: file.status, path: file.filename, previousPath: file.previousFilename }];
      case 'unchanged':
        return [];
    }
  });
}
