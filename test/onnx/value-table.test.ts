import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph, positionNear } from '../../src/onnx/graph.js';
import { DataType } from '../../src/onnx/types.js';
import { ValueIds, ValueTable } from '../../src/onnx/value-table.js';

/** A table and a Map given the same entries, compared after each. */
function sameAsMap(names: readonly string[], entries: readonly (readonly [string, number])[]) {
  const ids = new ValueIds();
  for (const name of names) ids.intern(name);
  const table = new ValueTable<number>(ids);
  const map = new Map<string, number>();
  for (const [name, value] of entries) {
    table.set(name, value);
    map.set(name, value);
    expect([...table]).toEqual([...map]);
    expect(table.size).toBe(map.size);
  }
  return { ids, table, map };
}

describe('ValueTable', () => {
  it('answers as a Map would, numbered names or not, and iterates in insertion order', () => {
    const { ids, table, map } = sameAsMap(
      ['a', 'b'],
      [
        ['b', 1],
        ['zz', 2],
        ['a', 3],
        ['b', 4],
      ],
    );
    expect(ids.intern('a')).toBe(0);
    expect(ids.id('b')).toBe(1);
    expect(ids.name(1)).toBe('b');
    expect([...table.keys()]).toEqual(['b', 'zz', 'a']);
    expect([...table.values()]).toEqual([4, 2, 3]);
    expect(table.size).toBe(3);
    expect(table.get('b')).toBe(4);
    expect(table.get('zz')).toBe(2);
    expect(table.get('nothing')).toBeUndefined();
    expect(table.has('a')).toBe(true);
    expect(table.has('c')).toBe(false);
    expect(table.byId(0)).toBe(3);
    expect(new Map(table)).toEqual(map);
    expect([...table.numbered()]).toEqual([1, 0]);
  });

  it('keeps insertion order when entries stop coming in numbering order', () => {
    sameAsMap(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 1],
        ['c', 2],
        ['c', 3],
        ['b', 4],
        ['d', 5],
        ['other', 6],
      ],
    );
  });

  it('finds a node near a hint, and anywhere through the position map', () => {
    const b = new ModelBuilder({ opset: 13 });
    let x = b.input('x', DataType.FLOAT, [1, 4]);
    for (let i = 0; i < 40; i++) x = b.node('Relu', [x]);
    b.output(x);
    const model = decodeModelBytes(b.encode());
    const index = indexGraph(model.graph, model.path);
    expect(index.values.id('x')).toBeDefined();
    const cases: [at: number, near: number][] = [
      [3, 0],
      [30, 28],
      [39, 0],
      [0, 39],
    ];
    for (const [at, near] of cases) expect(positionNear(index, index.order[at]!, near)).toBe(at);
    expect(index.producer.get(index.order[5]!.outputs[0]!)).toBe(index.order[5]);
    expect(index.consumers.get(index.order[5]!.outputs[0]!)).toEqual([index.order[6]]);
  });
});
