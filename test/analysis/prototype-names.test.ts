import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
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
