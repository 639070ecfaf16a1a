import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/types.js';
import { convModel } from '../compare/symbolic-model.js';
import { buildTflite, chainModel, type Obj } from '../tflite/builder.js';
import { cli, json, tempDir } from './run.js';

const tmp = tempDir('compare-dims');
afterAll(() => tmp.cleanup());

const oldModel = join(tmp.dir, 'old.onnx');
const newModel = join(tmp.dir, 'new.onnx');
writeFileSync(oldModel, convModel([1, 3, 'H', 'W']));
writeFileSync(newModel, convModel([1, 3, 'H', 'W']));
const configFile = join(tmp.dir, 'model-energy.yml');
writeFileSync(configFile, "dims:\n  '**': { H: 16, W: 16 }\n");

const compare = (...args: string[]) =>
  cli(['compare', oldModel, newModel, '--device', 'huawei-p40-pro', '--processor', 'cpu', '--json', ...args]);

describe('model-energy compare --dim', () => {
  it('without a value for H and W: verdict warn, a report warning naming the file, the dims and --dim', async () => {
    const result = await compare();
    expect(result.code).toBe(0);
    const report = json<ComparisonReport>(result);
    expect(report.verdict).toBe('warn');
    expect(report.models[0]!.budget).toBe('warn');
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain(
      `${newModel}: symbolic input dims H, W had no value and were set to 1`,
    );
    expect(report.warnings[0]).toContain('--dim H=VALUE --dim W=VALUE on the CLI');
  });

  it('sets them on both versions (repeatable), over the config; the verdict passes', async () => {
    const fromFlags = json<ComparisonReport>(await compare('--dim', 'H=64', '--dim', 'W=64'));
    expect(fromFlags.verdict).toBe('pass');
    expect(fromFlags.warnings).toEqual([]);
    expect(fromFlags.models[0]!.notes).toContain('symbolic dims bound to H=64, W=64');
    const t = fromFlags.models[0]!.targets[0]!;
    expect(t.base!.energyMj).toBe(t.head!.energyMj);

    const fromConfig = json<ComparisonReport>(await compare('--config', configFile));
    expect(fromConfig.verdict).toBe('pass');
    expect(fromConfig.models[0]!.notes).toContain('symbolic dims bound to H=16, W=16');

    const both = json<ComparisonReport>(await compare('--config', configFile, '--dim', 'H=64'));
    expect(both.models[0]!.notes).toContain('symbolic dims bound to H=64, W=16');
    expect(both.models[0]!.targets[0]!.head!.energyMj).toBeGreaterThan(
      fromConfig.models[0]!.targets[0]!.head!.energyMj,
    );
  });

  it('warns about a --dim no model has, and rejects a bad one as usage', async () => {
    const typo = json<ComparisonReport>(await compare('--dim', 'H=64', '--dim', 'W=64', '--dim', 'HH=3'));
    expect(typo.warnings).toEqual(['--dim HH=3 ignored, no compared model has such a dim']);
    const bad = await compare('--dim', 'H=0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'H=0': the value must be a positive integer/);
  });

  it('is in the help', async () => {
    const result = await cli(['compare', '--help']);
    expect(result.stdout).toMatch(/--dim <name=value>\s+value for a symbolic input dim of both versions/);
  });
});

describe('model-energy compare: a reason every target shares', () => {
  it('lists the unset dims once for all targets under Budgets, not once per target', async () => {
    const result = await cli([
      'compare',
      oldModel,
      newModel,
      '--device',
      'huawei-p40-pro',
      '--format',
      'text',
    ]);
    expect(result.code).toBe(0);
    const text = result.stdout.replace(/\s+/g, ' ');
    const budgets = text.slice(text.indexOf('Budgets:'), text.indexOf('Structure'));
    expect(budgets).toContain('all 2 targets: warn: symbolic input dims H, W had no value and were set to 1');
    expect(budgets.split('had no value')).toHaveLength(2);
  });
});

describe('model-energy compare: a TFLite input the file fixes at a placeholder size', () => {
  it('warns as for an unset ONNX dim, and says to convert the model: --dim cannot set it', async () => {
    // One RELU over an input converted with a dynamic size dim: shape_signature [1, -1], declared [1, 1].
    const model = chainModel(1) as { subgraphs: { tensors: Obj[] }[] } & Obj;
    const tensors = model.subgraphs[0]!.tensors.map((t) => ({ ...t, shape: [1, 1] }));
    model.subgraphs[0]!.tensors = [{ ...tensors[0], shape_signature: [1, -1] }, ...tensors.slice(1)];
    const file = join(tmp.dir, 'mel.tflite');
    writeFileSync(file, buildTflite(model));
    const result = await cli([
      'compare',
      file,
      file,
      '--device',
      'huawei-p40-pro',
      '--json',
      '--dim',
      't0:1=1600',
    ]);
    const report = json<ComparisonReport>(result);
    expect(report.verdict).toBe('warn');
    expect(report.warnings.join('\n')).toContain(
      `${file}: symbolic input dim t0:1 had no value and was set to 1`,
    );
    expect(report.warnings.join('\n')).toContain(
      'a dim the TFLite file fixes at 1 (t0:1) cannot be set: convert the model with the deployed input size',
    );
    expect(report.warnings.join('\n')).not.toContain('--dim t0:1=VALUE');
  });
});
