import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILTIN_KERNEL_TYPES,
  generatedKernelTypes,
  isKernelType,
  KERNEL_FEATURE_UNITS,
  KERNEL_TYPES,
  kernelTypeEntry,
  registerKernelType,
  type KernelTypeEntry,
} from '../../src/kernels/catalog.js';
import { buildKernelModel, kernelFromConfig } from '../../src/kernels/generate.js';
import { isOp, otherOperand, sole } from '../../src/kernels/matchers.js';
import { KernelError } from '../../src/kernels/types.js';
import { sampleKernels } from '../../src/measure/sampling.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { DataType } from '../../src/onnx/types.js';
import { kernelClass, loadBundle } from '../../src/predict/bundle.js';
import { parseKernelCsv } from '../../src/predict/csv.js';
import { gpuGroup } from '../../src/predict/gpu-cost.js';
import { predictKernels } from '../../src/predict/predictor.js';
import { SessionPool } from '../../src/predict/session.js';
import { linearLaw, tempDir, writeTestBundle } from '../predict/helpers.js';
import { analyseBuilder, countByType } from './helpers.js';

/** Mish, x * tanh(softplus(x)): a type the built-in catalog does not know, registered as one entry. */
const MISH: KernelTypeEntry = {
  name: 'mish',
  features: ['HW', 'CIN', 'FLOPS'],
  channelFirst: true,
  workClass: 'elementwise',
  matcher: {
    anchorOps: ['Softplus'],
    match: (ctx, softplus) => {
      const x = softplus.inputs[0];
      const tanh = sole(ctx, softplus.outputs[0]);
      if (!isOp(tanh, 'Tanh')) return undefined;
      const mul = sole(ctx, tanh.outputs[0]);
      if (!isOp(mul, 'Mul') || otherOperand(ctx, mul, tanh.outputs[0]!) !== x) return undefined;
      return { nodes: [softplus, tanh, mul], variant: {} };
    },
  },
  generator: {
    columns: [['HW'], ['CIN']],
    build: (m, config) => {
      const x = m.spatialInput(m.need(config, 'CIN'));
      const softplus = m.b.node('Softplus', [x], {}, { name: m.name('softplus') });
      const tanh = m.b.node('Tanh', [softplus], {}, { name: m.name('tanh') });
      return [m.b.node('Mul', [x, tanh], {}, { name: m.name('mul') })];
    },
  },
  sampling: {
    fields: { HW: { kind: 'choice', values: [7, 14] }, CIN: { kind: 'int', min: 8, max: 64 } },
    maxWork: 1e6,
    work: (c) => (c.HW ?? 1) ** 2 * (c.CIN ?? 0),
  },
};

/** Conv 3x3 -> Mish, as PyTorch exports nn.Mish before opset 18. */
function convMish(): ModelBuilder {
  const b = new ModelBuilder({ opset: 13 });
  const x = b.input('x', DataType.FLOAT, [1, 8, 16, 16]);
  const y = b.node('Conv', [x, b.weight('w', [8, 8, 3, 3])], { pads: [1, 1, 1, 1] }, { name: 'conv' });
  const softplus = b.node('Softplus', [y], {}, { name: 'softplus' });
  const tanh = b.node('Tanh', [softplus], {}, { name: 'tanh' });
  b.output(b.node('Mul', [y, tanh], {}, { name: 'mul' }), DataType.FLOAT);
  return b;
}

describe('the kernel-type catalog', () => {
  it('lists the built-in types in the order of the report schema, each with units for its features', () => {
    expect(KERNEL_TYPES).toEqual(BUILTIN_KERNEL_TYPES.map((e) => e.name));
    expect(KERNEL_TYPES.at(-1)).toBe('others');
    for (const entry of BUILTIN_KERNEL_TYPES) {
      for (const feature of entry.features) expect(KERNEL_FEATURE_UNITS[feature]).toBeTruthy();
      // measure samples only what the generator can build, and a generator's columns are fields it samples.
      if ('sampling' in entry) {
        expect(entry).toHaveProperty('generator');
        for (const group of entry.generator.columns)
          expect(group.some((f) => f in entry.sampling.fields)).toBe(true);
      }
    }
    expect(generatedKernelTypes()).toEqual(KERNEL_TYPES.slice(0, 16));
  });

  it('refuses a name already taken, an unknown feature or a matcher without anchors', () => {
    expect(() => registerKernelType({ ...MISH, name: 'conv-bn-relu' })).toThrow(
      "kernel type 'conv-bn-relu': is already in the kernel-type catalog",
    );
    expect(() => registerKernelType({ ...MISH, features: ['HW', 'FLOP' as 'FLOPS'] })).toThrow(
      "kernel type 'mish': unknown feature(s) FLOP",
    );
    expect(() => registerKernelType({ ...MISH, matcher: { ...MISH.matcher!, anchorOps: [] } })).toThrow(
      KernelError,
    );
    expect(() => registerKernelType({ ...MISH, name: 'Mish' })).toThrow(/lower-case/);
    expect(isKernelType('mish')).toBe(false);
    expect(() => kernelTypeEntry('mish')).toThrow("kernel type 'mish': is not in the kernel-type catalog");
  });
});

