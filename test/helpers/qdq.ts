import protobuf from 'protobufjs';
import { ModelBuilder, type GraphBuilder } from '../../src/onnx/builder.js';
import descriptor from '../../src/onnx/onnx-proto.json' with { type: 'json' };
import { DataType } from '../../src/onnx/types.js';

/**
 * One small network (Conv 3x3 3->32 + ReLU at 56x56, global average pool, FC 32->10) in the three forms
 * quantization tools write: fp32, QDQ (onnxruntime's quantize_static default: QuantizeLinear/
 * DequantizeLinear pairs around float ops, int8 weights) and QOperator (QLinearConv, QLinearMatMul).
 */
const scalar = (b: GraphBuilder, name: string, dataType: DataType, value: number) =>
  b.initializer(name, { dataType, dims: [], values: [value] });

export function fp32Model(): Uint8Array {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', DataType.FLOAT, [1, 3, 56, 56]);
  const conv = b.node('Conv', [x, b.weight('w', [32, 3, 3, 3]), b.weight('bias', [32])], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
  });
  const relu = b.node('Relu', [conv]);
  const pooled = b.node('GlobalAveragePool', [relu]);
  const flat = b.node('Flatten', [pooled]);
  b.node(
    'Gemm',
    [flat, b.weight('fc', [10, 32]), b.weight('fcb', [10])],
    { transB: 1 },
    { outputNames: ['y'] },
  );
  b.output('y', DataType.FLOAT, [1, 10]);
  return b.encode();
}

export function qdqModel(): Uint8Array {
  const b = new ModelBuilder({ opset: 17 });
  const s = scalar(b, 's', DataType.FLOAT, 0.05);
  const zp = scalar(b, 'zp', DataType.UINT8, 128);
  const wzp = scalar(b, 'wzp', DataType.INT8, 0);
  const q = (v: string) => b.node('DequantizeLinear', [b.node('QuantizeLinear', [v, s, zp]), s, zp]);
  const weight = (name: string, dims: number[]) =>
    b.node('DequantizeLinear', [b.initializer(name, { dataType: DataType.INT8, dims }), s, wzp]);
  const x = b.input('x', DataType.FLOAT, [1, 3, 56, 56]);
  const conv = b.node('Conv', [q(x), weight('w', [32, 3, 3, 3]), b.weight('bias', [32])], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
  });
  const relu = q(b.node('Relu', [conv]));
  const pooled = q(b.node('GlobalAveragePool', [relu]));
  const flat = b.node('Flatten', [pooled]);
  b.node(
    'Gemm',
    [flat, weight('fc', [10, 32]), b.weight('fcb', [10])],
    { transB: 1 },
    { outputNames: ['y'] },
  );
  b.output('y', DataType.FLOAT, [1, 10]);
  return b.encode();
}

export function qlinearModel(): Uint8Array {
  const b = new ModelBuilder({ opset: 17 });
  const s = scalar(b, 's', DataType.FLOAT, 0.05);
  const zp = scalar(b, 'zp', DataType.UINT8, 128);
  const wzp = scalar(b, 'wzp', DataType.UINT8, 128);
  const x = b.input('x', DataType.FLOAT, [1, 3, 56, 56]);
  const xq = b.node('QuantizeLinear', [x, s, zp]);
  const w = b.initializer('w', { dataType: DataType.UINT8, dims: [32, 3, 3, 3] });
  const bias = b.initializer('bias', { dataType: DataType.INT32, dims: [32] });
  const conv = b.node('QLinearConv', [xq, s, zp, w, s, wzp, s, zp, bias], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
  });
  const relu = b.node('Relu', [conv]);
  const pooled = b.node('GlobalAveragePool', [relu]);
  const flat = b.node('Flatten', [pooled]);
  const fc = b.initializer('fc', { dataType: DataType.UINT8, dims: [32, 10] });
  const mm = b.node('QLinearMatMul', [flat, s, zp, fc, s, wzp, s, zp]);
  b.node('DequantizeLinear', [mm, s, zp], {}, { outputNames: ['y'] });
  b.output('y', DataType.FLOAT, [1, 10]);
  return b.encode();
}

interface ProtoTensor {
  name?: string;
  dims?: (number | { toNumber(): number })[];
  dataType?: number;
  rawData?: Uint8Array;
  floatData?: number[];
}
interface ProtoNode {
  name?: string;
  opType?: string;
  input?: string[];
  output?: string[];
}
interface ProtoModel {
  graph?: { node?: ProtoNode[]; initializer?: ProtoTensor[] };
}

/**
 * A real network quantized the way onnxruntime's quantize_static writes it (QDQ format): every Conv and
 * Gemm reads its activation through a QuantizeLinear -> DequantizeLinear pair (uint8) and its weight
 * as an int8 initializer through a DequantizeLinear. Values are zero: the analysis reads no weights.
 */
export function quantizeQdq(fp32: Uint8Array): Uint8Array {
  const Model = protobuf.Root.fromJSON(descriptor).lookupType('onnx.ModelProto');
  const model = Model.toObject(Model.decode(fp32)) as ProtoModel;
  const graph = model.graph!;
  const nodes: ProtoNode[] = [];
  const inits = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t] as const));
  const extra: ProtoTensor[] = [
    { name: 'qdq_scale', dims: [], dataType: DataType.FLOAT, floatData: [0.05] },
    { name: 'qdq_zp', dims: [], dataType: DataType.UINT8, rawData: new Uint8Array([128]) },
    { name: 'qdq_wzp', dims: [], dataType: DataType.INT8, rawData: new Uint8Array([0]) },
  ];
  let n = 0;
  for (const node of graph.node ?? []) {
    if (node.opType === 'Conv' || node.opType === 'Gemm') {
      const [x, w, ...rest] = node.input ?? [];
      const q = `qdq_${n++}`;
      nodes.push({
        name: `${q}_q`,
        opType: 'QuantizeLinear',
        input: [x!, 'qdq_scale', 'qdq_zp'],
        output: [`${q}_xq`],
      });
      nodes.push({
        name: `${q}_dq`,
        opType: 'DequantizeLinear',
        input: [`${q}_xq`, 'qdq_scale', 'qdq_zp'],
        output: [`${q}_x`],
      });
      const weight = inits.get(w!);
      let wIn = w!;
      if (weight) {
        const dims = (weight.dims ?? []).map((d) => (typeof d === 'number' ? d : d.toNumber()));
        const elements = dims.reduce((a, b) => a * b, 1);
        inits.set(w!, { name: w!, dims, dataType: DataType.INT8, rawData: new Uint8Array(elements) });
        wIn = `${q}_w`;
        nodes.push({
          name: `${q}_wdq`,
          opType: 'DequantizeLinear',
          input: [w!, 'qdq_scale', 'qdq_wzp'],
          output: [wIn],
        });
      }
      nodes.push({ ...node, input: [`${q}_x`, wIn, ...rest] });
    } else nodes.push(node);
  }
  graph.node = nodes;
  graph.initializer = [...inits.values(), ...extra];
  return Model.encode(Model.fromObject(model)).finish();
}
