export { GitHubError } from './errors.js';
export {
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_MAX_RETRIES,
  GitHubClient,
  type GitHubClientOptions,
  type Octokit,
} from './client.js';
export {
  listPullFiles,
  MAX_LISTED_PULL_FILES,
  type PullFile,
  type PullFilesResult,
  pullFilesToChanges,
} from './pull-files.js';
export { findPullForSha, getPull, type PullHint, type PullInfo } from './pulls.js';
export {
  findStickyComment,
  MAX_COMMENT_CHARS,
  type StickyComment,
  upsertComment,
  type UpsertCommentOptions,
  type UpsertCommentResult,
} from './comments.js';
