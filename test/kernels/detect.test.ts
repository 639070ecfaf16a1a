import { describe, expect, it } from 'vitest';
import { detectKernels } from '../../src/kernels/detect.js';
import { DEFAULT_RULES, parseRules } from '../../src/kernels/rules.js';
import { KernelError } from '../../src/kernels/types.js';
import { GraphBuilder, ModelBuilder, float } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType } from '../../src/onnx/types.js';
import rulesJson from '../../src/kernels/rules.json' with { type: 'json' };
import { accountedNodes, analyseBuilder, countByType } from './helpers.js';

const F = DataType.FLOAT;

/** x [1, C, 8, 8] -> Conv 3x3 (C -> C) -> what `then` adds; returns the builder and the conv output. */
function convThen(opset: number, then: (b: ModelBuilder, y: string) => string, channels = 8): ModelBuilder {
  const b = new ModelBuilder({ opset });
  const x = b.input('x', F, [1, channels, 8, 8]);
  const y = b.node(
    'Conv',
    [x, b.weight('w', [channels, channels, 3, 3]), b.weight('bias', [channels])],
    { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
    { name: 'conv' },
  );
  b.output(then(b, y), F);
  return b;
}

const scalar = (b: ModelBuilder, name: string, v: number) =>
  b.initializer(name, { dataType: F, dims: [], values: [v] });

describe('activations fused into a conv', () => {
  it('ReLU6 as Clip with attributes (opset 10) and with constant inputs (opset 13)', () => {
    const attrs = analyseBuilder(
      convThen(10, (b, y) => b.node('Clip', [y], { min: float(0), max: float(6) })),
    );
    const inputs = analyseBuilder(
      convThen(13, (b, y) => b.node('Clip', [y, scalar(b, 'lo', 0), scalar(b, 'hi', 6)])),
    );
    for (const { detection } of [attrs, inputs]) {
      expect(detection.kernels.map((k) => [k.type, k.variant.activation, k.opTypes])).toEqual([
        ['conv-bn-relu', 'relu6', ['Conv', 'Clip']],
      ]);
    }
    const other = analyseBuilder(
      convThen(13, (b, y) => b.node('Clip', [y, scalar(b, 'lo', 0), scalar(b, 'hi', 4)])),
    );
    expect(other.detection.kernels[0]!.variant.activation).toBe('clip');
  });

  it('hswish as HardSwish, as x * HardSigmoid(x) and as x * Clip(x + 3, 0, 6) / 6', () => {
    const op = analyseBuilder(convThen(14, (b, y) => b.node('HardSwish', [y])));
    const gated = analyseBuilder(
      convThen(13, (b, y) => b.node('Mul', [y, b.node('HardSigmoid', [y], { alpha: float(1 / 6) })])),
    );
    const decomposed = analyseBuilder(
      convThen(13, (b, y) => {
        const clip = b.node('Clip', [
          b.node('Add', [y, scalar(b, 'three', 3)]),
          scalar(b, 'lo', 0),
          scalar(b, 'hi', 6),
        ]);
        return b.node('Div', [b.node('Mul', [y, clip]), scalar(b, 'six', 6)]);
      }),
    );
    for (const { detection } of [op, gated, decomposed]) {
      expect(detection.kernels.map((k) => [k.type, k.variant.activation])).toEqual([
        ['conv-bn-relu', 'hswish'],
      ]);
    }
    expect(decomposed.detection.kernels[0]!.opTypes).toEqual(['Conv', 'Add', 'Clip', 'Mul', 'Div']);
  });

  it('GELU (Erf form) with x * 0.5 computed first is fused into an fc', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [1, 4, 8]);
    const h = b.node('Add', [b.node('MatMul', [x, b.weight('w', [8, 16])]), b.weight('b', [16])]);
    const half = b.node('Mul', [h, scalar(b, 'half', 0.5)]);
    const erf = b.node('Erf', [b.node('Div', [h, scalar(b, 'sqrt2', Math.SQRT2)])]);
    b.output(b.node('Mul', [half, b.node('Add', [erf, scalar(b, 'one', 1)])]), F);
    const { kernels } = analyseBuilder(b).detection;
    expect(kernels.map((k) => [k.type, k.variant.activation, k.opTypes.length])).toEqual([['fc', 'gelu', 7]]);
    expect(kernels[0]!.features).toMatchObject({ CIN: 8, COUT: 16, PARAMS: 8 * 16 + 16 });
  });

  it('does not fuse an activation whose input is read elsewhere too', () => {
    const { detection } = analyseBuilder(
      convThen(13, (b, y) =>
        b.node('Add', [y, b.node('Relu', [y], {}, { name: 'relu' })], {}, { name: 'add' }),
      ),
    );
    expect(detection.kernels.map((k) => [k.type, k.opTypes])).toEqual([
      ['conv-bn-relu', ['Conv']],
      ['relu', ['Relu']],
      ['add', ['Add']],
    ]);
  });

  it('looks through Identity and Dropout, which are folded', () => {
    const a = analyseBuilder(
      convThen(13, (b, y) =>
        b.node(
          'Relu',
          [b.node('Dropout', [b.node('Identity', [y], {}, { name: 'id' })], {}, { name: 'drop' })],
          {},
          { name: 'relu' },
        ),
      ),
    );
    expect(a.detection.kernels.map((k) => [k.type, k.nodes])).toEqual([['conv-bn-relu', ['conv', 'relu']]]);
    expect(a.detection.folded).toEqual([
      { node: 'id', opType: 'Identity', reason: 'identity' },
      { node: 'drop', opType: 'Dropout', reason: 'dropout' },
    ]);
    expect(accountedNodes(a)).toEqual({ missing: [], twice: [] });
  });
});

