import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { createContext } from '../../src/kernels/context.js';
import { createParamTracer, kernelCost } from '../../src/kernels/cost.js';
import { GraphBuilder, ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType } from '../../src/onnx/types.js';
import { analyseBuilder } from './helpers.js';

const F = DataType.FLOAT;

interface Recurrent {
  readonly op: 'LSTM' | 'GRU' | 'RNN';
  readonly seq: number;
  readonly batch: number;
  readonly input: number;
  readonly hidden: number;
  readonly direction?: 'forward' | 'reverse' | 'bidirectional';
  readonly layout?: 0 | 1;
  readonly bias?: boolean;
  readonly peepholes?: boolean;
}

const GATES = { LSTM: 4, GRU: 3, RNN: 1 } as const;

/** An LSTM/GRU/RNN over a graph input, its Y (shape declared) as the graph output (Y_h, Y_c unread). */
function recurrentModel(r: Recurrent): ModelBuilder {
  const b = new ModelBuilder({ opset: 14 });
  const dirs = r.direction === 'bidirectional' ? 2 : 1;
  const gates = GATES[r.op];
  const x = b.input('x', F, r.layout === 1 ? [r.batch, r.seq, r.input] : [r.seq, r.batch, r.input]);
  const inputs = [
    x,
    b.weight('W', [dirs, gates * r.hidden, r.input]),
    b.weight('R', [dirs, gates * r.hidden, r.hidden]),
    r.bias ? b.weight('B', [dirs, 2 * gates * r.hidden]) : '',
  ];
  if (r.peepholes) inputs.push('', '', '', b.weight('P', [dirs, 3 * r.hidden]));
  const outputs = r.op === 'LSTM' ? 3 : 2;
  const [y] = b.nodeOutputs(
    r.op,
    inputs,
    {
      hidden_size: r.hidden,
      direction: r.direction ?? 'forward',
      ...(r.layout !== undefined ? { layout: r.layout } : {}),
    },
    { name: 'rnn', outputs },
  );
  const yShape = r.layout === 1 ? [r.batch, r.seq, dirs, r.hidden] : [r.seq, dirs, r.batch, r.hidden];
  b.output(y!, F, yShape);
  return b;
}

/** Runs a model once in onnxruntime on zeros; returns the output dims by output name. */
async function runOnce(bytes: Uint8Array, feeds: Record<string, readonly number[]>) {
  const session = await ort.InferenceSession.create(bytes);
  const tensors: Record<string, ort.Tensor> = {};
  for (const [name, shape] of Object.entries(feeds)) {
    const n = shape.reduce((a, c) => a * c, 1);
    tensors[name] = new ort.Tensor('float32', new Float32Array(n), [...shape]);
  }
  const out = await session.run(tensors);
  const dims = Object.fromEntries(session.outputNames.map((o) => [o, [...out[o]!.dims]]));
  await session.release();
  return dims;
}

