import { beforeAll, describe, expect, it } from 'vitest';
import { selectBundles } from '../../src/compare/bundles.js';
import { buildReport } from '../../src/compare/compare.js';
import { runTargets, type RunTarget } from '../../src/compare/price.js';
import { compareChanges, type ChangedModel } from '../../src/compare/run.js';
import { parseConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG, type EnergyConfig } from '../../src/config/types.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';
import { convModel } from './symbolic-model.js';

const SPATIAL = convModel([1, 3, 'H', 'W']);
const BATCH = convModel(['N', 3, 64, 64]);
const PATH = 'models/net.onnx';

let targets: RunTarget[];
beforeAll(async () => {
  targets = await runTargets(selectBundles({ devices: ['huawei-p40-pro'], processors: ['cpu'] }));
});

async function check(
  bytes: Uint8Array,
  options: { config?: EnergyConfig; dims?: Record<string, number>; change?: ChangedModel } = {},
) {
  const warnings: string[] = [];
  const models = await compareChanges({
    changes: [options.change ?? { status: 'added', path: PATH }],
    readBase: () => Promise.resolve(bytes),
    readHead: () => Promise.resolve(bytes),
    targets,
    config: options.config ?? DEFAULT_CONFIG,
    ...(options.dims ? { dims: options.dims } : {}),
    onWarning: (w) => warnings.push(w),
  });
  const report = buildReport(models, targets, { version: '0.0.0-test', warnings });
  return { report, model: report.models[0]!, warnings };
}

const config = (yaml: string) => parseConfig(yaml, { file: 'model-energy.yml' });
const energyOf = (m: { targets: readonly { head?: { energyMj: number } }[] }) => m.targets[0]!.head!.energyMj;

