import type {
  BudgetReason,
  BudgetResult,
  BudgetStatus,
  ModelComparison,
  Target,
  TargetComparison,
  TargetEnergy,
} from '../compare/types.js';
import { escapeMarkdown, inlineCode } from './escape.js';
import { reasonText } from './reasons.js';
import { type ReasonGroup, groupOf, targetsPhrase } from './reason-groups.js';
import { formatDeltaMj, formatEnergyWithRange, formatInteger, formatPct } from '../format/numbers.js';

/** Words and marks: the cells of the report's tables and the names of models and targets. */

export const STATUS_MARK: Readonly<Record<BudgetStatus, string>> = { pass: '✅', warn: '⚠️', fail: '❌' };
export const SEVERITY: Readonly<Record<BudgetStatus, number>> = { pass: 0, warn: 1, fail: 2 };

const path = (p: string): string => inlineCode(p, { inTable: true, max: 300 });
const pathText = (p: string): string => inlineCode(p, { max: 300 });

export function targetLabel(target: Target): string {
  return `${escapeMarkdown(target.deviceName, 80)} ${target.processor.toUpperCase()}`;
}

/** The base path when it differs from the head's: a rename, or two files compared by the CLI. */
function previousPath(m: ModelComparison): string | undefined {
  return m.previousPath !== undefined && m.previousPath !== m.path ? m.previousPath : undefined;
}

export function modelCell(m: ModelComparison): string {
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

/** The model a target's cell is one row of: a reason shared by several of its targets is said once. */
export interface CellContext {
  readonly targets: readonly TargetComparison[];
  readonly groups: readonly ReasonGroup[];
}

export function budgetCell(t: TargetComparison, model?: CellContext): string {
  const { budget } = t;
  if (t.change === 'removed' && removedUnchecked(budget)) return REMOVED_BUDGET_CELL;
  if (noBudgetApplied(budget)) return NO_BUDGET_CELL;
  const { status, reasons } = budget;
  const parts = model === undefined ? reasons.map((r) => reasonCell(r)) : sharedParts(t, model);
  const shown = parts.slice(0, 3);
  if (parts.length > shown.length) shown.push(`${parts.length - shown.length} more`);
  return [STATUS_MARK[status], shown.join('; ')].filter((s) => s !== '').join(' ');
}

const reasonCell = (r: BudgetReason): string => escapeMarkdown(reasonText(r), 160);

/**
 * A row's reasons where its model's other rows share some: a shared reason is written on the first
 * target it holds on, with the targets named, and pointed to from the others.
 */
function sharedParts(t: TargetComparison, model: CellContext): string[] {
  const parts: string[] = [];
  const done = new Set<ReasonGroup>();
  for (const reason of t.budget.reasons) {
    const group = groupOf(model.groups, t, reason);
    if (group === undefined || group.targets.length === 1) {
      parts.push(reasonCell(reason));
      continue;
    }
    if (done.has(group)) continue;
    done.add(group);
    const first = group.targets[0]!;
    const level = group.level === 'fail' ? 'failure' : 'warning';
    parts.push(
      first === t
        ? `${group.reasons.map(reasonCell).join('; ')} (${targetsPhrase(group.targets, model.targets, targetLabel)})`
        : `same ${level}${group.reasons.length > 1 ? 's' : ''} as ${targetLabel(first.target)}`,
    );
  }
  return parts;
}

/** A model priced with size dims set to 1: its energy is a tiny input's, so no grade or battery figure. */
export const UNSIZED_CELL = '— not at a real input size';

export function isUnsized(m: ModelComparison): boolean {
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

export function energyCell(e: TargetEnergy | undefined): string {
  return e ? formatEnergyWithRange(e.energyMj, e.energyRangeMj) : '—';
}

export function delta(t: TargetComparison): { mj?: number; pct?: number } {
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
