import { createHash } from 'node:crypto';
import { KERNEL_CONFIG_FIELDS, type KernelConfig, type KernelType } from '../kernels/types.js';
import { sampleWithoutReplacement, seededRandom, type Random } from '../predict/random.js';

/**
 * Kernel configurations to measure, drawn from DeepEn2023's configuration space per kernel type.
 * The ranges below are the measured kernels' own (data/deepen2023/kernels_cpu.csv: every value of
 * every field lies inside, and each bound is a measured value); test/measure/sampling.test.ts checks
 * the table against the CSV. Sampling is seeded (predict/random.ts) and deduplicated by kernel id.
 */

export type ConfigField = keyof KernelConfig;

/** Field order of the canonical form behind kernel ids (and of the CSV's configuration columns). */
export const CONFIG_FIELDS: readonly ConfigField[] = KERNEL_CONFIG_FIELDS;

export type FieldRange =
  /** One of these values (spatial sizes, kernel sizes and strides: the values real networks use). */
  | { readonly kind: 'choice'; readonly values: readonly number[] }
  /** An integer in [min, max], drawn log-uniformly (channel counts span three decades). */
  | { readonly kind: 'int'; readonly min: number; readonly max: number; readonly multipleOf?: number };

export interface KernelSpace {
  readonly fields: Readonly<Partial<Record<ConfigField, FieldRange>>>;
  /**
   * Largest work measured for the type (MACs for conv, dwconv and fc; elements moved otherwise),
   * scaled up where the paper's kernel-level summary reports larger kernels than the CSV holds
   * (kernel_level_summary.csv cpu_energy_max_mj / the CSV's largest energy). Larger draws are rejected.
   */
  readonly maxWork: number;
  /** Largest weight count measured (conv: CIN x COUT x KS^2, fc: CIN x COUT); larger draws are rejected. */
  readonly maxParams?: number;
}

const choice = (...values: number[]): FieldRange => ({ kind: 'choice', values });
const int = (min: number, max: number, multipleOf?: number): FieldRange => ({
  kind: 'int',
  min,
  max,
  ...(multipleOf ? { multipleOf } : {}),
});
const KS_POOL = choice(2, 3);
const S12 = choice(1, 2);

/** The kernel types DeepEn2023 measured, with their configuration ranges. */
export const DEEPEN2023_SPACES = {
  'conv-bn-relu': {
    fields: {
      HW: choice(1, 5, 7, 12, 13, 14, 25, 27, 28, 54, 56, 109, 111, 112, 224),
      CIN: int(3, 2160),
      COUT: int(4, 2048),
      KERNEL_SIZE: choice(1, 3, 5, 7, 11),
      STRIDES: choice(1, 2, 4),
    },
    maxWork: 7.1e9,
    // The dataset's largest conv is 1024 x 1024 x 3 x 3; without this a 1x1-input draw could ask for gigabytes of weights.
    maxParams: 1024 * 1024 * 9,
  },
  'dwconv-bn-relu': {
    fields: {
      HW: choice(7, 14, 28, 56, 111, 112),
      CIN: int(11, 1152),
      KERNEL_SIZE: choice(3, 5, 7),
      STRIDES: S12,
    },
    maxWork: 3.6e8,
  },
  bnrelu: { fields: { HW: choice(1, 3, 7, 14, 28, 56, 112, 224), CIN: int(3, 2148) }, maxWork: 6.5e7 },
  bn: { fields: { HW: choice(3, 7, 28, 56, 112, 224), CIN: int(13, 2143) }, maxWork: 1.1e8 },
  relu: { fields: { HW: choice(1, 3, 14, 56, 112, 224), CIN: int(15, 2140) }, maxWork: 1.1e8 },
  hswish: { fields: { HW: choice(1, 3, 7, 14, 56, 112, 224), CIN: int(52, 2120) }, maxWork: 1.1e8 },
  add: { fields: { HW: choice(1, 14, 28, 56, 224), CIN: int(3, 2123) }, maxWork: 1.1e8 },
  addrelu: { fields: { HW: choice(3, 7, 14, 28, 56, 112, 224), CIN: int(7, 1278) }, maxWork: 6.5e7 },
  maxpool: {
    fields: {
      HW: choice(7, 13, 14, 27, 28, 54, 56, 109, 112, 224),
      CIN: int(64, 1056),
      KERNEL_SIZE: KS_POOL,
      STRIDES: S12,
    },
    maxWork: 3.3e6,
  },
  avgpool: {
    fields: {
      HW: choice(7, 13, 14, 28, 54, 55, 56, 109, 112),
      CIN: int(24, 832),
      KERNEL_SIZE: KS_POOL,
      STRIDES: S12,
    },
    maxWork: 4.2e6,
  },
  'global-avgpool': { fields: { HW: choice(3, 7), CIN: int(32, 1266) }, maxWork: 6.3e4 },
  fc: { fields: { CIN: int(512, 9216), COUT: int(1000, 4096) }, maxWork: 1.1e8, maxParams: 9216 * 4096 },
  concat: {
    fields: {
      HW: choice(7, 14, 28, 56),
      CIN1: int(4, 2159),
      CIN2: int(4, 2148),
      CIN3: int(3, 2140),
      CIN4: int(10, 2155),
    },
    maxWork: 1.9e7,
  },
  se: { fields: { HW: choice(1, 3, 7, 56, 112, 224), CIN: int(10, 2112) }, maxWork: 1.1e8 },
  split: { fields: { HW: choice(14, 56, 112, 224), CIN: int(12, 2108, 2) }, maxWork: 1.1e8 },
  channelshuffle: {
    fields: { HW: choice(1, 7, 14, 28, 56, 112, 224), CIN: int(10, 2138, 2) },
    maxWork: 6.4e7,
  },
} as const satisfies Partial<Record<KernelType, KernelSpace>>;

