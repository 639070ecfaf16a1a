import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType, type Dim } from '../../src/onnx/types.js';

const F = DataType.FLOAT;

/** Conv 3x3 (3 -> 16) + ReLU + global pooling on an input of the given (possibly symbolic) shape. */
export function convModel(shape: readonly Dim[]): Uint8Array {
  const b = new ModelBuilder({ opset: 13 });
  const conv = b.node('Conv', [b.input('x', F, shape), b.weight('w', [16, 3, 3, 3]), b.weight('b', [16])], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
  });
  b.output(b.node('GlobalAveragePool', [b.node('Relu', [conv])]), F);
  return b.encode();
}
