import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { PredictorError } from './errors.js';
import { type BundleManifest } from './manifest.js';
import { type TrainOptions, checkTrainOptions } from './train-options.js';
import {
  type BundlePlan,
  type RegressorFit,
  assembleBundle,
  fitRegressor,
  planBundle,
  progressOf,
} from './train-manifest.js';
import { FitWorkers, runOnWorkers } from './train-workers.js';
import { checkOutFolder, writeBundle } from './train-write.js';

/**
 * `train`: fits one regressor per kernel type and target on measured kernels, picks the method per
 * type by k-fold cross-validation, exports the regressors to ONNX and writes the bundle folder.
 * Deterministic: the same rows and options give byte-identical files, whatever the number of workers.
 * Parts: train-options.ts, train-fit.ts, train-select.ts, train-jobs.ts, train-workers.ts,
 * train-manifest.ts, train-write.ts.
 */

/**
 * Worker threads by default at most: the biggest jobs (a type's method chosen on all its rows) bound
 * the time from about there on (a few seconds each of the DeepEn2023 file's 50 CPU-seconds).
 */
const MAX_DEFAULT_WORKERS = 8;

/**
 * Fits, cross-validates and exports a bundle on worker threads, then writes it to `options.out` and
 * checks it loads and runs. The bundle is written and checked in a folder beside `out` and moved into
 * place only when complete, so a failure leaves no half bundle and an existing bundle at `out` is
 * replaced only on success.
 */
export async function trainBundle(options: TrainOptions): Promise<BundleManifest> {
  const out = resolve(options.out);
  checkTrainOptions(options);
  checkOutFolder(out);
  const plan = planBundle(options);
  const stopped = () =>
    new PredictorError('training stopped (interrupted); nothing was written', { file: out });
  if (options.signal?.aborted) throw stopped();
  const workers = new FitWorkers(options.workers ?? Math.min(availableParallelism(), MAX_DEFAULT_WORKERS));
  let fits: RegressorFit[];
  try {
    fits = await fitOnWorkers(plan, workers, stopped);
  } finally {
    await workers.close();
  }
  const fitted = assembleBundle(plan, fits);
  await writeBundle(out, fitted);
  return fitted.manifest;
}

/**
 * Fits every regressor at once (their jobs share the workers) and tells onProgress about each in plan
 * order as soon as it and those before it are done. Rejects as soon as the signal aborts.
 */
async function fitOnWorkers(
  plan: BundlePlan,
  workers: FitWorkers,
  stopped: () => Error,
): Promise<RegressorFit[]> {
  const { signal, onProgress } = plan.options;
  const fits: (RegressorFit | undefined)[] = plan.regressors.map(() => undefined);
  let reported = 0;
  const all = Promise.all(
    plan.regressors.map(async (regressor, i) => {
      fits[i] = await runOnWorkers(fitRegressor(plan, regressor), workers);
      while (!signal?.aborted && fits[reported]) {
        reported += 1;
        onProgress?.(progressOf(plan, fits[reported - 1]!, reported));
      }
    }),
  );
  if (signal) {
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(stopped());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    // After an abort the stopped workers reject the jobs left; nobody waits for those any more.
    all.catch(() => undefined);
    try {
      await Promise.race([all, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  } else {
    await all;
  }
  return fits as RegressorFit[];
}
