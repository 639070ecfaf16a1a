import type { TreeEnsembleModel } from './ensemble.js';
import { seededRandom } from './random.js';
import { fitTree, prepareFeatures, type RegressionTree } from './tree.js';
import { kernelTypeEntry } from '../kernels/catalog.js';
import type { Kernel, KernelType } from '../kernels/types.js';

/**
 * Random forest regression, the baseline of nn-Meter and DeepEn2023: bootstrap samples, a random
 * subset of features per split, fully grown trees, averaged, on the raw target.
 */
export interface ForestOptions {
  readonly nEstimators: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minSamplesSplit: number;
  readonly maxFeatures: number;
  readonly seed: number;
}

type NnMeterSettings = Omit<ForestOptions, 'seed'>;

const rf = (maxDepth: number, nEstimators: number, maxFeatures: number): NnMeterSettings => ({
  maxDepth,
  nEstimators,
  minSamplesLeaf: 1,
  minSamplesSplit: 2,
  maxFeatures,
});

/**
 * nn-Meter's RandomForestRegressor settings for CPU kernels (microsoft/nn-Meter,
 * nn_meter/builder/kernel_predictor_builder/predictor_builder/predictor_zoo.py, "cpu" entries;
 * random_state 10), keyed by this project's kernel type names. Types it has no entry for get its
 * fallback (max_depth 50, 370 trees, max_features 2).
 */
export const NN_METER_CPU_FOREST: Partial<Record<KernelType, NnMeterSettings>> = {
  'conv-bn-relu': rf(70, 320, 6),
  'dwconv-bn-relu': rf(50, 240, 6),
  fc: rf(50, 370, 2),
  channelshuffle: rf(50, 370, 2),
  se: rf(20, 290, 2),
  maxpool: rf(50, 210, 5),
  'global-avgpool': rf(70, 370, 2),
  hswish: rf(50, 190, 2),
  avgpool: rf(50, 370, 5),
  bnrelu: rf(50, 370, 2),
  relu: rf(50, 370, 2),
  bn: rf(50, 370, 2),
  concat: rf(100, 690, 5),
  addrelu: rf(50, 570, 3),
  split: rf(50, 190, 2),
};
export const NN_METER_FALLBACK_FOREST: NnMeterSettings = rf(50, 370, 2);

/**
 * nn-Meter's feature vector of a type without its own (catalog entries' `nnMeterFeatures`:
 * extract_feature.py's configuration fields, plus FLOPs and params for conv, dwconv and fc, there in
 * units of 2 MFLOP and millions; trees do not care about the unit). COUT defaults to CIN as there.
 */
export const NN_METER_DEFAULT_FEATURES: readonly string[] = ['HW', 'CIN'];

export function fitForest(
  rows: readonly (readonly number[])[],
  target: readonly number[],
  options: ForestOptions,
): TreeEnsembleModel {
  const n = rows.length;
  const random = seededRandom(options.seed);
  const data = prepareFeatures(rows);
  const y = Float64Array.from(target);
  const weights = new Float64Array(n);
  const trees: RegressionTree[] = [];
  for (let m = 0; m < options.nEstimators; m += 1) {
    weights.fill(0);
    for (let i = 0; i < n; i += 1) weights[random.int(n)]! += 1;
    trees.push(
      fitTree(data, y, weights, {
        maxDepth: options.maxDepth,
        minSamplesLeaf: options.minSamplesLeaf,
        minSamplesSplit: options.minSamplesSplit,
        maxFeatures: options.maxFeatures,
        random,
      }),
    );
  }
  return { kind: 'tree-ensemble', trees, aggregate: 'AVERAGE', baseValue: 0, logTarget: false };
}

/** nn-Meter's features of a kernel (its catalog entry's `nnMeterFeatures`). */
export function nnMeterFeatures(kernel: Kernel): number[] {
  const names = kernelTypeEntry(kernel.type).nnMeterFeatures ?? NN_METER_DEFAULT_FEATURES;
  const c = kernel.config;
  return names.map((name) => {
    switch (name) {
      case 'MFLOPS':
        return kernel.flops / 2e6;
      case 'MPARAMS':
        return kernel.params / 1e6;
      case 'COUT':
        return c.COUT ?? c.CIN ?? 0;
      default:
        return c[name as keyof typeof c] ?? 0;
    }
  });
}

/** nn-Meter's forest settings for a kernel type (CPU entries, fallback for the rest). */
export function nnMeterForestOptions(type: KernelType, seed: number): ForestOptions {
  return { ...(NN_METER_CPU_FOREST[type] ?? NN_METER_FALLBACK_FOREST), seed };
}
