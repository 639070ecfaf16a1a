import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeBytes, analyzeFile } from '../../src/analysis/analyze.js';
import { readModelBuffer, readModelFile } from '../../src/analysis/read.js';
import { defaultPredictorsDir } from '../../src/compare/bundles.js';
import { loadBundles } from '../../src/predict/bundle.js';
import { predictTargets } from '../../src/predict/predictor.js';
import { FIXTURES } from '../helpers/fixtures.js';

const TFLITE_DIR = join(FIXTURES, 'models-tflite');
interface TfliteReference {
  readonly macs?: number;
  readonly network?: string;
  readonly precision?: string;
  readonly onnx_params?: number;
  readonly op_counts: Record<string, number>;
}
const REFERENCE = JSON.parse(readFileSync(join(TFLITE_DIR, 'reference.json'), 'utf8')) as Record<
  string,
  TfliteReference
>;
const MICRO_REFERENCE = JSON.parse(
  readFileSync(join(TFLITE_DIR, 'tflite-micro', 'reference.json'), 'utf8'),
) as Record<string, unknown>;
const path = (file: string) => join(TFLITE_DIR, file);

/** The precision reference.json names each conversion with, as the analysis labels it. */
const EXPECTED_PRECISION: Record<string, string> = {
  fp32: 'fp32',
  fp16: 'fp16',
  dynamic_int8: 'int8-dynamic',
  int8: 'int8',
};

