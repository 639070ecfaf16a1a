import { attachMonitorEnergy, type AttachOptions, type AttachResult } from './attach.js';
import { measureKernels } from './harness.js';
import type { MeasureProgress, MeasureResult } from './harness-types.js';
import { loadWarnings, readMachineLoad, type MachineLoad } from './load.js';
import { openMeter, parseMeterSpec, type MeterEnvironment, type MonitorCsvOptions } from './meters/index.js';
import {
  sampleKernels,
  type ConfigField,
  type FieldRange,
  type SampledKernelType,
  type SamplingMode,
  type SampleResult,
} from './sampling.js';

/**
 * `model-energy measure`: the one entry point the CLI calls. Samples kernel configurations, opens the
 * meter, runs the harness and closes the meter, whatever happens. Everything else of the measurement
 * side is exported from here too.
 */

export * from './harness.js';
export {
  DEFAULT_MAX_CV,
  DEFAULT_TRIALS,
  type KernelModelBuilder,
  type KernelToMeasure,
  type MeasureOptions,
  type MeasureProgress,
  type MeasureResult,
} from './harness-types.js';
export { toNhwc } from './harness-batch.js';
export * from './sampling.js';
export * from './stats.js';
export * from './load.js';
export { attachMonitorEnergy, type AttachOptions, type AttachResult } from './attach.js';
export { MEASURE_COLUMNS, DEEPEN_COLUMNS, WINDOW_COLUMNS, MeasureError, type MeasuredRow } from './csv.js';
export * from './meters/index.js';

export interface MeasureCommandOptions {
  /** --kernels conv-bn-relu,dwconv-bn-relu,... */
  readonly kernels: readonly SampledKernelType[];
  /** --samples N: configurations per kernel type. */
  readonly samples: number;
  /** --grid: grid instead of random sampling. */
  readonly mode?: SamplingMode;
  /** --seed (default 1). */
  readonly seed?: number;
  /** --grid-points: points per channel range in grid mode (default 3). */
  readonly gridPoints?: number;
  /** Narrower ranges per type and field (tests; a CLI may expose `--range TYPE.FIELD=a,b`). */
  readonly ranges?: Readonly<
    Partial<Record<SampledKernelType, Readonly<Partial<Record<ConfigField, FieldRange>>>>>
  >;
  /** --meter: none | rapl[:zones] | nvidia[:gpu[:mode]] | jetson[:rails] | external-csv:PATH. */
  readonly meter: string;
  /** Columns, units and clock offset of a live external-csv monitor (--monitor-offset-ms...). */
  readonly monitor?: MonitorCsvOptions;
  /** Roots and binaries of the meters, sampling interval (--interval-ms, --nvidia-smi). */
  readonly meterEnv?: MeterEnvironment;
  /** --out kernels.csv */
  readonly out: string;
  /** --threads (default 1). */
  readonly threads?: number;
  /** --execution-provider (default cpu). */
  readonly executionProvider?: string;
  /** --warmup runs (default 10). */
  readonly warmupRuns?: number;
  /** --repetitions: timed runs per kernel, at least (default 50). */
  readonly repetitions?: number;
  /** --blocks: trials (metered blocks) per kernel (default 5). */
  readonly blocks?: number;
  /** --max-cv: re-measure rows whose trials spread more than this (default 0.1). */
  readonly maxCv?: number;
  /** --max-attempts: attempts per kernel at most (default 3). */
  readonly maxAttempts?: number;
  /** --batch: kernels whose trials are interleaved (default 16). */
  readonly batchSize?: number;
  /** --min-block-ms (default: the meter's resolution, at least 200 ms; with meter none 20 ms, or 1 s with --windows). */
  readonly minBlockMs?: number;
  /** --max-kernel-ms: time budget per kernel (default 30000). */
  readonly maxKernelMs?: number;
  /** --no-idle: do not subtract an idle baseline. */
  readonly idleBaseline?: boolean;
  /** --device-label: the CSV's device column (default: OS, architecture, CPU model). */
  readonly device?: string;
  /** --windows FILE: log every metered window (for `attach` with an offline monitor). */
  readonly windowLog?: string;
  /** Wired to SIGINT by the CLI: stops between runs, the kernel in progress leaves no row. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: MeasureProgress) => void;
  /** Called once the meter is open, with its one-line description (what it measures, what it cannot). */
  readonly onMeter?: (description: string) => void;
  /** Called before measuring with each reason the machine may skew the figures (load, CPU governor). */
  readonly onWarning?: (warning: string) => void;
  /** The machine's load at the start (default: read from the OS). */
  readonly machineLoad?: () => MachineLoad;
}

export interface MeasureCommandResult extends MeasureResult {
  readonly meterDescription: string;
  readonly shortfalls: SampleResult['shortfalls'];
}

export async function runMeasure(options: MeasureCommandOptions): Promise<MeasureCommandResult> {
  const sampled = sampleKernels({
    types: options.kernels,
    count: options.samples,
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.gridPoints !== undefined ? { gridPoints: options.gridPoints } : {}),
    ...(options.ranges ? { ranges: options.ranges } : {}),
  });
  const spec = parseMeterSpec(options.meter);
  const meter = await openMeter(
    spec.kind === 'external-csv' ? { ...spec, ...(options.monitor ?? {}) } : spec,
    options.meterEnv ?? {},
  );
  try {
    const meterDescription = meter.describe();
    options.onMeter?.(meterDescription);
    for (const w of loadWarnings((options.machineLoad ?? readMachineLoad)())) options.onWarning?.(w);
    const result = await measureKernels({
      kernels: sampled.kernels,
      out: options.out,
      meter,
      ...pick(options, [
        'threads',
        'executionProvider',
        'warmupRuns',
        'repetitions',
        'blocks',
        'maxCv',
        'maxAttempts',
        'batchSize',
        'minBlockMs',
        'maxKernelMs',
        'idleBaseline',
        'device',
        'windowLog',
        'signal',
        'onProgress',
      ]),
    });
    return { ...result, meterDescription, shortfalls: sampled.shortfalls };
  } finally {
    await meter.close();
  }
}

/** `model-energy measure attach`: fills the energy of a meter-none run from an offline monitor's CSV. */
export function runAttach(options: AttachOptions): Promise<AttachResult> {
  return attachMonitorEnergy(options);
}

/** One progress line: `[12/100] conv-bn-relu 3F9K2QZ0AB 1.23 ms 4.56 mJ | 3.2/min, 27 min left`. */
export function formatProgress(p: MeasureProgress): string {
  const row = p.row;
  // Meter none measures no energy by design; a note there is about something else (an unsteady row).
  const unmeasured = row.notes !== '' && row.meter !== 'none' ? 'no energy' : '';
  const energy = row.energyMj === undefined ? unmeasured : `${row.energyMj.toPrecision(3)} mJ`;
  const left = p.etaMs < 60_000 ? `${Math.round(p.etaMs / 1000)} s` : `${Math.round(p.etaMs / 60_000)} min`;
  const parts = [
    `[${p.done}/${p.total}]`,
    row.kernelType,
    row.kernelId,
    `${row.latencyMs.toPrecision(3)} ms`,
  ];
  if (energy) parts.push(energy);
  return `${parts.join(' ')} | ${p.ratePerMinute.toFixed(1)}/min, ${left} left${row.notes ? ` | ${row.notes}` : ''}`;
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}
