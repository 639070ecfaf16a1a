import type { ComparisonReport, ModelComparison, ModelStats, TargetComparison } from '../compare/types.js';
import { escapeWithCode } from './escape.js';
import { formatCount, formatPct } from '../format/numbers.js';
import { type Block, type BlockGroup, details, paragraph, table } from './blocks.js';
import {
  REMOVED_BUDGET_CELL,
  SEVERITY,
  STATUS_MARK,
  batteryCell,
  budgetCell,
  delta,
  deltaCells,
  energyCell,
  gradeCell,
  isUnpriced,
  modelCell,
  modelText,
  targetLabel,
} from './cells.js';
import { plural, targetCount } from './ranking.js';
import { shortReason } from './verdict.js';
import { reasonGroups, sharedBy, targetsPhrase } from './reason-groups.js';
import { pricingNotice } from './sections.js';
import type { Column } from './text-table.js';

/**
 * The per model × target tables: the full matrix, the comment’s one row per model, and the structure
 * lines.
 */

/** The cells of one row of the per-target matrix. */
interface MainRow {
  readonly model: string;
  readonly target: string;
  readonly base: string;
  readonly head: string;
  readonly deltaMj: string;
  readonly deltaPct: string;
  readonly grade: string;
  readonly battery: string;
  readonly budget: string;
}

const MAIN_COLUMNS: readonly Column<MainRow>[] = [
  { header: 'Model', value: (r) => r.model },
  { header: 'Target', value: (r) => r.target },
  { header: 'Base', align: 'r', value: (r) => r.base },
  { header: 'Head', align: 'r', value: (r) => r.head },
  { header: 'Δ mJ', align: 'r', value: (r) => r.deltaMj },
  { header: 'Δ %', align: 'r', value: (r) => r.deltaPct },
  { header: 'Grade', align: 'c', value: (r) => r.grade },
  { header: 'Inferences per 1% battery', align: 'r', value: (r) => r.battery },
  { header: 'Budget', value: (r) => r.budget },
];

/** A row without a priced target (an error, a removed model, no targets): its word and budget cell. */
function statusRow(model: string, word: string, budget: string): MainRow {
  return {
    model,
    target: '—',
    base: '—',
    head: '—',
    deltaMj: word,
    deltaPct: '',
    grade: '',
    battery: '',
    budget,
  };
}

function mainRows(m: ModelComparison): MainRow[] {
  const rows: MainRow[] = [];
  const first = (): string => (rows.length === 0 ? modelCell(m) : '');
  if (m.error !== undefined) {
    rows.push(statusRow(first(), isUnpriced(m) ? 'not priced' : 'error', errorCell(m)));
  }
  const model = { targets: m.targets, groups: reasonGroups(m.targets) };
  for (const t of m.targets) {
    const [deltaMj, deltaPct] = deltaCells(m, t);
    rows.push({
      model: first(),
      target: targetLabel(t.target),
      base: energyCell(t.base),
      head: energyCell(t.head),
      deltaMj,
      deltaPct,
      grade: gradeCell(m, t.base, t.head),
      battery: batteryCell(m, t),
      budget: budgetCell(t, model),
    });
  }
  if (rows.length === 0) {
    const removed = m.status === 'removed';
    const cell = removed && m.budget === 'pass' ? REMOVED_BUDGET_CELL : STATUS_MARK[m.budget];
    rows.push(statusRow(first(), removed ? 'removed' : 'no targets', cell));
  }
  return rows;
}

function errorCell(m: ModelComparison): string {
  const text = escapeWithCode(m.error ?? '', { max: 200, inTable: true });
  return `${STATUS_MARK[m.budget]} ${isUnpriced(m) ? '' : 'not analysed: '}${text}`;
}

function mainTable(models: readonly ModelComparison[]): BlockGroup {
  return table(MAIN_COLUMNS, models.flatMap(mainRows));
}

// The comment leads with one row per model; its per-target matrix is folded below.

/** The cells of a model's one row in the comment's leading table. */
interface SummaryRow {
  readonly model: string;
  readonly target: string;
  readonly base: string;
  readonly head: string;
  readonly change: string;
  readonly range: string;
  readonly grade: string;
  readonly budget: string;
}