describe('recurrent ops: MACs per step = directions x gates x hidden x (input + hidden)', () => {
  it('the 100-step LSTM of hidden 512 is 210M MACs, with its gate arithmetic and W+R+B params', () => {
    const { detection } = analyseBuilder(
      recurrentModel({ op: 'LSTM', seq: 100, batch: 1, input: 512, hidden: 512, bias: true }),
    );
    const k = detection.kernels[0]!;
    expect(detection.kernels).toHaveLength(1);
    expect(k.type).toBe('others');
    // 100 steps x 4 gates x 512 units x (512 inputs + 512 recurrent) = 209,715,200.
    expect(k.macs).toBe(209_715_200);
    // 2 x MACs + per step and unit: 28 for the gates and cell, 8 bias adds.
    expect(k.flops).toBe(2 * 209_715_200 + 100 * 512 * (28 + 8));
    expect(k.params).toBe(2048 * 512 + 2048 * 512 + 4096);
    expect(k.weightBytes).toBe(4 * k.params);
    expect(k.features.FLOPS).toBe(k.flops);
    // Y_h and Y_c are unread: their unknown shapes do not make the cost "undercounted".
    expect(detection.warnings).toEqual([]);
  });

  it('bidirectional, batch-first LSTM with peepholes; GRU; RNN: hand counts', () => {
    const lstm = analyseBuilder(
      recurrentModel({
        op: 'LSTM',
        seq: 5,
        batch: 2,
        input: 3,
        hidden: 4,
        direction: 'bidirectional',
        layout: 1,
        peepholes: true,
      }),
    ).detection.kernels[0]!;
    // 5 steps x 2 rows x 2 directions x 4 gates x 4 units x (3 + 4).
    expect(lstm.macs).toBe(5 * 2 * 2 * 4 * 4 * 7);
    expect(lstm.flops).toBe(2 * lstm.macs + 5 * 2 * 2 * 4 * (28 + 6));
    expect(lstm.params).toBe(2 * 16 * 3 + 2 * 16 * 4 + 2 * 12);

    const gru = analyseBuilder(
      recurrentModel({
        op: 'GRU',
        seq: 7,
        batch: 1,
        input: 6,
        hidden: 5,
        direction: 'bidirectional',
        bias: true,
      }),
    ).detection.kernels[0]!;
    expect(gru.macs).toBe(7 * 1 * 2 * 3 * 5 * (6 + 5));
    expect(gru.flops).toBe(2 * gru.macs + 7 * 2 * 5 * (20 + 6));
    expect(gru.params).toBe(2 * 15 * 6 + 2 * 15 * 5 + 2 * 30);

    const rnn = analyseBuilder(
      recurrentModel({ op: 'RNN', seq: 4, batch: 3, input: 2, hidden: 8, direction: 'reverse' }),
    ).detection.kernels[0]!;
    expect(rnn.macs).toBe(4 * 3 * 8 * (2 + 8));
    expect(rnn.flops).toBe(2 * rnn.macs + 4 * 3 * 8 * 5);
    expect(rnn.params).toBe(8 * 2 + 8 * 8);
  });

  it('onnxruntime runs the built models; the bytes are X + Y + weights', async () => {
    const cases: Recurrent[] = [
      // onnxruntime's CPU kernels refuse layout 1 (batch first): layout 0 here.
      { op: 'LSTM', seq: 5, batch: 2, input: 3, hidden: 4, direction: 'bidirectional', peepholes: true },
      { op: 'GRU', seq: 7, batch: 1, input: 6, hidden: 5, bias: true },
      { op: 'RNN', seq: 4, batch: 3, input: 2, hidden: 8 },
    ];
    for (const r of cases) {
      const bytes = recurrentModel(r).encode();
      const x = r.layout === 1 ? [r.batch, r.seq, r.input] : [r.seq, r.batch, r.input];
      const dirs = r.direction === 'bidirectional' ? 2 : 1;
      const y = r.layout === 1 ? [r.batch, r.seq, dirs, r.hidden] : [r.seq, dirs, r.batch, r.hidden];
      expect(Object.values(await runOnce(bytes, { x })), r.op).toEqual([y]);

      const analysis = await analyzeBytes(bytes, `${r.op}.onnx`);
      const k = analysis.kernels[0]!;
      expect(analysis.totals.macs, r.op).toBe(
        r.seq * r.batch * dirs * GATES[r.op] * r.hidden * (r.input + r.hidden),
      );
      expect(k.outputShapes).toEqual([y]);
      expect(k.inputBytes).toBe(4 * x.reduce((a, c) => a * c, 1));
      expect(k.outputBytes).toBe(4 * y.reduce((a, c) => a * c, 1));
      expect(k.weightBytes).toBe(4 * k.params);
    }
  });
});

