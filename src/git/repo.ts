import { mkdir } from 'node:fs/promises';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { type ChangedPath, NameStatusParseError, parseNameStatus } from './changes.js';
import { BlobBatch } from './batch.js';
import { GitError } from './errors.js';
import { execGit, type GitExecOptions, runGit, runGitToFile } from './exec.js';

/** A full object id: SHA-1 (40 hex digits) or SHA-256 (64). */
export type CommitSha = string;

/** What a path names in a commit's tree. */
export type TreeEntryKind = 'file' | 'executable' | 'symlink' | 'directory' | 'submodule';

const SHA_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function isFullSha(value: string): boolean {
  return SHA_PATTERN.test(value);
}

/**
 * Refuses revisions that git could read as an option, a range, or an object path (`rev:path`).
 * Revisions may come from event payloads and inputs; with no shell involved, this keeps them from
 * ever being anything but a revision (`HEAD~2`, `origin/main`, a SHA).
 */
export function assertRevision(rev: string): void {
  // eslint-disable-next-line no-control-regex
  if (rev === '' || rev.startsWith('-') || /[\s\x00-\x1f\x7f:]/.test(rev) || rev.includes('..')) {
    throw new GitError([], `"${rev}" is not an acceptable revision (a commit SHA or a ref name is expected)`);
  }
}

/**
 * Repository paths are root-relative with forward slashes. "./" prefixes are dropped; absolute paths,
 * ".." segments and empty segments are refused rather than resolved.
 */
export function normaliseRepoPath(path: string): string {
  const trimmed = path.replace(/^(?:\.\/)+/, '');
  const segments = trimmed.split('/');
  if (
    trimmed === '' ||
    path.startsWith('/') ||
    path.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new GitError([], `"${path}" is not a repository-relative file path`);
  }
  return trimmed;
}

export interface DiffOptions {
  /** git's rename-detection limit (`-l`); git's own default when absent. */
  readonly renameLimit?: number;
}

export interface FetchOptions {
  /** `--depth=N`: history of at most N commits from each fetched tip (deepens a shallow clone). */
  readonly depth?: number;
}

/**
 * Read-only access to a git repository through the git executable. Nothing here checks out, builds
 * or runs anything from the repository; the only command that changes state is `fetch`.
 */
export class GitRepo {
  private batch: BlobBatch | undefined;

  private constructor(
    /** The top-level directory of the working tree. */
    readonly root: string,
    private readonly exec: GitExecOptions,
  ) {}

  /** Opens the repository that contains `dir`. */
  static async open(dir: string, options: Omit<GitExecOptions, 'cwd'> = {}): Promise<GitRepo> {
    const out = await runGit({ ...options, cwd: dir }, ['rev-parse', '--show-toplevel']);
    const root = out.toString('utf8').trim();
    return new GitRepo(root, { ...options, cwd: root });
  }

  /** The full SHA of the commit a revision names; a GitError when it names none. */
  async resolveCommit(rev: string): Promise<CommitSha> {
    const sha = await this.tryResolveCommit(rev);
    if (sha === undefined) {
      throw new GitError(['rev-parse', '--verify', rev], `"${rev}" does not name a commit in ${this.root}`);
    }
    return sha;
  }