const SUMMARY_COLUMNS: readonly Column<SummaryRow>[] = [
  { header: 'Model', value: (r) => r.model },
  { header: 'Worst target', value: (r) => r.target },
  { header: 'Base', align: 'r', value: (r) => r.base },
  { header: 'Head', align: 'r', value: (r) => r.head },
  { header: 'Δ %', align: 'r', value: (r) => r.change },
  { header: 'Change’s 90% range', value: (r) => r.range },
  { header: 'Grade', align: 'c', value: (r) => r.grade },
  { header: 'Budget', value: (r) => r.budget },
];

const byPct = (a: TargetComparison, b: TargetComparison): number => {
  const pa = delta(a).pct ?? Number.NEGATIVE_INFINITY;
  const pb = delta(b).pct ?? Number.NEGATIVE_INFINITY;
  return pa === pb ? 0 : pb > pa ? 1 : -1;
};

/** The target that speaks for a model: its worst budget status, then its largest increase, then energy. */
export function leadTarget(m: ModelComparison): TargetComparison | undefined {
  return [...m.targets].sort(
    (a, b) =>
      SEVERITY[b.budget.status] - SEVERITY[a.budget.status] ||
      byPct(a, b) ||
      (b.head?.energyMj ?? 0) - (a.head?.energyMj ?? 0),
  )[0];
}

/** "+1.2% to +9.8%: larger than its uncertainty", relative to the base energy. */
export function changeRangeText(t: TargetComparison): string | undefined {
  const range = t.deltaRangeMj;
  const base = t.base?.energyMj;
  if (range === undefined || base === undefined || base <= 0 || !t.head) return undefined;
  // No energy falls below zero: a range reaching past -100% of the base says "could vanish", no more.
  const [low, high] = [Math.max(-100, (100 * range[0]) / base), (100 * range[1]) / base];
  const beyond = range[0] > 0 || range[1] < 0;
  return `${formatPct(low, true)} to ${formatPct(high, true)}: ${beyond ? 'larger than' : 'within'} its uncertainty`;
}

function summaryBudgetCell(m: ModelComparison, t: TargetComparison): string {
  const status = t.budget.status;
  if (status === 'pass') return budgetCell(t);
  const reason = t.budget.reasons[0];
  const on = sharedBy(m.targets, t, reason);
  const others = m.targets.filter((o) => !on.includes(o) && o.budget.status === status).length;
  const where = [
    ...(on.length > 1 ? [targetsPhrase(on, m.targets, targetLabel)] : []),
    ...(others > 0 ? [`and ${plural(others, 'more target')}`] : []),
  ];
  const more = where.length > 0 ? ` (${where.join(', ')})` : '';
  return `${STATUS_MARK[status]}${reason !== undefined ? ` ${shortReason(reason)}` : ''}${more}`;
}

function summaryRow(m: ModelComparison): SummaryRow {
  const t = leadTarget(m);
  if (m.error !== undefined) return statusSummary(statusRow(modelCell(m), '', errorCell(m)));
  if (t === undefined) return statusSummary(mainRows(m)[0]!);
  const [dMj, dPct] = deltaCells(m, t);
  return {
    model: modelCell(m),
    target: targetLabel(t.target),
    base: energyCell(t.base),
    head: energyCell(t.head),
    change: dPct !== '' ? dPct : dMj,
    range: changeRangeText(t) ?? '—',
    grade: gradeCell(m, t.base, t.head),
    budget: summaryBudgetCell(m, t),
  };
}

/** A matrix row without a priced target, as the summary shows it: its word in the change column. */
function statusSummary(r: MainRow): SummaryRow {
  const { model, target, base, head, grade, budget } = r;
  return { model, target, base, head, change: r.deltaMj, range: '', grade, budget };
}

/** What the change's range is: said once, under the table that shows it. */
export const CHANGE_RANGE_LEGEND =
  '<sub>The change’s range counts only the kernels that differ between base and head: both are priced by the same regressors, so the error of the kernels they share cancels.</sub>';