export type SampledKernelType = keyof typeof DEEPEN2023_SPACES;

export const SAMPLED_KERNEL_TYPES = Object.keys(DEEPEN2023_SPACES) as SampledKernelType[];

export function isSampledKernelType(value: string): value is SampledKernelType {
  return Object.hasOwn(DEEPEN2023_SPACES, value);
}

/** Work of a configuration in the units of `KernelSpace.maxWork`. */
export function kernelWork(type: SampledKernelType, c: KernelConfig): number {
  const hw = c.HW ?? 1;
  const out = (stride: number | undefined): number => Math.ceil(hw / (stride ?? 1)) ** 2;
  switch (type) {
    case 'conv-bn-relu':
      return out(c.STRIDES) * (c.CIN ?? 0) * (c.COUT ?? 0) * (c.KERNEL_SIZE ?? 1) ** 2;
    case 'dwconv-bn-relu':
      return out(c.STRIDES) * (c.CIN ?? 0) * (c.KERNEL_SIZE ?? 1) ** 2;
    case 'fc':
      return (c.CIN ?? 0) * (c.COUT ?? 0);
    case 'concat':
      return hw * hw * ((c.CIN1 ?? 0) + (c.CIN2 ?? 0) + (c.CIN3 ?? 0) + (c.CIN4 ?? 0));
    default:
      return hw * hw * (c.CIN ?? 0);
  }
}

/** Weight elements of a configuration (conv and fc; 0 for the others). */
export function kernelParams(type: SampledKernelType, c: KernelConfig): number {
  if (type === 'conv-bn-relu') return (c.CIN ?? 0) * (c.COUT ?? 0) * (c.KERNEL_SIZE ?? 1) ** 2;
  if (type === 'fc') return (c.CIN ?? 0) * (c.COUT ?? 0);
  return 0;
}

/** Deterministic id of a kernel: its type and configuration, hashed (10 base-36 characters). */
export function kernelId(type: string, config: KernelConfig): string {
  const digest = createHash('sha256').update(canonicalKernel(type, config)).digest();
  return BigInt(`0x${digest.subarray(0, 8).toString('hex')}`)
    .toString(36)
    .toUpperCase()
    .padStart(10, '0')
    .slice(-10);
}

export function canonicalKernel(type: string, config: KernelConfig): string {
  const parts = [type];
  for (const field of CONFIG_FIELDS) {
    const value = config[field];
    if (value !== undefined) parts.push(`${field}=${value}`);
  }
  return parts.join('|');
}

export type SamplingMode = 'random' | 'grid';

