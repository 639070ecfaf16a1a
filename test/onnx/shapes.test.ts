import { describe, expect, it } from 'vitest';
import { ModelBuilder, float, type AttrInput } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { resolveShapesAtRuntime } from '../../src/onnx/runtime-shapes.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType, ModelLoadError, type Dim } from '../../src/onnx/types.js';
import { MODEL_NAMES, modelPath } from '../helpers/fixtures.js';
import { decodeModelFile } from '../../src/onnx/decode.js';
import { analyzeBytes } from '../../src/analysis/analyze.js';

type Setup = (b: ModelBuilder, x: string) => string;

/** Shape of the value `setup` returns, in a model with one input of `shape`. */
function shapeOf(
  shape: readonly Dim[],
  setup: Setup,
  opset = 13,
  dims?: Record<string, number>,
): readonly number[] | undefined {
  const b = new ModelBuilder({ opset });
  const x = b.input('x', DataType.FLOAT, shape);
  const y = setup(b, x);
  b.output(y);
  const model = decodeModelBytes(b.encode());
  const r = inferShapes(model, indexGraph(model.graph, model.path), dims ? { dims } : {});
  return r.shapes.get(y)?.shape;
}

const op =
  (
    type: string,
    attrs: Record<string, AttrInput> = {},
    extra: (b: ModelBuilder) => string[] = () => [],
  ): Setup =>
  (b, x) =>
    b.node(type, [x, ...extra(b)], attrs);

