import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { KernelConfig } from '../../src/kernels/types.js';
import {
  CONFIG_FIELDS,
  DEEPEN2023_SPACES,
  SAMPLED_KERNEL_TYPES,
  kernelId,
  kernelWork,
  sampleKernels,
  type ConfigField,
  type FieldRange,
  type SampledKernelType,
} from '../../src/measure/sampling.js';

const DATA = join(import.meta.dirname, '..', '..', 'data', 'deepen2023');
const rows = parse<Record<string, string>>(readFileSync(join(DATA, 'kernels_cpu.csv'), 'utf8'), {
  columns: true,
});
const summary = parse<Record<string, string>>(readFileSync(join(DATA, 'kernel_level_summary.csv'), 'utf8'), {
  columns: true,
});

function configOf(row: Record<string, string>): KernelConfig {
  const config: Record<string, number> = {};
  for (const field of CONFIG_FIELDS)
    if (row[field] !== undefined && row[field] !== '') config[field] = Number(row[field]);
  return config;
}

const byType = new Map<string, Record<string, string>[]>();
for (const row of rows) byType.set(row.kernel_type!, [...(byType.get(row.kernel_type!) ?? []), row]);

function inRange(range: FieldRange, value: number): boolean {
  if (range.kind === 'choice') return range.values.includes(value);
  return value >= range.min && value <= range.max && value % (range.multipleOf ?? 1) === 0;
}

describe('DeepEn2023 configuration spaces', () => {
  it('cover exactly the kernel types of the measured data', () => {
    expect([...byType.keys()].sort()).toEqual([...SAMPLED_KERNEL_TYPES].sort());
  });

  it.each(SAMPLED_KERNEL_TYPES)(
    '%s: every measured configuration lies inside, and every bound is a measured value',
    (type) => {
      const space = DEEPEN2023_SPACES[type];
      const fields = space.fields as Partial<Record<ConfigField, FieldRange>>;
      const measured = byType.get(type)!;
      const used = new Set(
        measured.flatMap((r) => CONFIG_FIELDS.filter((f) => r[f] !== undefined && r[f] !== '')),
      );
      // POOL_STRIDES is derived (= STRIDES), not sampled.
      used.delete('POOL_STRIDES');
      expect(new Set(Object.keys(fields))).toEqual(used);
      for (const [field, range] of Object.entries(fields) as [ConfigField, FieldRange][]) {
        // Concat writes an absent third or fourth input as 0 channels; the range is that of present inputs.
        const values = measured.map((r) => Number(r[field])).filter((v) => !(type === 'concat' && v === 0));
        for (const v of values) expect(inRange(range, v), `${type} ${field}=${v}`).toBe(true);
        if (range.kind === 'choice')
          expect([...new Set(values)].sort((a, b) => a - b)).toEqual([...range.values].sort((a, b) => a - b));
        else expect([Math.min(...values), Math.max(...values)]).toEqual([range.min, range.max]);
      }
      for (const r of measured) {
        if (type === 'maxpool' || type === 'avgpool') expect(r.POOL_STRIDES).toBe(r.STRIDES);
        expect(kernelWork(type, configOf(r))).toBeLessThanOrEqual(space.maxWork);
      }
    },
  );

  it('cap the work at the largest kernel measured, scaled to the summary where the paper measured larger', () => {
    const summaryName: Partial<Record<SampledKernelType, string>> = {
      'conv-bn-relu': 'conv+bn+relu',
      'dwconv-bn-relu': 'dwconv+bn+relu',
      bnrelu: 'bn+relu',
      relu: 'relu',
      avgpool: 'avgpool',
      maxpool: 'maxpool',
      fc: 'fc',
      concat: 'concat',
    };
    for (const type of SAMPLED_KERNEL_TYPES) {
      const measured = byType.get(type)!;
      const maxWork = Math.max(...measured.map((r) => kernelWork(type, configOf(r))));
      const maxEnergy = Math.max(...measured.map((r) => Number(r.energy_mj)));
      const row = summary.find((s) => s.kernel === summaryName[type]);
      const scale = row ? Math.max(1, Number(row.cpu_energy_max_mj) / maxEnergy) : 1;
      const cap = DEEPEN2023_SPACES[type].maxWork;
      expect(cap, type).toBeGreaterThanOrEqual(maxWork * scale);
      expect(cap, type).toBeLessThanOrEqual(maxWork * scale * 1.1);
    }
  });
});

