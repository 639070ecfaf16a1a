import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatProgress, formatStability, runAttach, runMeasure } from '../measure/index.js';
import type { MonitorCsvOptions } from '../measure/meters/external-csv.js';
import {
  DEEPEN2023_SPACES,
  isSampledKernelType,
  SAMPLED_KERNEL_TYPES,
  type FieldRange,
  type SampledKernelType,
} from '../measure/sampling.js';
import { MeterError, parseMeterSpec } from '../measure/meters/index.js';
import { EXIT_INTERRUPTED, parsePositiveInt, probeWritable, UsageError, type CliRun } from './common.js';
import { formatDuration, progressLine } from './progress.js';

interface MonitorFlags {
  monitorOffsetMs?: number;
  monitorTimeUnit?: MonitorCsvOptions['timeUnit'];
  monitorTimeColumn?: string;
  monitorPowerColumn?: string;
  monitorCurrentColumn?: string;
  monitorVoltageColumn?: string;
}

type Ranges = Record<string, Record<string, FieldRange>>;

/** The configuration fields a kernel type is sampled over, upper-case as in the CSV. */
function rangeFields(type: SampledKernelType): string[] {
  return Object.keys(DEEPEN2023_SPACES[type].fields);
}

/** `--range conv-bn-relu.CIN=16..256` (an integer range) or `--range conv-bn-relu.KERNEL_SIZE=1,3` (a choice). */
function parseRange(value: string, previous: Ranges = {}): Ranges {
  const m = /^([a-z-]+)\.([A-Za-z0-9_]+)=(.+)$/.exec(value);
  if (!m) throw new UsageError(`--range '${value}': expected TYPE.FIELD=MIN..MAX or TYPE.FIELD=V1,V2,...`);
  const [, type, field, spec] = m as unknown as [string, string, string, string];
  if (!isSampledKernelType(type)) throw new UsageError(`--range '${value}': unknown kernel type ${type}`);
  const fields = rangeFields(type);
  if (!fields.includes(field)) {
    const upper = fields.includes(field.toUpperCase())
      ? ` (fields are upper-case: ${field.toUpperCase()})`
      : '';
    throw new UsageError(
      `--range '${value}': ${type} has no field ${field}${upper}; its fields are ${fields.join(', ')}`,
    );
  }
  const numbers = (text: string) =>
    text.split(/\.\.|,/).map((t) => {
      const n = Number(t);
      if (!Number.isSafeInteger(n) || n <= 0)
        throw new UsageError(`--range '${value}': '${t}' is not a positive integer`);
      return n;
    });
  const range: FieldRange = spec.includes('..')
    ? (() => {
        const [min, max] = numbers(spec) as [number, number];
        if (min > max) throw new UsageError(`--range '${value}': ${min} is above ${max}`);
        return { kind: 'int', min, max };
      })()
    : { kind: 'choice', values: numbers(spec) };
  return { ...previous, [type]: { ...previous[type], [field]: range } };
}

interface MeasureFlags extends MonitorFlags {
  range?: Ranges;
  kernels: string;
  samples: number;
  meter: string;
  out: string;
  grid?: boolean;
  gridPoints?: number;
  seed?: number;
  threads?: number;
  executionProvider?: string;
  warmup?: number;
  repetitions?: number;
  blocks?: number;
  maxCv?: number;
  maxAttempts?: number;
  batch?: number;
  minBlockMs?: number;
  maxKernelMs?: number;
  idle: boolean;
  deviceLabel?: string;
  windows?: string;
  intervalMs?: number;
  nvidiaSmi?: string;
}

const parseNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`'${value}' is not a number`);
  return n;
};

const parsePositiveNumber = (value: string): number => {
  const n = parseNumber(value);
  if (!(n > 0)) throw new UsageError(`'${value}' is not a positive number`);
  return n;
};

function monitorOptions(flags: MonitorFlags): MonitorCsvOptions {
  return {
    ...(flags.monitorOffsetMs !== undefined ? { offsetMs: flags.monitorOffsetMs } : {}),
    ...(flags.monitorTimeUnit ? { timeUnit: flags.monitorTimeUnit } : {}),
    ...(flags.monitorTimeColumn ? { timeColumn: flags.monitorTimeColumn } : {}),
    ...(flags.monitorPowerColumn ? { powerColumn: flags.monitorPowerColumn } : {}),
    ...(flags.monitorCurrentColumn ? { currentColumn: flags.monitorCurrentColumn } : {}),
    ...(flags.monitorVoltageColumn ? { voltageColumn: flags.monitorVoltageColumn } : {}),
  };
}

function addMonitorOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--monitor-offset-ms <ms>',
        "harness-clock epoch ms of the monitor's time 0 (when its times are relative)",
      ).argParser(parseNumber),
    )
    .addOption(
      new Option('--monitor-time-unit <unit>', 'unit of the monitor time column').choices([
        's',
        'ms',
        'us',
        'ns',
      ]),
    )
    .option('--monitor-time-column <name>', 'time column of the monitor CSV')
    .option('--monitor-power-column <name>', 'power column of the monitor CSV')
    .option('--monitor-current-column <name>', 'current column of the monitor CSV')
    .option('--monitor-voltage-column <name>', 'voltage column of the monitor CSV');
}

/** `--meter SPEC`: an unknown meter or a malformed argument is a bad flag value (exit 2). */
function parseMeter(value: string): string {
  try {
    parseMeterSpec(value);
  } catch (error) {
    if (error instanceof MeterError) throw new InvalidArgumentError(error.reason);
    throw error;
  }
  return value;
}

export function registerMeasure(program: Command, run: CliRun): void {
  const measure = program
    .command('measure')
    .description(
      'build one small ONNX model per sampled kernel configuration (DeepEn2023 ranges), run it with onnxruntime on this machine, ' +
        'read the energy meter and append one row per kernel to a CSV that `train` reads (resumable; Ctrl-C keeps every finished row)',
    )
    .requiredOption('--kernels <types>', `kernel types, comma-separated (${SAMPLED_KERNEL_TYPES.join(', ')})`)
    .addOption(
      new Option('--samples <n>', 'configurations per kernel type')
        .argParser(parsePositiveInt)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--meter <spec>',
        'none | rapl[:zones] | nvidia[:gpu[:auto|energy|power]] | jetson[:rails] | external-csv:PATH',
      )
        .argParser(parseMeter)
        .makeOptionMandatory(),
    )
    .requiredOption('--out <csv>', 'kernel CSV to create or resume')
    .option('--grid', 'grid sampling instead of random')
    .addOption(
      new Option(
        '--range <TYPE.FIELD=MIN..MAX|V1,V2>',
        'narrow a configuration field of a kernel type (repeatable)',
      ).argParser(parseRange),
    )
    .addOption(
      new Option('--grid-points <n>', 'grid points per channel range (default 3)').argParser(
        parsePositiveInt,
      ),
    )
    .addOption(new Option('--seed <n>', 'sampling seed (default 1)').argParser(parsePositiveInt))
    .addOption(
      new Option('--threads <n>', 'onnxruntime intra-op threads (default 1)').argParser(parsePositiveInt),
    )
    .option('--execution-provider <ep>', 'onnxruntime execution provider (default cpu)')
    .addOption(new Option('--warmup <n>', 'warm-up runs (default 10)').argParser(parsePositiveInt))
    .addOption(
      new Option('--repetitions <n>', 'timed runs per kernel, at least (default 50)').argParser(
        parsePositiveInt,
      ),
    )
    .addOption(
      new Option(
        '--blocks <n>',
        'trials per kernel, each a metered block in its own round (default 5)',
      ).argParser(parsePositiveInt),
    )
    .addOption(
      new Option(
        '--max-cv <ratio>',
        "re-measure a kernel whose trials' coefficient of variation exceeds this (default 0.1)",
      ).argParser(parsePositiveNumber),
    )
    .addOption(
      new Option('--max-attempts <n>', 'attempts per kernel at most (default 3)').argParser(parsePositiveInt),
    )
    .addOption(
      new Option(
        '--batch <n>',
        'kernels measured together, their trials interleaved in a shuffled order (default 16)',
      ).argParser(parsePositiveInt),
    )
    .addOption(
      new Option(
        '--min-block-ms <ms>',
        "shortest block (default: the meter's resolution, at least 200; with meter none 20, or 1000 with --windows)",
      ).argParser(parseNumber),
    )
    .addOption(
      new Option('--max-kernel-ms <ms>', 'time budget per kernel (default 30000)').argParser(parseNumber),
    )
    .option('--no-idle', 'do not subtract an idle baseline')
    .option('--device-label <text>', 'the device column (default: OS, architecture, CPU model)')
    .option('--windows <csv>', 'log every metered window (for `attach` with an offline monitor)')
    .addOption(new Option('--interval-ms <ms>', 'sampling interval of sampled meters').argParser(parseNumber))
    .option('--nvidia-smi <path>', 'the nvidia-smi binary');
  addMonitorOptions(measure).action(async (flags: MeasureFlags) => {
    const types = flags.kernels
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = types.filter((t) => !isSampledKernelType(t));
    if (unknown.length > 0)
      throw new UsageError(
        `unknown kernel type(s) ${unknown.join(', ')}; one of ${SAMPLED_KERNEL_TYPES.join(', ')}`,
      );
    const unmeasured = Object.keys(flags.range ?? {}).filter((t) => !types.includes(t));
    if (unmeasured.length > 0)
      throw new UsageError(
        `--range for ${unmeasured.join(', ')}, which ${unmeasured.length === 1 ? 'is' : 'are'} not in --kernels ` +
          `(${types.join(', ')}): the range would be ignored; add the type to --kernels or drop the --range`,
      );
    probeWritable(flags.out, 'file');
    const status = progressLine(run.io);
    if (flags.windows !== undefined) probeWritable(flags.windows, 'file', '--windows');
    const result = await runMeasure({
      kernels: types as SampledKernelType[],
      samples: flags.samples,
      ...(flags.grid ? { mode: 'grid' as const } : {}),
      ...(flags.gridPoints ? { gridPoints: flags.gridPoints } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.range ? { ranges: flags.range } : {}),
      meter: flags.meter,
      monitor: monitorOptions(flags),
      meterEnv: {
        ...(flags.intervalMs ? { intervalMs: flags.intervalMs } : {}),
        ...(flags.nvidiaSmi ? { nvidiaSmi: flags.nvidiaSmi } : {}),
      },
      out: flags.out,
      ...(flags.threads ? { threads: flags.threads } : {}),
      ...(flags.executionProvider ? { executionProvider: flags.executionProvider } : {}),
      ...(flags.warmup ? { warmupRuns: flags.warmup } : {}),
      ...(flags.repetitions ? { repetitions: flags.repetitions } : {}),
      ...(flags.blocks ? { blocks: flags.blocks } : {}),
      ...(flags.maxCv !== undefined ? { maxCv: flags.maxCv } : {}),
      ...(flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {}),
      ...(flags.batch ? { batchSize: flags.batch } : {}),
      ...(flags.minBlockMs !== undefined ? { minBlockMs: flags.minBlockMs } : {}),
      ...(flags.maxKernelMs !== undefined ? { maxKernelMs: flags.maxKernelMs } : {}),
      ...(flags.idle === false ? { idleBaseline: false } : {}),
      ...(flags.deviceLabel ? { device: flags.deviceLabel } : {}),
      ...(flags.windows ? { windowLog: flags.windows } : {}),
      ...(run.io.signal ? { signal: run.io.signal } : {}),
      onMeter: (description) => run.io.stderr(`meter: ${description}\n`),
      onWarning: (warning) => run.io.stderr(`warning: ${warning}\n`),
      // On a terminal one redrawn line; piped, a line per kernel.
      onProgress: (p) =>
        run.io.interactive
          ? status.update(`${formatProgress(p)} | ${formatDuration(p.elapsedMs)} elapsed`)
          : status.line(formatProgress(p)),
    }).finally(() => status.done());
    for (const s of result.shortfalls)
      run.io.stderr(
        `note: only ${s.got} of ${s.wanted} distinct ${s.type} configurations exist in the sampled ranges\n`,
      );
    if (result.repaired) run.io.stderr(`repaired an unfinished last line of ${result.out} before resuming\n`);
    run.io.stdout(
      `${result.aborted ? 'stopped' : 'done'}: ${result.rows.length} kernel(s) measured now, ${result.skipped} already in ${result.out}, ${result.total} in all (meter ${result.meter}; ${result.device})\n`,
    );
    if (result.rows.length > 0) run.io.stdout(`${formatStability(result.stability)}\n`);
    if (result.aborted) {
      run.io.stdout('resume with the same command: finished rows are kept and skipped\n');
      // Interrupted is not done: `measure ... && train ...` must not train on part of the data.
      run.fail(EXIT_INTERRUPTED);
    }
  });

  const attach = program
    .command('attach')
    .description(
      "fill the energy of a `measure --meter none --windows FILE` run from an offline power monitor's CSV (e.g. a Monsoon export)",
    )
    .requiredOption('--csv <file>', 'the kernel CSV of that run (rewritten in place, atomically)')
    .requiredOption('--windows <file>', 'the window log of that run')
    .requiredOption('--monitor <file>', "the monitor's CSV")
    .option('--out <file>', 'write elsewhere instead of rewriting the kernel CSV');
  addMonitorOptions(attach).action(
    async (flags: MonitorFlags & { csv: string; windows: string; monitor: string; out?: string }) => {
      const result = await runAttach({
        csv: flags.csv,
        windows: flags.windows,
        monitor: flags.monitor,
        monitorOptions: monitorOptions(flags),
        ...(flags.out ? { out: flags.out } : {}),
      });
      run.io.stdout(
        `filled the energy of ${result.attached} row(s) in ${result.out} (monitor read as: ${result.monitorLayout})\n`,
      );
      if (result.withoutWindows.length > 0)
        run.io.stdout(
          `no logged windows for ${result.withoutWindows.length} row(s): ${result.withoutWindows.slice(0, 5).join(', ')}\n`,
        );
      for (const u of result.unmeasured) run.io.stdout(`not measured: ${u.kernelId}: ${u.reason}\n`);
    },
  );
}
