import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analysis/analyze.js';
import { renderAnalysisText } from '../../src/report/analysis-text.js';
import { renderTable, type Column } from '../../src/report/text-table.js';
import { modelPath } from '../helpers/fixtures.js';

describe('renderAnalysisText', () => {
  it('counts in the singular and the plural', async () => {
    // SqueezeNet 1.1 as exported folds exactly one node.
    const a = await analyzeFile(modelPath('squeezenet1_1'));
    expect(a.folded).toHaveLength(1);
    expect(renderAnalysisText(a, 200)).toMatch(/; 1 node folded$/m);
    expect(renderAnalysisText({ ...a, folded: [] }, 200)).toMatch(/; 0 nodes folded$/m);
    expect(renderAnalysisText({ ...a, folded: [...a.folded, ...a.folded] }, 200)).toMatch(
      /; 2 nodes folded$/m,
    );
    expect(renderAnalysisText({ ...a, totals: { ...a.totals, kernels: 1 } }, 200)).toMatch(
      /^total: 1 kernel, /m,
    );
  });
});

describe('renderTable at scale', () => {
  it('pads 500 000 rows without spreading them into a call (a stack overflow once)', () => {
    const rows = Array.from({ length: 500_000 }, (_, i) => ({ kernel: `k${i}`, n: i % 7 }));
    const columns: Column<(typeof rows)[number]>[] = [
      { header: 'kernel', value: (r) => r.kernel },
      { header: 'n', align: 'r', value: (r) => String(r.n) },
    ];
    const lines = renderTable(columns, rows, Number.POSITIVE_INFINITY).split('\n');
    expect(lines).toHaveLength(500_002);
    expect(lines.at(-1)).toBe('k499999  3');
  });
});
