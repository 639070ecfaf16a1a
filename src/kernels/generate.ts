import { ModelBuilder, float } from '../onnx/builder.js';
import { decodeModelBytes } from '../onnx/decode.js';
import { indexGraph } from '../onnx/graph.js';
import { inferShapes } from '../onnx/shapes.js';
import { DataType } from '../onnx/types.js';
import { detectKernels } from './detect.js';
import { KernelError, type Kernel, type KernelConfig, type KernelType } from './types.js';

/**
 * One-kernel ONNX models from DeepEn2023 configurations, built the way nn-Meter's TensorFlow kernel
 * builders build them (the dataset's kernels): NCHW, batch 1, float32, zero weights, and TF "same"
 * padding (output = ceil(HW / stride), the odd padding pixel at the end). Training turns every
 * dataset row into features through kernelFromConfig, and measurement runs buildKernelModel's
 * models, so features from configurations and from real models come from the same code.
 *
 * Shapes per type (C = CIN):
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

export type GeneratedActivation = 'none' | 'relu' | 'relu6' | 'hswish' | 'swish' | 'sigmoid';

export interface KernelModelOptions {
  /** ONNX opset (default 13). HardSwish exists from opset 14; below it hswish is x * HardSigmoid(x). */
  readonly opset?: number;
  /** conv kernels: BN as its own node ('separate', default, as nn-Meter builds them) or folded into the conv bias. */
  readonly bn?: 'separate' | 'folded';
  /** Activation of conv, dwconv and fc kernels (default relu for convs, none for fc, as in the dataset). */
  readonly activation?: GeneratedActivation;
}

/** The kernel types buildKernelModel makes: those of the measured dataset. */
export const GENERATED_TYPES = [
  'conv-bn-relu',
  'dwconv-bn-relu',
  'bnrelu',
  'bn',
  'relu',
  'hswish',
  'add',
  'addrelu',
  'maxpool',
  'avgpool',
  'global-avgpool',
  'fc',
  'concat',
  'se',
  'split',
  'channelshuffle',
] as const satisfies readonly KernelType[];

const SPATIAL_TYPES = new Set<KernelType>(GENERATED_TYPES.filter((t) => t !== 'fc' && t !== 'concat'));

function need(type: KernelType, config: KernelConfig, field: keyof KernelConfig, minimum = 1): number {
  const v = config[field];
  if (v === undefined || !Number.isSafeInteger(v) || v < minimum) {
    throw new KernelError(
      `${type} config`,
      `${field} must be an integer >= ${minimum} (got ${v === undefined ? 'nothing' : v})`,
    );
  }
  return v;
}

/** TF "same" padding along one axis: [begin, end]. */
export function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

function sameAttrs(hw: number, kernel: number, stride: number) {
  const [begin, end] = samePadding(hw, kernel, stride);
  return { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [begin, begin, end, end] };
}

class KernelModel {
  readonly b: ModelBuilder;
  private count = 0;
  constructor(readonly opset: number) {
    this.b = new ModelBuilder({ opset, producer: 'model-energy-check kernel generator' });
  }
  name(prefix: string): string {
    this.count += 1;
    return `${prefix}_${this.count}`;
  }
  batchNorm(x: string, channels: number): string {
    const w = (what: string, value: number) =>
      this.b.weight(this.name(`bn_${what}`), [channels], new Array<number>(channels).fill(value));
    return this.b.node(
      'BatchNormalization',
      [x, w('scale', 1), w('bias', 0), w('mean', 0), w('var', 1)],
      { epsilon: float(1e-3) },
      { name: this.name('bn') },
    );
  }
  activation(x: string, act: GeneratedActivation): string {
    const opts = { name: this.name(act) };
    switch (act) {
      case 'none':
        return x;
      case 'relu':
        return this.b.node('Relu', [x], {}, opts);
      case 'relu6':
        if (this.opset < 11) return this.b.node('Clip', [x], { min: float(0), max: float(6) }, opts);
        return this.b.node('Clip', [x, this.scalar(0), this.scalar(6)], {}, opts);
      case 'sigmoid':
        return this.b.node('Sigmoid', [x], {}, opts);
      case 'swish':
        return this.b.node('Mul', [x, this.b.node('Sigmoid', [x], {}, opts)], {}, { name: this.name('mul') });
      case 'hswish':
        if (this.opset >= 14) return this.b.node('HardSwish', [x], {}, opts);
        return this.b.node(
          'Mul',
          [x, this.b.node('HardSigmoid', [x], { alpha: float(1 / 6), beta: float(0.5) }, opts)],
          {},
          { name: this.name('mul') },
        );
    }
  }
  scalar(value: number): string {
    return this.b.initializer(this.name('const'), { dataType: DataType.FLOAT, dims: [], values: [value] });
  }
  conv(
    x: string,
    cin: number,
    cout: number,
    kernel: number,
    stride: number,
    hw: number,
    group: number,
    bias: boolean,
  ): string {
    const w = this.b.weight(this.name('conv_w'), [cout, cin / group, kernel, kernel]);
    const inputs = bias ? [x, w, this.b.weight(this.name('conv_b'), [cout])] : [x, w];
    return this.b.node(
      'Conv',
      inputs,
      { ...sameAttrs(hw, kernel, stride), group, dilations: [1, 1] },
      { name: this.name('conv') },
    );
  }
  finish(outputs: readonly string[]): Uint8Array {
    for (const o of outputs) this.b.output(o, DataType.FLOAT);
    return this.b.encode();
  }
}

