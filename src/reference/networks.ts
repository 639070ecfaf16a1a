import { ModelBuilder } from '../onnx/builder.js';
import { DataType } from '../onnx/types.js';

/**
 * Reference networks made with the ONNX builder, as an exporter writes them (BN folded into conv bias,
 * NCHW, batch 1, zero weights: analysis and prediction never read weight values). They are the
 * applications and model families DeepEn2023 measured and that torchvision does not ship: MobileNetV1
 * (application DNN7), EfficientNet-Lite0 (DNN5), AlexNet and ProxylessNAS-Mobile (model-level families).
 */

type Act = 'relu' | 'relu6' | 'none';

class Net {
  readonly b: ModelBuilder;
  private n = 0;
  constructor(readonly name: string) {
    this.b = new ModelBuilder({ opset: 13, producer: 'model-energy-check reference networks' });
  }

  private id(kind: string): string {
    this.n += 1;
    return `${kind}${this.n}`;
  }

  conv(
    x: string,
    cin: number,
    cout: number,
    k: number,
    s = 1,
    options: { groups?: number; act?: Act; pad?: number } = {},
  ): string {
    const groups = options.groups ?? 1;
    const name = this.id('conv');
    const w = this.b.weight(`${name}.weight`, [cout, cin / groups, k, k]);
    const bias = this.b.weight(`${name}.bias`, [cout]);
    const p = options.pad ?? Math.floor(k / 2);
    let y = this.b.node(
      'Conv',
      [x, w, bias],
      { kernel_shape: [k, k], strides: [s, s], pads: [p, p, p, p], group: groups, dilations: [1, 1] },
      { name },
    );
    y = this.act(y, options.act ?? 'relu');
    return y;
  }

  act(x: string, act: Act): string {
    if (act === 'relu') return this.b.node('Relu', [x], {}, { name: this.id('relu') });
    if (act === 'relu6') {
      const lo = this.b.initializer(this.id('min'), { dataType: DataType.FLOAT, dims: [], values: [0] });
      const hi = this.b.initializer(this.id('max'), { dataType: DataType.FLOAT, dims: [], values: [6] });
      return this.b.node('Clip', [x, lo, hi], {}, { name: this.id('clip') });
    }
    return x;
  }

  maxpool(x: string, k: number, s: number, pad = 0, ceil = 0): string {
    return this.b.node(
      'MaxPool',
      [x],
      { kernel_shape: [k, k], strides: [s, s], pads: [pad, pad, pad, pad], ceil_mode: ceil },
      { name: this.id('maxpool') },
    );
  }

  avgpool(x: string, k: number, s: number): string {
    return this.b.node(
      'AveragePool',
      [x],
      { kernel_shape: [k, k], strides: [s, s] },
      { name: this.id('avgpool') },
    );
  }

  classifier(x: string, cin: number, classes = 1000): string {
    const gap = this.b.node('GlobalAveragePool', [x], {}, { name: this.id('gap') });
    const flat = this.b.node('Flatten', [gap], { axis: 1 }, { name: this.id('flatten') });
    return this.fc(flat, cin, classes, 'none');
  }

  fc(x: string, cin: number, cout: number, act: Act): string {
    const name = this.id('fc');
    const w = this.b.weight(`${name}.weight`, [cout, cin]);
    const bias = this.b.weight(`${name}.bias`, [cout]);
    return this.act(this.b.node('Gemm', [x, w, bias], { transB: 1 }, { name }), act);
  }

  add(a: string, b: string): string {
    return this.b.node('Add', [a, b], {}, { name: this.id('add') });
  }

  finish(y: string): Uint8Array {
    this.b.output(y, DataType.FLOAT, [1, 1000]);
    return this.b.encode();
  }
}

