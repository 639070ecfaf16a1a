import { describe, expect, it } from 'vitest';
import { analyzeBytes, sizeDimsDefaulted } from '../../src/analysis/analyze.js';
import { buildTflite, chainModel, type Obj } from './builder.js';

/**
 * chainModel(1) with the input's shape_signature set (-1: a dim the converter left dynamic), and its
 * tensors' shapes (the sizes the file fixes) when given.
 */
function withSignature(signature: number[], shape?: number[]): Uint8Array {
  const model = chainModel(1) as { subgraphs: { tensors: Obj[] }[] } & Obj;
  const [input, ...rest] = model.subgraphs[0]!.tensors.map((t) => (shape ? { ...t, shape } : t));
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

  it('a dynamic size dim the file fixes at 1 is a defaulted dim that --dim cannot set, so compare warns as for ONNX', async () => {
    const bytes = withSignature([1, -1], [1, 1]);
    const a = await analyzeBytes(bytes, 'mel.tflite', { dims: { 't0:1': 1600 } });
    expect(a.defaultedDims).toEqual([
      { name: 't0:1', input: 't0', axis: 1, rank: 2, declared: '[1, -1]', fixed: true },
    ]);
    expect(sizeDimsDefaulted(a.defaultedDims).map((d) => d.name)).toEqual(['t0:1']);
    // A placeholder other than 1 is analysed as declared: not a tiny input, so only the reader's note.
    expect((await analyzeBytes(withSignature([1, -1]), 'net.tflite')).defaultedDims).toEqual([]);
  });
});
