import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError } from './errors.js';
import type { GitExecOptions } from './exec.js';

const ARGS = ['cat-file', '--batch'] as const;

interface Pending {
  readonly object: string;
  readonly resolve: (bytes: Buffer) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Raw blobs from one long-lived `git cat-file --batch`: a big pull request reads a hundred model
 * versions without starting a git process (and copying a large Node heap's page tables) for each, and
 * each blob lands in one buffer of its exact size, never concatenated from chunks. No filter is ever
 * applied (no Git LFS download starts). The process is only referenced while a read is pending, so an
 * idle reader never keeps Node alive; it ends when stdin closes (`close()` or Node's exit).
 */
export class BlobBatch {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly pending: Pending[] = [];
  private header = '';
  private body: Buffer | undefined;
  private filled = 0;
  /** The newline after a blob's content, still to be skipped. */
  private trailer = false;
  private stderr = '';

  constructor(private readonly exec: GitExecOptions) {}

  /** The content of `object` (`rev:path`, no newline in it). */
  read(object: string): Promise<Buffer> {
    if (object.includes('\n'))
      return Promise.reject(new GitError([...ARGS], `"${object}" cannot be asked for in batch mode`));
    return new Promise((resolve, reject) => {
      const child = this.start();
      this.pending.push({ object, resolve, reject });
      setRef(child, true);
      child.stdin.write(`${object}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn(this.exec.gitPath ?? 'git', ARGS, {
      cwd: this.exec.cwd,
      env: this.exec.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    child.stdout.on('data', (chunk: Buffer) => this.consume(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.fail(`could not start git (${error.message})`, child));
    child.on('close', (code, signal) =>
      this.fail(
        code === null ? `killed by signal ${signal ?? 'unknown'}` : `exited with code ${code}`,
        child,
      ),
    );
    this.child = child;
    return child;
  }

  private fail(problem: string, child: ChildProcessWithoutNullStreams): void {
    if (this.child === child) this.child = undefined;
    const error = new GitError([...ARGS], problem, this.stderr);
    for (const p of this.pending.splice(0)) p.reject(error);
    this.header = '';
    this.body = undefined;
    this.trailer = false;
  }

  private consume(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.trailer) {
        this.trailer = false;
        at += 1;
        continue;
      }
      if (this.body) {
        const n = Math.min(chunk.length - at, this.body.length - this.filled);
        chunk.copy(this.body, this.filled, at, at + n);
        this.filled += n;
        at += n;
        if (this.filled === this.body.length) {
          const body = this.body;
          this.body = undefined;
          this.trailer = true;
          this.settle((p) => p.resolve(body));
        }
        continue;
      }
      const nl = chunk.indexOf(0x0a, at);
      if (nl < 0) {
        this.header += chunk.toString('utf8', at);
        return;
      }
      this.header += chunk.toString('utf8', at, nl);
      at = nl + 1;
      this.onHeader(this.header);
      this.header = '';
    }
  }

  /** `<oid> <type> <size>`, or `<object> missing` / `<object> ambiguous`. */
  private onHeader(line: string): void {
    const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(line);
    const object = this.pending[0]?.object ?? '?';
    if (!m) {
      const why = line.endsWith(' missing')
        ? 'does not exist'
        : line.endsWith(' ambiguous')
          ? 'is ambiguous'
          : `gave an unexpected answer "${line.slice(0, 200)}"`;
      this.settle((p) => p.reject(new GitError([...ARGS], `${object} ${why}`)));
      return;
    }
    const size = Number(m[3]);
    if (m[2] !== 'blob') {
      // Not a file: its content still follows and is read, then the request is refused.
      const entry = this.pending[0];
      const problem = `${object} is a ${m[2]}, not a file`;
      if (entry)
        this.pending[0] = { ...entry, resolve: () => entry.reject(new GitError([...ARGS], problem)) };
    }
    if (size === 0) {
      this.trailer = true;
      this.settle((p) => p.resolve(Buffer.alloc(0)));
      return;
    }
    this.body = Buffer.allocUnsafe(size);
    this.filled = 0;
  }

  private settle(how: (p: Pending) => void): void {
    const p = this.pending.shift();
    if (p) how(p);
    if (this.pending.length === 0 && this.child) setRef(this.child, false);
  }
}

/** An idle batch process and its pipes must not keep Node running; a pending read must. */
function setRef(child: ChildProcessWithoutNullStreams, on: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as {
    ref?: () => void;
    unref?: () => void;
  }[])
    if (on) handle.ref?.();
    else handle.unref?.();
}
