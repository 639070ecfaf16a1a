import { describe, expect, it } from 'vitest';
import { commentMarker, renderComment } from '../../src/report/markdown.js';
import { CPU, compare, model, report } from './builder.js';
import { SCENARIOS, budgetFail, manyModels, noChange, regression } from './scenarios.js';

const SUMMARY_URL = 'https://github.com/octo-org/vision-app/actions/runs/123/attempts/1#summary-456';

describe('renderComment snapshots', () => {
  for (const [name, r] of Object.entries(SCENARIOS)) {
    it(`renders ${name}`, async () => {
      const { body, truncated } = renderComment(r, { key: 'default', summaryUrl: SUMMARY_URL });
      expect(truncated).toEqual([]);
      await expect(body).toMatchFileSnapshot(`__snapshots__/comment-${name}.md`);
    });
  }
});

describe('renderComment', () => {
  it('starts with the marker and then the verdict line', () => {
    const { body } = renderComment(budgetFail, { key: 'gpu-matrix' });
    const lines = body.split('\n');
    expect(lines[0]).toBe('<!-- model-energy-check:gpu-matrix -->');
    expect(lines[1]).toMatch(/^### ❌ Model energy: fail · `models\/broken\.onnx`: not analysed: /);
    expect(lines[3]).toContain('base `main` at `a1b2c3d`, merge base `0f1e2d3` → head `deadbee`');
  });

  it('shows new models as new, never as +100%', () => {
    const { body } = renderComment(SCENARIOS['new-model']!, { key: 'k' });
    expect(body).toContain('`models/efficientnet_b0.onnx` *new*');
    expect(body).not.toMatch(/\+100(\.0)?%/);
    expect(body).toContain('new models, no baseline to compare');
  });

  it('shows a renamed model with both paths and a removed one as removed', () => {
    expect(renderComment(SCENARIOS.renamed!, { key: 'k' }).body).toContain(
      '`models/resnet18.onnx` → `models/vision/resnet18.onnx` *renamed*',
    );
    const removed = renderComment(SCENARIOS['removed-model']!, { key: 'k' }).body;
    expect(removed).toContain('`models/legacy/vgg11.onnx` *removed*');
    expect(removed).toMatch(/\| removed \|/);
  });

  it('says changes under the noise floor are unchanged, compactly', () => {
    const { body } = renderComment(noChange, { key: 'k' });
    expect(body).toContain(
      'No energy change above the noise floor: 2 models × 2 targets, all within budget.',
    );
    expect(body).not.toContain('Top kernel changes');
    expect(body).not.toContain('▲');
  });

  it('says a PR edits the config and that budgets come from the base', () => {
    const { body } = renderComment(budgetFail, { key: 'k' });
    expect(body).toContain(
      '⚙️ This PR edits the energy config (2 changes). Budgets are read from the merge base',
    );
    expect(body).toContain('Budgets are read from the merge base; this PR would change:');
    expect(body).toContain('noise.pct: 1 -&gt; 10');
  });

  it('lists failing models first', () => {
    const r = report([
      model('models/a-small-change.onnx', [compare(CPU, 10, 10.5)]),
      model('models/z-fails.onnx', [
        compare(CPU, 10, 10.2, { budget: { status: 'fail', reasons: [{ kind: 'no-baseline' }] } }),
      ]),
      model('models/m-big-change.onnx', [compare(CPU, 10, 14)]),
    ]);
    const { body } = renderComment(r, { key: 'k' });
    const table = body.slice(body.indexOf('| Model |'));
    const order = ['z-fails', 'm-big-change', 'a-small-change'].map((n) =>
      table.indexOf(`models/${n}.onnx\``),
    );
    expect(Math.min(...order)).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('encodes the key so it cannot close the HTML comment', () => {
    expect(commentMarker('a b-->c')).toBe('<!-- model-energy-check:a%20b--%3Ec -->');
    expect(commentMarker('matrix.cpu_1')).toBe('<!-- model-energy-check:matrix.cpu_1 -->');
    // Keys are trimmed, as the GitHub layer always did: one key, one marker.
    expect(commentMarker('x')).toBe(commentMarker('x '));
  });
});

describe('renderComment size limit', () => {
  it('keeps 300 models x 16 targets under 60,000 characters and says what was cut', async () => {
    const big = manyModels(300);
    const { body, truncated } = renderComment(big, { key: 'default', summaryUrl: SUMMARY_URL });
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body.length).toBeGreaterThan(40_000);
    expect(truncated).toEqual(['kernel-detail', 'per-target']);
    expect(body).toContain(
      '> ✂️ Shortened to fit GitHub’s comment size limit, leaving out kernel-level and per-device detail and ',
    );
    expect(body).toContain(`The full report is in the [job summary](${SUMMARY_URL}).`);
    // Every model keeps its row in the summary table; the folded matrix has the first of them.
    const shown = new Set(body.match(/model-\d{3}\.onnx/g));
    expect(shown.size).toBe(300);
    const [, left] = (
      /the per-target rows of (\d+) of 300 models \(every model keeps its row/.exec(body) ?? []
    ).map(Number);
    expect(left).toBeGreaterThan(0);
    expect(body).toContain(`<summary>Per-target energy: ${300 - left!} models × 16 targets</summary>`);
    expect(body).not.toContain('<details><summary>Top kernel changes');
    await expect(body.split('\n').slice(0, 8).join('\n')).toMatchFileSnapshot(
      '__snapshots__/comment-truncated-head.md',
    );
  });

  it('folds kernel detail first when that is enough', () => {
    const full = renderComment(regression, { key: 'k' }).body;
    const { body, truncated } = renderComment(regression, { key: 'k', maxChars: full.length - 1 });
    expect(truncated).toEqual(['kernel-detail']);
    expect(body.length).toBeLessThan(full.length);
    expect(body).toContain('leaving out kernel-level and per-device detail.');
    expect(body).toContain('the job summary of this workflow run');
    expect(body).toContain('`models/squeezenet.onnx`');
  });

  it('falls back to the verdict only, with a pointer to the run', async () => {
    const { body, truncated } = renderComment(manyModels(5), {
      key: 'default',
      maxChars: 900,
      runUrl: 'https://github.com/octo-org/vision-app/actions/runs/123',
    });
    expect(truncated).toEqual(['kernel-detail', 'per-target', 'models', 'verdict-only']);
    expect(body.length).toBeLessThanOrEqual(900);
    await expect(body).toMatchFileSnapshot('__snapshots__/comment-verdict-only.md');
  });

  it('never exceeds even a tiny limit', () => {
    const { body } = renderComment(budgetFail, { key: 'k', maxChars: 60 });
    expect(body.length).toBeLessThanOrEqual(60);
  });
});