/** MobileNetV1 1.0-224 (Howard et al. 2017) with ReLU6 as in TFLite's model: DeepEn2023's DNN7. */
export function mobilenetV1(resolution = 224): Uint8Array {
  const net = new Net('mobilenet_v1');
  let x = net.b.input('input', DataType.FLOAT, [1, 3, resolution, resolution]);
  x = net.conv(x, 3, 32, 3, 2, { act: 'relu6' });
  const blocks: [number, number, number][] = [
    [32, 64, 1],
    [64, 128, 2],
    [128, 128, 1],
    [128, 256, 2],
    [256, 256, 1],
    [256, 512, 2],
    [512, 512, 1],
    [512, 512, 1],
    [512, 512, 1],
    [512, 512, 1],
    [512, 512, 1],
    [512, 1024, 2],
    [1024, 1024, 1],
  ];
  for (const [cin, cout, s] of blocks) {
    x = net.conv(x, cin, cin, 3, s, { groups: cin, act: 'relu6' });
    x = net.conv(x, cin, cout, 1, 1, { act: 'relu6' });
  }
  return net.finish(net.classifier(x, 1024));
}

/** An inverted-residual (MBConv) block without squeeze-excitation. */
function mbconv(
  net: Net,
  x: string,
  cin: number,
  cout: number,
  k: number,
  s: number,
  expand: number,
  act: Act,
): string {
  const hidden = cin * expand;
  let y = x;
  if (expand !== 1) y = net.conv(y, cin, hidden, 1, 1, { act });
  y = net.conv(y, hidden, hidden, k, s, { groups: hidden, act });
  y = net.conv(y, hidden, cout, 1, 1, { act: 'none' });
  return s === 1 && cin === cout ? net.add(x, y) : y;
}

/** EfficientNet-Lite0 (EfficientNet-B0 without squeeze-excitation, ReLU6, fixed stem and head): DNN5. */
export function efficientnetLite0(resolution = 224): Uint8Array {
  const net = new Net('efficientnet_lite0');
  let x = net.b.input('input', DataType.FLOAT, [1, 3, resolution, resolution]);
  x = net.conv(x, 3, 32, 3, 2, { act: 'relu6' });
  // [expand, kernel, stride, cin, cout, repeats] of EfficientNet-B0.
  const stages: [number, number, number, number, number, number][] = [
    [1, 3, 1, 32, 16, 1],
    [6, 3, 2, 16, 24, 2],
    [6, 5, 2, 24, 40, 2],
    [6, 3, 2, 40, 80, 3],
    [6, 5, 1, 80, 112, 3],
    [6, 5, 2, 112, 192, 4],
    [6, 3, 1, 192, 320, 1],
  ];
  for (const [e, k, s, cin, cout, r] of stages) {
    for (let i = 0; i < r; i++)
      x = mbconv(net, x, i === 0 ? cin : cout, cout, k, i === 0 ? s : 1, e, 'relu6');
  }
  x = net.conv(x, 320, 1280, 1, 1, { act: 'relu6' });
  return net.finish(net.classifier(x, 1280));
}

/** AlexNet as torchvision defines it (Krizhevsky et al. 2012, single-tower variant). */
export function alexnet(): Uint8Array {
  const net = new Net('alexnet');
  let x = net.b.input('input', DataType.FLOAT, [1, 3, 224, 224]);
  x = net.maxpool(net.conv(x, 3, 64, 11, 4, { pad: 2 }), 3, 2);
  x = net.maxpool(net.conv(x, 64, 192, 5, 1, { pad: 2 }), 3, 2);
  x = net.conv(x, 192, 384, 3, 1);
  x = net.conv(x, 384, 256, 3, 1);
  x = net.maxpool(net.conv(x, 256, 256, 3, 1), 3, 2);
  // torchvision's AdaptiveAvgPool2d((6, 6)) is the identity at 224x224 input (the map is already 6x6).
  x = net.b.node('Flatten', [x], { axis: 1 }, { name: 'flatten' });
  x = net.fc(x, 256 * 6 * 6, 4096, 'relu');
  x = net.fc(x, 4096, 4096, 'relu');
  return net.finish(net.fc(x, 4096, 1000, 'none'));
}

