import type { Precision } from '../kernels/precision.js';
import type { KernelType } from '../kernels/types.js';
import { GPU_GROUPS, type GpuCostSpec } from './gpu-cost.js';
import type { AccuracyFigures, RatioRange } from './metrics.js';
import type { PredictionTarget } from './units.js';

/**
 * The bundle manifest: predictors/<bundle-id>/manifest.json. Validated against MANIFEST_SCHEMA when a
 * bundle is loaded; bump MANIFEST_SCHEMA_VERSION on any incompatible change.
 */
export const MANIFEST_SCHEMA_VERSION = 1;

/** The processors DeepEn2023 measured and predicts for. */
export const PROCESSORS = ['cpu', 'gpu'] as const;
export type Processor = (typeof PROCESSORS)[number];
export type RegressorMethod =
  'gbdt' | 'closed-form' | 'closed-form-power' | 'log-linear' | 'pooled' | 'random-forest' | 'external';

export interface OutputSpec {
  readonly target: PredictionTarget;
  readonly unit: 'mJ' | 'ms';
  /** Column of the model's output tensor ([N, T]) that holds this target. */
  readonly column: number;
  readonly method: RegressorMethod;
  /** Why this method (e.g. "k-fold: gbdt 3.1% vs closed-form 15.7% median APE"). */
  readonly selection?: string;
  readonly hyperparameters?: Readonly<Record<string, number | string | readonly string[]>>;
  /** Cross-validated accuracy of the shipped method on the training rows, and of the others tried. */
  readonly accuracy?: {
    readonly kfold: AccuracyFigures;
    readonly candidates?: Readonly<Record<string, AccuracyFigures>>;
    readonly heldOut?: AccuracyFigures;
  };
  /** measured / predicted range from the cross-validated residuals. */
  readonly uncertainty: RatioRange & { readonly source: string };
}

export interface RegressorSpec {
  /** ONNX file, relative to the bundle folder; may name a sibling bundle's file (../<id>/x.onnx). */
  readonly model: string;
  /** Predictor feature names in the order of the model's input columns (see features.ts). */
  readonly features: readonly string[];
  readonly outputs: readonly OutputSpec[];
  /** Training rows of this kernel type (all rows for `others`). */
  readonly rows?: number;
  /**
   * Per scale feature (SCALE_FEATURES: flops, input_bytes, output_bytes, weight_bytes), the [min, max]
   * over the training rows; kernels well outside it are flagged as extrapolated. Absent in older bundles.
   */
  readonly trainingRange?: Readonly<Record<string, readonly [number, number]>>;
}

/** Per kernel class multiplicative factors of a calibrated transfer bundle (see kernelClass). */
export interface ScaleSpec {
  /** Bundle whose regressors this one rescales. */
  readonly base: string;
  readonly factors: {
    readonly compute: Readonly<Partial<Record<PredictionTarget, number>>>;
    readonly memory: Readonly<Partial<Record<PredictionTarget, number>>>;
  };
  /** measured / predicted range of the transfer itself (e.g. leave-one-out over the calibration set). */
  readonly uncertainty: Readonly<Partial<Record<PredictionTarget, RatioRange>>>;
  /**
   * measured / predicted range of the transfer for one kernel, where it differs from `uncertainty`
   * (an app total averages out kernel errors that one kernel keeps). Kernel ranges use it when present;
   * absent in older bundles, whose kernel ranges use `uncertainty`.
   */
  readonly kernelUncertainty?: Readonly<
    Partial<Record<PredictionTarget, RatioRange & { readonly source: string }>>
  >;
  readonly method: string;
}

/**
 * How a precision other than fp32 is priced: the fp32 regressors' prediction times `factor`, with the
 * factor's own uncertainty. `basis` says what the factor rests on: `published` (fitted on published
 * FP32/INT8 pairs), `runtime` (a documented runtime behaviour, e.g. TFLite's CPU kernels dequantize fp16
 * weights to fp32), `unpublished` (nothing was published: factor 1, range widened to what is known).
 */
export interface PrecisionFactor {
  readonly factor: Readonly<Partial<Record<PredictionTarget, number>>>;
  readonly uncertainty: Readonly<Partial<Record<PredictionTarget, RatioRange>>>;
  readonly basis: 'published' | 'runtime' | 'unpublished';
  readonly note: string;
}

export interface PrecisionSpec {
  readonly factors: Readonly<Partial<Record<Exclude<Precision, 'fp32'>, PrecisionFactor>>>;
  readonly method: string;
}

/**
 * How a transfer's figures held out of sample (scripts/predictors.ts writes it for the default
 * transfers; `documentation` is where the checks are written up). Numbers only: report/accuracy.ts
 * words them.
 */
