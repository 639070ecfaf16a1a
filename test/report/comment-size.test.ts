import { describe, expect, it } from 'vitest';
import { renderComment } from '../../src/report/markdown.js';
import { allTargets, budget, crossed, compare, kernels, model, report, stats } from './builder.js';

/** A 45-model PR on 16 targets where more models warn or fail than a full table has room for. */
function bigPr(count = 45) {
  const targets = allTargets();
  return report(
    Array.from({ length: count }, (_, i) => {
      const base = 20 + (i % 37);
      const head = base * (1 + ((i * 7) % 30) / 100);
      const level = i % 9 === 4 ? 'fail' : i % 4 !== 1 ? 'warn' : 'pass';
      return model(
        `models/zoo/model-${String(i).padStart(3, '0')}.onnx`,
        targets.map((t, j) =>
          compare(t, base * (1 + j / 20), head * (1 + j / 20), {
            kernels: kernels([
              ['conv1', 'conv-bn-relu', 1, 1.2],
              ['fc', 'fc', 0.5, 0.4],
            ]),
            ...(level !== 'pass' && j % 2 === 1
              ? {
                  budget: budget(level, crossed('maxIncreasePct', level, 7.5, 5)),
                }
              : {}),
          }),
        ),
        { base: stats(300e6 + i, 3.5e6), head: stats(300e6 + i * 1000, 3.5e6 + i) },
      );
    }),
  );
}

const named = (body: string) => new Set(body.match(/model-\d{3}\.onnx/g));

describe('a cut comment keeps its promise (defect 5)', () => {
  it('names every model that fails or warns when the notice says they are shown', () => {
    const r = bigPr();
    const flagged = r.models.filter((m) => m.budget !== 'pass').map((m) => m.path.split('/').pop()!);
    expect(flagged.length).toBeGreaterThan(14);
    const { body, truncated } = renderComment(r, { key: 'default' });
    expect(truncated.length).toBeGreaterThan(0);
    const shown = named(body);
    for (const f of flagged) expect(shown, f).toContain(f);
  });

  it('says how many failing and warning models it could not show when even one row each is too much', () => {
    const r = bigPr(400);
    const { body } = renderComment(r, { key: 'default', maxChars: 20_000 });
    const shown = named(body);
    const hidden = r.models.filter((m) => m.budget !== 'pass' && !shown.has(m.path.split('/').pop()!));
    expect(hidden.length).toBeGreaterThan(0);
    const fail = hidden.filter((m) => m.budget === 'fail').length;
    const warn = hidden.filter((m) => m.budget === 'warn').length;
    expect(body).toContain(`not shown: ${fail} that fail, ${warn} that warn`);
    expect(body).not.toMatch(/shown are those that fail, warn/);
  });
});
