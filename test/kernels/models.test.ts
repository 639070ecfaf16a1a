import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernels/types.js';
import { accountedNodes, analyseFile, countByType, sum, type Analysed } from './helpers.js';

const FIXTURES = new URL('../fixtures/models/', import.meta.url);

interface Reference {
  readonly macs: number;
  readonly onnx_params: number;
}
const reference = JSON.parse(readFileSync(new URL('reference.json', FIXTURES), 'utf8')) as Record<
  string,
  Reference
>;

const cache = new Map<string, Analysed>();
function model(name: string): Analysed {
  let a = cache.get(name);
  if (!a) cache.set(name, (a = analyseFile(new URL(`${name}.onnx.gz`, FIXTURES).pathname)));
  return a;
}

const activations = (kernels: readonly Kernel[], type: string) =>
  kernels
    .filter((k) => k.type === type)
    .reduce<Record<string, number>>((acc, k) => {
      const a = k.variant.activation ?? 'none';
      acc[a] = (acc[a] ?? 0) + 1;
      return acc;
    }, {});

describe('every fixture model', () => {
  for (const [name, ref] of Object.entries(reference)) {
    it(`${name}: MACs within 0.5% of the PyTorch count, params equal the initializers, every node once`, () => {
      const a = model(name);
      const { kernels, unattributedParams, warnings } = a.detection;
      const macs = sum(kernels, 'macs');
      expect(Math.abs(macs - ref.macs) / ref.macs).toBeLessThan(0.005);
      expect(sum(kernels, 'params')).toBe(ref.onnx_params);
      expect(unattributedParams).toBe(0);
      expect(accountedNodes(a)).toEqual({ missing: [], twice: [] });
      expect(warnings).toEqual([]);
      expect(kernels.filter((k) => k.type === 'others').map((k) => k.name)).toEqual([]);
      for (const k of kernels) {
        expect(k.bytes).toBe(k.inputBytes + k.outputBytes + k.weightBytes);
        expect(k.flops).toBeGreaterThanOrEqual(2 * k.macs);
      }
    });
  }
});

