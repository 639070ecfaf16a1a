import { describe, expect, it } from 'vitest';
import { SharedParts } from '../../src/kernels/shared-parts.js';

describe('SharedParts', () => {
  it('gives records of equal content one object, whether last seen or seen earlier', () => {
    const parts = new SharedParts();
    const first = parts.record('conv', 'config', { HW: 8, CIN: 3 });
    expect(parts.record('conv', 'config', { HW: 8, CIN: 3 })).toBe(first);
    const other = parts.record('conv', 'config', { HW: 4, CIN: 3 });
    expect(other).not.toBe(first);
    // Not the last one for its type any more: found by content.
    expect(parts.record('conv', 'config', { HW: 8, CIN: 3 })).toBe(first);
    expect(parts.record('pool', 'config', { HW: 8, CIN: 3 })).toBe(first);
  });

  it('keeps apart records that differ in key order, in a key set to undefined, or in the sign of 0', () => {
    const parts = new SharedParts();
    const ab = parts.record('conv', 'config', { HW: 1, CIN: 2 });
    expect(parts.record('conv', 'config', { CIN: 2, HW: 1 })).not.toBe(ab);
    const some = parts.record('conv', 'config', { HW: 1 });
    expect(parts.record('conv', 'config', { HW: 1, CIN: undefined })).not.toBe(some);
    const zero = parts.record('conv', 'config', { HW: 0 });
    expect(parts.record('conv', 'config', { HW: -0 })).not.toBe(zero);
    expect(parts.record('conv', 'variant', { HW: 0 })).not.toBe(zero);
  });

  it('shares lists of op types and of shapes by content', () => {
    const parts = new SharedParts();
    const nodes = (...ops: string[]) => ops.map((opType) => ({ opType }));
    const ops = parts.opTypes('conv', nodes('Conv', 'Relu'));
    expect(ops).toEqual(['Conv', 'Relu']);
    expect(parts.opTypes('conv', nodes('Conv', 'Relu'))).toBe(ops);
    expect(parts.opTypes('add', nodes('Conv', 'Relu'))).toBe(ops);
    expect(parts.opTypes('conv', nodes('Conv'))).not.toBe(ops);
    expect(parts.opTypes('conv', nodes('Conv', 'Clip'))).toEqual(['Conv', 'Clip']);
    const shapes = parts.shapes('conv', 'inputShapes', [[1, 8], [2]]);
    expect(parts.shapes('conv', 'inputShapes', [[1, 8], [2]])).toBe(shapes);
    expect(parts.shapes('conv', 'inputShapes', [[1], [8, 2]])).not.toBe(shapes);
    expect(parts.shapes('conv', 'outputShapes', [[1, 8], [2]])).not.toBe(shapes);
    expect(parts.shapes('conv', 'inputShapes', [])).not.toBe(parts.shapes('conv', 'inputShapes', [[]]));
  });
});