/**
 * ProxylessNAS-Mobile (Cai et al. 2019), block list after the searched mobile architecture: MBConv
 * blocks with expansion 3 or 6 and kernels 3, 5 or 7. A nominal member of the family, not a weight-exact copy.
 */
export function proxylessMobile(): Uint8Array {
  const net = new Net('proxyless_mobile');
  let x = net.b.input('input', DataType.FLOAT, [1, 3, 224, 224]);
  x = net.conv(x, 3, 32, 3, 2, { act: 'relu6' });
  x = mbconv(net, x, 32, 16, 3, 1, 1, 'relu6');
  // [cout, stride of first block, [expand, kernel] per block]
  const stages: [number, number, [number, number][]][] = [
    [
      32,
      2,
      [
        [3, 5],
        [3, 3],
        [3, 7],
        [3, 3],
      ],
    ],
    [
      40,
      2,
      [
        [6, 7],
        [3, 3],
        [3, 5],
        [3, 5],
      ],
    ],
    [
      80,
      2,
      [
        [6, 7],
        [3, 5],
        [3, 5],
        [3, 5],
      ],
    ],
    [
      96,
      1,
      [
        [6, 5],
        [3, 5],
        [3, 5],
        [3, 5],
      ],
    ],
    [
      192,
      2,
      [
        [6, 7],
        [6, 7],
        [3, 7],
        [3, 7],
      ],
    ],
    [320, 1, [[6, 7]]],
  ];
  let cin = 16;
  for (const [cout, stride, blocks] of stages) {
    blocks.forEach(([e, k], i) => {
      x = mbconv(net, x, cin, cout, k, i === 0 ? stride : 1, e, 'relu6');
      cin = cout;
    });
  }
  x = net.conv(x, 320, 1280, 1, 1, { act: 'relu6' });
  return net.finish(net.classifier(x, 1280));
}

/** SqueezeNet 1.0 (Iandola et al. 2016) as torchvision defines it: the family's original, 0.82 GMACs. */
export function squeezenet10(): Uint8Array {
  const net = new Net('squeezenet1_0');
  let x = net.b.input('input', DataType.FLOAT, [1, 3, 224, 224]);
  x = net.maxpool(net.conv(x, 3, 96, 7, 2, { pad: 0 }), 3, 2, 0, 1);
  const fire = (input: string, cin: number, squeeze: number, expand: number): string => {
    const s = net.conv(input, cin, squeeze, 1, 1);
    const e1 = net.conv(s, squeeze, expand, 1, 1);
    const e3 = net.conv(s, squeeze, expand, 3, 1);
    return net.b.node('Concat', [e1, e3], { axis: 1 }, { name: `${e1}_concat` });
  };
  x = fire(x, 96, 16, 64);
  x = fire(x, 128, 16, 64);
  x = fire(x, 128, 32, 128);
  x = net.maxpool(x, 3, 2, 0, 1);
  x = fire(x, 256, 32, 128);
  x = fire(x, 256, 48, 192);
  x = fire(x, 384, 48, 192);
  x = fire(x, 384, 64, 256);
  x = net.maxpool(x, 3, 2, 0, 1);
  x = fire(x, 512, 64, 256);
  x = net.conv(x, 512, 1000, 1, 1, { pad: 0 });
  const gap = net.b.node('GlobalAveragePool', [x], {}, { name: 'gap' });
  return net.finish(net.b.node('Flatten', [gap], { axis: 1 }, { name: 'flatten' }));
}

/** Networks by name, for the accuracy report and the score reference. */
export const REFERENCE_NETWORKS: Readonly<Record<string, () => Uint8Array>> = {
  mobilenet_v1: () => mobilenetV1(),
  efficientnet_lite0: () => efficientnetLite0(),
  alexnet,
  proxyless_mobile: proxylessMobile,
  squeezenet1_0: squeezenet10,
};
