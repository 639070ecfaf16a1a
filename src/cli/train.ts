import { basename, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { kernelFromConfig } from '../kernels/generate.js';
import { readKernelCsv } from '../predict/csv.js';
import { trainableRows, trainingTargets, type TargetChoice } from '../predict/training-targets.js';
import {
  BUNDLE_ID_PATTERN,
  checkTrainOptions,
  rowCountWarnings,
  type TrainProgress,
} from '../predict/train-options.js';
import { checkOutFolder } from '../predict/train-write.js';
import { trainBundle } from '../predict/train.js';
import { DEVICES, deviceInfo } from '../devices/catalog.js';
import { PredictorError } from '../predict/errors.js';
import { TARGET_COLUMNS } from '../predict/units.js';
import { EXIT_INTERRUPTED, probeWritable, UsageError, type CliRun } from './common.js';
import { progressLine, trainStatus } from './progress.js';
import type { KernelRow } from '../predict/csv.js';

interface TrainFlags {
  data: string;
  out: string;
  device: string;
  processor: 'cpu' | 'gpu';
  target?: 'energy' | 'latency' | 'both';
  seed?: number;
  folds?: number;
  trainedAt?: string;
}

export function registerTrain(program: Command, run: CliRun, argv: readonly string[]): void {
  program
    .command('train')
    .description(
      'fit one regressor per kernel type on a kernel CSV (DeepEn2023 columns) and write a predictor bundle',
    )
    .requiredOption(
      '--data <csv>',
      'kernel measurements (the columns of data/deepen2023/kernels_cpu.csv, see docs/predictor-csv.md)',
    )
    .addOption(
      new Option(
        '--out <dir>',
        'bundle folder to write; its name is the bundle id, by convention <device>-<processor> (e.g. predictors/my-board-cpu)',
      )
        .argParser(parseOut)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--device <id>', 'device id the measurements come from')
        .argParser(parseDevice)
        .makeOptionMandatory(),
    )
    .addOption(new Option('--processor <p>', 'cpu or gpu').choices(['cpu', 'gpu']).makeOptionMandatory())
    .addOption(
      new Option('--target <t>', 'what to predict (default: every target all rows have)').choices([
        'energy',
        'latency',
        'both',
      ]),
    )
    .addOption(new Option('--seed <n>', 'random seed, 0 to 4294967295 (default 1)').argParser(parseSeed))
    .addOption(
      new Option('--folds <n>', 'k of the nested k-fold cross-validation, at least 2 (default 5)').argParser(
        parseFolds,
      ),
    )
    .option(
      '--trained-at <date>',
      'date recorded in the provenance (never read from the clock, so rebuilds are identical)',
    )
    .action(async (flags: TrainFlags) => {
      const warn = (text: string) => run.io.stderr(`warning: ${text}\n`);
      // Everything that can be checked without the data is checked before reading it.
      const settings = {
        out: flags.out,
        device: flags.device,
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.folds !== undefined ? { folds: flags.folds } : {}),
      };
      try {
        checkTrainOptions(settings);
        checkOutFolder(resolve(flags.out));
        probeWritable(flags.out, 'folder');
      } catch (error) {
        if (error instanceof PredictorError) {
          const flag = error.field === 'device' ? `--device ${flags.device}` : `--out ${flags.out}`;
          throw new UsageError(`${flag}: ${error.problem}`);
        }
        throw error;
      }
      for (const text of bundleIdWarnings(basename(resolve(flags.out)), flags.device, flags.processor))
        warn(text);

      const read = readKernelCsv(flags.data);
      for (const text of read.warnings) warn(text);
      const trainable = trainableRows(read);
      for (const text of trainable.warnings) warn(text);
      const csv = trainable.csv;
      const choice = trainingTargets(csv, flags.target);
      for (const text of choice.warnings) warn(text);
      for (const text of rowCountWarnings(csv.rows, { ...settings, targets: choice.targets })) warn(text);

      const types = new Set(csv.rows.map((r) => r.type)).size;
      const folds = flags.folds ?? 5;
      run.io.stderr(
        `training ${choice.targets.join(' and ')} on ${csv.rows.length} rows of ${types} kernel type${types === 1 ? '' : 's'} ` +
          `(nested ${folds}-fold cross-validation on all cores: types with hundreds of rows take the longest)\n`,
      );
      // The clock only times the progress lines; nothing from it goes into the bundle.
      const start = performance.now();
      let last = start;
      const status = progressLine(run.io);
      const state = { done: 0, total: undefined as number | undefined, rowsDone: 0 };
      const redraw = () =>
        status.update(
          trainStatus({ ...state, rowsTotal: csv.rows.length, elapsedMs: performance.now() - start }),
        );
      // On a terminal only: a status line redrawn every second while a regressor is fitted.
      const ticker = run.io.interactive ? setInterval(redraw, 1000) : undefined;
      const progress = (p: TrainProgress) => {
        const now = performance.now();
        Object.assign(state, { done: p.done, total: p.total, rowsDone: state.rowsDone + p.rows });
        const figures = p.outputs
          .map((o) => `${o.target} ${o.medianApePct.toFixed(1)}% (${o.method})`)
          .join(', ');
        const seconds = (now - last) / 1000;
        const what =
          p.key === 'others'
            ? `others (the fallback, fitted on all ${p.rows} rows)`
            : `${p.key} (${p.rows} rows)`;
        status.line(
          `  [${p.done}/${p.total}] ${what}: nested ${p.folds}-fold median APE ${figures}; ${seconds.toFixed(seconds < 10 ? 1 : 0)} s`,
        );
        last = now;
        redraw();
      };
      const info = deviceInfo(flags.device);
      const signal = run.io.signal;
      const manifest = await trainBundle({
        rows: csv.rows,
        ...(info ? { deviceName: info.name } : {}),
        processor: flags.processor,
        target: choice.targets.length === 2 ? 'both' : choice.targets[0]!,
        ...settings,
        ...(flags.trainedAt ? { trainedAt: flags.trainedAt } : {}),
        command: ['model-energy', ...argv].join(' '),
        dataDescription: `${csv.rows.length} kernel measurements from ${basename(flags.data)}`,
        toKernel: (row: KernelRow) => kernelFromConfig(row.type, row.config),
        onProgress: progress,
        ...(signal ? { signal } : {}),
      })
        .finally(() => {
          clearInterval(ticker);
          status.done();
        })
        .catch((error: unknown) => {
          // Interrupted: exit 130 (as a shell reports SIGINT), so `train ... && next` does not go on.
          if (!signal?.aborted || !(error instanceof PredictorError)) throw error;
          run.io.stderr(`error: ${error.message}\n`);
          run.fail(EXIT_INTERRUPTED);
          return undefined;
        });
      if (!manifest) return;
      const overall = manifest.provenance.kfold?.overall;
      run.io.stdout(`wrote bundle '${manifest.id}' to ${resolve(flags.out)}\n`);
      run.io.stdout(`  ${predictsLine(choice, csv.rows.length)}\n`);
      for (const [target, f] of Object.entries(overall ?? {})) {
        run.io.stdout(
          `  ${target}: k-fold over ${f.kernels} kernels: ${f.within10Pct.toFixed(1)}% within ±10%, ${f.within20Pct.toFixed(1)}% within ±20%, median APE ${f.medianApePct.toFixed(1)}%\n`,
        );
      }
      run.io.stdout(`use it: model-energy predict MODEL.onnx --predictors ${resolve(flags.out, '..')}\n`);
    });
}

