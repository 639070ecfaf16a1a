import { describe, expect, it } from 'vitest';
import { kernelFloor, measuredFloor, type MeasuredKernel } from '../../src/calibration/measured-floor.js';

const conv = (HW: number, CIN: number, COUT: number, energyMj: number, KERNEL_SIZE = 3): MeasuredKernel => ({
  type: 'conv-bn-relu',
  config: { HW, CIN, COUT, KERNEL_SIZE, STRIDES: 1 },
  energyMj,
});

const MEASURED: MeasuredKernel[] = [
  conv(56, 128, 32, 30),
  conv(56, 128, 32, 32),
  conv(28, 128, 32, 7),
  conv(56, 64, 32, 14),
  conv(56, 256, 64, 99),
  conv(56, 64, 32, 5, 1),
  { type: 'concat', config: { HW: 28, CIN: 96, CIN1: 64, CIN2: 32 }, energyMj: 0.2 },
];

describe('measured floor', () => {
  it('takes the mean of exact matches', () => {
    expect(kernelFloor(MEASURED, conv(56, 128, 32, 0))).toEqual({ kind: 'exact', floorMj: 31 });
  });

  it('bounds a kernel by the largest measured kernel it contains, never by a larger one or another kind', () => {
    // Contains only (28,128,32) = 7: the HW-56 ones are larger, the 1x1 conv is another kind.
    expect(kernelFloor(MEASURED, conv(40, 128, 48, 0))).toEqual({ kind: 'bounded', floorMj: 7 });
    expect(kernelFloor(MEASURED, conv(56, 200, 32, 0))).toEqual({ kind: 'bounded', floorMj: 32 });
    expect(kernelFloor(MEASURED, conv(14, 128, 32, 0))).toEqual({ kind: 'unmeasured', floorMj: 0 });
    expect(kernelFloor(MEASURED, conv(56, 128, 32, 0, 5))).toEqual({ kind: 'unmeasured', floorMj: 0 });
  });

  it('treats a missing concat input as zero channels', () => {
    const threeInputs = {
      type: 'concat' as const,
      config: { HW: 28, CIN: 128, CIN1: 64, CIN2: 32, CIN3: 32 },
    };
    expect(kernelFloor(MEASURED, threeInputs)).toEqual({ kind: 'bounded', floorMj: 0.2 });
    const twoInputs = { type: 'concat' as const, config: { HW: 28, CIN: 96, CIN1: 64, CIN2: 32, CIN3: 0 } };
    expect(kernelFloor(MEASURED, twoInputs)).toEqual({ kind: 'exact', floorMj: 0.2 });
  });

  it('sums a network by kind', () => {
    const net = [
      conv(56, 128, 32, 0),
      conv(56, 200, 32, 0),
      conv(7, 8, 8, 0),
      { type: 'relu' as const, config: { HW: 7 } },
    ];
    const s = measuredFloor(MEASURED, net);
    expect(s.count).toEqual({ exact: 1, bounded: 1, unmeasured: 2 });
    expect(s.energyMj).toEqual({ exact: 31, bounded: 32, unmeasured: 0 });
    expect(s.floorMj).toBe(63);
  });
});
