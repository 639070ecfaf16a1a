import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { buildKernelModel } from '../../src/kernels/generate.js';
import { SAMPLED_KERNEL_TYPES, sampleKernels } from '../../src/measure/sampling.js';

/**
 * Issue 6, acceptance 4: every kernel model the measurement harness generates, from random and grid
 * samples of every type, analyses back through the engine to exactly one kernel of the intended type
 * whose configuration is the one sampled.
 */
describe('generated kernel models, checked by the engine', () => {
  for (const mode of ['random', 'grid'] as const) {
    it(`${mode} samples of all ${SAMPLED_KERNEL_TYPES.length} types analyse back to one kernel with the sampled config`, async () => {
      const { kernels } = sampleKernels({
        types: SAMPLED_KERNEL_TYPES,
        count: 4,
        mode,
        seed: 7,
        maxWork: {},
      });
      expect(kernels.length).toBeGreaterThanOrEqual(SAMPLED_KERNEL_TYPES.length * 2);
      for (const k of kernels) {
        const analysis = await analyzeBytes(buildKernelModel(k.type, k.config), `${k.type}.onnx`, {
          runtimeFallback: false,
        });
        expect(
          analysis.kernels.map((x) => x.type),
          `${k.type} ${JSON.stringify(k.config)}`,
        ).toEqual([k.type]);
        const found = analysis.kernels[0]!.config;
        for (const [field, value] of Object.entries(k.config)) {
          expect(found[field as keyof typeof found], `${k.type} ${field}`).toBe(value);
        }
      }
    }, 120_000);
  }
});

describe('sampling bounds', () => {
  it('never asks for more weights than the dataset measured (a 1x1 input with CIN x COUT x 11^2 would be gigabytes)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const mode of ['random', 'grid'] as const) {
        const { kernels } = sampleKernels({
          types: ['conv-bn-relu', 'fc'],
          count: 30,
          mode,
          seed,
          gridPoints: 2,
        });
        for (const k of kernels) {
          const params =
            (k.config.CIN ?? 0) *
            (k.config.COUT ?? 0) *
            (k.type === 'fc' ? 1 : (k.config.KERNEL_SIZE ?? 1) ** 2);
          expect(params, `${k.type} ${JSON.stringify(k.config)}`).toBeLessThanOrEqual(
            k.type === 'fc' ? 9216 * 4096 : 1024 * 1024 * 9,
          );
        }
      }
    }
  });
});