describe('shape rules', () => {
  const cases: [string, readonly Dim[], Setup, readonly number[], number?][] = [
    [
      'Conv 7x7/2 pad 3',
      [1, 3, 224, 224],
      op('Conv', { kernel_shape: [7, 7], strides: [2, 2], pads: [3, 3, 3, 3] }, (b) => [
        b.weight('w', [64, 3, 7, 7]),
      ]),
      [1, 64, 112, 112],
    ],
    [
      'Conv dilated, no pad',
      [1, 8, 32, 32],
      op('Conv', { dilations: [2, 2] }, (b) => [b.weight('w', [4, 8, 3, 3])]),
      [1, 4, 28, 28],
    ],
    [
      'Conv SAME_UPPER stride 2',
      [1, 8, 15, 15],
      op('Conv', { auto_pad: 'SAME_UPPER', strides: [2, 2] }, (b) => [b.weight('w', [4, 8, 3, 3])]),
      [1, 4, 8, 8],
    ],
    [
      'depthwise Conv',
      [1, 32, 56, 56],
      op('Conv', { group: 32, pads: [1, 1, 1, 1] }, (b) => [b.weight('w', [32, 1, 3, 3])]),
      [1, 32, 56, 56],
    ],
    [
      'ConvTranspose stride 2',
      [1, 16, 8, 8],
      op('ConvTranspose', { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] }, (b) => [
        b.weight('w', [16, 8, 3, 3]),
      ]),
      [1, 8, 16, 16],
    ],
    [
      'MaxPool ceil_mode',
      [1, 64, 112, 112],
      op('MaxPool', { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }),
      [1, 64, 56, 56],
    ],
    [
      'MaxPool floor',
      [1, 64, 112, 112],
      op('MaxPool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }),
      [1, 64, 56, 56],
    ],
    [
      'AveragePool ceil_mode last window rule',
      [1, 4, 6, 6],
      op('AveragePool', { kernel_shape: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1], ceil_mode: 1 }),
      [1, 4, 4, 4],
    ],
    ['GlobalAveragePool', [1, 512, 7, 7], op('GlobalAveragePool'), [1, 512, 1, 1]],
    [
      'Gemm transB',
      [1, 512],
      op('Gemm', { transB: 1 }, (b) => [b.weight('w', [1000, 512]), b.weight('c', [1000])]),
      [1, 1000],
    ],
    [
      'MatMul batched broadcast',
      [2, 4, 10, 16],
      op('MatMul', {}, (b) => [b.weight('w', [16, 8])]),
      [2, 4, 10, 8],
    ],
    ['MatMul 1-D right', [3, 5], op('MatMul', {}, (b) => [b.weight('w', [5])]), [3]],
    ['Reshape with 0 and -1', [2, 3, 4], op('Reshape', {}, (b) => [b.ints('s', [0, -1])]), [2, 12]],
    ['Flatten axis 1', [1, 512, 1, 1], op('Flatten'), [1, 512]],
    ['Transpose perm', [1, 2, 3, 4], op('Transpose', { perm: [0, 2, 1, 3] }), [1, 3, 2, 4]],
    [
      'Slice to INT64_MAX with step',
      [1, 116, 28, 28],
      op('Slice', {}, (b) => [
        b.ints('st', [1]),
        b.ints('en', [Number.MAX_SAFE_INTEGER]),
        b.ints('ax', [1]),
        b.ints('sp', [2]),
      ]),
      [1, 58, 28, 28],
    ],
    [
      'Slice negative',
      [10, 20],
      op('Slice', {}, (b) => [b.ints('st', [-5]), b.ints('en', [-1]), b.ints('ax', [1])]),
      [10, 4],
    ],
    ['Slice opset 9 attributes', [10, 20], op('Slice', { starts: [2], ends: [6], axes: [0] }), [4, 20], 9],
    ['Squeeze opset 11 attribute', [1, 3, 1, 5], op('Squeeze', { axes: [0, 2] }), [3, 5], 11],
    ['Squeeze opset 13 input', [1, 3, 1, 5], op('Squeeze', {}, (b) => [b.ints('a', [2])]), [1, 3, 5]],
    ['Unsqueeze opset 13', [3, 5], op('Unsqueeze', {}, (b) => [b.ints('a', [0, -1])]), [1, 3, 5, 1]],
    [
      'Pad opset 13',
      [1, 3, 10, 10],
      op('Pad', {}, (b) => [b.ints('p', [0, 0, 1, 2, 0, 0, 3, 4])]),
      [1, 3, 14, 16],
    ],
    [
      'Resize sizes',
      [1, 3, 10, 10],
      op('Resize', {}, (b) => ['', '', b.ints('sz', [1, 3, 25, 30])]),
      [1, 3, 25, 30],
    ],
    [
      'Resize scales',
      [1, 3, 10, 10],
      op('Resize', {}, (b) => [
        '',
        b.initializer('sc', { dataType: DataType.FLOAT, dims: [4], values: [1, 1, 2, 2] }),
      ]),
      [1, 3, 20, 20],
    ],
    ['ReduceMean keepdims 0', [1, 64, 7, 7], op('ReduceMean', { axes: [2, 3], keepdims: 0 }), [1, 64]],
    [
      'ReduceMean opset 18 axes input',
      [1, 64, 7, 7],
      op('ReduceMean', {}, (b) => [b.ints('a', [-1])]),
      [1, 64, 7, 1],
      18,
    ],
    [
      'Einsum attention scores',
      [2, 8, 16, 32],
      op('Einsum', { equation: 'bhqd,bhkd->bhqk' }, (b) => [b.weight('k', [2, 8, 16, 32])]),
      [2, 8, 16, 16],
    ],
    [
      'LayerNormalization',
      [1, 16, 64],
      op('LayerNormalization', { axis: -1, epsilon: float(1e-5) }, (b) => [
        b.weight('g', [64]),
        b.weight('bb', [64]),
      ]),
      [1, 16, 64],
      17,
    ],
    ['Softmax', [1, 8, 16, 16], op('Softmax', { axis: -1 }), [1, 8, 16, 16]],
    ['Add broadcast', [1, 64, 1, 1], op('Add', {}, (b) => [b.weight('w', [64, 7, 7])]), [1, 64, 7, 7]],
    ['Concat axis 1', [1, 3, 8, 8], (b, x) => b.node('Concat', [x, x, x], { axis: 1 }), [1, 9, 8, 8]],
    ['Expand', [3, 1], op('Expand', {}, (b) => [b.ints('s', [2, 1, 6])]), [2, 3, 6]],
    ['Tile', [2, 3], op('Tile', {}, (b) => [b.ints('r', [2, 2])]), [4, 6]],
    ['Gather on activations', [10, 20], op('Gather', { axis: 1 }, (b) => [b.ints('i', [1, 2, 3])]), [10, 3]],
  ];
  for (const [name, input, setup, expected, opset] of cases) {
    it(name, () => expect(shapeOf(input, setup, opset)).toEqual(expected));
  }

  it('Split: attribute (opset 11), input (13) and num_outputs (18)', () => {
    const shapes = (opset: number, make: (b: ModelBuilder, x: string) => string[]) => {
      const b = new ModelBuilder({ opset });
      const x = b.input('x', DataType.FLOAT, [1, 10, 4, 4]);
      const outs = make(b, x);
      for (const o of outs) b.output(o);
      const m = decodeModelBytes(b.encode());
      const r = inferShapes(m, indexGraph(m.graph, ''));
      return outs.map((o) => r.shapes.get(o)?.shape);
    };
    expect(
      shapes(11, (b, x) => b.nodeOutputs('Split', [x], { axis: 1, split: [4, 6] }, { outputs: 2 })),
    ).toEqual([
      [1, 4, 4, 4],
      [1, 6, 4, 4],
    ]);
    expect(
      shapes(13, (b, x) => b.nodeOutputs('Split', [x, b.ints('s', [3, 7])], { axis: 1 }, { outputs: 2 })),
    ).toEqual([
      [1, 3, 4, 4],
      [1, 7, 4, 4],
    ]);
    expect(
      shapes(18, (b, x) => b.nodeOutputs('Split', [x], { axis: 1, num_outputs: 3 }, { outputs: 3 })),
    ).toEqual([
      [1, 4, 4, 4],
      [1, 4, 4, 4],
      [1, 2, 4, 4],
    ]);
  });

  it('folds Shape -> Gather -> Unsqueeze -> Concat -> Reshape into a constant target', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', DataType.FLOAT, ['batch', 8, 4, 4]);
    const s = b.node('Shape', [x]);
    const n = b.node(
      'Gather',
      [s, b.initializer('i0', { dataType: DataType.INT64, dims: [], values: [0] })],
      { axis: 0 },
    );
    const u = b.node('Unsqueeze', [n, b.ints('ax', [0])]);
    const target = b.node('Concat', [u, b.ints('rest', [-1])], { axis: 0 });
    const y = b.node('Reshape', [x, target]);
    b.output(y);
    const m = decodeModelBytes(b.encode());
    const r = inferShapes(m, indexGraph(m.graph, ''), { dims: { batch: 4 } });
    expect(r.shapes.get(target)).toMatchObject({ value: [4, -1], constant: true });
    expect(r.shapes.get(y)?.shape).toEqual([4, 128]);
    expect(r.boundDims).toEqual({ batch: 4 });
    expect(r.unresolved).toEqual([]);
  });

  it("folds PyTorch's F.pad table: a [4, 2] constant sliced backwards, transposed and flattened", () => {
    // pads = [[0, 1], [0, 1], [0, 0], [0, 0]] (per axis, last first) -> onnx order [begins..., ends...]
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', DataType.FLOAT, [1, 3, 8, 8]);
    const table = b.initializer('table', {
      dataType: DataType.INT64,
      dims: [4, 2],
      values: [0, 1, 0, 1, 0, 0, 0, 0],
    });
    const reversed = b.node('Slice', [
      table,
      b.ints('st', [-1]),
      b.ints('en', [-Number.MAX_SAFE_INTEGER]),
      b.ints('ax', [0]),
      b.ints('sp', [-1]),
    ]);
    const transposed = b.node('Transpose', [reversed], { perm: [1, 0] });
    const pads = b.node('Reshape', [transposed, b.ints('flat', [-1])]);
    const y = b.node('Pad', [x, pads]);
    b.output(y);
    const m = decodeModelBytes(b.encode());
    const r = inferShapes(m, indexGraph(m.graph, ''));
    expect(r.shapes.get(reversed)?.value).toEqual([0, 0, 0, 0, 0, 1, 0, 1]);
    expect(r.shapes.get(transposed)?.value).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(r.shapes.get(y)?.shape).toEqual([1, 3, 9, 9]);
    expect(r.unresolved).toEqual([]);
  });

  it('folds Transpose of a 3-D constant by its permutation', () => {
    const b = new ModelBuilder({ opset: 13 });
    b.input('x', DataType.FLOAT, [1]);
    const t = b.node(
      'Transpose',
      [
        b.initializer('c', {
          dataType: DataType.INT64,
          dims: [2, 3, 2],
          values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        }),
      ],
      {
        perm: [2, 0, 1],
      },
    );
    b.output(t);
    const m = decodeModelBytes(b.encode());
    const r = inferShapes(m, indexGraph(m.graph, ''));
    // out[k][i][j] = in[i][j][k]
    expect(r.shapes.get(t)).toMatchObject({
      shape: [2, 2, 3],
      value: [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11],
    });
  });

  it('binds symbolic dims to 1 by default and warns, or to the given value', () => {
    expect(shapeOf(['batch', 3, 8, 8], op('Relu'))).toEqual([1, 3, 8, 8]);
    expect(shapeOf(['batch', 3, 8, 8], op('Relu'), 13, { batch: 4 })).toEqual([4, 3, 8, 8]);
  });

  it('rejects a Reshape that cannot hold the elements, naming the node', () => {
    expect(() =>
      shapeOf(
        [2, 3],
        op('Reshape', {}, (b) => [b.ints('s', [4, 4])]),
      ),
    ).toThrow(/Reshape 'reshape_1'.*cannot reshape/);
  });

  it('decides every shape of every reference export statically', () => {
    for (const name of MODEL_NAMES) {
      const m = decodeModelFile(modelPath(name));
      const r = inferShapes(m, indexGraph(m.graph, m.path));
      expect(r.unresolved, name).toEqual([]);
      expect(r.decidedBy).toBe('static');
      expect(r.shapes.get(m.graph.outputs[0]!.name)?.shape, name).toEqual([1, 1000]);
    }
  });

  it('gives inferred values of one type one shared record (10^6 activations, a few types)', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', DataType.FLOAT, [1, 8]);
    const a = b.node('Relu', [x]);
    const c = b.node('Relu', [a]);
    const d = b.node('Cast', [c], { to: DataType.INT32 });
    b.output(d);
    const model = decodeModelBytes(b.encode());
    const shapes = inferShapes(model, indexGraph(model.graph, model.path)).shapes;
    expect(shapes.get(a)).toEqual({
      dataType: DataType.FLOAT,
      shape: [1, 8],
      constant: false,
      source: 'static',
    });
    expect(shapes.get(c)).toBe(shapes.get(a));
    expect(shapes.get(d)).not.toBe(shapes.get(a));
    expect(shapes.get(d)?.shape).toEqual([1, 8]);
  });
});

