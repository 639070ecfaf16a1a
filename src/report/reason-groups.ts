import type { BudgetReason, BudgetStatus, Target, TargetComparison } from '../compare/types.js';
import { formatInteger } from '../format/numbers.js';
import { reasonText } from './reasons.js';

/**
 * How the budget reasons of one model are listed: a reason that holds, at the same level, on several
 * of its targets is said once with those targets named compactly ("all 16 targets", "all 8 CPU
 * targets"), never once per target; reasons that differ (+27% here, +12% there) stay per target. The
 * JSON report stays per target: this is only how the renderers word it.
 */

export interface ReasonGroup {
  readonly level: Exclude<BudgetStatus, 'pass'>;
  /** Worst first, as each target lists them. */
  readonly reasons: readonly BudgetReason[];
  /** In the model's target order; never empty. */
  readonly targets: readonly TargetComparison[];
}

/** The level a reason stands for on its own: a limit's crossed level; the notes a budget adds warn. */
export function reasonLevel(reason: BudgetReason): Exclude<BudgetStatus, 'pass'> {
  switch (reason.kind) {
    case 'limit':
      return reason.level;
    case 'regression':
      return 'fail';
    case 'no-baseline':
    case 'unset-dims':
      return 'warn';
  }
}

/**
 * The model's reasons grouped: one group per level and set of targets sharing the same reasons, worst
 * level first, then in the order the targets list them.
 */
export function reasonGroups(targets: readonly TargetComparison[]): ReasonGroup[] {
  // First the targets of each reason (by level and wording), then the reasons of each such target set.
  const byReason = new Map<
    string,
    { level: ReasonGroup['level']; reason: BudgetReason; targets: TargetComparison[] }
  >();
  for (const t of targets) {
    for (const reason of t.budget.reasons) {
      const level = reasonLevel(reason);
      const key = `${level}\u0000${reasonText(reason)}`;
      const entry = byReason.get(key);
      if (entry === undefined) byReason.set(key, { level, reason, targets: [t] });
      else if (!entry.targets.includes(t)) entry.targets.push(t);
    }
  }
  const groups = new Map<
    string,
    { level: ReasonGroup['level']; reasons: BudgetReason[]; targets: TargetComparison[] }
  >();
  for (const { level, reason, targets: on } of byReason.values()) {
    const key = `${level}\u0000${on.map((t) => targets.indexOf(t)).join(',')}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { level, reasons: [reason], targets: on });
    else group.reasons.push(reason);
  }
  // Array.prototype.sort is stable: within a level, the order of first appearance stays.
  return [...groups.values()].sort((a, b) => (a.level === b.level ? 0 : a.level === 'fail' ? -1 : 1));
}

/**
 * The targets of a group in few words: "all 16 targets", "all 8 CPU targets", else their names.
 * `all`: the model's targets; `label`: a target's name in the document's syntax.
 */
export function targetsPhrase(
  on: readonly TargetComparison[],
  all: readonly TargetComparison[],
  label: (target: Target) => string,
): string {
  if (on.length > 1 && on.length === all.length) return `all ${formatInteger(on.length)} targets`;
  const processor = on[0]?.target.processor;
  const sameProcessor = all.filter((t) => t.target.processor === processor);
  if (
    on.length > 1 &&
    on.every((t) => t.target.processor === processor) &&
    on.length === sameProcessor.length
  ) {
    return `all ${formatInteger(on.length)} ${(processor ?? '').toUpperCase()} targets`;
  }
  return on.map((t) => label(t.target)).join(', ');
}

/** The group of a target's reason (by level and wording) among the model's groups. */
export function groupOf(
  groups: readonly ReasonGroup[],
  t: TargetComparison,
  reason: BudgetReason,
): ReasonGroup | undefined {
  const level = reasonLevel(reason);
  const text = reasonText(reason);
  return groups.find(
    (g) => g.level === level && g.targets.includes(t) && g.reasons.some((r) => reasonText(r) === text),
  );
}

/** The model's targets on which a target's reason holds at the same level (the target itself at least). */
export function sharedBy(
  targets: readonly TargetComparison[],
  t: TargetComparison,
  reason: BudgetReason | undefined,
): readonly TargetComparison[] {
  if (reason === undefined) return [t];
  return groupOf(reasonGroups(targets), t, reason)?.targets ?? [t];
}
