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
import { kernelId, kernelParams, mulberry32, type SampledKernelType } from './sampling.js';
import { readLoadAverage } from './load.js';
import {
  coefficientOfVariation,
  iqr,
  median,
  mergeIdle,
  netEnergyPerRunMj,
  summariseEnergy,
  summariseStability,
  type EnergySummary,
  type MeteredWindow,
  type Stability,
} from './stats.js';

/**
 * The measurement harness: one small ONNX model per kernel configuration, run with onnxruntime-node on
 * this machine, timed run by run and metered block by block; one CSV row per kernel, appended and
 * fsynced. Kernels are taken in a seeded shuffled order, in batches whose trials are interleaved
 * (docs/predictor-csv.md, "how a row was taken"), so that load from other processes spreads over all
 * kernels instead of skewing a few. Resumable (kernels already in the CSV are skipped) and
 * interruptible between runs (an aborted batch leaves no row, so nothing is lost or written twice).
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
  /**
   * Trials the runs are split into, each a metered block taken in its own round of the batch; the
   * energy is their median, their spread the row's coefficient of variation (default 5).
   */
  readonly blocks?: number;
  /**
   * Kernels measured together, their trials interleaved in a shuffled order (default 16). Rows are
   * written when their batch is done; an interrupted batch leaves no row.
   */
  readonly batchSize?: number;
  /** A row whose trials spread more than this (coefficient of variation) is measured again (default 0.1). */
  readonly maxCv?: number;
  /** Attempts per kernel at most, the first included (default 3). */
  readonly maxAttempts?: number;
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
  /** Seed of the input data and of the measuring order (default 1). */
  readonly seed?: number;
  /** The clock that times the runs, in ms (default performance.now; tests inject one). */
  readonly clock?: () => number;
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
  /** How steady this run's rows were. */
  readonly stability: Stability;
}

/** Default --max-cv: trials of a row may spread 10% (coefficient of variation) before it is re-measured. */
export const DEFAULT_MAX_CV = 0.1;
/**
 * Float32 weights a batch's open sessions may hold together: large fc kernels (up to 150 MB each)
 * go in smaller batches.
 */
const MAX_BATCH_WEIGHT_BYTES = 512 * 2 ** 20;
/** Default trials (metered blocks) per kernel. */
export const DEFAULT_TRIALS = 5;

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
  const random = mulberry32((options.seed ?? 1) * 0x9e3779b1 + 0x5bd1e995);
  // Shuffled, so that no kernel type or size is measured all at one moment of the run.
  const queue = shuffle(todo, random);
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

/** Seeded Fisher-Yates shuffle of a copy. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
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

interface Pending extends KernelToMeasure {
  readonly id: string;
  /** Position among the kernels to measure, so a batch's rows are written in the given order. */
  readonly index: number;
}

interface Setup {
  readonly threads: number;
  readonly ep: string;
  readonly device: string;
  readonly maxCv: number;
  readonly maxAttempts: number;
  readonly random: () => number;
}

interface Measured {
  readonly index: number;
  readonly row: MeasuredRow;
  readonly windows: WindowRecord[];
}

/** One trial: a metered block of runs, with the idle window of its round. */
interface Trial {
  readonly latencies: number[];
  readonly block: MeteredWindow;
  readonly idle?: MeteredWindow;
}

/** A kernel of a batch, its session open, and the trials of its current attempt. */
interface Open {
  readonly kernel: Pending;
  readonly where: string;
  readonly session: ort.InferenceSession;
  readonly run: () => Promise<number>;
  readonly inputShapes: number[][];
  readonly perBlock: number;
  readonly estimateMs: number;
  attempts: number;
  loadAverage: number | undefined;
  trials: Trial[];
  windows: WindowRecord[];
}

/**
 * Measures a batch of kernels with their sessions open at once, trial by trial in a shuffled order
 * per round, so that every kernel of the batch is sampled across the batch's whole time and a busy
 * moment spreads over all of them instead of falling on a few. Kernels whose trials spread more than
 * maxCv are measured again, interleaved among themselves, up to maxAttempts times.
 */
