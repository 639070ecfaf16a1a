/**
 * Real git repositories in temporary directories, for tests of the git layer and of the action end
 * to end. Git runs with the user's and the system's configuration shut out, so results do not depend
 * on the machine (signing, default branch names, hooks).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Environment for git children that ignores global and system configuration. */
export function isolatedGitEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: tmpdir(),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
}

/** A temporary directory removed by `cleanup()`. */
export function makeTempDir(prefix = 'mec-git-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export class TempRepo {
  private tick = 0;

  constructor(readonly dir: string) {}

  /** `git init` in a fresh directory below `parent`, on branch `main`. */
  static init(parent: string, name = 'repo'): TempRepo {
    const dir = join(parent, name);
    mkdirSync(dir, { recursive: true });
    const repo = new TempRepo(dir);
    repo.git('init', '--quiet', '--initial-branch=main');
    return repo;
  }

  /** `git clone` into `parent/name` (pass e.g. `--depth`, `1`, `--branch`, `x` as extra arguments). */
  static clone(source: string, parent: string, name: string, ...args: string[]): TempRepo {
    execFileSync('git', ['clone', '--quiet', ...args, source, join(parent, name)], {
      env: isolatedGitEnv(),
      stdio: 'pipe',
    });
    return new TempRepo(join(parent, name));
  }

  /** Runs git in the repository and returns stdout (trimmed). */
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] })
      .toString('utf8')
      .trim();
  }

  write(path: string, content: string | Uint8Array): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  remove(path: string): this {
    unlinkSync(join(this.dir, path));
    return this;
  }

  /** Stages everything and commits; returns the new commit's SHA. Each commit gets a later date. */
  commit(message: string): string {
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Environment for this repository's commits: fixed identities, strictly increasing dates. */
  env(): NodeJS.ProcessEnv {
    const date = `${1_700_000_000 + this.tick++ * 60} +0000`;
    return { ...isolatedGitEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  }
}

/** Deterministic pseudo-random bytes (a binary payload that is not text and compresses poorly). */
export function binaryBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}
