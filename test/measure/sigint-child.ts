/**
 * Run as a child process by harness.test.ts: measures kernels with meter `none`, aborting on SIGINT
 * the way the CLI does, and prints one line per written row so the test knows when to interrupt.
 * Arguments: the output CSV, then the kernels as JSON.
 */
import { measureKernels } from '../../src/measure/harness.js';
import { type KernelToMeasure } from '../../src/measure/harness-types.js';
import { NoMeter } from '../../src/measure/meters/none.js';
import { buildTestKernel } from './helpers.js';

const [out, kernelsJson] = process.argv.slice(2);
const kernels = JSON.parse(kernelsJson!) as KernelToMeasure[];
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());

const result = await measureKernels({
  kernels,
  out: out!,
  meter: new NoMeter(),
  buildModel: buildTestKernel,
  warmupRuns: 2,
  repetitions: 1_000_000,
  maxKernelMs: 300,
  batchSize: 1,
  signal: controller.signal,
  onProgress: (p) => console.log(`row ${p.done}`),
});
console.log(`done aborted=${result.aborted} rows=${result.rows.length}`);
