import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes, decodeModelFile } from '../../src/onnx/decode.js';
import { bufferSource, fileSource, spanOf, type ByteSource } from '../../src/onnx/source.js';
import { DataType } from '../../src/onnx/types.js';

const tempFile = (name: string, bytes: Uint8Array): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'mec-source-')), name);
  writeFileSync(path, bytes);
  return path;
};

/** Bytes [offset, offset + length) as the span holds them. */
const spanned = (source: ByteSource, offset: number, length: number): number[] => {
  const { bytes, base } = spanOf(source, offset, length);
  return [...bytes.subarray(offset - base, offset - base + length)];
};

describe('spans of a source', () => {
  const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));

  it('a file: small ranges from the cached window, large ones read whole, the same bytes as read()', () => {
    const source = fileSource(tempFile('data.bin', data));
    try {
      const first = spanOf(source, 1000, 20);
      const { bytes: window, base } = first;
      expect(base).toBe(1000);
      expect(spanOf(source, 1100, 300).bytes).toBe(window); // in the window: no read
      expect(spanOf(source, 1100, 300).base).toBe(1000);
      for (const [offset, length] of [
        [1000, 20],
        [5000, 16_000],
        [70_000, 20],
        [100_000, 40_000],
        [199_990, 10],
      ] as const) {
        expect(spanned(source, offset, length)).toEqual([...data.subarray(offset, offset + length)]);
        expect([...source.read(offset, length)]).toEqual([...data.subarray(offset, offset + length)]);
      }
      expect(spanOf(source, 100_000, 40_000).base).toBe(100_000);
      expect(source.read(199_990, 20).length).toBe(10); // clamped at the end of the file
    } finally {
      source.close();
    }
  });

  it('bytes in memory: the whole buffer; a source without span(): a view of read()', () => {
    const memory = bufferSource(new Uint8Array(data));
    expect(spanOf(memory, 123, 4).base).toBe(0);
    expect(spanned(memory, 123, 4)).toEqual([...data.subarray(123, 127)]);
    const plain: ByteSource = {
      size: memory.size,
      read: (o, l) => memory.read(o, l),
      close: () => undefined,
    };
    expect(spanOf(plain, 123, 4).base).toBe(123);
    expect(spanned(plain, 123, 4)).toEqual([...data.subarray(123, 127)]);
  });
});

describe('nodes read in place', () => {
  it('a node larger than the file window decodes from a file as from memory', () => {
    const b = new ModelBuilder();
    let x = b.input('x', DataType.FLOAT, [1, 8]);
    const big = Array.from({ length: 10_000 }, (_, i) => i + 0.5); // a 40 KB attribute
    for (let i = 0; i < 3; i++) x = b.node('Relu', [b.node('Custom', [x], { table: { floats: big }, k: i })]);
    b.output(x);
    const bytes = b.encode();
    const fromFile = decodeModelFile(tempFile('big.onnx', bytes));
    const fromMemory = decodeModelBytes(bytes, { path: fromFile.path });
    expect(fromFile).toEqual(fromMemory);
    const custom = fromFile.graph.nodes.filter((n) => n.opType === 'Custom');
    expect(custom.map((n) => n.attributes.get('k'))).toEqual(
      [0, 1, 2].map((value) => ({ kind: 'int', value })),
    );
    const table = custom[2]!.attributes.get('table');
    expect(table?.kind === 'floats' && table.value.length).toBe(10_000);
  });
});
