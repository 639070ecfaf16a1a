import { energyChanged, reportEnergyChanged } from '../compare/change.js';
import type { ComparisonReport, ModelComparison, TargetComparison } from '../compare/types.js';
import { formatInteger } from '../format/numbers.js';
import { SEVERITY, delta, isUnpriced, lacksBaseline } from './cells.js';

/** Ordering and counts: which model leads, what changed, how many of each. */

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
  | 'other-targets'
  | 'unchanged';

export function modelChange(m: ModelComparison): ModelChange {
  if (isUnpriced(m)) return 'unpriced';
  if (m.error !== undefined) return 'error';
  if (m.status === 'added') return 'new';
  if (lacksBaseline(m)) return 'no-baseline';
  if (m.status === 'removed') return 'removed';
  if (!energyChanged(m)) return 'unchanged';
  const up = m.targets.some((t) => t.change === 'increase');
  const down = m.targets.some((t) => t.change === 'decrease');
  return up && down ? 'mixed' : up ? 'increased' : down ? 'decreased' : 'other-targets';
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
  'other-targets': 'priced on other targets',
  unchanged: 'unchanged',
};

export function plural(n: number, one: string, many = `${one}s`): string {
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

export function targetCount(report: ComparisonReport): number {
  // The run's targets are its bundles, also those no model could be priced on.
  const keys = new Set<string>(report.bundles.map((b) => b.id));
  for (const m of report.models) for (const t of m.targets) keys.add(t.target.bundle);
  return keys.size;
}

/** The target with the largest relative increase (the report's worst change), if any had a baseline. */
export function worstTarget(
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

/** Every model kept its energy (see energyChanged) and passed: the short "no change" comment. */
export function isUnchangedOnly(report: ComparisonReport): boolean {
  return (
    report.models.length > 0 &&
    !reportEnergyChanged(report) &&
    report.models.every((m) => m.budget === 'pass')
  );
}
