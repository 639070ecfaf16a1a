import { createHash } from 'node:crypto';
import { basename, isAbsolute, resolve } from 'node:path';
import { DEFAULT_RULES } from '../kernels/rules.js';
import type { Kernel, KernelType } from '../kernels/types.js';
import { kernelClass } from './bundle.js';
import { hasTarget, rowTarget } from './training-targets.js';
import { type KernelRow } from './csv.js';
import { PredictorError } from './errors.js';
import { exportRegressors } from './export.js';
import { FEATURE_NAMES, PREDICTOR_FEATURES } from './features.js';
import { MANIFEST_SCHEMA_VERSION, type BundleManifest, type RegressorSpec } from './manifest.js';
import { accuracyFigures, roundFigures, type AccuracyFigures } from './metrics.js';
import { type RegressorModel } from './models.js';
import { TARGET_COLUMNS, type PredictionTarget } from './units.js';
import { type TrainOptions, type TrainProgress, checkTrainOptions } from './train-options.js';
import { runInline, together, type FitSteps } from './train-jobs.js';
import { METHOD_ORDER } from './train-select.js';
import {
  type FittedOutput,
  type Prepared,
  chooseTargets,
  configKernel,
  fitOutput,
  heldOutFigures,
  prepare,
  rangeRows,
  trainingRange,
} from './train-fit.js';

/** A whole bundle fitted in memory: every kernel type's regressors, the manifest and its provenance. */

/** A bundle fitted in memory: the manifest and files `trainBundle` writes, and what the figures came from. */
export interface FittedBundle {
  readonly manifest: BundleManifest;
  /** ONNX files by name (relative to the bundle folder). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly rows: readonly KernelRow[];
  readonly kernels: readonly Kernel[];
  /** predictorFeatures values per row. */
  readonly features: readonly (readonly number[])[];
  readonly targets: readonly PredictionTarget[];
  /** Measured values per target, by row; NaN where a row has no value for the target (left out of its fit). */
  readonly measured: ReadonlyMap<PredictionTarget, readonly number[]>;
  /** Out-of-fold predictions of the shipped regressor of each row (own type's, else 'others'), by target. */
  readonly outOfFold: ReadonlyMap<PredictionTarget, readonly number[]>;
  /** Kernel types with a regressor of their own. */
  readonly ownTypes: readonly KernelType[];
  readonly models: ReadonlyMap<KernelType, readonly RegressorModel[]>;
  readonly seed: number;
  readonly folds: number;
}

/** Fits a bundle here, one job after another (trainBundle spreads the jobs over worker threads). */
export function fitBundle(options: TrainOptions): FittedBundle {
  const plan = planBundle(options);
  const fits = plan.regressors.map((regressor, i) => {
    const fit = runInline(fitRegressor(plan, regressor));
    options.onProgress?.(progressOf(plan, fit, i + 1));
    return fit;
  });
  return assembleBundle(plan, fits);
}

/** What fitting a bundle starts from: the checked options, the prepared rows and the regressors to fit. */
export interface BundlePlan {
  readonly options: TrainOptions;
  readonly id: string;
  readonly seed: number;
  readonly folds: number;
  readonly minRows: number;
  readonly targets: readonly PredictionTarget[];
  readonly toKernel: (row: KernelRow) => Kernel;
  readonly prepared: readonly Prepared[];
  /** Measured values per target, by row; NaN where a row has no value for the target. */
  readonly measured: ReadonlyMap<PredictionTarget, readonly number[]>;
  readonly byType: ReadonlyMap<KernelType, readonly number[]>;
  readonly ownTypes: readonly KernelType[];
  /** The regressors in manifest order: own types by name, then 'others' on every row. */
  readonly regressors: readonly PlannedRegressor[];
}

export interface PlannedRegressor {
  readonly key: KernelType;
  readonly indices: readonly number[];
}

/** One regressor fitted: a target's output each, and the file and manifest entry they make. */
export interface RegressorFit {
  readonly key: KernelType;
  readonly indices: readonly number[];
  readonly outputs: readonly FittedOutput[];
  /** Per output, the rows it was fitted on: those of `indices` with a value for its target. */
  readonly used: readonly (readonly number[])[];
  readonly file: string;
  readonly onnx: Uint8Array;
  readonly spec: RegressorSpec;
}

