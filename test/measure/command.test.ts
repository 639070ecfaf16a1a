import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatProgress, runMeasure, type MeasureProgress } from '../../src/measure/index.js';
import { fakePowercap, tempDir } from './helpers.js';

describe('runMeasure (what `model-energy measure` calls)', () => {
  it('samples, opens the meter, measures and closes; a counter that does not move gives no energy, never zero', async () => {
    const { dir, cleanup } = tempDir('command-');
    try {
      const powercap = join(dir, 'powercap');
      fakePowercap(powercap, { pkg: 1000, dram: 10 });
      const lines: string[] = [];
      const described: string[] = [];
      const result = await runMeasure({
        kernels: ['relu'],
        samples: 2,
        seed: 5,
        ranges: { relu: { HW: { kind: 'choice', values: [4] }, CIN: { kind: 'int', min: 2, max: 8 } } },
        meter: 'rapl',
        meterEnv: { powercapRoot: powercap },
        out: join(dir, 'out', 'kernels.csv'),
        warmupRuns: 1,
        repetitions: 5,
        minBlockMs: 5,
        onMeter: (d) => described.push(d),
        onProgress: (p: MeasureProgress) => lines.push(formatProgress(p)),
      });
      expect(described).toEqual([expect.stringMatching(/^rapl:package-0\+package-0\/dram \(energy-counter/)]);
      expect(result.shortfalls).toEqual([]);
      expect(result.rows).toHaveLength(2);
      const rows = parse<Record<string, string>>(readFileSync(join(dir, 'out', 'kernels.csv'), 'utf8'), {
        columns: true,
      });
      for (const row of rows) {
        expect(row).toMatchObject({
          meter: 'rapl:package-0+package-0/dram',
          energy_mj: '',
          power_mw: '',
          idle_power_mw: '0',
        });
        expect(row.notes, `latency CV ${row.latency_cv}`).toMatch(
          "net energy 0.00 mJ per run is not above the idle baseline: below the meter's resolution",
        );
      }
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(
        /^\[2\/2\] relu [0-9A-Z]{10} [\d.e-]+ ms no energy \| [\d.]+\/min, 0 s left \| net energy 0\.00 mJ/,
      );
    } finally {
      cleanup();
    }
  });
});
