import { describe, expect, it } from 'vitest';
import type { BundleProvenance, ComparisonReport } from '../../src/compare/types.js';
import { LATENCY_NOT_PREDICTED, notesTitle } from '../../src/report/sections.js';
import { NO_BUDGET_CELL, REMOVED_BUDGET_CELL } from '../../src/report/cells.js';
import { renderCliReport, renderComment } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderCompareText } from '../../src/report/compare-text.js';
import { accuracyText } from '../../src/report/accuracy.js';
import { escapeMarkdown } from '../../src/report/escape.js';
import { provenanceOf } from '../../src/compare/compare.js';
import { defaultPredictorsDir } from '../../src/compare/bundles.js';
import { loadBundles } from '../../src/predict/bundle.js';
import { BUNDLES, CPU, GPU, budget, crossed, compare, model, report, stats, target } from './builder.js';

/** The folded notes, the Budget cell of what has no head, and the Latency column's gaps. */

const summaryTitles = (md: string): string[] =>
  [...md.matchAll(/<details><summary>([^<]*)<\/summary>/g)].map((m) => m[1] ?? '');

/** The lines of the <details> section whose title starts with `title`. */
function section(md: string, title: RegExp): string[] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => {
    const t = /^<details><summary>([^<]*)<\/summary>$/.exec(l)?.[1];
    return t !== undefined && title.test(t);
  });
  if (start < 0) return [];
  const end = lines.indexOf('</details>', start);
  return lines.slice(start, end);
}

const cells = (row: string): string[] =>
  row
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());

/** The main table's rows (Model ... Budget), each as cells. */
function mainRows(md: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| Model | Target | Base |'));
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(cells(l));
  }
  return rows;
}

