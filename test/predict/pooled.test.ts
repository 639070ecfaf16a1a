import { describe, expect, it } from 'vitest';
import { predictEnsemble } from '../../src/predict/ensemble.js';
import { fitPoolModel, poolFactor, scalePoolModel } from '../../src/predict/pooled.js';
import { accuracyFigures } from '../../src/predict/metrics.js';
import { seededRandom } from '../../src/predict/random.js';

/**
 * Memory-bound kernels whose energy per byte jumps once the tensor leaves a 4 MB cache; each type
 * makes `passes` passes over its tensor. Features: [ln bytes, bytes].
 */
function memoryKernels(n: number, passes: number, seed: number): { x: number[][]; y: number[] } {
  const random = seededRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const bytes = Math.exp(8 + random.next() * 12);
    const perByte = bytes > 4e6 ? 6e-9 : 0.8e-9;
    x.push([Math.log(bytes), bytes]);
    y.push(passes * perByte * bytes * 1e3);
  }
  return { x, y };
}

describe('pooled regressor', () => {
  it('learns the cache knee from the pool and the type’s factor from a few rows', () => {
    const a = memoryKernels(150, 1, 1);
    const b = memoryKernels(150, 1, 2);
    const pool = fitPoolModel([...a.x, ...b.x], [...a.y, ...b.y], [0], 7);
    const few = memoryKernels(6, 3, 3);
    const scaled = scalePoolModel(pool, few.x, few.y);
    const test = memoryKernels(200, 3, 4);
    const figures = accuracyFigures(
      test.y,
      test.x.map((row) => predictEnsemble(scaled, row)),
    );
    // Pool rows make one pass; the new type's three passes give a factor near 3.
    expect(poolFactor(pool, scaled)).toBeCloseTo(3, 1);
    expect(figures.medianApePct).toBeLessThan(5);
    // A power law through the same 6 rows cannot follow the knee: the pool is what helps.
    const lx = few.x.map((r) => r[0]!);
    const ly = few.y.map((v) => Math.log(v));
    const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
    const my = ly.reduce((s, v) => s + v, 0) / ly.length;
    const slope =
      lx.reduce((s, v, i) => s + (v - mx) * (ly[i]! - my), 0) / lx.reduce((s, v) => s + (v - mx) ** 2, 0);
    const powerLaw = accuracyFigures(
      test.y,
      test.x.map((row) => Math.exp(my + slope * (row[0]! - mx))),
    );
    expect(powerLaw.medianApePct).toBeGreaterThan(4 * figures.medianApePct + 10);
  });

  it('refuses to scale without rows or a log-target pool', () => {
    const a = memoryKernels(40, 1, 5);
    const pool = fitPoolModel(a.x, a.y, [0], 1);
    expect(() => scalePoolModel(pool, [], [])).toThrow(/no rows/);
    expect(() => scalePoolModel({ ...pool, logTarget: false }, a.x, a.y)).toThrow(/log\(target\)/);
  });
});
