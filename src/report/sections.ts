import { NOMINAL_BATTERY_VOLTAGE } from '../compare/score.js';
import type { KernelType } from '../kernels/types.js';
import type {
  BundleProvenance,
  ComparisonReport,
  KernelChange,
  ModelComparison,
  TargetComparison,
  TargetEnergy,
} from '../compare/types.js';
import { escapeMarkdown, escapeWithCode, inlineCode, safeUrl } from './escape.js';
import {
  formatDeltaMj,
  formatInteger,
  formatMj,
  formatPct,
  formatRange,
  significant,
} from '../format/numbers.js';
import { accuracyText } from './accuracy.js';
import { energyByTypeChart } from './mermaid.js';
import { type Block, type BlockGroup, details, paragraph, table } from './blocks.js';
import { UNSIZED_CELL, delta, isUnsized, modelCell, modelText, targetLabel } from './cells.js';
import { plural } from './ranking.js';
import { type ReportSetting } from './verdict.js';
import type { Column } from './text-table.js';

/**
 * The sections below the tables: kernel changes, charts, devices, pricing notices, provenance, config,
 * notes, footer.
 */

/** The target a model's kernel-level detail is shown for in the comment: its largest |Δ mJ|. */
function primaryTarget(
  m: ModelComparison,
  targets: readonly TargetComparison[] = m.targets,
): TargetComparison | undefined {
  let best: TargetComparison | undefined;
  let bestSize = -1;
  for (const t of targets) {
    const size = Math.abs(delta(t).mj ?? 0);
    if (size > bestSize) {
      best = t;
      bestSize = size;
    }
  }
  return best;
}

function kernelEnergy(mj: number | undefined, missing: string): string {
  return mj === undefined ? missing : formatMj(mj);
}

const KERNEL_COLUMNS: readonly Column<KernelChange>[] = [
  {
    header: 'Kernel',
    value: (k) =>
      k.baseName !== undefined && k.baseName !== k.name
        ? `${inlineCode(k.baseName, { inTable: true, max: 60 })} → ${inlineCode(k.name, { inTable: true, max: 60 })}`
        : inlineCode(k.name, { inTable: true, max: 80 }),
  },
  { header: 'Type', value: (k) => escapeMarkdown(k.type, 40) },
  { header: 'Base', align: 'r', value: (k) => kernelEnergy(k.baseMj, '— (new)') },
  { header: 'Head', align: 'r', value: (k) => kernelEnergy(k.headMj, '— (removed)') },
  { header: 'Δ', align: 'r', value: (k) => formatDeltaMj(k.deltaMj) },
];

function kernelTable(changes: readonly KernelChange[]): BlockGroup {
  return table(KERNEL_COLUMNS, changes);
}

/** Top kernel changes: in the comment the first `limit` on each model's primary target; in the summary all. */
export function kernelSection(
  models: readonly ModelComparison[],
  scope: 'primary' | 'all',
  limit: number,
): Block[] {
  const groups: Block[] = [];
  for (const m of models) {
    // A new or removed model (or target) has every kernel new or removed: no table says more than that.
    const compared = m.targets.filter((t) => t.base !== undefined && t.head !== undefined);
    const targets = scope === 'all' ? compared : [primaryTarget(m, compared)].filter((t) => t !== undefined);
    for (const t of targets) {
      if (t.topKernelChanges.length === 0) continue;
      const changes = t.topKernelChanges.slice(0, limit);
      const more = t.topKernelChanges.length - changes.length;
      groups.push({
        open: paragraph(`**${modelText(m)}** on ${targetLabel(t.target)}`),
        children: [
          kernelTable(changes),
          ...(more > 0 ? [paragraph(`*${plural(more, 'more kernel change')} in the job summary.*`)] : []),
        ],
        close: '',
      });
    }
  }
  if (groups.length === 0) return [];
  const title = scope === 'all' ? 'Kernel changes' : 'Top kernel changes';
  return [details(title, groups)];
}

export function chartSection(models: readonly ModelComparison[]): Block[] {
  const charts: Block[] = [];
  for (const m of models) {
    const t = primaryTarget(m);
    if (!t) continue;
    const chart = energyByTypeChart({
      title: `mJ by kernel type, ${t.target.deviceName} ${t.target.processor.toUpperCase()}`,
      base: t.base?.byType,
      head: t.head?.byType,
    });
    if (chart === undefined) continue;
    const legend = t.base && t.head ? 'bars: head, line: base' : t.head ? 'head' : 'base';
    charts.push(paragraph(`**${modelText(m)}** on ${targetLabel(t.target)} (${legend})`) + paragraph(chart));
  }
  if (charts.length === 0) return [];
  return [details('Energy by kernel type', charts)];
}

