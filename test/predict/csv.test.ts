import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseKernelCsv, readKernelCsv, rowTarget } from '../../src/predict/csv.js';
import { PredictorError } from '../../src/predict/errors.js';
import { tempDir } from './helpers.js';

const HEADER =
  'kernel_id,kernel_type,HW,CIN,COUT,KERNEL_SIZE,STRIDES,POOL_STRIDES,CIN1,CIN2,CIN3,CIN4,input_shapes,energy_mj,latency_ms,power_mw';

function error(text: string, file = 'k.csv'): PredictorError {
  try {
    parseKernelCsv(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(PredictorError);
    return e as PredictorError;
  }
  throw new Error('expected a PredictorError');
}

describe('kernel CSV', () => {
  const tmp = tempDir('csv');
  afterAll(tmp.cleanup);

  it('reads the DeepEn2023 kernel file as published', () => {
    const csv = readKernelCsv('data/deepen2023/kernels_cpu.csv');
    expect(csv.rows).toHaveLength(714);
    expect(csv.unknownColumns).toEqual([]);
    const counts = new Map<string, number>();
    for (const row of csv.rows) counts.set(row.type, (counts.get(row.type) ?? 0) + 1);
    expect(counts.get('conv-bn-relu')).toBe(350);
    expect(counts.get('dwconv-bn-relu')).toBe(59);
    expect(counts.get('concat')).toBe(80);
    expect(counts.size).toBe(16);
    const conv = csv.rows.find((r) => r.id === '0483XL')!;
    expect(conv).toMatchObject({
      type: 'conv-bn-relu',
      config: { HW: 14, CIN: 1152, COUT: 192, KERNEL_SIZE: 1, STRIDES: 1 },
      inputShapes: [[14, 14, 1152]],
      energyMj: 5.549,
      latencyMs: 3.188,
      source: { file: 'data/deepen2023/kernels_cpu.csv', line: 228 },
    });
    const concat = csv.rows.find((r) => r.id === '19OHX4')!;
    expect(concat.config).toEqual({ HW: 56, CIN1: 104, CIN2: 76, CIN3: 0, CIN4: 0 });
    const fc = csv.rows.find((r) => r.type === 'fc')!;
    expect(fc.config.HW).toBeUndefined();
  });

  it('reads the measurement columns of `measure` and latency-only rows of meter none', () => {
    const csv = parseKernelCsv(
      [
        'kernel_type,HW,CIN,COUT,KERNEL_SIZE,STRIDES,energy_mj,latency_ms,meter,device,threads,repetitions,latency_spread_ms,energy_spread_mj,note',
        'conv-bn-relu,28,16,32,3,1,,0.52,none,ci-runner,4,50,0.03,,hello',
      ].join('\n'),
      'm.csv',
    );
    expect(csv.unknownColumns).toEqual(['note']);
    expect(csv.rows[0]).toMatchObject({
      id: 'line2',
      latencyMs: 0.52,
      meter: 'none',
      device: 'ci-runner',
      threads: 4,
      repetitions: 50,
      latencySpreadMs: 0.03,
    });
    expect(csv.rows[0]!.energyMj).toBeUndefined();
    expect(rowTarget(csv.rows[0]!, 'latency')).toBe(0.52);
    expect(() => rowTarget(csv.rows[0]!, 'energy')).toThrow(
      /m\.csv, line 2, column 'energy_mj': no energy_mj value/,
    );
  });

  it('names file, line and column of a bad number', () => {
    const e = error(`${HEADER}\na,conv-bn-relu,14,x16,32,3,1,,,,,,,1.0,0.5,2000\n`);
    expect(e.message).toBe("k.csv, line 2, column 'CIN': 'x16' is not a number");
    expect([e.file, e.line, e.field]).toEqual(['k.csv', 2, 'CIN']);
  });

  it('rejects negative energy, fractional sizes and unknown kernel types', () => {
    expect(error(`${HEADER}\na,relu,14,16,,,,,,,,,,-1,0.5,2000\n`).message).toBe(
      "k.csv, line 2, column 'energy_mj': -1 is negative",
    );
    expect(error(`${HEADER}\na,relu,14.5,16,,,,,,,,,,1,0.5,2000\n`).message).toMatch(
      /column 'HW': 14.5 is not an integer/,
    );
    expect(
      error(`${HEADER}\na,relu,14,16,,,,,,,,,,1,0.5,2000\nb,conv-bn-elu,14,16,,,,,,,,,,1,0.5,2000\n`).message,
    ).toBe("k.csv, line 3, column 'kernel_type': unknown kernel type 'conv-bn-elu'");
    expect(error(`${HEADER}\na,relu,0,16,,,,,,,,,,1,0.5,2000\n`).message).toMatch(
      /column 'HW': must be at least 1/,
    );
  });

  it('rejects missing required columns, empty measurements and duplicate ids', () => {
    expect(error('kernel_id,HW,energy_mj\na,14,1\n').message).toBe(
      "k.csv, line 1, column 'kernel_type': missing required column 'kernel_type'",
    );
    expect(error('kernel_type,HW,power_mw\nrelu,14,1\n').message).toMatch(
      /missing required column: at least one of 'energy_mj' and 'latency_ms'/,
    );
    expect(error('kernel_type,HW,energy_mj,latency_ms\nrelu,14,,\n').message).toMatch(
      /line 2, column 'energy_mj': neither energy_mj nor latency_ms has a value/,
    );
    expect(error('kernel_id,kernel_type,energy_mj\na,relu,1\na,relu,2\n').message).toMatch(
      /line 3, column 'kernel_id': kernel_id 'a' already used on line 2/,
    );
    expect(error('').message).toMatch(/the file is empty/);
  });

  it('rejects bad input shapes and malformed CSV with the line', () => {
    expect(error(`${HEADER}\na,relu,14,16,,,,,,,,,"[[14,14]",1,0.5,2000\n`).message).toMatch(
      /line 2, column 'input_shapes': '\[\[14,14\]' is not JSON/,
    );
    const ragged = error('kernel_type,energy_mj\nrelu,1\nrelu,1,3\n');
    expect(ragged.message).toMatch(/^k\.csv, line 3: not a valid CSV file/);
  });

  it('reports an unreadable file by name', () => {
    const missing = join(tmp.dir, 'nope.csv');
    expect(() => readKernelCsv(missing)).toThrow(PredictorError);
    expect(() => readKernelCsv(missing)).toThrow(/nope\.csv: cannot read the kernel CSV/);
    const file = join(tmp.dir, 'ok.csv');
    writeFileSync(file, '\ufeffkernel_type,energy_mj\r\nrelu,0.5\r\n');
    expect(readKernelCsv(file).rows[0]).toMatchObject({
      type: 'relu',
      energyMj: 0.5,
      source: { file, line: 2 },
    });
  });
});