describe('TFLite models: the same analysis as ONNX', () => {
  const withMacs = Object.entries(REFERENCE).filter(([, r]) => r.macs !== undefined);
  it.each(withMacs)('%s: MACs within 1%% of the independently counted reference', async (file, ref) => {
    const a = await analyzeFile(path(file));
    // Exact, the LSTM's ONNX export too: its step 0 multiplies an all-zero initial state, sized by the
    // symbolic batch dim, by R, which a runtime computes at each inference (the batch is not known
    // when the model is loaded), as TFLite's loop does.
    expect(a.totals.macs).toBe(ref.macs!);
    // Parameters: the ONNX exports' initializer elements as reference.json counts them, plus the
    // scalars (hard-swish's 3 and 6) the export holds in Constant nodes that kernels read: a few
    // elements. (Keras' own count includes the BatchNorm statistics the TFLite converter folds away,
    // so it is no reference for the .tflite files.)
    if (ref.onnx_params !== undefined) {
      expect(a.totals.params).toBeGreaterThanOrEqual(ref.onnx_params);
      expect(a.totals.params - ref.onnx_params).toBeLessThanOrEqual(ref.op_counts.Constant ?? 0);
    }
    // Every operator is a kernel, folded, or named in a warning: none is lost.
    expect(a.kernels.length).toBeGreaterThan(0);
  });

  const ALL_FILES = [
    ...Object.keys(REFERENCE),
    ...Object.keys(MICRO_REFERENCE).map((f) => `tflite-micro/${f}`),
  ];
  const bundles = loadBundles(defaultPredictorsDir());
  it.each(ALL_FILES)(
    '%s: every operator accounted for (a kernel or folded), priced on all 16 default targets',
    async (file) => {
      const a = await analyzeFile(path(file));
      const ir = await readModelFile(path(file));
      const inKernels = a.kernels.reduce((sum, k) => sum + k.nodes.length, 0);
      expect(inKernels + a.folded.length).toBe(ir.graph.nodes.length);
      const predictions = await predictTargets(bundles, a.kernels);
      expect(predictions).toHaveLength(16);
      for (const p of predictions) expect(p.energyMj, p.bundle).toBeGreaterThan(0);
    },
  );

  it('fp16 weights are priced on the CPU as the fp32 original (dequantized when loaded), shared weight buffers too', async () => {
    // These files share weight buffers between layers (every weight is one constant): a shared weight
    // counts once in the model's params, yet every kernel that reads it moves its bytes.
    const cpu = bundles.filter((b) => b.manifest.id === 'huawei-p40-pro-cpu');
    const priced = async (file: string) => {
      const a = await analyzeFile(path(file));
      const [p] = await predictTargets(cpu, a.kernels);
      return { p: p!, shared: a.kernels.filter((k) => 4 * k.params < k.weightBytes).length };
    };
    const fp32 = await priced('mobilenetv2_fp32.tflite.gz');
    const fp16 = await priced('mobilenetv2_fp16.tflite.gz');
    expect(fp16.shared).toBeGreaterThan(0);
    expect(fp16.p.kernels.map((k) => k.energyMj?.toPrecision(4))).toEqual(
      fp32.p.kernels.map((k) => k.energyMj?.toPrecision(4)),
    );
    expect(fp16.p.coverage.extrapolatedShare).toBe(fp32.p.coverage.extrapolatedShare);
  });

  it.each(Object.entries(REFERENCE).filter(([f]) => f.includes('.tflite')))(
    '%s: precision as converted',
    async (file, ref) => {
      const a = await analyzeFile(path(file));
      expect(a.model.format).toBe('tflite');
      // Most of the work is in the converted precision; dynamic range leaves layers with tiny weight
      // tensors (the 3-channel stem) in fp32, as TensorFlow's converter does below 1,024 weights.
      expect(a.precision.shares[0]!.precision).toBe(EXPECTED_PRECISION[ref.precision!]);
      expect(a.precision.shares[0]!.share).toBeGreaterThan(0.8);
    },
  );

  it.each(['mobilenetv2', 'mobilenetv3small'])(
    '%s: the TFLite file and its ONNX twin (a Keras export: Transposes around each conv, BN as elementwise ops) give the same compute kernels',
    async (net) => {
      const tfl = await analyzeFile(path(`${net}_fp32.tflite.gz`));
      const onnx = await analyzeFile(path(`${net}_fp32.onnx.gz`));
      const compute = (kernels: typeof tfl.kernels) =>
        kernels
          .filter((k) => ['conv-bn-relu', 'dwconv-bn-relu', 'fc', 'se'].includes(k.type))
          .map((k) => `${k.type} ${JSON.stringify(k.config)}`)
          .sort();
      expect(compute(onnx.kernels)).toEqual(compute(tfl.kernels));
      expect(Math.abs(onnx.totals.macs - tfl.totals.macs) / tfl.totals.macs).toBeLessThan(0.01);
      // The layout Transposes and same-type Casts of the export are folded, not priced as kernels.
      expect(onnx.kernels.length).toBeLessThanOrEqual(tfl.kernels.length + 2);
    },
  );

  it('MobileNetV3Small: hard-swish, squeeze-excite with the converter-folded hard sigmoid', async () => {
    const a = await analyzeFile(path('mobilenetv3small_fp32.tflite.gz'));
    expect(a.kernels.filter((k) => k.type === 'se')).toHaveLength(9);
    expect(a.kernels.some((k) => k.variant.activation === 'hswish')).toBe(true);
  });

  it('an LSTM converted to a WHILE loop is unrolled by its static trip count, weights counted once', async () => {
    const a = await analyzeFile(path('lstm_tiny_fp32.tflite.gz'));
    expect(a.totals.macs).toBe(REFERENCE['lstm_tiny_fp32.tflite.gz']!.macs);
    expect(a.warnings).toContainEqual(
      expect.stringMatching(
        /\(body subgraph \d+, 19 ops; condition subgraph \d+, 3 ops, not priced\): unrolled 50 times/,
      ),
    );
    expect(a.totals.params).toBeLessThan(30_000);
  });

  it('the LSTM and its ONNX twin: the same recurrent kernels, one per step, step 0 included', async () => {
    const tfl = await analyzeFile(path('lstm_tiny_fp32.tflite.gz'));
    const onnx = await analyzeFile(path('lstm_tiny_fp32.onnx.gz'));
    const recurrent = (kernels: typeof tfl.kernels) =>
      kernels.filter((k) => k.type === 'fc' && k.config.CIN === 64 && k.config.COUT === 256).length;
    expect(recurrent(tfl.kernels)).toBe(50);
    expect(recurrent(onnx.kernels)).toBe(50);
    // The input projection differs in form only: TFLite runs 50 [1,40]x[40,256] steps, the ONNX export
    // one [50,40]x[40,256] product; the work is the same.
    const projection = (kernels: typeof tfl.kernels) =>
      kernels.filter((k) => k.type === 'fc' && k.config.CIN === 40).reduce((s, k) => s + k.macs, 0);
    expect(projection(onnx.kernels)).toBe(projection(tfl.kernels));
    expect(onnx.totals.macs).toBe(tfl.totals.macs);
  });

  it.each([
    'tflite-micro/person_detect.tflite.gz',
    'tflite-micro/trained_lstm_int8.tflite.gz',
    'tflite-micro/keyword_scrambled_8bit.tflite.gz',
    'tflite-micro/hello_world_int8.tflite.gz',
    'tflite-micro/transpose_conv0.tflite.gz',
  ])('%s (tflite-micro, INT8/INT16) analyses', async (file) => {
    const a = await analyzeFile(path(file));
    expect(a.kernels.length).toBeGreaterThan(0);
    expect(a.totals.macs).toBeGreaterThan(0);
    expect(['int8', 'int16x8', 'mixed']).toContain(a.precision.label);
  });
});

