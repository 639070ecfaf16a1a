import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';
import { predictorFeatures } from '../../src/predict/features.js';
import { analyseBuilder } from './helpers.js';

const F = DataType.FLOAT;

function single(build: (b: ModelBuilder) => string, opset = 13) {
  const b = new ModelBuilder({ opset });
  b.output(build(b), F);
  const { kernels } = analyseBuilder(b).detection;
  expect(kernels).toHaveLength(1);
  return kernels[0]!;
}

describe('MACs, exactly from shapes', () => {
  it('grouped Conv: out elements x Cin/groups x kh x kw', () => {
    const k = single((b) =>
      b.node('Conv', [b.input('x', F, [1, 8, 8, 8]), b.weight('w', [16, 2, 3, 3]), b.weight('b', [16])], {
        group: 4,
        kernel_shape: [3, 3],
        pads: [1, 1, 1, 1],
      }),
    );
    expect(k.type).toBe('conv-bn-relu');
    expect(k.variant.groups).toBe(4);
    expect(k.macs).toBe(16 * 8 * 8 * 2 * 9);
    // 2 x MACs + the bias add.
    expect(k.flops).toBe(2 * k.macs + 16 * 8 * 8);
  });

  it('ConvTranspose: input elements x Cout/groups x kh x kw', () => {
    const k = single((b) =>
      b.node('ConvTranspose', [b.input('x', F, [1, 4, 5, 5]), b.weight('w', [4, 6, 3, 3])], {
        strides: [2, 2],
        kernel_shape: [3, 3],
      }),
    );
    expect(k.outputShapes).toEqual([[1, 6, 11, 11]]);
    expect(k.macs).toBe(4 * 5 * 5 * 6 * 9);
    expect(k.variant.note).toBe('transposed');
  });

  it('Gemm with transA, batched MatMul of activations, Einsum', () => {
    const gemm = single((b) =>
      b.node('Gemm', [b.input('a', F, [7, 3]), b.weight('w', [7, 5])], { transA: 1 }),
    );
    expect([gemm.type, gemm.macs, gemm.features.CIN, gemm.features.COUT]).toEqual(['fc', 3 * 5 * 7, 7, 5]);
    const mm = single((b) =>
      b.node('MatMul', [b.input('a', F, [2, 3, 4, 5]), b.input('b', F, [2, 3, 5, 6])]),
    );
    expect([mm.type, mm.macs, mm.flops]).toEqual(['matmul', 2 * 3 * 4 * 6 * 5, 2 * 2 * 3 * 4 * 6 * 5]);
    expect(mm.features).toEqual({ SEQ: 4, CIN: 5, COUT: 6, HEADS: 6, FLOPS: mm.flops });
    const einsum = single((b) =>
      b.node('Einsum', [b.input('a', F, [2, 3, 4]), b.input('b', F, [2, 4, 5])], {
        equation: 'bij,bjk->bik',
      }),
    );
    expect([einsum.type, einsum.macs]).toEqual(['matmul', 2 * 3 * 4 * 5]);
  });

  it('pools, normalisation and activations add FLOPs but no MACs', () => {
    const pool = single((b) =>
      b.node('MaxPool', [b.input('x', F, [1, 2, 6, 6])], { kernel_shape: [3, 3], strides: [3, 3] }),
    );
    expect([pool.macs, pool.flops]).toEqual([0, 2 * 2 * 2 * 9]);
    const gap = single((b) => b.node('GlobalAveragePool', [b.input('x', F, [1, 2, 6, 6])]));
    expect([gap.macs, gap.flops]).toEqual([0, 2 * 36]);
    const bn = single((b) =>
      b.node('BatchNormalization', [
        b.input('x', F, [1, 2, 3, 3]),
        ...['s', 'b', 'm', 'v'].map((n) => b.weight(n, [2])),
      ]),
    );
    expect([bn.type, bn.flops, bn.params]).toEqual(['bn', 2 * 18, 8]);
  });
});