describe('stand-alone kernels', () => {
  function elementwise(
    build: (b: ModelBuilder, x: string, y: string) => string,
  ): ReturnType<typeof analyseBuilder> {
    const b = new ModelBuilder({ opset: 14 });
    const x = b.input('x', F, [1, 6, 10, 10]);
    const y = b.input('y', F, [1, 6, 10, 10]);
    b.output(build(b, x, y), F);
    return analyseBuilder(b);
  }
  const types = (a: ReturnType<typeof analyseBuilder>) => a.detection.kernels.map((k) => k.type);

  it('bnrelu, bn, addrelu, add', () => {
    const bn = (b: ModelBuilder, x: string) =>
      b.node('BatchNormalization', [
        x,
        b.weight('s', [6]),
        b.weight('b', [6]),
        b.weight('m', [6]),
        b.weight('v', [6]),
      ]);
    expect(types(elementwise((b, x) => b.node('Relu', [bn(b, x)])))).toEqual(['bnrelu']);
    expect(types(elementwise((b, x) => b.node('Sigmoid', [bn(b, x)])))).toEqual(['bn', 'hswish']);
    expect(types(elementwise((b, x, y) => b.node('Relu', [b.node('Add', [x, y])])))).toEqual(['addrelu']);
    expect(types(elementwise((b, x) => b.node('Add', [x, scalar(b, 'c', 1)])))).toEqual(['others']);
    const twoReaders = elementwise((b, x, y) => {
      const sumXY = b.node('Add', [x, y]);
      return b.node('Mul', [sumXY, b.node('Relu', [sumXY])]);
    });
    expect(types(twoReaders)).toEqual(['add', 'relu', 'others']);
  });

  it('smooth activations alone are priced as hswish kernels and keep their name', () => {
    const a = elementwise((b, x) => b.node('Mul', [x, b.node('Sigmoid', [x])]));
    expect(a.detection.kernels.map((k) => [k.type, k.variant.activation])).toEqual([['hswish', 'swish']]);
    const h = elementwise((b, x) => b.node('HardSwish', [x]));
    expect(h.detection.kernels.map((k) => [k.type, k.variant.activation, k.features])).toEqual([
      ['hswish', 'hswish', { HW: 10, CIN: 6 }],
    ]);
  });

  it('global average pooling as ReduceMean over H, W with axes as an input (opset 18)', () => {
    const b = new ModelBuilder({ opset: 18 });
    const x = b.input('x', F, [1, 6, 7, 7]);
    b.output(b.node('ReduceMean', [x, b.ints('axes', [2, 3])], { keepdims: 0 }), F);
    const { detection } = analyseBuilder(b);
    expect(detection.kernels.map((k) => [k.type, k.features])).toEqual([
      ['global-avgpool', { HW: 7, CIN: 6 }],
    ]);
    const last = new ModelBuilder({ opset: 18 });
    const y = last.input('y', F, [1, 6, 7, 7]);
    last.output(last.node('ReduceMean', [y, last.ints('axes', [1])]), F);
    expect(analyseBuilder(last).detection.kernels.map((k) => k.type)).toEqual(['others']);
  });

  it('split: a Split op, or sibling Slices along one axis; not slices along different axes', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [1, 8, 4, 4]);
    const [p, q] = b.nodeOutputs('Split', [x, b.ints('sizes', [3, 5])], { axis: 1 }, { outputs: 2 });
    b.output(p!, F);
    b.output(q!, F);
    expect(analyseBuilder(b).detection.kernels.map((k) => [k.type, k.outputShapes])).toEqual([
      [
        'split',
        [
          [1, 3, 4, 4],
          [1, 5, 4, 4],
        ],
      ],
    ]);

    const slices = (axes: [number, number]) => {
      const s = new ModelBuilder({ opset: 13 });
      const input = s.input('x', F, [1, 8, 4, 4]);
      const slice = (i: number, from: number, to: number, axis: number) =>
        s.node('Slice', [
          input,
          s.ints(`start${i}`, [from]),
          s.ints(`end${i}`, [to]),
          s.ints(`axis${i}`, [axis]),
        ]);
      s.output(slice(0, 0, 2, axes[0]), F);
      s.output(slice(1, 2, 4, axes[1]), F);
      return analyseBuilder(s).detection.kernels.map((k) => k.type);
    };
    expect(slices([1, 1])).toEqual(['split']);
    expect(slices([1, 2])).toEqual(['others', 'others']);
  });
});

