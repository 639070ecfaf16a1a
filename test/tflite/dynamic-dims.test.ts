import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { buildTflite, chainModel, type Obj } from './builder.js';

/** chainModel(1) with the input's shape_signature set (-1: a dim the converter left dynamic). */
function withSignature(signature: number[]): Uint8Array {
  const model = chainModel(1) as { subgraphs: { tensors: Obj[] }[] } & Obj;
  const [input, ...rest] = model.subgraphs[0]!.tensors;
  model.subgraphs[0]!.tensors = [{ ...input, shape_signature: signature }, ...rest];
  return buildTflite(model);
}

describe('TFLite inputs with dynamic dims', () => {
  it('a dynamic size dim is a warning: the file declares a placeholder size and the analysis is of it', async () => {
    const a = await analyzeBytes(withSignature([1, -1]), 'mel.tflite');
    expect(a.warnings).toContain(
      "input 't0' has dynamic dims (axis 1 of [1, -1]): analysed at the size the file declares, [1, 4]; --dim does not change a TFLite model's shapes, so convert it with the deployed input size to analyse that",
    );
  });

  it('a dynamic batch dim alone (the usual Keras export) is no warning', async () => {
    const a = await analyzeBytes(withSignature([-1, 4]), 'net.tflite');
    expect(a.warnings.join('\n')).not.toMatch(/dynamic/);
  });
});
