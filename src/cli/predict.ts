import type { Command } from 'commander';
import { analyzeFile, type ModelAnalysis } from '../analysis/analyze.js';
import { READ_FORMATS } from '../analysis/read.js';
import { describePrecision } from '../kernels/precision.js';
import type { LoadedBundle } from '../predict/bundle.js';
import { EXTRAPOLATION_MARGIN, predictTargets, type BundlePrediction } from '../predict/predictor.js';
import { markdownToPlain } from '../report/escape.js';
import { PRECISION_PRICING } from '../report/sections.js';
import { compact, renderTable, wrap, type Column } from '../report/text-table.js';
import { UserError } from '../errors.js';
import { EXIT_FAILURE, messageOf, sharedOption, styleOf, type CliRun } from './common.js';
import { selectRunBundles } from './bundle-selection.js';
import { unusedDimWarnings } from './dim-warnings.js';

/** Version of the `predict --json` document. */
export const PREDICTION_SCHEMA_VERSION = 1;

export interface PredictionTargetJson {
  readonly bundle: string;
  readonly device: string;
  readonly processor: string;
  readonly kind: string;
  readonly energyMj: number | null;
  readonly energyRangeMj: readonly [number, number] | null;
  /** How many kernels the energy range rests on: (sum of kernel range widths)^2 / sum of their squares. */
  readonly energyRangeEffectiveKernels: number | null;
  readonly latencyMs: number | null;
  readonly latencyRangeMs: readonly [number, number] | null;
  readonly powerW: number | null;
  readonly coverage: BundlePrediction['coverage'];
  readonly kernels: readonly {
    name: string;
    type: string;
    energyMj: number | null;
    latencyMs: number | null;
    fallback: boolean;
    /** Scale features beyond the regressor's training data (empty when none). */
    extrapolated: readonly string[];
  }[];
}

export function targetJson(p: BundlePrediction): PredictionTargetJson {
  return {
    bundle: p.bundle,
    device: p.device,
    processor: p.processor,
    kind: p.kind,
    energyMj: p.energyMj ?? null,
    energyRangeMj: p.energyRangeMj ?? null,
    energyRangeEffectiveKernels: p.energyRangeEffectiveKernels ?? null,
    latencyMs: p.latencyMs ?? null,
    latencyRangeMs: p.latencyRangeMs ?? null,
    powerW: p.powerW ?? null,
    coverage: p.coverage,
    kernels: p.kernels.map((k) => ({
      name: k.name,
      type: k.type,
      energyMj: k.energyMj ?? null,
      latencyMs: k.latencyMs ?? null,
      fallback: k.fallback,
      extrapolated: k.extrapolated ?? [],
    })),
  };
}

interface PredictFlags {
  device?: 'all' | string[];
  processor?: ('cpu' | 'gpu')[];
  predictors?: string;
  dim?: Record<string, number>;
  json?: boolean;
}

export function registerPredict(program: Command, run: CliRun): void {
  program
    .command('predict')
    .description(
      'predict energy (mJ per inference), latency and power of each model on each target device x processor: totals in the table, per kernel with --json',
    )
    .argument('<files...>', `model files, ${READ_FORMATS}`)
    .addOption(sharedOption.device('device id(s), comma-separated, or all (default: all)'))
    .addOption(sharedOption.processor('cpu, gpu, cpu,gpu or all (default: all)'))
    .addOption(
      sharedOption.predictors('a folder of bundles (e.g. from `train`) that add to or replace the defaults'),
    )
    .addOption(sharedOption.dim('value for a symbolic input dim (repeatable)'))
    .option('--json', 'print the versioned JSON document, with the prediction of every kernel')
    .action(async (files: string[], flags: PredictFlags) => {
      const bundles = selectRunBundles(
        {
          ...(flags.device ? { devices: flags.device } : {}),
          ...(flags.processor ? { processors: flags.processor } : {}),
          ...(flags.predictors ? { extra: flags.predictors } : {}),
          origin: '--device',
          onWarning: (warning) => run.io.stderr(`warning: ${warning}\n`),
        },
        flags.device || flags.processor
          ? `from ${[flags.device ? '--device' : '', flags.processor ? '--processor' : ''].filter(Boolean).join(' and ')}`
          : 'every bundle',
      );
      const { width } = styleOf(run.io);
      const models: {
        model: string;
        format: ModelAnalysis['model']['format'];
        precision: ModelAnalysis['precision'];
        targets: PredictionTargetJson[];
        warnings: readonly string[];
      }[] = [];
      const text: string[] = [];
      const errors: { model: string; message: string }[] = [];
      for (const file of files) {
        try {
          const analysis = await analyzeFile(file, flags.dim ? { dims: flags.dim } : {});
          const predictions = await predictTargets(bundles, analysis.kernels);
          models.push({
            model: file,
            format: analysis.model.format,
            precision: analysis.precision,
            targets: predictions.map(targetJson),
            warnings: analysis.warnings,
          });
          text.push(renderPredictionText(file, analysis, predictions, width));
          // Warnings go to stderr, so the table on stdout stays clean to pipe; --json carries them too.
          for (const w of unusedDimWarnings(file, flags.dim, analysis)) run.io.stderr(`warning: ${w}\n`);
          for (const w of analysis.warnings) run.io.stderr(`warning: ${file}: ${w}\n`);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          run.io.stderr(`error: ${messageOf(error)}\n`);
          errors.push({ model: file, message: messageOf(error) });
          run.fail(EXIT_FAILURE);
        }
      }
      if (flags.json) {
        // Files that could not be priced are listed too, so a consumer of the JSON sees the gap.
        const failed = errors.length > 0 ? { errors } : {};
        const doc =
          files.length === 1 && models[0]
            ? {
                schemaVersion: PREDICTION_SCHEMA_VERSION,
                kind: 'prediction',
                ...models[0],
                models,
                ...failed,
              }
            : { schemaVersion: PREDICTION_SCHEMA_VERSION, kind: 'prediction', models, ...failed };
        run.io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
      } else if (text.length > 0) {
        const note = wrap(sourceNote(bundles, flags.predictors), width).join('\n');
        run.io.stdout(`${text.join('\n\n')}\n\n${note}\n`);
      }
    });
}

