import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { floats, ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';

/** Traits of real third-party exports (Paddle2ONNX, PyTorch's silero VAD...), rebuilt small. */
describe('third-party exports', () => {
  it('counts the weights an exporter holds in Constant nodes (Paddle2ONNX has no initializer)', async () => {
    const m = new ModelBuilder({ opset: 11 });
    const x = m.input('x', DataType.FLOAT, [1, 3, 8, 8]);
    const w = m.node('Constant', [], {
      value: { tensor: { dataType: DataType.FLOAT, dims: [16, 3, 3, 3] } },
    });
    const b = m.node('Constant', [], { value_floats: floats(new Array<number>(16).fill(0)) });
    const y = m.node('Conv', [x, w, b], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
    m.output(m.node('Relu', [y]));
    const analysis = await analyzeBytes(m.encode(), 'paddle.onnx', { runtimeFallback: false });
    expect(analysis.totals.params).toBe(16 * 3 * 3 * 3 + 16);
    expect(analysis.totals.macs).toBe(16 * 3 * 9 * 64);
  });

  it('a shape error met with symbolic dims set to 1 names them and how to set them (silero VAD, PP-OCR rec)', async () => {
    // A 256-sample window over a sequence of symbolic length: with 'sequence' bound to 1 it cannot fit.
    const m = new ModelBuilder();
    const x = m.input('audio', DataType.FLOAT, ['batch', 1, 'sequence']);
    const w = m.weight('window', [8, 1, 256]);
    m.output(m.node('Conv', [x, w], { kernel_shape: [256], strides: [128] }));
    const bytes = m.encode();
    await expect(analyzeBytes(bytes, 'vad.onnx', { runtimeFallback: false })).rejects.toThrow(
      /^vad\.onnx: Conv '.*': computed an invalid dimension -?\d+ \(with symbolic dims set to 1: sequence; give the real sizes with --dim sequence=N\)$/,
    );
    const sized = await analyzeBytes(bytes, 'vad.onnx', { runtimeFallback: false, dims: { sequence: 512 } });
    expect(sized.totals.macs).toBe(8 * 256 * 3);
  });
});
