import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { GraphBuilder, ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';
import { MAX_UNROLLED_NODES, unrollPlan } from '../../src/onnx/unrolling.js';

/** MACs of one step: a [1, 16] state times a [16, 16] weight. */
const STEP_MACS = 16 * 16;
/** MACs of the head after the loop: [1, 16] x [16, 4]. */
const HEAD_MACS = 16 * 4;

type TripCount = number | 'input';

/**
 * Loop(M) over a state [1, 16]: each iteration state = Relu(state x W); its scan output is each
 * iteration's state; a head MatMul reads the final state and a Relu the stacked states. The body's
 * condition is its input passed through, or `i < 3` (a while loop) when `whileLoop`.
 */
function loopModel(trips: TripCount, whileLoop = false): Uint8Array {
  const m = new ModelBuilder({ opset: 13 });
  m.input('x', DataType.FLOAT, [1, 16]);
  const M =
    trips === 'input'
      ? m.input('M', DataType.INT64, [])
      : m.initializer('M', { dataType: DataType.INT64, dims: [], values: [trips] });
  const body = new GraphBuilder('body');
  const i = body.input('i', DataType.INT64, []);
  const c = body.input('cond_in', DataType.BOOL, []);
  const s = body.input('state_in', DataType.FLOAT, [1, 16]);
  const out = body.node('Relu', [body.node('MatMul', [s, body.weight('W', [16, 16])], {}, { name: 'step' })]);
  const condOut = whileLoop
    ? body.node('Less', [i, body.initializer('three', { dataType: DataType.INT64, dims: [], values: [3] })])
    : body.node('Identity', [c], {}, { name: 'cond_pass' });
  body.output(condOut, DataType.BOOL, []);
  body.output(out);
  body.output(body.node('Identity', [out], {}, { name: 'scan_copy' }));
  const [final, stacked] = m.nodeOutputs(
    'Loop',
    [M, '', 'x'],
    { body: { graph: body } },
    { name: 'rnn', outputs: 2 },
  );
  m.output(m.node('MatMul', [final!, m.weight('head_w', [16, 4])], {}, { name: 'head' }));
  m.output(m.node('Sigmoid', [stacked!], {}, { name: 'all_states' }));
  return m.encode();
}

const analyze = (bytes: Uint8Array, name: string) => analyzeBytes(bytes, name, { runtimeFallback: false });

describe('ONNX Loop: its body analysed as many times as it runs', () => {
  it('a constant trip count unrolls the body M times, with a note; the outputs have their shapes', async () => {
    const a = await analyze(loopModel(5), 'loop.onnx');
    expect(a.totals.macs).toBe(5 * STEP_MACS + HEAD_MACS);
    // The loop's weight is shared by every iteration: counted once (plus the trip count's 1 element).
    expect(a.totals.params).toBe(16 * 16 + 16 * 4 + 1);
    expect(a.shapesDecidedBy).toBe('static');
    expect(a.warnings).toEqual(["Loop node 'rnn' (body of 4 nodes): unrolled 5 times (a static trip count)"]);
    expect(a.kernels.filter((k) => k.macs === STEP_MACS).map((k) => k.name)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `rnn/iter${i}/step`),
    );
    expect(a.kernels.find((k) => k.name === 'head')?.outputShapes).toEqual([[1, 4]]);
    expect(a.kernels.find((k) => k.name === 'all_states')?.outputShapes).toEqual([[5, 1, 16]]);
    const once = await analyze(loopModel(1), 'loop.onnx');
    expect(once.totals.macs).toBe(STEP_MACS + HEAD_MACS);
    expect(once.kernels.find((k) => k.name === 'all_states')?.outputShapes).toEqual([[1, 1, 16]]);
  });

  it('over 1,024 steps, a scan output is stacked in groups (one Concat of 50,000 inputs took half a minute)', async () => {
    const a = await analyze(loopModel(1500), 'loop.onnx');
    expect(a.totals.macs).toBe(1500 * STEP_MACS + HEAD_MACS);
    expect(a.kernels.find((k) => k.name === 'all_states')?.outputShapes).toEqual([[1500, 1, 16]]);
  });

  it('a trip count known only at run time counts the body once, with a note', async () => {
    const a = await analyze(loopModel('input'), 'loop.onnx');
    expect(a.totals.macs).toBe(STEP_MACS + HEAD_MACS);
    expect(a.warnings).toContain(
      "Loop node 'rnn' (body of 4 nodes): its trip count is not static; the body is counted once per inference",
    );
    expect(a.warnings.join('\n')).not.toMatch(/holds subgraphs/);
  });

  it('a body that computes its own condition (a while loop) is no static trip count, whatever M is', async () => {
    const a = await analyze(loopModel(5, true), 'loop.onnx');
    expect(a.totals.macs).toBe(STEP_MACS + HEAD_MACS);
    expect(a.warnings).toContain(
      "Loop node 'rnn' (body of 4 nodes): its trip count is not static; the body is counted once per inference",
    );
  });

  it('zero trips (a false condition) runs no body: the outputs are the initial values', async () => {
    const m = new ModelBuilder({ opset: 13 });
    m.input('x', DataType.FLOAT, [1, 16]);
    const body = new GraphBuilder('body');
    body.input('i', DataType.INT64, []);
    const c = body.input('cond_in', DataType.BOOL, []);
    const s = body.input('state_in', DataType.FLOAT, [1, 16]);
    body.output(c, DataType.BOOL, []);
    body.output(body.node('MatMul', [s, body.weight('W', [16, 16])], {}, { name: 'step' }));
    const never = m.initializer('never', { dataType: DataType.BOOL, dims: [], values: [0] });
    const M = m.initializer('M', { dataType: DataType.INT64, dims: [], values: [5] });
    const [final] = m.nodeOutputs('Loop', [M, never, 'x'], { body: { graph: body } }, { name: 'rnn' });
    m.output(m.node('MatMul', [final!, m.weight('head_w', [16, 4])], {}, { name: 'head' }));
    const a = await analyze(m.encode(), 'loop.onnx');
    expect(a.totals.macs).toBe(HEAD_MACS);
    expect(a.warnings).toEqual(["Loop node 'rnn' (body of 1 nodes): unrolled 0 times (a static trip count)"]);
  });
  it('two Loops of one name (or none) get copies of distinct names', async () => {
    const m = new ModelBuilder({ opset: 13 });
    let state = m.input('x', DataType.FLOAT, [1, 16]);
    const M = m.initializer('M', { dataType: DataType.INT64, dims: [], values: [2] });
    for (const [k, name] of ['same', 'same', '', ''].entries()) {
      const body = new GraphBuilder(`body${k}`);
      body.input(`i${k}`, DataType.INT64, []);
      const c = body.input(`c${k}`, DataType.BOOL, []);
      const s = body.input(`s${k}`, DataType.FLOAT, [1, 16]);
      body.output(c, DataType.BOOL, []);
      body.output(body.node('MatMul', [s, body.weight(`W${k}`, [16, 16])], {}, { name: 'step' }));
      state = m.node('Loop', [M, '', state], { body: { graph: body } }, { name, outputNames: [`h${k}`] });
    }
    m.output(state);
    const a = await analyze(m.encode(), 'loops.onnx');
    expect(a.totals.macs).toBe(4 * 2 * STEP_MACS);
  });

  it('a Loop nested in a Loop body is unrolled in turn: outer x inner copies of the inner body', async () => {
    const m = new ModelBuilder({ opset: 13 });
    m.input('x', DataType.FLOAT, [1, 16]);
    const count = (name: string, n: number) =>
      m.initializer(name, { dataType: DataType.INT64, dims: [], values: [n] });
    const loopBody = (name: string, step: (g: GraphBuilder, state: string) => string) => {
      const g = new GraphBuilder(name);
      g.input(`${name}_i`, DataType.INT64, []);
      const c = g.input(`${name}_cond`, DataType.BOOL, []);
      const s = g.input(`${name}_state`, DataType.FLOAT, [1, 16]);
      g.output(c, DataType.BOOL, []);
      g.output(step(g, s));
      return g;
    };
    const inner = loopBody('inner', (g, s) =>
      g.node('MatMul', [s, g.weight('W', [16, 16])], {}, { name: 'mm' }),
    );
    const outer = loopBody('outer', (g, s) => {
      const [y] = g.nodeOutputs('Loop', [count('two', 2), '', s], { body: { graph: inner } }, { name: 'in' });
      return g.node('Relu', [y!]);
    });
    const [final] = m.nodeOutputs(
      'Loop',
      [count('three', 3), '', 'x'],
      { body: { graph: outer } },
      { name: 'out' },
    );
    m.output(final!);
    const a = await analyze(m.encode(), 'nested.onnx');
    expect(a.totals.macs).toBe(3 * 2 * STEP_MACS);
    expect(a.totals.params).toBe(16 * 16 + 2);
    expect(a.warnings).toEqual([
      "Loop node 'out' (body of 2 nodes): unrolled 3 times (a static trip count)",
      ...[0, 1, 2].map(
        (i) => `Loop node 'out/iter${i}/in' (body of 1 nodes): unrolled 2 times (a static trip count)`,
      ),
    ]);
  });
});