export interface OutOfSampleAccuracy {
  /** App-level predictions, each of an app the fit did not see, against published energies. */
  readonly appLevel: {
    readonly predictions: number;
    /** How many of them came within ±`tolerancePct` of the published energy. */
    readonly withinTolerance: number;
    readonly tolerancePct: number;
    /** Range of measured / predicted over them (absent where the kernel range is the figure given). */
    readonly ratioRange?: RatioRange;
  };
  /** GPU transfers: range of published / predicted for one GPU kernel, and how it was found. */
  readonly gpuKernelRange?: RatioRange & { readonly method: string };
  /** Where the checks are documented (a path in the repository, e.g. docs/accuracy.md). */
  readonly documentation: string;
}

export interface Provenance {
  readonly kind: 'trained' | 'transfer' | 'external';
  readonly data: {
    readonly description: string;
    readonly files: readonly string[];
    readonly rows: number;
    /** SHA-256 of the rows as trained on (canonical JSON), so a rebuild can be checked. */
    readonly sha256?: string;
    readonly attribution?: string;
  };
  /** When it was trained or calibrated (passed in, never read from the clock). */
  readonly trainedAt?: string;
  readonly command: string;
  readonly kfold?: {
    readonly folds: number;
    readonly seed: number;
    readonly overall: Readonly<Partial<Record<PredictionTarget, AccuracyFigures>>>;
  };
  readonly heldOut?: Readonly<Partial<Record<PredictionTarget, AccuracyFigures>>>;
  /** Out-of-sample checks beyond the k-fold (the transfers': app level, and GPU kernel level). */
  readonly accuracy?: OutOfSampleAccuracy;
  readonly notes?: readonly string[];
}

export interface BundleManifest {
  readonly schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  readonly id: string;
  /** Device id (data/deepen2023/devices.csv for the default bundles) and a readable name. */
  readonly device: string;
  readonly deviceName?: string;
  readonly processor: Processor;
  readonly runtime: { readonly name: string; readonly version?: string; readonly delegate: string };
  /** Threads the measurements ran on; null when the data does not say. */
  readonly threads: number | null;
  /** The kernel fusion rules the training data's kernels follow. */
  readonly fusionRules: { readonly name: string; readonly version: number };
  readonly targets: readonly PredictionTarget[];
  /** Unit of every feature a regressor of this bundle reads. */
  readonly featureUnits: Readonly<Record<string, string>>;
  readonly kernels: Readonly<Record<KernelType, RegressorSpec>>;
  /** Prices kernel types without their own regressor, from FLOPs and bytes. */
  readonly others: RegressorSpec;
  readonly scale?: ScaleSpec;
  /** Precision factors (absent in older and user-trained bundles: see predict/precision.ts). */
  readonly precision?: PrecisionSpec;
  /**
   * GPU transfers: the energy of a kernel is gpuKernelEnergy(gpuCost, ...) of its base bundle's energy,
   * then times the scale factor (see gpu-cost.ts). Absent in CPU bundles and older GPU bundles.
   */
  readonly gpuCost?: GpuCostSpec;
  readonly provenance: Provenance;
}

const accuracySchema = {
  type: 'object',
  required: ['kernels', 'within10Pct', 'within20Pct', 'medianApePct', 'meanApePct'],
  additionalProperties: false,
  properties: {
    kernels: { type: 'integer', minimum: 0 },
    within10Pct: { type: 'number', minimum: 0, maximum: 100 },
    within20Pct: { type: 'number', minimum: 0, maximum: 100 },
    medianApePct: { type: 'number', minimum: 0 },
    meanApePct: { type: 'number', minimum: 0 },
  },
} as const;

const ratioRangeSchema = {
  type: 'object',
  required: ['coverage', 'low', 'high'],
  properties: {
    coverage: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    low: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    high: { type: 'number', minimum: 1 },
    source: { type: 'string' },
  },
} as const;

const outOfSampleSchema = {
  type: 'object',
  required: ['appLevel', 'documentation'],
  additionalProperties: false,
  properties: {
    appLevel: {
      type: 'object',
      required: ['predictions', 'withinTolerance', 'tolerancePct'],
      additionalProperties: false,
      properties: {
        predictions: { type: 'integer', minimum: 1 },
        withinTolerance: { type: 'integer', minimum: 0 },
        tolerancePct: { type: 'number', exclusiveMinimum: 0 },
        ratioRange: { ...ratioRangeSchema, additionalProperties: false },
      },
    },
    gpuKernelRange: {
      type: 'object',
      required: [...ratioRangeSchema.required, 'method'],
      additionalProperties: false,
      properties: { ...ratioRangeSchema.properties, method: { type: 'string', minLength: 1 } },
    },
    documentation: { type: 'string', minLength: 1 },
  },
} as const;

const targetSchema = { enum: ['energy', 'latency'] } as const;
const perTarget = (schema: object): object => ({
  type: 'object',
  additionalProperties: false,
  properties: { energy: schema, latency: schema },
});