export function planBundle(options: TrainOptions): BundlePlan {
  checkTrainOptions(options);
  const id = basename(resolve(options.out));
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const minRows = options.minRows ?? 5;
  if (options.rows.length === 0) throw new PredictorError('no kernel rows to train on');
  const targets = chooseTargets(options);
  const toKernel = options.toKernel ?? configKernel;
  const prepared = options.rows.map((row) => prepare(row, toKernel));
  // Every target value is checked before any fitting, so a bad row fails fast and names itself. A row
  // without a value for a target (NaN here) is left out of that target's fit and figures only.
  const measured = new Map(
    targets.map((t) => [t, prepared.map((p) => (hasTarget(p.row, t) ? rowTarget(p.row, t) : Number.NaN))]),
  );
  const has = (i: number, target: PredictionTarget) => !Number.isNaN(measured.get(target)![i]!);

  const byType = new Map<KernelType, number[]>();
  prepared.forEach((p, i) => byType.set(p.row.type, [...(byType.get(p.row.type) ?? []), i]));
  // A type's own regressor predicts every target, so it needs minRows rows with a value for each.
  const ownTypes = [...byType.keys()]
    .filter(
      (t) =>
        t !== 'others' &&
        byType.get(t)!.length >= minRows &&
        targets.every((target) => byType.get(t)!.filter((i) => has(i, target)).length >= minRows),
    )
    .sort();
  // Rows whose type has no regressor of its own are priced by 'others' in use, so also in the figures.
  const regressors: PlannedRegressor[] = [
    ...ownTypes.map((key) => ({ key, indices: byType.get(key)! })),
    { key: 'others', indices: prepared.map((_, i) => i) },
  ];
  return {
    options,
    id,
    seed,
    folds,
    minRows,
    targets,
    toKernel,
    prepared,
    measured,
    byType,
    ownTypes,
    regressors,
  };
}

/** Fits one regressor: its targets' outputs side by side, then its ONNX file and manifest entry. */
export function* fitRegressor(plan: BundlePlan, { key, indices }: PlannedRegressor): FitSteps<RegressorFit> {
  const { prepared, measured, options, seed, folds } = plan;
  const has = (i: number, target: PredictionTarget) => !Number.isNaN(measured.get(target)![i]!);
  const poolRows =
    key === 'others' || kernelClass(key) !== 'memory'
      ? []
      : prepared.flatMap((p, i) =>
          p.row.type !== key && p.row.type !== 'others' && kernelClass(p.row.type) === 'memory' ? [i] : [],
        );
  const used = plan.targets.map((target) => indices.filter((i) => has(i, target)));
  const outputs = yield* together(
    plan.targets.map((target, column) =>
      fitOutput(
        key,
        target,
        column,
        used[column]!,
        prepared,
        measured.get(target)!,
        options,
        seed,
        folds,
        poolRows.filter((i) => has(i, target)),
      ),
    ),
  );
  const file = `${key}.onnx`;
  return {
    key,
    indices,
    outputs,
    used,
    file,
    onnx: exportRegressors(
      outputs.map((o) => o.model),
      FEATURE_NAMES.length,
      safeName(key),
    ),
    spec: {
      model: file,
      features: FEATURE_NAMES,
      rows: indices.length,
      // Over the rows every output was fitted on, so that a kernel inside the range is inside each
      // output's data (the rows of a regressor, unless one target lacks values on some of them).
      trainingRange: trainingRange(rangeRows(indices, used).map((i) => prepared[i]!.features)),
      outputs: outputs.map((o) => o.spec),
    },
  };
}

/** What onProgress is told when the `done`-th regressor (1-based, in plan order) is fitted. */
export function progressOf(plan: BundlePlan, fit: RegressorFit, done: number): TrainProgress {
  return {
    key: fit.key,
    done,
    total: plan.regressors.length,
    rows: fit.indices.length,
    folds: plan.folds,
    outputs: fit.outputs.map((o) => ({
      target: o.spec.target,
      method: o.spec.method,
      medianApePct: o.spec.accuracy!.kfold.medianApePct,
    })),
  };
}

