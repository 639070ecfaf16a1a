export { GitHubError } from './errors.js';
export { GitHubClient, type GitHubClientOptions, type Octokit, type Sleep } from './client.js';
export {
  DEFAULT_RETRY_POLICY,
  type FailedCall,
  isRateLimited,
  parseRetryAfter,
  type RetryClock,
  type RetryDecision,
  retryDecision,
  type RetryPolicy,
} from './retry.js';
export {
  listPullFiles,
  MAX_LISTED_PULL_FILES,
  type PullFile,
  type PullFilesResult,
  pullFilesToChanges,
} from './pull-files.js';
export { findPullForSha, getPull, type PullHint, type PullInfo } from './pulls.js';
export {
  commentMarker,
  findStickyComment,
  MAX_COMMENT_CHARS,
  type StickyComment,
  upsertComment,
  type UpsertCommentOptions,
  type UpsertCommentResult,
} from './comments.js';
