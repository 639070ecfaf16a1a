import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GitError } from './errors.js';

/** How a git child process is started. */
export interface GitExecOptions {
  /** The working directory: a path inside the repository. */
  readonly cwd: string;
  /** The git executable; `git` on PATH by default. */
  readonly gitPath?: string;
  /** Environment for the child; inherited when absent. */
  readonly env?: NodeJS.ProcessEnv;
}

/** What a finished git process left behind. */
export interface GitOutput {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly exitCode: number;
}

/** stderr is kept for messages only; a runaway process cannot fill memory with it. */
const MAX_STDERR_CHARS = 64 * 1024;

/** git started without a shell, stdout piped, stderr collected (up to MAX_STDERR_CHARS) for messages. */
function spawnGit(
  options: GitExecOptions,
  args: readonly string[],
): { child: ChildProcessByStdio<null, Readable, Readable>; stderr: () => string } {
  const child = spawn(options.gitPath ?? 'git', args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false,
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < MAX_STDERR_CHARS) stderr += chunk;
  });
  return { child, stderr: () => stderr };
}

/**
 * Runs git without a shell and collects stdout as bytes, so blobs of any size and content come back
 * intact (no maxBuffer to outgrow). Exit codes are returned, not thrown: callers decide which are
 * errors, since some commands (merge-base, cat-file -e) use them as answers.
 */
export function execGit(options: GitExecOptions, args: readonly string[]): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const { child, stderr } = spawnGit(options, args);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) =>
      reject(new GitError(args, `could not start git (${error.message})`, '', null, { cause: error })),
    );
    child.on('close', (code, signal) => {
      if (code === null) {
        reject(new GitError(args, `killed by signal ${signal ?? 'unknown'}`, stderr(), null));
        return;
      }
      resolve({ stdout: Buffer.concat(chunks), stderr: stderr(), exitCode: code });
    });
  });
}

/** Runs git and throws a GitError on a non-zero exit. */
export async function runGit(options: GitExecOptions, args: readonly string[]): Promise<Buffer> {
  const out = await execGit(options, args);
  if (out.exitCode !== 0)
    throw new GitError(args, `exited with code ${out.exitCode}`, out.stderr, out.exitCode);
  return out.stdout;
}

/**
 * Runs git with stdout streamed into a file, for blobs too large to hold in memory. On failure the
 * partly written file is removed, so a destination either holds the whole output or does not exist.
 */
export function runGitToFile(
  options: GitExecOptions,
  args: readonly string[],
  destination: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const { child, stderr } = spawnGit(options, args);
    const file = createWriteStream(destination);
    let failure: GitError | undefined;
    let exitCode: number | null | undefined;
    let fileClosed = false;
    const settle = (): void => {
      if (!fileClosed || exitCode === undefined) return;
      const error =
        failure ??
        (exitCode !== 0 ? new GitError(args, `exited with code ${exitCode}`, stderr(), exitCode) : undefined);
      if (error === undefined) resolve();
      else rm(destination, { force: true }).then(() => reject(error), reject);
    };
    child.stdout.pipe(file);
    file.on('error', (error) => {
      failure ??= new GitError(args, `could not write ${destination} (${error.message})`, '', null, {
        cause: error,
      });
      child.kill();
    });
    file.on('close', () => {
      fileClosed = true;
      settle();
    });
    child.on('error', (error) => {
      failure ??= new GitError(args, `could not start git (${error.message})`, '', null, { cause: error });
      exitCode = null;
      file.end();
    });
    child.on('close', (code, signal) => {
      if (code === null)
        failure ??= new GitError(args, `killed by signal ${signal ?? 'unknown'}`, stderr(), null);
      exitCode = code;
      settle();
    });
  });
}
