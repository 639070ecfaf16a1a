import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { decodeModelBytes } from '../../src/onnx/decode.js';
import { indexGraph } from '../../src/onnx/graph.js';
import { resolveShapesAtRuntime } from '../../src/onnx/runtime-shapes.js';
import { inferShapes } from '../../src/onnx/shapes.js';
import { DataType, ModelLoadError } from '../../src/onnx/types.js';

/** Conv -> `com.acme:<op>` -> Relu, with no value_info for the custom op's outputs. */
function convCustomRelu(op: string, outputs = 1): { bytes: Uint8Array; relu: string } {
  const b = new ModelBuilder({ opset: 13, opsets: { 'com.acme': 1 } });
  const x = b.input('x', DataType.FLOAT, [1, 3, 56, 56]);
  const conv = b.node(
    'Conv',
    [x, b.weight('w', [64, 3, 3, 3])],
    { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
    {
      name: 'conv',
      outputNames: ['conv_out'],
    },
  );
  const outs = b.nodeOutputs(
    op,
    [conv],
    {},
    {
      domain: 'com.acme',
      name: 'fancy',
      outputNames: Array.from({ length: outputs }, (_, i) => `fancy_out${i}`),
    },
  );
  const relu = b.node('Relu', [outs[0]!], {}, { name: 'relu', outputNames: ['relu_out'] });
  b.output(relu);
  for (const extra of outs.slice(1)) b.output(extra);
  return { bytes: b.encode(), relu };
}

describe('ops without a shape rule that onnxruntime cannot load', () => {
  it('assume a single-input single-output custom op keeps its input shape, and say so', async () => {
    const { bytes, relu } = convCustomRelu('FancyOp');
    const a = await analyzeBytes(bytes, 'custom_op.onnx');
    const note = a.warnings.find((w) => w.startsWith('com.acme:FancyOp'));
    expect(note).toBe(
      "com.acme:FancyOp node 'fancy': output 'fancy_out0' shape unknown; assumed equal to its input 'conv_out' [1,64,56,56]; declare value_info for 'fancy_out0' to override",
    );
    expect(a.warnings.join('\n')).toMatch(/onnxruntime could not load the model \(.*FancyOp/);
    expect(a.shapesDecidedBy).toBe('static');
    const fancy = a.kernels.find((k) => k.nodes.includes('fancy'));
    expect(fancy?.inputShapes).toEqual([[1, 64, 56, 56]]);
    expect(fancy?.outputShapes).toEqual([[1, 64, 56, 56]]);
    const downstream = a.kernels.find((k) => k.nodes.includes('relu'));
    expect(downstream?.outputShapes).toEqual([[1, 64, 56, 56]]);

    const model = decodeModelBytes(bytes, { path: 'custom_op.onnx' });
    const shapes = await resolveShapesAtRuntime(
      model,
      bytes,
      inferShapes(model, indexGraph(model.graph, '')),
    );
    expect(shapes.unresolved).toEqual([]);
    expect(shapes.shapes.get('fancy_out0')).toMatchObject({ shape: [1, 64, 56, 56], source: 'assumed' });
    expect(shapes.shapes.get(relu)).toMatchObject({ shape: [1, 64, 56, 56], source: 'static' });
  });

  it('assume nothing where the output shape is declared', () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.acme': 1 } });
    const x = b.input('x', DataType.FLOAT, [1, 8]);
    const y = b.node('Pool2', [x], {}, { domain: 'com.acme', name: 'pool2', outputNames: ['y'] });
    b.output(y, DataType.FLOAT, [1, 4]);
    const model = decodeModelBytes(b.encode());
    const r = inferShapes(model, indexGraph(model.graph, ''));
    expect(r.unresolved).toEqual([]);
    expect(r.assumingPassThrough).toBeUndefined();
    expect(r.shapes.get(y)).toMatchObject({ shape: [1, 4], source: 'declared' });
  });

  it('chain assumptions through several unknown ops, weights not counted as activation inputs', () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.acme': 1 } });
    const x = b.input('x', DataType.FLOAT, [2, 16]);
    const a = b.node('Scale', [x, b.weight('s', [16])], {}, { domain: 'com.acme', name: 'scale' });
    const c = b.node('MysteryOp', [a], {}, { name: 'mystery' });
    b.output(b.node('Relu', [c]));
    const model = decodeModelBytes(b.encode());
    const r = inferShapes(model, indexGraph(model.graph, ''));
    expect(r.undecided?.map((n) => n.op)).toEqual(['com.acme:Scale', 'MysteryOp']);
    const assumed = r.assumingPassThrough;
    expect(assumed?.unresolved).toEqual([]);
    expect(assumed?.shapes.get(c)).toMatchObject({ shape: [2, 16], source: 'assumed' });
    expect(assumed?.warnings.join('\n')).toMatch(/^MysteryOp node 'mystery': output '.*' shape unknown/m);
  });

  it('fail on a two-output custom op, naming the node, the op, the values and the fix', async () => {
    const { bytes } = convCustomRelu('SplitTwo', 2);
    const error = await analyzeBytes(bytes, 'split.onnx').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelLoadError);
    const message = (error as Error).message;
    expect(message).toMatch(/^split\.onnx: cannot decide the shapes of com\.acme:SplitTwo node 'fancy'/);
    expect(message).toContain("outputs 'fancy_out0', 'fancy_out1'");
    expect(message).toContain('2 outputs');
    expect(message).toMatch(/onnxruntime could not load the model \(.*SplitTwo/);
    expect(message).toContain(
      "Declare the shapes of 'fancy_out0', 'fancy_out1' in the model's graph value_info",
    );
    // The Relu downstream is implied by the node; it is not named as a cause.
    expect(message).not.toContain('relu_out');
  });

  it('fail on a custom op with two activation inputs', async () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.acme': 1 } });
    const x = b.input('x', DataType.FLOAT, [1, 8]);
    const y = b.input('y', DataType.FLOAT, [1, 8]);
    b.output(b.node('Mix', [x, y], {}, { domain: 'com.acme', name: 'mix', outputNames: ['m'] }));
    await expect(analyzeBytes(b.encode(), 'mix.onnx')).rejects.toThrow(
      /cannot decide the shapes of com\.acme:Mix node 'mix' \(output 'm': no shape rule and 2 activation inputs/,
    );
  });

  it('assume, without failing, when the runtime fallback is skipped for external data', async () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.acme': 1 } });
    const x = b.input('x', DataType.FLOAT, [1, 4]);
    const w = b.externalInitializer('w', DataType.FLOAT, [1, 4], { location: 'w.bin', length: 16 });
    const y = b.node('FancyOp', [b.node('Add', [x, w])], {}, { domain: 'com.acme', name: 'fancy' });
    const two = b.nodeOutputs('SplitTwo', [y], {}, { domain: 'com.acme', name: 'split', outputs: 2 });
    for (const o of two) b.output(o);
    const bytes = b.encode();
    const model = decodeModelBytes(bytes);
    const r = await resolveShapesAtRuntime(model, bytes, inferShapes(model, indexGraph(model.graph, '')));
    expect(r.shapes.get(y)).toMatchObject({ shape: [1, 4], source: 'assumed' });
    expect(r.unresolved).toEqual(two);
    expect(r.warnings).toContain('runtime shape fallback skipped: the model has external data');
  });
});
