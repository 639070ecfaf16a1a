import { describe, expect, it } from 'vitest';
import { renderCliReport, renderComment } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { CPU, GPU, budget, compare, kernels, model, report, stats } from './builder.js';

/** The report's wording for cases the newcomer review found misleading, in the comment and the CLI. */

const KERNELS = kernels([
  ['/a/Conv', 'conv-bn-relu', 4, 6],
  ['/b/Conv', 'conv-bn-relu', 3, 4],
  ['/c/Conv', 'conv-bn-relu', 2, 2.5],
  ['/d/Conv', 'dwconv-bn-relu', 1, 1.4],
  ['/e/Conv', 'dwconv-bn-relu', 1, 1.3],
  ['/f/Gemm', 'fc', 1, 1.2],
  ['/g/Gemm', 'fc', 1, 1.1],
]);

const filesReport = report(
  [
    model('new.onnx', [compare(CPU, 20, 26, { kernels: KERNELS })], {
      previousPath: 'old.onnx',
      base: stats(300e6, 3.5e6),
      head: stats(320e6, 3.6e6),
    }),
  ],
  {
    repository: undefined,
    pullRequest: undefined,
    baseRef: undefined,
    baseSha: undefined,
    headSha: undefined,
    mergeBaseSha: undefined,
    budgetsFrom: 'head',
  },
);

describe('renderCliReport', () => {
  const md = renderCliReport(filesReport, { budgets: { file: 'budgets.yml', exists: true } });

  it('has no hidden marker; the comment keeps it', () => {
    expect(md).not.toContain('<!--');
    expect(md.startsWith('### ')).toBe(true);
    expect(renderComment(filesReport, { key: 'cli' }).body).toMatch(/^<!-- model-energy-check:cli -->\n/);
  });

  it('names the config file and no commit', () => {
    expect(md).toContain('budgets from `budgets.yml`');
    expect(md).not.toMatch(/head commit|base commit/);
    expect(renderCliReport(filesReport, { budgets: { file: 'x.yml', exists: false } })).toContain(
      'default budgets (no `x.yml`)',
    );
  });

  it('shows every kernel change kept, pointing to no job summary', () => {
    expect(md).not.toMatch(/job summary/);
    for (const k of KERNELS) expect(md).toContain(`\`${k.name}\``);
    // The comment shows five and points to the summary for the rest.
    expect(renderComment(filesReport, { key: 'k' }).body).toContain(
      '*2 more kernel changes in the job summary.*',
    );
  });

  it('shows old → new for two files with different paths', () => {
    expect(md).toContain('| `old.onnx` → `new.onnx` |');
    expect(md).toContain('**`old.onnx` → `new.onnx`** on');
    expect(md).toContain('- `old.onnx` → `new.onnx`: MACs');
  });

  it('labels a working tree with uncommitted changes, not as the head commit', () => {
    const git = report([model('m.onnx', [compare(CPU, 20, 26)])], {
      budgetsFrom: 'base',
      headIsWorkingTree: true,
    });
    const text = renderCliReport(git, {
      budgets: { file: '.github/model-energy.yml', exists: true, at: 'at the merge base' },
    });
    expect(text).toContain('→ working tree (uncommitted changes on `deadbee`)');
    expect(text).not.toContain('head `deadbee`');
    expect(text).toContain('budgets from `.github/model-energy.yml` at the merge base');
  });
});

describe('the verdict line', () => {
  it('says there is no change when every target is under the noise floor, whatever the report’s number', () => {
    const r = report([
      model('m.onnx', [compare(CPU, 41.2, 41.195), compare(GPU, 20, 20)], {
        base: stats(1e6, 1e3),
        head: stats(1e6, 1e3),
      }),
    ]);
    expect(r.worstChangePct).toBeDefined();
    for (const text of [renderComment(r, { key: 'k' }).body, renderSummary(r)]) {
      expect(text).toContain('Model energy: pass · no energy change above the noise floor');
      expect(text).not.toMatch(/worst change/);
    }
    const { worstChangePct: _, ...without } = r;
    expect(renderCliReport(without)).not.toMatch(/worst change \*\*-?0\.0/);
  });
});

describe('a changed model whose base version could not be analysed', () => {
  const r = report([
    model(
      'models/a.onnx',
      [compare(CPU, undefined, 20, { budget: budget('warn', { kind: 'no-baseline' }) })],
      {
        status: 'modified',
        head: stats(300e6, 3.5e6),
        notes: ['the base version (merge base 0f1e2d3) could not be analysed, so there is no baseline: bad'],
      },
    ),
    model('models/b.onnx', [compare(CPU, 20, 20)], { base: stats(1e6, 1e3), head: stats(1e6, 1e3) }),
  ]);
  const body = renderComment(r, { key: 'k' }).body;
  const top = body.slice(0, body.indexOf('| Model |'));

  it('is warned about in the headline area, not only in the folded notes', () => {
    expect(top).toMatch(/### ⚠️ Model energy: warning/);
    expect(top).toContain('⚠️ No baseline for `models/a.onnx`: the base version could not be analysed');
  });

  it('is counted as without baseline, and its row agrees', () => {
    expect(top).toContain('2 models: 1 warn, 1 pass · 1 without baseline, 1 unchanged');
    expect(body).toMatch(/\| `models\/a\.onnx` \| [^|]+ \| — \| [^|]+ \| no baseline \|/);
    expect(body).not.toMatch(/\| new \|/);
  });

  it('says which side its structure numbers are', () => {
    expect(body).toContain('- `models/a.onnx` (head; the base was not analysed): MACs 300M');
  });
});

describe('a model whose head could not be analysed', () => {
  const r = report([
    model('models/a.onnx', [], {
      base: stats(301e6, 3.49e6),
      error: 'not a valid ONNX model',
    }),
  ]);
  const body = renderComment(r, { key: 'k' }).body;

  it("never shows the base's structure as the head's", () => {
    expect(body).toContain('- `models/a.onnx` (base; the head was not analysed): MACs 301M');
    expect(body).toContain('❌ not analysed: not a valid ONNX model');
  });
});

describe('a model analysed but priced on no energy target', () => {
  const r = report([
    model('models/a.onnx', [], {
      status: 'added',
      head: stats(301e6, 3.49e6),
      error: "no energy prediction: the run's predictor bundles (lat-cpu) predict latency only",
    }),
  ]);
  const body = renderComment(r, { key: 'k' }).body;

  it('fails, saying it was not priced rather than not analysed', () => {
    expect(body).toMatch(/^### ❌ Model energy: fail/m);
    expect(body).toContain('1 model: 1 fail · 1 not priced');
    expect(body).toContain(
      "| not priced | | | | ❌ no energy prediction: the run's predictor bundles (lat-cpu)",
    );
    expect(body).not.toContain('not analysed');
  });
});
