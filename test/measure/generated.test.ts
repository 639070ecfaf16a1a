import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { measureKernels } from '../../src/measure/harness.js';
import { NoMeter } from '../../src/measure/meters/none.js';
import {
  DEEPEN2023_SPACES,
  SAMPLED_KERNEL_TYPES,
  sampleKernels,
  type ConfigField,
  type FieldRange,
} from '../../src/measure/sampling.js';
import { tempDir } from './helpers.js';

const one = (value: number): FieldRange => ({ kind: 'choice', values: [value] });

describe('measuring the generated kernel models (src/kernels/generate.ts)', () => {
  it('runs one tiny kernel of every dataset type and writes its input shapes as the dataset does', async () => {
    const small = {
      HW: one(4),
      CIN: one(4),
      COUT: one(4),
      KERNEL_SIZE: one(3),
      STRIDES: one(1),
      CIN1: one(2),
      CIN2: one(3),
      CIN3: one(0),
      CIN4: one(0),
    };
    const ranges: Record<string, Partial<Record<ConfigField, FieldRange>>> = Object.fromEntries(
      // Each type only the fields of its own space: sampleKernels refuses others.
      SAMPLED_KERNEL_TYPES.map((t) => [
        t,
        Object.fromEntries(Object.entries(small).filter(([f]) => f in DEEPEN2023_SPACES[t].fields)),
      ]),
    );
    ranges.fc = { CIN: one(8), COUT: one(4) };
    ranges.maxpool = { ...ranges.maxpool, KERNEL_SIZE: one(2) };
    ranges.avgpool = { ...ranges.avgpool, KERNEL_SIZE: one(2) };
    const { kernels, shortfalls } = sampleKernels({ types: SAMPLED_KERNEL_TYPES, count: 1, ranges });
    expect(shortfalls).toEqual([]);
    const { dir, cleanup } = tempDir('generated-');
    try {
      const out = join(dir, 'kernels.csv');
      const result = await measureKernels({
        kernels,
        out,
        meter: new NoMeter(),
        warmupRuns: 1,
        repetitions: 3,
      });
      expect(result.rows).toHaveLength(SAMPLED_KERNEL_TYPES.length);
      const rows = parse<Record<string, string>>(readFileSync(out, 'utf8'), { columns: true });
      const shapes = Object.fromEntries(rows.map((r) => [r.kernel_type, r.input_shapes]));
      for (const type of SAMPLED_KERNEL_TYPES) {
        const expected = type === 'fc' ? '[[8]]' : type === 'concat' ? '[[4,4,2],[4,4,3]]' : '[[4,4,4]]';
        expect(shapes[type], type).toBe(expected);
      }
      expect(rows.every((r) => Number(r.latency_ms) > 0 && r.energy_mj === '')).toBe(true);
    } finally {
      cleanup();
    }
  });
});