function perDeviceEnergy(e: TargetEnergy | undefined): string {
  return e ? `${significant(e.energyMj)} ${formatRange(e.energyRangeMj)}` : '—';
}

/** Base and head values; a base without a head (a removed model) shows as the base's, going. */
function pair(base: string | undefined, head: string | undefined): string {
  if (base !== undefined && head !== undefined) return base === head ? head : `${base} → ${head}`;
  if (base !== undefined) return `${base} → —`;
  return head ?? '—';
}

function shareCell(share: number | undefined, types: readonly KernelType[] | undefined): string {
  if (share === undefined || share <= 0) return '—';
  const named = (types ?? []).map((t) => escapeMarkdown(t, 40)).join(', ');
  return `${formatPct(100 * share)}${named !== '' ? ` (${named})` : ''}`;
}

const fallbackCell = (e: TargetEnergy | undefined): string => shareCell(e?.fallbackShare, e?.fallbackTypes);
const extrapolatedCell = (e: TargetEnergy | undefined): string =>
  shareCell(e?.extrapolatedShare, e?.extrapolatedTypes);

/** Beyond these shares of an energy, the main table says how it was priced, not only the details. */
const EXTRAPOLATED_NOTICE_SHARE = 0.1;
const FALLBACK_NOTICE_SHARE = 0.5;

interface WorstShare {
  readonly share: number;
  readonly types: readonly KernelType[];
  readonly model: ModelComparison;
}

/** The largest share of any head's (or a removed target's base) energy, with its kernel types. */
function worstShare(
  models: readonly ModelComparison[],
  of: (e: TargetEnergy) => { share?: number | undefined; types?: readonly KernelType[] | undefined },
): WorstShare | undefined {
  let worst: WorstShare | undefined;
  for (const m of models)
    for (const t of m.targets) {
      const e = t.head ?? t.base;
      if (!e) continue;
      const { share = 0, types = [] } = of(e);
      if (share > (worst?.share ?? 0)) worst = { share, types, model: m };
    }
  return worst;
}

const typeList = (types: readonly KernelType[]): string =>
  types.length > 0 ? ` (${types.map((t) => escapeMarkdown(t, 40)).join(', ')})` : '';

/** Said under the main table when much of an energy is priced by the fallback or by extrapolation. */
export function pricingNotice(models: readonly ModelComparison[]): Block[] {
  const lines: string[] = [];
  const fallback = worstShare(models, (e) => ({ share: e.fallbackShare, types: e.fallbackTypes }));
  if (fallback && fallback.share >= FALLBACK_NOTICE_SHARE)
    lines.push(
      `⚠️ Up to ${formatPct(100 * fallback.share)} of an energy here (${modelText(fallback.model)}) is priced by the predictor’s \`others\` fallback from FLOPs and bytes alone${typeList(fallback.types)}: those kernel types have no regressor of their own.`,
    );
  const extrapolated = worstShare(models, (e) => ({
    share: e.extrapolatedShare,
    types: e.extrapolatedTypes,
  }));
  if (extrapolated && extrapolated.share >= EXTRAPOLATED_NOTICE_SHARE)
    lines.push(
      `⚠️ Up to ${formatPct(100 * extrapolated.share)} of an energy here (${modelText(extrapolated.model)}) comes from kernels more than 25% beyond the sizes their predictor was trained on${typeList(extrapolated.types)}: those prices are extrapolated.`,
    );
  const quantized = unpublishedPrecisionNotice(models);
  if (lines.length === 0) return quantized ? [paragraph(quantized)] : [];
  return [
    paragraph(
      `${lines.join(' ')} Read such figures as rougher than their ranges say; see *Per-device details*.` +
        (quantized ? ` ${quantized}` : ''),
    ),
  ];
}

/**
 * Quantized kernels on targets where DeepEn2023 published no factor for their precision (INT8 and
 * fp16 on the GPU delegate, dynamic range and 16x8 anywhere): priced as fp32, with widened ranges.
 */
