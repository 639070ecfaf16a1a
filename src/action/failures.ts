import type { ComparisonReport, ModelComparison, TargetComparison } from '../compare/types.js';
import { reasonText } from '../report/reasons.js';

/** Models named in the step's failure message; the annotations and the summary have the rest. */
const MESSAGE_MODELS = 3;

/** The largest relative increase over a model's targets at its own budget status (-Infinity: none). */
export function worstPct(m: ModelComparison): number {
  return Math.max(
    Number.NEGATIVE_INFINITY,
    ...m.targets.filter((t) => t.budget.status === m.budget).map((t) => t.deltaPct ?? 0),
  );
}

/**
 * Why a model has its status: its error, or the first reason of its worst target at that status (a
 * failing model is never explained by a target that only warns). Reasons are worst first per target.
 */
export function modelReason(m: ModelComparison): string {
  if (m.error) return m.error;
  const atLevel = m.targets
    .filter((t) => t.budget.status === m.budget && t.budget.reasons.length > 0)
    .sort((a, b) => pctOf(b) - pctOf(a));
  const t = atLevel[0];
  const reason = t?.budget.reasons[0];
  return t && reason !== undefined
    ? `${t.target.deviceName} ${t.target.processor.toUpperCase()}: ${reasonText(reason)}`
    : 'budget exceeded';
}

function pctOf(t: TargetComparison): number {
  return t.deltaPct ?? Number.NEGATIVE_INFINITY;
}

/** Failing first, then warning; within each, errors, then the largest increase at that level. */
export function byConcern(models: readonly ModelComparison[]): ModelComparison[] {
  const rank = (m: ModelComparison) => (m.budget === 'fail' ? 0 : m.budget === 'warn' ? 1 : 2);
  const size = (m: ModelComparison) => (m.error !== undefined ? Number.POSITIVE_INFINITY : worstPct(m));
  return [...models].sort((a, b) => rank(a) - rank(b) || size(b) - size(a));
}

/** The step's failure message: the failing models, worst first, each with its failing budget. */
export function failureMessage(report: ComparisonReport): string {
  const failing = byConcern(report.models.filter((m) => m.budget === 'fail'));
  return `Energy check failed for ${failing.length} model(s): ${failing
    .slice(0, MESSAGE_MODELS)
    .map((m) => `${m.path}: ${modelReason(m)}`)
    .join('; ')}${failing.length > MESSAGE_MODELS ? '; …' : ''}`;
}