describe('nothing is dropped silently', () => {
  it('a node of an unknown domain is an others kernel with a warning naming it', () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.microsoft': 1 } });
    const x = b.input('x', F, [1, 4, 8, 8]);
    const y = b.node(
      'FusedConv',
      [x, b.weight('w', [4, 4, 1, 1])],
      { activation: 'Relu' },
      { name: 'fused', domain: 'com.microsoft' },
    );
    b.output(b.node('Relu', [y], {}, { name: 'after' }), F);
    const a = analyseBuilder(b);
    expect(a.detection.kernels.map((k) => [k.name, k.type])).toEqual([
      ['fused', 'others'],
      ['after', 'relu'],
    ]);
    expect(a.detection.warnings.some((w) => w.includes("'fused'") && w.includes('com.microsoft'))).toBe(true);
    expect(accountedNodes(a)).toEqual({ missing: [], twice: [] });
  });

  it('a node holding subgraphs is an others kernel with a warning', () => {
    const branch = (name: string) => {
      const g = new GraphBuilder(name);
      g.output(g.node('Identity', ['x'], {}, { name: `${name}_id` }), F, [1, 4]);
      return g;
    };
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [1, 4]);
    const cond = b.initializer('cond', { dataType: DataType.BOOL, dims: [], values: [1] });
    b.output(
      b.node(
        'If',
        [cond],
        { then_branch: { graph: branch('then') }, else_branch: { graph: branch('else') } },
        { name: 'branch' },
      ),
      F,
    );
    void x;
    const a = analyseBuilder(b);
    expect(a.detection.kernels.map((k) => [k.name, k.type])).toEqual([['branch', 'others']]);
    expect(a.detection.warnings.some((w) => w.includes("'branch'") && w.includes('subgraphs'))).toBe(true);
  });

  it('a call to a local function is an others kernel with a warning', () => {
    const b = new ModelBuilder({ opset: 13, opsets: { local: 1 } });
    const x = b.input('x', F, [1, 4]);
    b.output(b.node('Twice', [x], {}, { name: 'call', domain: 'local' }), F);
    const decoded = decodeModelBytes(b.encode());
    const model = { ...decoded, functions: new Set(['local:Twice']) };
    const index = indexGraph(model.graph, model.path);
    const detection = detectKernels(model, index, inferShapes(model, index));
    expect(detection.kernels.map((k) => [k.name, k.type])).toEqual([['call', 'others']]);
    expect(detection.warnings.some((w) => w.includes("'call'") && w.includes('local function'))).toBe(true);
  });

  it('constants, shape arithmetic and views are listed as folded', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [1, 4, 6, 6]);
    const r = b.node('Relu', [x], {}, { name: 'relu' });
    const batch = b.node(
      'Gather',
      [b.node('Shape', [r], {}, { name: 'shape' }), b.ints('zero', [0])],
      { axis: 0 },
      { name: 'gather' },
    );
    const minusOne = b.node(
      'Constant',
      [],
      { value: { tensor: { dataType: DataType.INT64, dims: [1], values: [-1] } } },
      { name: 'const' },
    );
    const target = b.node('Concat', [batch, minusOne], { axis: 0 }, { name: 'concat' });
    b.output(
      b.node('Sigmoid', [b.node('Reshape', [r, target], {}, { name: 'reshape' })], {}, { name: 'sigmoid' }),
      F,
    );
    const a = analyseBuilder(b);
    expect(a.detection.kernels.map((k) => k.name)).toEqual(['relu', 'sigmoid']);
    expect(a.detection.folded).toEqual([
      { node: 'shape', opType: 'Shape', reason: 'shape-arithmetic' },
      { node: 'gather', opType: 'Gather', reason: 'shape-arithmetic' },
      { node: 'const', opType: 'Constant', reason: 'constant' },
      { node: 'concat', opType: 'Concat', reason: 'shape-arithmetic' },
      { node: 'reshape', opType: 'Reshape', reason: 'view' },
    ]);
    // 'zero' is read only by folded shape arithmetic: not a kernel's param, but accounted for.
    expect(a.detection.unattributedParams).toBe(1);
    expect(a.detection.kernels.reduce((s, k) => s + k.params, 0)).toBe(0);
  });

  it('a kernel whose shapes are unknown still appears, with a warning', () => {
    const b = new ModelBuilder({ opset: 13, opsets: { custom: 1 } });
    const x = b.input('x', F, [1, 4, 8, 8]);
    b.output(
      b.node(
        'Relu',
        [b.node('Mystery', [x], {}, { name: 'mystery', domain: 'custom' })],
        {},
        { name: 'relu' },
      ),
      F,
    );
    const a = analyseBuilder(b);
    expect(a.detection.kernels.map((k) => [k.name, k.type])).toEqual([
      ['mystery', 'others'],
      ['relu', 'relu'],
    ]);
    expect(
      a.detection.warnings.some((w) => w.startsWith("kernel 'relu'") && w.includes('undercounted')),
    ).toBe(true);
  });
});