describe('a kernel type registered as one catalog entry', () => {
  const tmp = tempDir('catalog');
  const pool = new SessionPool();
  let unregister = (): void => {};
  beforeAll(() => {
    unregister = registerKernelType(MISH);
  });
  afterAll(async () => {
    unregister();
    await pool.release();
    tmp.cleanup();
  });

  it('is detected by its own matcher and featurised', () => {
    const { detection } = analyseBuilder(convMish());
    expect(countByType(detection.kernels)).toEqual({ 'conv-bn-relu': 1, mish: 1 });
    const mish = detection.kernels.find((k) => k.type === 'mish')!;
    expect(mish.opTypes).toEqual(['Softplus', 'Tanh', 'Mul']);
    expect(mish.config).toMatchObject({ HW: 16, CIN: 8 });
    expect(mish.features).toEqual({ HW: 16, CIN: 8, FLOPS: mish.flops });
    expect(mish.flops).toBeGreaterThan(0);
  });

  it("is built by measure's generator, sampled, and analyses back to itself", () => {
    const bytes = buildKernelModel('mish', { HW: 7, CIN: 16 });
    expect(decodeModelBytes(bytes, { path: '<mish>' }).graph.nodes.map((n) => n.opType)).toEqual([
      'Softplus',
      'Tanh',
      'Mul',
    ]);
    expect(generatedKernelTypes()).toContain('mish');
    expect(kernelFromConfig('mish', { HW: 7, CIN: 16 }).features).toMatchObject({ HW: 7, CIN: 16 });
    expect(() => buildKernelModel('mish', { CIN: 16 })).toThrow('mish config: HW must be an integer >= 1');
    const { kernels, shortfalls } = sampleKernels({ types: ['mish'], count: 3 });
    expect(shortfalls).toEqual([]);
    for (const k of kernels) {
      expect(k.type).toBe('mish');
      expect([7, 14]).toContain(k.config.HW);
      expect(kernelFromConfig(k.type, k.config).config).toMatchObject(k.config);
    }
  });

  it('is read from a kernel CSV, with the columns its generator needs', () => {
    const csv = parseKernelCsv('kernel_type,HW,CIN,energy_mj\nmish,14,32,0.5\n', 'k.csv');
    expect(csv.rows[0]).toMatchObject({ type: 'mish', config: { HW: 14, CIN: 32 }, energyMj: 0.5 });
    expect(() => parseKernelCsv('kernel_type,CIN,energy_mj\nmish,32,0.5\n', 'k.csv')).toThrow(
      "missing column 'HW' (needed by mish)",
    );
  });

  it("is priced by a bundle's fallback regressor, in its work class", async () => {
    const othersLaw = linearLaw(1e-9, 2e-8, 0.001);
    const dir = writeTestBundle(tmp.dir, 'base-cpu', {
      models: { 'conv-bn-relu': [linearLaw(2e-9, 1e-8, 0.01)], others: [othersLaw] },
    });
    const { detection } = analyseBuilder(convMish());
    const result = await predictKernels(loadBundle(dir), detection.kernels, { pool });
    const mish = detection.kernels.find((k) => k.type === 'mish')!;
    const priced = result.find((p) => p.type === 'mish')!;
    expect(priced).toMatchObject({ fallback: true, source: 'others' });
    expect(priced.energyMj).toBeCloseTo(1e-9 * mish.flops + 2e-8 * mish.bytes + 0.001, 9);
    expect(kernelClass('mish')).toBe('memory');
    expect(gpuGroup('mish')).toBe('elementwise');
  });

  it('leaves the catalog as it was once unregistered', () => {
    const again = registerKernelType({ ...MISH, name: 'mish-twice' });
    again();
    expect(isKernelType('mish-twice')).toBe(false);
    expect(isKernelType('mish')).toBe(true);
  });
});
