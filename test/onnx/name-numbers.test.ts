import { describe, expect, it } from 'vitest';
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
});
