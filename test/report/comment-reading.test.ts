import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderComment } from '../../src/report/markdown.js';
import { UNSIZED_CELL } from '../../src/report/cells.js';
import { compare, CPU, GPU, model, report } from './builder.js';

const md = new MarkdownIt({ html: true });
const html = (body: string) => md.render(body);

describe('a model priced with its size dims set to 1', () => {
  it('gets no grade and no inferences per 1% battery, and says it is not priced at a real input size', () => {
    const unsized = { ...model('models/u.onnx', [compare(CPU, 1, 1.2)]), unsetDims: ['H', 'W'] };
    const { body } = renderComment(report([unsized]), { key: 'k' });
    const rows = body.split('\n').filter((l) => l.startsWith('| `models/u.onnx`'));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toContain(UNSIZED_CELL);
      expect(row).not.toMatch(/\| A\+ \||\| A \||\(A\+?\)/);
    }
    // Neither the grade nor the battery figure of the tiny input appears anywhere.
    const battery = unsized.targets[0]!.head!.inferencesPerBatteryPercent!;
    expect(body).not.toContain(Math.round(battery).toLocaleString('en-US'));
  });
});

describe('notes that mark code with backticks', () => {
  it('render real code spans, never a literal escaped backtick', () => {
    const r = report([
      model('models/a.onnx', [compare(CPU, 10, 12)], {
        notes: ['a Git LFS pointer: set `lfs: true` on actions/checkout'],
      }),
    ]);
    const body = renderComment(
      { ...r, warnings: ['use `budgets-from: head` to try | this'] },
      { key: 'k' },
    ).body;
    expect(body).not.toContain('\\`');
    const out = html(body);
    expect(out).toContain('<code>lfs: true</code>');
    expect(out).toContain('<code>budgets-from: head</code>');
    expect(out).not.toContain('`');
  });
});

describe('the change’s own range', () => {
  it('says whether a change is larger than its uncertainty, from the kernels that differ', () => {
    const real = compare(CPU, 10, 14.3);
    const noise = compare(GPU, 10, 10.3);
    const r = report([
      model('models/real.onnx', [{ ...real, deltaRangeMj: [3.1, 5.4] }]),
      model('models/noise.onnx', [{ ...noise, deltaRangeMj: [-0.4, 1.0] }]),
    ]);
    const { body } = renderComment(r, { key: 'k' });
    const row = (p: string) => body.split('\n').find((l) => l.startsWith(`| \`${p}\``)) ?? '';
    expect(row('models/real.onnx')).toContain('+31.0% to +54.0%: larger than its uncertainty');
    expect(row('models/noise.onnx')).toContain('-4.0% to +10.0%: within its uncertainty');
  });
});

describe('one row per model', () => {
  it('leads with the model’s worst target and folds the per-target matrix', () => {
    const r = report([model('models/a.onnx', [compare(CPU, 10, 10.5), compare(GPU, 10, 13)])]);
    const { body } = renderComment(r, { key: 'k' });
    const lead = body.split('\n').filter((l) => l.startsWith('| `models/a.onnx`'));
    expect(lead[0]).toContain('OnePlus 8 Pro GPU');
    const folded = body.indexOf('<details><summary>Per-target energy: 1 model × 2 targets</summary>');
    expect(folded).toBeGreaterThan(body.indexOf(lead[0]!));
  });
});
