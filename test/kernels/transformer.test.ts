import { describe, expect, it } from 'vitest';
import { ModelBuilder, float } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';
import { accountedNodes, analyseBuilder, countByType, sum } from './helpers.js';

/*
 * A pre-LN transformer encoder block as PyTorch exports it: sequence S = 16, hidden D = 64, H = 4
 * heads of d = 16, MLP 4D = 256, exact (Erf) GELU. The first LayerNorm is the ONNX op (opset 17),
 * the second the decomposed ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add pattern.
 */
const S = 16;
const D = 64;
const H = 4;
const d = D / H;
const MLP = 4 * D;

function transformerBlock(): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', DataType.FLOAT, [1, S, D]);
  const scalar = (name: string, v: number) =>
    b.initializer(name, { dataType: DataType.FLOAT, dims: [], values: [v] });
  const linear = (name: string, input: string, cin: number, cout: number) =>
    b.node(
      'Add',
      [
        b.node('MatMul', [input, b.weight(`${name}.weight`, [cin, cout])], {}, { name: `${name}/MatMul` }),
        b.weight(`${name}.bias`, [cout]),
      ],
      {},
      { name: `${name}/Add` },
    );

  const ln1 = b.node(
    'LayerNormalization',
    [x, b.weight('ln1.weight', [D]), b.weight('ln1.bias', [D])],
    { axis: -1, epsilon: float(1e-5) },
    { name: 'ln1' },
  );
  const heads = (name: string, perm: number[]) =>
    b.node(
      'Transpose',
      [
        b.node(
          'Reshape',
          [linear(name, ln1, D, D), b.ints(`${name}.shape`, [1, S, H, d])],
          {},
          { name: `${name}/Reshape` },
        ),
      ],
      { perm },
      { name: `${name}/Transpose` },
    );
  const q = heads('q', [0, 2, 1, 3]);
  const k = heads('k', [0, 2, 3, 1]);
  const v = heads('v', [0, 2, 1, 3]);
  const scores = b.node(
    'Div',
    [b.node('MatMul', [q, k], {}, { name: 'attn/QK' }), scalar('scale', Math.sqrt(d))],
    {},
    { name: 'attn/Div' },
  );
  const probs = b.node('Softmax', [scores], { axis: -1 }, { name: 'attn/Softmax' });
  const context = b.node('MatMul', [probs, v], {}, { name: 'attn/AV' });
  const merged = b.node(
    'Reshape',
    [
      b.node('Transpose', [context], { perm: [0, 2, 1, 3] }, { name: 'attn/Transpose' }),
      b.ints('merge.shape', [1, S, D]),
    ],
    {},
    { name: 'attn/Reshape' },
  );
  const h1 = b.node('Add', [x, linear('o', merged, D, D)], {}, { name: 'residual1' });

  const mean = b.node('ReduceMean', [h1], { axes: [-1] }, { name: 'ln2/ReduceMean' });
  const centred = b.node('Sub', [h1, mean], {}, { name: 'ln2/Sub' });
  const variance = b.node(
    'ReduceMean',
    [b.node('Pow', [centred, scalar('two', 2)], {}, { name: 'ln2/Pow' })],
    { axes: [-1] },
    { name: 'ln2/ReduceMean_1' },
  );
  const std = b.node(
    'Sqrt',
    [b.node('Add', [variance, scalar('eps', 1e-5)], {}, { name: 'ln2/Add' })],
    {},
    { name: 'ln2/Sqrt' },
  );
  const normalised = b.node('Div', [centred, std], {}, { name: 'ln2/Div' });
  const ln2 = b.node(
    'Add',
    [
      b.node('Mul', [normalised, b.weight('ln2.weight', [D])], {}, { name: 'ln2/Mul' }),
      b.weight('ln2.bias', [D]),
    ],
    {},
    { name: 'ln2/Add_1' },
  );

  const up = linear('fc1', ln2, D, MLP);
  const erf = b.node(
    'Erf',
    [b.node('Div', [up, scalar('sqrt2', Math.SQRT2)], {}, { name: 'gelu/Div' })],
    {},
    { name: 'gelu/Erf' },
  );
  const gelu = b.node(
    'Mul',
    [
      b.node(
        'Mul',
        [up, b.node('Add', [erf, scalar('one', 1)], {}, { name: 'gelu/Add' })],
        {},
        { name: 'gelu/Mul' },
      ),
      scalar('half', 0.5),
    ],
    {},
    { name: 'gelu/Mul_1' },
  );
  const out = b.node('Add', [h1, linear('fc2', gelu, MLP, D)], {}, { name: 'residual2' });
  b.output(out, DataType.FLOAT);
  return b;
}

