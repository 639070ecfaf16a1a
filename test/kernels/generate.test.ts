import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { generatedKernelTypes } from '../../src/kernels/catalog.js';
import { featureNames } from '../../src/kernels/features.js';
import { buildKernelModel, kernelFromConfig, samePadding } from '../../src/kernels/generate.js';
import {
  DEEPEN2023_CONFIG_COLUMNS,
  KernelError,
  type KernelConfig,
  type KernelType,
} from '../../src/kernels/types.js';

const CONFIG_COLUMNS = DEEPEN2023_CONFIG_COLUMNS;
const GENERATED_TYPES = generatedKernelTypes();

interface Row {
  readonly id: string;
  readonly type: KernelType;
  readonly config: KernelConfig;
  /** NHWC without batch, as the dataset writes them. */
  readonly inputShapes: number[][];
}

const rows: Row[] = parse<Record<string, string>>(
  readFileSync(new URL('../../data/deepen2023/kernels_cpu.csv', import.meta.url)),
  {
    columns: true,
  },
).map((r) => {
  const config: Record<string, number> = {};
  for (const c of CONFIG_COLUMNS) if (r[c] !== '' && r[c] !== undefined) config[c] = Number(r[c]);
  return {
    id: r.kernel_id!,
    type: r.kernel_type as KernelType,
    config,
    inputShapes: JSON.parse(r.input_shapes!) as number[][],
  };
});

/** The dataset's NHWC-without-batch shape of an NCHW (or N, C) shape. */
const nhwc = (shape: readonly number[]) =>
  shape.length === 4 ? [shape[2], shape[3], shape[1]] : shape.slice(1);

describe('kernel models from configurations', () => {
  it('the dataset has a row of every generated type', () => {
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(GENERATED_TYPES));
  });

  it('every row of kernels_cpu.csv analyses back to one kernel of its type, with its configuration as features', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const kernel = kernelFromConfig(row.type, row.config);
      for (const name of featureNames(row.type)) {
        const want = row.config[name as keyof KernelConfig];
        if (want !== undefined && kernel.features[name] !== want)
          problems.push(`${row.id} ${row.type} ${name}: ${kernel.features[name]} != ${want}`);
      }
      const shapes = kernel.inputShapes.map(nhwc);
      if (JSON.stringify(shapes) !== JSON.stringify(row.inputShapes))
        problems.push(`${row.id} ${row.type} inputs ${JSON.stringify(shapes)}`);
    }
    expect(problems).toEqual([]);
  });

  it('uses TF same padding: output = ceil(HW / stride)', () => {
    expect(samePadding(13, 3, 2)).toEqual([1, 1]);
    expect(samePadding(112, 3, 2)).toEqual([0, 1]);
    expect(samePadding(7, 1, 1)).toEqual([0, 0]);
    for (const [hw, ks, s] of [
      [111, 5, 2],
      [13, 3, 2],
      [224, 7, 2],
      [14, 1, 2],
    ] as const) {
      const conv = kernelFromConfig('conv-bn-relu', { HW: hw, CIN: 3, COUT: 4, KERNEL_SIZE: ks, STRIDES: s });
      expect(conv.outputShapes).toEqual([[1, 4, Math.ceil(hw / s), Math.ceil(hw / s)]]);
      const pool = kernelFromConfig('maxpool', {
        HW: hw,
        CIN: 3,
        KERNEL_SIZE: ks,
        STRIDES: s,
        POOL_STRIDES: s,
      });
      expect(pool.outputShapes).toEqual([[1, 3, Math.ceil(hw / s), Math.ceil(hw / s)]]);
    }
  });

  it('BN folded or separate, and every opset, give the same kernel and features', () => {
    const config = { HW: 28, CIN: 16, COUT: 32, KERNEL_SIZE: 3, STRIDES: 2 };
    const separate = kernelFromConfig('conv-bn-relu', config);
    const folded = kernelFromConfig('conv-bn-relu', config, { bn: 'folded' });
    expect([separate.variant.bn, folded.variant.bn]).toEqual(['separate', 'folded']);
    expect(folded.features).toEqual(separate.features);
    expect(separate.features).toEqual({ ...config, FLOPS: separate.flops, PARAMS: 32 * 16 * 9 + 32 });
    for (const type of GENERATED_TYPES) {
      const config = rows.find((r) => r.type === type)!.config;
      const reference = kernelFromConfig(type, config).features;
      for (const opset of [11, 14, 18])
        expect(kernelFromConfig(type, config, { opset }).features).toEqual(reference);
    }
    for (const activation of ['none', 'relu6', 'hswish', 'swish', 'sigmoid'] as const) {
      expect(
        kernelFromConfig('dwconv-bn-relu', { HW: 14, CIN: 8, KERNEL_SIZE: 3, STRIDES: 1 }, { activation })
          .variant.activation,
      ).toBe(activation);
    }
  });

  it('onnxruntime runs every generated model and agrees with the analysed output shapes', async () => {
    for (const type of GENERATED_TYPES) {
      const row = rows
        .filter((r) => r.type === type)
        .sort(
          (a, b) => (a.config.HW ?? 1) * (a.config.CIN ?? 1) - (b.config.HW ?? 1) * (b.config.CIN ?? 1),
        )[0]!;
      const kernel = kernelFromConfig(type, row.config);
      const session = await ort.InferenceSession.create(buildKernelModel(type, row.config));
      const feeds: Record<string, ort.Tensor> = {};
      session.inputNames.forEach((name, i) => {
        const shape = [...kernel.inputShapes[i]!];
        feeds[name] = new ort.Tensor('float32', new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
      });
      const outputs = await session.run(feeds);
      expect(
        session.outputNames.map((n) => [...outputs[n]!.dims]),
        type,
      ).toEqual(kernel.outputShapes);
      await session.release();
    }
  });

  it('refuses incomplete configurations and types without a generator', () => {
    expect(() => buildKernelModel('conv-bn-relu', { HW: 7, CIN: 8, KERNEL_SIZE: 3, STRIDES: 1 })).toThrow(
      /COUT must be an integer >= 1 \(got nothing\)/,
    );
    expect(() => buildKernelModel('relu', { HW: 7, CIN: 2.5 })).toThrow(KernelError);
    expect(() => buildKernelModel('concat', { HW: 7, CIN1: 8, CIN2: 0, CIN3: 0, CIN4: 0 })).toThrow(
      /at least two/,
    );
    expect(() => buildKernelModel('channelshuffle', { HW: 7, CIN: 9 })).toThrow(/even/);
    expect(() => kernelFromConfig('matmul', { SEQ: 4 })).toThrow(/no generator/);
  });
});
