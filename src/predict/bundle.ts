import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isKernelType, kernelTypeEntry, OTHERS } from '../kernels/catalog.js';
import type { KernelType } from '../kernels/types.js';
import { PredictorError } from './errors.js';
import { FEATURE_NAMES } from './features.js';
import { MANIFEST_SCHEMA, type BundleManifest, type RegressorSpec, type ScaleSpec } from './manifest.js';
import type { RatioRange } from './metrics.js';
import { TARGET_UNITS, type PredictionTarget } from './units.js';

/**
 * Predictor bundles: a folder with manifest.json and the ONNX regressors it names. Loading validates
 * the manifest (JSON schema, then the rules a schema cannot say) and checks that every model file is
 * there; the ONNX files themselves are opened lazily by the session pool, which checks their input
 * width against the manifest's feature list.
 */
export const MANIFEST_FILE = 'manifest.json';

export interface LoadedRegressor {
  /** 'others' for the fallback regressor. */
  readonly key: KernelType;
  readonly spec: RegressorSpec;
  /** Absolute path of the ONNX file. */
  readonly modelFile: string;
  /** Index into the predictor feature vector of every model input column, in order. */
  readonly featureIndices: readonly number[];
}

export interface LoadedBundle {
  readonly dir: string;
  readonly manifestFile: string;
  readonly manifest: BundleManifest;
  readonly regressors: ReadonlyMap<KernelType, LoadedRegressor>;
  readonly others: LoadedRegressor;
}

/**
 * Kernel classes of transfer factors: compute-bound kernels (the catalog's `compute` work class: dense
 * convolution, fc, matmul, attention) scale with the FLOP rate; the rest - depthwise convolution
 * included, whose few FLOPs per byte make it memory-bound on phone CPUs and GPUs - with memory bandwidth.
 */
export type KernelClass = 'compute' | 'memory';

export function kernelClass(type: KernelType): KernelClass {
  return kernelTypeEntry(type).workClass === 'compute' ? 'compute' : 'memory';
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validateSchema(value: unknown): readonly ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(MANIFEST_SCHEMA);
  return validator(value) ? [] : (validator.errors ?? []);
}

