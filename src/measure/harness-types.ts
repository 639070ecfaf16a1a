import type * as ort from 'onnxruntime-node';
import type { KernelConfig } from '../kernels/types.js';
import type { Random } from '../predict/random.js';
import { type MeasuredRow, type WindowRecord } from './csv.js';
import { type EnergyMeter } from './meters/types.js';
import type { KernelType } from '../kernels/types.js';
import { type MeteredWindow, type Stability } from './stats.js';

/** What the measurement harness is given and gives back, and the state of a batch being measured. */

/** Makes the ONNX model of one kernel (src/kernels/generate.ts's buildKernelModel by default). */
export type KernelModelBuilder = (type: KernelType, config: KernelConfig) => Uint8Array | Promise<Uint8Array>;

export interface KernelToMeasure {
  readonly type: KernelType;
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
  /**
   * Shortest block (default: the meter's minWindowMs, at least 200 ms; with meter none 1 s with a
   * window log, else DEFAULT_LATENCY_BLOCK_MS).
   */
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
  /**
   * The process's CPU time in ms, which tells how long a run's thread was off the CPU (see onCpuMs);
   * used with one thread on the CPU provider only (default process.cpuUsage, none when `clock` is
   * injected without it).
   */
  readonly cpuClock?: () => number;
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
export const MAX_BATCH_WEIGHT_BYTES = 512 * 2 ** 20;
/**
 * Shortest block when only latency is measured (meter none, no window log): a 30 us kernel gets
 * hundreds of runs per trial instead of 10, so its low quantile is not decided by a handful of runs
 * (two runs of 50 kernels agreed 0.8% instead of 1.5% at the 10th percentile).
 */
export const DEFAULT_LATENCY_BLOCK_MS = 20;
/** Default trials (metered blocks) per kernel. */
export const DEFAULT_TRIALS = 5;
/** Default --max-kernel-ms: the time one kernel's blocks may take together. */
export const DEFAULT_MAX_KERNEL_MS = 30_000;

export class Aborted extends Error {}

export interface Pending extends KernelToMeasure {
  readonly id: string;
  /** Position among the kernels to measure, so a batch's rows are written in the given order. */
  readonly index: number;
}

export interface Setup {
  readonly threads: number;
  readonly ep: string;
  readonly device: string;
  readonly maxCv: number;
  readonly maxAttempts: number;
  readonly random: Random;
}

export interface Measured {
  readonly index: number;
  readonly row: MeasuredRow;
  readonly windows: WindowRecord[];
}

/** One trial: a metered block of runs, with the idle window of its round. */
export interface Trial {
  readonly latencies: number[];
  readonly block: MeteredWindow;
  readonly idle?: MeteredWindow;
}

/** A kernel of a batch, its session open, and the trials of its current attempt. */
export interface Open {
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
