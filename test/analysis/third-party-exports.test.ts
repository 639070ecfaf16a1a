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

  it('an unnamed input dim is set by INPUT:AXIS (silero VAD v5 declares input [?, ?])', async () => {
    const m = new ModelBuilder();
    const x = m.input('input', DataType.FLOAT, ['', '']);
    const frames = m.node('Unsqueeze', [x, m.ints('axes', [1])]);
    m.output(
      m.node('Conv', [frames, m.weight('window', [8, 1, 256])], { kernel_shape: [256], strides: [128] }),
    );
    const bytes = m.encode();
    await expect(analyzeBytes(bytes, 'v5.onnx', { runtimeFallback: false })).rejects.toThrow(
      /\(with symbolic dims set to 1: input:1; give the real sizes with --dim input:1=N\)$/,
    );
    const sized = await analyzeBytes(bytes, 'v5.onnx', { runtimeFallback: false, dims: { 'input:1': 512 } });
    expect(sized.totals.macs).toBe(8 * 256 * 3);
    expect(sized.boundDims).toEqual({ 'input:0': 1, 'input:1': 512 });
    expect(sized.defaultedDims.map((d) => d.name)).toEqual(['input:0']);
    expect(sized.warnings).toContain(
      "unnamed dim (axis 0) of input 'input' set to 1 (override with --dim input:0=N)",
    );
  });

  it('the files beside the models in a package are named for what they are, not as broken ONNX', async () => {
    const error = (bytes: Uint8Array, path: string): Promise<string> =>
      analyzeBytes(bytes, path, { runtimeFallback: false }).then(
        () => 'analysed',
        (e: unknown) => (e as Error).message,
      );
    // MediaPipe's graph config: a protobuf that parses as a ModelProto without a graph.
    expect(await error(new Uint8Array([0x0a, 0x03, 0x61, 0x62, 0x63]), 'face_mesh.binarypb')).toMatch(
      /^face_mesh\.binarypb: this is a MediaPipe graph config \(\.binarypb\), not a model: analyse the \.tflite files it runs; /,
    );
    expect(await error(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 'solution.wasm')).toMatch(
      /^solution\.wasm: this is a WebAssembly module, not a model; /,
    );
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    expect(await error(png, 'logo.png')).toMatch(
      /^logo\.png: not an ONNX or TFLite model, or a damaged one: corrupt ModelProto at byte \d+: /,
    );
    expect(await error(new Uint8Array([0x0a, 0x03, 0x61, 0x62, 0x63]), 'config.bin')).toBe(
      'config.bin: not an ONNX or TFLite model, or a damaged one: a protobuf with no graph',
    );
  });
});
