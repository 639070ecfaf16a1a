import { formatNumber } from '../config/budgets.js';
import { LIMIT_DIRECTION, LIMIT_KEYS, LIMIT_UNITS } from '../config/types.js';
import { unsetDimsText } from '../compare/compare.js';
import type { BudgetReason, LimitReason } from '../compare/types.js';
import { formatPct } from '../format/numbers.js';

/** The budget reasons of the report in words: compare/ gives them as data, this says them. */

export interface ReasonWording {
  /** Name the budget a limit belongs to ("(budget 1: models/**)"); off in headings, which are short. */
  readonly budget?: boolean;
}

/**
 * One reason in plain text (callers escape it for Markdown), e.g.
 * `+7.5% over the base is above max-increase-pct fail 5% (budget 1: models/**\/*.onnx)`.
 */
export function reasonText(reason: BudgetReason, wording: ReasonWording = {}): string {
  switch (reason.kind) {
    case 'limit':
      return limitText(reason, wording.budget ?? true);
    case 'regression':
      return `energy increased ${reason.deltaPct !== undefined ? `${formatPct(reason.deltaPct, true)} ` : ''}and fail-on is 'regression'`;
    case 'no-baseline':
      return 'no baseline: the base version could not be analysed, so budgets against the base were not checked';
    case 'unset-dims':
      return `${unsetDimsText(reason.dims)}: a tiny input, not the deployed one`;
  }
}

function limitText(r: LimitReason, withBudget: boolean): string {
  const unit = LIMIT_UNITS[r.limit];
  const suffix = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  // Thresholds are shown as written in the config; measured values to the precision that matters.
  const show = (n: number): string => `${formatNumber(n)}${suffix}`;
  // Percentages are rounded as the report's Δ % column rounds them, so the two never disagree.
  const showActual = (n: number, signed = false): string =>
    unit === '%'
      ? trimZeros(formatPct(n, signed))
      : `${signed && n > 0 ? '+' : ''}${formatNumber(Number(n.toPrecision(4)))}${suffix}`;
  const subject =
    r.limit === 'maxMj'
      ? `${showActual(r.actual)} per inference`
      : r.limit === 'minScore'
        ? `score ${showActual(r.actual)}`
        : `${showActual(r.actual, true)} over the base`;
  const relation = LIMIT_DIRECTION[r.limit] === 'upper' ? 'above' : 'below';
  const which = withBudget ? ` (budget ${r.budget}: ${r.models.join(', ')})` : '';
  return `${subject} is ${relation} ${LIMIT_KEYS[r.limit]} ${r.level} ${show(r.threshold)}${which}`;
}

/** "+3.0%" -> "+3%", "0.50%" -> "0.5%": the same rounding, without zeros that say nothing in prose. */
function trimZeros(pct: string): string {
  return pct.replace(/(\.\d*?)0+%$/, '$1%').replace(/\.%$/, '%');
}
