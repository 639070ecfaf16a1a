/**
 * Real-world TFLite models: Google's MediaPipe solutions, as published on npm and pinned exactly in
 * package.json's devDependencies:
 *
 *   @mediapipe/face_detection@0.4.1657300184       license Apache-2.0
 *   @mediapipe/selfie_segmentation@0.1.1675465747  license Apache-2.0
 *   @mediapipe/hands@0.4.1675469240                license Apache-2.0
 *   @mediapipe/pose@0.5.1675469404                 license Apache-2.0
 *
 * (the licence is each package.json's `license` field). The models are every `.tflite` file in those
 * packages' folders under node_modules, plus the `.tflite` files packed into a package's
 * `*_solution_packed_assets.data` (hands: palm detection, full and lite; pose: pose detection), sliced
 * out by the start/end offsets that its `*_solution_packed_assets_loader.js` lists. Nothing is copied
 * into the repository.
 *
 * The models are converted with fp16 weights (DEQUANTIZE to fp32), two are sparse (DENSIFY), and the
 * selfie segmentation models use MediaPipe's custom op Convolution2DTransposeBias.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBytes, analyzeFile, type ModelAnalysis } from '../../src/analysis/analyze.js';
import { readModelBuffer } from '../../src/analysis/read.js';
import { defaultPredictorsDir } from '../../src/compare/bundles.js';
import type { ModelIR } from '../../src/onnx/types.js';
import { loadBundles } from '../../src/predict/bundle.js';
import { predictTargets } from '../../src/predict/predictor.js';
import { SessionPool } from '../../src/predict/session.js';

const MEDIAPIPE = join(import.meta.dirname, '..', '..', 'node_modules', '@mediapipe');
const PACKAGES = ['face_detection', 'selfie_segmentation', 'hands', 'pose'] as const;

interface MediaPipeModel {
  /** `<package>/<file>`, or `<package>/<packed path>` for a model sliced out of the packed assets. */
  readonly name: string;
  /** The file on disk, for the models that are files of their own (analysed with analyzeFile). */
  readonly file?: string;
  readonly bytes: Uint8Array;
}

/** The file list of an Emscripten packed-assets loader: `{"filename": ..., "start": ..., "end": ...}`. */
function packedFiles(loader: string): { filename: string; start: number; end: number }[] {
  const list = /"files":\s*(\[[^\]]*\])/.exec(loader);
  if (!list) throw new Error('no "files" list in the packed-assets loader');
  return JSON.parse(list[1]!) as { filename: string; start: number; end: number }[];
}

function mediapipeModels(): MediaPipeModel[] {
  const models: MediaPipeModel[] = [];
  for (const pkg of PACKAGES) {
    const dir = join(MEDIAPIPE, pkg);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.tflite')) {
        const file = join(dir, name);
        models.push({ name: `${pkg}/${name}`, file, bytes: readFileSync(file) });
      }
      if (name.endsWith('_packed_assets_loader.js')) {
        const data = readFileSync(join(dir, name.replace(/_loader\.js$/, '.data')));
        for (const f of packedFiles(readFileSync(join(dir, name), 'utf8'))) {
          if (!f.filename.endsWith('.tflite')) continue;
          if (f.end > data.length) throw new Error(`${name}: ${f.filename} ends past the .data file`);
          models.push({ name: `${pkg}${f.filename}`, bytes: data.subarray(f.start, f.end) });
        }
      }
    }
  }
  return models;
}

const MODELS = mediapipeModels();

/** Analyses and IRs, computed once per model (the predictions reuse them). */
const analysed = new Map<string, Promise<{ analysis: ModelAnalysis; ir: ModelIR }>>();
function analyse(m: MediaPipeModel): Promise<{ analysis: ModelAnalysis; ir: ModelIR }> {
  let result = analysed.get(m.name);
  if (!result) {
    result = (async () => ({
      analysis: m.file ? await analyzeFile(m.file) : await analyzeBytes(m.bytes, m.name),
      ir: await readModelBuffer(m.bytes, m.file ?? m.name),
    }))();
    analysed.set(m.name, result);
  }
  return result;
}

/** What a custom op's node turns into, for the one MediaPipe custom op these models use. */
const CUSTOM = 'CUSTOM:Convolution2DTransposeBias';

