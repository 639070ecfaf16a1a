import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/onnx/source.js';
import { ModelLoadError } from '../../src/onnx/types.js';
import { decodeTfliteBytes } from '../../src/tflite/decode.js';
import { FlatBufferReader } from '../../src/tflite/flatbuffer.js';
import { fieldDef, tableDef } from '../../src/tflite/schema.js';
import { buildTflite, chainModel, enumNumber, type Obj } from './builder.js';
import { seededRandom } from '../../src/predict/random.js';

const PATH = 'models/broken.tflite';

/** A plain Uint8Array copy (Buffer#slice would share memory, and the tests patch copies). */
function small(): Uint8Array {
  return new Uint8Array(
    gunzipSync(readFileSync('test/fixtures/models-tflite/tflite-micro/hello_world_int8.tflite.gz')),
  );
}

/** Decodes and returns the ModelLoadError's message, or undefined when the bytes decode. */
function outcome(bytes: Uint8Array): string | undefined {
  try {
    decodeTfliteBytes(bytes, PATH);
    return undefined;
  } catch (error) {
    if (!(error instanceof ModelLoadError)) throw error;
    expect(error.message.startsWith(`${PATH}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
    return error.message.slice(PATH.length + 2);
  }
}

function problem(bytes: Uint8Array): string {
  const message = outcome(bytes);
  if (message === undefined) throw new Error('expected a ModelLoadError, but the bytes decoded');
  return message;
}

/** Byte position of the uoffset of field `name` in the Model (root) table. */
function modelField(bytes: Uint8Array, name: string): number {
  const fb = new FlatBufferReader(bufferSource(bytes), PATH);
  const t = fb.table(fb.deref(0, 'root'), 'model');
  return fb.field(t, fieldDef(tableDef('Model'), name).id)!;
}

function patchU32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(at, value, true);
  return out;
}

/** The project's seeded PRNG (mulberry32), so every run mutates the same way. */
const prng = (seed: number): (() => number) => {
  const random = seededRandom(seed);
  return () => random.next();
};

describe('malformed TFLite files', () => {
  it('refuses files without the TFL3 identifier', () => {
    const bytes = small();
    const wrong = bytes.slice();
    wrong.set([0x4f, 0x4e, 0x4e, 0x58], 4);
    for (const b of [
      new Uint8Array(0),
      bytes.subarray(0, 7),
      wrong,
      new TextEncoder().encode('ir_version: 8 ....'),
    ]) {
      expect(problem(b)).toBe('not a TFLite flatbuffer (no TFL3 identifier)');
    }
  });

  it('refuses truncated files with a ModelLoadError', () => {
    const bytes = small();
    for (const cut of [8, 12, 16, 32, 64, 128, 256, 512, 1024]) {
      expect(problem(bytes.subarray(0, cut))).toMatch(/^corrupt TFLite flatbuffer: .* at byte \d+$/);
    }
    for (let cut = 8; cut < bytes.length; cut += 29) outcome(bytes.subarray(0, cut));
  });

  it('names the bad offset: root, vtable, vector length', () => {
    const bytes = small();
    expect(problem(patchU32(bytes, 0, bytes.length + 100))).toBe(
      'corrupt TFLite flatbuffer: the root table offset points past the end of the file at byte 0',
    );
    const root = bytes[0]! | (bytes[1]! << 8);
    expect(problem(patchU32(bytes, root, 0x7fff0000))).toMatch(
      /^corrupt TFLite flatbuffer: the vtable of the model table lies outside the file at byte \d+$/,
    );
    const slot = modelField(bytes, 'subgraphs');
    const vector = slot + new DataView(bytes.buffer, bytes.byteOffset).getUint32(slot, true);
    expect(problem(patchU32(bytes, vector, 0x7fffffff))).toBe(
      `corrupt TFLite flatbuffer: the vector Model.subgraphs of 2147483647 elements runs past the end of the file at byte ${vector}`,
    );
  });

  it('survives 2,000 random mutations: each decodes or is a ModelLoadError', () => {
    const bytes = small();
    const random = prng(20240611);
    let failed = 0;
    for (let k = 0; k < 2000; k++) {
      const mutated = bytes.slice();
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) {
        const at = Math.floor(random() * mutated.length);
        mutated[at] =
          random() < 0.5 ? mutated[at]! ^ (1 << Math.floor(random() * 8)) : Math.floor(random() * 256);
      }
      if (outcome(mutated) !== undefined) failed++;
    }
    expect(failed).toBeGreaterThan(0);
  });

  it('refuses a model with no subgraph', () => {
    expect(problem(buildTflite({ version: 3, subgraphs: [], buffers: [{}] }))).toBe(
      'the model has no subgraph',
    );
    expect(problem(buildTflite({ version: 3 }))).toBe('the model has no subgraph');
  });

  it('refuses out-of-range tensor, operator code, buffer and subgraph indices', () => {
    const withOps = (ops: (o: Obj) => Obj, opcode = 'CONV_2D', tensors = 120): Uint8Array => {
      const model = chainModel(tensors - 1, opcode);
      const sub = (model.subgraphs as Obj[])[0]!;
      return buildTflite({ ...model, subgraphs: [{ ...sub, operators: (sub.operators as Obj[]).map(ops) }] });
    };
    expect(problem(withOps((o) => (o.opcode_index === 0 ? { ...o, inputs: [999] } : o)))).toBe(
      'operator 0 (CONV_2D) in subgraph 0 reads tensor 999 of 120',
    );
    expect(problem(withOps((o) => ({ ...o, outputs: [-2] })))).toBe(
      'operator 0 (CONV_2D) in subgraph 0 writes tensor -2 of 120',
    );
    expect(problem(withOps((o) => ({ ...o, opcode_index: 3 })))).toBe(
      'operator 0 in subgraph 0 uses operator code 3 of 1',
    );
    const loop = (body: number) =>
      withOps(
        (o) => ({
          ...o,
          builtin_options: {
            type: 'WhileOptions',
            value: { cond_subgraph_index: 0, body_subgraph_index: body },
          },
        }),
        'WHILE',
        3,
      );
    expect(problem(loop(5))).toBe(
      'operator 0 (WHILE) in subgraph 0 refers to subgraph 5 (body_subgraph_index) of 1',
    );
    // a subgraph calling itself is for the consumer to handle, not a decoding error
    expect(decodeTfliteBytes(loop(0), PATH).subgraphs[0]!.operators[0]!.options).toEqual({
      cond_subgraph_index: 0,
      body_subgraph_index: 0,
    });

    const model = chainModel(1);
    const sub = (model.subgraphs as Obj[])[0]!;
    const tensors = (sub.tensors as Obj[]).map((t, i) => (i === 0 ? { ...t, buffer: 7 } : t));
    expect(problem(buildTflite({ ...model, subgraphs: [{ ...sub, tensors }] }))).toBe(
      'tensor 0 ("t0") of subgraph 0 uses buffer 7 of 1',
    );
    expect(problem(buildTflite({ ...model, subgraphs: [{ ...sub, inputs: [4] }] }))).toBe(
      'subgraph 0 has the input tensor 4 of 2',
    );
    expect(
      problem(buildTflite({ ...model, signature_defs: [{ signature_key: 's', subgraph_index: 2 }] })),
    ).toBe('signature 0 ("s") uses subgraph 2 of 1');
    expect(problem(buildTflite({ ...model, buffers: [{}, { offset: 100, size: 1 << 20 }] }))).toBe(
      'corrupt TFLite flatbuffer: buffer 1 (1048576 bytes outside the flatbuffer) runs past the end of the file at byte 100',
    );
  });

  it('refuses more than 10^7 operators and tensors before decoding them', () => {
    const built = buildTflite(chainModel(1));
    const fb = new FlatBufferReader(bufferSource(built), PATH);
    const model = fb.table(fb.deref(0, 'root'), 'model');
    const subgraphs = fb.vector(
      fb.field(model, fieldDef(tableDef('Model'), 'subgraphs').id)!,
      4,
      'subgraphs',
    );
    const sub = fb.table(fb.tablePositions(subgraphs, 'subgraphs')[0]!, 'subgraph');
    const slot = fb.field(sub, fieldDef(tableDef('SubGraph'), 'tensors').id)!;
    const vector = slot + fb.u32(slot);
    // a file large enough for the claimed vector, so only the total bound can refuse it
    const big = new Uint8Array(44_000_000);
    big.set(built);
    new DataView(big.buffer).setUint32(vector, 10_000_001, true);
    expect(problem(big)).toBe(
      'the model has 1 operators and 10000001 tensors; models with more than 10,000,000 in all are refused',
    );
  });

  it('bounds the work on tables that share a vector', () => {
    // every tensor's shape points at one vector of 250,000 ints: decoding would read it once per tensor
    const n = 2000;
    const built = buildTflite({
      ...chainModel(1),
      subgraphs: [
        {
          tensors: Array.from({ length: n }, () => ({ shape: [1], type: 'FLOAT32' })),
          operators: [{ opcode_index: 0, inputs: [0], outputs: [1] }],
        },
      ],
    });
    const big = new Uint8Array(built.length + 4 + 1_000_000);
    big.set(built);
    const view = new DataView(big.buffer);
    view.setUint32(built.length, 250_000, true);
    const fb = new FlatBufferReader(bufferSource(big), PATH);
    const model = fb.table(fb.deref(0, 'root'), 'model');
    const subs = fb.vector(fb.field(model, fieldDef(tableDef('Model'), 'subgraphs').id)!, 4, 's');
    const sub = fb.table(fb.tablePositions(subs, 's')[0]!, 'subgraph');
    const tensors = fb.vector(fb.field(sub, fieldDef(tableDef('SubGraph'), 'tensors').id)!, 4, 't');
    for (const pos of fb.tablePositions(tensors, 't')) {
      const slot = fb.field(fb.table(pos, 'tensor'), fieldDef(tableDef('Tensor'), 'shape').id)!;
      view.setUint32(slot, built.length - slot, true);
    }
    expect(problem(big)).toMatch(
      /^corrupt TFLite flatbuffer: tables share data so often that decoding would not end/,
    );
    expect(enumNumber('BuiltinOperator', 'RELU')).toBe(19);
  });
});