export interface SampleOptions {
  readonly types: readonly SampledKernelType[];
  /** Configurations per type. Grid: the grid is subsampled (seeded) down to this many where larger. */
  readonly count: number;
  readonly mode?: SamplingMode;
  /** Seed of the PRNG (default 1). The same options always give the same kernels. */
  readonly seed?: number;
  /** Grid mode: points per integer field, log-spaced between its bounds (default 3). */
  readonly gridPoints?: number;
  /** Narrower (or other) ranges per type and field, e.g. to keep a test run small. */
  readonly ranges?: Readonly<
    Partial<Record<SampledKernelType, Readonly<Partial<Record<ConfigField, FieldRange>>>>>
  >;
  /** Overrides the work caps per type. */
  readonly maxWork?: Readonly<Partial<Record<SampledKernelType, number>>>;
}

export interface SampledKernel {
  readonly id: string;
  readonly type: SampledKernelType;
  readonly config: KernelConfig;
}

export interface SampleResult {
  readonly kernels: readonly SampledKernel[];
  /** Types for which fewer distinct valid configurations exist (or were found) than asked for. */
  readonly shortfalls: readonly {
    readonly type: SampledKernelType;
    readonly wanted: number;
    readonly got: number;
  }[];
}

export function sampleKernels(options: SampleOptions): SampleResult {
  const mode = options.mode ?? 'random';
  const seed = options.seed ?? 1;
  if (!Number.isInteger(options.count) || options.count < 1)
    throw new RangeError(`count must be a positive integer, got ${options.count}`);
  const kernels: SampledKernel[] = [];
  const shortfalls: { type: SampledKernelType; wanted: number; got: number }[] = [];
  const seen = new Set<string>();
  // A range for a type not sampled, or for a field its space does not have, would be ignored (or add a field).
  for (const [type, ranges] of Object.entries(options.ranges ?? {})) {
    if (!(options.types as readonly string[]).includes(type))
      throw new RangeError(`a range for kernel type ${type}, which is not among the types sampled`);
    const known = Object.keys(DEEPEN2023_SPACES[type as SampledKernelType].fields);
    for (const field of Object.keys(ranges ?? {}))
      if (!known.includes(field))
        throw new RangeError(`${type} has no field ${field}; its fields are ${known.join(', ')}`);
  }
  options.types.forEach((type, typeIndex) => {
    if (!isSampledKernelType(type))
      throw new RangeError(`no configuration space for kernel type ${JSON.stringify(type)}`);
    const fields = { ...DEEPEN2023_SPACES[type].fields, ...(options.ranges?.[type] ?? {}) } as Partial<
      Record<ConfigField, FieldRange>
    >;
    for (const [field, range] of Object.entries(fields)) checkRange(type, field, range);
    const maxWork = options.maxWork?.[type] ?? DEEPEN2023_SPACES[type].maxWork;
    // Each type gets its own stream, so adding a type does not change the others' draws.
    const random = seededRandom(seed * 0x9e3779b1 + typeIndex * 0x85ebca6b + hashString(type));
    const space: KernelSpace = DEEPEN2023_SPACES[type];
    const valid = (config: KernelConfig): boolean =>
      kernelWork(type, config) <= maxWork &&
      kernelParams(type, config) <= (space.maxParams ?? Number.POSITIVE_INFINITY) &&
      consistent(type, config);
    const picked: SampledKernel[] = [];
    const add = (config: KernelConfig): void => {
      const id = kernelId(type, config);
      if (seen.has(id)) return;
      seen.add(id);
      picked.push({ id, type, config });
    };
    if (mode === 'grid') {
      const grid = gridConfigs(type, fields, options.gridPoints ?? 3).filter(valid);
      const chosen = grid.length <= options.count ? grid : seededSubset(grid, options.count, random);
      chosen.forEach(add);
    } else {
      const attempts = options.count * 200;
      for (let i = 0; i < attempts && picked.length < options.count; i++) {
        const config = drawConfig(type, fields, random);
        if (valid(config)) add(config);
      }
    }
    if (picked.length < options.count) shortfalls.push({ type, wanted: options.count, got: picked.length });
    for (const k of picked) kernels.push(k);
  });
  return { kernels, shortfalls };
}

