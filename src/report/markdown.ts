import { markdownTable } from 'markdown-table';
import { commentMarker } from './marker.js';
import { NOMINAL_BATTERY_VOLTAGE } from '../compare/score.js';
import type { KernelType } from '../kernels/types.js';
import type {
  BudgetResult,
  BudgetStatus,
  ComparisonReport,
  KernelChange,
  ModelComparison,
  ModelStats,
  Target,
  TargetComparison,
  TargetEnergy,
} from '../compare/types.js';
import { escapeHtml, escapeMarkdown, escapeWithCode, inlineCode, safeUrl } from './escape.js';
import {
  formatCount,
  formatDeltaMj,
  formatEnergyWithRange,
  formatInteger,
  formatMj,
  formatPct,
  formatRange,
  shortSha,
  significant,
} from '../format/numbers.js';
import { energyByTypeChart } from './mermaid.js';

/**
 * The comparison report as GitHub-flavoured Markdown: the sticky pull-request comment (this module)
 * and the job summary (summary.ts) share the sections built here. Pure functions of the report.
 */

// ---------------------------------------------------------------------------------------------------
// Blocks: rendered Markdown with its structure kept, so the job summary can be cut between rows and
// still close every table and <details> it opened.

export interface BlockGroup {
  readonly open: string;
  readonly children: readonly Block[];
  readonly close: string;
}

/** A piece of Markdown (ending with its own newlines) or a group that must be closed once opened. */
export type Block = string | BlockGroup;

export function blocksToString(blocks: readonly Block[]): string {
  let out = '';
  const visit = (block: Block): void => {
    if (typeof block === 'string') {
      out += block;
      return;
    }
    out += block.open;
    block.children.forEach(visit);
    out += block.close;
  };
  blocks.forEach(visit);
  return out;
}

const paragraph = (text: string): string => `${text}\n\n`;

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly string[],
): BlockGroup {
  const lines = markdownTable([header, ...rows], { align, alignDelimiters: false }).split('\n');
  return {
    open: `${lines.slice(0, 2).join('\n')}\n`,
    children: lines.slice(2).map((l) => `${l}\n`),
    close: '\n',
  };
}

function details(summary: string, children: readonly Block[]): BlockGroup {
  return {
    open: `<details><summary>${escapeHtml(summary)}</summary>\n\n`,
    children,
    close: '</details>\n\n',
  };
}

// ---------------------------------------------------------------------------------------------------
// Words and marks.

const STATUS_MARK: Readonly<Record<BudgetStatus, string>> = { pass: '✅', warn: '⚠️', fail: '❌' };
const SEVERITY: Readonly<Record<BudgetStatus, number>> = { pass: 0, warn: 1, fail: 2 };

const path = (p: string): string => inlineCode(p, { inTable: true, max: 300 });
const pathText = (p: string): string => inlineCode(p, { max: 300 });

export function targetLabel(target: Target): string {
  return `${escapeMarkdown(target.deviceName, 80)} ${target.processor.toUpperCase()}`;
}

/** The base path when it differs from the head's: a rename, or two files compared by the CLI. */
function previousPath(m: ModelComparison): string | undefined {
  return m.previousPath !== undefined && m.previousPath !== m.path ? m.previousPath : undefined;
}

function modelCell(m: ModelComparison): string {
  const before = previousPath(m);
  const paths = before !== undefined ? `${path(before)} → ${path(m.path)}` : path(m.path);
  switch (m.status) {
    case 'added':
      return `${path(m.path)} *new*`;
    case 'removed':
      return `${path(m.path)} *removed*`;
    case 'renamed':
      return `${paths} *renamed*`;
    case 'modified':
      return paths;
  }
}

export function modelText(m: ModelComparison): string {
  const before = m.status === 'added' || m.status === 'removed' ? undefined : previousPath(m);
  return before !== undefined ? `${pathText(before)} → ${pathText(m.path)}` : pathText(m.path);
}

/** A modified or renamed model whose base version could not be analysed: judged without a baseline. */
export function lacksBaseline(m: ModelComparison): boolean {
  return m.error === undefined && (m.status === 'modified' || m.status === 'renamed') && m.base === undefined;
}

/** Analysed, but priced on no energy target (its error then says why). */
export function isUnpriced(m: ModelComparison): boolean {
  return m.error !== undefined && m.head !== undefined;
}

/** A pass with no budget applying to the model and target: nothing was checked, so no ✅. */
function noBudgetApplied(budget: BudgetResult): boolean {
  return budget.status === 'pass' && budget.applied !== undefined && budget.applied.length === 0;
}

export const NO_BUDGET_CELL = '— no budget';
/** A removed model or target has no head energy: no budget applies, so no ✅ either. */
export const REMOVED_BUDGET_CELL = '— removed';

/** A passing result that checked nothing (no reasons) on a target with no head energy. */
function removedUnchecked(budget: BudgetResult): boolean {
  return budget.status === 'pass' && budget.reasons.length === 0;
}

function budgetCell(t: TargetComparison): string {
  const { budget } = t;
  if (t.change === 'removed' && removedUnchecked(budget)) return REMOVED_BUDGET_CELL;
  if (noBudgetApplied(budget)) return NO_BUDGET_CELL;
  const { status, reasons } = budget;
  const shown = reasons.slice(0, 3).map((r) => escapeMarkdown(r, 160));
  if (reasons.length > shown.length) shown.push(`${reasons.length - shown.length} more`);
  return [STATUS_MARK[status], shown.join('; ')].filter((s) => s !== '').join(' ');
}