function unpublishedPrecisionNotice(models: readonly ModelComparison[]): string | undefined {
  let worst:
    | { share: number; precisions: readonly string[]; targets: Set<string>; model: ModelComparison }
    | undefined;
  for (const m of models)
    for (const t of m.targets) {
      const e = t.head ?? t.base;
      const share = e?.unpublishedPrecisionShare ?? 0;
      if (!e || share <= 0) continue;
      if (!worst || share > worst.share)
        worst = { share, precisions: e.unpublishedPrecisions ?? [], targets: new Set(), model: m };
    }
  if (!worst) return undefined;
  const processors = new Set<string>();
  for (const m of models)
    for (const t of m.targets)
      if (((t.head ?? t.base)?.unpublishedPrecisionShare ?? 0) > 0)
        processors.add(t.target.processor.toUpperCase());
  return (
    `ℹ️ Up to ${formatPct(100 * worst.share)} of an energy here (${modelText(worst.model)}) is in ${worst.precisions.join(', ')} kernels ` +
    `on ${[...processors].sort().join(' and ')} targets, for which no energy factor was published: priced as fp32, ` +
    `with the range widened to DeepEn2023's published INT8/FP32 ratios (0.40–1.07).`
  );
}

/**
 * The bundles that predict latency: as their provenance says, or, in reports from before it said so,
 * those whose predictions carry a latency.
 */
function latencyBundles(report: ComparisonReport): Set<string> {
  const ids = new Set<string>();
  for (const b of report.bundles) if (b.predicts?.includes('latency')) ids.add(b.id);
  if (report.bundles.some((b) => b.predicts !== undefined)) return ids;
  for (const m of report.models)
    for (const t of m.targets)
      if (t.base?.latencyMs !== undefined || t.head?.latencyMs !== undefined) ids.add(t.target.bundle);
  return ids;
}

export const LATENCY_NOT_PREDICTED = 'not predicted';

function idList(ids: readonly string[], max = 4): string {
  const shown = ids.slice(0, max).map((id) => inlineCode(id, { max: 80 }));
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${formatInteger(more)} more` : shown.join(', ');
}

/**
 * Why some rows have no latency: only bundles trained on measured latency predict it. Said from the
 * report's own data (which targets carry a latency, each bundle's method), never from bundle names.
 */
function latencyLead(
  report: ComparisonReport,
  rowBundles: readonly string[],
  predicting: Set<string>,
): string {
  const without = [...new Set(rowBundles.filter((b) => !predicting.has(b)))];
  if (without.length === 0) return '';
  const method = (id: string): string | undefined => report.bundles.find((b) => b.id === id)?.method;
  const transfers = without.every((id) => method(id) === 'calibrated-transfer');
  const predictingHere = [...new Set(rowBundles.filter((b) => predicting.has(b)))];
  if (predictingHere.length === 0) {
    return transfers
      ? ' No latency is shown: calibrated transfers predict energy only; latency is predicted only by bundles trained on measured latency.'
      : ' No latency is shown: the predictor bundles here predict energy only.';
  }
  const trained = predictingHere.every((id) => method(id) === 'trained');
  const by = trained
    ? `bundles trained on measured latency (${idList(predictingHere)})`
    : idList(predictingHere);
  const others = transfers ? 'calibrated transfers' : 'the other bundles';
  return ` Latency is predicted only by ${by}; ${others} predict energy only (their rows say *${LATENCY_NOT_PREDICTED}*).`;
}

export function deviceSection(report: ComparisonReport, models: readonly ModelComparison[]): Block[] {
  const predicting = latencyBundles(report);
  const targets = models.flatMap((m) => m.targets);
  if (targets.length === 0) return [];
  const withLatency = targets.some((t) => predicting.has(t.target.bundle));
  const withExtrapolation = targets.some((t) => ((t.head ?? t.base)?.extrapolatedShare ?? 0) > 0);
  const score = (e: TargetEnergy | undefined): string | undefined =>
    e ? `${Number.isFinite(e.score) ? significant(e.score) : '∞'} (${e.grade})` : undefined;
  const latency = (e: TargetEnergy | undefined): string | undefined =>
    e?.latencyMs !== undefined ? `${significant(e.latencyMs)} ms` : undefined;
  type Row = { readonly m: ModelComparison; readonly t: TargetComparison; readonly first: boolean };
  const latencyColumn: Column<Row> = {
    header: 'Latency',
    align: 'r',
    value: (r) =>
      predicting.has(r.t.target.bundle) ? pair(latency(r.t.base), latency(r.t.head)) : LATENCY_NOT_PREDICTED,
  };
  const extrapolatedColumn: Column<Row> = {
    header: 'Extrapolated',
    value: (r) => extrapolatedCell(r.t.head ?? r.t.base),
  };
  // Latency only where some bundle predicts it, Extrapolated where any kernel is.
  const columns: Column<Row>[] = [
    { header: 'Model', value: (r) => (r.first ? modelCell(r.m) : '') },
    { header: 'Target', value: (r) => targetLabel(r.t.target) },
    { header: 'Predictor', value: (r) => inlineCode(r.t.target.bundle, { inTable: true, max: 80 }) },
    { header: 'Base', align: 'r', value: (r) => perDeviceEnergy(r.t.base) },
    { header: 'Head', align: 'r', value: (r) => perDeviceEnergy(r.t.head) },
    ...(withLatency ? [latencyColumn] : []),
    {
      header: 'Score (grade)',
      align: 'r',
      value: (r) => (isUnsized(r.m) ? UNSIZED_CELL : pair(score(r.t.base), score(r.t.head))),
    },
    { header: 'Fallback', value: (r) => fallbackCell(r.t.head ?? r.t.base) },
    ...(withExtrapolation ? [extrapolatedColumn] : []),
  ];
  const rows = models.flatMap((m) => m.targets.map((t, i): Row => ({ m, t, first: i === 0 })));
  const lead =
    `Energy with its range, ${withLatency ? 'predicted latency, ' : ''}score (100 = MobileNetV1 on the same target) and the share of energy priced by the predictor's \`others\` fallback` +
    (withExtrapolation
      ? ', and the share from kernels more than 25% beyond the sizes (FLOPs, bytes) their regressor was trained on, whose prices are extrapolated.'
      : '.') +
    latencyLead(
      report,
      targets.map((t) => t.target.bundle),
      predicting,
    );
  return [details('Per-device details', [paragraph(lead), table(columns, rows)])];
}

