import type { FieldRange, KernelGenerator, KernelTypeEntry } from './catalog-types.js';
import {
  attentionConfig,
  concatConfig,
  convConfig,
  fcConfig,
  layerNormConfig,
  matmulConfig,
  poolConfig,
} from './configs.js';
import {
  activationBuild,
  addBuild,
  batchNormBuild,
  channelShuffleBuild,
  concatBuild,
  convBuild,
  fcBuild,
  globalPoolBuild,
  poolBuild,
  splitBuild,
  squeezeExciteBuild,
} from './generators.js';
import type { KernelConfig } from './types.js';

/**
 * The built-in kernel types: DeepEn2023's (the measured dataset's names, data/deepen2023/kernels_cpu.csv,
 * so a predictor trained on it prices them directly), then matmul, attention and layernorm for
 * transformers, and `others` (what no rule matches). Their order is the report schema's.
 *
 * Sampling ranges are the measured kernels' own (every value of every field lies inside, and each
 * bound is a measured value); test/measure/sampling.test.ts checks them against the CSV.
 */

/** Keeps an entry's literal type (its name, whether it has a generator or sampling). */
const kernelType = <const T extends KernelTypeEntry>(entry: T): T => entry;

const choice = (...values: number[]): FieldRange => ({ kind: 'choice', values });
const int = (min: number, max: number, multipleOf?: number): FieldRange => ({
  kind: 'int',
  min,
  max,
  ...(multipleOf ? { multipleOf } : {}),
});
const S12 = choice(1, 2);

/** Output pixels of a configuration at a stride. */
const outPixels = (c: KernelConfig, stride: number | undefined): number =>
  Math.ceil((c.HW ?? 1) / (stride ?? 1)) ** 2;
/** Elements moved: HW x HW x CIN. */
const elementsMoved = (c: KernelConfig): number => (c.HW ?? 1) ** 2 * (c.CIN ?? 0);
const convWeights = (c: KernelConfig): number => (c.CIN ?? 0) * (c.COUT ?? 0) * (c.KERNEL_SIZE ?? 1) ** 2;
const fcWeights = (c: KernelConfig): number => (c.CIN ?? 0) * (c.COUT ?? 0);

/**
 * Elementwise and SE-like types: HW and CIN are their features and all their generator needs; sampled
 * over them, their work the elements moved.
 */
const elementwise = <const N extends string>(e: {
  readonly name: N;
  readonly channelFirst: boolean;
  readonly build: KernelGenerator['build'];
  readonly hw: readonly number[];
  readonly cin: FieldRange;
  readonly maxWork: number;
  readonly nnMeterFeatures?: readonly string[];
}) =>
  kernelType({
    name: e.name,
    features: ['HW', 'CIN'],
    channelFirst: e.channelFirst,
    workClass: 'elementwise',
    ...(e.nnMeterFeatures ? { nnMeterFeatures: e.nnMeterFeatures } : {}),
    generator: { columns: [['HW'], ['CIN']], build: e.build },
    sampling: { fields: { HW: choice(...e.hw), CIN: e.cin }, maxWork: e.maxWork, work: elementsMoved },
  });

/**
 * A pool: sampled with the window fitting the input, striding as it steps (POOL_STRIDES = STRIDES, as
 * every pool in the dataset).
 */
const pool = <const N extends string>(
  name: N,
  op: 'MaxPool' | 'AveragePool',
  hw: readonly number[],
  cin: FieldRange,
  maxWork: number,
) =>
  kernelType({
    name,
    features: ['HW', 'CIN', 'KERNEL_SIZE', 'POOL_STRIDES'],
    channelFirst: true,
    config: poolConfig,
    workClass: 'pool',
    nnMeterFeatures: ['HW', 'CIN', 'COUT', 'KERNEL_SIZE', 'POOL_STRIDES'],
    generator: {
      columns: [['HW'], ['CIN'], ['KERNEL_SIZE'], ['POOL_STRIDES', 'STRIDES']],
      build: poolBuild(op),
    },
    sampling: {
      fields: { HW: choice(...hw), CIN: cin, KERNEL_SIZE: choice(2, 3), STRIDES: S12 },
      maxWork,
      work: elementsMoved,
      consistent: (c) => (c.KERNEL_SIZE ?? 1) <= (c.HW ?? 1),
      complete: (c) => {
        if (c.STRIDES !== undefined) c.POOL_STRIDES = c.STRIDES;
      },
    },
  });