function checkRange(type: string, field: string, range: FieldRange | undefined): void {
  if (range === undefined) return;
  const bad = (why: string): never => {
    throw new RangeError(`${type} ${field}: ${why}`);
  };
  if (range.kind === 'choice') {
    if (range.values.length === 0) bad('no values to choose from');
    if (range.values.some((v) => !Number.isInteger(v) || v < 0)) bad('values must be non-negative integers');
  } else if (
    !Number.isInteger(range.min) ||
    !Number.isInteger(range.max) ||
    range.min < 1 ||
    range.max < range.min
  ) {
    bad(`bad integer range [${range.min}, ${range.max}]`);
  }
}

/** Type-specific rules: pools stride as they step; a concat's inputs after the first empty one are empty. */
function consistent(type: SampledKernelType, c: KernelConfig): boolean {
  if ((type === 'maxpool' || type === 'avgpool') && (c.KERNEL_SIZE ?? 1) > (c.HW ?? 1)) return false;
  if (type === 'concat' && c.CIN3 === 0 && (c.CIN4 ?? 0) !== 0) return false;
  return true;
}

/** Pools carry POOL_STRIDES = STRIDES, as every pool in the dataset does. */
function finish(type: SampledKernelType, config: Record<string, number>): KernelConfig {
  if ((type === 'maxpool' || type === 'avgpool') && config.STRIDES !== undefined)
    config.POOL_STRIDES = config.STRIDES;
  return config;
}

function drawConfig(
  type: SampledKernelType,
  fields: Partial<Record<ConfigField, FieldRange>>,
  random: Random,
): KernelConfig {
  const config: Record<string, number> = {};
  // Concat: 2, 3 or 4 inputs, as in the dataset (absent inputs are written as 0 channels).
  const concatInputs = type === 'concat' ? 2 + Math.floor(random.next() * 3) : 4;
  for (const field of CONFIG_FIELDS) {
    const range = fields[field];
    if (range === undefined) continue;
    if (
      type === 'concat' &&
      ((field === 'CIN3' && concatInputs < 3) || (field === 'CIN4' && concatInputs < 4))
    ) {
      config[field] = 0;
      continue;
    }
    config[field] = drawValue(range, random);
  }
  return finish(type, config);
}

function drawValue(range: FieldRange, random: Random): number {
  if (range.kind === 'choice') return range.values[Math.floor(random.next() * range.values.length)]!;
  const lo = Math.log(range.min);
  const hi = Math.log(range.max + 1);
  const value = Math.min(range.max, Math.floor(Math.exp(lo + random.next() * (hi - lo))));
  return roundToMultiple(value, range);
}

function roundToMultiple(value: number, range: Extract<FieldRange, { kind: 'int' }>): number {
  const m = range.multipleOf ?? 1;
  let v = Math.round(value / m) * m;
  if (v < range.min) v += m;
  if (v > range.max) v -= m;
  return v;
}

function gridValues(range: FieldRange, points: number): number[] {
  if (range.kind === 'choice') return [...range.values];
  if (points <= 1 || range.min === range.max) return [roundToMultiple(range.min, range)];
  const lo = Math.log(range.min);
  const hi = Math.log(range.max);
  const values = Array.from({ length: points }, (_, i) =>
    roundToMultiple(Math.round(Math.exp(lo + ((hi - lo) * i) / (points - 1))), range),
  );
  return [...new Set(values)];
}

function gridConfigs(
  type: SampledKernelType,
  fields: Partial<Record<ConfigField, FieldRange>>,
  points: number,
): KernelConfig[] {
  const axes: [ConfigField, number[]][] = [];
  for (const field of CONFIG_FIELDS) {
    const range = fields[field];
    if (range === undefined) continue;
    const values = gridValues(range, points);
    // Concat's optional inputs also take the "absent" value.
    if (type === 'concat' && (field === 'CIN3' || field === 'CIN4') && !values.includes(0)) values.unshift(0);
    axes.push([field, values]);
  }
  let configs: Record<string, number>[] = [{}];
  for (const [field, values] of axes) {
    configs = configs.flatMap((c) => values.map((v) => ({ ...c, [field]: v })));
  }
  return configs.map((c) => finish(type, c));
}

/** `count` items of `items` chosen with the seeded PRNG, kept in their original order. */
function seededSubset<T>(items: readonly T[], count: number, random: Random): T[] {
  return sampleWithoutReplacement(items.length, count, random)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
