/**
 * Quantized ONNX operators normalised to their float forms, so that one set of fusion rules, cost rules
 * and features serves both: QLinearConv(x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B) is
 * Conv(x, w, B) over int8/uint8 tensors. The scales and zero points steer the requantisation, which
 * the runtime does inside the kernel; the original op stays in `sourceOp`, and the kernel's precision
 * (src/kernels/precision.ts) comes from the tensors' element types. QuantizeLinear/DequantizeLinear
 * pairs stay in the graph: kernel detection folds them into the kernels they feed (rules.json).
 */
import { lookupTable } from '../lookup-table.js';
import type { ModelIR, NodeIR } from './types.js';

/** For each quantized op: its float form and which of its inputs the float form takes, in order. */
const NORMAL_FORMS = lookupTable<{ readonly op: string; readonly inputs: readonly number[] }>({
  QLinearConv: { op: 'Conv', inputs: [0, 3, 8] },
  ConvInteger: { op: 'Conv', inputs: [0, 1] },
  QLinearMatMul: { op: 'MatMul', inputs: [0, 3] },
  MatMulInteger: { op: 'MatMul', inputs: [0, 1] },
  // com.microsoft contrib ops that onnxruntime's quantizer writes.
  'com.microsoft:QLinearAdd': { op: 'Add', inputs: [0, 3] },
  'com.microsoft:QLinearMul': { op: 'Mul', inputs: [0, 3] },
  'com.microsoft:QLinearSigmoid': { op: 'Sigmoid', inputs: [0] },
  'com.microsoft:QLinearLeakyRelu': { op: 'LeakyRelu', inputs: [0] },
  'com.microsoft:QLinearGlobalAveragePool': { op: 'GlobalAveragePool', inputs: [0] },
  'com.microsoft:QLinearAveragePool': { op: 'AveragePool', inputs: [0] },
  'com.microsoft:QGemm': { op: 'Gemm', inputs: [0, 3, 6] },
});

/** QLinearConcat(y_scale, y_zp, x0, x0_scale, x0_zp, x1, ...): its data inputs are every third from 2. */
function qlinearConcatInputs(node: NodeIR): string[] {
  const out: string[] = [];
  for (let i = 2; i < node.inputs.length; i += 3) out.push(node.inputs[i]!);
  return out;
}

export function normaliseQuantizedOps(model: ModelIR): ModelIR {
  // Most models have no quantized op: no copy of a list of 10^6 nodes for them.
  if (!model.graph.nodes.some((node) => isQuantizedForm(node))) return model;
  let changed = false;
  const nodes = model.graph.nodes.map((node) => {
    const key = node.domain === '' ? node.opType : `${node.domain}:${node.opType}`;
    if (key === 'com.microsoft:QLinearConcat') {
      changed = true;
      return normalised(node, 'Concat', qlinearConcatInputs(node));
    }
    const form = NORMAL_FORMS[key];
    if (!form) return node;
    changed = true;
    const inputs = form.inputs.map((i) => node.inputs[i] ?? '');
    while (inputs.length > 0 && inputs[inputs.length - 1] === '') inputs.pop();
    return normalised(node, form.op, inputs);
  });
  return changed ? { ...model, graph: { ...model.graph, nodes } } : model;
}

function isQuantizedForm(node: NodeIR): boolean {
  const key = node.domain === '' ? node.opType : `${node.domain}:${node.opType}`;
  return key === 'com.microsoft:QLinearConcat' || NORMAL_FORMS[key] !== undefined;
}

function normalised(node: NodeIR, opType: string, inputs: readonly string[]): NodeIR {
  return {
    ...node,
    opType,
    domain: '',
    inputs,
    sourceOp: node.sourceOp ?? (node.domain ? `${node.domain}:${node.opType}` : node.opType),
  };
}
