import { describe, expect, it } from 'vitest';
import { analyzeBytes, unusedDims } from '../../src/analysis/analyze.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';

// Names from a file that are also members of Object.prototype: tables keyed by op type must not find
// those members (a node of op type 'constructor' crashed the analysis with an internal error).
const NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];

describe('op types named like members of Object.prototype', () => {
  it('are unknown ops: analysed as others kernels with a warning, in the default domain and as values', async () => {
    const b = new ModelBuilder({ opset: 13 });
    let x = b.input('x', DataType.FLOAT, [1, 4]);
    for (const op of NAMES) x = b.node(op, [x]);
    // A value named like one too, read by a known op.
    x = b.node('Relu', [x], {}, { outputNames: ['constructor'] });
    b.output(x);
    const a = await analyzeBytes(b.encode(), 'names.onnx', { runtimeFallback: false });
    expect(a.kernels.filter((k) => k.type === 'others').map((k) => k.opTypes[0])).toEqual(NAMES);
    for (const k of a.kernels) {
      expect(Number.isFinite(k.flops)).toBe(true);
      expect(Number.isFinite(k.bytes)).toBe(true);
    }
    expect(a.folded).toEqual([]);
    for (const op of NAMES) expect(a.warnings.join('\n')).toContain(`type '${op}' ${'has no cost rule'}`);
  });
});

describe('symbolic dims named like members of Object.prototype', () => {
  const model = (dim: string): Uint8Array => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', DataType.FLOAT, [dim, 4, 8, 8]);
    b.output(b.node('Relu', [b.node('Conv', [x, b.weight('w', [4, 4, 3, 3])], { pads: [1, 1, 1, 1] })]));
    return b.encode();
  };

  it('are bound to 1 by default and to a --dim value when given (the analysis failed with a function as a dim)', async () => {
    for (const dim of NAMES) {
      const a = await analyzeBytes(model(dim), 'dims.onnx', { runtimeFallback: false });
      expect(a.boundDims).toEqual({ [dim]: 1 });
      expect(a.kernels[0]!.outputShapes).toEqual([[1, 4, 8, 8]]);
      const given = await analyzeBytes(model(dim), 'dims.onnx', {
        runtimeFallback: false,
        dims: { [dim]: 3 },
      });
      expect(given.kernels[0]!.outputShapes).toEqual([[3, 4, 8, 8]]);
    }
  });

  it('given with --dim to a model without them are unused', () => {
    for (const dim of NAMES) {
      const dims = Object.fromEntries([[dim, 2]]) as Record<string, number>;
      expect(unusedDims(dims, { boundDims: {} }).unused).toEqual([dim]);
    }
  });
});

describe('a graph input named __proto__', () => {
  it('is fed to onnxruntime when the shapes are decided there', async () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('__proto__', DataType.FLOAT, [2, 3]);
    // NonZero's output shape depends on the data: only running the model decides it.
    b.output(b.node('NonZero', [x]), DataType.INT64);
    const a = await analyzeBytes(b.encode(), 'proto-input.onnx');
    expect(a.shapesDecidedBy).toBe('runtime');
    expect(a.kernels.map((k) => k.outputShapes[0])).toEqual([[2, 0]]);
  });
});
