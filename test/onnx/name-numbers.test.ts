import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { NameNumbers } from '../../src/onnx/name-numbers.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType } from '../../src/onnx/types.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('NameNumbers', () => {
  it('numbers texts in the order met, the same from their bytes or their characters', () => {
    const numbers = new NameNumbers();
    const bytes = utf8('xconv_1/out');
    expect(numbers.internBytes(bytes, 1, 7)).toBe(0);
    expect(numbers.intern('conv_1')).toBe(0);
    expect(numbers.intern('out')).toBe(1);
    expect(numbers.internBytes(bytes, 8, 11)).toBe(1);
    expect(numbers.id('conv_1')).toBe(0);
    expect(numbers.id('conv_2')).toBeUndefined();
    expect(numbers.text(1)).toBe('out');
    expect(numbers.text(2)).toBeUndefined();
    expect(numbers.size).toBe(2);
  });

  it('numbers text that is not ASCII, from bytes or characters alike', () => {
    const numbers = new NameNumbers();
    const name = 'Größe/ß→1';
    const id = numbers.internBytes(utf8(name), 0, utf8(name).length);
    expect(numbers.text(id)).toBe(name);
    expect(numbers.intern(name)).toBe(id);
    expect(numbers.id(name)).toBe(id);
    expect(numbers.intern('')).toBe(id + 1);
    expect(numbers.internBytes(utf8(''), 0, 0)).toBe(id + 1);
  });

  it('keeps every number through the growth of its table', () => {
    const numbers = new NameNumbers();
    const names = Array.from({ length: 20_000 }, (_, i) => `v${i}`);
    names.forEach((name, i) => expect(numbers.intern(name)).toBe(i));
    const all = utf8(names.join(''));
    let at = 0;
    names.forEach((name, i) => {
      expect(numbers.internBytes(all, at, at + name.length)).toBe(i);
      at += name.length;
    });
    expect(names.every((name, i) => numbers.id(name) === i && numbers.text(i) === name)).toBe(true);
    expect(numbers.size).toBe(names.length);
  });
});

describe('the decoder numbers the graph index takes', () => {
  function model() {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', DataType.FLOAT, [1, 4]);
    const w = b.weight('w', [4, 4]);
    const y = b.node('MatMul', [x, w]);
    b.output(b.node('Relu', [b.node('Add', [y, x])]));
    return decodeModelBytes(b.encode());
  }

  it('numbers every value of the top graph, and the index answers by name as by number', () => {
    const m = model();
    const numbers = m.graph.valueNumbers!;
    expect(numbers.nodes).toBe(m.graph.nodes);
    const index = indexGraph(m.graph, 'm.onnx');
    for (const [p, node] of index.order.entries()) {
      node.inputs.forEach((name, k) => expect(index.nodeValues.input(p, k)).toBe(index.values.id(name)));
      node.outputs.forEach((name, k) => expect(index.nodeValues.output(p, k)).toBe(index.values.id(name)));
    }
    expect(index.producer.get('w')).toBeUndefined();
    expect(index.consumers.get('x')?.map((n) => n.opType)).toEqual(['MatMul', 'Add']);
  });

  it('a graph rebuilt with other nodes is numbered afresh', () => {
    const m = model();
    // As normaliseQuantizedOps rebuilds a graph: a node replaced, here the Add with its inputs swapped.
    const nodes = m.graph.nodes.map((n) =>
      n.opType === 'Add' ? { ...n, inputs: [...n.inputs].reverse() } : n,
    );
    const rebuilt = { ...m.graph, nodes };
    const index = indexGraph(rebuilt, 'm.onnx');
    for (const [p, node] of index.order.entries())
      node.inputs.forEach((name, k) => expect(index.nodeValues.input(p, k)).toBe(index.values.id(name)));
    const shapes = inferShapes({ ...m, graph: rebuilt }, index);
    expect(shapes.unresolved).toEqual([]);
  });

  // Conv -> BN -> Identity -> Relu -> Conv -> Relu, written in file order or reversed (explicit names):
  // the decoder numbers names in file order, the index in its sorted order.
  function chain(reversed: boolean): Uint8Array {
    const b = new ModelBuilder({ opset: 13 });
    b.input('x', DataType.FLOAT, [1, 4, 8, 8]);
    const bn = ['s', 'b', 'm', 'v'].map((n) => b.weight(n, [4]));
    const nodes: [string, string[], string][] = [
      ['Conv', ['x', b.weight('w1', [4, 4, 3, 3])], 'c1'],
      ['BatchNormalization', ['c1', ...bn], 'n1'],
      ['Identity', ['n1'], 'i1'],
      ['Relu', ['i1'], 'r1'],
      ['Conv', ['r1', b.weight('w2', [4, 4, 1, 1]), b.weight('b2', [4])], 'c2'],
      ['Relu', ['c2'], 'y'],
    ];
    for (const [op, inputs, out] of reversed ? [...nodes].reverse() : nodes)
      b.node(op, inputs, out === 'c1' ? { pads: [1, 1, 1, 1] } : {}, { name: out, outputNames: [out] });
    b.output('y');
    return b.encode();
  }

  it('a file not in topological order: the numbers follow the sorted order, and it analyses as the sorted file', async () => {
    const m = decodeModelBytes(chain(true));
    const index = indexGraph(m.graph, 'm.onnx');
    expect(index.order.map((n) => n.name)).toEqual(['c1', 'n1', 'i1', 'r1', 'c2', 'y']);
    for (const [p, node] of index.order.entries()) {
      node.inputs.forEach((name, k) => expect(index.nodeValues.input(p, k)).toBe(index.values.id(name)));
      node.outputs.forEach((name, k) => expect(index.nodeValues.output(p, k)).toBe(index.values.id(name)));
    }
    const sorted = await analyzeBytes(chain(false), 'm.onnx', { runtimeFallback: false });
    const reversed = await analyzeBytes(chain(true), 'm.onnx', { runtimeFallback: false });
    expect(reversed.kernels).toEqual(sorted.kernels);
    expect(reversed.kernels.map((k) => [k.type, k.nodes])).toEqual([
      ['conv-bn-relu', ['c1', 'n1', 'r1']],
      ['conv-bn-relu', ['c2', 'y']],
    ]);
  });
});
