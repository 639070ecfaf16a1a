import { ModelBuilder, float } from '../onnx/builder.js';
import { DataType } from '../onnx/types.js';
import { KernelError, type KernelConfig } from './types.js';
import { sameAttrs, samePadding } from './padding.js';

export { samePadding };

/**
 * The model a kernel generator (a catalog entry's `generator`) builds into: NCHW, batch 1, float32,
 * zero weights, TF "same" padding (output = ceil(HW / stride), the odd padding pixel at the end), as
 * nn-Meter's TensorFlow kernel builders build the dataset's kernels.
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

/** A configuration field a type needs: an integer at least `minimum`, else a KernelError naming it. */
export function needField(
  type: string,
  config: KernelConfig,
  field: keyof KernelConfig,
  minimum = 1,
): number {
  const v = config[field];
  if (v === undefined || !Number.isSafeInteger(v) || v < minimum) {
    throw new KernelError(
      `${type} config`,
      `${field} must be an integer >= ${minimum} (got ${v === undefined ? 'nothing' : v})`,
    );
  }
  return v;
}

export class KernelModel {
  readonly b: ModelBuilder;
  private count = 0;
  /**
   * @param hw the input side, already checked (0 for types without HW)
   */
  constructor(
    readonly type: string,
    readonly opset: number,
    readonly hw: number,
  ) {
    this.b = new ModelBuilder({ opset, producer: 'model-energy-check kernel generator' });
  }
  /** A configuration field the type needs (see needField). */
  need(config: KernelConfig, field: keyof KernelConfig, minimum = 1): number {
    return needField(this.type, config, field, minimum);
  }
  name(prefix: string): string {
    this.count += 1;
    return `${prefix}_${this.count}`;
  }
  /** An input of [1, channels, HW, HW]. */
  spatialInput(channels: number): string {
    return this.b.input(this.name('input'), DataType.FLOAT, [1, channels, this.hw, this.hw]);
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