  /** Like resolveCommit, but undefined when the commit is not in the repository (e.g. not fetched). */
  async tryResolveCommit(rev: string): Promise<CommitSha | undefined> {
    assertRevision(rev);
    const args = ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`];
    const out = await execGit(this.exec, args);
    if (out.exitCode === 0) return out.stdout.toString('utf8').trim();
    if (out.exitCode === 1) return undefined;
    throw new GitError(args, `exited with code ${out.exitCode}`, out.stderr, out.exitCode);
  }

  /** The best common ancestor of two commits, or undefined when git finds none in the local history. */
  async mergeBase(a: string, b: string): Promise<CommitSha | undefined> {
    assertRevision(a);
    assertRevision(b);
    const args = ['merge-base', '--end-of-options', a, b];
    const out = await execGit(this.exec, args);
    if (out.exitCode === 0) return out.stdout.toString('utf8').trim();
    if (out.exitCode === 1 && out.stderr.trim() === '') return undefined;
    throw new GitError(args, `exited with code ${out.exitCode}`, out.stderr, out.exitCode);
  }

  /** `git diff --name-status -M from to`: every changed path, renames detected by content. */
  async diff(from: string, to: string, options: DiffOptions = {}): Promise<ChangedPath[]> {
    assertRevision(to);
    return this.nameStatus(from, [to], options);
  }

  /**
   * `git diff --name-status -M from`: every path the working tree changes against a commit (tracked
   * files only, renames detected by content); `untrackedFiles` has the rest.
   */
  async diffWorkingTree(from: string, options: DiffOptions = {}): Promise<ChangedPath[]> {
    return this.nameStatus(from, [], options);
  }

  /** Files in the working tree that git does not track and does not ignore. */
  async untrackedFiles(): Promise<string[]> {
    return this.lsFiles(['--others', '--exclude-standard']);
  }

  /** The working tree's files: tracked ones (deleted but unstaged included) and untracked, not ignored. */
  async workingTreeFiles(): Promise<string[]> {
    return [...new Set(await this.lsFiles(['--cached', '--others', '--exclude-standard']))];
  }

  private async lsFiles(which: readonly string[]): Promise<string[]> {
    const out = await runGit(this.exec, ['ls-files', '-z', ...which]);
    return out
      .toString('utf8')
      .split('\0')
      .filter((p) => p !== '');
  }

  private async nameStatus(
    from: string,
    to: readonly string[],
    options: DiffOptions,
  ): Promise<ChangedPath[]> {
    assertRevision(from);
    const args = [
      '-c',
      'core.quotePath=false',
      'diff',
      '--name-status',
      '-z',
      '-M',
      ...(options.renameLimit !== undefined ? [`-l${Math.max(0, Math.floor(options.renameLimit))}`] : []),
      '--no-ext-diff',
      '--no-textconv',
      '--no-color',
      '--end-of-options',
      from,
      ...to,
      '--',
    ];
    const out = await runGit(this.exec, args);
    try {
      return parseNameStatus(out.toString('utf8'));
    } catch (error) {
      if (error instanceof NameStatusParseError)
        throw new GitError(args, error.message, '', 0, { cause: error });
      throw error;
    }
  }

  /** The repository's common git directory (shared by worktrees), absolute. */
  async commonDir(): Promise<string> {
    const out = await runGit(this.exec, ['rev-parse', '--git-common-dir']);
    return resolve(this.root, out.toString('utf8').trim());
  }

  /**
   * The raw bytes of a file at a revision (`git cat-file blob rev:path`), binary-safe and of any size.
   * With `filters`, the content is passed through the configured smudge filters, which for Git LFS may
   * start a download: model reading never asks for that (see `readModelBlob`).
   */
  async readBlob(rev: string, path: string, options: { filters?: boolean } = {}): Promise<Buffer> {
    const args = this.blobArgs(rev, path, options.filters ?? false);
    const object = args[args.length - 1]!;
    if (options.filters || object.includes('\n')) return runGit(this.exec, args);
    this.batch ??= new BlobBatch(this.exec);
    try {
      return await this.batch.read(object);
    } catch (error) {
      // The batch answer is terse: ask git itself for the precise message (and the same GitError).
      if (error instanceof GitError) return runGit(this.exec, args);
      throw error;
    }
  }

  /** Ends the blob reader process (it also ends by itself when Node exits). */
  close(): void {
    this.batch?.close();
    this.batch = undefined;
  }

  /** Streams a file at a revision to `destination` (parents created), never holding it in memory. */
  async exportBlob(
    rev: string,
    path: string,
    destination: string,
    options: { filters?: boolean } = {},
  ): Promise<void> {
    await mkdir(dirname(destination), { recursive: true });
    await runGitToFile(this.exec, this.blobArgs(rev, path, options.filters ?? false), destination);
  }

  /**
   * Writes files of a revision below `destinationDir` at their repository paths, so a model and its
   * external-data files keep their relative layout. Returns the written file paths.
   */
  async exportFiles(rev: string, paths: readonly string[], destinationDir: string): Promise<string[]> {
    const root = resolve(destinationDir);
    const written: string[] = [];
    for (const path of paths) {
      const target = join(root, ...normaliseRepoPath(path).split('/'));
      if (!target.startsWith(root + sep))
        throw new GitError([], `"${path}" would be written outside ${root}`);
      await this.exportBlob(rev, path, target);
      written.push(target);
    }
    return written;
  }

  /** The size in bytes of a file at a revision, without reading it. */
  async blobSize(rev: string, path: string): Promise<number> {
    assertRevision(rev);
    const out = await runGit(this.exec, ['cat-file', '-s', `${rev}:${normaliseRepoPath(path)}`]);
    return Number(out.toString('utf8').trim());
  }

  /** What a path is at a revision, or undefined when it does not exist there. */
  async entryKind(rev: string, path: string): Promise<TreeEntryKind | undefined> {
    assertRevision(rev);
    const wanted = normaliseRepoPath(path);
    const args = [
      '--literal-pathspecs',
      'ls-tree',
      '-z',
      '--full-tree',
      '--end-of-options',
      rev,
      '--',
      wanted,
    ];
    const out = await runGit(this.exec, args);
    for (const record of out.toString('utf8').split('\0')) {
      const tab = record.indexOf('\t');
      if (tab < 0 || record.slice(tab + 1) !== wanted) continue;
      const [mode] = record.slice(0, tab).split(' ');
      switch (mode) {
        case '100644':
          return 'file';
        case '100755':
          return 'executable';
        case '120000':
          return 'symlink';
        case '040000':
          return 'directory';
        case '160000':
          return 'submodule';
        default:
          throw new GitError(args, `unexpected tree entry mode ${mode ?? '?'} for ${wanted}`);
      }
    }
    return undefined;
  }

  /** Whether a regular file (or executable) exists at the path in the revision. */
  async fileExists(rev: string, path: string): Promise<boolean> {
    const kind = await this.entryKind(rev, path);
    return kind === 'file' || kind === 'executable';
  }

  /** Every file path in a revision's tree. */
  async listFiles(rev: string): Promise<string[]> {
    assertRevision(rev);
    const out = await runGit(this.exec, [
      'ls-tree',
      '-r',
      '-z',
      '--name-only',
      '--full-tree',
      '--end-of-options',
      rev,
    ]);
    return out
      .toString('utf8')
      .split('\0')
      .filter((p) => p !== '');
  }

  /** Whether the repository is a shallow clone (history cut off at some depth). */
  async isShallow(): Promise<boolean> {
    const out = await runGit(this.exec, ['rev-parse', '--is-shallow-repository']);
    const answer = out.toString('utf8').trim();
    if (answer !== 'true' && answer !== 'false') {
      throw new GitError(['rev-parse', '--is-shallow-repository'], `unexpected answer "${answer}"`);
    }
    return answer === 'true';
  }

  /** The configured remotes. */
  async remotes(): Promise<string[]> {
    const out = await runGit(this.exec, ['remote']);
    return out
      .toString('utf8')
      .split('\n')
      .map((r) => r.trim())
      .filter((r) => r !== '');
  }

  /** `git fetch --no-tags <remote> <sha>...`: fetches commits by id. Returns the arguments it ran. */
  async fetchCommits(remote: string, shas: readonly string[], options: FetchOptions = {}): Promise<string[]> {
    if (remote === '' || remote.startsWith('-') || /\s/.test(remote)) {
      throw new GitError([], `"${remote}" is not an acceptable remote name`);
    }
    for (const sha of shas) {
      if (!isFullSha(sha)) throw new GitError([], `"${sha}" is not a full commit SHA; only SHAs are fetched`);
    }
    const args = [
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--quiet',
      ...(options.depth !== undefined ? [`--depth=${Math.max(1, Math.floor(options.depth))}`] : []),
      remote,
      ...shas,
    ];
    await runGit(this.exec, args);
    return args;
  }

  private blobArgs(rev: string, path: string, filters: boolean): string[] {
    assertRevision(rev);
    const object = `${rev}:${normaliseRepoPath(path)}`;
    return filters ? ['cat-file', '--filters', object] : ['cat-file', 'blob', object];
  }
}

/**
 * Joins an external-data location to its model's directory, giving a repository path. Locations that
 * leave the model's directory (absolute, or climbing with "..") give undefined: ONNX loading refuses
 * them, so they never name a data file of the model.
 */
export function resolveBeside(modelPath: string, location: string): string | undefined {
  const inside = posix.normalize(location);
  if (posix.isAbsolute(inside) || inside === '..' || inside.startsWith('../') || inside === '.')
    return undefined;
  const dir = posix.dirname(modelPath);
  return dir === '.' ? inside : `${dir}/${inside}`;
}
