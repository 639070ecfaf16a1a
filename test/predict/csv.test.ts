import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedKernelTypes } from '../../src/kernels/catalog.js';
import { kernelFromConfig } from '../../src/kernels/generate.js';
import type { KernelConfig } from '../../src/kernels/types.js';
import { closestColumn, parseKernelCsv, readKernelCsv, typeConfigColumns } from '../../src/predict/csv.js';
import { rowTarget, trainingTargets } from '../../src/predict/training-targets.js';
import { PredictorError, withArticle } from '../../src/predict/errors.js';
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
    expect(error('kernel_type,HW,CIN,energy_mj,latency_ms\nrelu,14,8,,\n').message).toMatch(
      /line 2, column 'energy_mj': neither energy_mj nor latency_ms has a value/,
    );
    expect(error('kernel_id,kernel_type,HW,CIN,energy_mj\na,relu,7,8,1\na,relu,7,8,2\n').message).toMatch(
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
    writeFileSync(file, '\ufeffkernel_type,HW,CIN,energy_mj\r\nrelu,7,8,0.5\r\n');
    expect(readKernelCsv(file).rows[0]).toMatchObject({
      type: 'relu',
      energyMj: 0.5,
      source: { file, line: 2 },
    });
  });

  it('refuses a misspelt target or configuration column, saying which known column it looks like', () => {
    const mj = error('kernel_type,HW,CIN,energy_mJ,latency_ms\nrelu,14,8,0.5,0.2\n');
    expect(mj.message).toMatch(
      /^k\.csv, line 1, column 'energy_mJ': unknown column; did you mean 'energy_mj'\? Columns are matched by exact, case-sensitive name/,
    );
    expect(mj.field).toBe('energy_mJ');
    expect(error('kernel_type,HW,CIN,energy_mj,laetncy_ms\nrelu,14,8,0.5,0.2\n').message).toMatch(
      /column 'laetncy_ms': unknown column; did you mean 'latency_ms'\?/,
    );
    expect(error('kernel_type,HW,CIN,Energy (mJ)\nrelu,14,8,0.5\n').message).toMatch(
      /missing required column: at least one of 'energy_mj' and 'latency_ms' \(did you mean 'Energy \(mJ\)'\?/,
    );
    expect(error('type,HW,CIN,energy_mj\nrelu,14,8,0.5\n').message).toMatch(
      /missing required column 'kernel_type' \(did you mean 'type'\?/,
    );
    const hw = error('kernel_type,HWW,CIN,energy_mj\nadd,14,8,0.5\nrelu,7,8,0.1\n');
    expect(hw.message).toMatch(
      /line 1, column 'HWW': unknown column; did you mean 'HW' \(needed by add, relu\)\?/,
    );
  });

  it('warns about other unknown columns, with the column they resemble', () => {
    const csv = parseKernelCsv(
      'kernel_type,HW,CIN,energy_mj,energy_mJ,note,temperature\nrelu,14,8,0.5,0.4,x,40\n',
      'w.csv',
    );
    expect(csv.unknownColumns).toEqual(['energy_mJ', 'note', 'temperature']);
    expect(csv.warnings).toEqual([
      "w.csv, line 1, column 'energy_mJ': unknown column, ignored (close to 'energy_mj', which the file also has)",
      "w.csv, line 1, column 'note': unknown column, ignored (did you mean 'notes'?)",
      "w.csv, line 1, column 'temperature': unknown column, ignored",
    ]);
    expect(readKernelCsv('data/deepen2023/kernels_cpu.csv').warnings).toEqual([]);
    // Like a configuration column none of the file's kernel types reads: a warning only.
    expect(parseKernelCsv('kernel_type,HW,CIN,size,energy_mj\nrelu,14,8,3,0.5\n', 'w.csv').warnings).toEqual([
      "w.csv, line 1, column 'size': unknown column, ignored (did you mean 'KERNEL_SIZE'?)",
    ]);
    // Like one a kernel type of the file reads although it is optional: an error, since it would change the kernel.
    expect(
      error('kernel_type,HW,CIN,KERNEL_SIZE,STRIDES,POOL_STRIDE,energy_mj\nmaxpool,14,8,3,1,2,0.5\n').message,
    ).toMatch(/column 'POOL_STRIDE': unknown column; did you mean 'POOL_STRIDES'\?/);
    expect(error('kernel_type,HW,CIN1,CIN2,CIN_3,energy_mj\nconcat,14,8,8,8,0.5\n').message).toMatch(
      /column 'CIN_3': unknown column; did you mean 'CIN3'\?/,
    );
  });

  it('matches near misses by case, separators, one or two typos, or containment, and not single letters', () => {
    expect(closestColumn('Energy MJ')).toBe('energy_mj');
    expect(closestColumn('kernel-type')).toBe('kernel_type');
    expect(closestColumn('HWW')).toBe('HW');
    expect(closestColumn('KERNELSIZE')).toBe('KERNEL_SIZE');
    expect(closestColumn('latency')).toBe('latency_ms');
    expect(closestColumn('X')).toBeUndefined();
    expect(closestColumn('temperature')).toBeUndefined();
    // An absent column is preferred over a present one at the same distance.
    expect(closestColumn('CIN5', undefined, new Set(['CIN']))).toBe('CIN1');
  });

  it('names a configuration column the file lacks and the kernel types that need it, at the header', () => {
    expect(error('kernel_type,CIN,energy_mj\nadd,8,0.5\nconv-bn-relu,8,0.5\n').message).toBe(
      "k.csv, line 1, column 'HW': missing columns 'HW' (needed by add, conv-bn-relu); 'COUT' (needed by conv-bn-relu); " +
        "'KERNEL_SIZE' (needed by conv-bn-relu); 'STRIDES' (needed by conv-bn-relu)",
    );
    expect(error('kernel_type,HW,CIN,KERNEL_SIZE,energy_mj\nmaxpool,14,8,3,0.5\n').message).toBe(
      "k.csv, line 1: missing column 'POOL_STRIDES' or 'STRIDES' (needed by maxpool)",
    );
    // Pooling takes STRIDES when POOL_STRIDES is absent; fc needs no HW.
    const csv = parseKernelCsv(
      'kernel_type,HW,CIN,COUT,KERNEL_SIZE,STRIDES,energy_mj\nmaxpool,14,8,,3,2,0.5\nfc,,64,10,,,0.1\n',
    );
    expect(csv.rows.map((r) => r.config)).toEqual([
      { HW: 14, CIN: 8, KERNEL_SIZE: 3, STRIDES: 2 },
      { CIN: 64, COUT: 10 },
    ]);
  });

  it('names the empty cell a row needs, with the right article', () => {
    expect(error('kernel_type,HW,CIN,energy_mj\nrelu,14,8,0.5\nadd,,8,0.5\n').message).toBe(
      "k.csv, line 3, column 'HW': empty, but an add kernel needs HW",
    );
    expect(error('kernel_type,HW,CIN,COUT,energy_mj\nfc,,64,,0.5\n').message).toBe(
      "k.csv, line 2, column 'COUT': empty, but an fc kernel needs COUT",
    );
    expect(withArticle('conv-bn-relu')).toBe('a conv-bn-relu');
    expect(withArticle('energy')).toBe('an energy');
    expect(withArticle('latency')).toBe('a latency');
  });

  it('reads empty or absent CIN1..CIN4 of a concat as 0 (an absent input)', () => {
    const csv = parseKernelCsv('kernel_type,HW,CIN1,CIN2,CIN3,energy_mj\nconcat,14,8,16,,0.5\n');
    expect(csv.rows[0]!.config).toEqual({ HW: 14, CIN1: 8, CIN2: 16, CIN3: 0, CIN4: 0 });
    expect(() => kernelFromConfig('concat', csv.rows[0]!.config)).not.toThrow();
  });

  it('requires per kernel type exactly the columns the kernel builder reads', () => {
    const rows = readKernelCsv('data/deepen2023/kernels_cpu.csv').rows;
    expect(typeConfigColumns('matmul')).toEqual([]);
    for (const type of generatedKernelTypes()) {
      const row = rows.find((r) => r.type === type)!;
      const groups = typeConfigColumns(type);
      const only = (keep: (column: string) => boolean): KernelConfig =>
        Object.fromEntries(Object.entries(row.config).filter(([c]) => keep(c)));
      const listed = new Set<string>(groups.flat());
      const concatZeros = type === 'concat' ? { CIN3: 0, CIN4: 0 } : {};
      // The listed columns suffice (concat's CIN3 and CIN4 read as 0 when absent)...
      expect(
        () => kernelFromConfig(type, { ...only((c) => listed.has(c)), ...concatZeros }),
        type,
      ).not.toThrow();
      // ...and each is needed.
      for (const group of groups) {
        const dropped = new Set<string>(group);
        const without = only((c) => listed.has(c) && !dropped.has(c));
        expect(
          () => kernelFromConfig(type, { ...without, ...concatZeros }),
          `${type} without ${group.join('/')}`,
        ).toThrow();
      }
    }
  });

  it('chooses the targets to train and says why one is left out', () => {
    const header = parseKernelCsv('kernel_type,HW,CIN,energy_mj,latency_ms\n', 'h.csv');
    expect(() => trainingTargets(header)).toThrow(
      /^h\.csv: no kernel rows to train on: the file has a header but no data rows$/,
    );
    const latencyOnly = parseKernelCsv('kernel_type,HW,CIN,latency_ms\nrelu,14,8,0.2\n', 'l.csv');
    expect(trainingTargets(latencyOnly)).toEqual({
      targets: ['latency'],
      leftOut: { latency: [] },
      untrained: { energy: "the file has no 'energy_mj' column" },
      warnings: ["l.csv: the file has no 'energy_mj' column, so the bundle predicts latency only"],
    });
    expect(() => trainingTargets(latencyOnly, 'energy')).toThrow(
      "l.csv, line 1, column 'energy_mj': cannot train an energy predictor: the file has no 'energy_mj' column; " +
        "the file's measurement columns are 'latency_ms'",
    );
    const partly = parseKernelCsv(
      'kernel_type,HW,CIN,energy_mj,latency_ms\nrelu,14,8,0.5,0.2\nrelu,7,8,,0.1\nrelu,28,8,,0.3\n',
      'p.csv',
    );
    expect(trainingTargets(partly).targets).toEqual(['latency']);
    expect(trainingTargets(partly).warnings).toEqual([
      "p.csv: 'energy_mj' is empty on 2 of 3 rows (lines 3, 4), and the 1 row with a value is too few to train on " +
        '(at least 3 are needed), so the bundle predicts latency only; ' +
        'give those rows an energy value or delete them to train energy too',
    ]);
    expect(() => trainingTargets(partly, 'both')).toThrow(
      /^p\.csv, line 3, column 'energy_mj': cannot train an energy predictor: 'energy_mj' is empty on 2 of 3 rows/,
    );
    expect(trainingTargets(partly, 'latency')).toEqual({
      targets: ['latency'],
      leftOut: { latency: [] },
      untrained: { energy: 'not requested (--target latency)' },
      warnings: [],
    });
    const mixed = parseKernelCsv(
      'kernel_type,HW,CIN,energy_mj,latency_ms\nrelu,14,8,0.5,\nrelu,7,8,,0.1\n',
      'm.csv',
    );
    expect(() => trainingTargets(mixed)).toThrow(
      "m.csv: no target can be trained: 'energy_mj' is empty on 1 of 2 rows (line 3), and the 1 row with a value " +
        "is too few to train on (at least 2 are needed); 'latency_ms' is empty on 1 of 2 rows (line 2), and the 1 row " +
        'with a value is too few to train on (at least 2 are needed); complete those rows or delete them',
    );
  });
});

