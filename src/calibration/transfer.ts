/**
 * Calibrated transfer of a trained kernel-predictor bundle to other devices and processors, from
 * DeepEn2023's published application-level energies (data/deepen2023/application_energy.csv), in the
 * spirit of PlatformX (SEC 2025): reuse the kernel predictors, fit a few per-device factors on few samples.
 *
 * Model, per processor p (cpu: the CPU4 delegate, 4 threads; gpu: the GPU delegate) and app a:
 *
 *   E_published(d, a) = s_d * (C_a + m * M_a + O)
 *
 * C_a and M_a are the energies the trained bundle (one phone's CPU, most likely one thread) predicts for
 * the app's model, split into compute-bound kernels (conv, fc, matmul) and memory-bound ones (depthwise
 * conv, elementwise, pooling, concat...). s_d is the device's factor, m the memory-class weight of the
 * processor relative to compute, O the app's own work outside the model (pre- and post-processing,
 * which the published end-to-end figures include) in the same units. m and O are shared by all
 * devices of a processor; s_d is per device. The transferred bundle prices kernels with factors
 * s_d (compute) and s_d * m (memory); O is never added to model predictions.
 *
 * The app ratios fix only one combination of m and O (every phone runs the same two apps), so a third
 * piece of data pins the level: on the CPU, O is measured where the trained bundle's own setting was
 * published (the P40 Pro's single-thread figures: app energy minus the predicted model energy,
 * measuredOverhead); on the GPU, model-level GPU figures of the kernel phone anchor it (ModelAnchor).
 *
 * Bridging threads and delegates: s_d carries the difference between the trained bundle's setting
 * (single-threaded TFLite on the Kirin 990's A76) and the target's (4 threads on the CPU, or the GPU
 * delegate), together with the device difference; m carries how differently the two classes speed up
 * (on a mobile GPU, memory-bound kernels gain less than dense convolution).
 */

export type AppId = string;

export interface AppPrediction {
  /** Energy of compute-bound kernels (mJ) the trained bundle predicts for the app's model. */
  readonly computeMj: number;
  readonly memoryMj: number;
}

export interface TransferFit {
  /** Memory-class weight relative to compute. */
  readonly memoryWeight: number;
  /** App overhead outside the model, in the trained bundle's millijoules. */
  readonly overheadMj: number;
  /** Device factors, by device id. */
  readonly scale: ReadonlyMap<string, number>;
  /** Root-mean-square log residual of the fit. */
  readonly rmsLogError: number;
}

/** Published energy (mJ) by device and app, for one processor. */
export type Published = ReadonlyMap<string, ReadonlyMap<AppId, number>>;

/**
 * Model-level figures of one device (no app overhead): DeepEn2023's model-level ranges per family,
 * measured on the kernel dataset's phone, anchor the absolute model energy on that device's processor,
 * which app-level figures alone cannot separate from the app overhead.
 */
export interface ModelAnchor {
  readonly device: string;
  readonly points: readonly {
    readonly label: string;
    readonly prediction: AppPrediction;
    readonly targetMj: number;
  }[];
}

export interface TransferOptions {
  /** Model-level figures that anchor the absolute level on one device. */
  readonly anchor?: ModelAnchor;
  /** The app overhead O when it is measured rather than fitted (trained-bundle mJ): see measuredOverhead. */
  readonly overheadMj?: number;
}

/**
 * The app overhead where it can be measured: on the trained bundle's own phone and setting, an app's
 * published energy is its model's predicted energy (C + M, no factor) plus O. One estimate per app;
 * their agreement is a check on the trained bundle (different models, one overhead).
 */
export function measuredOverhead(
  apps: ReadonlyMap<AppId, AppPrediction>,
  trainedSetting: ReadonlyMap<AppId, number>,
): { overheadMj: number; perApp: ReadonlyMap<AppId, number> } {
  const perApp = new Map<AppId, number>();
  for (const [app, measured] of trainedSetting) {
    const p = apps.get(app);
    if (p) perApp.set(app, measured - modelEnergy(p, 1));
  }
  if (perApp.size === 0) throw new Error('measuredOverhead: no app with both a prediction and a figure');
  const overheadMj = [...perApp.values()].reduce((s, o) => s + o, 0) / perApp.size;
  if (!(overheadMj >= 0)) {
    throw new Error(
      `measuredOverhead: the apps' figures lie below their predicted models (O = ${overheadMj})`,
    );
  }
  return { overheadMj, perApp };
}

/** The grid the global parameters are searched on: m log-spaced over [1/4, 4]. */
const MEMORY_WEIGHTS = Array.from({ length: 49 }, (_, i) => 0.25 * 2 ** (i / 12));
const OVERHEAD_STEPS = 101;

function modelEnergy(p: AppPrediction, m: number): number {
  return p.computeMj + m * p.memoryMj;
}

/**
 * Fits m, O (grid search) and s_d (closed form in log space) by least squares on log energy. O is
 * bounded by the smallest app model's own energy: the GPU figures alone prefer an overhead that swamps
 * the model (their DNN7/DNN5 ratios sit below the models'), which would leave near-zero model energy.
 */