describe('params and bytes', () => {
  it('an initializer shared by two kernels counts once, in the first, but both read it', () => {
    const b = new ModelBuilder({ opset: 13 });
    const w = b.weight('shared', [4, 4, 1, 1]);
    const first = b.node('Conv', [b.input('x', F, [1, 4, 2, 2]), w], {}, { name: 'first' });
    b.output(b.node('Conv', [first, w], {}, { name: 'second' }), F);
    const { kernels, unattributedParams } = analyseBuilder(b).detection;
    expect(kernels.map((k) => [k.name, k.params, k.ownParams, k.weightElements, k.weightBytes])).toEqual([
      ['first', 16, 16, 16, 64],
      ['second', 0, 16, 16, 64],
    ]);
    expect(unattributedParams).toBe(0);
    // Priced alike: the regressors see what each kernel reads, not where the model counts it.
    const [a, b2] = kernels.map((k) => predictorFeatures(k).values);
    expect(b2).toEqual(a);
  });

  it('weights computed from initializers by folded nodes count in the kernel that reads them', () => {
    const b = new ModelBuilder({ opset: 13 });
    const transposed = b.node(
      'Transpose',
      [b.weight('w_t', [3, 6, 1, 1])],
      { perm: [1, 0, 2, 3] },
      { name: 'fold_me' },
    );
    const constant = b.node(
      'Constant',
      [],
      { value: { tensor: { dataType: F, dims: [6], values: [1, 2, 3, 4, 5, 6] } } },
      { name: 'bias' },
    );
    b.output(b.node('Conv', [b.input('x', F, [1, 3, 4, 4]), transposed, constant], {}, { name: 'conv' }), F);
    b.weight('unused', [10]);
    const { kernels, folded, unattributedParams } = analyseBuilder(b).detection;
    expect(folded).toEqual([
      { node: 'fold_me', opType: 'Transpose', reason: 'constant-folding' },
      { node: 'bias', opType: 'Constant', reason: 'constant' },
    ]);
    // 18 weights from the initializer through the folded Transpose + 6 from the Constant node.
    expect(kernels[0]!.params).toBe(18 + 6);
    expect(unattributedParams).toBe(10);
  });

  it('float work on a state sized by a symbolic dim is work at each inference, not folded', () => {
    // An RNN export's zero initial state: ConstantOfShape([batch, 8]) of the input's batch, times R.
    const build = (batch: number | string) => {
      const b = new ModelBuilder({ opset: 13 });
      const x = b.input('x', F, [batch, 8]);
      const n = b.node(
        'Gather',
        [b.node('Shape', [x]), b.initializer('zero', { dataType: DataType.INT64, dims: [], values: [0] })],
        { axis: 0 },
      );
      const size = b.node('Concat', [b.node('Unsqueeze', [n, b.ints('axes', [0])]), b.ints('eight', [8])], {
        axis: 0,
      });
      const h0 = b.node('ConstantOfShape', [size], {}, { name: 'h0' });
      const r = b.weight('r', [8, 16]);
      b.output(
        b.node('Add', [
          b.node('MatMul', [h0, r], {}, { name: 'h0_r' }),
          b.node('MatMul', [x, b.weight('w', [8, 16])]),
        ]),
        F,
      );
      return analyseBuilder(b).detection;
    };
    const dynamic = build('batch');
    const step0 = dynamic.kernels.find((k) => k.nodes.includes('h0_r'))!;
    expect(step0.macs).toBe(8 * 16);
    expect(step0.params).toBe(8 * 16);
    expect(dynamic.folded.map((f) => f.reason)).not.toContain('constant-folding');
    // With a static batch the state is a constant a runtime folds when it loads the model.
    const fixed = build(1);
    expect(fixed.folded).toContainEqual({ node: 'h0_r', opType: 'MatMul', reason: 'constant-folding' });
    expect(fixed.kernels.reduce((s, k) => s + k.macs, 0)).toBe(8 * 16);
  });

  it('a float constant read from a static dim of a dynamic-batch tensor is still folded', () => {
    // PyTorch's attention scale: sqrt of the last dim of q, through Shape -> Slice -> Cast -> Sqrt.
    const b = new ModelBuilder({ opset: 13 });
    const q = b.input('q', F, ['batch', 4, 8]);
    const last = b.node('Slice', [
      b.node('Shape', [q]),
      b.ints('st', [-1]),
      b.ints('en', [Number.MAX_SAFE_INTEGER]),
    ]);
    const scale = b.node('Sqrt', [b.node('Cast', [last], { to: F })], {}, { name: 'scale' });
    b.output(b.node('Div', [q, scale], {}, { name: 'scaled' }), F);
    const { folded } = analyseBuilder(b).detection;
    expect(folded).toContainEqual({ node: 'scale', opType: 'Sqrt', reason: 'constant-folding' });
  });

  it('a mask compared from a state sized by a symbolic dim is work at each inference, bool or not', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, ['batch', 4]);
    const zeros = b.node('ConstantOfShape', [b.node('Shape', [x])], {}, { name: 'zeros' });
    const mask = b.node('Equal', [zeros, b.weight('zero', [1])], {}, { name: 'mask' });
    b.output(b.node('Where', [mask, x, b.weight('fill', [1])]), F);
    const { folded } = analyseBuilder(b).detection;
    expect(folded.map((f) => f.node)).not.toContain('mask');
    expect(folded.map((f) => f.node)).not.toContain('zeros');
  });

  it('bytes are activations in + out + weights, by element type', () => {
    const k = single((b) =>
      b.node('Conv', [
        b.input('x', DataType.FLOAT16, [1, 2, 4, 4]),
        b.initializer('w', { dataType: DataType.FLOAT16, dims: [3, 2, 1, 1] }),
      ]),
    );
    expect(k.inputBytes).toBe(32 * 2);
    expect(k.outputBytes).toBe(48 * 2);
    expect(k.weightBytes).toBe(6 * 2);
    expect(k.bytes).toBe(64 + 96 + 12);
  });

  it('an Add of a tensor to itself reads it once', () => {
    const k = single((b) => {
      const x = b.input('x', F, [1, 3, 2, 2]);
      return b.node('Add', [x, x]);
    });
    expect(k.inputShapes).toEqual([[1, 3, 2, 2]]);
    expect([k.inputBytes, k.outputBytes]).toEqual([48, 48]);
  });
});