async function measureBatch(
  batch: readonly Pending[],
  build: KernelModelBuilder,
  options: MeasureOptions,
  setup: Setup,
): Promise<Measured[]> {
  const open: Open[] = [];
  try {
    for (const kernel of batch) open.push(await openKernel(kernel, build, options, setup));
    const layout = blockLayout(options, open);
    let pending = open;
    while (pending.length > 0) {
      const loadAverage = readLoadAverage();
      for (const k of pending) {
        k.attempts++;
        k.loadAverage = loadAverage;
        k.trials = [];
        k.windows = [];
      }
      await runRounds(pending, layout, options, setup);
      pending = pending.filter((k) => k.attempts < setup.maxAttempts && spreadOf(k) > setup.maxCv);
    }
    return open.map((k) => ({
      index: k.kernel.index,
      row: rowOf(k, options, setup, batch.length),
      windows: k.windows,
    }));
  } finally {
    await Promise.all(open.map((k) => k.session.release()));
  }
}

interface BlockLayout {
  readonly blocks: number;
  readonly measuresEnergy: boolean;
  readonly idleBaseline: boolean;
  readonly idleMs: number;
}

function blockLayout(options: MeasureOptions, open: readonly Open[]): BlockLayout {
  const measuresEnergy = options.meter.info.measuresEnergy;
  const offlineMonitor = !measuresEnergy && options.windowLog !== undefined;
  const minBlockMs = minBlockMsOf(options);
  const blockMs = median(open.map((k) => k.perBlock * k.estimateMs));
  return {
    blocks: blocksOf(options),
    measuresEnergy,
    idleBaseline: options.idleBaseline ?? (measuresEnergy || offlineMonitor),
    idleMs: Math.min(Math.max(blockMs, minBlockMs, 50), 5000),
  };
}

function blocksOf(options: MeasureOptions): number {
  return Math.max(1, options.blocks ?? DEFAULT_TRIALS);
}

function minBlockMsOf(options: MeasureOptions): number {
  const { info } = options.meter;
  const offlineMonitor = !info.measuresEnergy && options.windowLog !== undefined;
  return (
    options.minBlockMs ?? (info.measuresEnergy ? Math.max(info.minWindowMs, 200) : offlineMonitor ? 1000 : 0)
  );
}