/** The per-device table: its header and rows, as cells. */
function deviceTable(md: string): { lead: string; header: string[]; rows: string[][] } {
  const lines = section(md, /^Per-device details$/);
  const headerAt = lines.findIndex((l) => l.startsWith('| Model |'));
  const rows: string[][] = [];
  for (const l of lines.slice(headerAt + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(cells(l));
  }
  return {
    lead: lines.slice(1, headerAt).join(' ').trim(),
    header: cells(lines[headerAt] ?? ''),
    rows,
  };
}

const notes = (path: string, n: number): ReturnType<typeof model> =>
  model(path, [compare(CPU, 10, 10)], {
    notes: Array.from({ length: n }, (_, i) => `note ${i + 1} of ${path}`),
  });

describe('the notes and warnings section', () => {
  it('is titled by what it holds', () => {
    expect(notesTitle(0, 1)).toBe('Notes (1)');
    expect(notesTitle(2, 0)).toBe('Warnings (2)');
    expect(notesTitle(1, 3)).toBe('Warnings (1) and notes (3)');
  });

  it('calls a routine analysis note a note, never a warning', () => {
    const r = report([
      model('models/a.onnx', [compare(CPU, 10, 12)], { notes: ['symbolic dims bound to batch=1'] }),
    ]);
    for (const md of [renderComment(r, { key: 'k' }).body, renderSummary(r), renderCliReport(r)]) {
      expect(summaryTitles(md)).toContain('Notes (1)');
      expect(md).not.toMatch(/warning/i);
    }
  });

  it('lists the run’s warnings first, marked, and counts both kinds in the title', () => {
    const r = report([notes('models/a.onnx', 3)], { warnings: ['bundle x: wider error expected'] });
    const lines = section(renderCliReport(r), /^Warnings \(1\) and notes \(3\)$/);
    const items = lines.filter((l) => l.startsWith('- '));
    expect(items).toEqual([
      '- ⚠️ bundle x: wider error expected',
      '- `models/a.onnx`: note 1 of models/a.onnx',
      '- `models/a.onnx`: note 2 of models/a.onnx',
      '- `models/a.onnx`: note 3 of models/a.onnx',
    ]);
  });

  it('shows at most 20 items in the comment and counts the rest by kind', () => {
    const r = report([notes('models/a.onnx', 25)], { warnings: ['w1', 'w2', 'w3'] });
    const items = section(renderComment(r, { key: 'k' }).body, /^Warnings \(3\) and notes \(25\)$/).filter(
      (l) => l.startsWith('- '),
    );
    expect(items).toHaveLength(21);
    expect(items.slice(0, 3)).toEqual(['- ⚠️ w1', '- ⚠️ w2', '- ⚠️ w3']);
    expect(items.at(-1)).toBe('- *8 more notes in the job summary.*');

    const many = report([notes('models/a.onnx', 2)], {
      warnings: Array.from({ length: 22 }, (_, i) => `w${i + 1}`),
    });
    const cut = section(renderComment(many, { key: 'k' }).body, /^Warnings \(22\) and notes \(2\)$/).filter(
      (l) => l.startsWith('- '),
    );
    expect(cut.slice(0, 20).every((l) => l.startsWith('- ⚠️ w'))).toBe(true);
    expect(cut.at(-1)).toBe('- *2 more warnings and 2 more notes in the job summary.*');

    // The job summary, which the line points to, has them all.
    const summary = section(renderSummary(many), /^Warnings \(22\) and notes \(2\)$/);
    expect(summary.filter((l) => l.startsWith('- '))).toHaveLength(24);
    expect(summary.join('\n')).not.toContain('in the job summary');
  });

  it('is what the no-baseline line points to, and only where it is shown', () => {
    const r = report([
      model(
        'models/a.onnx',
        [compare(CPU, undefined, 20, { budget: budget('warn', { kind: 'no-baseline' }) })],
        {
          status: 'modified',
          head: stats(300e6, 3.5e6),
          notes: ['the base version could not be analysed, so there is no baseline: bad'],
        },
      ),
    ]);
    const full = renderComment(r, { key: 'k' }).body;
    expect(full).toContain('were not checked. The notes below say why.');
    expect(summaryTitles(full)).toContain('Notes (1)');
    expect(full).not.toContain('Notes and warnings');

    const verdictOnly = renderComment(r, { key: 'k', maxChars: 700 });
    expect(verdictOnly.truncated).toContain('verdict-only');
    expect(verdictOnly.body).toContain('⚠️ No baseline for `models/a.onnx`');
    expect(verdictOnly.body).not.toContain('notes below');
  });
});

describe('the Budget cell of what has no head', () => {
  const r = report([
    // A target the head is no longer priced on: the model stays, the target goes.
    model('models/kept.onnx', [
      compare(CPU, 10, 11, { budget: { status: 'pass', reasons: [], applied: [1] } }),
      compare(GPU, 10, undefined),
    ]),
    model('models/gone.onnx', [compare(CPU, 50, undefined)], { status: 'removed', base: stats(1e6, 1e3) }),
    model('models/gone-untargeted.onnx', [], { status: 'removed', base: stats(1e6, 1e3) }),
    model('models/unmatched.onnx.gz', [
      compare(CPU, 10, 11, { budget: { status: 'pass', reasons: [], applied: [] } }),
    ]),
  ]);
  const rows = mainRows(renderCliReport(r));
  const budgetOf = (path: string, targetName: string): string | undefined => {
    let current = '';
    for (const row of rows) {
      if (row[0] !== '') current = row[0] ?? '';
      if (current.startsWith(`\`${path}\``) && row[1] === targetName) return row.at(-1);
    }
    return undefined;
  };

  it('says removed, not ✅, for a removed target and a removed model', () => {
    expect(budgetOf('models/kept.onnx', 'Huawei P40 Pro CPU')).toBe('✅');
    expect(budgetOf('models/kept.onnx', 'OnePlus 8 Pro GPU')).toBe(REMOVED_BUDGET_CELL);
    expect(budgetOf('models/gone.onnx', 'Huawei P40 Pro CPU')).toBe(REMOVED_BUDGET_CELL);
    expect(budgetOf('models/gone-untargeted.onnx', '—')).toBe(REMOVED_BUDGET_CELL);
    expect(rows.filter((row) => row.at(-1) === '✅')).toHaveLength(1);
  });

  it('still says no budget where none applied to a priced target, and the verdict is a pass', () => {
    expect(budgetOf('models/unmatched.onnx.gz', 'Huawei P40 Pro CPU')).toBe(NO_BUDGET_CELL);
    expect(r.verdict).toBe('pass');
  });

  it('keeps a status a removed target was given', () => {
    const odd = report([
      model('models/m.onnx', [
        compare(CPU, 10, 11),
        compare(GPU, 10, undefined, { budget: budget('warn', crossed('maxMj', 'warn', 10, 5)) }),
      ]),
    ]);
    const gpu = mainRows(renderCliReport(odd)).find((row) => row[1] === 'OnePlus 8 Pro GPU');
    expect(gpu?.at(-1)).toBe(
      '⚠️ 10 mJ per inference is above max-mj warn 5 mJ (budget 1: models/\\*\\*/\\*.onnx)',
    );
  });
});

describe('the Latency column', () => {
  it('says which bundles predict latency, from the report, and marks the others not predicted', () => {
    // A trained bundle of any name: the wording comes from the report's data, not from an id.
    const own = { ...target(2, 'cpu'), bundle: 'acme-lab-phone-cpu' };
    const bundles: BundleProvenance[] = [...BUNDLES, { ...BUNDLES[0]!, id: own.bundle, device: own.device }];
    const r = report(
      [
        model('models/a.onnx', [
          compare(own, 10, 12, { latency: true }),
          compare(CPU, 10, 12, { latency: false }),
          compare(GPU, 10, 12),
        ]),
      ],
      { bundles },
    );
    const { lead, header, rows } = deviceTable(renderCliReport(r));
    expect(header).toContain('Latency');
    const latency = header.indexOf('Latency');
    expect(rows.map((row) => row[latency])).toEqual([
      '5.50 ms → 6.60 ms',
      LATENCY_NOT_PREDICTED,
      LATENCY_NOT_PREDICTED,
    ]);
    expect(lead).toContain(
      'Latency is predicted only by bundles trained on measured latency (`acme-lab-phone-cpu`)',
    );
    // One energy-only bundle is trained (on energy alone), so they are not all called transfers.
    expect(lead).toContain('the other bundles predict energy only');
  });

  it('calls energy-only rows calibrated transfers only when they are', () => {
    const r = report([model('models/a.onnx', [compare(CPU, 10, 12), compare(GPU, 10, 12)])]);
    const { lead, rows } = deviceTable(renderComment(r, { key: 'k' }).body);
    expect(lead).toContain(
      'Latency is predicted only by bundles trained on measured latency (`deepen2023-huawei-p40-pro-cpu`); calibrated transfers predict energy only',
    );
    expect(rows[1]).toContain(LATENCY_NOT_PREDICTED);
  });

  it('is left out, and said why, when no bundle of the run predicts latency', () => {
    const transfers: ComparisonReport = report([model('models/a.onnx', [compare(GPU, 10, 12)])], {
      bundles: BUNDLES.filter((b) => b.method === 'calibrated-transfer'),
    });
    const { lead, header } = deviceTable(renderSummary(transfers));
    expect(header).not.toContain('Latency');
    expect(header).toHaveLength(7);
    expect(lead).not.toContain('predicted latency,');
    expect(lead).toContain('No latency is shown: calibrated transfers predict energy only');
  });

  it('takes what each bundle predicts from its provenance where the report carries it', () => {
    // The energy-only bundle's provenance wins over a row that happens to carry a latency.
    const bundles: BundleProvenance[] = [
      { ...BUNDLES[0]!, predicts: ['energy', 'latency'] },
      { ...BUNDLES[1]!, predicts: ['energy'] },
    ];
    const r = report(
      [model('models/a.onnx', [compare(CPU, 10, 12), compare(GPU, 10, 12, { latency: true })])],
      {
        bundles,
      },
    );
    const { header, rows } = deviceTable(renderCliReport(r));
    const latency = header.indexOf('Latency');
    expect(rows.map((row) => row[latency])).toEqual(['5.50 ms → 6.60 ms', LATENCY_NOT_PREDICTED]);
  });

  it('says nothing more when every row has a latency', () => {
    const r = report([model('models/a.onnx', [compare(CPU, 10, 12)])]);
    const { lead, rows } = deviceTable(renderCliReport(r));
    expect(lead).not.toMatch(/predicted only|not predicted|No latency/);
    expect(rows[0]).toContain('5.50 ms → 6.60 ms');
  });
});

describe('Top kernel changes', () => {
  it('names both sides of a kernel paired across a rename', () => {
    const r = report([
      model('models/a.onnx', [
        compare(CPU, 10, 12, {
          kernels: [
            {
              name: '/stem/Conv',
              baseName: 'Conv_0',
              type: 'conv-bn-relu',
              baseMj: 5,
              headMj: 7,
              deltaMj: 2,
            },
            { name: '/head/Gemm', type: 'fc', baseMj: 1, headMj: 1.5, deltaMj: 0.5 },
          ],
        }),
      ]),
    ]);
    const rows = section(renderCliReport(r), /^Top kernel changes/).filter((l) => l.startsWith('| `'));
    expect(rows[0]).toMatch(/^\| `Conv_0` → `\/stem\/Conv` \| conv-bn-relu \|/);
    expect(rows[1]).toMatch(/^\| `\/head\/Gemm` \| fc \|/);
  });
});

describe('the headline', () => {
  it('names the largest increase at the verdict’s level, not the first target in table order', () => {
    const r = report([
      model('models/a.onnx', [
        compare(CPU, 10, 11, {
          budget: budget('warn', crossed('maxIncreasePct', 'warn', 10, 5)),
        }),
        compare(GPU, 10, 13, {
          budget: budget('warn', crossed('maxIncreasePct', 'warn', 30, 5)),
        }),
      ]),
    ]);
    const headline = renderCliReport(r).split('\n')[0] ?? '';
    expect(headline).toContain('+30% over the base');
    expect(headline).toContain('(and 1 more target)');
  });
});

describe('extrapolated energy', () => {
  const extrapolated = (share: number) => {
    const t = compare(CPU, 10, 12);
    return {
      ...t,
      head: { ...t.head!, extrapolatedShare: share, extrapolatedTypes: ['global-avgpool' as const] },
    };
  };

  it('gets a column in Per-device details only when some energy is extrapolated', () => {
    const with5 = deviceTable(renderCliReport(report([model('models/a.onnx', [extrapolated(0.05)])])));
    expect(with5.header).toContain('Extrapolated');
    expect(with5.rows[0]).toContain('5.0% (global-avgpool)');
    expect(with5.lead).toContain('more than 25% beyond the sizes');
    const none = deviceTable(renderCliReport(report([model('models/a.onnx', [compare(CPU, 10, 12)])])));
    expect(none.header).not.toContain('Extrapolated');
  });

  it('is said under the main table when it is a good part of an energy', () => {
    const notice = /⚠️ Up to .* comes from kernels more than 25% beyond the sizes/;
    expect(renderCliReport(report([model('models/a.onnx', [extrapolated(0.05)])]))).not.toMatch(notice);
    const md = renderCliReport(report([model('models/a.onnx', [extrapolated(0.3)])]));
    expect(md).toMatch(
      /⚠️ Up to 30(\.0)?% of an energy here \(`models\/a\.onnx`\) comes from kernels more than 25% beyond/,
    );
    expect(md).toContain('(global-avgpool)');
  });

  it('says so under the main table when most of an energy is priced by the fallback', () => {
    const t = compare(CPU, 10, 12);
    const mostly = { ...t, head: { ...t.head!, fallbackShare: 0.8, fallbackTypes: ['others' as const] } };
    const md = renderCliReport(report([model('models/a.onnx', [mostly])]));
    expect(md).toMatch(
      /⚠️ Up to 80(\.0)?% of an energy here \(`models\/a\.onnx`\) is priced by the predictor’s `others` fallback/,
    );
    const little = { ...t, head: { ...t.head!, fallbackShare: 0.2, fallbackTypes: ['others' as const] } };
    expect(renderCliReport(report([model('models/a.onnx', [little])]))).not.toMatch(
      /is priced by the predictor’s/,
    );
  });
});

describe('Predictor provenance', () => {
  it("shows every default bundle's source and accuracy whole, in the comment and on a terminal", () => {
    const bundles = loadBundles(defaultPredictorsDir()).map(provenanceOf);
    const r = report([model('models/a.onnx', [compare(CPU, 10, 12)])], { bundles });
    const comment = renderComment(r, { key: 'k' }).body;
    const terminal = renderCompareText(r, { width: 80, color: false }).replace(/\s+/g, ' ');
    for (const b of bundles)
      for (const text of [b.source, accuracyText(b.accuracy)]) {
        expect(comment).toContain(escapeMarkdown(text, Infinity));
        expect(terminal).toContain(text);
      }
  });
});
