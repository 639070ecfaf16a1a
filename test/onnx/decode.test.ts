import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes, decodeModelFile } from '../../src/onnx/decode.js';
import { DataType, ModelLoadError } from '../../src/onnx/types.js';
import { MODEL_NAMES, REFERENCE, modelBytes, modelPath } from '../helpers/fixtures.js';

describe('decoding the reference exports', () => {
  for (const name of MODEL_NAMES) {
    it(`${name}: opset, node count and initializer elements match reference.json`, () => {
      const ref = REFERENCE[name]!;
      const model = decodeModelFile(modelPath(name));
      expect(model.opsets.get('')).toBe(ref.opset);
      expect(model.graph.nodes.length).toBe(ref.nodes);
      let params = 0;
      for (const t of model.graph.initializers.values()) params += t.elements;
      expect(params).toBe(ref.onnx_params);
      const histogram: Record<string, number> = {};
      for (const n of model.graph.nodes) histogram[n.opType] = (histogram[n.opType] ?? 0) + 1;
      expect(histogram).toEqual(ref.op_counts);
      expect(model.producer.name).toBe('pytorch');
      const input = model.graph.inputs[0]!;
      expect(input.shape?.slice(1)).toEqual(ref.input_shape.slice(1));
      expect(typeof input.shape?.[0]).toBe(ref.dynamic_batch ? 'string' : 'number');
    });
  }

  it('keeps the values of small integer tensors and never the weights', () => {
    const model = decodeModelFile(modelPath('resnet18'));
    const weights = [...model.graph.initializers.values()].filter((t) => t.elements > 4096);
    expect(weights.length).toBeGreaterThan(10);
    for (const w of weights) expect(w.values).toBeUndefined();
    expect(model.weightBytes).toBe(REFERENCE.resnet18!.onnx_params * 4);
  });

  it('decodes plain and gzip bytes alike', () => {
    const a = decodeModelBytes(modelBytes('squeezenet1_1'));
    const b = decodeModelFile(modelPath('squeezenet1_1'));
    expect(a.graph.nodes.map((n) => n.name)).toEqual(b.graph.nodes.map((n) => n.name));
  });
});

describe('external data', () => {
  function modelWithExternal(location: string): Uint8Array {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', DataType.FLOAT, [1, 4]);
    b.externalInitializer('w', DataType.FLOAT, [1, 4], { location, length: 16 });
    b.output(b.node('Add', [x, 'w']));
    return b.encode();
  }

  it('loads without reading the data file, which need not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mec-ext-'));
    const path = join(dir, 'm.onnx');
    writeFileSync(path, modelWithExternal('weights.bin'));
    const model = decodeModelFile(path);
    const w = model.graph.initializers.get('w')!;
    expect(w.external).toEqual({ location: 'weights.bin', offset: 0, length: 16 });
    expect(model.weightBytes).toBe(16);
  });

  for (const [location, why] of [
    ['../secret.bin', "outside the model's folder"],
    ['sub/../../secret.bin', "outside the model's folder"],
    ['/etc/passwd', 'absolute path'],
    ['C:\\Windows\\win.ini', 'absolute path'],
  ] as const) {
    it(`refuses location '${location}'`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'mec-ext-'));
      const path = join(dir, 'm.onnx');
      writeFileSync(path, modelWithExternal(location));
      expect(() => decodeModelFile(path)).toThrow(ModelLoadError);
      expect(() => decodeModelFile(path)).toThrow(why);
      expect(() => decodeModelFile(path)).toThrow(path);
    });
  }

  it('refuses a symbolic link that leads outside the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mec-ext-'));
    mkdirSync(join(dir, 'model'));
    writeFileSync(join(dir, 'outside.bin'), Buffer.alloc(16));
    symlinkSync(join(dir, 'outside.bin'), join(dir, 'model', 'weights.bin'));
    const path = join(dir, 'model', 'm.onnx');
    writeFileSync(path, modelWithExternal('weights.bin'));
    expect(() => decodeModelFile(path)).toThrow(/through a link/);
  });
});