/** A model priced with size dims set to 1: its energy is a tiny input's, so no grade or battery figure. */
export const UNSIZED_CELL = '— not at a real input size';

function isUnsized(m: ModelComparison): boolean {
  return (m.unsetDims?.length ?? 0) > 0;
}

/** Grade and battery describe the head: a removed model (or target) has none, never the base's. */
export function gradeCell(
  m: ModelComparison,
  base: TargetEnergy | undefined,
  head: TargetEnergy | undefined,
): string {
  if (!head) return '—';
  if (isUnsized(m)) return UNSIZED_CELL;
  if (base) return base.grade === head.grade ? head.grade : `${base.grade} → ${head.grade}`;
  return head.grade;
}

function energyCell(e: TargetEnergy | undefined): string {
  return e ? formatEnergyWithRange(e.energyMj, e.energyRangeMj) : '—';
}

function delta(t: TargetComparison): { mj?: number; pct?: number } {
  const mj = t.deltaMj ?? (t.base && t.head ? t.head.energyMj - t.base.energyMj : undefined);
  const pct =
    t.deltaPct ??
    (mj !== undefined && t.base && t.base.energyMj > 0 ? (100 * mj) / t.base.energyMj : undefined);
  return { ...(mj !== undefined ? { mj } : {}), ...(pct !== undefined ? { pct } : {}) };
}

export function deltaCells(m: ModelComparison, t: TargetComparison): [string, string] {
  const { mj, pct } = delta(t);
  switch (t.change) {
    case 'unchanged':
      return ['unchanged', ''];
    case 'new':
      return [lacksBaseline(m) ? 'no baseline' : 'new', ''];
    case 'removed':
      return ['removed', ''];
    case 'increase':
    case 'decrease':
      return [
        mj !== undefined ? formatDeltaMj(mj) : '',
        pct !== undefined ? `${t.change === 'increase' ? '▲' : '▼'} ${formatPct(pct, true)}` : '',
      ];
  }
}

export function batteryCell(m: ModelComparison, t: TargetComparison): string {
  if (t.head && isUnsized(m)) return UNSIZED_CELL;
  const n = t.head?.inferencesPerBatteryPercent;
  if (n === undefined) return '—';
  return Number.isFinite(n) ? formatInteger(n) : '∞';
}

// ---------------------------------------------------------------------------------------------------
// Ordering and counts.

/** |change| used to rank models: errors, new and removed models first, then the largest relative change. */
function magnitude(m: ModelComparison): number {
  if (m.error !== undefined || m.status === 'added' || m.status === 'removed')
    return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (const t of m.targets) {
    if (t.change === 'new' || t.change === 'removed') return Number.POSITIVE_INFINITY;
    if (t.change === 'unchanged') continue;
    const { pct, mj } = delta(t);
    worst = Math.max(
      worst,
      pct !== undefined ? Math.abs(pct) : mj !== undefined ? Number.POSITIVE_INFINITY : 0,
    );
  }
  return worst;
}

/** Failing, then warning models; within each, the largest |change| first; then by path. */
export function rankModels(models: readonly ModelComparison[]): ModelComparison[] {
  const keyed = models.map((m) => ({ m, severity: SEVERITY[m.budget], size: magnitude(m) }));
  keyed.sort(
    (a, b) =>
      b.severity - a.severity ||
      (a.size === b.size ? 0 : b.size > a.size ? 1 : -1) ||
      (a.m.path < b.m.path ? -1 : a.m.path > b.m.path ? 1 : 0),
  );
  return keyed.map((k) => k.m);
}

type ModelChange =
  | 'error'
  | 'unpriced'
  | 'new'
  | 'no-baseline'
  | 'removed'
  | 'increased'
  | 'decreased'
  | 'mixed'
  | 'unchanged';

function modelChange(m: ModelComparison): ModelChange {
  if (isUnpriced(m)) return 'unpriced';
  if (m.error !== undefined) return 'error';
  if (m.status === 'added') return 'new';
  if (lacksBaseline(m)) return 'no-baseline';
  if (m.status === 'removed') return 'removed';
  const up = m.targets.some((t) => t.change === 'increase');
  const down = m.targets.some((t) => t.change === 'decrease');
  return up && down ? 'mixed' : up ? 'increased' : down ? 'decreased' : 'unchanged';
}

