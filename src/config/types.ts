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
/** Each limit once: its name in the file, whether it bounds from above or below, its unit. */
const LIMIT_SPECS = {
  maxMj: { key: 'max-mj', direction: 'upper', unit: 'mJ' },
  maxIncreasePct: { key: 'max-increase-pct', direction: 'upper', unit: '%' },
  maxIncreaseMj: { key: 'max-increase-mj', direction: 'upper', unit: 'mJ' },
  // `max-*` limits are upper bounds (higher is looser); `min-score` is a lower bound.
  minScore: { key: 'min-score', direction: 'lower', unit: '' },
} as const satisfies Record<LimitName, { key: string; direction: 'upper' | 'lower'; unit: string }>;

type LimitSpecs = typeof LIMIT_SPECS;

/** One field of every limit's spec, by limit name. */
function limitField<F extends keyof LimitSpecs[LimitName]>(field: F): { [L in LimitName]: LimitSpecs[L][F] } {
  return Object.fromEntries(LIMITS.map((limit) => [limit, LIMIT_SPECS[limit][field]])) as {
    [L in LimitName]: LimitSpecs[L][F];
  };
}

export const LIMIT_KEYS = limitField('key');
export const LIMIT_DIRECTION = limitField('direction');
export const LIMIT_UNITS = limitField('unit');

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
