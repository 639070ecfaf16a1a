import { beforeAll, describe, expect, it } from 'vitest';
import { selectBundles } from '../../src/compare/bundles.js';
import { buildReport } from '../../src/compare/compare.js';
import { runTargets, type RunTarget } from '../../src/compare/price.js';
import { compareChanges } from '../../src/compare/run.js';
import { validateReport } from '../../src/compare/validate-report.js';
import { DEFAULT_CONFIG, type EnergyConfig } from '../../src/config/types.js';
import { renderCliReport } from '../../src/report/markdown.js';
import { modelBytes } from '../helpers/fixtures.js';

/**
 * Which budgets applied to a model x target travels into the report, so a pass that checked nothing
 * (no budget glob matched, e.g. a .onnx.gz model under a `**\/*.onnx` budget) is not shown as ✅.
 */

let targets: RunTarget[];
beforeAll(async () => {
  targets = await runTargets(selectBundles({ devices: ['huawei-p40-pro'], processors: ['cpu'] }));
});

const MODEL = modelBytes('squeezenet1_1');
const read = () => Promise.resolve(MODEL);

async function run(config: EnergyConfig) {
  const models = await compareChanges({
    changes: [
      { status: 'added', path: 'models/a.onnx' },
      { status: 'added', path: 'models/b.onnx.gz' },
    ],
    readBase: read,
    readHead: read,
    targets,
    config,
  });
  return buildReport(models, targets, { version: '0.0.0-test', budgetsConfigured: config.budgets.length });
}

const appliedOf = (report: Awaited<ReturnType<typeof run>>, path: string) =>
  report.models.find((m) => m.path === path)?.targets.map((t) => t.budget.applied);

describe('budget.applied', () => {
  it('lists the 1-based numbers of the budgets that apply, empty where none does', async () => {
    const report = await run({
      ...DEFAULT_CONFIG,
      budgets: [
        { models: ['**/*.onnx'], maxMj: { fail: 1e6 } },
        { models: ['models/**'], maxMj: { warn: 1e6 } },
        { models: ['other/**'], maxMj: { fail: 1e6 } },
      ],
    });
    expect(appliedOf(report, 'models/a.onnx')).toEqual([[1, 2]]);
    expect(appliedOf(report, 'models/b.onnx.gz')).toEqual([[2]]);
    expect(report.budgetsConfigured).toBe(3);
    expect(validateReport(JSON.parse(JSON.stringify(report)), 'report.json')).toEqual(report);
  });

  it('renders a model no budget applies to as "— no budget", still a pass', async () => {
    const report = await run({
      ...DEFAULT_CONFIG,
      budgets: [{ models: ['**/*.onnx'], maxMj: { fail: 1e6 } }],
    });
    expect(appliedOf(report, 'models/b.onnx.gz')).toEqual([[]]);
    expect(report.verdict).toBe('pass');
    const md = renderCliReport(report);
    const row = (path: string) => md.split('\n').find((l) => l.startsWith(`| \`${path}\``)) ?? '';
    expect(row('models/b.onnx.gz')).toMatch(/\| — no budget \|$/);
    expect(row('models/b.onnx.gz')).not.toContain('✅');
    expect(row('models/a.onnx')).toMatch(/\| ✅ \|$/);
  });

  it('says when no budget is configured at all', async () => {
    const report = await run(DEFAULT_CONFIG);
    expect(report.budgetsConfigured).toBe(0);
    const md = renderCliReport(report);
    expect(md).toContain('no budgets configured (config from the base commit)');
    expect(md).not.toContain('✅ |');
  });
});
