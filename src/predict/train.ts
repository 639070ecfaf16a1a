import { resolve } from 'node:path';
import { PredictorError } from './errors.js';
import { type BundleManifest } from './manifest.js';
import { type TrainOptions, checkTrainOptions } from './train-options.js';
import { type FittedBundle, fitSteps } from './train-manifest.js';
import { checkOutFolder, writeBundle } from './train-write.js';

/**
 * `train`: fits one regressor per kernel type and target on measured kernels, picks the method per
 * type by k-fold cross-validation, exports the regressors to ONNX and writes the bundle folder.
 * Deterministic: the same rows and options give byte-identical files.
 * Parts: train-options.ts, train-fit.ts, train-manifest.ts, train-write.ts.
 */

/**
 * Fits, cross-validates and exports a bundle, then writes it to `options.out` and checks it loads and
 * runs. The bundle is written and checked in a folder beside `out` and moved into place only when
 * complete, so a failure leaves no half bundle and an existing bundle at `out` is replaced only on success.
 */
export async function trainBundle(options: TrainOptions): Promise<BundleManifest> {
  const out = resolve(options.out);
  checkTrainOptions(options);
  checkOutFolder(out);
  const steps = fitSteps(options);
  let fitted: FittedBundle | undefined;
  while (!fitted) {
    const step = steps.next();
    if (step.done) fitted = step.value;
    else await new Promise<void>((done) => setImmediate(done));
    if (options.signal?.aborted)
      throw new PredictorError('training stopped (interrupted); nothing was written', { file: out });
  }
  await writeBundle(out, fitted);
  return fitted.manifest;
}
