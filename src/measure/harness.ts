import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { arch, cpus, type as osType } from 'node:os';
import { buildKernelModel } from '../kernels/generate.js';
import {
  DurableAppender,
  MeasureError,
  formatRow,
  formatWindows,
  prepareCsv,
  WINDOW_COLUMNS,
  type CsvRecord,
  type MeasuredRow,
} from './csv.js';
import { nowMs } from './meters/types.js';
import { seededRandom, shuffled } from '../predict/random.js';
import { kernelId, kernelParams } from './sampling.js';
import { summariseStability } from './stats.js';
import {
  Aborted,
  DEFAULT_MAX_CV,
  MAX_BATCH_WEIGHT_BYTES,
  type MeasureOptions,
  type MeasureResult,
  type Measured,
  type Pending,
  type Setup,
} from './harness-types.js';
import { measureBatch } from './harness-batch.js';

/**
 * The measurement harness: one small ONNX model per kernel configuration, run with onnxruntime-node on
 * this machine, timed run by run and metered block by block; one CSV row per kernel, appended and
 * fsynced. Kernels are taken in a seeded shuffled order, in batches whose trials are interleaved
 * (docs/predictor-csv.md, "how a row was taken"), so that load from other processes spreads over all
 * kernels instead of skewing a few. Resumable (kernels already in the CSV are skipped) and
 * interruptible between runs (an aborted batch leaves no row, so nothing is lost or written twice).
 */

export function describeDevice(executionProvider = 'cpu'): string {
  const model = (cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  return `${osType()} ${arch()} ${model}${executionProvider === 'cpu' ? '' : ` + ${executionProvider}`}`;
}

export async function measureKernels(options: MeasureOptions): Promise<MeasureResult> {
  const { meter, out, signal } = options;
  const threads = options.threads ?? 1;
  const ep = options.executionProvider ?? 'cpu';
  const device = options.device ?? describeDevice(ep);
  const build = options.buildModel ?? buildKernelModel;
  const maxCv = options.maxCv ?? DEFAULT_MAX_CV;
  const maxAttempts = options.maxAttempts ?? 3;
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a positive integer, got ${threads}`);
  if (!(maxCv > 0)) throw new RangeError(`max-cv must be a positive number, got ${maxCv}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError(`max attempts must be a positive integer, got ${maxAttempts}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);

  checkOutputFile(out, '--out');
  if (options.windowLog !== undefined) checkOutputFile(options.windowLog, '--windows');
  const existing = prepareCsv(out);
  checkSameSetup(out, existing.records, { meter: meter.info.label, device, threads });
  const present = new Set(existing.records.map((r) => r.kernel_id));
  // The window log gets the same care: header checked, a line cut short by a hard kill cut off.
  if (options.windowLog !== undefined) prepareCsv(options.windowLog, WINDOW_COLUMNS);

  const todo: Pending[] = [];
  const ids = new Set<string>();
  for (const k of options.kernels) {
    const id = k.id ?? kernelId(k.type, k.config);
    if (ids.has(id)) continue;
    ids.add(id);
    if (!present.has(id)) todo.push({ ...k, id, index: todo.length });
  }
  const total = ids.size;
  const skipped = total - todo.length;
  const random = seededRandom((options.seed ?? 1) * 0x9e3779b1 + 0x5bd1e995);
  // Shuffled, so that no kernel type or size is measured all at one moment of the run.
  const queue = shuffled(todo, random);
  const rows: MeasuredRow[] = [];
  const csv = new DurableAppender(out);
  const windows = options.windowLog === undefined ? undefined : new DurableAppender(options.windowLog);
  const started = nowMs();
  const setup: Setup = { threads, ep, device, maxCv, maxAttempts, random };
  let aborted = false;
  try {
    let next = 0;
    while (next < queue.length) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      const batch: Pending[] = [];
      let weightBytes = 0;
      while (next < queue.length && batch.length < batchSize) {
        const bytes = kernelParams(queue[next]!.type, queue[next]!.config) * 4;
        if (batch.length > 0 && weightBytes + bytes > MAX_BATCH_WEIGHT_BYTES) break;
        batch.push(queue[next++]!);
        weightBytes += bytes;
      }
      let measured: Measured[];
      try {
        measured = await measureBatch(batch, build, options, setup);
      } catch (error) {
        if (error instanceof Aborted) {
          aborted = true;
          break;
        }
        throw error;
      }
      // A batch's rows in the order the kernels were given; windows first: a kill between the two
      // writes leaves windows without a row, which attach ignores.
      measured.sort((a, b) => a.index - b.index);
      windows?.append(measured.map((m) => formatWindows(m.windows)).join(''));
      csv.append(measured.map((m) => formatRow(m.row)).join(''));
      for (const m of measured) {
        rows.push(m.row);
        const elapsedMs = nowMs() - started;
        const perKernel = elapsedMs / rows.length;
        options.onProgress?.({
          done: skipped + rows.length,
          total,
          skipped,
          measured: rows.length,
          ratePerMinute: 60_000 / perKernel,
          etaMs: perKernel * (todo.length - rows.length),
          elapsedMs,
          row: m.row,
        });
      }
    }
  } finally {
    csv.close();
    windows?.close();
  }
  return {
    out,
    total,
    skipped,
    rows,
    aborted,
    repaired: existing.repairedText,
    meter: meter.info.label,
    device,
    stability: summariseStability(rows, maxCv),
  };
}

/**
 * The CSV a run writes can be created or appended to: not a folder, and its folder exists or can be
 * made. A MeasureError names the flag and the problem (instead of EISDIR from deep in the CSV code).
 */
function checkOutputFile(path: string, flag: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new MeasureError(
      path,
      `${flag} names a folder; it must name the CSV file to create or resume (e.g. ${join(path, flag === '--out' ? 'kernels.csv' : 'windows.csv')})`,
    );
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new MeasureError(
      path,
      `${flag}: cannot create its folder: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

function checkSameSetup(
  file: string,
  records: readonly CsvRecord[],
  setup: { meter: string; device: string; threads: number },
): void {
  records.forEach((r, i) => {
    const differs: string[] = [];
    if (r.meter !== setup.meter)
      differs.push(`meter ${JSON.stringify(r.meter)} (this run: ${JSON.stringify(setup.meter)})`);
    if (r.device !== setup.device)
      differs.push(`device ${JSON.stringify(r.device)} (this run: ${JSON.stringify(setup.device)})`);
    if (r.threads !== String(setup.threads))
      differs.push(`threads ${r.threads} (this run: ${setup.threads})`);
    if (differs.length > 0) {
      throw new MeasureError(
        file,
        `measured with ${differs.join(', ')}: resume with the same setup or write to another file`,
        i + 2,
      );
    }
  });
}