describe('runtime fallback', () => {
  it('runs the model in onnxruntime for data-dependent and custom-domain ops, and says so', async () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.microsoft': 1 } });
    const x = b.input('x', DataType.FLOAT, ['batch', 8]);
    const g = b.node('Gelu', [x], {}, { domain: 'com.microsoft' });
    const nz = b.node('NonZero', [g]);
    const r = b.node('Relu', [g]);
    b.output(r);
    b.output(nz, DataType.INT64);
    const bytes = b.encode();
    const model = decodeModelBytes(bytes);
    const staticResult = inferShapes(model, indexGraph(model.graph, ''), { dims: { batch: 3 } });
    expect(staticResult.unresolved).toEqual([g, nz, r]);
    const result = await resolveShapesAtRuntime(model, bytes, staticResult);
    expect(result.decidedBy).toBe('runtime');
    expect(result.unresolved).toEqual([]);
    expect(result.shapes.get(g)).toMatchObject({ shape: [3, 8], source: 'runtime' });
    expect(result.shapes.get(r)?.shape).toEqual([3, 8]);
    expect(result.shapes.get(nz)?.shape).toEqual([2, 0]);
    expect(result.warnings.join('\n')).toMatch(/decided by running the model once in onnxruntime/);
  });

  it('reports a model onnxruntime cannot load as a ModelLoadError', async () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.example': 1 } });
    const x = b.input('x', DataType.FLOAT, [1, 8]);
    for (const y of b.nodeOutputs('Mystery', [x], {}, { domain: 'com.example', outputs: 2 })) b.output(y);
    const bytes = b.encode();
    const model = decodeModelBytes(bytes, { path: 'mystery.onnx' });
    const s = inferShapes(model, indexGraph(model.graph, ''));
    await expect(resolveShapesAtRuntime(model, bytes, s)).rejects.toThrow(ModelLoadError);
    await expect(resolveShapesAtRuntime(model, bytes, s)).rejects.toThrow(
      /mystery\.onnx: .*com\.example:Mystery node .*onnxruntime could not load/,
    );
  });
});

