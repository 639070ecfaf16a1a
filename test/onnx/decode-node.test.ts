import { describe, expect, it } from 'vitest';
import { GraphBuilder, ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { Interner, readNodeFields } from '../../src/onnx/decode-node.js';
import { WireError, fieldAt, forEachField } from '../../src/onnx/wire.js';
import { DataType, ModelLoadError } from '../../src/onnx/types.js';

/** Bytes of a length-delimited field `number` holding `payload`. */
function field(number: number, payload: Uint8Array | string): number[] {
  const bytes = typeof payload === 'string' ? [...Buffer.from(payload, 'utf8')] : [...payload];
  return [(number << 3) | 2, bytes.length, ...bytes];
}

describe('NodeProto at the wire level', () => {
  it('reads inputs, outputs, name, op type, domain and attribute ranges; skips doc_string and unknown fields', () => {
    const attribute = [...field(1, 'axis'), 3 << 3, 1];
    const bytes = Uint8Array.from([
      ...field(1, 'x'),
      ...field(1, ''),
      ...field(1, 'wé'),
      ...field(2, 'y'),
      ...field(3, 'n1'),
      ...field(4, 'Softmax'),
      ...field(6, 'a comment'),
      ...field(7, 'ai.onnx'),
      ...field(5, Uint8Array.from(attribute)),
      ...field(9, Uint8Array.from([])),
    ]);
    const node = readNodeFields(bytes, new Interner());
    expect(node).toMatchObject({
      inputs: ['x', '', 'wé'],
      outputs: ['y'],
      name: 'n1',
      opType: 'Softmax',
      domain: 'ai.onnx',
    });
    const [start, end] = node.attributes;
    expect([...bytes.subarray(start, end)]).toEqual(attribute);
  });

  it('skips int64 varints of 10 bytes (negative values), refuses groups and truncated fields with their offset', () => {
    const negative = Uint8Array.from([3 << 3, ...Array(9).fill(0xff), 0x01]);
    const seen: number[] = [];
    forEachField(negative, 0, negative.length, (n) => seen.push(n));
    expect(seen).toEqual([3]);
    expect(() => fieldAt(Uint8Array.from([0, 1]), 0, 2)).toThrow('field number 0');
    expect(() => fieldAt(Uint8Array.from([(1 << 3) | 3]), 0, 1)).toThrow('unsupported wire type 3');
    const truncated = Uint8Array.from([...field(1, 'x'), (2 << 3) | 2, 5, 0x61]);
    try {
      forEachField(truncated, 0, truncated.length, () => undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WireError);
      expect((error as WireError).offset).toBe(3);
    }
  });

  it('names the NodeProto and the byte when a node field has the wrong wire type', () => {
    const b = new ModelBuilder();
    const x = b.input('x', DataType.FLOAT, [1, 4]);
    b.output(b.node('Relu', [x], {}, { name: 'relu_a' }));
    const bytes = Buffer.from(b.encode());
    // The op type field (4, length-delimited) becomes a varint field 4.
    const at = bytes.indexOf(Buffer.from([(4 << 3) | 2, 4, ...Buffer.from('Relu')]));
    bytes[at] = 4 << 3;
    expect(() => decodeModelBytes(bytes, { path: 'm.onnx' })).toThrow(ModelLoadError);
    expect(() => decodeModelBytes(bytes, { path: 'm.onnx' })).toThrow(
      /^m\.onnx: corrupt NodeProto at byte \d+: NodeProto field 4 has wire type 0$/,
    );
  });
});

describe('decoded attributes', () => {
  it('nodes with the same small attributes share one map; nodes without any share the empty one', () => {
    const b = new ModelBuilder();
    let x = b.input('x', DataType.FLOAT, [1, 8, 4, 4]);
    const w = b.weight('w', [8, 8, 3, 3]);
    for (let i = 0; i < 3; i++) x = b.node('Relu', [b.node('Conv', [x, w], { pads: [1, 1, 1, 1] })]);
    x = b.node('Conv', [x, w], { pads: [1, 1, 1, 1], group: 1 });
    b.output(x);
    const nodes = decodeModelBytes(b.encode()).graph.nodes;
    const convs = nodes.filter((n) => n.opType === 'Conv');
    const relus = nodes.filter((n) => n.opType === 'Relu');
    expect(convs[1]!.attributes).toBe(convs[0]!.attributes);
    expect(convs[2]!.attributes).toBe(convs[0]!.attributes);
    expect(convs[3]!.attributes).not.toBe(convs[0]!.attributes);
    expect(convs[3]!.attributes.get('group')).toEqual({ kind: 'int', value: 1 });
    expect(convs[0]!.attributes.get('pads')).toEqual({ kind: 'ints', value: [1, 1, 1, 1] });
    expect(relus[1]!.attributes).toBe(relus[0]!.attributes);
    expect(relus[0]!.attributes.size).toBe(0);
  });

  it('a subgraph attribute is read by the graph walker, each node its own', () => {
    const body = (): GraphBuilder => {
      const g = new GraphBuilder('body');
      const y = g.input('y', DataType.FLOAT, [1]);
      g.output(g.node('Neg', [y], { alpha: 1 }));
      return g;
    };
    const b = new ModelBuilder();
    const c = b.input('c', DataType.BOOL, [1]);
    const y = b.input('y', DataType.FLOAT, [1]);
    const first = b.node('If', [c], { then_branch: { graph: body() }, else_branch: { graph: body() } });
    b.output(b.node('If', [c], { then_branch: { graph: body() }, else_branch: { graph: body() } }));
    b.output(first);
    const nodes = decodeModelBytes(b.encode()).graph.nodes;
    expect(nodes[0]!.attributes).not.toBe(nodes[1]!.attributes);
    const then = nodes[0]!.attributes.get('then_branch');
    expect(then?.kind).toBe('graph');
    if (then?.kind !== 'graph') return;
    expect(then.value.name).toBe('body');
    expect(then.value.nodes.map((n) => [n.opType, n.inputs, n.attributes.get('alpha')])).toEqual([
      ['Neg', [y], { kind: 'int', value: 1 }],
    ]);
  });
});
