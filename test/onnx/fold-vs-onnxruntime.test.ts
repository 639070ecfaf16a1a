import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType } from '../../src/onnx/types.js';

/** A [2, 3, 4] INT64 constant holding 0..23: each folded element says where it came from. */
function withTable(b: ModelBuilder): string {
  return b.initializer('table', {
    dataType: DataType.INT64,
    dims: [2, 3, 4],
    values: Array.from({ length: 24 }, (_, i) => i),
  });
}

/**
 * Folds every output of the model `build` makes and runs it with onnxruntime: each output's folded
 * shape and values must be what onnxruntime computes.
 */
async function expectFoldedAsOnnxruntime(build: (b: ModelBuilder, table: string) => string[]) {
  const b = new ModelBuilder({ opset: 13 });
  const outputs = build(b, withTable(b));
  for (const y of outputs) b.output(y, DataType.INT64);
  const bytes = b.encode();
  const model = decodeModelBytes(bytes);
  const folded = inferShapes(model, indexGraph(model.graph, ''));
  const session = await ort.InferenceSession.create(bytes);
  try {
    const results = await session.run({});
    // One line per output that differs, so a failure names the cases.
    const differing = outputs.flatMap((y) => {
      const r = folded.shapes.get(y);
      const t = results[y]!;
      const mine = `[${r?.shape.join(', ')}] ${r?.value ? `[${[...r.value].join(', ')}]` : 'not folded'}`;
      const theirs = `[${t.dims.join(', ')}] [${[...(t.data as BigInt64Array)].join(', ')}]`;
      return mine === theirs ? [] : [`${y}: folded ${mine}, onnxruntime ${theirs}`];
    });
    expect(differing).toEqual([]);
  } finally {
    await session.release();
  }
}

describe('constant folding agrees with onnxruntime', () => {
  it('Slice at rank 3: every start and end clamped, positive and negative steps, on each axis', async () => {
    // ONNX Slice: a start is clamped to [0, dim] for a positive step and to [0, dim - 1] for a
    // negative one, an end to [0, dim] and [-1, dim - 1].
    const bounds = [-100, -5, -4, -1, 0, 2, 3, 4, 100];
    await expectFoldedAsOnnxruntime((b, table) => {
      const outputs: string[] = [];
      for (const axis of [0, 2])
        for (const step of [-2, -1, 1, 3])
          for (const start of bounds)
            for (const end of bounds) {
              const at = `${axis}_${step}_${start}_${end}`.replaceAll('-', 'm');
              outputs.push(
                b.node(
                  'Slice',
                  [
                    table,
                    b.ints(`st_${at}`, [start]),
                    b.ints(`en_${at}`, [end]),
                    b.ints(`ax_${at}`, [axis]),
                    b.ints(`sp_${at}`, [step]),
                  ],
                  {},
                  { name: `slice_${at}` },
                ),
              );
            }
      return outputs;
    });
  });

  it('Slice of several axes at once, and Transpose with and without perm', async () => {
    await expectFoldedAsOnnxruntime((b, table) => [
      b.node('Slice', [
        table,
        b.ints('st', [-1, 10, 1]),
        b.ints('en', [-Number.MAX_SAFE_INTEGER, -100, 4]),
        b.ints('ax', [0, -2, 2]),
        b.ints('sp', [-1, -2, 2]),
      ]),
      // An empty axis stays empty whichever way it is walked.
      b.node('Slice', [
        b.initializer('empty', { dataType: DataType.INT64, dims: [2, 0], values: [] }),
        b.ints('st0', [-1]),
        b.ints('en0', [-100]),
        b.ints('ax0', [1]),
        b.ints('sp0', [-1]),
      ]),
      b.node('Transpose', [table]),
      b.node('Transpose', [table], { perm: [1, 2, 0] }),
      b.node('Transpose', [table], { perm: [0, 2, 1] }),
    ]);
  });
});