describe('opsets 7 to 21', () => {
  /** The same network written the way each opset spells it (attributes that became inputs, and so on). */
  function network(opset: number): Uint8Array {
    const b = new ModelBuilder({ opset });
    const x = b.input('x', DataType.FLOAT, ['batch', 3, 32, 32]);
    let y = b.node('Conv', [x, b.weight('w', [8, 3, 3, 3]), b.weight('bias', [8])], {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
    });
    const bnInputs = [y, b.weight('s', [8]), b.weight('b', [8]), b.weight('m', [8]), b.weight('v', [8])];
    y = b.node(
      'BatchNormalization',
      bnInputs,
      opset < 9 ? { epsilon: float(1e-5), spatial: 1 } : { epsilon: float(1e-5) },
    );
    y = b.node('Relu', [y]);
    y = b.node('MaxPool', [y], { kernel_shape: [2, 2], strides: [2, 2] });
    const axes = [2, 3];
    y =
      opset < 18
        ? b.node('ReduceMean', [y], { axes, keepdims: 1 })
        : b.node('ReduceMean', [y, b.ints('axes', axes)], { keepdims: 1 });
    y = opset < 13 ? b.node('Squeeze', [y], { axes }) : b.node('Squeeze', [y, b.ints('sq', axes)]);
    y = b.node('Gemm', [y, b.weight('fc', [10, 8]), b.weight('fcb', [10])], { transB: 1 });
    b.output(y);
    return b.encode();
  }

  it('gives the same shapes and no unresolved value for every opset from 7 to 21', () => {
    for (let opset = 7; opset <= 21; opset++) {
      const m = decodeModelBytes(network(opset), { path: `opset${opset}.onnx` });
      expect(m.opsets.get('')).toBe(opset);
      const r = inferShapes(m, indexGraph(m.graph, m.path), { dims: { batch: 2 } });
      expect(r.unresolved, `opset ${opset}`).toEqual([]);
      expect(r.shapes.get(m.graph.outputs[0]!.name)?.shape, `opset ${opset}`).toEqual([2, 10]);
    }
  });

  it('gives the same kernels for every opset from 7 to 21', async () => {
    const lists: string[][] = [];
    for (let opset = 7; opset <= 21; opset++) {
      const a = await analyzeBytes(network(opset), `opset${opset}.onnx`, { runtimeFallback: false });
      lists.push(
        a.kernels.map((k) => `${k.type}:${k.outputShapes.map((s) => s.join('x')).join(',')}:${k.macs}`),
      );
    }
    for (const list of lists) expect(list).toEqual(lists[0]);
    expect(lists[0]!.map((k) => k.split(':')[0])).toEqual([
      'conv-bn-relu',
      'maxpool',
      'global-avgpool',
      'fc',
    ]);
  });
});