export function summaryBlocks(
  report: ComparisonReport,
  models: readonly ModelComparison[],
  matrixModels: readonly ModelComparison[],
): Block[] {
  const blocks: Block[] = [
    table(SUMMARY_COLUMNS, models.map(summaryRow)),
    ...(models.some((m) => m.targets.some((t) => changeRangeText(t) !== undefined))
      ? [paragraph(CHANGE_RANGE_LEGEND)]
      : []),
  ];
  if (matrixModels.length > 0) {
    const title = `Per-target energy: ${plural(matrixModels.length, 'model')} × ${plural(targetCount(report), 'target')}`;
    blocks.push(details(title, mainTableBlocks(matrixModels)));
  }
  return blocks;
}

/** What the ± after an energy is: said once, under the table that shows it. */
export const RANGE_LEGEND =
  '<sub>± is the larger side of the prediction’s 90% range, which can be asymmetric; a model’s range is the sum of its kernels’ ranges, an upper bound.</sub>';

function hasEnergy(models: readonly ModelComparison[]): boolean {
  return models.some((m) => m.targets.some((t) => t.base !== undefined || t.head !== undefined));
}

export function mainTableBlocks(models: readonly ModelComparison[]): Block[] {
  return [
    mainTable(models),
    ...(hasEnergy(models) ? [paragraph(RANGE_LEGEND)] : []),
    ...pricingNotice(models),
  ];
}

function statPart(name: string, base: number | undefined, head: number | undefined, unit = ''): string {
  if (base === undefined && head !== undefined) return `${name} ${formatCount(head, unit)}`;
  if (head === undefined && base !== undefined) return `${name} ${formatCount(base, unit)}`;
  if (base === undefined || head === undefined) return '';
  if (base === head) return `${name} ${formatCount(head, unit)} (=)`;
  const pct = base > 0 ? ` (${formatPct((100 * (head - base)) / base, true)})` : '';
  return `${name} ${formatCount(base, unit)} → ${formatCount(head, unit)}${pct}`;
}

/** `precision int8`, or `precision fp32 → int8` when the PR changes it (a quantization shows here). */
function precisionPart(base: string | undefined, head: string | undefined): string {
  if (base === undefined && head === undefined) return '';
  if (base === undefined || head === undefined || base === head) return `precision ${head ?? base}`;
  return `**precision ${base} → ${head}**`;
}

export function statsLine(m: ModelComparison): string | undefined {
  const b: ModelStats | undefined = m.base;
  const h: ModelStats | undefined = m.head;
  if (!b && !h) return undefined;
  const parts = [
    statPart('MACs', b?.macs, h?.macs),
    statPart('params', b?.params, h?.params),
    statPart('bytes', b?.bytes, h?.bytes, 'B'),
    precisionPart(b?.precision, h?.precision),
  ].filter((p) => p !== '');
  // One side only: say which, so a base is never read as the head (or the other way round).
  const tag =
    m.status === 'added'
      ? ' (new)'
      : m.status === 'removed'
        ? ' (removed)'
        : !h
          ? ' (base; the head was not analysed)'
          : !b
            ? ' (head; the base was not analysed)'
            : '';
  return `- ${modelText(m)}${tag}: ${parts.join(' · ')}\n`;
}

export function statsSection(models: readonly ModelComparison[]): Block[] {
  const lines = models.map(statsLine).filter((l): l is string => l !== undefined);
  if (lines.length === 0) return [];
  return [
    {
      open: '**Structure** (MACs · parameters · bytes moved per inference · precision):\n\n',
      children: lines,
      close: '\n',
    },
  ];
}

export function unchangedSection(report: ComparisonReport, models: readonly ModelComparison[]): Block[] {
  const renamed = models.filter((m) => m.status === 'renamed');
  const text =
    `No energy change above the noise floor: ${plural(report.models.length, 'model')} × ${plural(targetCount(report), 'target')}, all within budget.` +
    (renamed.length > 0 ? ` Renamed: ${renamed.map(modelText).join(', ')}.` : '');
  return [paragraph(text), details('Energy per model and target', mainTableBlocks(models))];
}