/**
 * Scan over x [T, 1, 16] (or [1, T, 16] along axis 1): state = state + x_t W each step; the scan
 * output stacks each step's state, read by a Sigmoid; the final state by a head MatMul.
 */
function scanModel(
  shape: number[],
  axis: number,
  reverse: boolean,
  opset = 16,
  unknownLength = false,
): Uint8Array {
  const m = new ModelBuilder({ opset, opsets: { 'com.example': 1 } });
  m.input('x', DataType.FLOAT, shape);
  const xs = unknownLength ? m.node('Frames', ['x'], {}, { domain: 'com.example' }) : 'x';
  const body = new GraphBuilder('body');
  const s = body.input('state_in', DataType.FLOAT, [1, 16]);
  const xt = body.input('x_t', DataType.FLOAT, [1, 16]);
  const next = body.node('Add', [
    s,
    body.node('MatMul', [xt, body.weight('W', [16, 16])], {}, { name: 'proj' }),
  ]);
  body.output(next);
  body.output(body.node('Identity', [next]));
  const [final, stacked] = m.nodeOutputs(
    'Scan',
    [m.weight('h0', [1, 16]), xs],
    {
      body: { graph: body },
      num_scan_inputs: 1,
      scan_input_axes: [axis],
      scan_input_directions: [reverse ? 1 : 0],
      scan_output_axes: [axis],
    },
    { name: 'scan', outputs: 2 },
  );
  m.output(m.node('MatMul', [final!, m.weight('head_w', [16, 4])], {}, { name: 'head' }));
  m.output(m.node('Sigmoid', [stacked!], {}, { name: 'all_states' }));
  return m.encode();
}