/**
 * The longest a bundle's source or accuracy text is shown, in the comment and on a terminal: a cap on
 * an external bundle's text, above the default bundles' own (up to about 210 characters with the
 * device's DeepEn2023 scores), so none of theirs loses a figure.
 */
export const PROVENANCE_TEXT_MAX = 400;

export const METHOD_WORDS: Readonly<Record<string, string>> = {
  trained: 'trained on the device’s kernel measurements',
  'calibrated-transfer': 'transferred from a measured device, calibrated',
  external: 'regressors fitted elsewhere, brought with their own manifest',
};

/**
 * How a kernel's precision enters its price (src/calibration/precision.ts), said wherever a report has a
 * model that is not all fp32: a quantized model's change rests on these factors, not on its kernels.
 */
export const PRECISION_PRICING =
  '**Quantized and fp16 kernels**: priced by the fp32 regressors of their type times a precision factor of the bundle. INT8 on a CPU: one factor for every kernel type, fitted on DeepEn2023’s four published FP32/INT8 app pairs (app level: no INT8 kernel was measured; validated leaving one pair out, docs/accuracy.md). FP16 on a CPU: as fp32 (TFLite dequantizes float16 weights when it loads the model). INT8 and FP16 on a GPU, dynamic-range and 16x8 kernels: nothing was published, so priced as fp32 with the range widened to the published INT8/FP32 ratios (0.40–1.07). Latency is not adjusted for precision.';

export function hasReducedPrecision(report: ComparisonReport): boolean {
  return report.models.some((m) =>
    [m.base?.precision, m.head?.precision].some((p) => p !== undefined && p !== 'fp32'),
  );
}

export function provenanceSection(report: ComparisonReport): Block[] {
  const sources = [
    '- **Energy**: the sum of per-kernel predictions (the model is split into the fused kernels an edge runtime executes) by the predictor bundle of each target, listed below; predictors follow DeepEn2023 (Tu et al., *Unveiling Energy Efficiency in Deep Learning: Measurement, Prediction, and Scoring across Edge Devices*, ACM/IEEE SEC 2023).\n',
    '- **Range**: each kernel’s 90% interval from the bundle’s known per-kernel error (measured ÷ predicted), summed over the model’s kernels.\n',
    '- **Score and grade**: 100 × the energy of MobileNetV1 (224×224) on the same target ÷ the model’s energy, after DeepEn2023’s inference energy consumption score; grades are factor-of-two bands (A+ ≥ 400, A ≥ 200, B ≥ 100, C ≥ 50, D ≥ 25, E ≥ 12.5).\n',
    `- **Inferences per 1% battery**: 1% of the device’s battery (capacity from DeepEn2023’s device table, at a nominal ${NOMINAL_BATTERY_VOLTAGE} V) ÷ the energy per inference; inference only, no screen, radio or idle power.\n`,
    "- **MACs, parameters, bytes**: counted from the model graph (ONNX or TFLite) at the analysed input shape; **precision** from its tensors' stored types (fp32, fp16, int8, int8-dynamic, int16x8).\n",
    '- **Unchanged**: a change under the configured noise floor.\n',
    '- **Fallback, extrapolated**: kernel types without a regressor of their own are priced by the bundle’s `others` regressor from FLOPs and bytes; a kernel more than 25% beyond the FLOPs or bytes its regressor was trained on is priced by extrapolation. Both are less accurate than the ranges say.\n',
    ...(hasReducedPrecision(report) ? [`- ${PRECISION_PRICING}\n`] : []),
  ];
  return [
    details('Predictor provenance and known accuracy', [
      { open: '', children: sources, close: '\n' },
      ...(report.bundles.length > 0 ? [table(PROVENANCE_COLUMNS, report.bundles)] : []),
    ]),
  ];
}

