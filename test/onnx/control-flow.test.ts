import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { GraphBuilder, ModelBuilder } from '../../src/onnx/builder.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType } from '../../src/onnx/types.js';
import { readModelBuffer } from '../../src/analysis/read.js';

const MACS_3X3 = 8 * 8 * 9 * 16 * 16;

/** A branch of one 3x3 conv (8 -> 8 channels, 16x16) over the outer value `x`, or a plain Identity. */
function branch(name: string, conv: boolean): GraphBuilder {
  const g = new GraphBuilder(name);
  // ONNX names are unique across a graph and its branches.
  const y = conv
    ? g.node(
        'Conv',
        ['x', g.weight(`${name}_w`, [8, 8, 3, 3])],
        { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
        { name: `${name}_conv` },
      )
    : g.node('Identity', ['x'], {}, { name: `${name}_identity` });
  g.output(g.node('Relu', [y], {}, { name: `${name}_relu` }));
  return g;
}

/** x -> If(cond) { then: conv or not; else: conv or not } -> Relu, as PyTorch exports put models in a branch. */
function ifModel(cond: (m: ModelBuilder) => string, thenConv: boolean, elseConv: boolean): Uint8Array {
  const m = new ModelBuilder({ opset: 13 });
  m.input('x', DataType.FLOAT, [1, 8, 16, 16]);
  const c = cond(m);
  const [y] = m.nodeOutputs(
    'If',
    [c],
    { then_branch: { graph: branch('then', thenConv) }, else_branch: { graph: branch('else', elseConv) } },
    { name: 'switch' },
  );
  m.output(m.node('Relu', [y!]));
  return m.encode();
}

describe('If nodes: the branch that runs is analysed', () => {
  it('a constant condition picks its branch, without a note', async () => {
    const trueConst = (m: ModelBuilder) =>
      m.node('Constant', [], { value: { tensor: { dataType: DataType.BOOL, dims: [], values: [1] } } });
    const a = await analyzeBytes(ifModel(trueConst, true, false), 'if.onnx', { runtimeFallback: false });
    expect(a.totals.macs).toBe(MACS_3X3);
    expect(a.kernels.some((k) => k.type === 'conv-bn-relu')).toBe(true);
    expect(a.warnings.join('\n')).not.toMatch(/If|subgraph/);
    const b = await analyzeBytes(ifModel(trueConst, false, true), 'if.onnx', { runtimeFallback: false });
    expect(b.totals.macs).toBe(0);
  });

  it('a condition folded from a shape picks its branch, even the cheaper one', async () => {
    // TorchScript's checks: rank(x) == 4 ? Identity : Conv.
    const rankIs4 = (m: ModelBuilder) => {
      const rank = m.node('Size', [m.node('Shape', ['x'])]);
      return m.node('Equal', [
        rank,
        m.initializer('four', { dataType: DataType.INT64, dims: [], values: [4] }),
      ]);
    };
    const a = await analyzeBytes(ifModel(rankIs4, false, true), 'if.onnx', { runtimeFallback: false });
    expect(a.totals.macs).toBe(0);
    expect(a.warnings.join('\n')).not.toMatch(/If/);
  });

  it('a condition known only at run time gets the branch with more compute, and a note', async () => {
    const flag = (m: ModelBuilder) => m.input('sr', DataType.BOOL, []);
    for (const [thenConv, elseConv, branchName] of [
      [true, false, 'then_branch'],
      [false, true, 'else_branch'],
    ] as const) {
      const a = await analyzeBytes(ifModel(flag, thenConv, elseConv), 'vad.onnx', { runtimeFallback: false });
      expect(a.totals.macs).toBe(MACS_3X3);
      expect(a.totals.params).toBe(8 * 8 * 9);
      expect(a.warnings).toContain(
        `If 'switch': its condition is known only when the model runs; analysed its ${branchName} (the branch with more compute nodes)`,
      );
      expect(a.warnings.join('\n')).not.toMatch(/not analysed|not statically known/);
    }
  });
});

describe('If nodes whose branch needs the runtime fallback', () => {
  /** If(flag) { GridSample(x) -> Relu } -> Conv: GridSample has no shape rule, the If's one input is a bool. */
  function gridSampleIf(): Uint8Array {
    const m = new ModelBuilder({ opset: 16 });
    m.input('x', DataType.FLOAT, [1, 8, 16, 16]);
    const flag = m.input('flag', DataType.BOOL, []);
    const sample = (name: string) => {
      const g = new GraphBuilder(name);
      const y = g.node(
        'GridSample',
        ['x', g.weight(`${name}_grid`, [1, 16, 16, 2])],
        {},
        { name: `${name}_gs` },
      );
      g.output(g.node('Relu', [y], {}, { name: `${name}_relu` }));
      return g;
    };
    const [y] = m.nodeOutputs(
      'If',
      [flag],
      { then_branch: { graph: sample('then') }, else_branch: { graph: sample('else') } },
      { name: 'switch' },
    );
    m.output(m.node('Conv', [y!, m.weight('w', [4, 8, 1, 1])], { kernel_shape: [1, 1] }, { name: 'head' }));
    return m.encode();
  }

  it("an If is never assumed to keep its condition's shape (a scalar fed to a Conv)", async () => {
    const model = await readModelBuffer(gridSampleIf(), 'if.onnx');
    const result = inferShapes(model, indexGraph(model.graph, model.path));
    expect(result.unresolved).toContain('switch_out0');
    expect(result.assumingPassThrough?.shapes.get('switch_out0')).toBeUndefined();
  });

  it('onnxruntime decides the If outputs; values inside the inlined branch stay unknown, with warnings', async () => {
    const a = await analyzeBytes(gridSampleIf(), 'if.onnx');
    expect(a.shapesDecidedBy).toBe('runtime');
    expect(a.kernels.find((k) => k.name === 'head')?.macs).toBe(4 * 8 * 16 * 16);
    expect(a.warnings.some((w) => w.includes("'then_gs_out0' is unknown"))).toBe(true);
  });
});

describe('recurrent layers have a static shape rule', () => {
  it('LSTM: Y, Y_h and Y_c without running the model, in both layouts', async () => {
    for (const layout of [0, 1]) {
      const m = new ModelBuilder({ opset: 14 });
      const x = m.input('x', DataType.FLOAT, layout ? [2, 5, 16] : [5, 2, 16]);
      const [y, yh, yc] = m.nodeOutputs(
        'LSTM',
        [x, m.weight('W', [1, 4 * 32, 16]), m.weight('R', [1, 4 * 32, 32])],
        { hidden_size: 32, layout },
        { outputs: 3 },
      );
      m.output(y!);
      m.output(yh!);
      m.output(yc!);
      const a = await analyzeBytes(m.encode(), 'lstm.onnx', { runtimeFallback: false });
      expect(a.shapesDecidedBy).toBe('static');
      const k = a.kernels.find((kernel) => kernel.opTypes.includes('LSTM'))!;
      expect(k.outputShapes).toEqual(
        layout
          ? [
              [2, 5, 1, 32],
              [2, 1, 32],
              [2, 1, 32],
            ]
          : [
              [5, 1, 2, 32],
              [1, 2, 32],
              [1, 2, 32],
            ],
      );
      expect(k.macs).toBeGreaterThan(0);
    }
  });
});
