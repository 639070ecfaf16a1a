import { describe, expect, it } from 'vitest';
import {
  fitTransfer,
  measuredOverhead,
  predictApp,
  predictModel,
  validateOutOfSample,
  type AppPrediction,
} from '../../src/calibration/transfer.js';

/** Two apps with different kernel mixes, published on phones by the transfer's own model plus noise. */
const APPS = new Map<string, AppPrediction>([
  ['DNN5', { computeMj: 48, memoryMj: 20 }],
  ['DNN7', { computeMj: 71, memoryMj: 13 }],
]);
const TRUE = { memoryWeight: 1.4, overheadMj: 40 };
const SCALES: Record<string, number> = { a: 0.8, b: 1.2, c: 1.9, d: 2.4, e: 1.5 };

function published(noise = 0): Map<string, Map<string, number>> {
  let k = 0;
  return new Map(
    Object.entries(SCALES).map(([device, s]) => [
      device,
      new Map([...APPS].map(([app, p]) => [app, predictApp(TRUE, s, p) * (1 + noise * (k++ % 2 ? 1 : -1))])),
    ]),
  );
}

describe('calibrated transfer', () => {
  it('measures the app overhead at the trained setting, one estimate per app', () => {
    const trainedSetting = new Map([...APPS].map(([app, p]) => [app, p.computeMj + p.memoryMj + 40]));
    const o = measuredOverhead(APPS, trainedSetting);
    expect(o.overheadMj).toBeCloseTo(40, 9);
    expect([...o.perApp.values()].map((v) => Number(v.toFixed(9)))).toEqual([40, 40]);
    expect(() => measuredOverhead(APPS, new Map([['DNN7', 10]]))).toThrow(/below their predicted models/);
    expect(() => measuredOverhead(APPS, new Map([['DNN1', 10]]))).toThrow(/no app/);
  });

  it('with the overhead measured, recovers the memory weight and every phone’s factor', () => {
    const fit = fitTransfer(APPS, published(), { overheadMj: TRUE.overheadMj });
    expect(fit.overheadMj).toBe(TRUE.overheadMj);
    // The grid steps m by 2^(1/12): the nearest point to 1.4.
    expect(Math.abs(Math.log(fit.memoryWeight / TRUE.memoryWeight))).toBeLessThan(Math.log(2) / 24);
    for (const [device, s] of Object.entries(SCALES)) {
      expect(fit.scale.get(device)! / s).toBeGreaterThan(0.97);
      expect(fit.scale.get(device)! / s).toBeLessThan(1.03);
    }
  });

  it('without it, the app figures alone cannot tell overhead from model energy', () => {
    // Every phone runs the same two apps: the ratio fixes one combination of m and O. Fits with other
    // overheads reach the same error, so the free fit's level is not determined by the data.
    const data = published();
    const free = fitTransfer(APPS, data);
    const pinned = fitTransfer(APPS, data, { overheadMj: 5 });
    expect(pinned.rmsLogError).toBeLessThan(0.01);
    expect(free.rmsLogError).toBeLessThan(0.01);
    // ...yet they price a third model, mostly memory-bound, differently on the same phone.
    const other: AppPrediction = { computeMj: 10, memoryMj: 50 };
    const a = predictModel(free, free.scale.get('c')!, other);
    const b = predictModel(pinned, pinned.scale.get('c')!, other);
    expect(Math.abs(a / b - 1)).toBeGreaterThan(0.15);
  });

  it('validates out of sample with the measured overhead: each phone predicted from its other app', () => {
    const checks = validateOutOfSample(APPS, published(0.05), { overheadMj: TRUE.overheadMj });
    expect(checks).toHaveLength(10);
    for (const c of checks) expect(Math.abs(c.error)).toBeLessThan(0.25);
  });
});
