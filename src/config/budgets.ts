import type { EnergyMillijoules } from '../predict/units.js';
import { matchesAny } from './glob.js';
import {
  type Budget,
  type DimsRule,
  type EnergyConfig,
  LIMIT_DIRECTION,
  LIMITS,
  type LimitName,
  type NoiseFloor,
  type Score,
  type DeviceTarget,
} from './types.js';

export type BudgetStatus = 'pass' | 'warn' | 'fail';
export type Level = 'warn' | 'fail';

/**
 * One limit of a budget crossed, as data: report/ words it ("+7.5% over the base is above
 * max-increase-pct fail 5% (budget 1: models/**\/*.onnx)").
 */
export interface LimitReason {
  readonly kind: 'limit';
  /** 1-based number of the budget in the config's list (the report's "budget 1"). */
  readonly budget: number;
  /** The budget's model globs, so a reader can tell the budget without the config at hand. */
  readonly models: readonly string[];
  readonly limit: LimitName;
  readonly level: Level;
  /** The level crossed, as written in the config. */
  readonly threshold: number;
  /** The measured value (mJ, score, or the change over the base in mJ or percent). */
  readonly actual: number;
}

export interface BudgetEvaluation {
  readonly status: BudgetStatus;
  /** Worst first: fail levels before warn levels, in budget order. */
  readonly reasons: readonly LimitReason[];
  /** Indices of the budgets that apply to this model and target. */
  readonly applied: readonly number[];
}

export interface BudgetMeasures {
  /** The base energy; absent for a new model, which is then judged on absolute limits only. */
  readonly baseMj?: EnergyMillijoules;
  readonly headMj: EnergyMillijoules;
  readonly score: Score;
}

/** How a model's energy changed: against the noise floor, or the model went (the report's `change`). */
export type ChangeKind = 'new' | 'unchanged' | 'increase' | 'decrease' | 'removed';

export interface EnergyChange {
  readonly kind: Exclude<ChangeKind, 'removed'>;
  readonly deltaMj?: EnergyMillijoules;
  /** Relative change in percent; absent for new models and a zero base. */
  readonly deltaPct?: number;
}

/**
 * Compares a head energy with its base. A change is shown as unchanged when it is below either
 * noise floor: smaller than `noise.mj` millijoules, or smaller than `noise.pct` percent of the base.
 */
export function classifyChange(
  noise: NoiseFloor,
  baseMj: EnergyMillijoules | undefined,
  headMj: EnergyMillijoules,
): EnergyChange {
  if (baseMj === undefined) return { kind: 'new' };
  const deltaMj = headMj - baseMj;
  const deltaPct = baseMj > 0 ? (deltaMj / baseMj) * 100 : undefined;
  const belowFloor =
    Math.abs(deltaMj) < noise.mj ||
    (deltaPct !== undefined && Math.abs(deltaPct) < noise.pct) ||
    deltaMj === 0;
  const kind: EnergyChange['kind'] = belowFloor ? 'unchanged' : deltaMj > 0 ? 'increase' : 'decrease';
  return { kind, deltaMj, ...(deltaPct !== undefined ? { deltaPct } : {}) };
}

/** The budgets that apply to a model on a target, with their positions in the config. */
export function budgetsFor(
  config: EnergyConfig,
  modelPath: string,
  target: DeviceTarget,
): { budget: Budget; index: number }[] {
  return config.budgets.flatMap((budget, index) =>
    matchesAny(budget.models, modelPath) &&
    (budget.devices === undefined || budget.devices.includes(target.device)) &&
    (budget.processors === undefined || budget.processors.includes(target.processor))
      ? [{ budget, index }]
      : [],
  );
}

/**
 * Checks a model on one target against every budget that applies. Increase limits need a base and
 * ignore changes under the noise floor; a value exactly at a level passes it.
 */
export function evaluateBudgets(
  config: EnergyConfig,
  modelPath: string,
  target: DeviceTarget,
  measures: BudgetMeasures,
): BudgetEvaluation {
  const change = classifyChange(config.noise, measures.baseMj, measures.headMj);
  const significant = change.kind === 'increase' || change.kind === 'decrease';
  const actualFor = (limit: LimitName): number | undefined => {
    switch (limit) {
      case 'maxMj':
        return measures.headMj;
      case 'minScore':
        return measures.score;
      case 'maxIncreaseMj':
        return change.deltaMj === undefined ? undefined : significant ? change.deltaMj : 0;
      case 'maxIncreasePct':
        return change.deltaPct === undefined ? undefined : significant ? change.deltaPct : 0;
    }
  };

  const reasons: LimitReason[] = [];
  const applied = budgetsFor(config, modelPath, target);
  for (const { budget, index } of applied) {
    for (const limit of LIMITS) {
      const threshold = budget[limit];
      const actual = actualFor(limit);
      if (threshold === undefined || actual === undefined) continue;
      const level = crossedLevel(limit, actual, threshold.warn, threshold.fail);
      if (level === undefined) continue;
      reasons.push({
        kind: 'limit',
        budget: index + 1,
        models: budget.models,
        limit,
        level,
        threshold: (level === 'fail' ? threshold.fail : threshold.warn) ?? 0,
        actual,
      });
    }
  }
  reasons.sort((a, b) => (a.level === b.level ? 0 : a.level === 'fail' ? -1 : 1));
  const status: BudgetStatus = reasons.some((r) => r.level === 'fail')
    ? 'fail'
    : reasons.length > 0
      ? 'warn'
      : 'pass';
  return { status, reasons, applied: applied.map((a) => a.index) };
}

function crossedLevel(
  limit: LimitName,
  actual: number,
  warn: number | undefined,
  fail: number | undefined,
): Level | undefined {
  const beyond = (level: number | undefined): boolean =>
    level !== undefined && (LIMIT_DIRECTION[limit] === 'upper' ? actual > level : actual < level);
  if (beyond(fail)) return 'fail';
  if (beyond(warn)) return 'warn';
  return undefined;
}

/** Up to 3 decimals, trailing zeros dropped: 150, 7.5, 0.125. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}

/** Values for a model's symbolic input dims: every matching rule in file order, later ones winning. */
export function dimsFor(config: EnergyConfig, modelPath: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const rule of config.dims) {
    if (matchesAny([rule.models], modelPath)) Object.assign(values, rule.values);
  }
  return values;
}

/** Where a model's dims came from: the config that judges it, or the PR's own config. */
export interface ModelDims {
  readonly values: Record<string, number>;
  readonly from: 'config' | 'pr' | 'none';
}

/**
 * A model's dims. Dims describe the model, budgets judge it: they come from `config` (the merge base's)
 * where it has a rule for the model, else from the PR's own config (a new model added with its dims),
 * so a PR can add dims for a model the base does not cover but never change those of one it does.
 */
export function modelDims(
  config: EnergyConfig,
  modelPath: string,
  prDims: readonly DimsRule[] = [],
): ModelDims {
  const covers = (rules: readonly DimsRule[]) => rules.some((r) => matchesAny([r.models], modelPath));
  if (covers(config.dims)) return { values: dimsFor(config, modelPath), from: 'config' };
  if (covers(prDims)) return { values: dimsFor({ ...config, dims: prDims }, modelPath), from: 'pr' };
  return { values: {}, from: 'none' };
}

/** Whether a path is one of the models the config checks. */
export function isCheckedModel(config: EnergyConfig, path: string): boolean {
  return matchesAny(config.models, path);
}