/**
 * What the bundle predicts, and on how many rows each target was trained where not all:
 * "predicts energy (trained on 21 of 24 rows: 3 without energy_mj) and latency",
 * "predicts latency only: the file has no 'energy_mj' column".
 */
export function predictsLine(choice: TargetChoice, rows: number): string {
  const targets = choice.targets.map((t) => {
    const left = choice.leftOut[t]?.length ?? 0;
    return left === 0
      ? t
      : `${t} (trained on ${rows - left} of ${rows} rows: ${left} without ${TARGET_COLUMNS[t]})`;
  });
  const missing = Object.values(choice.untrained);
  return missing.length === 0
    ? `predicts ${targets.join(' and ')}`
    : `predicts ${targets.join(' and ')} only: ${missing.join('; ')}`;
}

/**
 * The bundle id is the --out folder's name; `<device>-<processor>` (optionally with a suffix, e.g.
 * my-laptop-cpu-4t) is a convention, not a rule, since predict selects bundles by the manifest's
 * device. Warned about: a name that breaks the convention, and one that is a default bundle's id
 * (with --predictors the new bundle replaces that default).
 */
export function bundleIdWarnings(id: string, device: string, processor: 'cpu' | 'gpu'): string[] {
  const expected = `${device}-${processor}`;
  const warnings: string[] = [];
  if (id !== expected && !id.startsWith(`${expected}-`)) {
    warnings.push(
      `the bundle id will be '${id}' (the --out folder's name), not '${expected}' (<device>-<processor>): ` +
        `reports name bundles by id and predict --device selects them by device ('${device}'), ` +
        `so a name that says another device or processor misleads; name the folder ${expected} unless that is what you want`,
    );
  }
  const clash = DEVICES.find((d) => id === `${d.id}-cpu` || id === `${d.id}-gpu`);
  if (clash) {
    warnings.push(
      `'${id}' is the id of a default bundle (device ${clash.id}): with --predictors, this bundle replaces it`,
    );
  }
  return warnings;
}

function parseOut(value: string): string {
  const id = basename(resolve(value));
  if (!BUNDLE_ID_PATTERN.test(id)) {
    throw new InvalidArgumentError(
      `the folder's name '${id}' is the bundle id: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. predictors/my-board-cpu)`,
    );
  }
  return value;
}

function parseDevice(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('the device id is empty');
  return value;
}

function parseFolds(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 2)
    throw new InvalidArgumentError(`'${value}' is not an integer of at least 2 (k-fold needs two folds)`);
  return n;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0 || n > 0xffffffff)
    throw new InvalidArgumentError(`'${value}' is not an integer from 0 to ${0xffffffff}`);
  return n;
}