describe('gathers read what they pick', () => {
  it('an embedding lookup reads the looked-up rows and the indices, yet the table counts as params', async () => {
    const b = new ModelBuilder({ opset: 13 });
    const ids = b.input('ids', DataType.INT64, [1, 8]);
    b.output(b.node('Gather', [b.weight('table', [1000, 16]), ids], { axis: 0 }), F);
    const bytes = b.encode();
    const k = analyseBuilder(b).detection.kernels[0]!;
    expect(k.outputShapes).toEqual([[1, 8, 16]]);
    expect(k.params).toBe(1000 * 16);
    expect(k.weightBytes).toBe(8 * 16 * 4);
    expect(k.inputBytes).toBe(8 * 8);
    expect(k.bytes).toBe(8 * 8 + 2 * 8 * 16 * 4);

    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ ids: new ort.Tensor('int64', new BigInt64Array(8), [1, 8]) });
    expect([...out[session.outputNames[0]!]!.dims]).toEqual([1, 8, 16]);
    await session.release();
  });

  it('a Gather of one token from an activation reads that token, not the whole tensor', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [4, 10, 6]);
    const index = b.initializer('first', { dataType: DataType.INT64, dims: [], values: [0] });
    b.output(b.node('Gather', [x, index], { axis: 1 }), F);
    const k = analyseBuilder(b).detection.kernels[0]!;
    expect(k.outputShapes).toEqual([[4, 6]]);
    expect([k.inputBytes, k.outputBytes, k.weightBytes]).toEqual([4 * 6 * 4, 4 * 6 * 4, 0]);
  });

  it('a value that another node of the same kernel reads whole counts whole', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [2, 3]);
    const picked = b.node('Gather', [x, b.ints('i', [0])], { axis: 0 }, { name: 'pick' });
    b.output(b.node('Add', [x, picked], {}, { name: 'add' }), F);
    const model = decodeModelBytes(b.encode(), { path: '<test>' });
    const index = indexGraph(model.graph, model.path);
    const ctx = createContext(index, inferShapes(model, index), new Set(), () => false);
    const cost = (nodes: readonly string[]) =>
      kernelCost(
        index.order.filter((n) => nodes.includes(n.name)),
        { ctx, tracer: createParamTracer(ctx, new Set()), attributed: new Set() },
      );
    expect(cost(['pick']).inputBytes).toBe(3 * 4);
    // One kernel holding both: x is read whole by the Add.
    expect(cost(['pick', 'add']).inputBytes).toBe(6 * 4);
  });
});

describe('LpNormalization and ops without a cost rule', () => {
  it('LpNormalization: 3 FLOPs per element, + a square root per row for p=2', () => {
    for (const p of [1, 2]) {
      const b = new ModelBuilder({ opset: 13 });
      b.output(b.node('LpNormalization', [b.input('x', F, [2, 3, 4])], { axis: -1, p }), F);
      const k = analyseBuilder(b).detection.kernels[0]!;
      expect([k.macs, k.flops]).toEqual([0, 3 * 24 + (p === 2 ? 6 : 0)]);
    }
  });

  it('warns once per op type with no cost rule; free-by-design ops and costed ops do not', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [2, 8]);
    const h1 = b.node('Hardmax', [x]);
    const h2 = b.node('Hardmax', [h1]);
    const t = b.node('Transpose', [h2], { perm: [1, 0] });
    const g = b.node('Gather', [t, b.ints('i', [0, 1])], { axis: 0 });
    const s = b.node('Shrink', [g]);
    const lrn = b.node('LRN', [b.node('Reshape', [s, b.ints('shape', [1, 2, 2, 1])])], { size: 3 });
    b.output(b.node('Identity', [lrn]), F);
    const { detection } = analyseBuilder(b);
    const notes = detection.warnings.filter((w) => w.includes('no cost rule'));
    expect(notes).toEqual([
      "2 nodes of type 'Hardmax' have no cost rule: counted as 0 MACs and 0 FLOPs, so only their bytes price them",
      "1 node of type 'LRN' has no cost rule: counted as 0 MACs and 0 FLOPs, so only its bytes price it",
    ]);
  });

  it('a node already warned about (it holds subgraphs) gets no second warning', () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', F, [2]);
    const branch = (name: string) => {
      const g = new GraphBuilder(name);
      g.output(g.node('Identity', [x]), F, [2]);
      return g;
    };
    const cond = b.input('cond', DataType.BOOL, []);
    b.output(
      b.node('If', [cond], {
        then_branch: { graph: branch('then') },
        else_branch: { graph: branch('else') },
      }),
      F,
    );
    const { warnings } = analyseBuilder(b).detection;
    expect(warnings.filter((w) => w.includes("'If'") || w.includes('(If)'))).toEqual([
      "node 'if_1' (If) holds subgraphs, which are not analysed: counted as one 'others' kernel",
    ]);
  });
});
