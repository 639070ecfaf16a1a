export { GitError } from './errors.js';
export { execGit, runGit, runGitToFile, type GitExecOptions, type GitOutput } from './exec.js';
export {
  type ChangedPath,
  type ChangeStatus,
  NameStatusParseError,
  parseNameStatus,
  selectChanges,
  touchedPaths,
} from './changes.js';
export {
  assertRevision,
  type CommitSha,
  type DiffOptions,
  type FetchOptions,
  GitRepo,
  isFullSha,
  normaliseRepoPath,
  resolveBeside,
  type TreeEntryKind,
} from './repo.js';
export { ensureMergeBase, type MergeBaseOptions, type MergeBaseResult } from './history.js';
export {
  isLfsPointer,
  LFS_POINTER_MAX_BYTES,
  lfsPointerMessage,
  type LfsPointer,
  type ModelBlob,
  readModelBlob,
  readModelBytes,
  parseLfsPointer,
  readLfsPointerFile,
} from './lfs.js';
export { type ExternalLocationLister, modelsWithChangedData } from './external-data.js';
