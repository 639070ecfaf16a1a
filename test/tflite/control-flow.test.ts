import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analysis/analyze.js';
import { buildTflite, enumNumber, type Obj } from './builder.js';

const FC_MACS = 16 * 16;

function opcode(name: string): Obj {
  const code = enumNumber('BuiltinOperator', name);
  return { builtin_code: code, deprecated_builtin_code: Math.min(code, 127), version: 1 };
}

/** A branch of `fcs` FULLY_CONNECTED ops, [1, 16] -> [1, 16], sharing one [16, 16] weight in `buffer`. */
function fcBranch(fcs: number, buffer: number): Obj {
  const tensors = [
    { shape: [1, 16], type: 'FLOAT32', name: 'in' },
    { shape: [16, 16], type: 'FLOAT32', buffer, name: 'w' },
    ...Array.from({ length: fcs }, (_, i) => ({ shape: [1, 16], type: 'FLOAT32', name: `fc${i}` })),
  ];
  const operators = Array.from({ length: fcs }, (_, i) => ({
    opcode_index: 1,
    inputs: [i === 0 ? 0 : i + 1, 1, -1],
    outputs: [i + 2],
  }));
  return { tensors, inputs: [0], outputs: [fcs + 1], operators };
}

/**
 * x -> IF(cond) { then: one FC; else: two FCs } -> y. `cond` is a constant bool (a buffer holding it)
 * or a model input.
 */
function ifModel(cond: boolean | 'input'): Uint8Array {
  const condition = { shape: [], type: 'BOOL', name: 'cond', ...(cond === 'input' ? {} : { buffer: 1 }) };
  const weight = Array.from({ length: 16 * 16 * 4 }, () => 0);
  return buildTflite({
    version: 3,
    operator_codes: [opcode('IF'), opcode('FULLY_CONNECTED')],
    subgraphs: [
      {
        name: 'main',
        tensors: [
          { shape: [1, 16], type: 'FLOAT32', name: 'x' },
          condition,
          { shape: [1, 16], type: 'FLOAT32', name: 'y' },
        ],
        inputs: cond === 'input' ? [0, 1] : [0],
        outputs: [2],
        operators: [
          {
            opcode_index: 0,
            inputs: [1, 0],
            outputs: [2],
            builtin_options: { type: 'IfOptions', value: { then_subgraph_index: 1, else_subgraph_index: 2 } },
          },
        ],
      },
      { name: 'then', ...fcBranch(1, 2) },
      { name: 'else', ...fcBranch(2, 3) },
    ],
    buffers: [{}, { data: [cond === true ? 1 : 0] }, { data: weight }, { data: weight }],
  });
}

describe('TFLite IF: the branch that runs is counted', () => {
  it('a constant condition selects its branch, even the smaller one, with a note', async () => {
    const a = await analyzeBytes(ifModel(true), 'if.tflite');
    expect(a.totals.macs).toBe(FC_MACS);
    expect(a.warnings).toContain(
      'IF operator 0: its condition is the constant true; the then branch (subgraph 1, 1 ops) is counted',
    );
    const b = await analyzeBytes(ifModel(false), 'if.tflite');
    expect(b.totals.macs).toBe(2 * FC_MACS);
    expect(b.warnings).toContain(
      'IF operator 0: its condition is the constant false; the else branch (subgraph 2, 2 ops) is counted',
    );
  });

  it('a condition known only at run time gets the larger branch, with a note', async () => {
    const a = await analyzeBytes(ifModel('input'), 'if.tflite');
    expect(a.totals.macs).toBe(2 * FC_MACS);
    expect(a.warnings).toContain(
      'IF operator 0: its condition is known only when the model runs; the larger branch (subgraph 2, 2 ops) is counted',
    );
  });
});