describe('MediaPipe TFLite models (npm @mediapipe/*, Apache-2.0)', () => {
  it('finds every model: the .tflite files and the ones packed into the assets', () => {
    expect(MODELS.map((m) => m.name)).toEqual([
      'face_detection/face_detection_full_range.tflite',
      'face_detection/face_detection_full_range_sparse.tflite',
      'face_detection/face_detection_short_range.tflite',
      'selfie_segmentation/selfie_segmentation.tflite',
      'selfie_segmentation/selfie_segmentation_landscape.tflite',
      'hands/hand_landmark_full.tflite',
      'hands/hand_landmark_lite.tflite',
      'hands/third_party/mediapipe/modules/palm_detection/palm_detection_full.tflite',
      'hands/third_party/mediapipe/modules/palm_detection/palm_detection_lite.tflite',
      'pose/pose_landmark_full.tflite',
      'pose/pose_landmark_heavy.tflite',
      'pose/pose_landmark_lite.tflite',
      'pose/third_party/mediapipe/modules/pose_detection/pose_detection.tflite',
    ]);
    // A slice that is not a whole TFLite file would not carry the identifier at byte 4.
    for (const m of MODELS) expect(Buffer.from(m.bytes.subarray(4, 8)).toString('latin1')).toBe('TFL3');
  });

  it.each(MODELS.map((m) => [m.name, m] as const))(
    '%s: analysed, every operator a kernel node or folded',
    async (_name, m) => {
      const { analysis: a, ir } = await analyse(m);
      expect(a.model.format).toBe('tflite');
      expect(a.kernels.length).toBeGreaterThan(0);
      expect(a.totals.macs).toBeGreaterThan(0);
      expect(Number.isFinite(a.totals.macs)).toBe(true);

      const inKernels = a.kernels.reduce((s, k) => s + k.nodes.length, 0);
      expect(inKernels + a.folded.length).toBe(ir.graph.nodes.length);
      // ...and each node exactly once: no node in two kernels, none both fused and folded.
      const seen = [...a.kernels.flatMap((k) => k.nodes), ...a.folded.map((f) => f.node)];
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(ir.graph.nodes.map((n) => n.name)));

      // An operator the analyser has no rule for (kept in a 'tflite' domain) is named in a warning.
      const unknown = new Set(
        ir.graph.nodes.filter((n) => n.domain.startsWith('tflite')).map((n) => n.opType),
      );
      for (const op of unknown) expect(a.warnings.some((w) => w.includes(op))).toBe(true);
    },
  );

  it('the custom op Convolution2DTransposeBias is a transposed conv, priced as conv-bn-relu, no warning', async () => {
    const seen: string[] = [];
    for (const m of MODELS) {
      const { analysis: a, ir } = await analyse(m);
      const custom = ir.graph.nodes.filter(
        (n) => n.sourceOp?.startsWith('CUSTOM:') || n.domain === 'tflite.custom',
      );
      for (const node of custom) {
        seen.push(`${m.name}: ${node.sourceOp ?? node.opType}`);
        expect(node.sourceOp).toBe(CUSTOM);
        expect(node.opType).toBe('ConvTranspose');
        const kernel = a.kernels.find((k) => k.nodes.includes(node.name))!;
        expect(kernel.type).toBe('conv-bn-relu');
        // 2x2 stride-2 upsampling of 16 channels to 1: input H x W x 16 x 1 x 2 x 2 MACs.
        const { H, W, CIN, COUT, KERNEL_SIZE, STRIDES } = kernel.config as Record<string, number>;
        expect([CIN, COUT, KERNEL_SIZE, STRIDES]).toEqual([16, 1, 2, 2]);
        expect(kernel.macs).toBe(H! * W! * CIN! * COUT! * KERNEL_SIZE! * KERNEL_SIZE!);
        expect(a.warnings.filter((w) => w.includes('Convolution2DTransposeBias'))).toEqual([]);
      }
    }
    expect(seen).toEqual([
      `selfie_segmentation/selfie_segmentation.tflite: ${CUSTOM}`,
      `selfie_segmentation/selfie_segmentation_landscape.tflite: ${CUSTOM}`,
    ]);
  });

  describe('predicted on the 16 default bundles', () => {
    const pool = new SessionPool();
    afterAll(() => pool.release());
    const bundles = loadBundles(defaultPredictorsDir());

    it('there are 16', () => {
      expect(bundles).toHaveLength(16);
    });

    it.each(MODELS.map((m) => [m.name, m] as const))(
      '%s: every target a finite positive energy',
      async (_name, m) => {
        const { analysis } = await analyse(m);
        const predictions = await predictTargets(bundles, analysis.kernels, { pool });
        expect(predictions.map((p) => p.bundle)).toEqual(bundles.map((b) => b.manifest.id));
        for (const p of predictions) {
          expect(Number.isFinite(p.energyMj), `${p.bundle}: ${p.energyMj}`).toBe(true);
          expect(p.energyMj, p.bundle).toBeGreaterThan(0);
        }
      },
    );
  });
});
