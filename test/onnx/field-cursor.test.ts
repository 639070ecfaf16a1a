import { describe, expect, it } from 'vitest';
import { AttributeSets, Interner, NodeReader } from '../../src/onnx/decode-node.js';
import { FieldCursor, WireError, fieldAt } from '../../src/onnx/wire.js';

/** Bytes of a length-delimited field `number` holding `text`. */
function field(number: number, text: string): number[] {
  return [(number << 3) | 2, text.length, ...Buffer.from(text, 'latin1')];
}

function offsetOf(f: () => unknown): number {
  try {
    f();
  } catch (error) {
    if (error instanceof WireError) return error.offset;
    throw error;
  }
  throw new Error('no WireError');
}

describe('FieldCursor', () => {
  // field 1 varint 300, field 2 fixed64, field 3 fixed32, field 4 "ab", field 2000 varint 1 (a 2-byte tag)
  const bytes = Uint8Array.from([
    0x08, 0xac, 0x02,
    0x11, 1, 2, 3, 4, 5, 6, 7, 8,
    0x1d, 1, 2, 3, 4,
    0x22, 2, 0x61, 0x62,
    0x80, 0x7d, 0x01,
  ]); // prettier-ignore

  it('walks each field: number, wire type, tag offset and payload range', () => {
    const cursor = new FieldCursor().reset(bytes, 0, bytes.length);
    const seen: number[][] = [];
    while (cursor.next())
      seen.push([cursor.number, cursor.wireType, cursor.tagStart, cursor.start, cursor.end]);
    expect(seen).toEqual([
      [1, 0, 0, 1, 3],
      [2, 1, 3, 4, 12],
      [3, 5, 12, 13, 17],
      [4, 2, 17, 19, 21],
      [2000, 0, 21, 23, 24],
    ]);
    // Reused for another walk, from an offset.
    cursor.reset(bytes, 17, 21);
    expect(cursor.next()).toBe(true);
    expect([cursor.number, cursor.start, cursor.end]).toEqual([4, 19, 21]);
    expect(cursor.next()).toBe(false);
  });

  it('reads one field head as fieldAt does, its end possibly past the bound', () => {
    const head = new FieldCursor().at(bytes, 17, 19);
    expect({ number: head.number, wireType: head.wireType, start: head.start, end: head.end }).toEqual(
      fieldAt(bytes, 17, 19),
    );
    expect(head.end).toBe(21);
  });

  it('refuses truncated fields and varints, field number 0 and groups, with the offset', () => {
    const walk = (b: number[]) => {
      const cursor = new FieldCursor().reset(Uint8Array.from(b), 0, b.length);
      while (cursor.next());
    };
    expect(offsetOf(() => walk([...field(1, 'x'), 0x12, 5, 0x61]))).toBe(3);
    expect(() => walk([...field(1, 'x'), 0x12, 5, 0x61])).toThrow(
      'a field runs past the end (truncated file?)',
    );
    expect(offsetOf(() => walk([...field(1, 'x'), 0x12, 0x80]))).toBe(4);
    expect(() => walk([0x08, 0x80])).toThrow('a varint runs past the end (truncated file?)');
    expect(() => walk([0x0a, ...Array<number>(10).fill(0xff), 0x01])).toThrow('a varint runs past the end');
    expect(() => walk([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])).toThrow(
      'a length or tag out of range',
    );
    expect(offsetOf(() => walk([...field(1, 'x'), 0, 1]))).toBe(3);
    expect(() => walk([(1 << 3) | 4])).toThrow('unsupported wire type 4');
  });
});

describe('NodeReader', () => {
  it('reads nodes one after another from offsets of one buffer, each with its own arrays', () => {
    const first = [
      ...field(1, 'x'),
      ...field(1, 'w'),
      ...field(2, 'y'),
      ...field(4, 'Conv'),
      ...field(5, 'abc'),
    ];
    const second = [...field(1, 'y'), ...field(2, 'z'), ...field(4, 'Relu')];
    const bytes = Buffer.from([0xff, ...first, ...second]);
    const reader = new NodeReader(new Interner());
    reader.read(bytes, 1, 1 + first.length);
    const { inputs, outputs } = reader;
    expect([inputs, outputs, reader.opType, reader.attributeCount]).toEqual([['x', 'w'], ['y'], 'Conv', 1]);
    expect(reader.attributes.slice(0, 2)).toEqual([first.length - 2, first.length + 1]);
    reader.read(bytes, 1 + first.length, bytes.length);
    expect([reader.inputs, reader.outputs, reader.opType, reader.name, reader.attributeCount]).toEqual([
      ['y'],
      ['z'],
      'Relu',
      '',
      0,
    ]);
    expect(inputs).toEqual(['x', 'w']);
    expect(reader.inputs[0]).toBe(outputs[0]); // interned
  });

  it('gives arrays of the exact length for any count', () => {
    const reader = new NodeReader(new Interner());
    for (const count of [0, 1, 2, 3, 4, 7]) {
      const names = Array.from({ length: count }, (_, i) => `in${i}`);
      const bytes = Buffer.from([...names.flatMap((n) => field(1, n)), ...field(4, 'Concat')]);
      reader.read(bytes, 0, bytes.length);
      expect(reader.inputs).toEqual(names);
      expect(reader.inputs.length).toBe(count);
    }
  });
});

describe('AttributeSets', () => {
  it('finds a value by the bytes of the ranges, wherever they lie, and tells sets apart by their lengths', () => {
    const sets = new AttributeSets<string>();
    const a = Buffer.from('..abcdef');
    sets.set(a, [2, 4, 4, 8], 2, 'ab|cdef');
    const b = Buffer.from('abcdef');
    expect(sets.get(b, [0, 2, 2, 6], 2)).toBe('ab|cdef');
    expect(sets.get(b, [0, 3, 3, 6], 2)).toBeUndefined(); // abc|def: same bytes, other split
    expect(sets.get(b, [0, 2], 1)).toBeUndefined();
    expect(sets.get(b, [0, 2, 2, 6, 0, 0], 3)).toBeUndefined();
    sets.set(b, [0, 3, 3, 6], 2, 'abc|def');
    expect(sets.get(a, [2, 5, 5, 8], 2)).toBe('abc|def');
    expect(sets.get(a, [2, 4, 4, 8], 2)).toBe('ab|cdef');
  });
});