const PROVENANCE_COLUMNS: readonly Column<BundleProvenance>[] = [
  { header: 'Bundle', value: (b) => inlineCode(b.id, { inTable: true, max: 80 }) },
  { header: 'Device', value: (b) => escapeMarkdown(b.device, 80) },
  { header: 'Processor', value: (b) => b.processor.toUpperCase() },
  { header: 'Method', value: (b) => METHOD_WORDS[b.method] ?? escapeMarkdown(b.method, 40) },
  { header: 'Source', value: (b) => escapeMarkdown(b.source, PROVENANCE_TEXT_MAX) },
  { header: 'Known accuracy', value: (b) => escapeMarkdown(accuracyText(b.accuracy), PROVENANCE_TEXT_MAX) },
];

export function configSection(report: ComparisonReport, setting: ReportSetting): Block[] {
  if (report.configChanges.length === 0) return [];
  const cli = setting.budgets !== undefined;
  const lead =
    report.budgetsFrom === 'base'
      ? cli
        ? 'Budgets are read from the merge base; the working tree would change:'
        : 'Budgets are read from the merge base; this PR would change:'
      : cli
        ? 'Budgets are read from the working tree (`--budgets-from head`); it changes:'
        : 'Budgets are read from this PR (`budgets-from: head`); it changes:';
  return [
    details('Config changes', [
      paragraph(lead),
      {
        open: '',
        children: report.configChanges.map((c) => `- ${escapeWithCode(c, { max: 300 })}\n`),
        close: '\n',
      },
    ]),
  ];
}

/** "Notes (1)", "Warnings (2)", "Warnings (1) and notes (3)": what the folded section holds. */
export function notesTitle(warnings: number, notes: number): string {
  const title = [
    ...(warnings > 0 ? [`warnings (${formatInteger(warnings)})`] : []),
    ...(notes > 0 ? [`notes (${formatInteger(notes)})`] : []),
  ].join(' and ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * The run's warnings (first, marked ⚠️) and each shown model's analysis notes, at most `limit` of
 * them; the rest are counted, by kind, as being in the job summary (which has no limit).
 */
export function notesSection(
  report: ComparisonReport,
  models: readonly ModelComparison[],
  limit: number,
): Block[] {
  const warnings = report.warnings.map((w) => `- ⚠️ ${escapeWithCode(w, { max: 500 })}\n`);
  const notes = models.flatMap((m) =>
    m.notes.map((n) => `- ${modelText(m)}: ${escapeWithCode(n, { max: 500 })}\n`),
  );
  if (warnings.length + notes.length === 0) return [];
  const shownWarnings = warnings.slice(0, limit);
  const shownNotes = notes.slice(0, Math.max(0, limit - shownWarnings.length));
  const left = [
    ...(warnings.length > shownWarnings.length
      ? [plural(warnings.length - shownWarnings.length, 'more warning')]
      : []),
    ...(notes.length > shownNotes.length ? [plural(notes.length - shownNotes.length, 'more note')] : []),
  ];
  const children = [
    ...shownWarnings,
    ...shownNotes,
    ...(left.length > 0 ? [`- *${left.join(' and ')} in the job summary.*\n`] : []),
  ];
  return [details(notesTitle(warnings.length, notes.length), [{ open: '', children, close: '\n' }])];
}

export function footer(report: ComparisonReport, links: { summaryUrl?: string; runUrl?: string }): Block[] {
  const parts = [`model-energy-check ${escapeMarkdown(report.tool.version, 40)}`];
  const summary = safeUrl(links.summaryUrl);
  const run = safeUrl(links.runUrl);
  if (summary !== undefined) parts.push(`[job summary](${summary})`);
  if (run !== undefined) parts.push(`[workflow run](${run})`);
  return [paragraph(`<sub>${parts.join(' · ')}</sub>`)];
}
