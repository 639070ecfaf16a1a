import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { NoMeter, formatStability, measureKernels, sampleKernels } from '../src/measure/index.js';
import { modelBytes } from '../test/helpers/fixtures.js';
import { residualChainModel } from '../test/helpers/scale-model.js';
import { ROOT, median, timeProcess, type BenchRow, type ProcessRun } from './lib.js';

const WORK = join(ROOT, '.tmp', 'bench');
const CLI = join(ROOT, 'dist', 'cli.js');

/**
 * Issue 15: measurements that survive a busy machine, 10^6-node models, and a cold start near node's.
 */
export async function benchReliability(): Promise<BenchRow[]> {
  mkdirSync(WORK, { recursive: true });
  return [...(await stability()), ...scale(), ...coldStart()];
}

/** 50 conv and dwconv kernels of MobileNet-like sizes (1-10 ms each on one thread). */
function fiftyKernels() {
  return sampleKernels({
    types: ['conv-bn-relu', 'dwconv-bn-relu'],
    count: 25,
    seed: 15,
    ranges: {
      'conv-bn-relu': {
        HW: { kind: 'choice', values: [7, 14, 28] },
        CIN: { kind: 'int', min: 16, max: 256 },
        COUT: { kind: 'int', min: 16, max: 256 },
        KERNEL_SIZE: { kind: 'choice', values: [1, 3] },
        STRIDES: { kind: 'choice', values: [1] },
      },
      'dwconv-bn-relu': {
        HW: { kind: 'choice', values: [14, 28, 56] },
        CIN: { kind: 'int', min: 16, max: 512 },
        KERNEL_SIZE: { kind: 'choice', values: [3, 5] },
        STRIDES: { kind: 'choice', values: [1] },
      },
    },
  }).kernels;
}

/** Median over kernels of |a - b| / mean(a, b) between two runs' latencies. */
async function twoRuns(label: string): Promise<{ median: number; line: string }> {
  const kernels = fiftyKernels();
  const runs = [];
  for (const i of [1, 2]) {
    const out = join(WORK, `stability-${label}-${i}.csv`);
    rmSync(out, { force: true });
    runs.push(await measureKernels({ kernels, out, meter: new NoMeter() }));
  }
  const [a, b] = runs as [
    Awaited<ReturnType<typeof measureKernels>>,
    Awaited<ReturnType<typeof measureKernels>>,
  ];
  const second = new Map(b.rows.map((r) => [r.kernelId, r.latencyMs]));
  const diffs = a.rows.map((r) => {
    const other = second.get(r.kernelId)!;
    return Math.abs(r.latencyMs - other) / ((r.latencyMs + other) / 2);
  });
  const load = a.rows[0]?.loadAverage;
  const where = load === undefined ? '' : `, load average ${load.toFixed(1)} at the start`;
  return { median: median(diffs), line: `${formatStability(a.stability)}${where}` };
}

function hogs(): ChildProcess[] {
  return [0, 1].map(() => spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
}

async function stability(): Promise<BenchRow[]> {
  const quiet = await twoRuns('quiet');
  const busy = hogs();
  let loaded: { median: number; line: string };
  try {
    loaded = await twoRuns('loaded');
  } finally {
    for (const h of busy) h.kill();
  }
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    {
      what: `two \`measure\` runs of the same 50 kernels (meter none, defaults), median per-kernel latency difference; ${quiet.line}`,
      goal: '< 3%',
      measured: pct(quiet.median),
      pass: quiet.median < 0.03,
    },
    {
      what: `the same with two CPU-bound processes (\`sh -c 'while :; do :; done'\`) beside both runs; ${loaded.line}`,
      goal: '< 15%',
      measured: pct(loaded.median),
      pass: loaded.median < 0.15,
    },
  ];
}

/** The scale model of `nodes` nodes, written once into the bench folder. */
function scaleModel(nodes: number, name: string): string {
  const path = join(WORK, `chain-${name}.onnx`);
  try {
    statSync(path);
  } catch {
    writeFileSync(path, residualChainModel(nodes));
  }
  return path;
}