describe('transformer block (attention + MLP + LayerNorm) made with the builder', () => {
  const analysed = analyseBuilder(transformerBlock());
  const { kernels, folded, warnings } = analysed.detection;

  it('counts MACs by hand', () => {
    // Q, K, V and output projections: 4 x S x D x D = 262,144.
    // QK^T and AV: 2 x H x S x S x d = 2 x 4 x 16 x 16 x 16 = 32,768.
    // MLP: S x D x 4D + S x 4D x D = 2 x 16 x 64 x 256 = 524,288.  Total 819,200.
    expect(sum(kernels, 'macs')).toBe(4 * S * D * D + 2 * H * S * S * d + 2 * S * D * MLP);
    expect(sum(kernels, 'macs')).toBe(819_200);
  });

  it('fuses layer norms, projections, attention and residual adds', () => {
    expect(warnings).toEqual([]);
    expect(accountedNodes(analysed)).toEqual({ missing: [], twice: [] });
    expect(countByType(kernels)).toEqual({ layernorm: 2, fc: 6, attention: 1, add: 2 });
    expect(kernels.map((k) => k.name)).toEqual([
      'ln1',
      'q/MatMul',
      // Kernels are named after their first node in graph order: Q's head transpose opens attention.
      'q/Transpose',
      'k/MatMul',
      'v/MatMul',
      'attn/Reshape',
      'residual1',
      'ln2/ReduceMean',
      'fc1/MatMul',
      'fc2/MatMul',
      'residual2',
    ]);
    // The head-splitting Reshapes of Q, K, V are views: folded.
    expect(folded).toEqual(
      ['q', 'k', 'v'].map((n) => ({ node: `${n}/Reshape`, opType: 'Reshape', reason: 'view' })),
    );
  });

  it('describes the attention kernel', () => {
    const attention = kernels.find((k) => k.type === 'attention')!;
    expect(attention.opTypes).toEqual([
      'Transpose',
      'Transpose',
      'Transpose',
      'MatMul',
      'Div',
      'Softmax',
      'MatMul',
      'Transpose',
    ]);
    expect(attention.macs).toBe(2 * H * S * S * d);
    // 2 x MACs + scaling (1 per score) + Softmax (5 per score); transposes move data only.
    expect(attention.flops).toBe(2 * 2 * H * S * S * d + H * S * S + 5 * H * S * S);
    expect(attention.features).toEqual({ SEQ: S, HIDDEN: D, HEADS: H, FLOPS: attention.flops });
    expect(attention.variant).toEqual({ note: 'scaled' });
    expect(attention.params).toBe(1);
  });

  it('fuses GELU (Erf form) into the MLP projection and the bias Adds into fc', () => {
    const fc1 = kernels.find((k) => k.name === 'fc1/MatMul')!;
    expect(fc1.variant).toEqual({ activation: 'gelu', bias: true, note: 'matmul+add' });
    expect(fc1.features).toMatchObject({ CIN: D, COUT: MLP, PARAMS: D * MLP + MLP });
    expect(fc1.config.SEQ).toBe(S);
    const output = kernels.find((k) => k.name === 'attn/Reshape')!;
    expect(output.opTypes).toEqual(['Reshape', 'MatMul', 'Add']);
  });

  it('recognises both LayerNorm forms with the same configuration', () => {
    const norms = kernels.filter((k) => k.type === 'layernorm');
    expect(norms.map((k) => k.features)).toEqual([
      { SEQ: S, HIDDEN: D },
      { SEQ: S, HIDDEN: D },
    ]);
    expect(norms[1]!.opTypes).toEqual([
      'ReduceMean',
      'Sub',
      'Pow',
      'ReduceMean',
      'Add',
      'Sqrt',
      'Div',
      'Mul',
      'Add',
    ]);
    // Same FLOPs convention: 7 per element (scale and shift included) + 2 per row.
    expect(norms[0]!.flops).toBe(norms[1]!.flops);
    expect(norms[0]!.flops).toBe(7 * S * D + 2 * S);
  });

  it('counts every initializer once', () => {
    const initializers = [...analysed.model.graph.initializers.values()].reduce((s, t) => s + t.elements, 0);
    expect(sum(kernels, 'params') + analysed.detection.unattributedParams).toBe(initializers);
  });
});