describe('sampleKernels', () => {
  const options = {
    types: ['conv-bn-relu', 'dwconv-bn-relu', 'concat', 'maxpool', 'split'] as SampledKernelType[],
    count: 40,
    seed: 42,
  };

  it('refuses a range for a field the type does not have, or for a type not sampled (it would be ignored)', () => {
    const one = { kind: 'choice', values: [4] } as const;
    expect(() => sampleKernels({ types: ['relu'], count: 1, ranges: { relu: { COUT: one } } })).toThrow(
      'relu has no field COUT; its fields are HW, CIN',
    );
    expect(() => sampleKernels({ types: ['relu'], count: 1, ranges: { add: { HW: one } } })).toThrow(
      'a range for kernel type add, which is not among the types sampled',
    );
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = sampleKernels(options);
    expect(sampleKernels(options)).toEqual(a);
    expect(sampleKernels({ ...options, seed: 43 }).kernels.map((k) => k.id)).not.toEqual(
      a.kernels.map((k) => k.id),
    );
    // Each type draws from its own stream: adding a type leaves the others alone.
    const conv = (r: ReturnType<typeof sampleKernels>): string[] =>
      r.kernels.filter((k) => k.type === 'conv-bn-relu').map((k) => k.id);
    expect(conv(sampleKernels({ ...options, types: ['conv-bn-relu'] }))).toEqual(conv(a));
  });

  it('draws distinct, valid configurations inside the ranges and caps', () => {
    const { kernels, shortfalls } = sampleKernels(options);
    expect(shortfalls).toEqual([]);
    expect(kernels).toHaveLength(40 * options.types.length);
    expect(new Set(kernels.map((k) => k.id)).size).toBe(kernels.length);
    for (const k of kernels) {
      expect(k.id).toBe(kernelId(k.type, k.config));
      const space = DEEPEN2023_SPACES[k.type as SampledKernelType];
      expect(kernelWork(k.type, k.config)).toBeLessThanOrEqual(space.maxWork);
      for (const [field, range] of Object.entries(space.fields) as [ConfigField, FieldRange][]) {
        const v = k.config[field]!;
        if (k.type === 'concat' && (field === 'CIN3' || field === 'CIN4') && v === 0) continue;
        expect(inRange(range, v), `${k.type} ${field}=${v}`).toBe(true);
      }
      if (k.type === 'maxpool') expect(k.config.POOL_STRIDES).toBe(k.config.STRIDES);
      if (k.type === 'concat' && k.config.CIN3 === 0) expect(k.config.CIN4).toBe(0);
      if (k.type === 'split') expect(k.config.CIN! % 2).toBe(0);
    }
    const inputs = new Set(
      kernels
        .filter((k) => k.type === 'concat')
        .map((k) => 2 + Number(k.config.CIN3! > 0) + Number(k.config.CIN4! > 0)),
    );
    expect(inputs).toEqual(new Set([2, 3, 4]));
  });

  it('lays out a grid: choices times log-spaced integers, capped by count with a seeded subset', () => {
    const ranges = {
      'conv-bn-relu': {
        HW: { kind: 'choice', values: [7, 14] },
        CIN: { kind: 'int', min: 4, max: 64 },
        COUT: { kind: 'choice', values: [8] },
        KERNEL_SIZE: { kind: 'choice', values: [1, 3] },
        STRIDES: { kind: 'choice', values: [1] },
      },
    } as const;
    const grid = sampleKernels({ types: ['conv-bn-relu'], count: 1000, mode: 'grid', gridPoints: 3, ranges });
    expect(grid.kernels.map((k) => `${k.config.HW}/${k.config.CIN}/${k.config.KERNEL_SIZE}`)).toEqual([
      '7/4/1',
      '7/4/3',
      '7/16/1',
      '7/16/3',
      '7/64/1',
      '7/64/3',
      '14/4/1',
      '14/4/3',
      '14/16/1',
      '14/16/3',
      '14/64/1',
      '14/64/3',
    ]);
    expect(grid.shortfalls).toEqual([{ type: 'conv-bn-relu', wanted: 1000, got: 12 }]);
    const subset = sampleKernels({
      types: ['conv-bn-relu'],
      count: 5,
      mode: 'grid',
      gridPoints: 3,
      ranges,
      seed: 3,
    });
    expect(subset.kernels).toHaveLength(5);
    expect(subset.kernels.every((k) => grid.kernels.some((g) => g.id === k.id))).toBe(true);
    expect(
      sampleKernels({ types: ['conv-bn-relu'], count: 5, mode: 'grid', gridPoints: 3, ranges, seed: 3 }),
    ).toEqual(subset);
  });

  it('reports a space too small for the count instead of repeating kernels', () => {
    const result = sampleKernels({
      types: ['relu'],
      count: 10,
      ranges: { relu: { HW: { kind: 'choice', values: [7] }, CIN: { kind: 'int', min: 4, max: 5 } } },
    });
    expect(result.kernels.map((k) => k.config.CIN).sort()).toEqual([4, 5]);
    expect(result.shortfalls).toEqual([{ type: 'relu', wanted: 10, got: 2 }]);
  });

  it('refuses unknown types and bad ranges', () => {
    expect(() => sampleKernels({ types: ['attention'], count: 1 })).toThrow(
      /no configuration space for kernel type "attention"/,
    );
    expect(() =>
      sampleKernels({
        types: ['relu'],
        count: 1,
        ranges: { relu: { CIN: { kind: 'int', min: 9, max: 3 } } },
      }),
    ).toThrow(/relu CIN: bad integer range/);
    expect(() => sampleKernels({ types: ['relu'], count: 0 })).toThrow(/count must be a positive integer/);
  });
});

describe('kernel ids and the PRNG', () => {
  it('derive ids from type and configuration only, whatever the key order', () => {
    const id = kernelId('conv-bn-relu', { HW: 56, CIN: 32, COUT: 64, KERNEL_SIZE: 3, STRIDES: 1 });
    expect(id).toMatch(/^[0-9A-Z]{10}$/);
    expect(kernelId('conv-bn-relu', { STRIDES: 1, KERNEL_SIZE: 3, COUT: 64, CIN: 32, HW: 56 })).toBe(id);
    expect(kernelId('conv-bn-relu', { HW: 56, CIN: 32, COUT: 64, KERNEL_SIZE: 3, STRIDES: 2 })).not.toBe(id);
    expect(kernelId('dwconv-bn-relu', { HW: 56, CIN: 32, COUT: 64, KERNEL_SIZE: 3, STRIDES: 1 })).not.toBe(
      id,
    );
  });
});