describe('kernel lists derived by hand', () => {
  /*
   * resnet18 (torchvision, BN folded by the exporter): stem conv 7x7/2 + ReLU, max pool; 8 BasicBlocks
   * (2 per stage): conv3x3 + ReLU, conv3x3, Add + ReLU; the first block of stages 2-4 adds a 1x1
   * downsample conv. Convs: 1 + 2*8 + 3 = 20, of which ReLU-fused: stem + first conv of each block = 9,
   * no activation: 8 second convs + 3 downsamples = 11. addrelu: 8. Then global pool and
   * Flatten + Gemm (one fc). Total 20 + 1 + 8 + 1 + 1 = 31.
   */
  const resnet18 = { 'conv-bn-relu': 20, maxpool: 1, addrelu: 8, 'global-avgpool': 1, fc: 1 };

  it('resnet18', () => {
    const { kernels, folded } = model('resnet18').detection;
    expect(countByType(kernels)).toEqual(resnet18);
    expect(activations(kernels, 'conv-bn-relu')).toEqual({ relu: 9, none: 11 });
    expect(kernels.every((k) => k.type !== 'conv-bn-relu' || k.variant.bn === 'folded')).toBe(true);
    expect(folded).toEqual([]);
    const fc = kernels.find((k) => k.type === 'fc')!;
    expect(fc.opTypes).toEqual(['Flatten', 'Gemm']);
    expect(fc.features).toMatchObject({ CIN: 512, COUT: 1000 });
    const stem = kernels[0]!;
    expect(stem.features).toMatchObject({ HW: 224, CIN: 3, COUT: 64, KERNEL_SIZE: 7, STRIDES: 2 });
    expect(kernels[1]!.features).toEqual({ HW: 112, CIN: 64, KERNEL_SIZE: 3, POOL_STRIDES: 2 });
  });

  it('resnet18_bn (BN kept as nodes) gives the same kernels as resnet18', () => {
    const folded = model('resnet18').detection.kernels;
    const separate = model('resnet18_bn').detection;
    expect(countByType(separate.kernels)).toEqual(resnet18);
    // The 32 Identity nodes share BN statistics between layers: folded, their initializers counted once.
    expect(separate.folded.map((f) => f.reason)).toEqual(new Array<string>(32).fill('identity'));
    expect(separate.kernels.map((k) => [k.name, k.type, k.variant.activation, k.features])).toEqual(
      folded.map((k) => [k.name, k.type, k.variant.activation, k.features]),
    );
    expect(separate.kernels.map((k) => k.flops)).toEqual(folded.map((k) => k.flops));
    const convs = separate.kernels.filter((k) => k.type === 'conv-bn-relu');
    expect(convs.every((k) => k.variant.bn === 'separate' && k.opTypes.includes('BatchNormalization'))).toBe(
      true,
    );
  });

  /*
   * mobilenet_v2 (BN folded, ReLU6 exported as Clip with Constant bounds): stem conv3x3/2 + ReLU6;
   * block t=1: dw3x3 + ReLU6, 1x1 projection; 16 blocks t=6: 1x1 expansion + ReLU6, dw3x3 + ReLU6,
   * 1x1 projection; head conv1x1 + ReLU6. conv: 1 + 1 + 16*2 + 1 = 35 (ReLU6: 1 + 16 + 1 = 18,
   * none: 17 projections); dwconv: 1 + 16 = 17, all ReLU6. Residual Adds where stride 1 and channels
   * match: the (t,c,n,s) table repeats n = 1,2,3,4,3,3,1 give sum(n-1) = 10. Then pool and fc.
   * Total 35 + 17 + 10 + 1 + 1 = 64; the 70 Constant nodes (35 Clips x min, max) are folded.
   */
  it('mobilenet_v2', () => {
    const { kernels, folded } = model('mobilenet_v2').detection;
    expect(countByType(kernels)).toEqual({
      'conv-bn-relu': 35,
      'dwconv-bn-relu': 17,
      add: 10,
      'global-avgpool': 1,
      fc: 1,
    });
    expect(activations(kernels, 'conv-bn-relu')).toEqual({ relu6: 18, none: 17 });
    expect(activations(kernels, 'dwconv-bn-relu')).toEqual({ relu6: 17 });
    expect(folded.length).toBe(70);
    expect(folded.every((f) => f.reason === 'constant')).toBe(true);
  });

  /*
   * shufflenet_v2_x1_0: stem conv3x3/2 + ReLU, max pool; stages of 4, 8, 4 blocks. A first (stride 2)
   * block: branch1 dw3x3/2 (no activation) + 1x1 + ReLU, branch2 1x1 + ReLU, dw3x3/2, 1x1 + ReLU,
   * then Concat and channel shuffle: 3 conv, 2 dwconv. The other 13 blocks: split (two Slices of
   * the input), branch2 (2 conv, 1 dwconv), Concat, channel shuffle. conv: 1 + 3*3 + 13*2 + head
   * 1x1 = 37; dwconv: 3*2 + 13 = 19; concat and channelshuffle: 16 each; split: 13; global pool
   * (ReduceMean over H,W) and Gemm. Total 104. The Slice bounds come from Shape -> Gather -> Add ->
   * Div -> Mul, Mul: 6 nodes x 13 = 78 shape-arithmetic nodes, plus 110 Constant nodes, folded.
   */
  it('shufflenet_v2_x1_0', () => {
    const { kernels, folded } = model('shufflenet_v2_x1_0').detection;
    expect(countByType(kernels)).toEqual({
      'conv-bn-relu': 37,
      maxpool: 1,
      'dwconv-bn-relu': 19,
      concat: 16,
      channelshuffle: 16,
      split: 13,
      'global-avgpool': 1,
      fc: 1,
    });
    expect(activations(kernels, 'dwconv-bn-relu')).toEqual({ none: 19 });
    expect(folded.filter((f) => f.reason === 'shape-arithmetic').length).toBe(78);
    expect(folded.filter((f) => f.reason === 'constant').length).toBe(110);
    const shuffle = kernels.find((k) => k.type === 'channelshuffle')!;
    expect(shuffle.opTypes).toEqual(['Reshape', 'Transpose', 'Reshape']);
    expect(shuffle.features).toEqual({ HW: 28, CIN: 116 });
    const split = kernels.find((k) => k.type === 'split')!;
    expect(split.opTypes).toEqual(['Slice', 'Slice']);
    expect(split.outputShapes).toEqual([
      [1, 58, 28, 28],
      [1, 58, 28, 28],
    ]);
  });

  /*
   * efficientnet_b0 (SiLU exported as Sigmoid + Mul): stem conv3x3/2 + swish; 16 MBConv blocks (stages
   * of 1, 2, 2, 3, 3, 4, 1): 1x1 expansion + swish (not in the first block, t=1), dw + swish, SE
   * (GlobalAveragePool, 1x1 conv, swish, 1x1 conv, Sigmoid, Mul), 1x1 projection; head 1x1 + swish.
   * conv: 1 + 15 + 16 + 1 = 33 (swish: 17, none: 16); dwconv: 16 (swish); se: 16; residual Adds in
   * every block but the first of a stage: 0+1+1+2+2+3+0 = 9; pool and fc. Total 76.
   */
  it('efficientnet_b0', () => {
    const { kernels, folded } = model('efficientnet_b0').detection;
    expect(countByType(kernels)).toEqual({
      'conv-bn-relu': 33,
      'dwconv-bn-relu': 16,
      se: 16,
      add: 9,
      'global-avgpool': 1,
      fc: 1,
    });
    expect(activations(kernels, 'conv-bn-relu')).toEqual({ swish: 17, none: 16 });
    expect(activations(kernels, 'dwconv-bn-relu')).toEqual({ swish: 16 });
    expect(folded).toEqual([]);
    const se = kernels.find((k) => k.type === 'se')!;
    expect(se.opTypes).toEqual(['GlobalAveragePool', 'Conv', 'Sigmoid', 'Mul', 'Conv', 'Sigmoid', 'Mul']);
    expect(se.variant).toEqual({ activation: 'swish', note: 'gate sigmoid' });
    expect(se.features).toEqual({ HW: 112, CIN: 32 });
    // SE of block 1: 1x1 convs 32 -> 8 -> 32 on the pooled 1x1 map.
    expect(se.macs).toBe(32 * 8 + 8 * 32);
  });

  it('mobilenet_v3_small: hswish as x * HardSigmoid(x), SE gated by HardSigmoid', () => {
    const { kernels } = model('mobilenet_v3_small').detection;
    expect(countByType(kernels)).toMatchObject({ se: 9, 'global-avgpool': 1, fc: 2 });
    expect(activations(kernels, 'conv-bn-relu').hswish).toBeGreaterThan(0);
    const se = kernels.find((k) => k.type === 'se')!;
    expect(se.variant).toEqual({ activation: 'relu', note: 'gate hsigmoid' });
    const head = kernels.find((k) => k.type === 'fc')!;
    expect(head.opTypes).toEqual(['Flatten', 'Gemm', 'HardSigmoid', 'Mul']);
  });
});
