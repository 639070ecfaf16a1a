import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ExternalCsvMeter,
  detectLayout,
  loadMonitorCsv,
  openExternalCsvMeter,
} from '../../src/measure/meters/external-csv.js';
import { integratePower, type PowerSample } from '../../src/measure/meters/integrate.js';
import { SampleSeries } from '../../src/measure/meters/series.js';
import { MeterError, nowMs } from '../../src/measure/meters/types.js';
import { seededRandom } from '../../src/predict/random.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('monitor-'));
});
afterEach(() => cleanup());

const ramp: PowerSample[] = [
  { t: 1000, watts: 1 },
  { t: 2000, watts: 3 },
  { t: 3000, watts: 3 },
];

describe('integratePower', () => {
  it('integrates trapezoids, interpolating inside and holding flat past the ends', () => {
    expect(integratePower(ramp, 1000, 3000, 1500)).toEqual({ ok: true, energyJ: 5, samples: 3 });
    // 1500..2500: power 2 -> 3 (1.25 J) then 3 (1.5 J) over half seconds.
    const mid = integratePower(ramp, 1500, 2500, 1500);
    expect(mid.ok && mid.energyJ).toBeCloseTo(1.25 + 1.5, 12);
    const past = integratePower(ramp, 2900, 3100, 1500);
    expect(past.ok && past.energyJ).toBeCloseTo(0.6, 12);
  });

  it('refuses windows the samples do not cover, saying how', () => {
    expect(integratePower(ramp, 0, 3000, 500)).toMatchObject({
      ok: false,
      reason: 'first sample 1000 ms after the window start',
    });
    expect(integratePower(ramp, 1000, 4000, 500)).toMatchObject({
      ok: false,
      reason: 'last sample 1000 ms before the window end',
    });
    expect(integratePower(ramp, 1000, 3000, 900)).toMatchObject({
      ok: false,
      reason: 'a 1000 ms hole in the power samples inside the window',
    });
    expect(integratePower([], 0, 10, 5)).toMatchObject({ ok: false });
    expect(integratePower(ramp, 10, 10, 5)).toMatchObject({ ok: false, reason: 'empty window (10..10)' });
  });

  it('agrees with the cumulative series on random samples and windows', () => {
    const rng = seededRandom(7);
    const random = (): number => rng.next();
    const samples: PowerSample[] = [];
    const series = new SampleSeries(50);
    let t = 1e12;
    for (let i = 0; i < 5000; i++) {
      t += 1 + random() * 20;
      const watts = 1 + random() * 4;
      samples.push({ t, watts });
      series.push(t, watts);
    }
    for (let i = 0; i < 200; i++) {
      const a = samples[0]!.t + random() * (t - samples[0]!.t);
      const b = a + random() * 5000;
      const direct = integratePower(samples, a, b, 50);
      const cumulative = series.energy(a, b);
      expect(cumulative.ok).toBe(direct.ok);
      if (direct.ok && cumulative.ok) expect(cumulative.energyJ).toBeCloseTo(direct.energyJ, 6);
    }
  });
});

describe('monitor CSV layout', () => {
  it('reads a Monsoon export: time in ms, current in mA, voltage in V, trailing comma', () => {
    const layout = detectLayout('Time(ms),Main(mA),Main Voltage(V),', 'm.csv');
    expect(layout.summary).toBe('time=Time(ms) (ms), power=Main(mA) (mA) x Main Voltage(V) (V)');
  });

  it('reads power columns with units in suffixes or brackets', () => {
    expect(detectLayout('timestamp,power_mw', 'p.csv').summary).toBe(
      'time=timestamp (auto), power=power_mw (mW)',
    );
    expect(detectLayout('t [s],P [W]', 'p.csv').summary).toBe('time=t [s] (s), power=P [W] (W)');
  });

  it('asks which column when several fit, and says when power cannot be had', () => {
    expect(() => detectLayout('time,power_w,power_mw', 'p.csv')).toThrow(
      /several power columns \(power_w, power_mw\): name the one to use/,
    );
    expect(detectLayout('time,power_w,power_mw', 'p.csv', { powerColumn: 'power_mw' }).summary).toContain(
      'power=power_mw (mW)',
    );
    expect(() => detectLayout('time,current_ma', 'p.csv')).toThrow(
      /neither a power column nor current and voltage columns/,
    );
    expect(() => detectLayout('a,b', 'p.csv')).toThrow(/no time column/);
  });
});