const regressorSchema = {
  type: 'object',
  required: ['model', 'features', 'outputs'],
  additionalProperties: false,
  properties: {
    model: { type: 'string', pattern: '\\.onnx$' },
    features: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    rows: { type: 'integer', minimum: 0 },
    trainingRange: {
      type: 'object',
      additionalProperties: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } },
    },
    outputs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['target', 'unit', 'column', 'method', 'uncertainty'],
        additionalProperties: false,
        properties: {
          target: targetSchema,
          unit: { enum: ['mJ', 'ms'] },
          column: { type: 'integer', minimum: 0 },
          method: {
            enum: [
              'gbdt',
              'closed-form',
              'closed-form-power',
              'log-linear',
              'pooled',
              'random-forest',
              'external',
            ],
          },
          selection: { type: 'string' },
          hyperparameters: { type: 'object' },
          accuracy: {
            type: 'object',
            required: ['kfold'],
            additionalProperties: false,
            properties: {
              kfold: accuracySchema,
              heldOut: accuracySchema,
              candidates: { type: 'object', additionalProperties: accuracySchema },
            },
          },
          uncertainty: { ...ratioRangeSchema, required: [...ratioRangeSchema.required, 'source'] },
        },
      },
    },
  },
} as const;

export const MANIFEST_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'model-energy-check predictor bundle manifest',
  type: 'object',
  required: [
    'schemaVersion',
    'id',
    'device',
    'processor',
    'runtime',
    'threads',
    'fusionRules',
    'targets',
    'featureUnits',
    'kernels',
    'others',
    'provenance',
  ],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: MANIFEST_SCHEMA_VERSION },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    device: { type: 'string', minLength: 1 },
    deviceName: { type: 'string' },
    processor: { enum: ['cpu', 'gpu'] },
    runtime: {
      type: 'object',
      required: ['name', 'delegate'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, version: { type: 'string' }, delegate: { type: 'string' } },
    },
    threads: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
    fusionRules: {
      type: 'object',
      required: ['name', 'version'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, version: { type: 'integer' } },
    },
    targets: { type: 'array', minItems: 1, uniqueItems: true, items: targetSchema },
    featureUnits: { type: 'object', additionalProperties: { type: 'string' } },
    kernels: { type: 'object', additionalProperties: regressorSchema },
    others: regressorSchema,
    scale: {
      type: 'object',
      required: ['base', 'factors', 'uncertainty', 'method'],
      additionalProperties: false,
      properties: {
        base: { type: 'string' },
        factors: {
          type: 'object',
          required: ['compute', 'memory'],
          additionalProperties: false,
          properties: {
            compute: perTarget({ type: 'number', exclusiveMinimum: 0 }),
            memory: perTarget({ type: 'number', exclusiveMinimum: 0 }),
          },
        },
        uncertainty: perTarget(ratioRangeSchema),
        kernelUncertainty: perTarget({
          ...ratioRangeSchema,
          required: [...ratioRangeSchema.required, 'source'],
        }),
        method: { type: 'string' },
      },
    },
    gpuCost: {
      type: 'object',
      required: ['exponent', 'groups', 'method'],
      additionalProperties: false,
      properties: {
        exponent: { type: 'number', exclusiveMinimum: 0, maximum: 2 },
        groups: {
          type: 'object',
          required: [...GPU_GROUPS],
          additionalProperties: false,
          properties: Object.fromEntries(
            GPU_GROUPS.map((g) => [
              g,
              {
                type: 'object',
                required: ['dispatchMj', 'rate'],
                additionalProperties: false,
                properties: {
                  dispatchMj: { type: 'number', minimum: 0 },
                  rate: { type: 'number', exclusiveMinimum: 0 },
                },
              },
            ]),
          ),
        },
        method: { type: 'string' },
      },
    },
    precision: {
      type: 'object',
      required: ['factors', 'method'],
      additionalProperties: false,
      properties: {
        factors: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(
            ['fp16', 'int8', 'int8-dynamic', 'int16x8'].map((p) => [
              p,
              {
                type: 'object',
                required: ['factor', 'uncertainty', 'basis', 'note'],
                additionalProperties: false,
                properties: {
                  factor: perTarget({ type: 'number', exclusiveMinimum: 0 }),
                  uncertainty: perTarget(ratioRangeSchema),
                  basis: { enum: ['published', 'runtime', 'unpublished'] },
                  note: { type: 'string' },
                },
              },
            ]),
          ),
        },
        method: { type: 'string' },
      },
    },
    provenance: {
      type: 'object',
      required: ['kind', 'data', 'command'],
      additionalProperties: false,
      properties: {
        kind: { enum: ['trained', 'transfer', 'external'] },
        data: {
          type: 'object',
          required: ['description', 'files', 'rows'],
          additionalProperties: false,
          properties: {
            description: { type: 'string' },
            files: { type: 'array', items: { type: 'string' } },
            rows: { type: 'integer', minimum: 0 },
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            attribution: { type: 'string' },
          },
        },
        trainedAt: { type: 'string' },
        command: { type: 'string' },
        kfold: {
          type: 'object',
          required: ['folds', 'seed', 'overall'],
          additionalProperties: false,
          properties: {
            folds: { type: 'integer', minimum: 2 },
            seed: { type: 'integer' },
            overall: perTarget(accuracySchema),
          },
        },
        heldOut: perTarget(accuracySchema),
        accuracy: outOfSampleSchema,
        notes: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;
