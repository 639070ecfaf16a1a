import type * as ort from 'onnxruntime-node';
import { loadOrt, type OrtModule } from '../runtime/ort.js';
import { MeasureError, type MeasuredRow, type WindowRecord } from './csv.js';
import { MeterError, nowMs, type MeterReading } from './meters/types.js';
import { seededRandom, shuffled } from '../predict/random.js';
import { readLoadAverage } from './load.js';
import {
  coefficientOfVariation,
  iqr,
  median,
  mergeIdle,
  netEnergyPerRunMj,
  onCpuMs,
  runsLatency,
  summariseEnergy,
  type EnergySummary,
  type MeteredWindow,
} from './stats.js';
import {
  Aborted,
  DEFAULT_LATENCY_BLOCK_MS,
  DEFAULT_MAX_KERNEL_MS,
  DEFAULT_TRIALS,
  type KernelModelBuilder,
  type MeasureOptions,
  type Measured,
  type Open,
  type Pending,
  type Setup,
  type Trial,
} from './harness-types.js';

/** One batch of kernels measured with their sessions open at once: trials, rounds, rows, input feeds. */

/**
 * Measures a batch of kernels with their sessions open at once, trial by trial in a shuffled order
 * per round, so that every kernel of the batch is sampled across the batch's whole time and a busy
 * moment spreads over all of them instead of falling on a few. Kernels whose trials spread more than
 * maxCv are measured again, interleaved among themselves, up to maxAttempts times.
 */
export async function measureBatch(
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
  /**
   * The shortest block: the meter's resolution (or the latency floor without a meter), within the
   * kernel's time budget.
   */
  readonly minBlockMs: number;
  readonly measuresEnergy: boolean;
  readonly idleBaseline: boolean;
  readonly idleMs: number;
}

function blockLayout(options: MeasureOptions, open: readonly Open[]): BlockLayout {
  const measuresEnergy = options.meter.info.measuresEnergy;
  const offlineMonitor = !measuresEnergy && options.windowLog !== undefined;
  const minBlockMs = minBlockMsOf(options);
  const blockMs = median(open.map((k) => k.perBlock * k.estimateMs));
  const blocks = blocksOf(options);
  return {
    blocks,
    minBlockMs: Math.min(minBlockMs, (options.maxKernelMs ?? DEFAULT_MAX_KERNEL_MS) / blocks),
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
    options.minBlockMs ??
    (info.measuresEnergy ? Math.max(info.minWindowMs, 200) : offlineMonitor ? 1000 : DEFAULT_LATENCY_BLOCK_MS)
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
    const cpuClock = runCpuClock(options, setup);
    const run = async (): Promise<number> => {
      if (signal?.aborted) throw new Aborted();
      const t0 = clock();
      const c0 = cpuClock?.();
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
      const wallMs = clock() - t0;
      return cpuClock === undefined ? wallMs : onCpuMs(wallMs, cpuClock() - c0!);
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
    const maxKernelMs = options.maxKernelMs ?? DEFAULT_MAX_KERNEL_MS;
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

/**
 * The CPU clock that tells a run's off-CPU time, where the process's CPU time is the run's: one
 * intra-op thread on the CPU provider (onnxruntime then runs the model on the calling thread). With
 * more threads it sums them, and a GPU provider's work is not CPU time at all.
 */
function runCpuClock(options: MeasureOptions, setup: Setup): (() => number) | undefined {
  if (setup.threads !== 1 || setup.ep !== 'cpu') return undefined;
  if (options.cpuClock !== undefined) return options.cpuClock;
  if (options.clock !== undefined) return undefined;
  return () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
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
    for (const k of shuffled(pending, setup.random)) {
      // One untimed run first: the kernels before it in the round have taken the caches.
      await k.run();
      const latencies: number[] = [];
      const { reading } = await metered(async () => {
        // perBlock was sized by the warm-up's latency. A kernel that runs faster once warm would end
        // its block before the meter's shortest reliable window, so the block runs on until its runs
        // add up to that long (bounded, so that runs timed at zero cannot hold it forever).
        let ranMs = 0;
        while (
          latencies.length < k.perBlock ||
          (ranMs < layout.minBlockMs && latencies.length < k.perBlock * MAX_BLOCK_STRETCH)
        ) {
          const ms = await k.run();
          latencies.push(ms);
          ranMs += ms;
        }
      });
      if (idle) k.windows.push(windowRecord(k.kernel.id, 'idle', round, 0, idle.reading));
      k.windows.push(windowRecord(k.kernel.id, 'block', round, latencies.length, reading));
      k.trials.push({
        latencies,
        block: window(reading, latencies.length),
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
  // Per trial the same statistic as the row's latency: a preempted run does not count as spread.
  const latencyCv = coefficientOfVariation(trials.map((t) => runsLatency(t.latencies)));
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
  const latencyMs = runsLatency(latencies);
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
    ...(energyMj === undefined ? {} : { energyMj }),
    ...(energy.powerMw === undefined ? {} : { powerMw: energy.powerMw }),
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

/** How far past its planned runs a block may run on to reach minBlockMs. */
const MAX_BLOCK_STRETCH = 16;

const FLOAT_TYPES = new Set(['float32']);

/** Inputs of the kernel model, filled with seeded uniform values in [-1, 1); shapes for the CSV in NHWC. */
function makeFeeds(
  ort: OrtModule,
  session: ort.InferenceSession,
  where: string,
  seed: number,
): { feeds: Record<string, ort.Tensor>; inputShapes: number[][] } {
  const random = seededRandom(seed);
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
      for (let i = 0; i < size; i++) data[i] = random.next() * 2 - 1;
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
