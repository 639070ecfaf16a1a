import { describe, expect, it } from 'vitest';
import { MeterError, openMeter, parseMeterSpec } from '../../src/measure/meters/index.js';
import { fakePowercap, tempDir } from './helpers.js';

describe('parseMeterSpec', () => {
  it('reads the --meter forms', () => {
    expect(parseMeterSpec('none')).toEqual({ kind: 'none' });
    expect(parseMeterSpec('rapl')).toEqual({ kind: 'rapl' });
    expect(parseMeterSpec('rapl:package-0, dram')).toEqual({ kind: 'rapl', zones: ['package-0', 'dram'] });
    expect(parseMeterSpec('nvidia')).toEqual({ kind: 'nvidia' });
    expect(parseMeterSpec('nvidia:1:power')).toEqual({ kind: 'nvidia', gpu: '1', mode: 'power' });
    expect(parseMeterSpec('jetson:VDD_IN')).toEqual({ kind: 'jetson', rails: ['VDD_IN'] });
    expect(parseMeterSpec('external-csv:/data/monsoon:run1.csv')).toEqual({
      kind: 'external-csv',
      path: '/data/monsoon:run1.csv',
    });
    expect(parseMeterSpec('csv:m.csv')).toEqual({ kind: 'external-csv', path: 'm.csv' });
  });

  it('refuses what it does not know, as a MeterError', () => {
    expect(() => parseMeterSpec('monsoon')).toThrow(MeterError);
    expect(() => parseMeterSpec('monsoon')).toThrow(
      /unknown meter; one of none, rapl, nvidia, jetson, external-csv/,
    );
    expect(() => parseMeterSpec('nvidia:0:fast')).toThrow(/nvidia mode must be auto, energy or power/);
    expect(() => parseMeterSpec('external-csv')).toThrow(/give the monitor CSV/);
    expect(() => parseMeterSpec('none:x')).toThrow(/takes no argument/);
  });
});

describe('openMeter', () => {
  it('opens meters from their spec with the roots of the environment', async () => {
    const { dir, cleanup } = tempDir('open-');
    try {
      fakePowercap(dir, { pkg: 1, dram: 2 });
      const rapl = await openMeter('rapl:psys', { powercapRoot: dir });
      expect(rapl.info.label).toBe('rapl:psys');
      expect(rapl.describe()).toMatch(/^rapl:psys \(energy-counter; channels: psys\); RAPL energy/);
      const none = await openMeter({ kind: 'none' });
      expect(none.info).toMatchObject({ label: 'none', measuresEnergy: false });
      const reading = await none.stop(await none.start());
      expect(reading.energyJ).toBeUndefined();
      await expect(openMeter('jetson', { sysfsRoot: dir })).rejects.toThrow(/no INA3221 power rails found/);
    } finally {
      cleanup();
    }
  });
});

describe('the windows every meter keeps (WindowMeter)', () => {
  it('times a window of the none meter and rejects a mark stopped twice, naming the meter', async () => {
    const meter = await openMeter(parseMeterSpec('none'));
    expect(meter.describe()).toBe('none (none); latency only: no energy is measured or written');
    const mark = await meter.start();
    const reading = await meter.stop(mark);
    expect(reading.energyJ).toBeUndefined();
    expect(reading.endMs).toBeGreaterThanOrEqual(reading.startMs);
    await expect(meter.stop(mark)).rejects.toThrow(/^none: mark \d+: not an open window/);
    await meter.close();
  });
});
