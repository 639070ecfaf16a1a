import { float } from '../onnx/attributes.js';
import { DataType } from '../onnx/types.js';
import type { KernelGenerator } from './catalog-types.js';
import { sameAttrs } from './padding.js';
import { KernelError, type KernelConfig } from './types.js';

/**
 * The kernel generators of the dataset's types (catalog entries' `generator.build`), each the model
 * nn-Meter's builder makes (C = CIN):
 * - conv-bn-relu: Conv C->COUT, KERNEL_SIZE, STRIDES (+ BatchNormalization) + activation
 * - dwconv-bn-relu: Conv with group = C (+ BatchNormalization) + activation
 * - bnrelu, bn, relu, hswish: the op(s) on [1, C, HW, HW]
 * - add, addrelu: Add(x, x) (+ Relu), as nn-Meter's builder adds a tensor to itself
 * - maxpool, avgpool: KERNEL_SIZE, stride POOL_STRIDES (STRIDES when absent); average excludes padding
 * - global-avgpool: GlobalAveragePool
 * - fc: Gemm [1, CIN] x [COUT, CIN]^T + bias
 * - concat: Concat along channels of the non-zero CIN1..CIN4
 * - se: GlobalAveragePool -> Conv 1x1 C->C/4 -> Relu -> Conv 1x1 -> C -> HardSigmoid -> Mul with x
 * - split: Split along channels into two halves
 * - channelshuffle: Reshape [1, 2, C/2, HW, HW] -> Transpose -> Reshape back (2 groups)
 */

type Build = KernelGenerator['build'];

export const convBuild =
  (depthwise: boolean): Build =>
  (m, config, options) => {
    const cin = m.need(config, 'CIN');
    const cout = depthwise ? cin : m.need(config, 'COUT');
    const kernel = m.need(config, 'KERNEL_SIZE');
    const stride = m.need(config, 'STRIDES');
    const folded = options.bn === 'folded';
    let y = m.conv(m.spatialInput(cin), cin, cout, kernel, stride, m.hw, depthwise ? cin : 1, folded);
    if (!folded) y = m.batchNorm(y, cout);
    return [m.activation(y, options.activation ?? 'relu')];
  };

export const batchNormBuild =
  (relu: boolean): Build =>
  (m, config) => {
    const cin = m.need(config, 'CIN');
    const y = m.batchNorm(m.spatialInput(cin), cin);
    return [relu ? m.activation(y, 'relu') : y];
  };

export const activationBuild =
  (activation: 'relu' | 'hswish'): Build =>
  (m, config) => [m.activation(m.spatialInput(m.need(config, 'CIN')), activation)];

export const addBuild =
  (relu: boolean): Build =>
  (m, config) => {
    const x = m.spatialInput(m.need(config, 'CIN'));
    const y = m.b.node('Add', [x, x], {}, { name: m.name('add') });
    return [relu ? m.activation(y, 'relu') : y];
  };

export const poolBuild =
  (op: 'MaxPool' | 'AveragePool'): Build =>
  (m, config) => {
    const cin = m.need(config, 'CIN');
    const kernel = m.need(config, 'KERNEL_SIZE');
    const stride =
      config.POOL_STRIDES !== undefined ? m.need(config, 'POOL_STRIDES') : m.need(config, 'STRIDES');
    const attrs = sameAttrs(m.hw, kernel, stride);
    return [
      op === 'MaxPool'
        ? m.b.node('MaxPool', [m.spatialInput(cin)], attrs, { name: m.name('maxpool') })
        : m.b.node(
            'AveragePool',
            [m.spatialInput(cin)],
            { ...attrs, count_include_pad: 0 },
            { name: m.name('avgpool') },
          ),
    ];
  };

export const globalPoolBuild: Build = (m, config) => [
  m.b.node('GlobalAveragePool', [m.spatialInput(m.need(config, 'CIN'))], {}, { name: m.name('gap') }),
];

export const fcBuild: Build = (m, config, options) => {
  const cin = m.need(config, 'CIN');
  const cout = m.need(config, 'COUT');
  const x = m.b.input(m.name('input'), DataType.FLOAT, [1, cin]);
  const y = m.b.node(
    'Gemm',
    [x, m.b.weight(m.name('fc_w'), [cout, cin]), m.b.weight(m.name('fc_b'), [cout])],
    { transB: 1 },
    { name: m.name('fc') },
  );
  return [m.activation(y, options.activation ?? 'none')];
};

export const concatBuild: Build = (m, config: KernelConfig) => {
  const channels = (['CIN1', 'CIN2', 'CIN3', 'CIN4'] as const)
    .map((f) => m.need(config, f, 0))
    .filter((c) => c > 0);
  if (channels.length < 2)
    throw new KernelError(
      'concat config',
      `needs at least two non-zero inputs among CIN1..CIN4 (got ${channels.length})`,
    );
  const inputs = channels.map((c) => m.spatialInput(c));
  return [m.b.node('Concat', inputs, { axis: 1 }, { name: m.name('concat') })];
};

export const squeezeExciteBuild: Build = (m, config) => {
  const cin = m.need(config, 'CIN');
  const squeezed = Math.max(1, Math.floor(cin / 4));
  const x = m.spatialInput(cin);
  const pooled = m.b.node('GlobalAveragePool', [x], {}, { name: m.name('se_pool') });
  const reduce = m.activation(m.conv(pooled, cin, squeezed, 1, 1, 1, 1, true), 'relu');
  const expand = m.conv(reduce, squeezed, cin, 1, 1, 1, 1, true);
  const gate = m.b.node(
    'HardSigmoid',
    [expand],
    { alpha: float(1 / 6), beta: float(0.5) },
    { name: m.name('se_gate') },
  );
  return [m.b.node('Mul', [x, gate], {}, { name: m.name('se_mul') })];
};

export const splitBuild: Build = (m, config) => {
  const cin = m.need(config, 'CIN', 2);
  const half = Math.floor(cin / 2);
  const x = m.spatialInput(cin);
  const sizes = [half, cin - half];
  return m.opset >= 13
    ? m.b.nodeOutputs(
        'Split',
        [x, m.b.ints(m.name('split_sizes'), sizes)],
        { axis: 1 },
        { name: m.name('split'), outputs: 2 },
      )
    : m.b.nodeOutputs('Split', [x], { axis: 1, split: sizes }, { name: m.name('split'), outputs: 2 });
};

export const channelShuffleBuild: Build = (m, config) => {
  const cin = m.need(config, 'CIN', 2);
  if (cin % 2 !== 0)
    throw new KernelError('channelshuffle config', `CIN must be even for 2 groups (got ${cin})`);
  const hw = m.hw;
  const x = m.spatialInput(cin);
  const grouped = m.b.node(
    'Reshape',
    [x, m.b.ints(m.name('shape'), [1, 2, cin / 2, hw, hw])],
    {},
    { name: m.name('shuffle_reshape') },
  );
  const swapped = m.b.node(
    'Transpose',
    [grouped],
    { perm: [0, 2, 1, 3, 4] },
    { name: m.name('shuffle_transpose') },
  );
  return [
    m.b.node(
      'Reshape',
      [swapped, m.b.ints(m.name('shape'), [1, cin, hw, hw])],
      {},
      { name: m.name('shuffle_back') },
    ),
  ];
};
