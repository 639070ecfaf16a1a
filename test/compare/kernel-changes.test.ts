import { describe, expect, it } from 'vitest';
import { kernelChanges } from '../../src/compare/compare.js';
import { prediction } from './prediction.js';

describe('top kernel changes', () => {
  it('matches kernels by name, largest change first', () => {
    const base = prediction([
      ['a', 'conv-bn-relu', 5],
      ['b', 'add', 1],
    ]);
    const head = prediction([
      ['a', 'conv-bn-relu', 7],
      ['b', 'add', 0.5],
    ]);
    expect(kernelChanges(base, head)).toEqual([
      { name: 'a', type: 'conv-bn-relu', baseMj: 5, headMj: 7, deltaMj: 2 },
      { name: 'b', type: 'add', baseMj: 1, headMj: 0.5, deltaMj: -0.5 },
    ]);
  });

  it('pairs renamed kernels by position when their types line up one for one, naming both', () => {
    const base = prediction([
      ['Conv_0', 'conv-bn-relu', 5],
      ['Add_1', 'add', 1],
    ]);
    const head = prediction([
      ['/stem/Conv', 'conv-bn-relu', 6],
      ['/block/Add', 'add', 1],
    ]);
    expect(kernelChanges(base, head)).toEqual([
      { name: '/stem/Conv', baseName: 'Conv_0', type: 'conv-bn-relu', baseMj: 5, headMj: 6, deltaMj: 1 },
    ]);
  });

  it('lists kernels as removed and new when the unmatched ones are a different architecture', () => {
    const base = prediction([
      ['/features.18/Conv', 'conv-bn-relu', 4.9],
      ['/features.17/Conv', 'conv-bn-relu', 3.9],
    ]);
    const head = prediction([
      ['/features.8/Conv', 'conv-bn-relu', 4.9],
      ['/se/GlobalAveragePool', 'se', 3.5],
    ]);
    const changes = kernelChanges(base, head);
    expect(changes.map((c) => [c.name, c.baseMj, c.headMj])).toEqual([
      ['/features.18/Conv', 4.9, undefined],
      ['/features.8/Conv', undefined, 4.9],
      ['/features.17/Conv', 3.9, undefined],
      ['/se/GlobalAveragePool', undefined, 3.5],
    ]);
    expect(changes.some((c) => c.baseName !== undefined)).toBe(false);
  });
});