describe('symbolic input dims left without a value', () => {
  it('an image size set to 1 is a warning naming the model, the dims and the fix, and lifts the verdict', async () => {
    const { report, model, warnings } = await check(SPATIAL);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^models\/net\.onnx: symbolic input dims H, W had no value and were set to 1/,
    );
    expect(warnings[0]).toContain("input 'x' [1, 3, H, W]");
    expect(warnings[0]).toContain('--dim H=VALUE --dim W=VALUE on the CLI');
    expect(warnings[0]).toContain("dims: { 'models/net.onnx': { H: VALUE, W: VALUE } }");
    expect(report.warnings).toEqual(warnings);
    expect(model.budget).toBe('warn');
    expect(model.targets.length).toBeGreaterThan(0);
    for (const t of model.targets) {
      expect(t.budget.status).toBe('warn');
      expect(t.budget.reasons).toContainEqual({ kind: 'unset-dims', dims: ['H', 'W'] });
    }
    expect(report.verdict).toBe('warn');
    // The routine note stays, beside the warning.
    expect(model.notes).toContain('symbolic dims bound to H=1, W=1');
  });

  it('a failing budget stays a failure, the reason added', async () => {
    const { model } = await check(SPATIAL, {
      config: config('budgets:\n  - models: "**"\n    max-mj: 0.000001\n'),
    });
    expect(model.budget).toBe('fail');
    expect(model.targets[0]!.budget.reasons).toContainEqual({ kind: 'unset-dims', dims: ['H', 'W'] });
  });

  it('a leading batch dim set to 1 is only the routine note', async () => {
    const { report, model, warnings } = await check(BATCH);
    expect(warnings).toEqual([]);
    expect(model.budget).toBe('pass');
    expect(report.verdict).toBe('pass');
    expect(model.notes).toContain('symbolic dims bound to N=1');
  });

  it("a batch dim that leads the main input is no size dim where else it stands (an RNN's state)", async () => {
    // silero VAD: input [batch, sequence], state [2, batch, 128].
    const m = new ModelBuilder();
    const x = m.input('input', DataType.FLOAT, ['batch', 64]);
    const state = m.input('state', DataType.FLOAT, [2, 'batch', 16]);
    m.output(m.node('MatMul', [x, m.weight('w', [64, 16])]));
    m.output(m.node('Relu', [state]));
    const { model, warnings } = await check(m.encode());
    expect(warnings).toEqual([]);
    expect(model.budget).toBe('pass');
  });

  it("a 1-D input's only dim does not make a sequence a batch ([seq] position ids)", async () => {
    const m = new ModelBuilder();
    const x = m.input('x', DataType.FLOAT, [1, 'seq', 16]);
    const positions = m.input('positions', DataType.FLOAT, ['seq']);
    m.output(m.node('MatMul', [x, m.weight('w', [16, 16])]));
    m.output(m.node('Relu', [positions]));
    const { warnings } = await check(m.encode());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/symbolic input dim seq had no value/);
  });

  it('the config dims set them: no warning, and the energy is that of the real size', async () => {
    const tiny = await check(SPATIAL);
    const { model, warnings } = await check(SPATIAL, {
      config: config("dims:\n  'models/**': { H: 64, W: 64 }\n"),
    });
    expect(warnings).toEqual([]);
    expect(model.budget).toBe('pass');
    expect(model.notes).toContain('symbolic dims bound to H=64, W=64');
    expect(energyOf(model)).toBeGreaterThan(10 * energyOf(tiny.model));
    // The same model with a static 64x64 input costs the same.
    const fixed = await check(convModel([1, 3, 64, 64]));
    expect(energyOf(model)).toBeCloseTo(energyOf(fixed.model), 9);
  });

  it('dims given by the caller (--dim) win over the config and apply to both versions', async () => {
    const { model, warnings } = await check(SPATIAL, {
      config: config("dims:\n  'models/**': { H: 16, W: 16 }\n"),
      dims: { H: 64, W: 64 },
      change: { status: 'modified', path: PATH },
    });
    expect(warnings).toEqual([]);
    expect(model.notes).toContain('symbolic dims bound to H=64, W=64');
    const fixed = await check(convModel([1, 3, 64, 64]));
    const t = model.targets[0]!;
    expect(t.head!.energyMj).toBeCloseTo(energyOf(fixed.model), 9);
    expect(t.base!.energyMj).toBeCloseTo(energyOf(fixed.model), 9);
  });

  it('a base version with unset sizes (the head now static) is a warning that says so', async () => {
    const fixed = convModel([1, 3, 64, 64]);
    const warnings: string[] = [];
    const models = await compareChanges({
      changes: [{ status: 'modified', path: PATH }],
      readBase: () => Promise.resolve(SPATIAL),
      readHead: () => Promise.resolve(fixed),
      targets,
      config: DEFAULT_CONFIG,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^models\/net\.onnx \(base version\): symbolic input dims H, W/);
    expect(models[0]!.budget).toBe('warn');
  });

  it('one dim is named in the singular', async () => {
    const { warnings, model } = await check(convModel([1, 3, 'S', 8]));
    expect(warnings[0]).toMatch(/^models\/net\.onnx: symbolic input dim S had no value and was set to 1 \(/);
    expect(warnings[0]).toContain('set it with --dim S=VALUE on the CLI');
    expect(model.targets[0]!.budget.reasons).toContainEqual({ kind: 'unset-dims', dims: ['S'] });
  });

  it('an unnamed size dim is named and set by its input and axis', async () => {
    const { warnings } = await check(convModel([1, 3, 'H', '']));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/dims H, x:3 had no value/);
    expect(warnings[0]).toContain(
      "--dim H=VALUE --dim x:3=VALUE on the CLI, or in the config: dims: { 'models/net.onnx': { H: VALUE, 'x:3': VALUE } }",
    );
  });
});

describe('dims the model does not have', () => {
  it("the config's are a note on the model", async () => {
    const { model, warnings } = await check(BATCH, {
      config: config("dims:\n  'models/**': { N: 2, H: 320 }\n"),
    });
    expect(warnings).toEqual([]);
    expect(model.notes).toContain(
      "the config's dims H=320 ignored, the model has no such dim; its symbolic dims are N",
    );
    expect(model.notes).toContain('symbolic dims bound to N=2');
  });

  it('a --dim no compared model has is a run warning', async () => {
    const { warnings } = await check(BATCH, { dims: { N: 2, HW: 7 } });
    expect(warnings).toEqual(['--dim HW=7 ignored, no compared model has such a dim']);
  });
});