/**
 * `model-energy analyze` of a file as a whole process, the table printed, best of `runs` by wall time
 * (as the other whole-process rows: a single run also measures whatever else the machine did); fails
 * loudly. Peak RSS is the largest of the runs.
 */
function analyzeProcess(path: string, what: string, runs: number): ProcessRun & { readonly load: number } {
  const load = loadavg()[0]!;
  let best: ProcessRun | undefined;
  let maxRss = 0;
  for (let i = 0; i < runs; i++) {
    const run = timeProcess([CLI, 'analyze', path]);
    if (run.status !== 0) throw new Error(`analyze of the ${what} model failed: ${run.stderr}`);
    maxRss = Math.max(maxRss, run.maxRssBytes);
    if (!best || run.ms < best.ms) best = run;
  }
  return { ...best!, maxRssBytes: maxRss, load };
}

/** Runs of each scale model's process. */
const SCALE_RUNS = 3;

function scale(): BenchRow[] {
  const big = analyzeProcess(scaleModel(1_000_000, '1e6'), '10^6-node', SCALE_RUNS);
  // The same model at a tenth of the size: CPU time per node should not grow with the model.
  const small = analyzeProcess(scaleModel(100_000, '1e5'), '10^5-node', SCALE_RUNS);
  const kernels = /total: (\d+) kernels/.exec(big.stdout)?.[1] ?? '?';
  const growth = big.cpuMs / 1_000_000 / (small.cpuMs / 100_000);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    {
      what: `whole \`analyze\` process on a 10^6-node model (test/helpers/scale-model.ts, ${kernels} kernels), table printed, best of ${SCALE_RUNS}; CPU time ${s(big.cpuMs)}, load average ${big.load.toFixed(1)} at the start`,
      goal: '< 5 s',
      measured: s(big.ms),
      pass: big.ms < 5000,
    },
    {
      what: `peak RSS of that process (max of ${SCALE_RUNS})`,
      goal: '< 1 GB',
      measured: `${(big.maxRssBytes / 1e6).toFixed(0)} MB`,
      pass: big.maxRssBytes < 1e9,
    },
    {
      what: `linear: CPU time per node at 10^6 nodes over that at 10^5 (${s(big.cpuMs)} vs ${s(small.cpuMs)}, ${(small.maxRssBytes / 1e6).toFixed(0)} MB peak RSS at 10^5)`,
      goal: '<= 1.25x',
      measured: `${growth.toFixed(2)}x`,
      pass: growth <= 1.25,
    },
  ];
}

function coldStart(): BenchRow[] {
  const resnet = join(WORK, 'resnet18.onnx');
  writeFileSync(resnet, modelBytes('resnet18'));
  const cache = join(WORK, 'compile-cache');
  rmSync(cache, { recursive: true, force: true });
  const warm = { ...process.env, NODE_COMPILE_CACHE: cache };
  const off = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const commands: [string, string[], NodeJS.ProcessEnv][] = [
    ['node -e 0', ['-e', '0'], process.env],
    ['model-energy --version', [CLI, '--version'], warm],
    ['model-energy analyze resnet18', [CLI, 'analyze', resnet], warm],
    ['the same without the code cache', [CLI, 'analyze', resnet], off],
  ];
  // Interleaved, so that a busy moment falls on all alike; best of 15 each. The first round, not
  // counted, is the one that writes the code cache (src/cli/compile-cache.ts).
  const times = commands.map((): number[] => []);
  for (let i = 0; i < 16; i++) {
    commands.forEach(([, args, env], j) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { stdio: 'ignore', env });
      if (r.status !== 0) throw new Error(`${commands[j]![0]} failed`);
      if (i > 0) times[j]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  const best = times.map((t) => t.reduce((a, b) => Math.min(a, b)));
  const ratio = best[2]! / best[0]!;
  return [
    {
      what:
        `cold start per process, interleaved, best of 15: ${commands.map(([name], j) => `${name} ${best[j]!.toFixed(0)} ms`).join(', ')}` +
        ` (${(best[3]! / best[0]!).toFixed(2)}x; the code cache is written by a command's first run; Node ${process.version})`,
      goal: 'analyze <= 1.6x node',
      measured: `${ratio.toFixed(2)}x`,
      pass: ratio <= 1.6,
    },
  ];
}
