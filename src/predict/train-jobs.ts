import type { TreeEnsembleModel } from './ensemble.js';
import { predictModel, type RegressorModel } from './models.js';
import { fitPoolModel } from './pooled.js';
import {
  fitMethod,
  selectMethod,
  selectionWork,
  type MethodChoice,
  type SelectionContext,
} from './train-select.js';

/**
 * The units of work `train` splits a bundle into: plain data in, plain data out (structured-clone
 * safe), each a pure function of its input, so that they can run in any order, inline or on worker
 * threads (train-workers.ts), and the bundle is the same to the byte.
 */

/** Fitting the pool model a memory-bound kernel type's target is offered (pooled.ts). */
export interface PoolJob {
  readonly kind: 'pool';
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
  readonly linearFeatures: readonly number[];
  readonly seed: number;
}

/** Choosing the method on some rows, fitting it on them and predicting other rows with it. */
export interface ChooseJob {
  readonly kind: 'choose';
  readonly context: SelectionContext;
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
  /** Seed of the k-fold the methods are compared on. */
  readonly folding: number;
  /** Rows the fitted model predicts (a fold's held-out rows). */
  readonly predict: readonly (readonly number[])[];
  /** Whether the fitted model comes back (the shipped one) or only its predictions. */
  readonly keepModel: boolean;
}

export type FitJob = PoolJob | ChooseJob;

export interface PoolResult {
  readonly kind: 'pool';
  readonly model: TreeEnsembleModel;
}

export interface ChooseResult {
  readonly kind: 'choose';
  readonly choice: MethodChoice;
  readonly model: RegressorModel | undefined;
  readonly predictions: readonly number[];
}

export type FitJobResult = PoolResult | ChooseResult;

export function runFitJob(job: FitJob): FitJobResult {
  if (job.kind === 'pool')
    return { kind: 'pool', model: fitPoolModel(job.x, job.y, job.linearFeatures, job.seed) };
  const { context } = job;
  const choice = selectMethod(context, job.x, job.y, job.folding);
  const model = fitMethod(choice.method, job.x, job.y, context.modelSeed, choice.settings, context.pool);
  return {
    kind: 'choose',
    choice,
    model: job.keepModel ? model : undefined,
    predictions: job.predict.map((row) => predictModel(model, row)),
  };
}

/** Roughly the job's work (boosted-tree fits times rows), so that the longest can start first. */
export function jobWork(job: FitJob): number {
  return job.kind === 'pool' ? job.x.length : selectionWork(job.context, job.x.length);
}

/**
 * A computation in steps: each step yields the jobs it needs and is resumed with their results, in
 * the same order. Whoever drives it decides where the jobs run.
 */
export type FitSteps<T> = Generator<readonly FitJob[], T, readonly FitJobResult[]>;

/** Drives `steps` with every job run here, one after another. */
export function runInline<T>(steps: FitSteps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next(step.value.map(runFitJob));
  return step.value;
}

/** Several computations side by side: each step yields the jobs of all of them that are not done. */
export function* together<T>(parts: readonly FitSteps<T>[]): FitSteps<T[]> {
  const values = new Array<T>(parts.length);
  let running = parts.map((steps, i) => ({ i, step: steps.next() }));
  for (;;) {
    const waiting: { i: number; jobs: readonly FitJob[] }[] = [];
    for (const { i, step } of running) {
      if (step.done) values[i] = step.value;
      else waiting.push({ i, jobs: step.value });
    }
    if (waiting.length === 0) return values;
    const results = yield waiting.flatMap((w) => w.jobs);
    let at = 0;
    running = waiting.map(({ i, jobs }) => {
      const mine = results.slice(at, at + jobs.length);
      at += jobs.length;
      return { i, step: parts[i]!.next(mine) };
    });
  }
}

/** The result of a job of a known kind (a driver that mixed up results is a bug). */
export function resultOf<K extends FitJobResult['kind']>(
  result: FitJobResult | undefined,
  kind: K,
): Extract<FitJobResult, { kind: K }> {
  if (result?.kind !== kind) throw new Error(`train: expected a ${kind} result, got ${result?.kind}`);
  return result as Extract<FitJobResult, { kind: K }>;
}
