import { PROCESSORS, type Processor } from '../predict/manifest.js';
import type { EnergyMillijoules } from '../predict/units.js';

export { PROCESSORS, type Processor };

/** When the check fails the job: on a budget's fail level, on any regression past the noise floor, or never. */
export const FAIL_ON = ['budget', 'regression', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export type Percent = number;
export type Score = number;

/** A limit with a warn level, a fail level, or both. A bare number in the file is a fail level. */
export interface Threshold {
  readonly warn?: number;
  readonly fail?: number;
}

/** The limits a budget can set, by their names in code; LIMIT_KEYS gives their names in the file. */
export const LIMITS = ['maxMj', 'maxIncreasePct', 'maxIncreaseMj', 'minScore'] as const;
export type LimitName = (typeof LIMITS)[number];
export const LIMIT_KEYS = {
  maxMj: 'max-mj',
  maxIncreasePct: 'max-increase-pct',
  maxIncreaseMj: 'max-increase-mj',
  minScore: 'min-score',
} as const satisfies Record<LimitName, string>;
/** `max-*` limits are upper bounds (higher is looser); `min-score` is a lower bound. */
export const LIMIT_DIRECTION = {
  maxMj: 'upper',
  maxIncreasePct: 'upper',
  maxIncreaseMj: 'upper',
  minScore: 'lower',
} as const satisfies Record<LimitName, 'upper' | 'lower'>;
export const LIMIT_UNITS = {
  maxMj: 'mJ',
  maxIncreasePct: '%',
  maxIncreaseMj: 'mJ',
  minScore: '',
} as const satisfies Record<LimitName, string>;

/**
 * Limits for the models matching `models` on the targets in scope (all devices and processors the
 * run covers unless narrowed).
 */
export interface Budget {
  readonly models: readonly string[];
  readonly devices?: readonly string[];
  readonly processors?: readonly Processor[];
  readonly maxMj?: Threshold;
  readonly maxIncreasePct?: Threshold;
  readonly maxIncreaseMj?: Threshold;
  readonly minScore?: Threshold;
}

/** A change smaller than either floor is shown as unchanged and never counts as a regression. */
export interface NoiseFloor {
  readonly pct: Percent;
  readonly mj: EnergyMillijoules;
}

/** Values for symbolic input dims (batch, height, sequence...) of the models matching a glob. */
export interface DimsRule {
  readonly models: string;
  readonly values: Readonly<Record<string, number>>;
}

/** The validated configuration, every default applied. */
export interface EnergyConfig {
  readonly devices: 'all' | readonly string[];
  readonly processors: readonly Processor[];
  /** Globs selecting the models to check. */
  readonly models: readonly string[];
  readonly budgets: readonly Budget[];
  readonly noise: NoiseFloor;
  /** In file order; where several match a model, later rules override earlier ones per dim. */
  readonly dims: readonly DimsRule[];
  readonly failOn: FailOn;
}

export const DEFAULT_CONFIG: EnergyConfig = {
  devices: 'all',
  processors: ['cpu', 'gpu'],
  // The analysis reads gzip'd models directly, so they are models too.
  models: ['**/*.onnx', '**/*.onnx.gz', '**/*.tflite', '**/*.tflite.gz'],
  budgets: [],
  noise: { pct: 1, mj: 0.05 },
  dims: [],
  failOn: 'budget',
};

/** A device and processor a model is predicted on (compare/'s Target adds the bundle that prices it). */
export interface DeviceTarget {
  readonly device: string;
  readonly processor: Processor;
}
