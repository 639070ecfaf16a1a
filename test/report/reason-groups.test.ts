import { describe, expect, it } from 'vitest';
import type { BudgetReason, TargetComparison } from '../../src/compare/types.js';
import { renderCompareText } from '../../src/report/compare-text.js';
import { renderCliReport, renderComment } from '../../src/report/markdown.js';
import { reasonGroups, targetsPhrase } from '../../src/report/reason-groups.js';
import { allTargets, budget, compare, crossed, model, report } from './builder.js';

const UNSET: BudgetReason = { kind: 'unset-dims', dims: ['H', 'W'] };
const UNSET_TEXT =
  'symbolic input dims H, W had no value and were set to 1: a tiny input, not the deployed one';
const label = (t: TargetComparison['target']): string => `${t.deviceName} ${t.processor.toUpperCase()}`;

/** A model priced with unset dims on all 16 targets: the same warning on each. */
const unsized = model(
  'models/det.onnx',
  allTargets().map((t, i) => compare(t, 2 + i / 10, 2 + i / 10, { budget: budget('warn', UNSET) })),
);

/** The same warning everywhere, and an increase limit crossed by a different amount on two targets. */
const mixed = model(
  'models/det.onnx',
  allTargets().map((t, i) =>
    i === 0
      ? compare(t, 10, 12.7, { budget: budget('fail', crossed('maxIncreasePct', 'fail', 27, 5), UNSET) })
      : i === 3
        ? compare(t, 10, 11.2, { budget: budget('fail', crossed('maxIncreasePct', 'fail', 12, 5), UNSET) })
        : compare(t, 10, 10, { budget: budget('warn', UNSET) }),
  ),
);

describe('reasonGroups', () => {
  it('says a reason shared by every target once, naming them as all targets', () => {
    const groups = reasonGroups(unsized.targets);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.level).toBe('warn');
    expect(targetsPhrase(groups[0]!.targets, unsized.targets, label)).toBe('all 16 targets');
  });

  it('keeps reasons that differ per target, worst level first, and the shared one once', () => {
    const groups = reasonGroups(mixed.targets);
    expect(groups.map((g) => [g.level, g.targets.length])).toEqual([
      ['fail', 1],
      ['fail', 1],
      ['warn', 16],
    ]);
  });

  it('names the targets of one processor, or lists them when they are not a whole class', () => {
    const all = unsized.targets;
    const cpus = all.filter((t) => t.target.processor === 'cpu');
    expect(targetsPhrase(cpus, all, label)).toBe('all 8 CPU targets');
    expect(targetsPhrase(cpus.slice(0, 2), all, label)).toBe('Huawei P40 Pro CPU, OnePlus 8 Pro CPU');
    expect(targetsPhrase([all[0]!], all, label)).toBe('Huawei P40 Pro CPU');
  });
});

describe('a reason shared by several targets in the reports', () => {
  it('terminal: one line for all targets, per-target lines where the message differs', () => {
    const text = renderCompareText(report([mixed]), { width: 200, color: false });
    const budgets = text.slice(text.indexOf('Budgets:'));
    expect(budgets.split(UNSET_TEXT)).toHaveLength(2);
    expect(budgets).toContain(`all 16 targets: warn: ${UNSET_TEXT}`);
    expect(budgets).toContain('Huawei P40 Pro CPU: fail: +27% over the base');
    expect(budgets).toContain('OnePlus 8 Pro GPU: fail: +12% over the base');
    // The JSON contract is untouched: every target still carries its own reasons.
    expect(mixed.targets.every((t) => t.budget.reasons.some((r) => r.kind === 'unset-dims'))).toBe(true);
  });

  it('markdown matrix: the shared warning written once, the other rows point to it', () => {
    const rows = renderCliReport(report([unsized]))
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .join('\n');
    expect(rows.split(UNSET_TEXT)).toHaveLength(2);
    expect(rows).toContain(`⚠️ ${UNSET_TEXT} (all 16 targets)`);
    expect(rows.match(/⚠️ same warning as Huawei P40 Pro CPU \|/g)).toHaveLength(15);
  });

  it('markdown matrix: a row keeps its own reasons beside the pointer', () => {
    const body = renderCliReport(report([mixed]));
    expect(body).toMatch(/❌ \+12% over the base [^|]*; same warning as Huawei P40 Pro CPU \|/);
  });

  it('headline: names all targets instead of the first and "15 more targets"', () => {
    const { body } = renderComment(report([unsized]), { key: 'k' });
    expect(body).toContain('`models/det.onnx` on all 16 targets: symbolic input dims H, W');
    expect(body).not.toContain('more target');
    expect(body).toContain(`⚠️ ${UNSET_TEXT} (all 16 targets)`);
  });

  it('headline and summary: the rest of the targets at the level are still counted', () => {
    const half = model(
      'models/det.onnx',
      allTargets().map((t) =>
        compare(t, 2, 2, {
          budget: t.processor === 'cpu' ? budget('warn', UNSET) : budget('warn', { kind: 'no-baseline' }),
        }),
      ),
    );
    const { body } = renderComment(report([half, unsized].map((m, i) => ({ ...m, path: `m${i}.onnx` }))), {
      key: 'k',
    });
    // m0's GPU targets warn for another reason, m1's 16 for the same one: all counted, none dropped.
    expect(body).toMatch(
      /`m0\.onnx` on all 8 CPU targets: symbolic input dims H, W[^\n]*\(and 24 more targets\)/,
    );
    expect(body).toContain(`⚠️ ${UNSET_TEXT} (all 8 CPU targets, and 8 more targets)`);
  });
});