/** The bundle from its fitted regressors (in plan order): files, out-of-fold figures and the manifest. */
export function assembleBundle(plan: BundlePlan, fits: readonly RegressorFit[]): FittedBundle {
  const { options, prepared, measured, targets, ownTypes, byType, seed, folds, minRows, toKernel } = plan;
  const has = (i: number, target: PredictionTarget) => !Number.isNaN(measured.get(target)![i]!);
  const files = new Map<string, Uint8Array>();
  const models = new Map<KernelType, readonly RegressorModel[]>();
  const outOfFold = new Map(targets.map((t) => [t, new Array<number>(prepared.length).fill(Number.NaN)]));
  const kernels: Record<KernelType, RegressorSpec> = {};
  let others: RegressorSpec | undefined;
  for (const fit of fits) {
    files.set(fit.file, fit.onnx);
    models.set(
      fit.key,
      fit.outputs.map((o) => o.model),
    );
    fit.outputs.forEach((o, t) =>
      fit.used[t]!.forEach((row, j) => {
        if (fit.key !== 'others' || !ownTypes.includes(prepared[row]!.row.type))
          outOfFold.get(targets[t]!)![row] = o.oof[j]!;
      }),
    );
    if (fit.key === 'others') others = fit.spec;
    else kernels[fit.key] = fit.spec;
  }
  if (!others) throw new Error("train: the 'others' regressor is missing");

  const overall: Partial<Record<PredictionTarget, AccuracyFigures>> = {};
  for (const target of targets) {
    const rows = prepared.flatMap((_, i) => (has(i, target) ? [i] : []));
    overall[target] = roundFigures(
      accuracyFigures(
        rows.map((i) => measured.get(target)![i]!),
        rows.map((i) => outOfFold.get(target)![i]!),
      ),
    );
  }
  const leftOutNotes = targets.flatMap((target) => {
    const without = prepared.filter((_, i) => !has(i, target)).length;
    return without === 0
      ? []
      : [
          `${target} is trained and cross-validated on the ${prepared.length - without} rows with ${TARGET_COLUMNS[target]}; ` +
            `${without} row${without === 1 ? '' : 's'} without one ${without === 1 ? 'is' : 'are'} left out of it.`,
        ];
  });
  const fallbackTypes = [...byType.keys()].filter((t) => !ownTypes.includes(t)).sort();
  const threads = options.threads !== undefined ? options.threads : commonThreads(options.rows);
  const manifest: BundleManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id: plan.id,
    device: options.device,
    ...(options.deviceName !== undefined ? { deviceName: options.deviceName } : {}),
    processor: options.processor,
    runtime: options.runtime ?? { name: 'unknown', delegate: options.processor },
    threads,
    fusionRules: { name: 'deepen2023', version: DEFAULT_RULES.version },
    targets,
    featureUnits: Object.fromEntries(PREDICTOR_FEATURES.map((f) => [f.name, f.unit])),
    kernels,
    others,
    provenance: {
      kind: 'trained',
      data: {
        description: options.dataDescription ?? `${prepared.length} measured kernels`,
        files: dataFiles(options.rows),
        rows: prepared.length,
        sha256: rowsDigest(options.rows),
        ...(options.attribution !== undefined ? { attribution: options.attribution } : {}),
      },
      ...(options.trainedAt !== undefined ? { trainedAt: options.trainedAt } : {}),
      command: options.command,
      kfold: { folds, seed, overall },
      ...(options.heldOut && options.heldOut.length > 0
        ? { heldOut: heldOutFigures(options.heldOut, targets, toKernel, models) }
        : {}),
      notes: [
        `Per kernel type the method with the lowest ${folds}-fold median APE among ${METHOD_ORDER.join(', ')} ` +
          `(gbdt from ${options.minRowsForTrees ?? 20} rows) is shipped. The accuracy figures are nested ${folds}-fold: ` +
          'each fold is predicted by a method (and GBDT settings) chosen on the other folds only.',
        ...(fallbackTypes.length > 0
          ? [
              `Too few rows for a regressor of their own (< ${minRows}), priced by 'others': ${fallbackTypes.join(', ')}.`,
            ]
          : []),
        ...leftOutNotes,
        ...(options.notes ?? []),
      ],
    },
  };
  return {
    manifest,
    files,
    rows: options.rows,
    kernels: prepared.map((p) => p.kernel),
    features: prepared.map((p) => p.features),
    targets,
    measured,
    outOfFold,
    ownTypes,
    models,
    seed,
    folds,
  };
}

function commonThreads(rows: readonly KernelRow[]): number | null {
  const first = rows[0]?.threads;
  return first !== undefined && rows.every((r) => r.threads === first) ? first : null;
}

function dataFiles(rows: readonly KernelRow[]): string[] {
  const files = new Set(
    rows.map((r) =>
      isAbsolute(r.source.file) ? basename(r.source.file) : r.source.file.split('\\').join('/'),
    ),
  );
  return [...files].sort();
}

/** SHA-256 of the training rows as trained on (id, type, configuration, targets), key order fixed. */
export function rowsDigest(rows: readonly KernelRow[]): string {
  const canonical = rows.map((r) => [
    r.id,
    r.type,
    Object.entries(r.config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    r.energyMj ?? null,
    r.latencyMs ?? null,
  ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A kernel type as a file name part. */
function safeName(type: string): string {
  return type.replace(/[^a-zA-Z0-9]/g, '_');
}
