import { parentPort } from 'node:worker_threads';
import { runFitJob, type FitJob } from './train-jobs.js';
import type { WorkerReply } from './train-workers.js';

/** A worker thread of `train` (train-workers.ts): runs each fit job it is sent and answers with the result. */
parentPort?.on('message', (job: FitJob) => {
  let reply: WorkerReply;
  try {
    reply = { result: runFitJob(job) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
  parentPort!.postMessage(reply);
});
