import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../src/analysis/analyze.js';
import { ModelBuilder } from '../src/onnx/builder.js';
import { DataType } from '../src/onnx/types.js';
import { modelBytes } from '../test/helpers/fixtures.js';
import { ROOT, medianMs, timeProcess, type BenchRow } from './lib.js';

const WORK = join(ROOT, '.tmp', 'bench');
const CLI = join(ROOT, 'dist', 'cli.js');

/** A 1 GiB model: 16 MatMul layers of 4096x4096 float32 weights (64 MiB each), made once and cached. */
function weightsModel(): string {
  const path = join(WORK, 'weights-1gib.onnx');
  if (existsSync(path) && statSync(path).size > 2 ** 30) return path;
  const b = new ModelBuilder({ opset: 13 });
  let x = b.input('x', DataType.FLOAT, [1, 4096]);
  for (let i = 0; i < 16; i++) {
    const w = b.weight(`w${i}`, [4096, 4096]);
    x = b.node('Relu', [b.node('MatMul', [x, w])]);
  }
  b.output(x);
  writeFileSync(path, b.encode());
  return path;
}

function plainFixture(name: string): string {
  const path = join(WORK, `${name}.onnx`);
  if (!existsSync(path)) writeFileSync(path, modelBytes(name));
  return path;
}

export async function benchAnalysis(): Promise<BenchRow[]> {
  mkdirSync(WORK, { recursive: true });
  const big = weightsModel();
  const resnet = plainFixture('resnet18');
  const rows: BenchRow[] = [];

  const warm = await medianMs(() => analyzeFile(resnet), 50, 10);
  rows.push({
    what: 'analyze resnet18 in process, after warm-up (median of 50)',
    goal: '< 20 ms',
    measured: `${warm.toFixed(1)} ms`,
    pass: warm < 20,
  });

  const cli = (file: string) => timeProcess([CLI, 'analyze', '--json', file]);
  const resnetRuns = Array.from({ length: 5 }, () => cli(resnet));
  const resnetMs = Math.min(...resnetRuns.map((r) => r.ms));
  const failed = resnetRuns.find((r) => r.status !== 0);
  if (failed) throw new Error(`analyze resnet18 failed: ${failed.stderr}`);
  rows.push({
    what: 'whole `analyze --json` process on resnet18 (best of 5)',
    goal: '< 0.5 s',
    measured: `${(resnetMs / 1000).toFixed(3)} s`,
    pass: resnetMs < 500,
  });

  const bigRuns = Array.from({ length: 3 }, () => cli(big));
  const bad = bigRuns.find((r) => r.status !== 0);
  if (bad) throw new Error(`analyze 1 GiB model failed: ${bad.stderr}`);
  const bigMs = Math.min(...bigRuns.map((r) => r.ms));
  const bigRss = Math.max(...bigRuns.map((r) => r.maxRssBytes));
  const size = statSync(big).size;
  rows.push({
    what: `whole \`analyze --json\` process on a model with ${(size / 2 ** 30).toFixed(2)} GiB of initializers (best of 3)`,
    goal: '< 1 s',
    measured: `${(bigMs / 1000).toFixed(3)} s`,
    pass: bigMs < 1000,
  });
  rows.push({
    what: 'peak RSS of that process (max of 3)',
    goal: '< 250 MB',
    measured: `${(bigRss / 1e6).toFixed(0)} MB`,
    pass: bigRss < 250e6,
  });

  const smallRss = Math.max(...resnetRuns.map((r) => r.maxRssBytes));
  rows.push({
    what: 'analysis time does not grow with weight bytes: 1 GiB model vs resnet18 (45 MB) process time',
    goal: 'ratio < 2',
    measured: `${(bigMs / resnetMs).toFixed(2)}x (RSS ${(bigRss / 1e6).toFixed(0)} vs ${(smallRss / 1e6).toFixed(0)} MB)`,
    pass: bigMs / resnetMs < 2,
  });
  return rows;
}
