import { createHash } from 'node:crypto';
import { basename, isAbsolute, resolve } from 'node:path';
import { DEFAULT_RULES } from '../kernels/rules.js';
import type { Kernel, KernelType } from '../kernels/types.js';
import { kernelClass } from './bundle.js';
import { hasTarget, rowTarget } from './training-targets.js';
import { type KernelRow } from './csv.js';
import { PredictorError } from './errors.js';
import { exportRegressors } from './export.js';
import { FEATURE_NAMES, featureIndex, PREDICTOR_FEATURES } from './features.js';
import { MANIFEST_SCHEMA_VERSION, type BundleManifest, type RegressorSpec } from './manifest.js';
import { accuracyFigures, roundFigures, type AccuracyFigures } from './metrics.js';
import { type RegressorModel } from './models.js';
import { fitPoolModel } from './pooled.js';
import { deriveSeed } from './random.js';
import { TARGET_COLUMNS, type PredictionTarget } from './units.js';
import { type TrainOptions, checkTrainOptions } from './train-options.js';
import {
  type FittedOutput,
  LOG_LINEAR_FEATURES,
  METHOD_ORDER,
  MIN_POOL_ROWS,
  type Pool,
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

export function fitBundle(options: TrainOptions): FittedBundle {
  const steps = fitSteps(options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * fitBundle in small steps: it yields before each candidate fit (a GBDT setting or a method tried on
 * k folds), a fraction of a second to a few seconds apart, so that trainBundle can let the event loop
 * run between them (Ctrl-C, output) and stop when asked.
 */
export function* fitSteps(options: TrainOptions): Generator<void, FittedBundle, void> {
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

  const files = new Map<string, Uint8Array>();
  const models = new Map<KernelType, readonly RegressorModel[]>();
  let done = 0;
  const outOfFold = new Map(targets.map((t) => [t, new Array<number>(prepared.length).fill(Number.NaN)]));
  function* fitKey(key: KernelType, indices: readonly number[]): Generator<void, RegressorSpec, void> {
    const poolRows =
      key === 'others' || kernelClass(key) !== 'memory'
        ? []
        : prepared.flatMap((p, i) =>
            p.row.type !== key && p.row.type !== 'others' && kernelClass(p.row.type) === 'memory' ? [i] : [],
          );
    const outputs: FittedOutput[] = [];
    /** Per output, the rows it was fitted on: those of `indices` with a value for its target. */
    const used: (readonly number[])[] = [];
    for (const [column, target] of targets.entries()) {
      const values = measured.get(target)!;
      const rows = indices.filter((i) => has(i, target));
      const poolTargetRows = poolRows.filter((i) => has(i, target));
      const pool: Pool | undefined =
        poolTargetRows.length >= MIN_POOL_ROWS
          ? {
              model: fitPoolModel(
                poolTargetRows.map((i) => prepared[i]!.features),
                poolTargetRows.map((i) => values[i]!),
                LOG_LINEAR_FEATURES.map(featureIndex),
                deriveSeed(seed, `${key}/${target}/pool`),
              ),
              types: [...new Set(poolTargetRows.map((i) => prepared[i]!.row.type))].sort(),
              rows: poolTargetRows.length,
            }
          : undefined;
      used.push(rows);
      outputs.push(yield* fitOutput(key, target, column, rows, prepared, values, options, seed, folds, pool));
    }
    const file = `${key}.onnx`;
    files.set(
      file,
      exportRegressors(
        outputs.map((o) => o.model),
        FEATURE_NAMES.length,
        safeName(key),
      ),
    );
    models.set(
      key,
      outputs.map((o) => o.model),
    );
    outputs.forEach((o, t) =>
      used[t]!.forEach((row, j) => {
        if (key !== 'others' || !ownTypes.includes(prepared[row]!.row.type))
          outOfFold.get(targets[t]!)![row] = o.oof[j]!;
      }),
    );
    done += 1;
    options.onProgress?.({
      key,
      done,
      total: ownTypes.length + 1,
      rows: indices.length,
      folds,
      outputs: outputs.map((o) => ({
        target: o.spec.target,
        method: o.spec.method,
        medianApePct: o.spec.accuracy!.kfold.medianApePct,
      })),
    });
    return {
      model: file,
      features: FEATURE_NAMES,
      rows: indices.length,
      // Over the rows every output was fitted on, so that a kernel inside the range is inside each
      // output's data (the rows of a regressor, unless one target lacks values on some of them).
      trainingRange: trainingRange(rangeRows(indices, used).map((i) => prepared[i]!.features)),
      outputs: outputs.map((o) => o.spec),
    };
  }
  const kernels: Record<KernelType, RegressorSpec> = {};
  for (const type of ownTypes) {
    kernels[type] = yield* fitKey(type, byType.get(type)!);
  }
  // Rows whose type has no regressor of its own are priced by 'others' in use, so also in the figures.
  const others = yield* fitKey(
    'others',
    prepared.map((_, i) => i),
  );

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
    id,
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