export function fitTransfer(
  apps: ReadonlyMap<AppId, AppPrediction>,
  published: Published,
  options: TransferOptions = {},
): TransferFit {
  const { anchor, overheadMj } = options;
  let best: { sse: number; m: number; o: number } | undefined;
  for (const m of MEMORY_WEIGHTS) {
    const maxO = Math.min(...[...apps.values()].map((a) => modelEnergy(a, m)));
    const overheads =
      overheadMj !== undefined
        ? [overheadMj]
        : Array.from({ length: OVERHEAD_STEPS }, (_, k) => (maxO * k) / (OVERHEAD_STEPS - 1));
    for (const o of overheads) {
      let sse = 0;
      for (const [device, byApp] of published) {
        const residuals = [...residualsFor(apps, byApp, m, o), ...anchorResiduals(anchor, device, m)];
        const mean = residuals.reduce((s, r) => s + r, 0) / residuals.length;
        for (const r of residuals) sse += (r - mean) ** 2;
      }
      if (!best || sse < best.sse - 1e-12) best = { sse, m, o };
    }
  }
  if (!best) throw new Error('no calibration data');
  const scale = new Map<string, number>();
  let n = 0;
  let sq = 0;
  for (const [device, byApp] of published) {
    const residuals = [
      ...residualsFor(apps, byApp, best.m, best.o),
      ...anchorResiduals(anchor, device, best.m),
    ];
    const logS = residuals.reduce((s, r) => s + r, 0) / residuals.length;
    scale.set(device, Math.exp(logS));
    for (const r of residuals) {
      sq += (r - logS) ** 2;
      n += 1;
    }
  }
  return { memoryWeight: best.m, overheadMj: best.o, scale, rmsLogError: Math.sqrt(sq / Math.max(1, n)) };
}

function anchorResiduals(anchor: ModelAnchor | undefined, device: string, m: number): number[] {
  if (!anchor || anchor.device !== device) return [];
  return anchor.points.map((p) => Math.log(p.targetMj) - Math.log(modelEnergy(p.prediction, m)));
}

/** The model-level energy (no overhead) a fit predicts for a device. */
export function predictModel(
  fit: Pick<TransferFit, 'memoryWeight'>,
  scale: number,
  prediction: AppPrediction,
): number {
  return scale * modelEnergy(prediction, fit.memoryWeight);
}

function residualsFor(
  apps: ReadonlyMap<AppId, AppPrediction>,
  byApp: ReadonlyMap<AppId, number>,
  m: number,
  o: number,
): number[] {
  const out: number[] = [];
  for (const [app, measured] of byApp) {
    const p = apps.get(app);
    if (p) out.push(Math.log(measured) - Math.log(modelEnergy(p, m) + o));
  }
  return out;
}

/** The app-level energy a fit predicts for a device (model plus overhead). */
export function predictApp(
  fit: Pick<TransferFit, 'memoryWeight' | 'overheadMj'>,
  scale: number,
  app: AppPrediction,
): number {
  return scale * (modelEnergy(app, fit.memoryWeight) + fit.overheadMj);
}

export interface OutOfSampleCheck {
  readonly device: string;
  /** The app the device's factor was fitted on, and the app it was checked on. */
  readonly fittedOn: AppId;
  readonly checkedOn: AppId;
  readonly publishedMj: number;
  readonly predictedMj: number;
  /** predicted / published - 1. */
  readonly error: number;
}

/**
 * Out-of-sample validation: for each device, the global m and O are fitted on the OTHER devices, the
 * device's factor on one app only, and the other app is predicted. Nothing checked was used to fit.
 */
export function validateOutOfSample(
  apps: ReadonlyMap<AppId, AppPrediction>,
  published: Published,
  options: TransferOptions = {},
): OutOfSampleCheck[] {
  const { anchor, overheadMj } = options;
  return leaveOneDeviceOut(published, (device) => {
    const others = new Map([...published].filter(([d]) => d !== device));
    // The anchor is the kernel phone's own model-level data: it stays in only while that phone is not the one checked.
    const globals = fitTransfer(apps, others, {
      ...(anchor && anchor.device !== device ? { anchor } : {}),
      ...(overheadMj !== undefined ? { overheadMj } : {}),
    });
    return (id) => {
      const app = apps.get(id);
      return app ? predictApp(globals, 1, app) : undefined;
    };
  });
}

/**
 * The loop of both out-of-sample validations (this file's and gpu-model.ts's): for each device,
 * `fitWithout(device)` fits the shared parameters without that device's figures and gives each app's
 * energy at factor 1 (undefined: the app cannot be priced); the device's factor is fitted on one app
 * and each of its other apps is predicted with it.
 */
export function leaveOneDeviceOut(
  published: Published,
  fitWithout: (device: string) => (app: AppId) => number | undefined,
): OutOfSampleCheck[] {
  const checks: OutOfSampleCheck[] = [];
  for (const [device, byApp] of published) {
    const unscaled = fitWithout(device);
    for (const [fittedOn, fitMj] of byApp) {
      const base = unscaled(fittedOn);
      if (base === undefined) continue;
      for (const [checkedOn, publishedMj] of byApp) {
        const other = unscaled(checkedOn);
        if (checkedOn === fittedOn || other === undefined) continue;
        const predictedMj = (fitMj / base) * other;
        checks.push({
          device,
          fittedOn,
          checkedOn,
          publishedMj,
          predictedMj,
          error: predictedMj / publishedMj - 1,
        });
      }
    }
  }
  return checks;
}

/** measured / predicted ratio range covering `coverage` of the out-of-sample checks (symmetric tails). */
export function transferRange(
  checks: readonly OutOfSampleCheck[],
  coverage = 0.9,
): { coverage: number; low: number; high: number } {
  const ratios = checks.map((c) => c.publishedMj / c.predictedMj).sort((a, b) => a - b);
  if (ratios.length === 0) return { coverage, low: 1, high: 1 };
  const q = (p: number) => {
    const pos = p * (ratios.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return ratios[lo]! + (ratios[hi]! - ratios[lo]!) * (pos - lo);
  };
  const tail = (1 - coverage) / 2;
  return { coverage, low: Math.min(1, q(tail)), high: Math.max(1, q(1 - tail)) };
}
