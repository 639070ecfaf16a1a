import { describe, expect, it } from 'vitest';
import { SUMMARY_CUT_NOTICE, fitBlocks, renderSummary } from '../../src/report/summary.js';
import { manyModels, regression } from './scenarios.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('renderSummary', () => {
  it('has every target’s kernel changes, unfolded from the comment’s top five', async () => {
    const summary = renderSummary(regression);
    expect(summary).toContain('<details><summary>Kernel changes</summary>');
    expect(summary).toContain('**`models/mobilenet_v2.onnx`** on OnePlus 8 Pro GPU');
    expect(summary).toContain('`/features/5/conv/Conv`');
    expect(summary).not.toContain('in the job summary');
    expect(summary).not.toContain('model-energy-check:');
    await expect(summary).toMatchFileSnapshot('__snapshots__/summary-regression.md');
  });

  it('cuts a 300 x 16 report under 1,000,000 bytes with a notice, closing what it opened', () => {
    const summary = renderSummary(manyModels(300));
    expect(bytes(summary)).toBeLessThanOrEqual(1_000_000);
    expect(bytes(summary)).toBeGreaterThan(990_000);
    expect(summary.endsWith(SUMMARY_CUT_NOTICE)).toBe(true);
    // All 300 models are in the main table; the cut falls in the kernel detail.
    expect(new Set(summary.match(/model-\d{3}\.onnx/g)).size).toBe(300);
    expect(summary.match(/<details>/g)?.length).toBe(summary.match(/<\/details>/g)?.length);
    expect((summary.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
  });

  it('respects a small limit and ends tables before the notice', () => {
    const summary = renderSummary(manyModels(20), { maxBytes: 5_000 });
    expect(bytes(summary)).toBeLessThanOrEqual(5_000);
    expect(summary).toMatch(/\|\n\n> ✂️ The rest of this summary was cut/);
  });

  it('is whole when it fits', () => {
    expect(renderSummary(regression)).not.toContain('was cut');
  });
});

describe('fitBlocks', () => {
  const group = { open: '<details>\n', children: ['a\n', 'b\n', 'c\n'], close: '</details>\n' };

  it('keeps everything that fits', () => {
    expect(fitBlocks(['x\n', group], 1000, 'N\n')).toEqual({
      text: 'x\n<details>\na\nb\nc\n</details>\n',
      cut: false,
    });
  });

  it('cuts between children and still closes the group', () => {
    const { text, cut } = fitBlocks(['x\n', group], 30, 'N\n');
    expect(cut).toBe(true);
    expect(text).toBe('x\n<details>\na\n</details>\n\nN\n');
    expect(bytes(text)).toBeLessThanOrEqual(30);
  });

  it('counts bytes, not characters', () => {
    const { text, cut } = fitBlocks(['ü'.repeat(10), 'x'], 22, '');
    expect(cut).toBe(true);
    expect(text).toBe(`${'ü'.repeat(10)}\n\n`);
  });
});
