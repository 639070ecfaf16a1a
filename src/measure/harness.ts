import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { arch, cpus, type as osType } from 'node:os';
import type * as ort from 'onnxruntime-node';
import { loadOrt, type OrtModule } from '../runtime/ort.js';
import { buildKernelModel } from '../kernels/generate.js';
import type { KernelConfig } from '../kernels/types.js';
import {
  DurableAppender,
  MeasureError,
  formatRow,
  formatWindows,
  prepareCsv,
  WINDOW_COLUMNS,
  type CsvRecord,
  type MeasuredRow,
  type WindowRecord,
} from './csv.js';
import { MeterError, nowMs, type EnergyMeter, type MeterReading } from './meters/types.js';
import { kernelId, mulberry32, type SampledKernelType } from './sampling.js';
import { iqr, median, summariseEnergy, type EnergySummary, type MeteredWindow } from './stats.js';

/**
 * The measurement harness: one small ONNX model per kernel configuration, run with onnxruntime-node on
 * this machine, timed run by run and metered block by block; one CSV row per kernel, appended and
 * fsynced. Resumable (kernels already in the CSV are skipped) and interruptible between runs (an
 * aborted kernel leaves no row, so nothing is lost or written twice).
 */

/** Makes the ONNX model of one kernel (src/kernels/generate.ts's buildKernelModel by default). */
export type KernelModelBuilder = (
  type: SampledKernelType,
  config: KernelConfig,
) => Uint8Array | Promise<Uint8Array>;

export interface KernelToMeasure {
  readonly type: SampledKernelType;
  readonly config: KernelConfig;
  /** Defaults to kernelId(type, config). */
  readonly id?: string;
}

export interface MeasureProgress {
  /** Kernels with a row in the CSV (from earlier runs and this one). */
  readonly done: number;
  readonly total: number;
  /** Rows found in the CSV when the run started. */
  readonly skipped: number;
  /** Kernels measured by this run so far. */
  readonly measured: number;
  /** Kernels per minute in this run. */
  readonly ratePerMinute: number;
  /** Estimated time left, from this run's rate. */
  readonly etaMs: number;
  readonly elapsedMs: number;
  /** The row just written. */
  readonly row: MeasuredRow;
}

export interface MeasureOptions {
  readonly kernels: readonly KernelToMeasure[];
  /** The kernel CSV (created with its header, or appended to and resumed). */
  readonly out: string;
  readonly meter: EnergyMeter;
  /** Defaults to buildKernelModel from src/kernels/generate.ts. */
  readonly buildModel?: KernelModelBuilder;
  /** intraOpNumThreads (default 1: DeepEn2023's kernels were most likely measured on one thread). */
  readonly threads?: number;
  /** onnxruntime execution provider (default `cpu`; `cuda` on Linux x64 with the CUDA build). */
  readonly executionProvider?: string;
  /** Warm-up runs before timing (default 10; stops early after warmupMs). */
  readonly warmupRuns?: number;
  readonly warmupMs?: number;
  /** Timed runs per kernel, at least (default 50); more when blocks must last minBlockMs. */
  readonly repetitions?: number;
  /** Metered blocks the runs are split into; the energy is their median (default 5; 1 with meter none). */
  readonly blocks?: number;
  /** Shortest block (default: the meter's minWindowMs, at least 200 ms; 0 with meter none). */
  readonly minBlockMs?: number;
  /** Time budget per kernel for the timed runs; slow kernels get fewer runs (default 30 s). */
  readonly maxKernelMs?: number;
  /** Read the meter idle before each kernel and subtract it (default: on when energy is measured, live or offline). */
  readonly idleBaseline?: boolean;
  /** Pause before the idle window, so the runtime's threads settle (default 100 ms). */
  readonly settleMs?: number;
  /** Label for the device column (default: OS, architecture and CPU model, plus a non-CPU provider). */
  readonly device?: string;
  /**
   * Also log every metered window to this CSV, for `attachMonitorEnergy` with an offline monitor. With
   * meter `none` this lays the runs out as for a meter (blocks of at least 1 s, idle baseline).
   */
  readonly windowLog?: string;
  /** Stops the run between runs; the kernel in progress is dropped (no row). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: MeasureProgress) => void;
  /** Seed of the input data (default 1). */
  readonly seed?: number;
}

export interface MeasureResult {
  readonly out: string;
  readonly total: number;
  /** Kernels already in the CSV. */
  readonly skipped: number;
  readonly rows: readonly MeasuredRow[];
  readonly aborted: boolean;
  /** Text of an unfinished last line cut off the CSV before resuming (empty when none). */
  readonly repaired: string;
  readonly meter: string;
  readonly device: string;
}

