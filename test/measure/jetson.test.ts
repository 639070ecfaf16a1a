import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverJetsonRails, openJetsonMeter } from '../../src/measure/meters/jetson.js';
import type { EnergyMeter } from '../../src/measure/meters/types.js';
import { steppingClock, tempDir, writeTree } from './helpers.js';

let root: string;
let cleanup: () => void;
const meters: EnergyMeter[] = [];
beforeEach(() => {
  ({ dir: root, cleanup } = tempDir('jetson-'));
});
afterEach(async () => {
  for (const m of meters.splice(0)) await m.close();
  cleanup();
});

/** JetPack 4 (Nano): IIO ina3221x with power files in mW and rail names. */
function nanoTree(): string {
  const dev = 'bus/i2c/drivers/ina3221x/6-0040/iio:device0';
  writeTree(root, {
    [`${dev}/rail_name_0`]: 'POM_5V_IN',
    [`${dev}/in_power0_input`]: 4000,
    [`${dev}/in_current0_input`]: 800,
    [`${dev}/in_voltage0_input`]: 5000,
    [`${dev}/rail_name_1`]: 'POM_5V_GPU',
    [`${dev}/in_power1_input`]: 500,
    [`${dev}/rail_name_2`]: 'POM_5V_CPU',
    [`${dev}/in_power2_input`]: 1500,
  });
  return join(root, dev);
}

/** JetPack 5 (Orin NX): hwmon ina3221 with bus voltage (mV) and current (mA), also linked from class/hwmon. */
function orinTree(): string {
  const dev = 'bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3';
  writeTree(root, {
    [`${dev}/name`]: 'ina3221',
    [`${dev}/in1_label`]: 'VDD_IN',
    [`${dev}/in1_input`]: 5000,
    [`${dev}/curr1_input`]: 1200,
    [`${dev}/in2_label`]: 'VDD_CPU_GPU_CV',
    [`${dev}/in2_input`]: 5000,
    [`${dev}/curr2_input`]: 400,
    [`${dev}/in3_label`]: 'VDD_SOC',
    [`${dev}/in3_input`]: 5000,
    [`${dev}/curr3_input`]: 300,
    [`${dev}/in4_input`]: 120,
    [`${dev}/in7_label`]: 'sum of shunt voltages',
    [`${dev}/in7_input`]: 300,
  });
  mkdirSync(join(root, 'class/hwmon'), { recursive: true });
  symlinkSync(join(root, dev), join(root, 'class/hwmon/hwmon3'));
  writeTree(root, { 'class/hwmon/hwmon0/name': 'cpu_thermal', 'class/hwmon/hwmon0/temp1_input': 40000 });
  return join(root, dev);
}

async function measure(meter: EnergyMeter): Promise<Awaited<ReturnType<EnergyMeter['stop']>>> {
  return meter.stop(await meter.start());
}

describe('Jetson INA3221 rails', () => {
  it('finds IIO rails by their rail names and uses the module input rail by default', async () => {
    nanoTree();
    expect(discoverJetsonRails(root).map((r) => `${r.driver}:${r.label}`)).toEqual([
      'iio:POM_5V_IN',
      'iio:POM_5V_GPU',
      'iio:POM_5V_CPU',
    ]);
    const meter = await openJetsonMeter({ root, intervalMs: 5, clock: steppingClock(30) });
    meters.push(meter);
    expect(meter.info.label).toBe('jetson:POM_5V_IN');
    expect(meter.info.notes[0]).toMatch(/module input rail POM_5V_IN/);
    const reading = await measure(meter);
    expect(reading.problems).toEqual([]);
    // Constant 4000 mW: the integral is exactly 4 W x the window, whatever the sample times.
    expect(reading.endMs - reading.startMs).toBeGreaterThanOrEqual(30);
    expect(reading.energyJ).toBeCloseTo((4 * (reading.endMs - reading.startMs)) / 1000, 9);
  });

  it('reads hwmon rails as voltage x current, once although linked twice, skipping shunt channels', async () => {
    orinTree();
    const rails = discoverJetsonRails(root);
    expect(rails.map((r) => `${r.driver}:${r.label}`)).toEqual([
      'hwmon:VDD_IN',
      'hwmon:VDD_CPU_GPU_CV',
      'hwmon:VDD_SOC',
    ]);
    const meter = await openJetsonMeter({
      root,
      intervalMs: 5,
      rails: ['VDD_CPU_GPU_CV', 'vdd_soc'],
      clock: steppingClock(30),
    });
    meters.push(meter);
    expect(meter.info.channels).toEqual(['VDD_CPU_GPU_CV', 'VDD_SOC']);
    const reading = await measure(meter);
    const seconds = (reading.endMs - reading.startMs) / 1000;
    expect(reading.channelsJ?.VDD_CPU_GPU_CV).toBeCloseTo(2 * seconds, 9);
    expect(reading.channelsJ?.VDD_SOC).toBeCloseTo(1.5 * seconds, 9);
    expect(reading.energyJ).toBeCloseTo(3.5 * seconds, 9);
  });

  it('names the rails it has when asked for one it has not', async () => {
    orinTree();
    await expect(openJetsonMeter({ root, rails: ['VDD_GPU'] })).rejects.toThrow(
      /VDD_GPU: no such rail; rails found: VDD_IN, VDD_CPU_GPU_CV, VDD_SOC/,
    );
  });

  it('says where it looked when there are no rails', async () => {
    await expect(openJetsonMeter({ root })).rejects.toThrow(
      /no INA3221 power rails found \(looked in .*ina3221x/,
    );
  });

  it('fails on an unreadable requested rail, naming the file', async () => {
    const dev = orinTree();
    // A directory where the file was: unreadable whether or not the tests run as root.
    rmSync(join(dev, 'curr3_input'));
    mkdirSync(join(dev, 'curr3_input'));
    await expect(openJetsonMeter({ root, rails: ['VDD_SOC'] })).rejects.toThrow(
      /curr3_input: is a directory/,
    );
  });

  it('reports a rail that stops being readable during a window, with no energy', async () => {
    const dev = nanoTree();
    const meter = await openJetsonMeter({ root, intervalMs: 5 });
    meters.push(meter);
    const mark = await meter.start();
    rmSync(join(dev, 'in_power0_input'));
    mkdirSync(join(dev, 'in_power0_input'));
    const reading = await meter.stop(mark);
    expect(reading.energyJ).toBeUndefined();
    expect(reading.problems.map((p) => `${p.path}: ${p.reason}`)).toContain(
      `${join(dev, 'in_power0_input')}: is a directory, not a file (EISDIR)`,
    );
  });
});
