import { analyzeBytes } from '../src/analysis/analyze.js';
import { defaultPredictorsDir } from '../src/compare/bundles.js';
import { ModelBuilder } from '../src/onnx/builder.js';
import { DataType } from '../src/onnx/types.js';
import { loadBundles } from '../src/predict/bundle.js';
import { predictTargets } from '../src/predict/predictor.js';
import { SessionPool } from '../src/predict/session.js';
import { median, medianMs, timeProcess, type BenchRow } from './lib.js';

/** A 202-kernel model: 100 depthwise-separable blocks at 14x14x128 with varied kernel sizes, GAP and FC. */
function twoHundredKernels(): Uint8Array {
  const b = new ModelBuilder({ opset: 13 });
  let x = b.input('x', DataType.FLOAT, [1, 128, 14, 14]);
  for (let i = 0; i < 100; i++) {
    const k = [3, 5, 7][i % 3]!;
    const p = Math.floor(k / 2);
    x = b.node('Relu', [
      b.node('Conv', [x, b.weight(`dw${i}`, [128, 1, k, k])], {
        group: 128,
        kernel_shape: [k, k],
        pads: [p, p, p, p],
      }),
    ]);
    x = b.node('Relu', [
      b.node('Conv', [x, b.weight(`pw${i}`, [128, 128, 1, 1]), b.weight(`pb${i}`, [128])], {
        kernel_shape: [1, 1],
      }),
    ]);
  }
  const flat = b.node('Flatten', [b.node('GlobalAveragePool', [x])]);
  b.output(b.node('Gemm', [flat, b.weight('fc', [1000, 128]), b.weight('fcb', [1000])], { transB: 1 }));
  return b.encode();
}

export async function benchPredict(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = defaultPredictorsDir();
  // Cold load in a fresh process: manifests validated, every regressor's ONNX session created.
  const script = `
    const { loadBundles } = await import(${JSON.stringify(new URL('../src/predict/bundle.ts', import.meta.url).href)});
    const { SessionPool } = await import(${JSON.stringify(new URL('../src/predict/session.ts', import.meta.url).href)});
    const t0 = performance.now();
    const bundles = loadBundles(${JSON.stringify(dir)});
    const t1 = performance.now();
    const pool = new SessionPool();
    const files = new Set(bundles.flatMap((b) => [...b.regressors.values(), b.others].map((r) => r.modelFile)));
    await Promise.all([...files].map((f) => pool.get(f)));
    const t2 = performance.now();
    console.log(JSON.stringify({ bundles: bundles.length, files: files.size, manifestsMs: t1 - t0, totalMs: t2 - t0 }));`;
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const r = timeProcess(['--import', 'tsx', '--input-type=module', '-e', script]);
    if (r.status !== 0) throw new Error(`bundle load benchmark failed: ${r.stderr}`);
    loads.push(
      JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
        bundles: number;
        files: number;
        manifestsMs: number;
        totalMs: number;
      },
    );
  }
  const load = median(loads.map((l) => l.totalMs));
  rows.push({
    what: `load all ${loads[0]!.bundles} default bundles: validate manifests and create the ${loads[0]!.files} onnxruntime sessions (fresh process, median of 5)`,
    goal: '< 500 ms',
    measured: `${load.toFixed(0)} ms (manifests alone ${median(loads.map((l) => l.manifestsMs)).toFixed(0)} ms)`,
    pass: load < 500,
  });

  const bundles = loadBundles(dir);
  const analysis = await analyzeBytes(twoHundredKernels(), 'bench/200-kernels.onnx');
  const pool = new SessionPool();
  await predictTargets(bundles, analysis.kernels, { pool });
  const ms = await medianMs(() => predictTargets(bundles, analysis.kernels, { pool }), 30, 5);
  rows.push({
    what: `predict a ${analysis.kernels.length}-kernel model on all ${bundles.length} targets, bundles loaded (median of 30)`,
    goal: '< 50 ms',
    measured: `${ms.toFixed(1)} ms`,
    pass: ms < 50,
  });
  return rows;
}
