import type { ComparisonReport, ModelComparison } from './types.js';

/**
 * "Did anything change" is decided here once, for the action's `comment: on-change`, the report's
 * wording and the CLI. A model's energy is unchanged only when it was kept (modified or renamed: a
 * rename alone is no energy change), was analysed on both sides, and every target's change is under
 * the noise floor. A new, removed or unanalysable model, or one without a baseline, is a change: its
 * energy is not known to be the same.
 */
export function energyChanged(m: ModelComparison): boolean {
  if (m.error !== undefined || m.status === 'added' || m.status === 'removed') return true;
  if (m.base === undefined || m.head === undefined || m.targets.length === 0) return true;
  return m.targets.some((t) => t.change !== 'unchanged');
}

/** Whether any model of a report changed its energy (see energyChanged). */
export function reportEnergyChanged(report: Pick<ComparisonReport, 'models'>): boolean {
  return report.models.some(energyChanged);
}
