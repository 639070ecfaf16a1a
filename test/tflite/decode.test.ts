import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bufferSource, type ByteSource } from '../../src/onnx/source.js';
import { decodeTfliteBytes, decodeTfliteSource } from '../../src/tflite/decode.js';
import { halfToNumber } from '../../src/tflite/flatbuffer.js';
import type { TfliteModel } from '../../src/tflite/types.js';
import { buildTflite, chainModel, enumNumber, type Obj } from './builder.js';

const DIRS = ['test/fixtures/models-tflite', 'test/fixtures/models-tflite/tflite-micro'];

interface Reference {
  bytes: number;
  op_counts?: Record<string, number>;
  tensors?: number;
  tensor_types?: Record<string, number>;
  input?: { dtype: string; shape: number[] };
  output?: { dtype: string; shape: number[] };
}

function fixtures(): { dir: string; file: string; ref: Reference }[] {
  return DIRS.flatMap((dir) => {
    const refs = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Record<string, Reference>;
    return readdirSync(dir)
      .filter((f) => f.endsWith('.tflite.gz'))
      .map((file) => ({ dir, file, ref: refs[file]! }));
  });
}

/** Models whose kernels add no temporaries at allocation, so the interpreter's tensor count is the file's. */
const EXACT_TENSORS = new Set([
  'lstm_tiny_fp32.tflite.gz',
  'hello_world_int8.tflite.gz',
  'keyword_scrambled_8bit.tflite.gz',
  'trained_lstm_int8.tflite.gz',
  'transpose_conv0.tflite.gz',
]);

const cache = new Map<string, TfliteModel>();
function load(file: string): TfliteModel {
  const dir = DIRS.find((d) => readdirSync(d).includes(file))!;
  let m = cache.get(file);
  if (!m) {
    m = decodeTfliteBytes(gunzipSync(readFileSync(join(dir, file))), file);
    cache.set(file, m);
  }
  return m;
}