/**
 * Where the numbers come from, for the bundles this run used: which are trained on kernel
 * measurements, which are calibrated transfers of a trained one, which come from elsewhere.
 */
export function sourceNote(bundles: readonly LoadedBundle[], predictors?: string): string {
  const ids = (kind: string) =>
    bundles.filter((b) => b.manifest.provenance.kind === kind).map((b) => b.manifest.id);
  const groups: [string[], string, string][] = [
    [ids('trained'), 'is trained on measured kernels', 'are trained on measured kernels'],
    [
      ids('transfer'),
      'is a calibrated transfer of a trained bundle',
      'are calibrated transfers of trained bundles',
    ],
    [ids('external'), 'comes from an external predictor', 'come from external predictors'],
  ];
  const present = groups.filter(([list]) => list.length > 0);
  const parts = present.map(([list, one, many], i) => {
    const who =
      list.length <= 3
        ? list.join(', ')
        : i === present.length - 1 && present.length > 1
          ? `the other ${list.length} targets`
          : `${list.length} targets`;
    return `${who} ${list.length === 1 ? one : many}`;
  });
  const deepen = bundles.some((b) =>
    `${b.manifest.provenance.data.description} ${b.manifest.provenance.data.attribution ?? ''}`.includes(
      'DeepEn2023',
    ),
  );
  return (
    `Predictions: sums of per-kernel regressors${deepen ? ' after DeepEn2023 (Tu et al., ACM/IEEE SEC 2023)' : ''}; ` +
    `${parts.join('; ')}. Accuracy per bundle: model-energy devices${predictors !== undefined ? ` --predictors ${predictors}` : ''}`
  );
}

/** The columns of a prediction's text table; `beyond` adds the share priced beyond training data. */
function predictionColumns(beyond: boolean): Column<BundlePrediction>[] {
  const fmt = (x: number | undefined, digits = 1) => (x === undefined ? '-' : x.toFixed(digits));
  const pct = (value: number) => (value < 0.0005 ? '<0.1%' : `${(value * 100).toFixed(1)}%`);
  const share = (value: number, types?: readonly string[]) =>
    value > 0 ? `${pct(value)}${types ? ` (${types.join(', ')})` : ''}` : '0%';
  const beyondColumn: Column<BundlePrediction> = {
    header: 'beyond training data',
    value: (p) => share(p.coverage.extrapolatedShare),
    optional: 4,
  };
  // On a narrow terminal power, the bundle's kind (the note below says it too), latency and the share
  // beyond training data are left out in that order before a bundle id is cut below 22 columns or a
  // header is cut; the line under the table names what was left out.
  return [
    { header: 'target', value: (p) => p.bundle, min: 22, shrink: 2 },
    { header: 'bundle', value: (p) => p.kind, optional: 2 },
    { header: 'energy mJ', align: 'r', value: (p) => (p.energyMj === undefined ? '-' : fmt(p.energyMj, 2)) },
    {
      header: 'range mJ',
      align: 'r',
      value: (p) => (p.energyRangeMj ? `${fmt(p.energyRangeMj[0], 2)}–${fmt(p.energyRangeMj[1], 2)}` : '-'),
    },
    { header: 'latency ms', align: 'r', value: (p) => fmt(p.latencyMs, 2), optional: 3 },
    { header: 'power W', align: 'r', value: (p) => fmt(p.powerW, 2), optional: 1 },
    {
      header: 'priced by fallback',
      value: (p) => share(p.coverage.fallbackShare, p.coverage.fallbackTypes),
      min: 18,
      shrink: 1,
    },
    ...(beyond ? [beyondColumn] : []),
  ];
}

function renderPredictionText(
  file: string,
  analysis: ModelAnalysis,
  predictions: readonly BundlePrediction[],
  width: number,
): string {
  const kernels = analysis.totals.kernels;
  // Only when some target prices kernels beyond its training data, so the usual table stays narrow.
  const beyond = predictions.some((p) => p.coverage.extrapolatedShare > 0);
  const lines = [
    ...wrap(
      `${file}: ${compact(kernels)} kernels, precision ${describePrecision(analysis.precision)}`,
      width,
    ),
    renderTable(predictionColumns(beyond), predictions, width),
  ];
  if (beyond) {
    // The types once, below the table: the targets of one trained bundle share its regressors.
    const types = [...new Set(predictions.flatMap((p) => p.coverage.extrapolatedTypes))].sort();
    const margin = Math.round((EXTRAPOLATION_MARGIN - 1) * 100);
    lines.push(
      ...wrap(
        `Beyond training data: ${types.join(', ')} kernels more than ${margin}% outside the sizes (FLOPs, bytes) their regressor was trained on; their prices are extrapolated.`,
        width,
      ),
    );
  }
  // How a quantized or fp16 model's kernels are priced, as the comparison report says it.
  if (analysis.precision.shares.some((x) => x.precision !== 'fp32'))
    lines.push(...wrap(markdownToPlain(PRECISION_PRICING), width));
  return lines.join('\n');
}