const CONV_NN_METER = ['HW', 'CIN', 'COUT', 'KERNEL_SIZE', 'STRIDES', 'MFLOPS', 'MPARAMS'] as const;

export const BUILTIN_KERNEL_TYPES = [
  kernelType({
    name: 'conv-bn-relu',
    features: ['HW', 'CIN', 'COUT', 'KERNEL_SIZE', 'STRIDES', 'FLOPS', 'PARAMS'],
    channelFirst: true,
    config: convConfig,
    executedWeights: true,
    workClass: 'compute',
    nnMeterFeatures: CONV_NN_METER,
    generator: {
      columns: [['HW'], ['CIN'], ['COUT'], ['KERNEL_SIZE'], ['STRIDES']],
      build: convBuild(false),
    },
    sampling: {
      fields: {
        HW: choice(1, 5, 7, 12, 13, 14, 25, 27, 28, 54, 56, 109, 111, 112, 224),
        CIN: int(3, 2160),
        COUT: int(4, 2048),
        KERNEL_SIZE: choice(1, 3, 5, 7, 11),
        STRIDES: choice(1, 2, 4),
      },
      maxWork: 7.1e9,
      // The dataset's largest conv is 1024 x 1024 x 3 x 3; without this a 1x1-input draw could ask for gigabytes of weights.
      maxParams: 1024 * 1024 * 9,
      work: (c) => outPixels(c, c.STRIDES) * convWeights(c),
      weights: convWeights,
    },
  }),
  kernelType({
    name: 'dwconv-bn-relu',
    features: ['HW', 'CIN', 'KERNEL_SIZE', 'STRIDES', 'FLOPS', 'PARAMS'],
    channelFirst: true,
    config: convConfig,
    executedWeights: true,
    workClass: 'depthwise',
    nnMeterFeatures: CONV_NN_METER,
    generator: { columns: [['HW'], ['CIN'], ['KERNEL_SIZE'], ['STRIDES']], build: convBuild(true) },
    sampling: {
      fields: {
        HW: choice(7, 14, 28, 56, 111, 112),
        CIN: int(11, 1152),
        KERNEL_SIZE: choice(3, 5, 7),
        STRIDES: S12,
      },
      maxWork: 3.6e8,
      work: (c) => outPixels(c, c.STRIDES) * (c.CIN ?? 0) * (c.KERNEL_SIZE ?? 1) ** 2,
    },
  }),
  elementwise({
    name: 'bnrelu',
    channelFirst: true,
    build: batchNormBuild(true),
    hw: [1, 3, 7, 14, 28, 56, 112, 224],
    cin: int(3, 2148),
    maxWork: 6.5e7,
  }),
  elementwise({
    name: 'bn',
    channelFirst: true,
    build: batchNormBuild(false),
    hw: [3, 7, 28, 56, 112, 224],
    cin: int(13, 2143),
    maxWork: 1.1e8,
  }),
  elementwise({
    name: 'relu',
    channelFirst: false,
    build: activationBuild('relu'),
    hw: [1, 3, 14, 56, 112, 224],
    cin: int(15, 2140),
    maxWork: 1.1e8,
  }),
  elementwise({
    name: 'hswish',
    channelFirst: false,
    build: activationBuild('hswish'),
    hw: [1, 3, 7, 14, 56, 112, 224],
    cin: int(52, 2120),
    maxWork: 1.1e8,
  }),
  elementwise({
    name: 'add',
    channelFirst: false,
    build: addBuild(false),
    hw: [1, 14, 28, 56, 224],
    cin: int(3, 2123),
    maxWork: 1.1e8,
    nnMeterFeatures: ['HW', 'CIN', 'CIN'],
  }),
  elementwise({
    name: 'addrelu',
    channelFirst: false,
    build: addBuild(true),
    hw: [3, 7, 14, 28, 56, 112, 224],
    cin: int(7, 1278),
    maxWork: 6.5e7,
    nnMeterFeatures: ['HW', 'CIN', 'CIN'],
  }),
  pool('maxpool', 'MaxPool', [7, 13, 14, 27, 28, 54, 56, 109, 112, 224], int(64, 1056), 3.3e6),
  pool('avgpool', 'AveragePool', [7, 13, 14, 28, 54, 55, 56, 109, 112], int(24, 832), 4.2e6),
  elementwise({
    name: 'global-avgpool',
    channelFirst: true,
    build: globalPoolBuild,
    hw: [3, 7],
    cin: int(32, 1266),
    maxWork: 6.3e4,
  }),
  kernelType({
    name: 'fc',
    features: ['CIN', 'COUT', 'FLOPS', 'PARAMS'],
    channelFirst: false,
    config: fcConfig,
    executedWeights: true,
    workClass: 'compute',
    nnMeterFeatures: ['CIN', 'COUT', 'MFLOPS', 'MPARAMS'],
    generator: { columns: [['CIN'], ['COUT']], build: fcBuild },
    sampling: {
      fields: { CIN: int(512, 9216), COUT: int(1000, 4096) },
      maxWork: 1.1e8,
      maxParams: 9216 * 4096,
      work: fcWeights,
      weights: fcWeights,
    },
  }),
  kernelType({
    name: 'concat',
    features: ['HW', 'CIN1', 'CIN2', 'CIN3', 'CIN4'],
    channelFirst: false,
    config: concatConfig,
    workClass: 'concat',
    nnMeterFeatures: ['HW', 'CIN1', 'CIN2', 'CIN3', 'CIN4'],
    generator: {
      // CIN3 and CIN4 may be left out (absent inputs); an empty CIN1..CIN4 cell of a concat row reads as 0.
      columns: [['HW'], ['CIN1'], ['CIN2']],
      zeroWhenEmpty: ['CIN1', 'CIN2', 'CIN3', 'CIN4'],
      build: concatBuild,
    },
    sampling: {
      fields: {
        HW: choice(7, 14, 28, 56),
        CIN1: int(4, 2159),
        CIN2: int(4, 2148),
        CIN3: int(3, 2140),
        CIN4: int(10, 2155),
      },
      maxWork: 1.9e7,
      // 2, 3 or 4 inputs, as in the dataset.
      optional: ['CIN3', 'CIN4'],
      work: (c) => (c.HW ?? 1) ** 2 * ((c.CIN1 ?? 0) + (c.CIN2 ?? 0) + (c.CIN3 ?? 0) + (c.CIN4 ?? 0)),
    },
  }),
  elementwise({
    name: 'se',
    channelFirst: true,
    build: squeezeExciteBuild,
    hw: [1, 3, 7, 56, 112, 224],
    cin: int(10, 2112),
    maxWork: 1.1e8,
  }),
  elementwise({
    name: 'split',
    channelFirst: false,
    build: splitBuild,
    hw: [14, 56, 112, 224],
    cin: int(12, 2108, 2),
    maxWork: 1.1e8,
  }),
  elementwise({
    name: 'channelshuffle',
    channelFirst: true,
    build: channelShuffleBuild,
    hw: [1, 7, 14, 28, 56, 112, 224],
    cin: int(10, 2138, 2),
    maxWork: 6.4e7,
  }),
  kernelType({
    name: 'matmul',
    features: ['SEQ', 'CIN', 'COUT', 'HEADS', 'FLOPS'],
    channelFirst: false,
    config: matmulConfig,
    workClass: 'compute',
  }),
  kernelType({
    name: 'attention',
    features: ['SEQ', 'HIDDEN', 'HEADS', 'FLOPS'],
    channelFirst: false,
    config: attentionConfig,
    workClass: 'compute',
  }),
  kernelType({
    name: 'layernorm',
    features: ['SEQ', 'HIDDEN'],
    channelFirst: false,
    config: layerNormConfig,
    workClass: 'elementwise',
  }),
  kernelType({
    name: 'others',
    features: ['HW', 'CIN', 'FLOPS'],
    channelFirst: false,
    workClass: 'elementwise',
  }),
] as const;

export type BuiltinKernelType = (typeof BUILTIN_KERNEL_TYPES)[number]['name'];
