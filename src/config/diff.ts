import { formatNumber } from './budgets.js';
import { type Budget, type EnergyConfig, type FailOn, LIMIT_DIRECTION, LIMIT_KEYS, LIMITS } from './types.js';

/** Whether a change lets more through (loosened), less (tightened), or neither clearly. */
export type ChangeEffect = 'loosened' | 'tightened' | 'changed';

export interface ConfigChange {
  /** What changed, in the file's terms: `budget for models/**\/*.onnx: max-increase-pct fail`. */
  readonly subject: string;
  readonly before: string;
  readonly after: string;
  readonly effect: ChangeEffect;
  /** `budget for models/**\/*.onnx: max-increase-pct fail 5 -> 10 (loosened)`. */
  readonly text: string;
}

/**
 * What a pull request's config would change relative to the base's (budgets themselves are read
 * from the base, so these changes are reported, not applied). Empty when the two are equivalent.
 */
export function diffConfigs(base: EnergyConfig, head: EnergyConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  // A field reads "fail-on: budget -> never"; a budget's level reads "...: max-mj fail 150 -> 120".
  const add = (
    subject: string,
    before: string,
    after: string,
    effect: ChangeEffect,
    separator = ': ',
  ): void => {
    changes.push({
      subject,
      before,
      after,
      effect,
      text: `${subject}${separator}${before} -> ${after} (${effect})`,
    });
  };

  if (base.failOn !== head.failOn)
    add('fail-on', base.failOn, head.failOn, failOnEffect(base.failOn, head.failOn));
  scopeChange('devices', base.devices, head.devices, add);
  scopeChange('processors', base.processors, head.processors, add);
  if (!sameSet(base.models, head.models))
    add('models', base.models.join(', '), head.models.join(', '), 'changed');
  for (const key of ['pct', 'mj'] as const) {
    if (base.noise[key] !== head.noise[key]) {
      add(
        `noise.${key}`,
        formatNumber(base.noise[key]),
        formatNumber(head.noise[key]),
        head.noise[key] > base.noise[key] ? 'loosened' : 'tightened',
      );
    }
  }

  // Budgets are matched by scope (models, devices, processors); same-scope duplicates pair in order.
  const unmatchedHead = head.budgets.map((budget) => ({ budget, key: scopeKey(budget) }));
  for (const baseBudget of base.budgets) {
    const key = scopeKey(baseBudget);
    const at = unmatchedHead.findIndex((h) => h.key === key);
    if (at < 0) {
      changes.push(wholeBudget(baseBudget, 'removed', 'loosened'));
      continue;
    }
    const [match] = unmatchedHead.splice(at, 1);
    if (match) budgetChanges(baseBudget, match.budget, add);
  }
  for (const { budget } of unmatchedHead) changes.push(wholeBudget(budget, 'added', 'tightened'));

  const dimsBefore = flattenDims(base);
  const dimsAfter = flattenDims(head);
  for (const name of new Set([...dimsBefore.keys(), ...dimsAfter.keys()])) {
    const before = dimsBefore.get(name);
    const after = dimsAfter.get(name);
    if (before !== after) add(name, before ?? 'none', after ?? 'none', 'changed');
  }
  return changes;
}

/** `budget for models/**\/*.onnx [devices: a, b; processors: gpu]`. */
export function budgetLabel(budget: Budget): string {
  const scope = [
    ...(budget.devices ? [`devices: ${budget.devices.join(', ')}`] : []),
    ...(budget.processors ? [`processors: ${budget.processors.join(', ')}`] : []),
  ];
  return `budget for ${budget.models.join(', ')}${scope.length > 0 ? ` [${scope.join('; ')}]` : ''}`;
}

type Add = (subject: string, before: string, after: string, effect: ChangeEffect, separator?: string) => void;

function budgetChanges(before: Budget, after: Budget, add: Add): void {
  const label = budgetLabel(before);
  for (const limit of LIMITS) {
    for (const level of ['warn', 'fail'] as const) {
      const was = before[limit]?.[level];
      const now = after[limit]?.[level];
      if (was === now) continue;
      const show = (n: number | undefined): string => (n === undefined ? 'none' : formatNumber(n));
      add(
        `${label}: ${LIMIT_KEYS[limit]} ${level}`,
        show(was),
        show(now),
        levelEffect(LIMIT_DIRECTION[limit], was, now),
        ' ',
      );
    }
  }
}

function levelEffect(
  direction: 'upper' | 'lower',
  was: number | undefined,
  now: number | undefined,
): ChangeEffect {
  if (now === undefined) return 'loosened';
  if (was === undefined) return 'tightened';
  return (direction === 'upper' ? now > was : now < was) ? 'loosened' : 'tightened';
}

function wholeBudget(budget: Budget, what: 'added' | 'removed', effect: ChangeEffect): ConfigChange {
  const limits = LIMITS.flatMap((limit) => {
    const t = budget[limit];
    if (t === undefined) return [];
    const levels = [
      t.warn !== undefined ? `warn ${formatNumber(t.warn)}` : '',
      t.fail !== undefined ? `fail ${formatNumber(t.fail)}` : '',
    ]
      .filter((s) => s !== '')
      .join(', ');
    return [`${LIMIT_KEYS[limit]} ${levels}`];
  }).join('; ');
  const subject = budgetLabel(budget);
  const before = what === 'removed' ? limits : 'none';
  const after = what === 'added' ? limits : 'none';
  return { subject, before, after, effect, text: `${subject} ${what} (${limits}) (${effect})` };
}

function scopeKey(budget: Budget): string {
  const sorted = (list: readonly string[] | undefined): string[] | null => (list ? [...list].sort() : null);
  return JSON.stringify([sorted(budget.models), sorted(budget.devices), sorted(budget.processors)]);
}

/** Checking fewer targets lets more through; checking more, less. */
function scopeChange(
  name: string,
  before: 'all' | readonly string[],
  after: 'all' | readonly string[],
  add: Add,
): void {
  const show = (v: 'all' | readonly string[]): string => (v === 'all' ? 'all' : v.join(', '));
  if (before === 'all' && after === 'all') return;
  if (before !== 'all' && after !== 'all' && sameSet(before, after)) return;
  let effect: ChangeEffect = 'changed';
  if (before === 'all') effect = 'loosened';
  else if (after === 'all') effect = 'tightened';
  else if (after.every((x) => before.includes(x))) effect = 'loosened';
  else if (before.every((x) => after.includes(x))) effect = 'tightened';
  add(name, show(before), show(after), effect);
}

const FAIL_ON_STRICTNESS: Record<FailOn, number> = { never: 0, budget: 1, regression: 2 };
function failOnEffect(before: FailOn, after: FailOn): ChangeEffect {
  return FAIL_ON_STRICTNESS[after] < FAIL_ON_STRICTNESS[before] ? 'loosened' : 'tightened';
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}

function flattenDims(config: EnergyConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of config.dims) {
    for (const [dim, value] of Object.entries(rule.values))
      out.set(`dims[${JSON.stringify(rule.models)}].${dim}`, String(value));
  }
  return out;
}