function histogram(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

describe('decodeTflite on real conversions', () => {
  const all = fixtures();
  it('finds every fixture and its reference', () => {
    expect(all.length).toBe(14);
    for (const f of all) expect(f.ref, f.file).toBeDefined();
  });

  // TensorFlow's interpreter histograms describe subgraph 0 only (lstm_tiny lists WHILE but not the
  // LESS, ADD, ... of its cond and body subgraphs), so that is what is compared.
  it.each(all.map((f) => [f.file, f] as const))('%s matches the interpreter', (_name, f) => {
    const m = load(f.file);
    expect(m.path).toBe(f.file);
    expect(m.fileBytes).toBe(f.ref.bytes);
    expect(m.weightBytes).toBeGreaterThan(0);
    expect(m.weightBytes).toBeLessThan(m.fileBytes);
    const main = m.subgraphs[0]!;
    expect(main.operators.length).toBeGreaterThan(0);
    if (!f.ref.op_counts) return; // person_detect: the interpreter refused it
    expect(histogram(main.operators.map((o) => o.opcode))).toEqual(f.ref.op_counts);
    const types = histogram(main.tensors.map((t) => t.type));
    if (EXACT_TENSORS.has(f.file)) {
      expect(main.tensors.length).toBe(f.ref.tensors);
      expect(types).toEqual(f.ref.tensor_types);
    } else {
      // The interpreter's count includes the temporaries its kernels add when allocating (MEAN's
      // reduction scratch, hybrid quantization buffers), appended after the file's tensors.
      expect(main.tensors.length).toBeLessThan(f.ref.tensors!);
      for (const [type, n] of Object.entries(types))
        expect(n).toBeLessThanOrEqual(f.ref.tensor_types![type]!);
    }
    const input = main.tensors[main.inputs[0]!]!;
    const output = main.tensors[main.outputs[0]!]!;
    expect({ dtype: input.type, shape: input.shape }).toEqual(f.ref.input);
    expect({ dtype: output.type, shape: output.shape }).toEqual(f.ref.output);
  });

  it('keeps every tensor index, buffer and location in range', () => {
    for (const f of all) {
      const m = load(f.file);
      expect(m.buffers[0]).toEqual({ length: 0, external: false });
      for (const b of m.buffers) {
        expect(b.external).toBe(false);
        if (b.length > 0) expect(b.offset! + b.length).toBeLessThanOrEqual(m.fileBytes);
      }
      for (const s of m.subgraphs) {
        s.tensors.forEach((t, i) => {
          expect(t.index).toBe(i);
          expect(t.buffer).toBeLessThan(m.buffers.length);
        });
        for (const o of s.operators) {
          for (const t of [...o.inputs, ...o.outputs, ...o.intermediates]) {
            expect(t).toBeGreaterThanOrEqual(-1);
            expect(t).toBeLessThan(s.tensors.length);
          }
        }
      }
    }
  });

  it('decodes the WHILE loop of lstm_tiny with its cond and body subgraphs', () => {
    const m = load('lstm_tiny_fp32.tflite.gz');
    expect(m.subgraphs.map((s) => s.name)).toEqual([
      'main',
      'lstm_tiny_1/lstm_1/while_cond',
      'lstm_tiny_1/lstm_1/while_body',
    ]);
    const loop = m.subgraphs[0]!.operators.find((o) => o.opcode === 'WHILE')!;
    expect(loop.optionsType).toBe('WhileOptions');
    expect(loop.options).toEqual({ cond_subgraph_index: 1, body_subgraph_index: 2 });
    expect(histogram(m.subgraphs[1]!.operators.map((o) => o.opcode))).toEqual({ LESS: 2, LOGICAL_AND: 1 });
    expect(m.subgraphs[2]!.operators.length).toBe(19);
    // small int32 constants keep their values: the Reshape target and the StridedSlice bounds
    const main = m.subgraphs[0]!;
    const reshape = main.operators.find((o) => o.opcode === 'RESHAPE')!;
    expect(main.tensors[reshape.inputs[1]!]!.values).toEqual([50, 1, 40]);
    const slice = main.operators.find((o) => o.opcode === 'STRIDED_SLICE')!;
    expect(slice.inputs.slice(1).map((i) => main.tensors[i]!.values)).toEqual([
      [-1, 0, 0],
      [0, 1, 64],
      [1, 1, 1],
    ]);
    expect(m.signatures).toEqual([
      {
        key: 'serving_default',
        subgraph: 0,
        inputs: [{ name: 'keras_tensor_338', tensor: 0 }],
        outputs: [{ name: 'output_0', tensor: 19 }],
      },
    ]);
    expect([...m.metadata.keys()]).toEqual(['min_runtime_version', 'CONVERSION_METADATA']);
    expect(m.version).toBe(3);
    expect(m.description).toBe('MLIR Converted.');
  });

  it('decodes builtin options with enums by name and defaults applied', () => {
    const m = load('mobilenetv2_fp32.tflite.gz');
    const conv = m.subgraphs[0]!.operators.find((o) => o.opcode === 'CONV_2D')!;
    expect(conv.optionsType).toBe('Conv2DOptions');
    expect(conv.options).toEqual({
      padding: 'SAME',
      stride_w: 2,
      stride_h: 2,
      fused_activation_function: 'RELU6',
      dilation_w_factor: 1,
      dilation_h_factor: 1,
      quantized_bias_type: 'FLOAT32',
    });
    const fc = load('hello_world_int8.tflite.gz').subgraphs[0]!.operators[0]!;
    expect(fc.options).toMatchObject({ fused_activation_function: 'RELU', weights_format: 'DEFAULT' });
    const lstm = load('trained_lstm_int8.tflite.gz').subgraphs[0]!.operators.find(
      (o) => o.opcode === 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    )!;
    expect(lstm.options).toMatchObject({
      fused_activation_function: 'TANH',
      cell_clip: 10,
      time_major: false,
    });
  });

  it('decodes float16 constants and int8 quantization', () => {
    const fp16 = load('mobilenetv2_fp16.tflite.gz').subgraphs[0]!;
    const half = fp16.tensors.filter((t) => t.type === 'float16' && t.values);
    expect(half.length).toBeGreaterThan(0);
    for (const t of half) {
      expect(t.values!.length).toBe(t.shape.reduce((a, b) => a * b, 1));
      for (const v of t.values!) expect(Number.isFinite(v)).toBe(true);
    }
    expect(half[0]!.values![0]).toBeCloseTo(0.01, 4);

    const int8 = load('mobilenetv2_int8.tflite.gz').subgraphs[0]!;
    const input = int8.tensors[int8.inputs[0]!]!;
    expect(input.quantization).toEqual({ scale: [expect.closeTo(1 / 255, 6)], zeroPoint: [-128], axis: 0 });
    expect(input.shapeSignature).toEqual([-1, 224, 224, 3]);
    const conv = int8.operators.find((o) => o.opcode === 'CONV_2D')!;
    const weights = int8.tensors[conv.inputs[1]!]!;
    expect(weights.type).toBe('int8');
    expect(weights.quantization!.scale.length).toBe(weights.shape[0]);
    expect(weights.values).toBeDefined(); // 32x3x3x3 = 864 elements

    const person = load('person_detect.tflite.gz').subgraphs[0]!;
    expect(person.tensors.some((t) => t.quantization?.axis === 3)).toBe(true);
  });

  it('never reads the weight payloads', () => {
    const bytes = gunzipSync(readFileSync('test/fixtures/models-tflite/mobilenetv2_fp32.tflite.gz'));
    const inner = bufferSource(bytes);
    let read = 0;
    const counting: ByteSource = {
      size: inner.size,
      read: (offset, length) => {
        read += length;
        return inner.read(offset, length);
      },
      close: () => inner.close(),
    };
    const m = decodeTfliteSource(counting, 'mobilenetv2_fp32.tflite');
    expect(m.subgraphs[0]!.operators.length).toBe(65);
    expect(read).toBeLessThan(bytes.length * 0.1); // 2.4% with 1 KiB pages
  });
});

describe('decodeTflite on built models', () => {
  const code = (name: string) => enumNumber('BuiltinOperator', name);

  it('applies the builtin_code / deprecated_builtin_code rule and names unknown codes', () => {
    const model: Obj = {
      ...chainModel(4),
      operator_codes: [
        { deprecated_builtin_code: 3 }, // old file: the one-byte field only
        { builtin_code: code('GELU'), deprecated_builtin_code: 127 },
        { builtin_code: 250, deprecated_builtin_code: 127, version: 2 },
        {
          builtin_code: code('CUSTOM'),
          deprecated_builtin_code: 32,
          custom_code: 'Convolution2DTransposeBias',
        },
      ],
    };
    const sub = (model.subgraphs as Obj[])[0]!;
    const operators = (sub.operators as Obj[]).map((o, i) => ({ ...o, opcode_index: i }));
    const m = decodeTfliteBytes(
      buildTflite({ ...model, subgraphs: [{ ...sub, operators }] }),
      'codes.tflite',
    );
    expect(m.subgraphs[0]!.operators.map((o) => [o.opcode, o.customCode, o.version])).toEqual([
      ['CONV_2D', undefined, 1],
      ['GELU', undefined, 1],
      ['BUILTIN_250', undefined, 2],
      ['CUSTOM', 'Convolution2DTransposeBias', 1],
    ]);
  });

  it('reads builtin_options_2 when builtin_options is NONE, and all-default options tables', () => {
    const model = chainModel(2, 'STABLEHLO_CONCATENATE');
    const sub = (model.subgraphs as Obj[])[0]!;
    const ops = sub.operators as Obj[];
    const operators = [
      { ...ops[0], builtin_options_2: { type: 'StablehloConcatenateOptions', value: { dimension: 3 } } },
      { ...ops[1], builtin_options: { type: 'Conv2DOptions', value: {} } },
    ];
    const m = decodeTfliteBytes(buildTflite({ ...model, subgraphs: [{ ...sub, operators }] }), 'opts.tflite');
    const [a, b] = m.subgraphs[0]!.operators;
    expect(a!.optionsType).toBe('StablehloConcatenateOptions');
    expect(a!.options).toEqual({ dimension: 3 });
    expect(b!.optionsType).toBe('Conv2DOptions');
    expect(b!.options).toEqual({
      padding: 'SAME',
      stride_w: 0,
      stride_h: 0,
      fused_activation_function: 'NONE',
      dilation_w_factor: 1,
      dilation_h_factor: 1,
      quantized_bias_type: 'FLOAT32',
    });
  });

  it('locates inline and external buffers and decodes small constants of each type', () => {
    const f16 = [0x3c00, 0xc000, 0x7bff, 0x0001]; // 1, -2, 65504, smallest subnormal
    const bytes = (arr: ArrayBufferView) => [...new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength)];
    const consts: [string, number[], number[]][] = [
      ['INT32', [2], bytes(new Int32Array([-7, 9]))],
      ['INT64', [2], bytes(new BigInt64Array([-5n, 2n ** 40n]))],
      ['INT16', [2], bytes(new Int16Array([-300, 300]))],
      ['INT8', [2], bytes(new Int8Array([-1, 1]))],
      ['UINT8', [2], [255, 0]],
      ['BOOL', [3], [1, 0, 1]],
      ['FLOAT32', [1], bytes(new Float32Array([0.5]))],
      ['FLOAT16', [4], bytes(new Uint16Array(f16))],
      ['INT32', [3], bytes(new Int32Array([1, 2]))], // length mismatch: no values
    ];
    const model: Obj = {
      version: 3,
      operator_codes: [{ builtin_code: code('ADD') }],
      subgraphs: [
        {
          tensors: [
            ...consts.map(([type, shape], i) => ({ type, shape, buffer: i + 1, name: `c${i}` })),
            { type: 'FLOAT32', shape: [4], buffer: consts.length + 1, name: 'external' },
          ],
          inputs: [0],
          outputs: [1],
          operators: [{ opcode_index: 0, inputs: [0, -1], outputs: [1] }],
        },
      ],
      buffers: [{}, ...consts.map(([, , data]) => ({ data })), { offset: 4, size: 16 }],
      metadata: [{ name: 'min_runtime_version', buffer: 1 }],
      signature_defs: [{ signature_key: 'sig', subgraph_index: 0, inputs: [{ name: 'x', tensor_index: 0 }] }],
    };
    const m = decodeTfliteBytes(buildTflite(model), 'consts.tflite');
    const t = m.subgraphs[0]!.tensors;
    expect(t.map((x) => x.values)).toEqual([
      [-7, 9],
      [-5, 2 ** 40],
      [-300, 300],
      [-1, 1],
      [255, 0],
      [1, 0, 1],
      [0.5],
      [1, -2, 65504, 2 ** -24],
      undefined,
      [expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)],
    ]);
    expect(m.buffers.at(-1)).toEqual({ offset: 4, length: 16, external: true });
    expect(m.weightBytes).toBe(consts.reduce((s, [, , d]) => s + d.length, 0) + 16);
    expect(m.metadata.get('min_runtime_version')).toBe(1);
    expect(m.signatures).toEqual([
      { key: 'sig', subgraph: 0, inputs: [{ name: 'x', tensor: 0 }], outputs: [] },
    ]);
    expect(m.subgraphs[0]!.operators[0]!.inputs).toEqual([0, -1]);
    expect(halfToNumber(0x7c00)).toBe(Infinity);
    expect(halfToNumber(0x7e00)).toBeNaN();
  });

  it('decodes 100,000 operators without going quadratic', () => {
    const n = 100_000;
    const bytes = buildTflite(chainModel(n));
    const m = decodeTfliteBytes(bytes, 'chain.tflite');
    const ops = m.subgraphs[0]!.operators;
    expect(ops.length).toBe(n);
    expect(m.subgraphs[0]!.tensors.length).toBe(n + 1);
    expect(ops[n - 1]).toMatchObject({ index: n - 1, opcode: 'RELU', inputs: [n - 1], outputs: [n] });
  });
});