describe('loadMonitorCsv', () => {
  it('needs the start of a relative recording on the harness clock, then aligns it', async () => {
    const path = join(dir, 'monsoon.csv');
    const rows = ['Time(ms),Main(mA),Main Voltage(V),'];
    for (let i = 0; i <= 100; i++) rows.push(`${i * 10},${i < 50 ? 250 : 750},4.0,`);
    writeFileSync(path, `${rows.join('\n')}\n`);
    await expect(loadMonitorCsv(path)).rejects.toThrow(
      /row 2: times are relative to the recording's start \(0\): give the harness-clock time/,
    );
    const start = 1_700_000_000_000;
    const { series } = await loadMonitorCsv(path, { offsetMs: start });
    expect(series.first).toBe(start);
    expect(series.last).toBe(start + 1000);
    // 1 W for 0..490 ms, 3 W from 500 ms; the ramp 490..500 adds 2 W x 10 ms / 2.
    const result = series.energy(start, start + 1000);
    expect(result.ok && result.energyJ).toBeCloseTo(0.49 + 0.01 * 2 + 0.5 * 3, 9);
  });

  it('catches a time column whose unit was misread (Time(ms) holding seconds)', async () => {
    const path = join(dir, 'old-monsoon.csv');
    const rows = ['Time(ms),Main(mA),Main Voltage(V)'];
    for (let i = 0; i < 50; i++) rows.push(`${(i * 0.0002).toFixed(4)},300,4.2`);
    writeFileSync(path, `${rows.join('\n')}\n`);
    await expect(loadMonitorCsv(path, { offsetMs: 1.7e12 })).rejects.toThrow(
      /samples 0\.00020 ms apart \(5\.0\d MHz\).*is the time unit right/,
    );
    const { series } = await loadMonitorCsv(path, { offsetMs: 1.7e12, timeUnit: 's' });
    expect(series.last! - series.first!).toBeCloseTo(49 * 0.2, 3);
  });

  it('takes epoch milliseconds and ISO dates as they are', async () => {
    const epoch = join(dir, 'epoch.csv');
    writeFileSync(epoch, 'timestamp,power_mw\n1700000000000,2000\n1700000000010,2000\n');
    expect((await loadMonitorCsv(epoch)).series.energy(1700000000000, 1700000000010)).toMatchObject({
      ok: true,
      energyJ: 0.02,
    });
    const iso = join(dir, 'iso.csv');
    writeFileSync(iso, 'time,power\n2024-01-01T00:00:00.000Z,1.5\n2024-01-01T00:00:00.020Z,1.5\n');
    const t0 = Date.parse('2024-01-01T00:00:00.000Z');
    const r = (await loadMonitorCsv(iso)).series.energy(t0, t0 + 20);
    expect(r.ok && r.energyJ).toBeCloseTo(0.03, 12);
  });

  it('names the row of a bad value or of time going back', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'timestamp,power_w\n1700000000000,1\n1700000000010,x\n');
    await expect(loadMonitorCsv(bad)).rejects.toThrow(/bad\.csv: row 3: column power_w is not a number: "x"/);
    writeFileSync(bad, 'timestamp,power_w\n1700000000010,1\n1700000000000,1\n');
    await expect(loadMonitorCsv(bad)).rejects.toThrow(/row 3: time goes back/);
    await expect(loadMonitorCsv(join(dir, 'missing.csv'))).rejects.toThrow(MeterError);
  });
});

describe('live external CSV meter', () => {
  it('integrates the samples the logger appends, waiting for them to pass the window end', async () => {
    const path = join(dir, 'live.csv');
    writeFileSync(path, 'timestamp,power_w\n');
    const meter = await openExternalCsvMeter({ path, pollMs: 10, waitMs: 5000 });
    expect(meter.info.label).toBe('external-csv:live.csv');
    const mark = await meter.start();
    const stop = meter.stop(mark);
    // The logger catches up after the window closed: samples every 5 ms from before the start to past the end.
    const lines: string[] = [];
    for (let t = mark.startMs - 20; t < nowMs() + 200; t += 5) lines.push(`${t.toFixed(3)},2.5`);
    appendFileSync(path, `${lines.join('\n')}\n`);
    const reading = await stop;
    expect(reading.problems).toEqual([]);
    expect(reading.energyJ).toBeCloseTo((2.5 * (reading.endMs - reading.startMs)) / 1000, 9);
  });

  it('reports a window the samples never reach', async () => {
    const path = join(dir, 'stale.csv');
    writeFileSync(path, `timestamp,power_w\n${nowMs() - 10_000},1\n`);
    const meter = new ExternalCsvMeter({ path, pollMs: 10, waitMs: 50 });
    const reading = await meter.stop(await meter.start());
    expect(reading.energyJ).toBeUndefined();
    expect(reading.problems[0]!.reason).toMatch(/the samples end \d+ ms before the window end/);
  });
});
