import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { enumNumber, buildTflite } from '../test/tflite/builder.js';
import { FIXTURES } from '../test/helpers/fixtures.js';
import { ROOT, timeProcess, type BenchRow, type ProcessRun } from './lib.js';

const WORK = join(ROOT, '.tmp', 'bench', 'tflite');
const CLI = join(ROOT, 'dist', 'cli.js');
const RUNS = 5;

/** A plain (gunzipped) copy of a fixture in WORK, so inflating gzip is not what is timed. */
function plainFixture(file: string): string {
  const path = join(WORK, file.replace(/\.gz$/, ''));
  if (!existsSync(path)) writeFileSync(path, gunzipSync(readFileSync(join(FIXTURES, 'models-tflite', file))));
  return path;
}

/**
 * A .tflite file of one FULLY_CONNECTED layer, input [1, n] to output [1, n], whose float32 weight
 * buffer is n x n x 4 bytes: the same graph at any weight size. Written once and cached.
 */
function fullyConnectedModel(n: number): string {
  const weightBytes = n * n * 4;
  const path = join(WORK, `fc-${n}x${n}.tflite`);
  if (existsSync(path) && statSync(path).size > weightBytes) return path;
  const data = new Uint8Array(weightBytes);
  for (let i = 0; i < data.length; i++) data[i] = (i * 131) & 0xff;
  const code = enumNumber('BuiltinOperator', 'FULLY_CONNECTED');
  const model = {
    version: 3,
    description: `bench: one FULLY_CONNECTED with ${n}x${n} float32 weights`,
    operator_codes: [{ builtin_code: code, deprecated_builtin_code: code, version: 1 }],
    subgraphs: [
      {
        name: 'main',
        tensors: [
          { name: 'x', shape: [1, n], type: 'FLOAT32', buffer: 0 },
          { name: 'w', shape: [n, n], type: 'FLOAT32', buffer: 1 },
          { name: 'y', shape: [1, n], type: 'FLOAT32', buffer: 0 },
        ],
        inputs: [0],
        outputs: [2],
        operators: [
          {
            opcode_index: 0,
            inputs: [0, 1, -1],
            outputs: [2],
            builtin_options: { type: 'FullyConnectedOptions', value: { fused_activation_function: 'NONE' } },
          },
        ],
      },
    ],
    // Buffer 0 is the empty sentinel every TFLite file starts with.
    buffers: [{}, { data }],
  };
  writeFileSync(path, buildTflite(model));
  return path;
}

interface Best {
  readonly ms: number;
  readonly rssBytes: number;
  /** How the analysis decided shapes ('static', or 'runtime': onnxruntime ran the model once). */
  readonly shapes?: string;
  /** The first line of stderr of a run that failed, when one did. */
  readonly failure?: string;
}

/**
 * `analyze --json <file>` for each file in a fresh process, `RUNS` rounds with the files interleaved (so
 * a busy moment of the machine lands on all of them alike): each file's best wall time and peak RSS.
 */
function bestOf(cli: string, files: readonly string[]): Best[] {
  const runs: ProcessRun[][] = files.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    for (const [i, file] of files.entries()) {
      const run = timeProcess([cli, 'analyze', '--json', file]);
      if (run.status !== 0) {
        const line = run.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit status ${run.status}`;
        return files.map(() => ({ ms: Number.NaN, rssBytes: Number.NaN, failure: line.trim() }));
      }
      runs[i]!.push(run);
    }
  }
  return runs.map((r) => ({
    ms: Math.min(...r.map((x) => x.ms)),
    rssBytes: Math.max(...r.map((x) => x.maxRssBytes)),
    shapes: decidedBy(r[0]!.stdout),
  }));
}

function decidedBy(stdout: string): string | undefined {
  try {
    return (JSON.parse(stdout) as { shapes?: { decidedBy?: string } }).shapes?.decidedBy;
  } catch {
    return undefined;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/**
 * A row comparing two timings against a ratio goal. A run that failed (a dist/ built before it read
 * TFLite, say) is a row that says so and is not met, so the other sections still run.
 */
function ratioRow(what: string, goal: number, slow: Best, fast: Best, names: [string, string]): BenchRow {
  const failed = slow.failure ?? fast.failure;
  if (failed !== undefined) {
    return {
      what,
      goal: `ratio < ${goal}`,
      measured: `a run failed: ${failed} (is dist/ built from this tree? \`npm run build\`)`,
      pass: false,
    };
  }
  const ratio = slow.ms / fast.ms;
  return {
    what,
    goal: `ratio < ${goal}`,
    measured:
      `${ratio.toFixed(2)}x (${names[0]} ${seconds(slow.ms)}, ${names[1]} ${seconds(fast.ms)}; ` +
      `RSS ${megabytes(slow.rssBytes)} vs ${megabytes(fast.rssBytes)}; shapes ${slow.shapes ?? '?'} vs ${fast.shapes ?? '?'})`,
    pass: ratio < goal,
  };
}

/** Issue 11: reading TFLite costs about what reading ONNX does, and does not grow with weight bytes. */
export function benchTflite(cli = CLI): Promise<BenchRow[]> {
  mkdirSync(WORK, { recursive: true });
  const rows: BenchRow[] = [];

  const [tflite, onnx] = bestOf(cli, [
    plainFixture('mobilenetv2_fp32.tflite.gz'),
    plainFixture('mobilenetv2_fp32.onnx.gz'),
  ]);
  rows.push(
    ratioRow(
      `whole \`analyze --json\` process on MobileNetV2 fp32: the .tflite vs its ONNX twin (plain files, best of ${RUNS} each)`,
      1.5,
      tflite!,
      onnx!,
      ['TFLite', 'ONNX'],
    ),
  );

  // 5,000^2 and 500^2 float32 weights: 100 MB and 1 MB.
  const big = fullyConnectedModel(5000);
  const small = fullyConnectedModel(500);
  const sizes = [statSync(big).size, statSync(small).size];
  const [bigRun, smallRun] = bestOf(cli, [big, small]);
  rows.push(
    ratioRow(
      `whole \`analyze --json\` process on a ${megabytes(sizes[0]!)} .tflite vs a ${(sizes[1]! / 1e6).toFixed(1)} MB one (one FULLY_CONNECTED, weights in the flatbuffer; best of ${RUNS} each)`,
      1.2,
      bigRun!,
      smallRun!,
      ['100 MB', '1 MB'],
    ),
  );
  return Promise.resolve(rows);
}