/** Builds the one-kernel ONNX model of a dataset kernel type and configuration. */
export function buildKernelModel(
  type: KernelType,
  config: KernelConfig,
  options: KernelModelOptions = {},
): Uint8Array {
  const m = new KernelModel(options.opset ?? 13);
  const b = m.b;
  const hw = SPATIAL_TYPES.has(type) ? need(type, config, 'HW') : 0;
  const spatialInput = (channels: number) => b.input(m.name('input'), DataType.FLOAT, [1, channels, hw, hw]);

  switch (type) {
    case 'conv-bn-relu':
    case 'dwconv-bn-relu': {
      const cin = need(type, config, 'CIN');
      const depthwise = type === 'dwconv-bn-relu';
      const cout = depthwise ? cin : need(type, config, 'COUT');
      const kernel = need(type, config, 'KERNEL_SIZE');
      const stride = need(type, config, 'STRIDES');
      const folded = options.bn === 'folded';
      let y = m.conv(spatialInput(cin), cin, cout, kernel, stride, hw, depthwise ? cin : 1, folded);
      if (!folded) y = m.batchNorm(y, cout);
      return m.finish([m.activation(y, options.activation ?? 'relu')]);
    }
    case 'bnrelu':
    case 'bn': {
      const cin = need(type, config, 'CIN');
      const y = m.batchNorm(spatialInput(cin), cin);
      return m.finish([type === 'bnrelu' ? m.activation(y, 'relu') : y]);
    }
    case 'relu':
      return m.finish([m.activation(spatialInput(need(type, config, 'CIN')), 'relu')]);
    case 'hswish':
      return m.finish([m.activation(spatialInput(need(type, config, 'CIN')), 'hswish')]);
    case 'add':
    case 'addrelu': {
      const x = spatialInput(need(type, config, 'CIN'));
      const y = b.node('Add', [x, x], {}, { name: m.name('add') });
      return m.finish([type === 'addrelu' ? m.activation(y, 'relu') : y]);
    }
    case 'maxpool':
    case 'avgpool': {
      const cin = need(type, config, 'CIN');
      const kernel = need(type, config, 'KERNEL_SIZE');
      const stride =
        config.POOL_STRIDES !== undefined
          ? need(type, config, 'POOL_STRIDES')
          : need(type, config, 'STRIDES');
      const attrs = sameAttrs(hw, kernel, stride);
      const y =
        type === 'maxpool'
          ? b.node('MaxPool', [spatialInput(cin)], attrs, { name: m.name('maxpool') })
          : b.node(
              'AveragePool',
              [spatialInput(cin)],
              { ...attrs, count_include_pad: 0 },
              { name: m.name('avgpool') },
            );
      return m.finish([y]);
    }
    case 'global-avgpool':
      return m.finish([
        b.node('GlobalAveragePool', [spatialInput(need(type, config, 'CIN'))], {}, { name: m.name('gap') }),
      ]);
    case 'fc': {
      const cin = need(type, config, 'CIN');
      const cout = need(type, config, 'COUT');
      const x = b.input(m.name('input'), DataType.FLOAT, [1, cin]);
      const y = b.node(
        'Gemm',
        [x, b.weight(m.name('fc_w'), [cout, cin]), b.weight(m.name('fc_b'), [cout])],
        { transB: 1 },
        { name: m.name('fc') },
      );
      return m.finish([m.activation(y, options.activation ?? 'none')]);
    }
    case 'concat': {
      const hwConcat = need(type, config, 'HW');
      const channels = (['CIN1', 'CIN2', 'CIN3', 'CIN4'] as const)
        .map((f) => need(type, config, f, 0))
        .filter((c) => c > 0);
      if (channels.length < 2)
        throw new KernelError(
          'concat config',
          `needs at least two non-zero inputs among CIN1..CIN4 (got ${channels.length})`,
        );
      const inputs = channels.map((c) =>
        b.input(m.name('input'), DataType.FLOAT, [1, c, hwConcat, hwConcat]),
      );
      return m.finish([b.node('Concat', inputs, { axis: 1 }, { name: m.name('concat') })]);
    }
    case 'se': {
      const cin = need(type, config, 'CIN');
      const squeezed = Math.max(1, Math.floor(cin / 4));
      const x = spatialInput(cin);
      const pooled = b.node('GlobalAveragePool', [x], {}, { name: m.name('se_pool') });
      const reduce = m.activation(m.conv(pooled, cin, squeezed, 1, 1, 1, 1, true), 'relu');
      const expand = m.conv(reduce, squeezed, cin, 1, 1, 1, 1, true);
      const gate = b.node(
        'HardSigmoid',
        [expand],
        { alpha: float(1 / 6), beta: float(0.5) },
        { name: m.name('se_gate') },
      );
      return m.finish([b.node('Mul', [x, gate], {}, { name: m.name('se_mul') })]);
    }
    case 'split': {
      const cin = need(type, config, 'CIN', 2);
      const half = Math.floor(cin / 2);
      const x = spatialInput(cin);
      const sizes = [half, cin - half];
      const outputs =
        m.opset >= 13
          ? b.nodeOutputs(
              'Split',
              [x, b.ints(m.name('split_sizes'), sizes)],
              { axis: 1 },
              { name: m.name('split'), outputs: 2 },
            )
          : b.nodeOutputs('Split', [x], { axis: 1, split: sizes }, { name: m.name('split'), outputs: 2 });
      return m.finish(outputs);
    }
    case 'channelshuffle': {
      const cin = need(type, config, 'CIN', 2);
      if (cin % 2 !== 0)
        throw new KernelError('channelshuffle config', `CIN must be even for 2 groups (got ${cin})`);
      const x = spatialInput(cin);
      const grouped = b.node(
        'Reshape',
        [x, b.ints(m.name('shape'), [1, 2, cin / 2, hw, hw])],
        {},
        { name: m.name('shuffle_reshape') },
      );
      const swapped = b.node(
        'Transpose',
        [grouped],
        { perm: [0, 2, 1, 3, 4] },
        { name: m.name('shuffle_transpose') },
      );
      return m.finish([
        b.node(
          'Reshape',
          [swapped, b.ints(m.name('shape'), [1, cin, hw, hw])],
          {},
          { name: m.name('shuffle_back') },
        ),
      ]);
    }
    default:
      throw new KernelError(
        `${type} config`,
        `no generator for kernel type '${type}' (the dataset's types are ${GENERATED_TYPES.join(', ')})`,
      );
  }
}

/**
 * The kernel a configuration describes, analysed by the same code as real models: builds the model,
 * decodes, indexes, infers shapes and detects. Throws KernelError unless exactly one kernel of the
 * intended type comes back.
 */
export function kernelFromConfig(
  type: KernelType,
  config: KernelConfig,
  options: KernelModelOptions = {},
): Kernel {
  const where = `${type} ${JSON.stringify(config)}`;
  const bytes = buildKernelModel(type, config, options);
  const model = decodeModelBytes(bytes, { path: `<kernel ${type}>` });
  const index = indexGraph(model.graph, model.path);
  const shapes = inferShapes(model, index);
  if (shapes.unresolved.length > 0)
    throw new KernelError(where, `shapes could not be inferred (${shapes.warnings.join('; ')})`);
  const detection = detectKernels(model, index, shapes);
  const kinds = detection.kernels.map((k) => `${k.type} [${k.opTypes.join('+')}]`);
  const kernel = detection.kernels[0];
  if (detection.kernels.length !== 1 || !kernel || kernel.type !== type) {
    throw new KernelError(
      where,
      `the generated model analyses to ${kinds.length} kernel(s) (${kinds.join(', ')}), not one ${type}`,
    );
  }
  return kernel;
}
