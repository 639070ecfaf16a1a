import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';
import { analyseBuilder } from './helpers.js';

const F = DataType.FLOAT;

/*
 * Forms the TFLite reader lowers to (src/tflite/ops.ts) that a PyTorch ONNX export writes otherwise:
 * openWakeWord ships both files of each model, and both must split into the same kernels.
 */
describe('kernels of TFLite-lowered forms', () => {
  const scalar = (b: ModelBuilder, name: string, v: number) =>
    b.initializer(name, { dataType: F, dims: [], values: [v] });

  it('a decomposed LayerNorm whose division is RSQRT (Sqrt -> Reciprocal -> Mul) is one layernorm', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [1, 64]);
    const mean = b.node('ReduceMean', [x], { axes: [-1] });
    const d = b.node('Sub', [x, mean]);
    const variance = b.node('ReduceMean', [b.node('Pow', [d, scalar(b, 'two', 2)])], { axes: [-1] });
    const rsqrt = b.node('Reciprocal', [b.node('Sqrt', [b.node('Add', [variance, scalar(b, 'eps', 1e-5)])])]);
    const normed = b.node('Mul', [d, rsqrt]);
    b.output(b.node('Add', [b.node('Mul', [normed, b.weight('gamma', [64])]), b.weight('beta', [64])]), F);
    const { detection } = analyseBuilder(b);
    expect(detection.kernels.map((k) => [k.type, k.opTypes])).toEqual([
      [
        'layernorm',
        ['ReduceMean', 'Sub', 'Pow', 'ReduceMean', 'Add', 'Sqrt', 'Reciprocal', 'Mul', 'Mul', 'Add'],
      ],
    ]);
  });

  it('a bias-less Gemm and the Add of its bias (FULLY_CONNECTED without one, then ADD) are one fc', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [1, 64]);
    const y = b.node('Gemm', [x, b.weight('w', [32, 64])], { transB: 1 });
    b.output(b.node('Relu', [b.node('Add', [y, b.weight('bias', [32])])]), F);
    const { detection } = analyseBuilder(b);
    expect(detection.kernels.map((k) => [k.type, k.opTypes, k.variant.bias, k.variant.activation])).toEqual([
      ['fc', ['Gemm', 'Add', 'Relu'], true, 'relu'],
    ]);
  });
});
