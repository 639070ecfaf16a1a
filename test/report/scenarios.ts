import type { ComparisonReport } from '../../src/compare/types.js';
import { CPU, GPU, allTargets, budget, crossed, compare, kernels, model, report, stats } from './builder.js';

/**
 * The reports the snapshot tests render and the schema tests validate, one per case the comment must
 * handle (acceptance 2 of issue 5).
 */

const MOBILENET_KERNELS = kernels([
  ['/features/3/conv/conv.0/Conv', 'conv-bn-relu', 4.12, 6.01],
  ['/features/4/conv/conv.1/Conv', 'dwconv-bn-relu', 1.3, 1.71],
  ['/classifier/classifier.1/Gemm', 'fc', 1.22, 1.5],
  ['/features/18/Add', 'add', undefined, 0.21],
  ['/features/2/Relu', 'relu', 0.11, undefined],
  ['/features/5/conv/Conv', 'conv-bn-relu', 2.0, 2.1],
]);

export const noChange: ComparisonReport = report([
  model('models/mobilenet_v2.onnx', [compare(CPU, 41.2, 41.3), compare(GPU, 20.5, 20.52)], {
    base: stats(300.8e6, 3.5e6),
    head: stats(300.8e6, 3.5e6),
  }),
  model('models/resnet18.onnx', [compare(CPU, 210, 210), compare(GPU, 98, 98)], {
    status: 'renamed',
    previousPath: 'models/old/resnet18.onnx',
    base: stats(1.82e9, 11.7e6),
    head: stats(1.82e9, 11.7e6),
  }),
]);

export const regression: ComparisonReport = report([
  model(
    'models/mobilenet_v2.onnx',
    [
      compare(CPU, 41.2, 46.3, { kernels: MOBILENET_KERNELS }),
      compare(GPU, 20.5, 21.4, { kernels: MOBILENET_KERNELS.slice(0, 2) }),
    ],
    { base: stats(300.8e6, 3.5e6), head: stats(318.2e6, 3.62e6) },
  ),
  model('models/squeezenet.onnx', [compare(CPU, 30, 30.1), compare(GPU, 12, 12)], {
    base: stats(352e6, 1.24e6),
    head: stats(352e6, 1.24e6),
  }),
]);

export const improvement: ComparisonReport = report([
  model(
    'models/mobilenet_v2.onnx',
    [
      compare(CPU, 46.3, 38.9, {
        kernels: kernels([
          ['/features/3/conv/conv.0/Conv', 'conv-bn-relu', 6.01, 4.0],
          ['/classifier/classifier.1/Gemm', 'fc', 1.5, 1.2],
        ]),
      }),
      compare(GPU, 21.4, 19.0),
    ],
    { base: stats(318.2e6, 3.62e6), head: stats(280.1e6, 3.1e6) },
  ),
]);

export const newModel: ComparisonReport = report([
  model('models/efficientnet_b0.onnx', [compare(CPU, undefined, 88.4), compare(GPU, undefined, 35.2)], {
    status: 'added',
    head: stats(401e6, 5.29e6),
    notes: ['symbolic dim batch bound to 1 (config dims)'],
  }),
]);

export const removedModel: ComparisonReport = report([
  model('models/legacy/alexnet.onnx', [compare(CPU, 520, undefined), compare(GPU, 180, undefined)], {
    status: 'removed',
    base: stats(714e6, 61.1e6),
  }),
  model('models/legacy/vgg11.onnx', [], { status: 'removed', base: stats(7.6e9, 132.9e6) }),
]);

export const renamed: ComparisonReport = report([
  model('models/vision/resnet18.onnx', [compare(CPU, 210, 231), compare(GPU, 98, 99)], {
    status: 'renamed',
    previousPath: 'models/resnet18.onnx',
    base: stats(1.82e9, 11.7e6),
    head: stats(1.95e9, 11.9e6),
  }),
]);

export const budgetFail: ComparisonReport = report(
  [
    model(
      'models/mobilenet_v2.onnx',
      [
        compare(CPU, 41.2, 46.3, {
          kernels: MOBILENET_KERNELS,
          budget: budget(
            'fail',
            crossed('maxIncreasePct', 'fail', 12.4, 5),
            crossed('maxMj', 'fail', 46.3, 45),
          ),
        }),
        compare(GPU, 20.5, 21.4, { budget: budget('warn', crossed('maxIncreasePct', 'warn', 4.4, 2)) }),
      ],
      { base: stats(300.8e6, 3.5e6), head: stats(318.2e6, 3.62e6) },
    ),
    model(
      'models/efficientnet_b0.onnx',
      [compare(CPU, undefined, 88.4, { budget: budget('fail', crossed('maxMj', 'fail', 88.4, 60)) })],
      {
        status: 'added',
        head: stats(401e6, 5.29e6),
      },
    ),
    model('models/broken.onnx', [], {
      error: 'models/broken.onnx: not an ONNX model (a Git LFS pointer; set lfs: true on actions/checkout)',
    }),
  ],
  {
    configChanges: ['budgets[0].max-increase-pct.fail: 5 -> 50 (models/**/*.onnx)', 'noise.pct: 1 -> 10'],
    warnings: ['oneplus-8-pro gpu: bundle transferred from huawei-p40-pro; expect a wider error'],
  },
);

export const budgetWarn: ComparisonReport = report([
  model(
    'models/mobilenet_v2.onnx',
    [
      compare(CPU, 41.2, 42.4, { budget: budget('warn', crossed('maxIncreasePct', 'warn', 2.9, 2)) }),
      compare(GPU, 20.5, 20.6),
    ],
    { base: stats(300.8e6, 3.5e6), head: stats(305e6, 3.52e6) },
  ),
]);

export const noModels: ComparisonReport = report([]);

/** `count` models on all 16 targets, each with kernel changes; one in twenty fails its budget. */
export function manyModels(count: number): ComparisonReport {
  const targets = allTargets();
  const models = Array.from({ length: count }, (_, i) => {
    const base = 20 + (i % 37);
    const head = base * (1 + (((i * 7919) % 41) - 15) / 400);
    return model(
      `models/zoo/family-${String(i % 13).padStart(2, '0')}/model-${String(i).padStart(3, '0')}.onnx`,
      targets.map((t, j) =>
        compare(t, base * (1 + j / 20), head * (1 + j / 20), {
          kernels: MOBILENET_KERNELS,
          ...(i % 20 === 7 && j === 0 ? { budget: budget('fail', crossed('maxMj', 'fail', head, 20)) } : {}),
        }),
      ),
      { base: stats(300e6 + i, 3.5e6), head: stats(300e6 + i * 1000, 3.5e6 + i) },
    );
  });
  return report(models);
}

export const SCENARIOS: Readonly<Record<string, ComparisonReport>> = {
  'no-change': noChange,
  regression,
  improvement,
  'new-model': newModel,
  'removed-model': removedModel,
  renamed,
  'budget-fail': budgetFail,
  'budget-warn': budgetWarn,
  'no-models': noModels,
};
