import type { GitHubClient } from './client.js';
import { GitHubError } from './errors.js';
import { carriesMarker, commentMarker } from '../report/marker.js';

/** GitHub refuses comment bodies longer than this many characters. */
export const MAX_COMMENT_CHARS = 65536;
const PER_PAGE = 100;

/** A comment found by its marker. */
export interface StickyComment {
  readonly id: number;
  readonly body: string;
  readonly url: string;
  readonly author: string;
}

export interface UpsertCommentOptions {
  readonly pr: number;
  readonly key: string;
  /** The report; the marker is put on its first line when it does not already carry it. */
  readonly body: string;
  /** When false, an existing comment is updated but none is created (comment: on-change / on-violation). */
  readonly create?: boolean;
}

export type UpsertCommentResult =
  | { readonly action: 'created' | 'updated' | 'unchanged'; readonly id: number; readonly url: string }
  | {
      readonly action: 'skipped';
      /** forbidden: the token may not comment (a fork's read-only token); not-found: none to update and create was false. */
      readonly reason: 'forbidden' | 'not-found';
      readonly message: string;
    };

interface ApiComment {
  id: number;
  body?: string;
  html_url: string;
  user: { login: string; type: string } | null;
}

/**
 * Our comment for the key: the first, over all pages, whose first line is the key's marker and that was
 * written by a bot account (GITHUB_TOKEN, a GitHub App) or, for a personal access token, by the token's
 * own account. A marker elsewhere in a body (a model path in a report, a quote) never counts.
 */
export async function findStickyComment(
  client: GitHubClient,
  pr: number,
  key: string,
): Promise<StickyComment | undefined> {
  const marker = commentMarker(key);
  const { octokit, owner, repo } = client;
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pr,
    per_page: PER_PAGE,
  });
  for await (const page of pages) {
    for (const comment of page.data as ApiComment[]) {
      if (comment.body === undefined || !carriesMarker(comment.body, key)) continue;
      const user = comment.user;
      if (user && (user.type === 'Bot' || (await client.tokenLogin()) === user.login)) {
        return { id: comment.id, body: comment.body, url: comment.html_url, author: user.login };
      }
      client.log(
        `comment ${comment.html_url} carries the ${marker} marker but is by ${user?.login ?? 'a deleted user'}, neither a bot nor the token's account: left alone`,
      );
    }
  }
  return undefined;
}

/**
 * Creates our comment, or updates it when its body differs, or leaves it when it is the same. A
 * creation is never repeated (the client never retries a POST): when it fails on the server side the
 * comment may exist after all, so the comments are searched again, and only a comment that is not
 * there is an error. So a flaky POST never leaves two comments.
 */
export async function upsertComment(
  client: GitHubClient,
  options: UpsertCommentOptions,
): Promise<UpsertCommentResult> {
  const marker = commentMarker(options.key);
  const body = carriesMarker(options.body, options.key) ? options.body : `${marker}\n${options.body}`;
  if (body.length > MAX_COMMENT_CHARS) {
    throw new GitHubError(
      client.describe('POST', `/issues/${options.pr}/comments`),
      undefined,
      `comment body is ${body.length} characters; GitHub accepts at most ${MAX_COMMENT_CHARS}`,
    );
  }
  const { octokit, owner, repo } = client;
  const ours = (): Promise<StickyComment | undefined> => findStickyComment(client, options.pr, options.key);
  const written = (action: 'created' | 'updated', { data }: { data: { id: number; html_url: string } }) =>
    ({ action, id: data.id, url: data.html_url }) as const;

  try {
    const existing = await ours();
    if (existing) {
      if (normalise(existing.body) === normalise(body)) {
        return { action: 'unchanged', id: existing.id, url: existing.url };
      }
      const comment_id = existing.id;
      return written('updated', await octokit.rest.issues.updateComment({ owner, repo, comment_id, body }));
    }
    if (options.create === false) {
      return {
        action: 'skipped',
        reason: 'not-found',
        message: `no ${marker} comment on #${options.pr} to update`,
      };
    }
    try {
      const issue_number = options.pr;
      return written('created', await octokit.rest.issues.createComment({ owner, repo, issue_number, body }));
    } catch (error) {
      if (!(error instanceof GitHubError) || !serverSide(error)) throw error;
      client.log(`${error.message}; looking whether the comment was made anyway`);
      const made = await ours();
      if (made && normalise(made.body) === normalise(body)) {
        return { action: 'created', id: made.id, url: made.url };
      }
      throw new GitHubError(
        error.request,
        error.status,
        `${error.problem} (not sent again, so that it can never post twice; the next run posts it)`,
        { cause: error },
      );
    }
  } catch (error) {
    // A fork's read-only token; a rate limit that was not waited out is an error, not a permission.
    if (error instanceof GitHubError && error.status === 403 && !error.rateLimited) {
      return { action: 'skipped', reason: 'forbidden', message: error.message };
    }
    throw error;
  }
}

function serverSide(error: GitHubError): boolean {
  return error.status === undefined || error.status >= 500;
}

/** GitHub may store line endings as CRLF; trailing whitespace is not a change worth an edit. */
function normalise(text: string): string {
  return text.replace(/\r\n/g, '\n').trimEnd();
}
