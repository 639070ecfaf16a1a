import { describe, expect, it } from 'vitest';
import { evaluateBudgets } from '../../src/config/budgets.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { NO_BUDGET_CELL } from '../../src/report/cells.js';
import { RANGE_LEGEND } from '../../src/report/model-tables.js';
import { renderCliReport, renderComment } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { CPU, GPU, budget, crossed, compare, kernels, model, report, stats } from './builder.js';
import { reasonText } from '../../src/report/reasons.js';

/** Wording a reviewer found untrue or unclear: what ✅, the heading, ± and removed models say. */

const heading = (md: string): string => md.split('\n').find((l) => l.startsWith('### ')) ?? '';
const rowsOf = (md: string, path: string): string[] => {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| \`${path}\``));
  const rows = [lines[start] ?? ''];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('| |')) break;
    rows.push(l);
  }
  return rows;
};
const cells = (row: string): string[] =>
  row
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());

const KERNELS = kernels([
  ['/a/Conv', 'conv-bn-relu', 4, 6],
  ['/b/Relu', 'relu', 1, undefined],
]);

describe('the Budget cell', () => {
  const r = report([
    model('models/a.onnx.gz', [
      compare(CPU, 10, 12, { budget: { status: 'pass', reasons: [], applied: [] } }),
      compare(GPU, 10, 12, { budget: { status: 'pass', reasons: [], applied: [2] } }),
    ]),
  ]);

  it('says no budget applied instead of ✅, the verdict still a pass', () => {
    const md = renderCliReport(r);
    const [cpu, gpu] = rowsOf(md, 'models/a.onnx.gz').map(cells);
    expect(cpu?.at(-1)).toBe(NO_BUDGET_CELL);
    expect(gpu?.at(-1)).toBe('✅');
    expect(heading(md)).toMatch(/^### ✅ Model energy: pass/);
  });

  it('keeps ✅ for reports without `applied` (made before it existed)', () => {
    const old = report([model('models/a.onnx', [compare(CPU, 10, 12)])]);
    expect(cells(rowsOf(renderCliReport(old), 'models/a.onnx')[0]!).at(-1)).toBe('✅');
  });

  it('says when no budget is configured, or none applies to the models', () => {
    const none = renderComment({ ...r, budgetsConfigured: 0 }, { key: 'k' }).body;
    expect(none).toContain('· no budgets configured (config from the merge base `0f1e2d3`)');
    expect(none).not.toContain('budgets from the base commit');
    const cli = renderCliReport(
      { ...r, budgetsConfigured: 0 },
      { budgets: { file: 'energy.yml', exists: true } },
    );
    expect(cli).toContain('no budgets configured in `energy.yml`');

    const unmatched = report([
      model('models/a.onnx.gz', [
        compare(CPU, 10, 12, { budget: { status: 'pass', reasons: [], applied: [] } }),
      ]),
    ]);
    expect(renderComment({ ...unmatched, budgetsConfigured: 2 }, { key: 'k' }).body).toContain(
      'budgets from the merge base `0f1e2d3`; none applies to these models',
    );
    expect(renderComment({ ...r, budgetsConfigured: 2 }, { key: 'k' }).body).not.toContain('none applies');
  });
});

describe('the heading of a failing or warning report', () => {
  const r = report([
    // The largest increase passes...
    model('models/big.onnx', [compare(CPU, 10, 20)]),
    // ...while the failure is a smaller one elsewhere.
    model('models/small.onnx', [
      compare(CPU, 10, 10.5),
      compare(GPU, 10, 10.6, {
        budget: budget('fail', crossed('maxIncreasePct', 'fail', 6, 5), crossed('maxMj', 'fail', 10.6, 10)),
      }),
    ]),
  ]);

  it('names the failing model x target and its first reason, not the worst change', () => {
    const h = heading(renderComment(r, { key: 'k' }).body);
    expect(h).toBe(
      '### ❌ Model energy: fail · `models/small.onnx` on OnePlus 8 Pro GPU: +6% over the base is above max-increase-pct fail 5%',
    );
  });

  it('counts the other failures, and names a warning for a warn verdict', () => {
    const two = report([
      ...r.models,
      model('models/z.onnx', [
        compare(CPU, 10, 9, { budget: budget('fail', crossed('minScore', 'fail', 10, 20)) }),
      ]),
    ]);
    expect(heading(renderCliReport(two))).toMatch(/ \(and 1 more target\)$/);
    const warn = report([
      model('models/big.onnx', [compare(CPU, 10, 20)]),
      model('models/w.onnx', [
        compare(GPU, 10, 10.3, { budget: budget('warn', crossed('minScore', 'warn', 90, 100)) }),
      ]),
    ]);
    expect(heading(renderCliReport(warn))).toBe(
      '### ⚠️ Model energy: warning · `models/w.onnx` on OnePlus 8 Pro GPU: score 90 is below min-score warn 100',
    );
  });

  it('keeps the worst change for a pass', () => {
    const pass = report([model('models/big.onnx', [compare(CPU, 10, 20)])]);
    expect(heading(renderCliReport(pass))).toBe(
      '### ✅ Model energy: pass · worst change **+100%** (`models/big.onnx`, Huawei P40 Pro CPU)',
    );
  });
});

describe('the heading when energy went down', () => {
  it('never says all improved beside a new model, and counts it', () => {
    const r = report([
      model('models/a.onnx', [compare(CPU, 10, 8)]),
      model('models/new.onnx', [compare(CPU, undefined, 30)], { status: 'added' }),
    ]);
    const h = heading(renderCliReport(r));
    expect(h).not.toMatch(/all improved|worst change/);
    expect(h).toBe(
      '### ✅ Model energy: pass · the only target with a baseline decreased (**-20.0%**) · 1 new model',
    );
  });

  it('gives the range of decreases, or the largest one when others did not change', () => {
    const all = report([model('models/a.onnx', [compare(CPU, 10, 8), compare(GPU, 10, 2.9)])]);
    expect(heading(renderCliReport(all))).toBe(
      '### ✅ Model energy: pass · all 2 targets decreased (**-71.0% to -20.0%**)',
    );
    const some = report([
      model('models/a.onnx', [compare(CPU, 10, 8), compare(GPU, 10, 10)]),
      model('models/gone.onnx', [compare(CPU, 5, undefined)], { status: 'removed' }),
    ]);
    expect(heading(renderCliReport(some))).toBe(
      '### ✅ Model energy: pass · largest decrease **-20.0%** (`models/a.onnx`, Huawei P40 Pro CPU), others unchanged · 1 removed model',
    );
  });
});

describe('the ± legend', () => {
  it('is said once, under the table, in the comment, the summary and the CLI', () => {
    const r = report([model('models/a.onnx', [compare(CPU, 10, 12), compare(GPU, 10, 12)])]);
    for (const md of [renderComment(r, { key: 'k' }).body, renderSummary(r), renderCliReport(r)]) {
      expect(md.split(RANGE_LEGEND)).toHaveLength(2);
      expect(RANGE_LEGEND).toMatch(/larger side of .*90% range/);
      expect(RANGE_LEGEND).toMatch(/sum of its kernels’ ranges, an upper bound/);
    }
  });

  it('is left out when no energy is shown', () => {
    const r = report([model('models/x.onnx', [], { error: 'not an ONNX model' })]);
    expect(renderCliReport(r)).not.toContain(RANGE_LEGEND);
  });
});

describe('removed and added models', () => {
  const r = report([
    model('models/gone.onnx', [compare(CPU, 520, undefined, { kernels: KERNELS })], {
      status: 'removed',
      base: stats(714e6, 61.1e6),
    }),
    model('models/new.onnx', [compare(CPU, undefined, 30, { kernels: KERNELS })], {
      status: 'added',
      head: stats(300e6, 3e6),
    }),
    model('models/kept.onnx', [compare(CPU, 10, 12, { kernels: KERNELS })]),
  ]);

  it('show no head grade or battery figure for a removed model', () => {
    const [row] = rowsOf(renderCliReport(r), 'models/gone.onnx').map(cells);
    // Model, Target, Base, Head, Δ mJ, Δ %, Grade, Inferences per 1% battery, Budget
    expect(row?.[3]).toBe('—');
    expect(row?.[6]).toBe('—');
    expect(row?.[7]).toBe('—');
  });

  it('have no kernel change table, in the comment or the summary', () => {
    for (const md of [renderComment(r, { key: 'k' }).body, renderSummary(r)]) {
      expect(md).not.toContain('**`models/gone.onnx`** on Huawei P40 Pro CPU\n\n| Kernel');
      expect(md).not.toContain('**`models/new.onnx`** on Huawei P40 Pro CPU\n\n| Kernel');
      expect(md).toContain('**`models/kept.onnx`** on Huawei P40 Pro CPU\n\n| Kernel');
    }
  });
});

describe('percentages in budget reasons', () => {
  it('are rounded as the Δ % column rounds them', () => {
    const config = {
      ...DEFAULT_CONFIG,
      budgets: [{ models: ['**'], maxIncreasePct: { fail: 5 } }],
    };
    const e = evaluateBudgets(
      config,
      'm.onnx',
      { device: 'd', processor: 'cpu' },
      {
        baseMj: 10,
        headMj: 38.37,
        score: 50,
      },
    );
    const r = report([
      model('m.onnx', [compare(CPU, 10, 38.37, { budget: budget(e.status, ...e.reasons) })]),
    ]);
    const [row] = rowsOf(renderCliReport(r), 'm.onnx').map(cells);
    expect(row?.[5]).toBe('▲ +284%');
    expect(row?.[8]).toMatch(/^❌ \+284% over the base is above max-increase-pct fail 5%/);
    expect(reasonText(e.reasons[0]!)).not.toContain('283.7');
  });
});