describe('quantized ONNX', () => {
  it('Q/DQ nodes are folded into the kernels they feed, and those kernels are int8', async () => {
    const { qdqModel } = await import('../helpers/qdq.js');
    const a = await analyzeBytes(qdqModel(), 'qdq.onnx');
    expect(a.folded.filter((f) => f.reason === 'quantization').length).toBeGreaterThan(0);
    expect(a.kernels.map((k) => `${k.type}:${k.precision}`)).toEqual([
      'conv-bn-relu:int8',
      'global-avgpool:int8',
      'fc:int8',
    ]);
  });

  it('a QDQ kernel moves the int8 tensors around its Dequantize/Quantize steps, as the QOperator form does', async () => {
    const { qdqModel, qlinearModel } = await import('../helpers/qdq.js');
    const qdq = await analyzeBytes(qdqModel(), 'qdq.onnx');
    const qop = await analyzeBytes(qlinearModel(), 'qlinear.onnx');
    // conv 3x3 3->32 + ReLU at 56x56: a uint8 input, int8 weights, a 4-byte bias, a uint8 output.
    const conv = 3 * 56 * 56 + 32 * 3 * 3 * 3 + 4 * 32 + 32 * 56 * 56;
    const pool = 32 * 56 * 56 + 32;
    expect(qdq.kernels.slice(0, 2).map((k) => k.bytes)).toEqual([conv, pool]);
    expect(qop.kernels.slice(0, 2).map((k) => k.bytes)).toEqual([conv, pool]);
  });

  it('QLinearConv and QLinearMatMul are read as int8 Conv and MatMul', async () => {
    const { qlinearModel } = await import('../helpers/qdq.js');
    const a = await analyzeBytes(qlinearModel(), 'qlinear.onnx');
    expect(a.kernels.map((k) => `${k.type}:${k.precision}`)).toEqual([
      'conv-bn-relu:int8',
      'global-avgpool:int8',
      'fc:int8',
    ]);
    expect(a.totals.macs).toBeGreaterThan(0);
  });
});

describe('the reading seam', () => {
  const dir = mkdtempSync(join(tmpdir(), 'formats-'));
  const write = (name: string, bytes: Uint8Array | string) => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };

  it('sniffs TFLite by its bytes, not its name (gzip too)', async () => {
    const bytes = gunzipSync(readFileSync(path('mobilenetv2_int8.tflite.gz')));
    const a = await analyzeFile(write('model.bin', bytes));
    expect(a.model.format).toBe('tflite');
    expect((await readModelBuffer(gzipSync(bytes), 'x.gz')).format).toBe('tflite');
  });

  it.each([
    ['model.pt', Buffer.from('PK\x03\x04archive/data.pkl', 'latin1'), /PyTorch .*torch\.onnx\.export/],
    ['model.pth', Buffer.from([0x80, 0x02, 0x7d, 0x71]), /pickle .*torch\.onnx\.export/],
    ['model.h5', Buffer.from('\x89HDF\r\n\x1a\n\0\0\0', 'latin1'), /Keras HDF5 .*TFLiteConverter/],
    ['model.keras', Buffer.from('PK\x03\x04config.json', 'latin1'), /Keras \.keras .*TFLiteConverter/],
    ['saved_model.pb', Buffer.from([0x08, 0x01, 0x12, 0x00]), /SavedModel.*from_saved_model/],
    ['model.mlmodel', Buffer.from([0x08, 0x04, 0x12, 0x00]), /Core ML/],
    ['model.pte', Buffer.from('\0\0\0\0ET12\0\0\0\0', 'latin1'), /ExecuTorch/],
    [
      'model.tflite',
      'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n',
      /Git LFS pointer.*lfs: true/,
    ],
  ])('%s: one line naming the format and the way to a supported file', async (name, bytes, message) => {
    const p = write(name, bytes);
    const error = await analyzeFile(p).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message.startsWith(p)).toBe(true);
    expect(error?.message).not.toMatch(/\n|wire type|protobuf/);
  });

  it('a corrupt TFLite file is a one-line error naming the file', async () => {
    const bytes = gunzipSync(readFileSync(path('mobilenetv2_fp32.tflite.gz')));
    const p = write('cut.tflite', bytes.subarray(0, 4000));
    await expect(analyzeFile(p)).rejects.toThrow(/cut\.tflite: corrupt TFLite flatbuffer/);
  });
});