describe('ONNX Scan: its body analysed once per step of its sequence', () => {
  it('a sequence of static length T unrolls the body T times, each step reading its slice', async () => {
    const a = await analyze(scanModel([6, 1, 16], 0, false), 'scan.onnx');
    expect(a.totals.macs).toBe(6 * STEP_MACS + HEAD_MACS);
    expect(a.shapesDecidedBy).toBe('static');
    expect(a.warnings).toEqual([
      "Scan node 'scan' (body of 3 nodes): unrolled 6 times (a static sequence length)",
    ]);
    expect(a.kernels.find((k) => k.name === 'scan/step0/proj')?.outputShapes).toEqual([[1, 16]]);
    expect(a.kernels.find((k) => k.name === 'head')?.outputShapes).toEqual([[1, 4]]);
    expect(a.kernels.find((k) => k.name === 'all_states')?.outputShapes).toEqual([[6, 1, 16]]);
  });

  it('scans along another axis, in reverse, and in opset 11 (Unsqueeze axes as an attribute)', async () => {
    for (const opset of [11, 16]) {
      const a = await analyze(scanModel([1, 3, 16], 1, true, opset), 'scan.onnx');
      expect(a.totals.macs).toBe(3 * STEP_MACS + HEAD_MACS);
      expect(a.kernels.find((k) => k.name === 'all_states')?.outputShapes).toEqual([[1, 3, 16]]);
    }
  });

  it('a sequence whose length is not static counts the body once, with a note', async () => {
    // x's length comes out of an op with no shape rule: unknown until the model runs.
    const a = await analyze(scanModel([6, 1, 16], 0, false, 16, true), 'scan.onnx');
    // One copy of the body; its shapes follow x's, unknown here (onnxruntime decides them when it can).
    expect(a.kernels.filter((k) => k.opTypes.includes('MatMul')).map((k) => k.name)).toEqual([
      'scan/step0/proj',
      'head',
    ]);
    expect(a.warnings).toContain(
      "Scan node 'scan' (body of 3 nodes): its sequence length is not static; the body is counted once per inference",
    );
  });
});

describe('the unrolling limit shared by TFLite WHILE and ONNX Loop/Scan', () => {
  it('counts the trips that fit and says so', () => {
    const plan = unrollPlan("Loop node 'l' (body of 10 nodes)", 1e9, 10, 0);
    expect(plan).toEqual({
      count: MAX_UNROLLED_NODES / 10,
      capped: true,
      note: `Loop node 'l' (body of 10 nodes): 1000000000 trips exceed the 200,000-node unrolling limit; ${MAX_UNROLLED_NODES / 10} are counted`,
    });
  });
});
