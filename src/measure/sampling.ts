import { createHash } from 'node:crypto';
import {
  BUILTIN_KERNEL_TYPES,
  isKernelType,
  kernelTypeEntry,
  type ConfigField,
  type FieldRange,
  type KernelSampling,
  type KernelSpace,
} from '../kernels/catalog.js';
import { KERNEL_CONFIG_FIELDS, type KernelConfig, type KernelType } from '../kernels/types.js';
import { sampleWithoutReplacement, seededRandom, type Random } from '../predict/random.js';

/**
 * Kernel configurations to measure, drawn from each kernel type's configuration space: its catalog
 * entry's `sampling` (the dataset's types: DeepEn2023's ranges, src/kernels/builtin-types.ts). Sampling
 * is seeded (predict/random.ts) and deduplicated by kernel id.
 */

export type { ConfigField, FieldRange, KernelSpace } from '../kernels/catalog.js';

/** Field order of the canonical form behind kernel ids (and of the CSV's configuration columns). */
export const CONFIG_FIELDS: readonly ConfigField[] = KERNEL_CONFIG_FIELDS;

/** The built-in types measure samples: DeepEn2023's. */
export type SampledKernelType = Extract<
  (typeof BUILTIN_KERNEL_TYPES)[number],
  { readonly sampling: KernelSampling }
>['name'];

/** The kernel types DeepEn2023 measured, with their configuration ranges. */
export const DEEPEN2023_SPACES = Object.fromEntries(
  BUILTIN_KERNEL_TYPES.flatMap((e) => ('sampling' in e ? [[e.name, e.sampling]] : [])),
) as unknown as Readonly<Record<SampledKernelType, KernelSpace>>;

export const SAMPLED_KERNEL_TYPES = Object.keys(DEEPEN2023_SPACES) as SampledKernelType[];

export function isSampledKernelType(value: string): value is SampledKernelType {
  return Object.hasOwn(DEEPEN2023_SPACES, value);
}

/** A type's configuration space (built in or registered); a RangeError for a type measure cannot sample. */
function samplingOf(type: KernelType): KernelSampling {
  const sampling = isKernelType(type) ? kernelTypeEntry(type).sampling : undefined;
  if (!sampling) throw new RangeError(`no configuration space for kernel type ${JSON.stringify(type)}`);
  return sampling;
}

/** Work of a configuration in the units of `KernelSpace.maxWork`. */
export function kernelWork(type: KernelType, c: KernelConfig): number {
  return samplingOf(type).work(c);
}

/** Weight elements of a configuration (conv and fc; 0 for the others). */
export function kernelParams(type: KernelType, c: KernelConfig): number {
  return samplingOf(type).weights?.(c) ?? 0;
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
  readonly types: readonly KernelType[];
  /** Configurations per type. Grid: the grid is subsampled (seeded) down to this many where larger. */
  readonly count: number;
  readonly mode?: SamplingMode;
  /** Seed of the PRNG (default 1). The same options always give the same kernels. */
  readonly seed?: number;
  /** Grid mode: points per integer field, log-spaced between its bounds (default 3). */
  readonly gridPoints?: number;
  /** Narrower (or other) ranges per type and field, e.g. to keep a test run small. */
  readonly ranges?: Readonly<Partial<Record<KernelType, Readonly<Partial<Record<ConfigField, FieldRange>>>>>>;
  /** Overrides the work caps per type. */
  readonly maxWork?: Readonly<Partial<Record<KernelType, number>>>;
}

export interface SampledKernel {
  readonly id: string;
  readonly type: KernelType;
  readonly config: KernelConfig;
}