async function openKernel(
  kernel: Pending,
  build: KernelModelBuilder,
  options: MeasureOptions,
  setup: Setup,
): Promise<Open> {
  const { signal } = options;
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
    const clock = options.clock ?? (() => performance.now());
    const run = async (): Promise<number> => {
      if (signal?.aborted) throw new Aborted();
      const t0 = clock();
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
      return clock() - t0;
    };
    // Warm-up, which also estimates the latency that sizes the blocks.
    const warmupRuns = options.warmupRuns ?? 10;
    const warmupMs = options.warmupMs ?? 1000;
    const warm: number[] = [];
    const warmStart = clock();
    for (let i = 0; i < Math.max(1, warmupRuns); i++) {
      warm.push(await run());
      if (i >= 1 && clock() - warmStart > warmupMs) break;
    }
    const estimateMs = Math.max(median(warm.length > 1 ? warm.slice(1) : warm), 1e-3);
    const blocks = blocksOf(options);
    const repetitions = options.repetitions ?? 50;
    const maxKernelMs = options.maxKernelMs ?? 30_000;
    let perBlock = Math.max(Math.ceil(repetitions / blocks), Math.ceil(minBlockMsOf(options) / estimateMs));
    perBlock = Math.max(1, Math.min(perBlock, Math.floor(maxKernelMs / (blocks * estimateMs))));
    return {
      kernel,
      where,
      session,
      run,
      inputShapes,
      perBlock,
      estimateMs,
      attempts: 0,
      loadAverage: undefined,
      trials: [],
      windows: [],
    };
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** One attempt of every pending kernel: `blocks` rounds, each an idle window and one trial per kernel. */
async function runRounds(
  pending: readonly Open[],
  layout: BlockLayout,
  options: MeasureOptions,
  setup: Setup,
): Promise<void> {
  const { meter, signal } = options;
  const check = (): void => {
    if (signal?.aborted) throw new Aborted();
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
  const window = (reading: MeterReading, runs: number): MeteredWindow => ({
    durationMs: reading.endMs - reading.startMs,
    runs,
    ...(reading.energyJ === undefined ? {} : { energyJ: reading.energyJ }),
    problems: reading.problems.map((p) => p.message),
  });
  for (let round = 1; round <= layout.blocks; round++) {
    check();
    let idle: { window: MeteredWindow; reading: MeterReading } | undefined;
    if (layout.idleBaseline) {
      await sleep(options.settleMs ?? 100, signal);
      check();
      const { reading } = await metered(() => sleep(layout.idleMs, signal));
      check();
      idle = { window: window(reading, 0), reading };
    }
    for (const k of shuffle(pending, setup.random)) {
      // One untimed run first: the kernels before it in the round have taken the caches.
      await k.run();
      const latencies: number[] = [];
      const { reading } = await metered(async () => {
        for (let i = 0; i < k.perBlock; i++) latencies.push(await k.run());
      });
      if (idle) k.windows.push(windowRecord(k.kernel.id, 'idle', round, 0, idle.reading));
      k.windows.push(windowRecord(k.kernel.id, 'block', round, k.perBlock, reading));
      k.trials.push({
        latencies,
        block: window(reading, k.perBlock),
        ...(idle ? { idle: idle.window } : {}),
      });
    }
  }
}

function windowRecord(
  kernelId: string,
  phase: 'idle' | 'block',
  block: number,
  runs: number,
  reading: MeterReading,
): WindowRecord {
  return { kernelId, phase, block, runs, startMs: reading.startMs, endMs: reading.endMs };
}

/** The spread that decides a re-measurement: the larger of the latency's and the energy's. */
function spreadOf(k: Open): number {
  const { latencyCv, energyCv } = trialSpread(k.trials);
  return Math.max(latencyCv, energyCv ?? 0);
}

function trialSpread(trials: readonly Trial[]): { latencyCv: number; energyCv?: number } {
  // Per trial the median run, as the row's latency is the median: a preempted run does not count as spread.
  const latencyCv = coefficientOfVariation(trials.map((t) => median(t.latencies)));
  const energies = trialEnergies(trials);
  return energies === undefined ? { latencyCv } : { latencyCv, energyCv: coefficientOfVariation(energies) };
}

/** Net energy per run of each trial (mJ), or undefined when any window went unread. */
function trialEnergies(trials: readonly Trial[]): number[] | undefined {
  const out: number[] = [];
  for (const t of trials) {
    const e = netEnergyPerRunMj(t.block, t.idle);
    if (e === undefined) return undefined;
    out.push(e);
  }
  return out;
}

function rowOf(k: Open, options: MeasureOptions, setup: Setup, batchSize: number): MeasuredRow {
  const latencies = k.trials.flatMap((t) => t.latencies);
  const latencyMs = median(latencies);
  const energy: EnergySummary = options.meter.info.measuresEnergy
    ? summariseEnergy(
        k.trials.map((t) => t.block),
        mergeIdle(k.trials.flatMap((t) => (t.idle ? [t.idle] : []))),
      )
    : { notes: [] };
  const { latencyCv, energyCv } = trialSpread(k.trials);
  const spread = Math.max(latencyCv, energy.energyMj === undefined ? 0 : (energyCv ?? 0));
  const notes = [...energy.notes];
  if (spread > setup.maxCv)
    notes.push(
      `unstable: trials spread ${(spread * 100).toFixed(1)}% (limit ${(setup.maxCv * 100).toFixed(0)}%) after ${k.attempts} attempt(s)`,
    );
  const energyMj = energy.energyMj;
  return {
    kernelId: k.kernel.id,
    kernelType: k.kernel.type,
    config: k.kernel.config,
    inputShapes: k.inputShapes,
    ...(energyMj === undefined ? {} : { energyMj, powerMw: (energyMj / latencyMs) * 1000 }),
    latencyMs,
    meter: options.meter.info.label,
    device: setup.device,
    threads: setup.threads,
    repetitions: latencies.length,
    latencySpreadMs: iqr(latencies),
    ...(energy.energySpreadMj === undefined ? {} : { energySpreadMj: energy.energySpreadMj }),
    ...(energy.idlePowerMw === undefined ? {} : { idlePowerMw: energy.idlePowerMw }),
    trials: k.trials.length,
    latencyCv,
    ...(energyMj === undefined || energyCv === undefined ? {} : { energyCv }),
    attempts: k.attempts,
    batch: batchSize,
    ...(k.loadAverage === undefined ? {} : { loadAverage: k.loadAverage }),
    notes: notes.join('; '),
  };
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
