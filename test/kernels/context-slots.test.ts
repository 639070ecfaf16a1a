import { describe, expect, it } from 'vitest';
import { createContext, type FusionContext } from '../../src/kernels/context.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType, type OnnxNode } from '../../src/onnx/types.js';

const F = DataType.FLOAT;
const PASS_THROUGH_OPS = ['Identity', 'Dropout', 'QuantizeLinear', 'DequantizeLinear'];

/**
 * A graph with pass-throughs everywhere: a weight read through an Identity, a conv read through an
 * Identity and a Dropout, a Q/DQ pair, an Identity to a graph output, omitted inputs, a symbolic
 * dim (bound constants), written in reverse file order.
 */
function model(): Uint8Array {
  const b = new ModelBuilder({ opset: 13 });
  b.input('x', F, ['batch', 4, 8, 8]);
  for (const n of ['w', 'w2']) b.weight(n, [4, 4, 1, 1]);
  b.weight('s', [], [0.1]);
  const nodes: [string, string[], string][] = [
    ['Identity', ['w'], 'wi'],
    ['Conv', ['x', 'wi', ''], 'c'],
    ['Identity', ['c'], 'ci'],
    ['Dropout', ['ci'], 'cd'],
    ['Relu', ['cd'], 'r'],
    ['Relu', ['c'], 'r2'],
    ['QuantizeLinear', ['r', 's'], 'q'],
    ['DequantizeLinear', ['q', 's'], 'dq'],
    ['Conv', ['dq', 'w2'], 'c2'],
    ['Identity', ['c2'], 'y'],
    ['Add', ['c2', 'r2'], 'z'],
    ['Shape', ['x'], 'shape'],
    ['Cast', ['shape'], 'shapeF'],
    ['Mul', ['shapeF', 'shapeF'], 'sq'],
  ];
  for (const [op, inputs, out] of [...nodes].reverse())
    b.node(op, inputs, op === 'Cast' ? { to: F } : {}, { name: out, outputNames: [out] });
  b.output('y');
  b.output('z');
  b.output('sq');
  return b.encode();
}

function contexts(): { ctx: FusionContext; nodes: readonly OnnxNode[] }[] {
  const m = decodeModelBytes(model(), { path: 'm.onnx' });
  const index = indexGraph(m.graph, m.path);
  const shapes = inferShapes(m, index);
  const passThrough = new Set(index.order.filter((n) => PASS_THROUGH_OPS.includes(n.opType)));
  return [new Set<OnnxNode>(), passThrough].map((through) => ({
    ctx: createContext(index, shapes, through, () => false),
    nodes: index.order,
  }));
}

describe('FusionContext by slot', () => {
  it('answers as by name for every input and output of every node, with and without pass-throughs', () => {
    for (const { ctx, nodes } of contexts()) {
      // A constant computed from the symbolic dim, read by a node: not constant to the matchers.
      expect(ctx.shapes.boundConstants?.has('shapeF')).toBe(true);
      for (const node of nodes) {
        for (let k = 0; k <= node.inputs.length; k++) {
          const name = node.inputs[k];
          const real = name !== undefined && name !== '';
          expect(ctx.inputInfo(node, k)).toBe(real ? ctx.info(name) : undefined);
          expect(ctx.isConstantInput(node, k)).toBe(real && ctx.isConstant(name));
          expect(ctx.inputProducer(node, k)).toBe(real ? ctx.producer(name) : undefined);
          expect(ctx.inputNumber(node, k)).toBe(real ? ctx.index.values.id(name) : -1);
        }
        for (let k = 0; k <= node.outputs.length; k++) {
          const name = node.outputs[k];
          const real = name !== undefined && name !== '';
          expect(ctx.outputInfo(node, k)).toBe(real ? ctx.info(name) : undefined);
          expect(ctx.outputReaders(node, k)).toEqual(real ? ctx.consumers(name) : []);
        }
      }
    }
  });

  it('follows pass-throughs where it has them', () => {
    const { ctx, nodes } = contexts()[1]!;
    const named = (name: string) => nodes.find((n) => n.name === name)!;
    expect(
      ctx
        .outputReaders(named('c'), 0)
        .map((n) => n.name)
        .sort(),
    ).toEqual(['r', 'r2']);
    expect(ctx.inputProducer(named('r'), 0)?.name).toBe('c');
    expect(ctx.inputProducer(named('c2'), 0)?.name).toBe('r');
    expect(ctx.inputProducer(named('c'), 1)).toBeUndefined();
    expect(ctx.outputReaders(named('r'), 0).map((n) => n.name)).toEqual(['c2']);
  });
});
