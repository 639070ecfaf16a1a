import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, timeProcess, type BenchRow } from './lib.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const SHIPPED = join(ROOT, 'predictors', 'huawei-p40-pro-cpu');

/**
 * `train` on the shipped kernel CSV (what `npm run predictors` fits the trained default bundle on),
 * whole process. The goal is for a quiet 2-core machine; CPU time over wall time shows how much of the
 * machine the worker threads used. The regressors must be the committed ones, byte for byte.
 */
export function benchTrain(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mec-bench-train-'));
  try {
    const out = join(dir, 'huawei-p40-pro-cpu');
    const data = join(ROOT, 'data', 'deepen2023', 'kernels_cpu.csv');
    const run = timeProcess([
      CLI,
      'train',
      '--data',
      data,
      '--out',
      out,
      '--device',
      'huawei-p40-pro',
      '--processor',
      'cpu',
    ]);
    if (run.status !== 0) throw new Error(`train benchmark failed: ${run.stderr}`);
    const models = readdirSync(SHIPPED).filter((f) => f.endsWith('.onnx'));
    const same = models.filter((f) => readFileSync(join(out, f)).equals(readFileSync(join(SHIPPED, f))));
    const rows = readFileSync(data, 'utf8').trim().split('\n').length - 1;
    const wallS = run.ms / 1000;
    const cpuS = run.cpuMs / 1000;
    return Promise.resolve([
      {
        what: `train on the shipped ${rows}-kernel CSV (nested 5-fold, tuned GBDT), whole process, ${availableParallelism()} cores; regressors identical to predictors/ (${same.length} of ${models.length})`,
        goal: '< 90 s on 2 cores, same bundle',
        measured: `${wallS.toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU (${(cpuS / wallS).toFixed(1)} cores busy)`,
        pass: wallS < 90 && same.length === models.length,
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
