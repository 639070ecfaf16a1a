import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/types.js';
import { modelBytes, FIXTURES } from '../helpers/fixtures.js';
import { quantizeQdq } from '../helpers/qdq.js';
import { cli, json, tempDir } from './run.js';

/**
 * The pull request that quantizes a model, the commonest energy saving of a mobile team: a decrease
 * with the precision change shown, never a regression that fails the check.
 */
const tmp = tempDir('compare-quantized');
afterAll(() => tmp.cleanup());

const tflite = (name: string) => join(FIXTURES, 'models-tflite', name);

describe('compare fp32 -> int8', () => {
  const fp32 = join(tmp.dir, 'mobilenet_v2.onnx');
  const int8 = join(tmp.dir, 'mobilenet_v2_int8.onnx');
  writeFileSync(fp32, modelBytes('mobilenet_v2'));
  writeFileSync(int8, quantizeQdq(modelBytes('mobilenet_v2')));

  it.each([
    ['ONNX (QDQ, as onnxruntime quantize_static writes it)', fp32, int8],
    [
      'TFLite (full integer, TensorFlow converter)',
      tflite('mobilenetv2_fp32.tflite.gz'),
      tflite('mobilenetv2_int8.tflite.gz'),
    ],
  ])(
    '%s: a decrease on every CPU target, the precision change shown, --fail-on regression passes',
    async (_, base, head) => {
      const result = await cli(['compare', base, head, '--fail-on', 'regression', '--json']);
      expect(result.code, result.stderr).toBe(0);
      const report = json<ComparisonReport>(result);
      const model = report.models[0]!;
      expect(model.base?.precision).toBe('fp32');
      expect(model.head?.precision).toBe('int8');
      const cpu = model.targets.filter((t) => t.target.processor === 'cpu');
      expect(cpu.length).toBe(8);
      for (const t of cpu) {
        expect(t.change).toBe('decrease');
        const ratio = t.head!.energyMj / t.base!.energyMj;
        // Inside DeepEn2023's published INT8/FP32 ratios (0.40-1.07): the factor is fitted on them.
        expect(ratio).toBeGreaterThan(0.3);
        expect(ratio).toBeLessThan(1.07);
      }
      // The GPU delegate's INT8 energy was not published: priced as fp32, said so, never a made-up saving.
      const gpu = model.targets.filter((t) => t.target.processor === 'gpu');
      for (const t of gpu) expect(t.head!.unpublishedPrecisions).toContain('int8');

      const markdown = await cli(['compare', base, head]);
      const text = markdown.stdout.replace(/\s+/g, ' ');
      expect(text).toContain('precision fp32 → int8');
      // int8 kernels move a quarter of the bytes (QDQ too: its float tensors between the steps are not moved).
      expect(text).toMatch(/bytes [\d.]+ MB → [\d.]+ MB \(-[67]\d\.\d%\)/);
      expect(text).toMatch(/no energy factor was published/);
      // The CPU saving is a published app-level factor, not a measurement of INT8 kernels: said where
      // the numbers' sources are, in the comment, on a terminal and by predict.
      const comment = await cli(['compare', base, head, '--format', 'markdown']);
      const predicted = await cli(['predict', head]);
      for (const out of [markdown.stdout, comment.stdout, predicted.stdout]) {
        const prose = out.replace(/\s+/g, ' ');
        expect(prose).toContain('fitted on DeepEn2023’s four published FP32/INT8 app pairs');
        expect(prose).toContain('Latency is not adjusted for precision.');
      }
    },
  );

  it('an fp32 comparison says nothing about precision factors', async () => {
    const result = await cli(['compare', fp32, fp32, '--format', 'markdown']);
    expect(result.stdout).not.toContain('Quantized and fp16 kernels');
  });
});
