import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { jobWork, type FitJob, type FitJobResult, type FitSteps } from './train-jobs.js';

/**
 * Worker threads that run fit jobs (train-jobs.ts), the biggest waiting job first so that the last
 * ones to finish are small. Jobs are pure, so how many workers there are and which one runs what
 * changes only the time.
 *
 * The worker is train-worker.ts: dist/train-worker.js beside the bundled CLI (scripts/build.mjs), or,
 * run from the sources (tsx, vitest), the TypeScript file loaded through tsx.
 */
export class FitWorkers {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  /** Waiting jobs, the most work first (ties in the order they came). */
  private readonly queue: Waiting[] = [];
  private readonly running = new Map<Worker, Waiting>();
  private broken: Error | undefined;

  constructor(private readonly size: number) {
    if (!(Number.isSafeInteger(size) && size >= 1)) throw new Error(`train: ${size} worker threads`);
  }

  run(job: FitJob): Promise<FitJobResult> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      const waiting = { job, work: jobWork(job), resolve, reject };
      let at = this.queue.length;
      while (at > 0 && this.queue[at - 1]!.work < waiting.work) at -= 1;
      this.queue.splice(at, 0, waiting);
      if (this.idle.length === 0 && this.workers.length < this.size) this.start();
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still waiting or running are rejected. */
  async close(): Promise<void> {
    this.fail(new Error('train: the worker threads were stopped'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private start(): void {
    let worker: Worker;
    try {
      worker = startWorker();
    } catch (error) {
      this.fail(new Error(`train: cannot start a worker thread: ${(error as Error).message}`));
      return;
    }
    this.workers.push(worker);
    this.idle.push(worker);
    worker.on('message', (message: WorkerReply) => {
      const done = this.running.get(worker);
      this.running.delete(worker);
      this.idle.push(worker);
      if ('error' in message) done?.reject(Object.assign(new Error(message.error.message), message.error));
      else done?.resolve(message.result);
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.broken) this.fail(new Error(`train: a worker thread exited (code ${code})`));
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const next = this.queue.shift()!;
      this.running.set(worker, next);
      worker.postMessage(next.job);
    }
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of [...this.queue.splice(0), ...this.running.values()]) waiting.reject(this.broken);
    this.running.clear();
  }
}

interface Waiting {
  readonly job: FitJob;
  readonly work: number;
  readonly resolve: (result: FitJobResult) => void;
  readonly reject: (error: Error) => void;
}

/** What train-worker.ts answers a job with. */
export type WorkerReply =
  | { readonly result: FitJobResult }
  | { readonly error: { readonly name: string; readonly message: string; readonly stack?: string } };

/** Drives `steps` with its jobs run on `workers`, each step's jobs at once. */
export async function runOnWorkers<T>(steps: FitSteps<T>, workers: FitWorkers): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await Promise.all(step.value.map((job) => workers.run(job))));
  return step.value;
}

function startWorker(): Worker {
  const bundled = join(import.meta.dirname, 'train-worker.js');
  if (existsSync(bundled)) return new Worker(bundled);
  const source = join(import.meta.dirname, 'train-worker.ts');
  const tsx = createRequire(source).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, {
    eval: true,
  });
}
