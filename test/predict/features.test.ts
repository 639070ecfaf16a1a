import { describe, expect, it } from 'vitest';
import { kernelFromConfig } from '../../src/kernels/generate.js';
import {
  FEATURE_NAMES,
  PREDICTOR_FEATURES,
  featureIndex,
  predictorFeatures,
} from '../../src/predict/features.js';

describe('predictor features', () => {
  const value = (values: readonly number[], name: string): number => values[featureIndex(name)]!;

  it('describe a strided conv by its counts, logs, spatial sizes and configuration', () => {
    const kernel = kernelFromConfig('conv-bn-relu', {
      HW: 56,
      CIN: 32,
      COUT: 64,
      KERNEL_SIZE: 3,
      STRIDES: 2,
    });
    const { names, values } = predictorFeatures(kernel);
    expect(names).toEqual(FEATURE_NAMES);
    expect(values).toHaveLength(PREDICTOR_FEATURES.length);
    // HWout = ceil(56 / 2) = 28; MACs = 28^2 x 32 x 64 x 3^2.
    expect(value(values, 'macs')).toBe(28 * 28 * 32 * 64 * 9);
    expect(value(values, 'flops')).toBe(kernel.flops);
    expect(value(values, 'bytes')).toBe(kernel.inputBytes + kernel.outputBytes + kernel.weightBytes);
    expect(value(values, 'ln_flops')).toBeCloseTo(Math.log1p(kernel.flops), 12);
    expect(value(values, 'flops_per_byte')).toBeCloseTo(kernel.flops / kernel.bytes, 12);
    expect([value(values, 'hw_in'), value(values, 'hw_out')]).toEqual([56, 28]);
    expect([
      value(values, 'cin'),
      value(values, 'cout'),
      value(values, 'kernel_size'),
      value(values, 'strides'),
    ]).toEqual([32, 64, 3, 2]);
    expect(value(values, 'inputs')).toBe(1);
  });

  it('fill fields a type does not have with 0 and take COUT = CIN where there is none', () => {
    const concat = predictorFeatures(
      kernelFromConfig('concat', { HW: 14, CIN1: 16, CIN2: 24, CIN3: 0, CIN4: 0 }),
    ).values;
    expect([
      value(concat, 'cin1'),
      value(concat, 'cin2'),
      value(concat, 'cin3'),
      value(concat, 'kernel_size'),
    ]).toEqual([16, 24, 0, 0]);
    expect(value(concat, 'inputs')).toBe(2);
    const fc = predictorFeatures(kernelFromConfig('fc', { CIN: 1280, COUT: 1000 })).values;
    expect([value(fc, 'hw_in'), value(fc, 'hw_out'), value(fc, 'cout')]).toEqual([1, 1, 1000]);
    const dw = predictorFeatures(
      kernelFromConfig('dwconv-bn-relu', { HW: 28, CIN: 96, KERNEL_SIZE: 3, STRIDES: 1 }),
    ).values;
    expect(value(dw, 'cout')).toBe(96);
    for (const v of [...concat, ...fc, ...dw]) expect(Number.isFinite(v)).toBe(true);
  });

  it('name each feature once, with a unit', () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    for (const f of PREDICTOR_FEATURES) expect(f.unit.length).toBeGreaterThan(0);
    expect(() => featureIndex('watts')).toThrow(/no predictor feature 'watts'/);
  });
});
