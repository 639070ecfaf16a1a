import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';

/**
 * A model of about `nodes` nodes for scale tests and the bench: residual blocks of Conv (one shared
 * 3x3 weight) -> Relu -> Add on a small [1, 8, 4, 4] tensor, so analysis does the work of a deep
 * network (shapes, fusion into conv-bn-relu and add kernels, costs) without a large file.
 */
export function residualChainModel(nodes: number): Uint8Array {
  const b = new ModelBuilder({ opset: 13 });
  let x = b.input('x', DataType.FLOAT, [1, 8, 4, 4]);
  const w = b.weight('w', [8, 8, 3, 3]);
  for (let i = 0; i + 3 <= nodes; i += 3) {
    const conv = b.node('Conv', [x, w], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
    x = b.node('Add', [b.node('Relu', [conv]), x]);
  }
  b.output(x);
  return b.encode();
}