describe('kernel order in long graphs', () => {
  // Kernels are made in batches while matching goes on (detect.ts PENDING_BATCH = 256): a node left
  // for the end (here an Add of a constant, an 'others' kernel) holds back the kernels after it.
  it('lists kernels by their first node and counts a shared weight in the first, past batches', () => {
    const b = new ModelBuilder({ opset: 13, opsets: { custom: 1 } });
    let x = b.input('x', F, [1, 4, 4, 4]);
    const w = b.weight('w', [4, 4, 3, 3]);
    const blocks = (count: number) => {
      for (let i = 0; i < count; i++) {
        const conv = b.node('Conv', [x, w], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
        x = b.node('Relu', [conv]);
      }
    };
    blocks(300);
    x = b.node('Add', [x, b.weight('c', [1])], {}, { name: 'held' });
    blocks(150);
    x = b.node('Mystery', [x], {}, { name: 'mystery', domain: 'custom' });
    blocks(300);
    const flat = b.node('Flatten', [x], { axis: 1 }, { name: 'flat' });
    b.output(b.node('Gemm', [flat, b.weight('fc', [10, 64])], { transB: 1 }, { name: 'fc' }), F);
    const a = analyseBuilder(b);
    const position = new Map(a.model.graph.nodes.map((n, i) => [n.name, i]));
    const first = a.detection.kernels.map((k) => Math.min(...k.nodes.map((n) => position.get(n)!)));
    expect(first.every((p, i) => i === 0 || first[i - 1]! < p)).toBe(true);
    expect(accountedNodes(a)).toEqual({ missing: [], twice: [] });
    expect(a.detection.kernels.length).toBe(750 + 3);
    expect(a.detection.kernels.find((k) => k.name === 'held')?.type).toBe('others');
    expect(a.detection.kernels.find((k) => k.name === 'mystery')?.type).toBe('others');
    expect(a.detection.kernels.at(-1)?.nodes).toEqual(['flat', 'fc']);
    expect(a.detection.kernels.map((k) => k.params).filter((p) => p > 0)).toEqual([144, 1, 640]);
    expect(a.detection.kernels[0]!.params).toBe(144);
    expect(a.detection.warnings[0]).toContain("node 'mystery'");
  });
});

describe('fusion rules are data', () => {
  it('validates the shipped rules', () => {
    expect(DEFAULT_RULES.kernels.length).toBeGreaterThan(10);
    expect(DEFAULT_RULES.kernels.map((k) => k.type)).toContain('se');
  });

  it('names the field of a malformed rule', () => {
    const broken = (
      patch: (json: { kernels: Record<string, unknown>[]; activations: Record<string, unknown>[] }) => void,
    ) => {
      const json = structuredClone(rulesJson) as unknown as {
        kernels: Record<string, unknown>[];
        activations: Record<string, unknown>[];
      };
      patch(json);
      return () => parseRules(json, 'custom.json');
    };
    expect(broken((j) => (j.kernels[0]!.typo = true))).toThrow(
      /custom\.json kernels\[0\]\.typo: is not a known field/,
    );
    expect(broken((j) => (j.kernels[1]!.type = 'conv'))).toThrow(
      /kernels\[1\]\.type: unknown kernel type "conv"/,
    );
    expect(broken((j) => (j.kernels[2]!.match = 'magic'))).toThrow(KernelError);
    expect(broken((j) => (j.activations = j.activations.filter((a) => a.activation !== 'relu6')))).toThrow(
      /no pattern under 'activations' matches 'relu6'/,
    );
    expect(() => parseRules({ version: 2 })).toThrow(/version: must be 1/);
  });

  it('changing the data changes the kernels: without the addrelu rule, Add and Relu stay apart', () => {
    const json = structuredClone(rulesJson) as unknown as { kernels: { type: string }[] };
    json.kernels = json.kernels.filter((k) => k.type !== 'addrelu');
    const rules = parseRules(json);
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [1, 4, 4, 4]);
    b.output(b.node('Relu', [b.node('Add', [x, x])]), F);
    expect(countByType(analyseBuilder(b, rules).detection.kernels)).toEqual({ add: 1, relu: 1 });
    expect(countByType(analyseBuilder(b).detection.kernels)).toEqual({ addrelu: 1 });
  });
});
