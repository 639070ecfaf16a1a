import { describe, expect, it } from 'vitest';
import {
  fitGpuModel,
  informativeFigures,
  kernelRangeFromFigures,
  networkEnergy,
  validateGpuOutOfSample,
  type GpuCalibration,
  type KernelFigure,
  type PricedKernel,
} from '../../src/calibration/gpu-model.js';
import { gpuKernelEnergy, type GpuCostParams } from '../../src/predict/gpu-cost.js';

/** A cost map in reference units (compute rate 1), and data published by it exactly. */
const TRUE: GpuCostParams = {
  exponent: 0.8,
  groups: {
    compute: { dispatchMj: 0.001, rate: 1 },
    depthwise: { dispatchMj: 0.03, rate: 0.05 },
    pool: { dispatchMj: 0.02, rate: 0.4 },
    concat: { dispatchMj: 0.1, rate: 0.3 },
    elementwise: { dispatchMj: 0.003, rate: 0.3 },
  },
};
const OVERHEAD = 50;
const SCALES: Record<string, number> = { kernel: 0.5, b: 0.7, c: 0.9, d: 0.6 };

const net = (parts: [PricedKernel['type'], number, number][]): PricedKernel[] =>
  parts.flatMap(([type, cpuMj, n]) => Array.from({ length: n }, () => ({ type, cpuMj })));

const APPS = new Map<string, PricedKernel[]>([
  [
    'A',
    net([
      ['conv-bn-relu', 5, 14],
      ['dwconv-bn-relu', 1, 13],
      ['fc', 1, 1],
    ]),
  ],
  [
    'B',
    net([
      ['conv-bn-relu', 1.5, 33],
      ['dwconv-bn-relu', 1.2, 16],
      ['add', 0.03, 9],
    ]),
  ],
]);
const MODELS = [
  {
    label: 'M1',
    kernels: net([
      ['conv-bn-relu', 16, 20],
      ['maxpool', 2, 1],
      ['addrelu', 0.1, 8],
    ]),
  },
  {
    label: 'M2',
    kernels: net([
      ['conv-bn-relu', 4, 57],
      ['maxpool', 0.6, 13],
      ['concat', 0.12, 9],
    ]),
  },
  {
    label: 'M3',
    kernels: net([
      ['conv-bn-relu', 1, 35],
      ['dwconv-bn-relu', 0.8, 17],
      ['add', 0.03, 10],
    ]),
  },
  {
    label: 'M4',
    kernels: net([
      ['conv-bn-relu', 4, 26],
      ['maxpool', 1.5, 3],
      ['concat', 0.4, 8],
    ]),
  },
];
const FIGURES: KernelFigure[] = (
  [
    ['conv-bn-relu', 0.05],
    ['conv-bn-relu', 1200],
    ['dwconv-bn-relu', 0.03],
    ['dwconv-bn-relu', 200],
    ['bnrelu', 0.05],
    ['bnrelu', 160],
    ['relu', 140],
    ['maxpool', 0.05],
    ['maxpool', 7.8],
    ['avgpool', 0.07],
    ['avgpool', 7.7],
    ['concat', 0.02],
    ['concat', 43],
  ] as const
).map(([type, cpuMj], i) => ({
  label: `f${i}`,
  type,
  cpuMj,
  gpuMj: SCALES.kernel! * gpuKernelEnergy(TRUE, type, cpuMj),
}));

function data(): GpuCalibration {
  const published = new Map(
    Object.entries(SCALES).map(([device, s]) => [
      device,
      new Map([...APPS].map(([app, kernels]) => [app, s * (networkEnergy(TRUE, kernels) + OVERHEAD)])),
    ]),
  );
  return {
    apps: APPS,
    published,
    kernelDevice: 'kernel',
    // M1's figure describes a network 1.6x smaller than M1 (a family's average against its nominal network).
    models: MODELS.map((m) => {
      const sizeRatio = m.label === 'M1' ? 1.6 : 1;
      const targetMj = (SCALES.kernel! * networkEnergy(TRUE, m.kernels)) / sizeRatio ** TRUE.exponent;
      return { ...m, targetMj, sizeRatio };
    }),
    kernelFigures: FIGURES,
  };
}

describe('GPU cost map calibration', () => {
  it('recovers the map, the overhead and the phone factors from figures it generated', () => {
    const fit = fitGpuModel(data());
    expect(fit.rmsLogError).toBeLessThan(1e-4);
    expect(fit.cost.exponent).toBeCloseTo(0.8, 3);
    for (const [g, c] of Object.entries(TRUE.groups)) {
      const got = fit.cost.groups[g as keyof typeof TRUE.groups];
      expect(got.rate / c.rate).toBeCloseTo(1, 2);
      expect(got.dispatchMj / c.dispatchMj).toBeCloseTo(1, 1);
    }
    expect(fit.overheadMj / OVERHEAD).toBeCloseTo(1, 2);
    for (const [device, s] of Object.entries(SCALES)) expect(fit.scale.get(device)! / s).toBeCloseTo(1, 2);
  });

  it('predicts every app out of sample without error when the map holds', () => {
    const checks = validateGpuOutOfSample(data());
    expect(checks).toHaveLength(8);
    for (const c of checks) expect(Math.abs(c.error)).toBeLessThan(1e-3);
  });

  it('reads a kernel range only from figures whose group stays determined without them', () => {
    const informative = informativeFigures(FIGURES);
    const byLabel = Object.fromEntries(FIGURES.map((f, i) => [`${f.type} ${f.cpuMj}`, informative[i]]));
    expect(byLabel['conv-bn-relu 1200']).toBe(true);
    expect(byLabel['concat 43']).toBe(false);
    expect(byLabel['dwconv-bn-relu 200']).toBe(false);
    expect(byLabel['relu 140']).toBe(true);
    expect(byLabel['maxpool 7.8']).toBe(true);
    // Near the meter's resolution: never.
    expect(informativeFigures([{ label: 'tiny', type: 'conv-bn-relu', cpuMj: 0.002, gpuMj: 0.002 }])).toEqual(
      [false],
    );
    const range = kernelRangeFromFigures(
      [
        { figure: FIGURES[1]!, predictedMj: FIGURES[1]!.gpuMj / 2 },
        { figure: FIGURES[6]!, predictedMj: FIGURES[6]!.gpuMj * 2 },
        { figure: FIGURES[11]!, predictedMj: FIGURES[11]!.gpuMj * 100 },
      ],
      [true, true, false],
    );
    expect(range.n).toBe(2);
    expect(range.rmsLog).toBeCloseTo(Math.log(2), 12);
    expect(range.high).toBeCloseTo(2 ** 1.6449, 6);
    expect(range.low * range.high).toBeCloseTo(1, 12);
  });
});
