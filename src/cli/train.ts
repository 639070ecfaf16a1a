import { basename, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { kernelFromConfig } from '../kernels/generate.js';
import { readKernelCsv } from '../predict/csv.js';
import { trainBundle } from '../predict/train.js';
import { deviceInfo } from '../devices/catalog.js';
import { parsePositiveInt, type CliRun } from './common.js';
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
    .requiredOption(
      '--out <dir>',
      'bundle folder to write; its name is the bundle id (e.g. predictors/my-board-cpu)',
    )
    .requiredOption('--device <id>', 'device id the measurements come from')
    .addOption(new Option('--processor <p>', 'cpu or gpu').choices(['cpu', 'gpu']).makeOptionMandatory())
    .addOption(
      new Option('--target <t>', 'what to predict (default: every target all rows have)').choices([
        'energy',
        'latency',
        'both',
      ]),
    )
    .addOption(new Option('--seed <n>', 'random seed (default 1)').argParser(parsePositiveInt))
    .addOption(
      new Option('--folds <n>', 'k of the k-fold cross-validation (default 5)').argParser(parsePositiveInt),
    )
    .option(
      '--trained-at <date>',
      'date recorded in the provenance (never read from the clock, so rebuilds are identical)',
    )
    .action(async (flags: TrainFlags) => {
      const csv = readKernelCsv(flags.data);
      const manifest = await trainBundle({
        rows: csv.rows,
        out: flags.out,
        device: flags.device,
        ...(deviceInfo(flags.device) ? { deviceName: deviceInfo(flags.device)!.name } : {}),
        processor: flags.processor,
        ...(flags.target ? { target: flags.target } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.folds !== undefined ? { folds: flags.folds } : {}),
        ...(flags.trainedAt ? { trainedAt: flags.trainedAt } : {}),
        command: ['model-energy', ...argv].join(' '),
        dataDescription: `${csv.rows.length} kernel measurements from ${basename(flags.data)}`,
        toKernel: (row: KernelRow) => kernelFromConfig(row.type, row.config),
      });
      const overall = manifest.provenance.kfold?.overall;
      run.io.stdout(`wrote bundle '${manifest.id}' to ${resolve(flags.out)}\n`);
      for (const [target, f] of Object.entries(overall ?? {})) {
        run.io.stdout(
          `  ${target}: k-fold over ${f.kernels} kernels: ${f.within10Pct.toFixed(1)}% within ±10%, ${f.within20Pct.toFixed(1)}% within ±20%, median APE ${f.medianApePct.toFixed(1)}%\n`,
        );
      }
      run.io.stdout(`use it: model-energy predict MODEL.onnx --predictors ${resolve(flags.out, '..')}\n`);
    });
}