export interface SampleResult {
  readonly kernels: readonly SampledKernel[];
  /** Types for which fewer distinct valid configurations exist (or were found) than asked for. */
  readonly shortfalls: readonly {
    readonly type: KernelType;
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
  const shortfalls: { type: KernelType; wanted: number; got: number }[] = [];
  const seen = new Set<string>();
  // A range for a type not sampled, or for a field its space does not have, would be ignored (or add a field).
  for (const [type, ranges] of Object.entries(options.ranges ?? {})) {
    if (!options.types.includes(type))
      throw new RangeError(`a range for kernel type ${type}, which is not among the types sampled`);
    const known = Object.keys(samplingOf(type).fields);
    for (const field of Object.keys(ranges ?? {}))
      if (!known.includes(field))
        throw new RangeError(`${type} has no field ${field}; its fields are ${known.join(', ')}`);
  }
  options.types.forEach((type, typeIndex) => {
    const space = samplingOf(type);
    const fields = { ...space.fields, ...(options.ranges?.[type] ?? {}) } as Partial<
      Record<ConfigField, FieldRange>
    >;
    for (const [field, range] of Object.entries(fields)) checkRange(type, field, range);
    const maxWork = options.maxWork?.[type] ?? space.maxWork;
    // Each type gets its own stream, so adding a type does not change the others' draws.
    const random = seededRandom(seed * 0x9e3779b1 + typeIndex * 0x85ebca6b + hashString(type));
    const valid = (config: KernelConfig): boolean =>
      space.work(config) <= maxWork &&
      (space.weights?.(config) ?? 0) <= (space.maxParams ?? Number.POSITIVE_INFINITY) &&
      consistent(space, config);
    const picked: SampledKernel[] = [];
    const add = (config: KernelConfig): void => {
      const id = kernelId(type, config);
      if (seen.has(id)) return;
      seen.add(id);
      picked.push({ id, type, config });
    };
    if (mode === 'grid') {
      const grid = gridConfigs(space, fields, options.gridPoints ?? 3).filter(valid);
      const chosen = grid.length <= options.count ? grid : seededSubset(grid, options.count, random);
      chosen.forEach(add);
    } else {
      const attempts = options.count * 200;
      for (let i = 0; i < attempts && picked.length < options.count; i++) {
        const config = drawConfig(space, fields, random);
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

/** The type's own rules, and: an absent optional input (0) is followed by absent ones only. */
function consistent(space: KernelSampling, c: KernelConfig): boolean {
  if (space.consistent && !space.consistent(c)) return false;
  const optional = space.optional ?? [];
  return optional.every(
    (field, i) => c[field] !== 0 || optional.slice(i + 1).every((f) => (c[f] ?? 0) === 0),
  );
}

function finish(space: KernelSampling, config: Record<string, number>): KernelConfig {
  space.complete?.(config);
  return config;
}

function drawConfig(
  space: KernelSampling,
  fields: Partial<Record<ConfigField, FieldRange>>,
  random: Random,
): KernelConfig {
  const config: Record<string, number> = {};
  // How many optional inputs are present (concat: 2, 3 or 4 inputs, as in the dataset; absent inputs are written as 0 channels).
  const optional = space.optional ?? [];
  const present = optional.length > 0 ? Math.floor(random.next() * (optional.length + 1)) : optional.length;
  for (const field of CONFIG_FIELDS) {
    const range = fields[field];
    if (range === undefined) continue;
    const index = optional.indexOf(field);
    if (index >= present) {
      config[field] = 0;
      continue;
    }
    config[field] = drawValue(range, random);
  }
  return finish(space, config);
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
  space: KernelSampling,
  fields: Partial<Record<ConfigField, FieldRange>>,
  points: number,
): KernelConfig[] {
  const axes: [ConfigField, number[]][] = [];
  for (const field of CONFIG_FIELDS) {
    const range = fields[field];
    if (range === undefined) continue;
    const values = gridValues(range, points);
    // Optional inputs also take the "absent" value.
    if (space.optional?.includes(field) && !values.includes(0)) values.unshift(0);
    axes.push([field, values]);
  }
  let configs: Record<string, number>[] = [{}];
  for (const [field, values] of axes) {
    configs = configs.flatMap((c) => values.map((v) => ({ ...c, [field]: v })));
  }
  return configs.map((c) => finish(space, c));
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