export function loadBundle(dir: string): LoadedBundle {
  const bundleDir = resolve(dir);
  const manifestFile = join(bundleDir, MANIFEST_FILE);
  if (!existsSync(manifestFile)) {
    throw new PredictorError(
      existsSync(bundleDir) ? 'missing file: the bundle has no manifest.json' : 'missing bundle folder',
      { file: existsSync(bundleDir) ? manifestFile : bundleDir },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new PredictorError(
      `bad manifest: not valid JSON (${(error as Error).message})`,
      { file: manifestFile },
      { cause: error },
    );
  }
  return resolveManifest(json, bundleDir, manifestFile);
}

/** Validates a parsed manifest and resolves its model files (exported for bundles built in memory). */
export function resolveManifest(
  json: unknown,
  bundleDir: string,
  manifestFile = join(bundleDir, MANIFEST_FILE),
): LoadedBundle {
  const errors = validateSchema(json);
  if (errors.length > 0) {
    const first = errors[0]!;
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    throw new PredictorError(`bad manifest: ${describeSchemaError(first)}${more}`, {
      file: manifestFile,
      field: first.instancePath || '/',
    });
  }
  const manifest = json as BundleManifest;
  const fail = (field: string, problem: string): never => {
    throw new PredictorError(`bad manifest: ${problem}`, { file: manifestFile, field });
  };
  if (manifest.id !== basename(bundleDir)) {
    fail('/id', `id '${manifest.id}' differs from the bundle folder's name '${basename(bundleDir)}'`);
  }
  checkScale(manifest.scale, manifest.targets, fail);
  const appLevel = manifest.provenance.accuracy?.appLevel;
  if (appLevel && appLevel.withinTolerance > appLevel.predictions) {
    fail(
      '/provenance/accuracy/appLevel/withinTolerance',
      `${appLevel.withinTolerance} predictions within tolerance, of only ${appLevel.predictions}`,
    );
  }
  if (manifest.gpuCost && !manifest.scale) {
    fail('/gpuCost', 'a GPU cost map needs a base bundle to map: the manifest has no scale section');
  }
  const predictorsRoot = dirname(bundleDir);
  const load = (key: KernelType, spec: RegressorSpec, pointer: string): LoadedRegressor => {
    const featureIndices = spec.features.map((name, i) => {
      const index = FEATURE_NAMES.indexOf(name);
      if (index < 0)
        fail(`${pointer}/features/${i}`, `unknown feature '${name}' (known: ${FEATURE_NAMES.join(', ')})`);
      if (manifest.featureUnits[name] === undefined) fail('/featureUnits', `no unit for feature '${name}'`);
      return index;
    });
    for (const [name, [min, max]] of Object.entries(spec.trainingRange ?? {})) {
      const at = `${pointer}/trainingRange/${name}`;
      if (!FEATURE_NAMES.includes(name)) fail(at, `unknown feature '${name}'`);
      if (!(min <= max)) fail(at, `min ${min} exceeds max ${max}`);
    }
    const seenTargets = new Set<PredictionTarget>();
    const seenColumns = new Set<number>();
    spec.outputs.forEach((output, i) => {
      const at = `${pointer}/outputs/${i}`;
      if (!manifest.targets.includes(output.target))
        fail(`${at}/target`, `target '${output.target}' is not among the bundle's targets`);
      if (seenTargets.has(output.target)) fail(`${at}/target`, `target '${output.target}' appears twice`);
      if (seenColumns.has(output.column)) fail(`${at}/column`, `column ${output.column} appears twice`);
      if (output.unit !== TARGET_UNITS[output.target]) {
        fail(
          `${at}/unit`,
          `${output.target} is predicted in ${TARGET_UNITS[output.target]}, not ${output.unit}`,
        );
      }
      seenTargets.add(output.target);
      seenColumns.add(output.column);
    });
    for (const target of manifest.targets) {
      if (!seenTargets.has(target)) fail(`${pointer}/outputs`, `no output for target '${target}'`);
    }
    if (isAbsolute(spec.model))
      fail(`${pointer}/model`, `model path '${spec.model}' must be relative to the bundle folder`);
    const modelFile = resolve(bundleDir, spec.model);
    const fromRoot = relative(predictorsRoot, modelFile);
    if (fromRoot.startsWith('..') || isAbsolute(fromRoot) || !fromRoot.includes(sep)) {
      fail(`${pointer}/model`, `model path '${spec.model}' leaves the predictors folder`);
    }
    if (!existsSync(modelFile) || !statSync(modelFile).isFile()) {
      const sibling = relative(bundleDir, modelFile).split(sep)[0] === '..';
      const hint =
        sibling && manifest.scale
          ? `; a transfer uses the regressors of its base bundle '${manifest.scale.base}', which must sit beside it`
          : '';
      throw new PredictorError(
        `missing file: the model of '${key}' (${pointer}/model), named in ${manifestFile}${hint}`,
        { file: modelFile },
      );
    }
    return { key, spec, modelFile, featureIndices };
  };
  const regressors = new Map<KernelType, LoadedRegressor>();
  for (const [type, spec] of Object.entries(manifest.kernels)) {
    if (!isKernelType(type) || type === OTHERS) {
      fail(
        `/kernels/${type}`,
        `'${type}' is not a kernel type with its own regressor (use 'others' for the fallback)`,
      );
    }
    regressors.set(type, load(type, spec, `/kernels/${type}`));
  }
  const others = load('others', manifest.others, '/others');
  return { dir: bundleDir, manifestFile, manifest, regressors, others };
}

function checkScale(
  scale: ScaleSpec | undefined,
  targets: readonly PredictionTarget[],
  fail: (field: string, problem: string) => never,
): void {
  if (!scale) return;
  for (const target of targets) {
    if (scale.factors.compute[target] === undefined)
      fail('/scale/factors/compute', `no factor for target '${target}'`);
    if (scale.factors.memory[target] === undefined)
      fail('/scale/factors/memory', `no factor for target '${target}'`);
  }
}

function describeSchemaError(error: ErrorObject): string {
  const at = error.instancePath || 'the manifest';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at} lacks required field '${String(params.missingProperty)}'`;
    case 'additionalProperties':
      return `${at} has unknown field '${String(params.additionalProperty)}'`;
    case 'enum':
      return `${at} must be one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * Writes a manifest into its bundle folder (predictorsDir/<id>/manifest.json) in the one format every
 * writer uses (2-space JSON, final newline, so rebuilt bundles compare byte for byte), then loads the
 * bundle back: what is written has passed the checks every reader runs.
 */
export function writeManifest(predictorsDir: string, manifest: BundleManifest): LoadedBundle {
  const dir = join(resolve(predictorsDir), manifest.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return loadBundle(dir);
}

export interface LoadBundlesOptions {
  /** Told about each sub-folder that is skipped because it is not a bundle (no manifest.json). */
  readonly onWarning?: (message: string) => void;
}

/**
 * The bundles of a predictors folder, loaded, sorted by id. The folder is either a folder of bundle
 * folders (each with a manifest.json) or one bundle folder itself (`train --out DIR` then `DIR`). A
 * folder without any bundle is an error, and so is a folder holding ONNX regressors but no manifest
 * (an unfinished bundle: training writes the manifest last); other sub-folders without a manifest are
 * skipped with a warning. Hidden sub-folders (`.git`, `.cache`) are ignored.
 */
export function loadBundles(predictorsDir: string, options: LoadBundlesOptions = {}): LoadedBundle[] {
  const root = resolve(predictorsDir);
  const stat = statSync(root, { throwIfNoEntry: false });
  if (!stat) throw new PredictorError('missing predictors folder', { file: root });
  if (!stat.isDirectory()) {
    throw new PredictorError(
      'not a folder: give a folder of predictor bundles, or one bundle folder (with a manifest.json)',
      { file: root },
    );
  }
  if (existsSync(join(root, MANIFEST_FILE))) return [loadBundle(root)];
  const names = readdirSync(root).sort();
  const bundles: LoadedBundle[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const dir = join(root, name);
    if (name.startsWith('.') || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    if (existsSync(join(dir, MANIFEST_FILE))) bundles.push(loadBundle(dir));
    else if (holdsRegressors(dir)) throw unfinishedBundle(dir);
    else skipped.push(name);
  }
  if (bundles.length === 0) {
    if (holdsRegressors(root)) throw unfinishedBundle(root);
    const found =
      names.length === 0
        ? 'the folder is empty'
        : skipped.length === 0
          ? `the folder has no ${MANIFEST_FILE} and no bundle folders`
          : `the folder has no ${MANIFEST_FILE}, and its sub-folder${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')} ${skipped.length > 1 ? 'have' : 'has'} none`;
    throw new PredictorError(
      `no predictor bundle: ${found} (give a bundle folder, e.g. the --out of \`model-energy train\`, or a folder of them)`,
      { file: root },
    );
  }
  for (const name of skipped) {
    options.onWarning?.(`${join(root, name)}: not a predictor bundle (no ${MANIFEST_FILE}), skipped`);
  }
  return bundles;
}

function holdsRegressors(dir: string): boolean {
  return readdirSync(dir).some((name) => name.endsWith('.onnx'));
}

function unfinishedBundle(dir: string): PredictorError {
  return new PredictorError(
    `missing file: the folder holds ONNX regressors but no ${MANIFEST_FILE}, so the bundle is unfinished (training writes ${MANIFEST_FILE} last; train it again)`,
    { file: join(dir, MANIFEST_FILE) },
  );
}

/** The range of a prediction: the regressor's CV range widened by the transfer's, combined in log space. */
export function combinedRange(
  own: RatioRange,
  transfer: RatioRange | undefined,
): { low: number; high: number } {
  if (!transfer) return { low: own.low, high: own.high };
  const low = -Math.hypot(Math.log(own.low), Math.log(transfer.low));
  const high = Math.hypot(Math.log(own.high), Math.log(transfer.high));
  return { low: Math.exp(low), high: Math.exp(high) };
}

export interface TransferOptions {
  readonly id: string;
  readonly device: string;
  readonly deviceName?: string;
  readonly processor: BundleManifest['processor'];
  readonly runtime: BundleManifest['runtime'];
  readonly threads: number | null;
  readonly factors: ScaleSpec['factors'];
  readonly uncertainty: ScaleSpec['uncertainty'];
  readonly kernelUncertainty?: ScaleSpec['kernelUncertainty'];
  readonly gpuCost?: BundleManifest['gpuCost'];
  readonly method: string;
  readonly provenance: BundleManifest['provenance'];
}

/**
 * A calibrated transfer bundle's manifest: the base bundle's regressors (model paths pointing at the
 * base's folder, a sibling in the same predictors folder) with per kernel class factors.
 */
export function transferManifest(base: BundleManifest, options: TransferOptions): BundleManifest {
  if (base.scale)
    throw new PredictorError(`bundle '${base.id}' is itself a transfer; transfer from a trained bundle`);
  const targets = base.targets.filter(
    (t) => options.factors.compute[t] !== undefined && options.factors.memory[t] !== undefined,
  );
  const rebase = (spec: RegressorSpec): RegressorSpec => ({
    ...spec,
    model: `../${base.id}/${spec.model.replace(/^\.\//, '')}`,
    outputs: spec.outputs.filter((o) => targets.includes(o.target)),
  });
  return {
    schemaVersion: base.schemaVersion,
    id: options.id,
    device: options.device,
    ...(options.deviceName !== undefined ? { deviceName: options.deviceName } : {}),
    processor: options.processor,
    runtime: options.runtime,
    threads: options.threads,
    fusionRules: base.fusionRules,
    targets,
    featureUnits: base.featureUnits,
    kernels: Object.fromEntries(Object.entries(base.kernels).map(([type, spec]) => [type, rebase(spec)])),
    others: rebase(base.others),
    scale: {
      base: base.id,
      factors: options.factors,
      uncertainty: options.uncertainty,
      ...(options.kernelUncertainty ? { kernelUncertainty: options.kernelUncertainty } : {}),
      method: options.method,
    },
    ...(options.gpuCost ? { gpuCost: options.gpuCost } : {}),
    provenance: options.provenance,
  };
}
