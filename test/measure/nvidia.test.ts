import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openNvidiaMeter } from '../../src/measure/meters/nvidia.js';
import { MeterError, type EnergyMeter } from '../../src/measure/meters/types.js';
import { fakeNvidiaSmi, steppingClock, tempDir, writeScript } from './helpers.js';

let dir: string;
let cleanup: () => void;
const meters: EnergyMeter[] = [];
beforeEach(() => {
  ({ dir, cleanup } = tempDir('nvidia-'));
});
afterEach(async () => {
  for (const m of meters.splice(0)) await m.close();
  cleanup();
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('nvidia-smi meter', () => {
  it('reads the total energy counter (mJ) at both ends of a window', async () => {
    const smi = fakeNvidiaSmi(dir, { energy: '123456789', power: '71.20' });
    const meter = await openNvidiaMeter({ nvidiaSmi: smi.bin, gpu: 0 });
    meters.push(meter);
    expect(meter.info).toMatchObject({
      label: 'nvidia:gpu0',
      method: 'energy-counter',
      channels: ['gpu0 NVIDIA Test GPU'],
    });
    const mark = await meter.start();
    smi.set('energy', '123459289');
    const reading = await meter.stop(mark);
    expect(reading.problems).toEqual([]);
    expect(reading.energyJ).toBeCloseTo(2.5, 12);
    const calls = readFileSync(join(dir, 'state', 'calls'), 'utf8')
      .trim()
      .split('\n');
    expect(calls.at(-1)).toBe('--query-gpu=total_energy_consumption --format=csv,noheader,nounits -i 0');
  });

  it('reports a counter that went back (driver reloaded) instead of an energy', async () => {
    const smi = fakeNvidiaSmi(dir, { energy: '5000', power: '70' });
    const meter = await openNvidiaMeter({ nvidiaSmi: smi.bin });
    meters.push(meter);
    const mark = await meter.start();
    smi.set('energy', '10');
    const reading = await meter.stop(mark);
    expect(reading.energyJ).toBeUndefined();
    expect(reading.problems[0]?.reason).toMatch(/went back from 5000 to 10 mJ/);
  });

  it('falls back to sampling power.draw where the counter reads [N/A], and stops its loop on close', async () => {
    const smi = fakeNvidiaSmi(dir, { energy: '[N/A]', power: '150.50' });
    const meter = await openNvidiaMeter({ nvidiaSmi: smi.bin, intervalMs: 20, clock: steppingClock(50) });
    expect(meter.info).toMatchObject({ label: 'nvidia:gpu0:power', method: 'power-samples' });
    expect(meter.info.notes[0]).toMatch(
      /total_energy_consumption reads "\[N\/A\]": using power samples instead/,
    );
    const reading = await meter.stop(await meter.start());
    expect(reading.problems).toEqual([]);
    expect(reading.endMs - reading.startMs).toBeGreaterThanOrEqual(50);
    expect(reading.energyJ).toBeCloseTo((150.5 * (reading.endMs - reading.startMs)) / 1000, 9);
    expect(readFileSync(join(dir, 'state', 'calls'), 'utf8')).toContain(
      '--query-gpu=power.draw --format=csv,noheader,nounits -i 0 --loop-ms=20',
    );
    const pid = Number(readFileSync(join(dir, 'state', 'loop.pid'), 'utf8'));
    expect(isRunning(pid)).toBe(true);
    // close() resolves once the sampler's thread has seen the loop exit (reaped, not a zombie).
    await meter.close();
    expect(isRunning(pid)).toBe(false);
  });

  it('refuses mode energy without a counter, and a GPU with neither energy nor power', async () => {
    const smi = fakeNvidiaSmi(dir, { energy: '[Not Supported]', power: '[N/A]' });
    await expect(openNvidiaMeter({ nvidiaSmi: smi.bin, mode: 'energy' })).rejects.toThrow(
      /total_energy_consumption: reads "\[Not Supported\]": no energy counter/,
    );
    await expect(openNvidiaMeter({ nvidiaSmi: smi.bin })).rejects.toThrow(
      /power.draw: reads "\[N\/A\]": this GPU reports no power either/,
    );
  });

  it('says when nvidia-smi is missing or fails, with its message', async () => {
    const missing = join(dir, 'no', 'nvidia-smi');
    const error = await openNvidiaMeter({ nvidiaSmi: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeterError);
    expect((error as MeterError).path).toContain(missing);
    expect((error as MeterError).reason).toMatch(/^not found \(ENOENT\)/);
    const broken = writeScript(
      join(dir, 'broken', 'nvidia-smi'),
      `echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." ; exit 9`,
    );
    await expect(openNvidiaMeter({ nvidiaSmi: broken })).rejects.toThrow(
      /failed \(9\): NVIDIA-SMI has failed because it couldn't communicate/,
    );
  });
});