describe('kernel CSV line endings and binary files', () => {
  const tmp = tempDir('csv-bytes');
  afterAll(tmp.cleanup);

  it('reads a CRLF file with one LF row appended as separate rows', () => {
    const rows = [
      'a1,add,56,24,,,,,,,,,"[[56,56,24]]",0.01,0.01,1000',
      'a2,add,28,24,,,,,,,,,"[[28,28,24]]",0.005,0.005,1000',
    ];
    const text = `${HEADER}\r\n${rows[0]}\r\n${rows[1]}\n`;
    expect(parseKernelCsv(text, 'mixed.csv').rows.map((r) => r.id)).toEqual(['a1', 'a2']);
  });

  it('says a binary file (a model given as --data) is not a CSV, without echoing its bytes', () => {
    const file = join(tmp.dir, 'model.onnx');
    writeFileSync(file, Buffer.from([0x08, 0x07, 0x12, 0x07, 0x70, 0x79, 0x00, 0xff, 0xfe, 0x01]));
    expect(() => readKernelCsv(file)).toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a CSV file: it holds binary data`),
    );
    try {
      readKernelCsv(file);
    } catch (e) {
      // eslint-disable-next-line no-control-regex
      expect((e as Error).message).not.toMatch(/[\u0000-\u0008\ufffd]/);
    }
  });
});