export function describeDevice(executionProvider = 'cpu'): string {
  const model = (cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  return `${osType()} ${arch()} ${model}${executionProvider === 'cpu' ? '' : ` + ${executionProvider}`}`;
}

class Aborted extends Error {}

export async function measureKernels(options: MeasureOptions): Promise<MeasureResult> {
  const { meter, out, signal } = options;
  const threads = options.threads ?? 1;
  const ep = options.executionProvider ?? 'cpu';
  const device = options.device ?? describeDevice(ep);
  const build = options.buildModel ?? buildKernelModel;
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a positive integer, got ${threads}`);

  checkOutputFile(out, '--out');
  if (options.windowLog !== undefined) checkOutputFile(options.windowLog, '--windows');
  const existing = prepareCsv(out);
  checkSameSetup(out, existing.records, { meter: meter.info.label, device, threads });
  const present = new Set(existing.records.map((r) => r.kernel_id));
  // The window log gets the same care: header checked, a line cut short by a hard kill cut off.
  if (options.windowLog !== undefined) prepareCsv(options.windowLog, WINDOW_COLUMNS);

  const todo: (KernelToMeasure & { id: string })[] = [];
  const ids = new Set<string>();
  for (const k of options.kernels) {
    const id = k.id ?? kernelId(k.type, k.config);
    if (ids.has(id)) continue;
    ids.add(id);
    if (!present.has(id)) todo.push({ ...k, id });
  }
  const total = ids.size;
  const skipped = total - todo.length;
  const rows: MeasuredRow[] = [];
  const csv = new DurableAppender(out);
  const windows = options.windowLog === undefined ? undefined : new DurableAppender(options.windowLog);
  const started = nowMs();
  let aborted = false;
  try {
    for (const kernel of todo) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      let measured: { row: MeasuredRow; windows: WindowRecord[] };
      try {
        measured = await measureOne(kernel, build, options, { threads, ep, device });
      } catch (error) {
        if (error instanceof Aborted) {
          aborted = true;
          break;
        }
        throw error;
      }
      // Windows first: a kill between the two writes leaves windows without a row, which attach ignores.
      windows?.append(formatWindows(measured.windows));
      csv.append(formatRow(measured.row));
      rows.push(measured.row);
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
        row: measured.row,
      });
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

interface Setup {
  readonly threads: number;
  readonly ep: string;
  readonly device: string;
}

async function measureOne(
  kernel: KernelToMeasure & { id: string },
  build: KernelModelBuilder,
  options: MeasureOptions,
  setup: Setup,
): Promise<{ row: MeasuredRow; windows: WindowRecord[] }> {
  const { meter, signal } = options;
  const where = `kernel ${kernel.id} (${kernel.type} ${JSON.stringify(kernel.config)})`;
  let bytes: Uint8Array;
  try {
    bytes = await build(kernel.type, kernel.config);
  } catch (error) {
    throw new MeasureError(where, `the model builder failed: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  const ort = await loadOrt();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: setup.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      executionProviders: [setup.ep],
    });
  } catch (error) {
    throw new MeasureError(
      where,
      `onnxruntime cannot load the model: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
  try {
    const { feeds, inputShapes } = makeFeeds(ort, session, where, options.seed ?? 1);
    const run = async (): Promise<number> => {
      const t0 = performance.now();
      try {
        await session.run(feeds);
      } catch (error) {
        throw new MeasureError(
          where,
          `onnxruntime failed to run the model: ${(error as Error).message}`,
          undefined,
          { cause: error },
        );
      }
      return performance.now() - t0;
    };
    const check = (): void => {
      if (signal?.aborted) throw new Aborted();
    };

    // Warm-up, which also estimates the latency that sizes the blocks.
    const warmupRuns = options.warmupRuns ?? 10;
    const warmupMs = options.warmupMs ?? 1000;
    const warm: number[] = [];
    const warmStart = performance.now();
    for (let i = 0; i < Math.max(1, warmupRuns); i++) {
      check();
      warm.push(await run());
      if (i >= 1 && performance.now() - warmStart > warmupMs) break;
    }
    const estimate = Math.max(median(warm.length > 1 ? warm.slice(1) : warm), 1e-3);

    const measuresEnergy = meter.info.measuresEnergy;
    // With a window log and no meter, an offline monitor will meter the windows: lay them out the same way.
    const offlineMonitor = !measuresEnergy && options.windowLog !== undefined;
    const blocks = Math.max(1, options.blocks ?? (measuresEnergy || offlineMonitor ? 5 : 1));
    const minBlockMs =
      options.minBlockMs ??
      (measuresEnergy ? Math.max(meter.info.minWindowMs, 200) : offlineMonitor ? 1000 : 0);
    const repetitions = options.repetitions ?? 50;
    const maxKernelMs = options.maxKernelMs ?? 30_000;
    let perBlock = Math.max(Math.ceil(repetitions / blocks), Math.ceil(minBlockMs / estimate));
    perBlock = Math.max(1, Math.min(perBlock, Math.floor(maxKernelMs / (blocks * estimate))));

    const windows: WindowRecord[] = [];
    const record = (
      phase: 'idle' | 'block',
      block: number,
      runs: number,
      reading: MeterReading,
    ): MeteredWindow => {
      windows.push({
        kernelId: kernel.id,
        phase,
        block,
        runs,
        startMs: reading.startMs,
        endMs: reading.endMs,
      });
      return {
        durationMs: reading.endMs - reading.startMs,
        runs,
        ...(reading.energyJ === undefined ? {} : { energyJ: reading.energyJ }),
        problems: reading.problems.map((p) => p.message),
      };
    };
    const metered = async <T>(work: () => Promise<T>): Promise<{ value: T; reading: MeterReading }> => {
      const mark = await meterCall(() => meter.start());
      if (mark instanceof MeterError) return { value: await work(), reading: failedReading(mark) };
      let value: T;
      try {
        value = await work();
      } catch (error) {
        // Close the window so the meter holds nothing open; the run's own error is the one to report.
        await meterCall(() => meter.stop(mark));
        throw error;
      }
      const reading = await meterCall(() => meter.stop(mark));
      return { value, reading: reading instanceof MeterError ? failedReading(reading) : reading };
    };

    let idle: MeteredWindow | undefined;
    const idleBaseline = options.idleBaseline ?? (measuresEnergy || offlineMonitor);
    if (idleBaseline) {
      await sleep(options.settleMs ?? 100, signal);
      check();
      const idleMs = Math.min(Math.max(perBlock * estimate, minBlockMs, 50), 5000);
      const { reading } = await metered(() => sleep(idleMs, signal));
      check();
      idle = record('idle', 0, 0, reading);
    }

    const latencies: number[] = [];
    const blockWindows: MeteredWindow[] = [];
    for (let b = 0; b < blocks; b++) {
      check();
      const { reading } = await metered(async () => {
        for (let i = 0; i < perBlock; i++) {
          check();
          latencies.push(await run());
        }
      });
      blockWindows.push(record('block', b + 1, perBlock, reading));
    }

    const latencyMs = median(latencies);
    const energy: EnergySummary = measuresEnergy ? summariseEnergy(blockWindows, idle) : { notes: [] };
    const energyMj = energy.energyMj;
    const row: MeasuredRow = {
      kernelId: kernel.id,
      kernelType: kernel.type,
      config: kernel.config,
      inputShapes,
      ...(energyMj === undefined ? {} : { energyMj, powerMw: (energyMj / latencyMs) * 1000 }),
      latencyMs,
      meter: meter.info.label,
      device: setup.device,
      threads: setup.threads,
      repetitions: latencies.length,
      latencySpreadMs: iqr(latencies),
      ...(energy.energySpreadMj === undefined ? {} : { energySpreadMj: energy.energySpreadMj }),
      ...(energy.idlePowerMw === undefined ? {} : { idlePowerMw: energy.idlePowerMw }),
      notes: energy.notes.join('; '),
    };
    return { row, windows };
  } finally {
    await session.release();
  }
}

/** Runs a meter call; a MeterError becomes a value (the row records it), anything else is thrown. */
async function meterCall<T>(call: () => Promise<T>): Promise<T | MeterError> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof MeterError) return error;
    throw error;
  }
}

function failedReading(error: MeterError): MeterReading {
  const t = nowMs();
  return { startMs: t, endMs: t, problems: [error] };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

const FLOAT_TYPES = new Set(['float32']);

/** Inputs of the kernel model, filled with seeded uniform values in [-1, 1); shapes for the CSV in NHWC. */
function makeFeeds(
  ort: OrtModule,
  session: ort.InferenceSession,
  where: string,
  seed: number,
): { feeds: Record<string, ort.Tensor>; inputShapes: number[][] } {
  const random = mulberry32(seed);
  const feeds: Record<string, ort.Tensor> = {};
  const inputShapes: number[][] = [];
  for (const meta of session.inputMetadata) {
    if (!meta.isTensor) throw new MeasureError(where, `input ${meta.name} is not a tensor`);
    const dims = meta.shape.map((d) => {
      if (typeof d !== 'number')
        throw new MeasureError(
          where,
          `input ${meta.name} has a symbolic dimension ${JSON.stringify(d)}: kernel models need fixed shapes`,
        );
      return d;
    });
    const size = dims.reduce((a, b) => a * b, 1);
    if (FLOAT_TYPES.has(meta.type)) {
      const data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = random() * 2 - 1;
      feeds[meta.name] = new ort.Tensor('float32', data, dims);
    } else if (meta.type === 'int64') {
      feeds[meta.name] = new ort.Tensor('int64', new BigInt64Array(size), dims);
    } else if (meta.type === 'int32') {
      feeds[meta.name] = new ort.Tensor('int32', new Int32Array(size), dims);
    } else {
      throw new MeasureError(
        where,
        `input ${meta.name} has element type ${meta.type}; kernel models take float32`,
      );
    }
    inputShapes.push(toNhwc(dims));
  }
  return { feeds, inputShapes };
}

/** ONNX NCHW with batch to DeepEn2023's NHWC without batch: [N,C,H,W] -> [H,W,C]; [N,C] -> [C]. */
export function toNhwc(dims: readonly number[]): number[] {
  if (dims.length === 4) return [dims[2]!, dims[3]!, dims[1]!];
  return dims.slice(1);
}