const CHANGE_WORDS: Readonly<Record<ModelChange, string>> = {
  error: 'not analysed',
  unpriced: 'not priced',
  new: 'new',
  'no-baseline': 'without baseline',
  removed: 'removed',
  increased: 'increased',
  decreased: 'decreased',
  mixed: 'up on some targets, down on others',
  unchanged: 'unchanged',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** "3 models: 1 fail, 2 pass · 1 increased, 1 new, 1 unchanged". */
export function modelCounts(models: readonly ModelComparison[]): string {
  const statuses = (['fail', 'warn', 'pass'] as const)
    .map((s) => [s, models.filter((m) => m.budget === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const changes = (Object.keys(CHANGE_WORDS) as ModelChange[])
    .map((c) => [c, models.filter((m) => modelChange(m) === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${CHANGE_WORDS[c]}`);
  return `${plural(models.length, 'model')}: ${statuses.join(', ')} · ${changes.join(', ')}`;
}

function targetCount(report: ComparisonReport): number {
  // The run's targets are its bundles, also those no model could be priced on.
  const keys = new Set<string>(report.bundles.map((b) => b.id));
  for (const m of report.models) for (const t of m.targets) keys.add(t.target.bundle);
  return keys.size;
}

/** The target with the largest relative increase (the report's worst change), if any had a baseline. */
function worstTarget(
  report: ComparisonReport,
): { model: ModelComparison; target: TargetComparison } | undefined {
  let best: { model: ModelComparison; target: TargetComparison; pct: number } | undefined;
  for (const model of report.models) {
    for (const target of model.targets) {
      const { pct } = delta(target);
      if (pct === undefined || !target.base || !target.head) continue;
      if (target.change !== 'increase' && target.change !== 'decrease') continue;
      if (!best || pct > best.pct) best = { model, target, pct };
    }
  }
  return best;
}

function isUnchangedOnly(report: ComparisonReport): boolean {
  return (
    report.models.length > 0 &&
    report.models.every(
      (m) =>
        m.error === undefined &&
        (m.status === 'modified' || m.status === 'renamed') &&
        m.budget === 'pass' &&
        m.targets.every((t) => t.change === 'unchanged'),
    )
  );
}

// ---------------------------------------------------------------------------------------------------
// Sections.

const VERDICT_WORDS: Readonly<Record<BudgetStatus, string>> = {
  pass: 'pass',
  warn: 'warning',
  fail: 'fail',
};

/** Where the budgets of a CLI run came from: a config file (that may be missing: the defaults apply). */
export interface BudgetSource {
  readonly file: string;
  readonly exists: boolean;
  /** e.g. "at the merge base", "in the working tree". */
  readonly at?: string;
}

/** What a report was made from beyond what it says itself: set by the CLI, absent for the action. */
export interface ReportSetting {
  /** The CLI's config file; without it, the action's wording (base or head commit). */
  readonly budgets?: BudgetSource;
}

/** Budgets were evaluated on some target, and none applied to any model there. */
function noBudgetApplies(report: ComparisonReport): boolean {
  const evaluated = report.models.flatMap((m) => m.targets.filter((t) => t.budget.applied !== undefined));
  return evaluated.length > 0 && evaluated.every((t) => t.budget.applied?.length === 0);
}

function budgetsText(report: ComparisonReport, setting: ReportSetting): string {
  const b = setting.budgets;
  const none = report.budgetsConfigured === 0;
  let text: string;
  if (b === undefined) {
    const commit =
      report.budgetsFrom === 'head'
        ? 'head commit'
        : report.mergeBaseSha !== undefined
          ? `merge base ${inlineCode(shortSha(report.mergeBaseSha))}`
          : 'base commit';
    text = none ? `no budgets configured (config from the ${commit})` : `budgets from the ${commit}`;
  } else {
    const at = b.at !== undefined ? ` ${b.at}` : '';
    const file = inlineCode(b.file, { max: 300 });
    text = b.exists
      ? none
        ? `no budgets configured in ${file}${at}`
        : `budgets from ${file}${at}`
      : none
        ? `no budgets configured (no ${file}${at})`
        : `default budgets (no ${file}${at})`;
  }
  return !none && noBudgetApplies(report) ? `${text}; none applies to these models` : text;
}

/** A budget reason without the budget's globs it ends with, for the heading. */
function shortReason(reason: string): string {
  return escapeMarkdown(reason.replace(/ \(budget \d+: [^)]*\)$/, ''), 120);
}

/**
 * What a fail or warn verdict is about: the first model x target with the verdict's status in display
 * order, with its first reason, and how many more there are.
 */
function verdictCause(report: ComparisonReport): string | undefined {
  const level = report.verdict;
  if (level === 'pass') return undefined;
  let first: string | undefined;
  let firstIsTarget = false;
  let count = 0;
  let targets = 0;
  let errors = 0;
  for (const m of rankModels(report.models)) {
    if (m.error !== undefined) {
      if (level !== 'fail') continue;
      count += 1;
      errors += 1;
      first ??= `${modelText(m)}: ${isUnpriced(m) ? '' : 'not analysed: '}${escapeWithCode(m.error, { max: 120 })}`;
      continue;
    }
    // The headline names the model's largest increase at this level, not its first target in table order.
    const byIncrease = [...m.targets].sort(
      (a, b) => (b.deltaPct ?? Number.NEGATIVE_INFINITY) - (a.deltaPct ?? Number.NEGATIVE_INFINITY) || 0,
    );
    for (const t of byIncrease) {
      if (t.budget.status !== level) continue;
      count += 1;
      targets += 1;
      const reason = t.budget.reasons[0];
      if (first === undefined) firstIsTarget = true;
      first ??= `${modelText(m)} on ${targetLabel(t.target)}${reason !== undefined ? `: ${shortReason(reason)}` : ''}`;
    }
  }
  const problems = report.problems?.length ?? 0;
  if (first === undefined)
    return problems > 0
      ? problems === 1
        ? 'a problem with the run, below'
        : `${problems} problems with the run, below`
      : undefined;
  if (count <= 1) return first;
  const more = [
    ...(targets - (firstIsTarget ? 1 : 0) > 0
      ? [plural(targets - (firstIsTarget ? 1 : 0), 'more target')]
      : []),
    ...(errors - (firstIsTarget ? 0 : 1) > 0
      ? [plural(errors - (firstIsTarget ? 0 : 1), 'more model', 'more models')]
      : []),
  ];
  return `${first} (and ${more.join(', ')})`;
}

/** "1 new model", "2 removed models": what a statement about changes does not cover. */
function addedRemoved(report: ComparisonReport): string {
  const added = report.models.filter((m) => m.status === 'added').length;
  const removed = report.models.filter((m) => m.status === 'removed').length;
  const parts = [
    ...(added > 0 ? [plural(added, 'new model')] : []),
    ...(removed > 0 ? [plural(removed, 'removed model')] : []),
  ];
  return parts.map((p) => ` · ${p}`).join('');
}

/** A passing report's change: the worst increase, or how the decreases went when nothing increased. */
function passChange(report: ComparisonReport): string | undefined {
  const all = report.models.flatMap((m) => m.targets.map((target) => ({ model: m, target })));
  const compared = all.filter(({ target }) => target.base && target.head);
  // A change under the noise floor is no change: never a "worst change" of 0.00%.
  const changed = compared.filter(
    ({ target }) => target.change === 'increase' || target.change === 'decrease',
  );
  if (changed.some(({ target }) => target.change === 'increase')) {
    const worst = worstTarget(report);
    const worstPct = report.worstChangePct ?? (worst ? delta(worst.target).pct : undefined);
    if (worstPct === undefined) return undefined;
    // Name where it happened only when the report's number is that target's.
    const where =
      worst && delta(worst.target).pct === worstPct
        ? ` (${modelText(worst.model)}, ${targetLabel(worst.target.target)})`
        : '';
    return `worst change **${formatPct(worstPct, true)}**${where}${addedRemoved(report)}`;
  }
  const decreases = changed
    .map((c) => ({ ...c, pct: delta(c.target).pct }))
    .filter((c): c is typeof c & { pct: number } => c.pct !== undefined)
    .sort((a, b) => a.pct - b.pct);
  const largest = decreases[0];
  const smallest = decreases[decreases.length - 1];
  if (largest === undefined || smallest === undefined) return undefined;
  if (changed.length === compared.length && decreases.length === changed.length) {
    const low = formatPct(largest.pct, true);
    const high = formatPct(smallest.pct, true);
    const span = low === high ? low : `${low} to ${high}`;
    const complete = compared.length === all.length && report.models.every((m) => m.error === undefined);
    const which =
      (compared.length === 1 ? 'the only target' : `all ${formatInteger(compared.length)} targets`) +
      (complete ? '' : ' with a baseline');
    return `${which} decreased (**${span}**)${addedRemoved(report)}`;
  }
  return `largest decrease **${formatPct(largest.pct, true)}** (${modelText(largest.model)}, ${targetLabel(largest.target.target)}), others unchanged${addedRemoved(report)}`;
}

/**
 * The verdict heading and the line that says what was compared with what. `notesBelow`: the models
 * whose notes the document shows further down (none when only the verdict is shown).
 */
export function verdictBlocks(
  report: ComparisonReport,
  setting: ReportSetting = {},
  notesBelow: readonly ModelComparison[] = report.models,
): Block[] {
  const heading = `### ${STATUS_MARK[report.verdict]} ${verdictHeadline(report)}`;
  return [
    paragraph(heading),
    paragraph(verdictContext(report, setting)),
    ...problemLines(report),
    ...baselineWarning(report, notesBelow),
  ];
}

/** "Model energy: fail · what it is about", in inline Markdown. */
export function verdictHeadline(report: ComparisonReport): string {
  let heading = `Model energy: ${VERDICT_WORDS[report.verdict]}`;
  const cause = verdictCause(report);
  const change = report.verdict === 'pass' ? passChange(report) : undefined;
  if (cause !== undefined) {
    heading += ` · ${cause}`;
  } else if (change !== undefined) {
    heading += ` · ${change}`;
  } else if (report.models.length > 0 && report.models.every((m) => modelChange(m) === 'unchanged')) {
    heading += ' · no energy change above the noise floor';
  } else if (report.models.length > 0 && report.models.every((m) => m.status === 'added')) {
    heading += ' · new models, no baseline to compare';
  }

  return heading;
}

/** What was compared with what, the models and targets, and where the budgets came from (inline Markdown). */
export function verdictContext(report: ComparisonReport, setting: ReportSetting = {}): string {
  const refs: string[] = [];
  if (report.baseSha !== undefined || report.baseRef !== undefined) {
    const ref = report.baseRef !== undefined ? ` ${inlineCode(report.baseRef, { max: 100 })}` : '';
    const sha = report.baseSha !== undefined ? ` at ${inlineCode(shortSha(report.baseSha))}` : '';
    refs.push(`base${ref}${sha}`);
  }
  if (report.mergeBaseSha !== undefined) refs.push(`merge base ${inlineCode(shortSha(report.mergeBaseSha))}`);
  const head =
    report.headSha === undefined
      ? undefined
      : report.headIsWorkingTree
        ? `working tree (uncommitted changes on ${inlineCode(shortSha(report.headSha))})`
        : `head ${inlineCode(shortSha(report.headSha))}`;
  const what = [refs.join(', '), head].filter((s) => s !== undefined && s !== '').join(' → ');
  const scope =
    report.models.length === 0
      ? 'no changed models'
      : `${modelCounts(report.models)} · ${plural(targetCount(report), 'target')}`;
  return [what, scope, budgetsText(report, setting)].filter((s) => s !== '').join(' · ');
}

/** Problems with the run itself (an invalid config) lead the report. */
function problemLines(report: ComparisonReport): Block[] {
  return (report.problems ?? []).map((problem) => paragraph(`⚠️ ${escapeWithCode(problem)}`));
}

/** Models judged without a baseline are said at the top, not only in the folded notes. */
function baselineWarning(report: ComparisonReport, notesBelow: readonly ModelComparison[]): Block[] {
  const models = report.models.filter(lacksBaseline);
  if (models.length === 0) return [];
  // The notes say why the base could not be analysed: point to them only where they are shown.
  const why = models.some((m) => m.notes.length > 0 && notesBelow.includes(m))
    ? ' The notes below say why.'
    : '';
  const shown = models.slice(0, 5).map(modelText).join(', ');
  const more = models.length > 5 ? ` and ${plural(models.length - 5, 'more model')}` : '';
  const one = models.length === 1;
  return [
    paragraph(
      `⚠️ No baseline for ${shown}${more}: the base version${one ? '' : 's'} could not be analysed, so ${one ? 'its' : 'their'} budgets against the base (max increase) were not checked.${why}`,
    ),
  ];
}

function configNotice(report: ComparisonReport, setting: ReportSetting): Block[] {
  if (report.configChanges.length === 0) return [];
  const n = plural(report.configChanges.length, 'change');
  if (setting.budgets !== undefined) {
    const text =
      report.budgetsFrom === 'base'
        ? `⚙️ The working tree edits the energy config (${n}). Budgets are read from the merge base (\`--budgets-from base\`), so the edits apply only once committed and merged; see *Config changes* below.`
        : `⚙️ The working tree edits the energy config (${n}) and budgets are read from it (\`--budgets-from head\`); see *Config changes* below.`;
    return [paragraph(text)];
  }
  const text =
    report.budgetsFrom === 'base'
      ? `⚙️ This PR edits the energy config (${plural(report.configChanges.length, 'change')}). Budgets are read from the merge base, so they apply only after merge; see *Config changes* below.`
      : `⚙️ This PR edits the energy config (${plural(report.configChanges.length, 'change')}) and budgets are read from this PR (\`budgets-from: head\`); see *Config changes* below.`;
  return [paragraph(text)];
}

const MAIN_HEADER = [
  'Model',
  'Target',
  'Base',
  'Head',
  'Δ mJ',
  'Δ %',
  'Grade',
  'Inferences per 1% battery',
  'Budget',
];
const MAIN_ALIGN = ['l', 'l', 'r', 'r', 'r', 'r', 'c', 'r', 'l'];

function mainRows(m: ModelComparison): string[][] {
  const rows: string[][] = [];
  const first = (): string => (rows.length === 0 ? modelCell(m) : '');
  if (m.error !== undefined) {
    rows.push([first(), '—', '—', '—', isUnpriced(m) ? 'not priced' : 'error', '', '', '', errorCell(m)]);
  }
  for (const t of m.targets) {
    const [dMj, dPct] = deltaCells(m, t);
    rows.push([
      first(),
      targetLabel(t.target),
      energyCell(t.base),
      energyCell(t.head),
      dMj,
      dPct,
      gradeCell(m, t.base, t.head),
      batteryCell(m, t),
      budgetCell(t),
    ]);
  }
  if (rows.length === 0) {
    const removed = m.status === 'removed';
    const cell = removed && m.budget === 'pass' ? REMOVED_BUDGET_CELL : STATUS_MARK[m.budget];
    rows.push([first(), '—', '—', '—', removed ? 'removed' : 'no targets', '', '', '', cell]);
  }
  return rows;
}

function errorCell(m: ModelComparison): string {
  const text = escapeWithCode(m.error ?? '', { max: 200, inTable: true });
  return `${STATUS_MARK[m.budget]} ${isUnpriced(m) ? '' : 'not analysed: '}${text}`;
}

function mainTable(models: readonly ModelComparison[]): BlockGroup {
  return table(MAIN_HEADER, models.flatMap(mainRows), MAIN_ALIGN);
}

// The comment leads with one row per model; its per-target matrix is folded below.

const SUMMARY_HEADER = [
  'Model',
  'Worst target',
  'Base',
  'Head',
  'Δ %',
  'Change’s 90% range',
  'Grade',
  'Budget',
];
const SUMMARY_ALIGN = ['l', 'l', 'r', 'r', 'r', 'l', 'c', 'l'];

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
  const others = m.targets.filter((o) => o !== t && o.budget.status === status).length;
  const more = others > 0 ? ` (and ${plural(others, 'more target')})` : '';
  return `${STATUS_MARK[status]}${reason !== undefined ? ` ${shortReason(reason)}` : ''}${more}`;
}

function summaryRow(m: ModelComparison): string[] {
  const t = leadTarget(m);
  if (m.error !== undefined) return [modelCell(m), '—', '—', '—', '', '', '', errorCell(m)];
  if (t === undefined)
    return mainRows(m)[0]!
      .filter((_, i) => i !== 7)
      .slice(0, 8);
  const [dMj, dPct] = deltaCells(m, t);
  return [
    modelCell(m),
    targetLabel(t.target),
    energyCell(t.base),
    energyCell(t.head),
    dPct !== '' ? dPct : dMj,
    changeRangeText(t) ?? '—',
    gradeCell(m, t.base, t.head),
    summaryBudgetCell(m, t),
  ];
}

/** What the change's range is: said once, under the table that shows it. */
export const CHANGE_RANGE_LEGEND =
  '<sub>The change’s range counts only the kernels that differ between base and head: both are priced by the same regressors, so the error of the kernels they share cancels.</sub>';

function summaryBlocks(
  report: ComparisonReport,
  models: readonly ModelComparison[],
  matrixModels: readonly ModelComparison[],
): Block[] {
  const blocks: Block[] = [
    table(SUMMARY_HEADER, models.map(summaryRow), SUMMARY_ALIGN),
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

function mainTableBlocks(models: readonly ModelComparison[]): Block[] {
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

function statsSection(models: readonly ModelComparison[]): Block[] {
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

function kernelTable(changes: readonly KernelChange[]): BlockGroup {
  const rows = changes.map((k) => [
    k.baseName !== undefined && k.baseName !== k.name
      ? `${inlineCode(k.baseName, { inTable: true, max: 60 })} → ${inlineCode(k.name, { inTable: true, max: 60 })}`
      : inlineCode(k.name, { inTable: true, max: 80 }),
    escapeMarkdown(k.type, 40),
    kernelEnergy(k.baseMj, '— (new)'),
    kernelEnergy(k.headMj, '— (removed)'),
    formatDeltaMj(k.deltaMj),
  ]);
  return table(['Kernel', 'Type', 'Base', 'Head', 'Δ'], rows, ['l', 'l', 'r', 'r', 'r']);
}

/** Top kernel changes: in the comment the first `limit` on each model's primary target; in the summary all. */
function kernelSection(models: readonly ModelComparison[], scope: 'primary' | 'all', limit: number): Block[] {
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

function chartSection(models: readonly ModelComparison[]): Block[] {
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

function deviceSection(report: ComparisonReport, models: readonly ModelComparison[]): Block[] {
  const predicting = latencyBundles(report);
  const targets = models.flatMap((m) => m.targets);
  if (targets.length === 0) return [];
  const withLatency = targets.some((t) => predicting.has(t.target.bundle));
  const withExtrapolation = targets.some((t) => ((t.head ?? t.base)?.extrapolatedShare ?? 0) > 0);
  // [header, alignment, shown]: Latency only where some bundle predicts it, Extrapolated where any is.
  const columns: [string, 'l' | 'r', boolean][] = [
    ['Model', 'l', true],
    ['Target', 'l', true],
    ['Predictor', 'l', true],
    ['Base', 'r', true],
    ['Head', 'r', true],
    ['Latency', 'r', withLatency],
    ['Score (grade)', 'r', true],
    ['Fallback', 'l', true],
    ['Extrapolated', 'l', withExtrapolation],
  ];
  const rows: string[][] = [];
  for (const m of models) {
    m.targets.forEach((t, i) => {
      const score = (e: TargetEnergy | undefined): string | undefined =>
        e ? `${Number.isFinite(e.score) ? significant(e.score) : '∞'} (${e.grade})` : undefined;
      const latency = (e: TargetEnergy | undefined): string | undefined =>
        e?.latencyMs !== undefined ? `${significant(e.latencyMs)} ms` : undefined;
      const latencyCell = predicting.has(t.target.bundle)
        ? pair(latency(t.base), latency(t.head))
        : LATENCY_NOT_PREDICTED;
      const cells = [
        i === 0 ? modelCell(m) : '',
        targetLabel(t.target),
        inlineCode(t.target.bundle, { inTable: true, max: 80 }),
        perDeviceEnergy(t.base),
        perDeviceEnergy(t.head),
        latencyCell,
        isUnsized(m) ? UNSIZED_CELL : pair(score(t.base), score(t.head)),
        fallbackCell(t.head ?? t.base),
        extrapolatedCell(t.head ?? t.base),
      ];
      rows.push(cells.filter((_, c) => columns[c]![2]));
    });
  }
  const shown = columns.filter((c) => c[2]);
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
  return [
    details('Per-device details', [
      paragraph(lead),
      table(
        shown.map((c) => c[0]),
        rows,
        shown.map((c) => c[1]),
      ),
    ]),
  ];
}

export const METHOD_WORDS: Readonly<Record<string, string>> = {
  trained: 'trained on the device’s kernel measurements',
  'calibrated-transfer': 'transferred from a measured device, calibrated',
  external: 'regressors fitted elsewhere, brought with their own manifest',
};

function provenanceSection(report: ComparisonReport): Block[] {
  const sources = [
    '- **Energy**: the sum of per-kernel predictions (the model is split into the fused kernels an edge runtime executes) by the predictor bundle of each target, listed below; predictors follow DeepEn2023 (Tu et al., *Unveiling Energy Efficiency in Deep Learning: Measurement, Prediction, and Scoring across Edge Devices*, ACM/IEEE SEC 2023).\n',
    '- **Range**: each kernel’s 90% interval from the bundle’s known per-kernel error (measured ÷ predicted), summed over the model’s kernels.\n',
    '- **Score and grade**: 100 × the energy of MobileNetV1 (224×224) on the same target ÷ the model’s energy, after DeepEn2023’s inference energy consumption score; grades are factor-of-two bands (A+ ≥ 400, A ≥ 200, B ≥ 100, C ≥ 50, D ≥ 25, E ≥ 12.5).\n',
    `- **Inferences per 1% battery**: 1% of the device’s battery (capacity from DeepEn2023’s device table, at a nominal ${NOMINAL_BATTERY_VOLTAGE} V) ÷ the energy per inference; inference only, no screen, radio or idle power.\n`,
    "- **MACs, parameters, bytes**: counted from the model graph (ONNX or TFLite) at the analysed input shape; **precision** from its tensors' stored types (fp32, fp16, int8, int8-dynamic, int16x8).\n",
    '- **Unchanged**: a change under the configured noise floor.\n',
    '- **Fallback, extrapolated**: kernel types without a regressor of their own are priced by the bundle’s `others` regressor from FLOPs and bytes; a kernel more than 25% beyond the FLOPs or bytes its regressor was trained on is priced by extrapolation. Both are less accurate than the ranges say.\n',
  ];
  const rows = report.bundles.map((b) => [
    inlineCode(b.id, { inTable: true, max: 80 }),
    escapeMarkdown(b.device, 80),
    b.processor.toUpperCase(),
    METHOD_WORDS[b.method] ?? escapeMarkdown(b.method, 40),
    escapeMarkdown(b.source, 200),
    escapeMarkdown(b.accuracy, 200),
  ]);
  return [
    details('Predictor provenance and known accuracy', [
      { open: '', children: sources, close: '\n' },
      ...(rows.length > 0
        ? [
            table(['Bundle', 'Device', 'Processor', 'Method', 'Source', 'Known accuracy'], rows, [
              'l',
              'l',
              'l',
              'l',
              'l',
              'l',
            ]),
          ]
        : []),
    ]),
  ];
}

function configSection(report: ComparisonReport, setting: ReportSetting): Block[] {
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
function notesSection(report: ComparisonReport, models: readonly ModelComparison[], limit: number): Block[] {
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

function unchangedSection(report: ComparisonReport, models: readonly ModelComparison[]): Block[] {
  const renamed = models.filter((m) => m.status === 'renamed');
  const text =
    `No energy change above the noise floor: ${plural(report.models.length, 'model')} × ${plural(targetCount(report), 'target')}, all within budget.` +
    (renamed.length > 0 ? ` Renamed: ${renamed.map(modelText).join(', ')}.` : '');
  return [paragraph(text), details('Energy per model and target', mainTableBlocks(models))];
}

function footer(report: ComparisonReport, links: { summaryUrl?: string; runUrl?: string }): Block[] {
  const parts = [`model-energy-check ${escapeMarkdown(report.tool.version, 40)}`];
  const summary = safeUrl(links.summaryUrl);
  const run = safeUrl(links.runUrl);
  if (summary !== undefined) parts.push(`[job summary](${summary})`);
  if (run !== undefined) parts.push(`[workflow run](${run})`);
  return [paragraph(`<sub>${parts.join(' · ')}</sub>`)];
}

// ---------------------------------------------------------------------------------------------------
// Documents.

export interface DocumentPlan {
  /** The PR comment, the job summary, or the CLI's output (complete, with nothing to point to). */
  readonly audience: 'comment' | 'summary' | 'cli';
  /** Models to show, in display order. */
  readonly models: readonly ModelComparison[];
  /**
   * Comment only: the models whose per-target rows the folded matrix shows (all of `models` by
   * default); every model in `models` keeps its row in the summary table.
   */
  readonly matrixModels?: readonly ModelComparison[];
  /** Kernel changes, charts and per-device tables. */
  readonly kernelDetail: boolean;
  /** What was cut, said at the top (comment only). */
  readonly cutNotice?: string;
  readonly omittedModels?: readonly ModelComparison[];
  readonly summaryUrl?: string;
  readonly runUrl?: string;
  readonly setting?: ReportSetting;
}

const COMMENT_KERNEL_ROWS = 5;
const COMMENT_NOTES = 20;

/** The report as blocks; the comment and the job summary differ only in their plan. */
export function reportBlocks(report: ComparisonReport, plan: DocumentPlan): Block[] {
  const setting = plan.setting ?? {};
  const { models } = plan;
  const blocks: Block[] = [...verdictBlocks(report, setting, models)];
  if (plan.cutNotice !== undefined) blocks.push(paragraph(plan.cutNotice));
  blocks.push(...configNotice(report, setting));
  const comment = plan.audience === 'comment';
  if (report.models.length === 0) {
    blocks.push(paragraph('No changed model matched the `models` globs.'));
  } else if (isUnchangedOnly(report)) {
    blocks.push(...unchangedSection(report, models));
  } else {
    const matrixModels = comment ? (plan.matrixModels ?? models) : models;
    blocks.push(...(comment ? summaryBlocks(report, models, matrixModels) : mainTableBlocks(models)));
    const omitted = plan.omittedModels ?? [];
    if (omitted.length > 0) {
      blocks.push(paragraph(`*Not shown here: ${modelCounts(omitted)}.*`));
    }
    blocks.push(...statsSection(matrixModels));
    if (plan.kernelDetail) {
      blocks.push(
        ...kernelSection(
          models,
          plan.audience === 'summary' ? 'all' : 'primary',
          comment ? COMMENT_KERNEL_ROWS : Number.POSITIVE_INFINITY,
        ),
        ...chartSection(models),
        ...deviceSection(report, models),
      );
    }
  }
  blocks.push(
    ...provenanceSection(report),
    ...configSection(report, setting),
    ...notesSection(report, models, comment ? COMMENT_NOTES : Number.POSITIVE_INFINITY),
    ...footer(report, plan),
  );
  return blocks;
}

// ---------------------------------------------------------------------------------------------------
// The CLI's report.

/**
 * The report as `model-energy compare` prints it: the comment's content without the marker the
 * action's comment is found by, never cut, every note and each model's kernel changes on its primary
 * target in full, worded for a local run (the config file, the working tree).
 */
export function renderCliReport(report: ComparisonReport, setting: ReportSetting = {}): string {
  const blocks = reportBlocks(report, {
    audience: 'cli',
    models: rankModels(report.models),
    kernelDetail: true,
    setting,
  });
  return `${blocksToString(blocks).trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------------
// The sticky comment.

export { commentMarker };

export type TruncationStage = 'kernel-detail' | 'per-target' | 'models' | 'verdict-only';

export interface CommentOptions {
  /** Tells comments apart when several reports go to one PR (the action's `comment-key`). */
  readonly key: string;
  /** Default 60,000: under GitHub's 65,536-character limit with room to spare. */
  readonly maxChars?: number;
  readonly summaryUrl?: string;
  readonly runUrl?: string;
}

export interface RenderedComment {
  readonly body: string;
  /** The cutting stages applied, in order; empty when the comment is complete. */
  readonly truncated: TruncationStage[];
}

export const DEFAULT_COMMENT_MAX_CHARS = 60_000;

function summaryPointer(options: CommentOptions): string {
  const summary = safeUrl(options.summaryUrl);
  const run = safeUrl(options.runUrl);
  if (summary !== undefined) return `the [job summary](${summary})`;
  if (run !== undefined) return `the job summary of [this workflow run](${run})`;
  return 'the job summary of this workflow run';
}

function cutNotice(options: CommentOptions, cut: readonly string[]): string {
  const list =
    cut.length <= 1 ? (cut[0] ?? '') : `${cut.slice(0, -1).join(', ')} and ${cut[cut.length - 1] ?? ''}`;
  return `> ✂️ Shortened to fit GitHub’s comment size limit, leaving out ${list}. The full report is in ${summaryPointer(options)}.`;
}

/**
 * One sticky pull-request comment: the marker line, the verdict, the per model × target table, the
 * structure deltas and folded detail. Kept under `maxChars` by cutting in stages: kernel-level detail,
 * then all but the models that fail, warn or changed most, then everything but the verdict. Each stage
 * applied is listed in `truncated` and said in the comment.
 */
export function renderComment(report: ComparisonReport, options: CommentOptions): RenderedComment {
  const maxChars = options.maxChars ?? DEFAULT_COMMENT_MAX_CHARS;
  const marker = `${commentMarker(options.key)}\n`;
  const links = {
    ...(options.summaryUrl !== undefined ? { summaryUrl: options.summaryUrl } : {}),
    ...(options.runUrl !== undefined ? { runUrl: options.runUrl } : {}),
  };
  const ranked = rankModels(report.models);
  const render = (plan: Omit<DocumentPlan, 'audience' | 'summaryUrl' | 'runUrl'>): string =>
    (marker + blocksToString(reportBlocks(report, { audience: 'comment', ...links, ...plan }))).trimEnd() +
    '\n';

  const full = render({ models: ranked, kernelDetail: true });
  if (full.length <= maxChars) return { body: full, truncated: [] };

  const detailWords = 'kernel-level and per-device detail';
  const folded = render({
    models: ranked,
    kernelDetail: false,
    cutNotice: cutNotice(options, [detailWords]),
  });
  if (folded.length <= maxChars) return { body: folded, truncated: ['kernel-detail'] };

  // Then the per-target rows of all but the first models, every model keeping its summary row.
  const matrixWords = (k: number): string =>
    `the per-target rows of ${formatInteger(ranked.length - k)} of ${plural(ranked.length, 'model')} (every model keeps its row in the table)`;
  const perTarget = mostThatFit(ranked.length, maxChars, (k) =>
    render({
      models: ranked,
      matrixModels: ranked.slice(0, k),
      kernelDetail: false,
      cutNotice: cutNotice(options, [detailWords, matrixWords(k)]),
    }),
  );
  if (perTarget !== undefined) return { body: perTarget, truncated: ['kernel-detail', 'per-target'] };

  // Then whole models, the ones that fail, then warn, then changed most kept; the notice counts the rest.
  const modelsWords = (k: number): string => {
    const omitted = ranked.slice(k);
    const count = (s: BudgetStatus) => omitted.filter((m) => m.budget === s).length;
    return (
      `${formatInteger(omitted.length)} of ${plural(ranked.length, 'model')} ` +
      `(not shown: ${formatInteger(count('fail'))} that fail, ${formatInteger(count('warn'))} that warn, ${formatInteger(count('pass'))} that pass; ` +
      'those that fail come first, then those that warn, then the largest changes)'
    );
  };
  const fewer = mostThatFit(
    ranked.length - 1,
    maxChars,
    (k) =>
      render({
        models: ranked.slice(0, k),
        matrixModels: [],
        omittedModels: ranked.slice(k),
        kernelDetail: false,
        cutNotice: cutNotice(options, [detailWords, 'the per-target rows', modelsWords(k)]),
      }),
    1,
  );
  if (fewer !== undefined) return { body: fewer, truncated: ['kernel-detail', 'per-target', 'models'] };

  const verdictOnly =
    marker +
    blocksToString([
      ...verdictBlocks(report, {}, []),
      paragraph(cutNotice(options, ['the tables and all detail'])),
      ...footer(report, links),
    ]).trimEnd() +
    '\n';
  return {
    body: clip(verdictOnly, maxChars),
    truncated: ['kernel-detail', 'per-target', 'models', 'verdict-only'],
  };
}

/**
 * The body for the largest k in [min, max] whose body fits (bodies grow with k), or undefined when
 * not even `min` fits.
 */
function mostThatFit(
  max: number,
  maxChars: number,
  bodyFor: (k: number) => string,
  min = 0,
): string | undefined {
  let lo = min;
  let hi = max;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const body = bodyFor(mid);
    if (body.length <= maxChars) {
      best = body;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Last resort for absurdly small limits: whole lines only, so no entity or code span is cut in half. */
function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let out = '';
  for (const line of text.split('\n')) {
    if (out.length + line.length + 1 > maxChars) break;
    out += `${line}\n`;
  }
  return out;
}
