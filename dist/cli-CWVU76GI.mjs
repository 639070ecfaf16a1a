import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  KernelError,
  ModelLoadError,
  OTHERS,
  bytesPerElement,
  createContext,
  elements,
  find,
  firstShape,
  floatAttr,
  intAttr,
  intsAttr,
  isKernelType,
  kernelTypeEntries,
  kernelTypeEntry,
  spatialConfig,
  stringAttr
} from "./cli-7M2ORSNP.mjs";
import {
  onnx_proto_default
} from "./cli-FW42YN46.mjs";

// src/kernels/precision.ts
var PRECISIONS = ["fp32", "fp16", "int8", "int8-dynamic", "int16x8"];
var INT8 = /* @__PURE__ */ new Set([3 /* INT8 */, 2 /* UINT8 */, 22 /* INT4 */, 21 /* UINT4 */]);
var FLOAT16 = /* @__PURE__ */ new Set([10 /* FLOAT16 */, 16 /* BFLOAT16 */]);
var COMPUTE_OPS = /* @__PURE__ */ new Set(["Conv", "ConvTranspose", "Gemm", "MatMul", "LSTM", "GRU", "RNN", "Einsum"]);
var RETYPING_OR_VIEW = /* @__PURE__ */ new Set([
  "DequantizeLinear",
  "Cast",
  "Identity",
  "Flatten",
  "Reshape",
  "Squeeze",
  "Unsqueeze",
  "Transpose"
]);
function stored(ctx, value) {
  let v = value ?? "";
  for (let hops = 0; hops < 8 && v !== ""; hops++) {
    const p = ctx.index.producer.get(v);
    if (!p) break;
    if (RETYPING_OR_VIEW.has(p.opType)) {
      v = p.inputs[0] ?? "";
      continue;
    }
    if (p.opType === "DynamicQuantizeLinear") return { dataType: 2 /* UINT8 */, dynamic: true };
    break;
  }
  return { dataType: ctx.info(v)?.dataType, dynamic: false };
}
function kernelPrecision(nodes, ctx) {
  const anchor = nodes.find((n) => COMPUTE_OPS.has(n.opType)) ?? nodes.find((n) => n.inputs[0]) ?? nodes[0];
  if (!anchor) return "fp32";
  const act = stored(ctx, anchor.inputs[0]);
  const weightName = COMPUTE_OPS.has(anchor.opType) ? anchor.inputs[1] : void 0;
  const weight = weightName && ctx.isConstant(weightName) ? stored(ctx, weightName) : void 0;
  const a = act.dataType;
  const w = weight?.dataType;
  if (a === 5 /* INT16 */ && (w === void 0 || INT8.has(w))) return "int16x8";
  if (a !== void 0 && INT8.has(a)) return act.dynamic ? "int8-dynamic" : "int8";
  if (w !== void 0 && INT8.has(w)) return "int8-dynamic";
  if (w !== void 0 && FLOAT16.has(w) || a !== void 0 && FLOAT16.has(a)) return "fp16";
  return "fp32";
}
function modelPrecision(kernels) {
  const work = /* @__PURE__ */ new Map();
  let total = 0;
  for (const k of kernels) {
    const w = k.flops > 0 ? k.flops : k.bytes / 4;
    work.set(k.precision, (work.get(k.precision) ?? 0) + w);
    total += w;
  }
  const shares = [...work].map(([precision, w]) => ({ precision, share: total > 0 ? w / total : 0 })).sort((x, y) => y.share - x.share || PRECISIONS.indexOf(x.precision) - PRECISIONS.indexOf(y.precision));
  const top = shares[0];
  return { label: !top ? "fp32" : top.share >= 0.99 ? top.precision : "mixed", shares };
}
function describePrecision(p) {
  if (p.label !== "mixed") return p.label;
  return `mixed (${p.shares.map((s) => `${s.precision} ${Math.round(s.share * 100)}%`).join(", ")})`;
}

// src/kernels/node-work.ts
var PER_ELEMENT = {
  Add: 1,
  Sub: 1,
  Mul: 1,
  Div: 1,
  Pow: 1,
  Max: 1,
  Min: 1,
  Relu: 1,
  Clip: 1,
  Abs: 1,
  Neg: 1,
  Sqrt: 1,
  Exp: 1,
  Log: 1,
  Erf: 1,
  Reciprocal: 1,
  Floor: 1,
  Ceil: 1,
  Round: 1,
  Sign: 1,
  Equal: 1,
  Less: 1,
  LessOrEqual: 1,
  Greater: 1,
  GreaterOrEqual: 1,
  Where: 1,
  Mod: 1,
  And: 1,
  Or: 1,
  Xor: 1,
  Not: 1,
  BitShift: 1,
  IsNaN: 1,
  IsInf: 1,
  Sin: 1,
  Cos: 1,
  Tan: 1,
  Asin: 1,
  Acos: 1,
  Atan: 1,
  Sinh: 1,
  Cosh: 1,
  Asinh: 1,
  Acosh: 1,
  Atanh: 1,
  Softsign: 3,
  Shrink: 2,
  Celu: 2,
  LeakyRelu: 2,
  PRelu: 2,
  Elu: 2,
  Selu: 2,
  ThresholdedRelu: 1,
  HardSigmoid: 3,
  HardSwish: 4,
  Sigmoid: 4,
  Tanh: 4,
  Softplus: 4,
  Gelu: 8,
  Mish: 8,
  Softmax: 5,
  LogSoftmax: 5,
  BatchNormalization: 2,
  InstanceNormalization: 2
};
var REDUCTIONS = /* @__PURE__ */ new Set([
  "GlobalAveragePool",
  "GlobalMaxPool",
  "GlobalLpPool",
  "ReduceMean",
  "ReduceSum",
  "ReduceMax",
  "ReduceMin",
  "ReduceProd",
  "ReduceL1",
  "ReduceL2",
  "ReduceLogSum",
  "ReduceLogSumExp",
  "ReduceSumSquare",
  "ArgMax",
  "ArgMin"
]);
var RECURRENT = {
  // 4 (Wx + Rh) adds, 3 sigmoids + 2 tanh (4 each), C = f*C + i*c (3), H = o*tanh(C) (1); B: Wb + Rb per gate.
  LSTM: { gates: 4, cell: 28, bias: 8, peephole: 6 },
  // 3 adds, 2 sigmoids + 1 tanh, r * (Rh h) (1), H = (1 - z) * h + z * H (4).
  GRU: { gates: 3, cell: 20, bias: 6, peephole: 0 },
  // 1 add, 1 tanh.
  RNN: { gates: 1, cell: 5, bias: 2, peephole: 0 }
};
var GATHERS = /* @__PURE__ */ new Set(["Gather", "GatherElements", "GatherND"]);
var RULED_OPS = /* @__PURE__ */ new Set([
  "Conv",
  "ConvInteger",
  "QLinearConv",
  "ConvTranspose",
  "Gemm",
  "MatMul",
  "MatMulInteger",
  "QLinearMatMul",
  "Einsum",
  "MaxPool",
  "AveragePool",
  "LpPool",
  "LayerNormalization",
  "LpNormalization",
  "Resize",
  "Upsample",
  "Sum",
  "Mean",
  ...Object.keys(RECURRENT)
]);
var FREE_OPS = /* @__PURE__ */ new Set([
  "Identity",
  "Dropout",
  "Constant",
  "ConstantOfShape",
  "Shape",
  "Size",
  "Reshape",
  "Flatten",
  "Squeeze",
  "Unsqueeze",
  "Transpose",
  "Concat",
  "Split",
  "Slice",
  "Pad",
  "Expand",
  "Tile",
  "Cast",
  "CastLike",
  "Gather",
  "GatherElements",
  "GatherND",
  "Scatter",
  "ScatterElements",
  "ScatterND",
  "DepthToSpace",
  "SpaceToDepth",
  "Range",
  "OneHot",
  "EyeLike",
  "Trilu",
  "ReverseSequence",
  "Compress",
  "NonZero",
  "Optional",
  "OptionalGetElement",
  "OptionalHasElement"
]);
function hasCostRule(node) {
  if (node.domain !== "") return true;
  const op2 = node.opType;
  return RULED_OPS.has(op2) || op2 in PER_ELEMENT || REDUCTIONS.has(op2) || FREE_OPS.has(op2);
}
var CONTROL_INPUTS = {
  Reshape: [1],
  Slice: [1, 2, 3, 4],
  Pad: [1, 2, 3],
  Resize: [1, 2, 3],
  Upsample: [1],
  Split: [1],
  Squeeze: [1],
  Unsqueeze: [1],
  Expand: [1],
  Tile: [1],
  Clip: [1, 2],
  TopK: [1],
  ConstantOfShape: [0],
  Range: [0, 1, 2],
  OneHot: [1, 2],
  Gather: [1],
  GatherElements: [1],
  GatherND: [1],
  CumSum: [1],
  Trilu: [1],
  Dropout: [1, 2],
  ReduceMean: [1],
  ReduceSum: [1],
  ReduceMax: [1],
  ReduceMin: [1],
  ReduceProd: [1],
  ReduceL1: [1],
  ReduceL2: [1],
  ReduceLogSum: [1],
  ReduceLogSumExp: [1],
  ReduceSumSquare: [1],
  NonMaxSuppression: [2, 3, 4],
  LSTM: [4],
  GRU: [4],
  RNN: [4]
};
function isControlInput(node, input) {
  return node.domain === "" && (CONTROL_INPUTS[node.opType]?.includes(input) ?? false);
}
function nodeWork(node, ctx) {
  const shape = (i) => {
    const name = node.inputs[i];
    return name ? ctx.shape(name) : void 0;
  };
  const out = node.outputs[0] ? ctx.shape(node.outputs[0]) : void 0;
  const outElements = out ? elements(out) : 0;
  const hasInput = (i) => (node.inputs[i] ?? "") !== "";
  if (node.domain !== "") return { macs: 0, flops: 0 };
  switch (node.opType) {
    case "Conv":
    case "ConvInteger":
    case "QLinearConv": {
      const w = shape(node.opType === "QLinearConv" ? 3 : 1);
      if (!w || !out || w.length < 2) return { macs: 0, flops: 0 };
      const macs = outElements * elements(w.slice(1));
      const biasInput = node.opType === "QLinearConv" ? 8 : node.opType === "Conv" ? 2 : -1;
      return { macs, flops: 2 * macs + (biasInput >= 0 && hasInput(biasInput) ? outElements : 0) };
    }
    case "ConvTranspose": {
      const x = shape(0);
      const w = shape(1);
      if (!x || !w || w.length < 2) return { macs: 0, flops: 0 };
      const macs = elements(x) * elements(w.slice(1));
      return { macs, flops: 2 * macs + (hasInput(2) ? outElements : 0) };
    }
    case "Gemm": {
      const a = shape(0);
      if (!a || a.length !== 2 || !out) return { macs: 0, flops: 0 };
      const k = intAttr(node, "transA", 0) ? a[0] : a[1];
      const macs = outElements * k;
      return { macs, flops: 2 * macs + (hasInput(2) ? outElements : 0) };
    }
    case "MatMul":
    case "MatMulInteger":
    case "QLinearMatMul": {
      const a = shape(0);
      if (!a || a.length === 0 || !out) return { macs: 0, flops: 0 };
      const macs = outElements * a[a.length - 1];
      return { macs, flops: 2 * macs };
    }
    case "Einsum": {
      const macs = einsumMacs(node, ctx);
      const inputElements = node.inputs.reduce((s, _, i) => s + elements(shape(i) ?? [0]), 0);
      return { macs, flops: macs > 0 ? 2 * macs : inputElements };
    }
    case "MaxPool":
    case "AveragePool":
    case "LpPool": {
      const window = elements(intsAttr(node, "kernel_shape") ?? []);
      return { macs: 0, flops: outElements * window * (node.opType === "LpPool" ? 2 : 1) };
    }
    case "LayerNormalization": {
      const x = shape(0);
      if (!x) return { macs: 0, flops: 0 };
      const rank = x.length;
      const axis = intAttr(node, "axis", -1);
      const rows = elements(x.slice(0, axis < 0 ? axis + rank : axis));
      const perElement = 5 + (hasInput(1) ? 1 : 0) + (hasInput(2) ? 1 : 0);
      return { macs: 0, flops: elements(x) * perElement + rows * 2 };
    }
    case "LpNormalization": {
      const x = shape(0);
      if (!x || x.length === 0) return { macs: 0, flops: 0 };
      const rawAxis = intAttr(node, "axis", -1);
      const axis = rawAxis < 0 ? rawAxis + x.length : rawAxis;
      const rows = elements(x) / Math.max(x[axis] ?? 1, 1);
      return { macs: 0, flops: 3 * elements(x) + (intAttr(node, "p", 2) === 2 ? rows : 0) };
    }
    case "LSTM":
    case "GRU":
    case "RNN":
      return recurrentWork(node, ctx);
    case "Resize":
    case "Upsample": {
      const mode = stringAttr(node, "mode", "nearest");
      const per = mode === "nearest" ? 0 : mode === "cubic" ? 16 : 4;
      return { macs: 0, flops: outElements * per };
    }
    case "Sum":
    case "Mean": {
      const n = node.inputs.filter((i) => i !== "").length;
      return { macs: 0, flops: outElements * Math.max(n - 1, 1) };
    }
    default: {
      if (REDUCTIONS.has(node.opType)) {
        const x = shape(0);
        return { macs: 0, flops: x ? elements(x) : 0 };
      }
      return { macs: 0, flops: outElements * (PER_ELEMENT[node.opType] ?? 0) };
    }
  }
}
function recurrentWork(node, ctx) {
  const spec2 = RECURRENT[node.opType];
  const x = ctx.shape(node.inputs[0] ?? "");
  const w = ctx.shape(node.inputs[1] ?? "");
  if (!x || x.length !== 3) return { macs: 0, flops: 0 };
  const [seq, batch] = intAttr(node, "layout", 0) === 1 ? [x[1], x[0]] : [x[0], x[1]];
  const input = x[2];
  const directions = stringAttr(node, "direction", "forward") === "bidirectional" ? 2 : 1;
  const fromW = w && w.length === 3 ? w[1] / spec2.gates : 0;
  const hidden = intAttr(node, "hidden_size", fromW);
  const cells = seq * batch * directions * hidden;
  const macs = cells * spec2.gates * (input + hidden);
  const has = (i) => (node.inputs[i] ?? "") !== "";
  const perCell = spec2.cell + (has(3) ? spec2.bias : 0) + (node.opType === "LSTM" && has(7) ? spec2.peephole : 0);
  return { macs, flops: 2 * macs + cells * perCell };
}
function einsumMacs(node, ctx) {
  const equation = stringAttr(node, "equation", "").replace(/\s+/g, "");
  const [lhs] = equation.split("->");
  if (!lhs) return 0;
  const terms = lhs.split(",");
  if (terms.length < 2) return 0;
  const sizes = /* @__PURE__ */ new Map();
  let ellipsis = 1;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t];
    const shape = ctx.shape(node.inputs[t] ?? "");
    if (!shape) return 0;
    const [head = "", tail = ""] = term.includes("...") ? term.split("...") : [term, ""];
    const broadcastRank = shape.length - head.length - tail.length;
    if (!term.includes("...") && broadcastRank !== 0) return 0;
    [...head].forEach((c, i) => sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[i])));
    [...tail].forEach(
      (c, i) => sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[head.length + broadcastRank + i]))
    );
    if (term.includes("..."))
      ellipsis = Math.max(ellipsis, elements(shape.slice(head.length, head.length + broadcastRank)));
  }
  let product = ellipsis;
  for (const size of sizes.values()) product *= size;
  return product * (terms.length - 1);
}

// src/kernels/cost.ts
function createParamTracer(ctx, folded) {
  const memo = /* @__PURE__ */ new Map();
  const initializers = ctx.index.graph.initializers;
  const roots = (start) => {
    const known = memo.get(start);
    if (known) return known;
    const stack = [{ value: start, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (memo.has(top.value)) {
        stack.pop();
        continue;
      }
      const p = ctx.index.producer.get(top.value);
      const leaf = initializers.has(top.value) || !p || !folded.has(p) || p.opType === "Constant";
      if (leaf) {
        memo.set(
          top.value,
          initializers.has(top.value) || p?.opType === "Constant" && folded.has(p) ? [top.value] : []
        );
        stack.pop();
        continue;
      }
      const inputs = p.inputs.filter((i) => i !== "" && ctx.isConstant(i));
      if (!top.expanded) {
        top.expanded = true;
        for (const i of inputs) if (!memo.has(i)) stack.push({ value: i, expanded: false });
        continue;
      }
      const set = /* @__PURE__ */ new Set();
      for (const i of inputs) for (const r of memo.get(i) ?? []) set.add(r);
      memo.set(top.value, [...set]);
      stack.pop();
    }
    return memo.get(start) ?? [];
  };
  return { roots };
}
function valueBytes(ctx, value) {
  const info = ctx.info(value);
  return info ? elements(info.shape) * bytesPerElement(info.dataType) : 0;
}
function kernelCost(nodes, { ctx, tracer, attributed }) {
  const inside = new Set(nodes);
  const produced = /* @__PURE__ */ new Set();
  for (const n of nodes) for (const o of n.outputs) if (o !== "") produced.add(o);
  const unknown = /* @__PURE__ */ new Set();
  let macs = 0;
  let flops = 0;
  for (const n of nodes) {
    for (const v of n.inputs) if (v !== "" && !ctx.info(v)) unknown.add(v);
    n.outputs.forEach((v, i) => {
      const unread = i > 0 && ctx.consumers(v).length === 0 && !ctx.isGraphOutput(v);
      if (v !== "" && !unread && !ctx.info(v)) unknown.add(v);
    });
    const work = nodeWork(n, ctx);
    macs += work.macs;
    flops += work.flops + epilogueAdjustment(n, inside, ctx);
  }
  const inputs = [];
  const weights = /* @__PURE__ */ new Set();
  let params = 0;
  const seenInputs = /* @__PURE__ */ new Set();
  const partial = /* @__PURE__ */ new Map();
  const whole = /* @__PURE__ */ new Set();
  const read = (v, n, i) => {
    const part = partialRead(n, i, ctx);
    if (part === void 0) whole.add(v);
    else partial.set(v, Math.max(partial.get(v) ?? 0, part));
  };
  for (const n of nodes) {
    n.inputs.forEach((v, i) => {
      if (v === "") return;
      const source = ctx.source(v);
      if (produced.has(v) || produced.has(source)) return;
      if (ctx.isConstant(v)) {
        const control = isControlInput(n, i);
        if (!control) {
          weights.add(v);
          read(v, n, i);
        }
        for (const root of tracer.roots(v)) {
          if (attributed.has(root)) continue;
          const isInitializer = ctx.index.graph.initializers.has(root);
          if (!isInitializer && control) continue;
          attributed.add(root);
          params += isInitializer ? ctx.index.graph.initializers.get(root).elements : elements(ctx.shape(root) ?? []);
        }
        return;
      }
      read(source, n, i);
      if (!seenInputs.has(source)) {
        seenInputs.add(source);
        inputs.push(v);
      }
    });
  }
  const readBytes = (v, key) => whole.has(key) ? valueBytes(ctx, v) : Math.min(partial.get(key) ?? 0, valueBytes(ctx, v));
  const outputs = [];
  for (const n of nodes) {
    for (const o of n.outputs) {
      if (o === "") continue;
      if (ctx.isGraphOutput(o) || ctx.consumers(o).some((c) => !inside.has(c))) outputs.push(o);
    }
  }
  if (outputs.length === 0) {
    const last = nodes[nodes.length - 1];
    for (const o of last?.outputs ?? []) if (o !== "") outputs.push(o);
  }
  const inputBytes = inputs.reduce((s, v) => s + readBytes(v, ctx.source(v)), 0);
  const outputBytes = outputs.reduce((s, v) => s + valueBytes(ctx, v), 0);
  let weightBytes = 0;
  for (const w of weights) weightBytes += readBytes(w, w);
  return {
    macs,
    flops,
    params,
    bytes: inputBytes + outputBytes + weightBytes,
    inputBytes,
    outputBytes,
    weightBytes,
    inputs,
    outputs,
    unknown: [...unknown]
  };
}
function partialRead(node, i, ctx) {
  if (node.domain !== "" || i !== 0 || !GATHERS.has(node.opType)) return void 0;
  const out = node.outputs[0];
  return out && ctx.info(out) ? valueBytes(ctx, out) : void 0;
}
function epilogueAdjustment(node, inside, ctx) {
  if (node.opType !== "BatchNormalization" || node.domain !== "") return 0;
  const conv2 = ctx.producer(node.inputs[0] ?? "");
  if (!conv2 || !inside.has(conv2) || conv2.opType !== "Conv" && conv2.opType !== "ConvTranspose") return 0;
  const out = ctx.shape(node.outputs[0] ?? "");
  const n = out ? elements(out) : 0;
  const standalone = 2 * n;
  const convHasBias = (conv2.inputs[2] ?? "") !== "";
  return (convHasBias ? 0 : n) - standalone;
}

// src/kernels/features.ts
function featureNames(type) {
  return kernelTypeEntry(type).features;
}
function kernelConfig({ type, nodes, inputs, outputs, ctx }) {
  const entry = kernelTypeEntry(type);
  const first = firstShape(nodes, inputs, outputs, ctx);
  const base = spatialConfig(first, entry.channelFirst);
  return entry.config ? entry.config({ nodes, inputs, outputs, ctx, first, base }) : base;
}
function runtimeParams(type, nodes, ctx) {
  if (!kernelTypeEntry(type).executedWeights) return 0;
  const main = find(nodes, "Conv", "ConvTranspose", "Gemm", "MatMul");
  if (!main) return 0;
  const w = ctx.shape(main.inputs[1] ?? "") ?? [];
  const out = ctx.shape(main.outputs[0] ?? "") ?? [];
  const channels = main.opType === "Gemm" || main.opType === "MatMul" ? out[out.length - 1] ?? 0 : out[1] ?? 0;
  const bias = (main.inputs[2] ?? "") !== "" || nodes.some((n) => n.opType === "BatchNormalization" || main.opType === "MatMul" && n.opType === "Add");
  return elements(w) + (bias ? channels : 0);
}
function featureVector(type, config, flops, params) {
  const values = { ...config, FLOPS: flops, PARAMS: params };
  const out = {};
  for (const name of featureNames(type)) out[name] = values[name] ?? 0;
  return out;
}

// src/kernels/matchers.ts
var isOp = (node, ...ops) => node !== void 0 && node.domain === "" && ops.includes(node.opType);
var hasOp = (node, ...ops) => node.domain === "" && ops.includes(node.opType);
var same = (ctx, a, b) => a !== void 0 && b !== void 0 && a !== "" && b !== "" && ctx.source(a) === ctx.source(b);
function sole(ctx, value) {
  if (value === void 0 || value === "" || ctx.isGraphOutput(value)) return void 0;
  const readers = ctx.consumers(value);
  return readers.length === 1 && ctx.isFree(readers[0]) ? readers[0] : void 0;
}
function scalar(ctx, value) {
  if (value === void 0 || !ctx.isConstant(value)) return void 0;
  const v = ctx.values(value);
  if (!v || v.length === 0 || v.some((x) => x !== v[0])) return void 0;
  return v[0];
}
var near = (a, b, tolerance = 1e-3) => a !== void 0 && Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
function otherOperand(ctx, node, x) {
  const [a, b] = node.inputs;
  if (same(ctx, a, x)) return b;
  if (same(ctx, b, x)) return a;
  return void 0;
}
function isActivationValue(ctx, value) {
  return value !== void 0 && value !== "" && !ctx.isConstant(value);
}
function clipBounds(ctx, node) {
  const bound = (attr, input, fallback) => {
    const a = floatAttr(node, attr);
    if (a !== void 0) return a;
    if (input === void 0 || input === "") return fallback;
    return scalar(ctx, input);
  };
  const min = bound("min", node.inputs[1], -Infinity);
  const max = bound("max", node.inputs[2], Infinity);
  return min === void 0 || max === void 0 ? void 0 : { min, max };
}
function onlyReader(ctx, producer, reader) {
  const out = producer.outputs[0];
  if (out === void 0 || out === "" || ctx.isGraphOutput(out)) return false;
  const readers = ctx.consumers(out);
  return readers.length === 1 && readers[0] === reader;
}
function absorbProducers(ctx, node, input, ops) {
  const out = [];
  if (!ops?.length) return out;
  let reader = node;
  let value = node.inputs[input];
  for (let depth = 0; depth < 4 && value; depth++) {
    const p = ctx.producer(value);
    if (!isOp(p, ...ops) || !ctx.isFree(p) || !onlyReader(ctx, p, reader)) break;
    if (!isActivationValue(ctx, p.inputs[0])) break;
    out.unshift(p);
    reader = p;
    value = p.inputs[0];
  }
  return out;
}
var ACTIVATION_MATCHERS = {
  single(ctx, x, first, rule) {
    if (!isOp(first, ...rule.ops ?? []) || !same(ctx, first.inputs[0], x)) return void 0;
    return { nodes: [first], output: first.outputs[0] };
  },
  clip(ctx, x, first, rule) {
    if (!isOp(first, "Clip") || !same(ctx, first.inputs[0], x)) return void 0;
    const bounds = clipBounds(ctx, first);
    if (rule.min !== void 0 && !near(bounds?.min, rule.min)) return void 0;
    if (rule.max !== void 0 && !near(bounds?.max, rule.max)) return void 0;
    return { nodes: [first], output: first.outputs[0] };
  },
  /** x * g(x): the gate reads x, and one Mul reads x and the gate. */
  gated(ctx, x, first, rule) {
    if (!isOp(first, ...rule.ops ?? []) || !same(ctx, first.inputs[0], x)) return void 0;
    const gate = first.outputs[0];
    const mul = sole(ctx, gate);
    if (!isOp(mul, "Mul") || !same(ctx, otherOperand(ctx, mul, gate), x)) return void 0;
    return { nodes: [first, mul], output: mul.outputs[0] };
  },
  /** x * Clip(x + 3, 0, 6) / 6, with the division before or after the product. */
  hswishDecomposed(ctx, x, first) {
    if (!isOp(first, "Add") || !near(scalar(ctx, otherOperand(ctx, first, x)), 3)) return void 0;
    const clip = sole(ctx, first.outputs[0]);
    if (!isOp(clip, "Clip")) return void 0;
    const b = clipBounds(ctx, clip);
    if (!near(b?.min, 0) || !near(b?.max, 6)) return void 0;
    const isSixth = (n, v) => isOp(n, "Div") && same(ctx, n.inputs[0], v) && near(scalar(ctx, n.inputs[1]), 6) || isOp(n, "Mul") && near(scalar(ctx, otherOperand(ctx, n, v)), 1 / 6);
    const next = sole(ctx, clip.outputs[0]);
    if (isOp(next, "Mul") && same(ctx, otherOperand(ctx, next, clip.outputs[0]), x)) {
      const last = sole(ctx, next.outputs[0]);
      if (!isSixth(last, next.outputs[0])) return void 0;
      return { nodes: [first, clip, next, last], output: last.outputs[0] };
    }
    if (isSixth(next, clip.outputs[0])) {
      const last = sole(ctx, next.outputs[0]);
      if (!isOp(last, "Mul") || !same(ctx, otherOperand(ctx, last, next.outputs[0]), x)) return void 0;
      return { nodes: [first, clip, next, last], output: last.outputs[0] };
    }
    return void 0;
  },
  /**
   * Clip(x + 3, 0, 6) / 6: Keras' hard sigmoid as TFLite converts it (ADD with a fused RELU6, then MUL),
   * or Clip(x, 0, 6) / 6 where the converter folded the + 3 into the bias of the conv before it.
   */
  hsigmoidDecomposed(ctx, x, first) {
    const added = isOp(first, "Add") && near(scalar(ctx, otherOperand(ctx, first, x)), 3);
    const clip = added ? sole(ctx, first.outputs[0]) : first;
    if (!isOp(clip, "Clip") || !added && !same(ctx, clip.inputs[0], x)) return void 0;
    const b = clipBounds(ctx, clip);
    if (!near(b?.min, 0) || !near(b?.max, 6)) return void 0;
    const next = sole(ctx, clip.outputs[0]);
    const v = clip.outputs[0];
    const sixth = isOp(next, "Div") && same(ctx, next.inputs[0], v) && near(scalar(ctx, next.inputs[1]), 6) || isOp(next, "Mul") && near(scalar(ctx, otherOperand(ctx, next, v)), 1 / 6);
    if (!sixth || !next) return void 0;
    return { nodes: added ? [first, clip, next] : [clip, next], output: next.outputs[0] };
  },
  /** PyTorch's exact GELU: Div(x, sqrt 2) -> Erf -> Add 1 -> Mul x -> Mul 0.5 (or x*0.5 first). */
  geluErf(ctx, x, first) {
    const scaled = isOp(first, "Div") && same(ctx, first.inputs[0], x) && near(scalar(ctx, first.inputs[1]), Math.SQRT2) || isOp(first, "Mul") && near(scalar(ctx, otherOperand(ctx, first, x)), Math.SQRT1_2);
    if (!scaled) return void 0;
    const erf = sole(ctx, first.outputs[0]);
    if (!isOp(erf, "Erf")) return void 0;
    const plus = sole(ctx, erf.outputs[0]);
    if (!isOp(plus, "Add") || !near(scalar(ctx, otherOperand(ctx, plus, erf.outputs[0])), 1))
      return void 0;
    const mul = sole(ctx, plus.outputs[0]);
    if (!isOp(mul, "Mul")) return void 0;
    const y = otherOperand(ctx, mul, plus.outputs[0]);
    if (same(ctx, y, x)) {
      const half = sole(ctx, mul.outputs[0]);
      if (!isOp(half, "Mul") || !near(scalar(ctx, otherOperand(ctx, half, mul.outputs[0])), 0.5))
        return void 0;
      return { nodes: [first, erf, plus, mul, half], output: half.outputs[0] };
    }
    const halfX = y === void 0 ? void 0 : ctx.producer(y);
    if (!isOp(halfX, "Mul") || !ctx.isFree(halfX) || !near(scalar(ctx, otherOperand(ctx, halfX, x)), 0.5))
      return void 0;
    if (sole(ctx, halfX.outputs[0]) !== mul) return void 0;
    return { nodes: [first, halfX, erf, plus, mul], output: mul.outputs[0] };
  }
};
function activationAt(ctx, rules, allowed, x, first) {
  for (const rule of rules.activations) {
    if (!allowed.includes(rule.activation)) continue;
    const m = ACTIVATION_MATCHERS[rule.match](ctx, x, first, rule);
    if (m && m.nodes.every((n) => ctx.isFree(n))) return { ...m, activation: rule.activation };
  }
  return void 0;
}
function fusedActivation(ctx, rules, allowed, x) {
  if (!allowed?.length || ctx.isGraphOutput(x)) return void 0;
  const readers = ctx.consumers(x);
  for (const first of readers) {
    const m = activationAt(ctx, rules, allowed, x, first);
    if (m && readers.every((r) => m.nodes.includes(r))) return m;
  }
  return void 0;
}

// src/kernels/kernel-matchers.ts
function projection(ctx, node) {
  if (!node) return void 0;
  if (hasOp(node, "Conv")) {
    const w = ctx.shape(node.inputs[1] ?? "");
    if (!ctx.isConstant(node.inputs[1] ?? "") || !w || w.slice(2).some((d) => d !== 1) || intAttr(node, "group", 1) !== 1)
      return void 0;
    const [first] = perChannelAffine(ctx, node.outputs[0], w[0]);
    const bias = first?.opType === "Add" ? first : void 0;
    return { nodes: bias ? [node, bias] : [node], output: (bias ?? node).outputs[0] };
  }
  if (hasOp(node, "Gemm") && ctx.isConstant(node.inputs[1] ?? ""))
    return { nodes: [node], output: node.outputs[0] };
  if (hasOp(node, "MatMul") && ctx.isConstant(node.inputs[1] ?? "")) {
    const add = sole(ctx, node.outputs[0]);
    if (isOp(add, "Add") && ctx.isConstant(otherOperand(ctx, add, node.outputs[0]) ?? "")) {
      return { nodes: [node, add], output: add.outputs[0] };
    }
    return { nodes: [node], output: node.outputs[0] };
  }
  return void 0;
}
function reduceAxes(ctx, node) {
  const fromAttr = intsAttr(node, "axes");
  if (fromAttr) return fromAttr;
  const input = node.inputs[1];
  if (input) return ctx.values(input);
  return void 0;
}
function isGlobalAverage(ctx, node) {
  if (hasOp(node, "GlobalAveragePool")) return true;
  if (!isOp(node, "ReduceMean")) return false;
  const rank = ctx.shape(node.inputs[0] ?? "")?.length;
  const axes = reduceAxes(ctx, node);
  if (rank === void 0 || rank < 3 || !axes) return false;
  const normalised = [...new Set(axes.map((a) => a < 0 ? a + rank : a))].sort((a, b) => a - b);
  if (normalised.length === rank - 2 && normalised.every((a, i) => a === i + 2)) return true;
  const layout = (n, perm) => isOp(n, "Transpose") && intsAttr(n, "perm")?.join(",") === perm;
  if (rank !== 4 || normalised.join(",") !== "1,2") return false;
  const readers = (v) => (ctx.index.consumers.get(v) ?? []).flatMap((c) => isOp(c, "Cast") ? readers(c.outputs[0] ?? "") : [c]);
  let source = ctx.index.producer.get(node.inputs[0] ?? "");
  while (isOp(source, "Cast")) source = ctx.index.producer.get(source.inputs[0] ?? "");
  return layout(source, "0,2,3,1") || readers(node.outputs[0] ?? "").some((c) => layout(c, "0,3,1,2"));
}
function sliceRange(ctx, node) {
  const shape = ctx.shape(node.inputs[0] ?? "");
  if (!shape) return void 0;
  let starts;
  let ends;
  let axes;
  let steps;
  if (node.inputs.length > 1) {
    starts = ctx.values(node.inputs[1] ?? "");
    ends = ctx.values(node.inputs[2] ?? "");
    axes = node.inputs[3] ? ctx.values(node.inputs[3]) : void 0;
    steps = node.inputs[4] ? ctx.values(node.inputs[4]) : void 0;
    if (node.inputs[3] && !axes || node.inputs[4] && !steps) return void 0;
  } else {
    starts = intsAttr(node, "starts");
    ends = intsAttr(node, "ends");
    axes = intsAttr(node, "axes");
  }
  if (!starts || !ends || starts.length !== 1 || ends.length !== 1) return void 0;
  if (steps && steps.some((s) => s !== 1)) return void 0;
  const rawAxis = axes?.[0] ?? 0;
  const axis = rawAxis < 0 ? rawAxis + shape.length : rawAxis;
  const dim = shape[axis];
  if (dim === void 0) return void 0;
  const clamp = (v) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
  return { axis, start: clamp(starts[0]), end: clamp(ends[0]) };
}
function perChannelAffine(ctx, value, channels) {
  const out = [];
  if (channels === void 0) return out;
  let v = value;
  for (let depth = 0; depth < 4; depth++) {
    const next = sole(ctx, v);
    if (!isOp(next, "Add", "Sub", "Mul", "Div")) break;
    const other = otherOperand(ctx, next, v);
    if ((next.opType === "Sub" || next.opType === "Div") && !same(ctx, next.inputs[0], v)) break;
    const shape = other !== void 0 && ctx.isConstant(other) ? ctx.shape(other) : void 0;
    const elements2 = shape?.reduce((a, b) => a * b, 1);
    if (elements2 === void 0 || elements2 !== channels) break;
    out.push(next);
    v = next.outputs[0];
  }
  return out;
}
var conv = (ctx, node, rule, rules) => {
  if (!isOp(node, "Conv", "ConvTranspose") || !isActivationValue(ctx, node.inputs[0])) return void 0;
  const group = intAttr(node, "group", 1);
  const w = ctx.shape(node.inputs[1] ?? "");
  const depthwise = group > 1 && w?.[1] === 1;
  if ((rule.depthwise ?? false) !== depthwise) return void 0;
  const nodes = [...absorbProducers(ctx, node, 0, rule.absorb), node];
  let out = node.outputs[0];
  let bn;
  if (rule.batchNorm) {
    const next = sole(ctx, out);
    if (isOp(next, "BatchNormalization") && same(ctx, next.inputs[0], out) && next.inputs.slice(1, 5).every((i) => ctx.isConstant(i))) {
      bn = next;
      nodes.push(next);
      out = next.outputs[0];
    } else {
      const affine = perChannelAffine(ctx, out, w?.[0]);
      if (affine.length > 0) {
        bn = affine[0];
        nodes.push(...affine);
        out = affine[affine.length - 1].outputs[0];
      }
    }
  }
  const act = fusedActivation(ctx, rules, rule.activations, out);
  if (act) nodes.push(...act.nodes);
  const bias = (node.inputs[2] ?? "") !== "";
  return {
    nodes,
    variant: {
      activation: act?.activation ?? "none",
      bias,
      bn: bn ? "separate" : bias ? "folded" : "none",
      ...bn && bn.opType !== "BatchNormalization" ? { note: "bn as elementwise ops" } : {},
      groups: group,
      ...node.opType === "ConvTranspose" ? { note: "transposed" } : {}
    }
  };
};
var fc = (ctx, node, rule, rules) => {
  if (!isOp(node, "Gemm", "MatMul") || !isActivationValue(ctx, node.inputs[0]) || !ctx.isConstant(node.inputs[1] ?? ""))
    return void 0;
  const nodes = [...absorbProducers(ctx, node, 0, rule.absorb), node];
  let out = node.outputs[0];
  let bias = node.opType === "Gemm" && (node.inputs[2] ?? "") !== "";
  if (node.opType === "MatMul") {
    const add = sole(ctx, out);
    if (isOp(add, "Add") && ctx.isConstant(otherOperand(ctx, add, out) ?? "")) {
      nodes.push(add);
      out = add.outputs[0];
      bias = true;
    }
  }
  const act = fusedActivation(ctx, rules, rule.activations, out);
  if (act) nodes.push(...act.nodes);
  return {
    nodes,
    variant: {
      activation: act?.activation ?? "none",
      bias,
      ...node.opType === "MatMul" ? { note: bias ? "matmul+add" : "matmul" } : {}
    }
  };
};
var op = (ctx, node, rule, rules) => {
  if (!isOp(node, ...rule.ops ?? [])) return void 0;
  const inputs = node.inputs.filter((i) => i !== "");
  if (rule.activationOperands && !inputs.every((i) => isActivationValue(ctx, i))) return void 0;
  if (rule.constantOperands && !(isActivationValue(ctx, inputs[0]) && inputs.slice(1).every((i) => ctx.isConstant(i))))
    return void 0;
  const nodes = [...absorbProducers(ctx, node, 0, rule.absorb), node];
  const act = fusedActivation(ctx, rules, rule.activations, node.outputs[0]);
  if (rule.activationRequired && !act) return void 0;
  if (act) nodes.push(...act.nodes);
  return { nodes, variant: act ? { activation: act.activation } : {} };
};
var globalPool = (ctx, node) => {
  if (hasOp(node, "GlobalMaxPool")) return { nodes: [node], variant: { note: "max" } };
  if (!isGlobalAverage(ctx, node)) return void 0;
  return { nodes: [node], variant: node.opType === "ReduceMean" ? { note: "reducemean" } : {} };
};
var squeezeExcite = (ctx, node, rule, rules) => {
  if (!isGlobalAverage(ctx, node)) return void 0;
  const x = node.inputs[0];
  if (ctx.shape(x)?.length !== 4) return void 0;
  const nodes = [node];
  let out = node.outputs[0];
  const reshape = (ops) => {
    const next = sole(ctx, out);
    if (isOp(next, ...ops)) {
      nodes.push(next);
      out = next.outputs[0];
    }
  };
  reshape(["Flatten", "Reshape", "Squeeze"]);
  const squeeze = projection(ctx, sole(ctx, out));
  if (!squeeze) return void 0;
  nodes.push(...squeeze.nodes);
  out = squeeze.output;
  const act = fusedActivation(ctx, rules, rule.activations, out);
  if (act) {
    nodes.push(...act.nodes);
    out = act.output;
  }
  const excite = projection(ctx, sole(ctx, out));
  if (!excite) return void 0;
  nodes.push(...excite.nodes);
  out = excite.output;
  const gate = fusedActivation(ctx, rules, rule.gates, out);
  if (!gate) return void 0;
  nodes.push(...gate.nodes);
  out = gate.output;
  reshape(["Reshape", "Unsqueeze"]);
  const mul = sole(ctx, out);
  if (!isOp(mul, "Mul") || !same(ctx, otherOperand(ctx, mul, out), x)) return void 0;
  nodes.push(mul);
  return { nodes, variant: { activation: act?.activation ?? "none", note: `gate ${gate.activation}` } };
};
var channelShuffle = (ctx, node) => {
  if (!isOp(node, "Reshape") || !isActivationValue(ctx, node.inputs[0])) return void 0;
  const before = ctx.shape(node.inputs[0]);
  const split2 = ctx.shape(node.outputs[0]);
  if (!before || !split2 || split2.length !== before.length + 1) return void 0;
  const transpose = sole(ctx, node.outputs[0]);
  if (!isOp(transpose, "Transpose")) return void 0;
  const perm = intsAttr(transpose, "perm");
  if (!perm || perm.length !== split2.length) return void 0;
  const moved = perm.map((p, i) => p !== i ? i : -1).filter((i) => i >= 0);
  const a = moved[0];
  if (moved.length !== 2 || a === void 0 || moved[1] !== a + 1 || perm[a] !== a + 1 || perm[a + 1] !== a)
    return void 0;
  if (split2[a] * split2[a + 1] !== before[a]) return void 0;
  const back = sole(ctx, transpose.outputs[0]);
  if (!isOp(back, "Reshape")) return void 0;
  const after = ctx.shape(back.outputs[0]);
  if (!after || after.length !== before.length || after.some((d, i) => d !== before[i])) return void 0;
  return { nodes: [node, transpose, back], variant: { note: `groups ${split2[a]}` } };
};
var split = (ctx, node) => {
  if (hasOp(node, "Split"))
    return isActivationValue(ctx, node.inputs[0]) ? { nodes: [node], variant: {} } : void 0;
  if (!isOp(node, "Slice") || !isActivationValue(ctx, node.inputs[0])) return void 0;
  const mine = sliceRange(ctx, node);
  if (!mine) return void 0;
  const siblings = [];
  for (const reader of ctx.consumers(node.inputs[0])) {
    if (!isOp(reader, "Slice") || !ctx.isFree(reader) || !same(ctx, reader.inputs[0], node.inputs[0]))
      continue;
    const range = sliceRange(ctx, reader);
    if (range && range.axis === mine.axis && range.end > range.start) siblings.push({ node: reader, range });
  }
  if (siblings.length < 2 || !siblings.some((s) => s.node === node)) return void 0;
  const byStart = [...siblings].sort((p, q) => p.range.start - q.range.start);
  for (let i = 1; i < byStart.length; i++)
    if (byStart[i].range.start < byStart[i - 1].range.end) return void 0;
  return { nodes: siblings.map((s) => s.node), variant: { note: `slices along axis ${mine.axis}` } };
};
var layerNorm = (ctx, node) => {
  if (hasOp(node, "LayerNormalization")) return { nodes: [node], variant: {} };
  if (!isOp(node, "ReduceMean") || !isActivationValue(ctx, node.inputs[0])) return void 0;
  const x = node.inputs[0];
  const sub = sole(ctx, node.outputs[0]);
  if (!isOp(sub, "Sub") || !same(ctx, sub.inputs[0], x) || !same(ctx, sub.inputs[1], node.outputs[0]))
    return void 0;
  const d = sub.outputs[0];
  if (ctx.isGraphOutput(d)) return void 0;
  const readers = ctx.consumers(d);
  const square = readers.find(
    (r) => isOp(r, "Pow") && same(ctx, r.inputs[0], d) && near(scalar(ctx, r.inputs[1]), 2) || isOp(r, "Mul") && same(ctx, r.inputs[0], d) && same(ctx, r.inputs[1], d)
  );
  const div = readers.find((r) => isOp(r, "Div") && same(ctx, r.inputs[0], d));
  if (!square || !div || readers.length !== 2 || !ctx.isFree(square) || !ctx.isFree(div)) return void 0;
  const mean2 = sole(ctx, square.outputs[0]);
  if (!isOp(mean2, "ReduceMean")) return void 0;
  const eps = sole(ctx, mean2.outputs[0]);
  if (!isOp(eps, "Add") || scalar(ctx, otherOperand(ctx, eps, mean2.outputs[0])) === void 0)
    return void 0;
  const sqrt = sole(ctx, eps.outputs[0]);
  if (!isOp(sqrt, "Sqrt") || sole(ctx, sqrt.outputs[0]) !== div || !same(ctx, div.inputs[1], sqrt.outputs[0]))
    return void 0;
  const nodes = [node, sub, square, mean2, eps, sqrt, div];
  let out = div.outputs[0];
  for (const opType of ["Mul", "Add"]) {
    const next = sole(ctx, out);
    if (!isOp(next, opType) || !ctx.isConstant(otherOperand(ctx, next, out) ?? "")) break;
    nodes.push(next);
    out = next.outputs[0];
  }
  return { nodes, variant: { note: "decomposed" } };
};
function attentionPrologue(ctx, reader, input) {
  const out = [];
  let current = reader;
  let value = reader.inputs[input];
  for (let depth = 0; depth < 3 && value; depth++) {
    const p = ctx.producer(value);
    if (!p || !ctx.isFree(p) || !onlyReader(ctx, p, current)) break;
    const scaling = isOp(p, "Mul", "Div") && scalar(ctx, p.inputs[1]) !== void 0;
    if (!isOp(p, "Transpose") && !scaling) break;
    if (!isActivationValue(ctx, p.inputs[0])) break;
    out.unshift(p);
    current = p;
    value = p.inputs[0];
  }
  return out;
}
var attention = (ctx, node) => {
  if (!isOp(node, "MatMul") || !isActivationValue(ctx, node.inputs[0]) || !isActivationValue(ctx, node.inputs[1]))
    return void 0;
  const nodes = [...attentionPrologue(ctx, node, 0), ...attentionPrologue(ctx, node, 1), node];
  const notes = [];
  let out = node.outputs[0];
  const scale = sole(ctx, out);
  if (isOp(scale, "Mul", "Div") && same(ctx, scale.inputs[0], out) && scalar(ctx, scale.inputs[1]) !== void 0) {
    nodes.push(scale);
    out = scale.outputs[0];
    notes.push("scaled");
  }
  const mask = sole(ctx, out);
  if (isOp(mask, "Add")) {
    nodes.push(mask);
    out = mask.outputs[0];
    notes.push("masked");
  }
  const softmax = sole(ctx, out);
  if (!isOp(softmax, "Softmax")) return void 0;
  nodes.push(softmax);
  out = softmax.outputs[0];
  const av = sole(ctx, out);
  if (!isOp(av, "MatMul") || !same(ctx, av.inputs[0], out) || !isActivationValue(ctx, av.inputs[1]))
    return void 0;
  nodes.push(...attentionPrologue(ctx, av, 1), av);
  const merge = sole(ctx, av.outputs[0]);
  if (isOp(merge, "Transpose")) nodes.push(merge);
  return { nodes, variant: notes.length ? { note: notes.join(", ") } : {} };
};
var activation = (ctx, node, rule, rules) => {
  for (const x of node.inputs) {
    if (!isActivationValue(ctx, x)) continue;
    const m = activationAt(ctx, rules, rule.activations ?? [], x, node);
    if (m) return { nodes: m.nodes, variant: { activation: m.activation } };
  }
  return void 0;
};
var KERNEL_MATCHER_FUNCTIONS = {
  conv,
  fc,
  op,
  globalPool,
  squeezeExcite,
  channelShuffle,
  split,
  layerNorm,
  attention,
  activation
};
var ACTIVATION_FIRST_OPS = {
  single: (rule) => rule.ops ?? [],
  gated: (rule) => rule.ops ?? [],
  clip: () => ["Clip"],
  hswishDecomposed: () => ["Add"],
  hsigmoidDecomposed: () => ["Add", "Clip"],
  geluErf: () => ["Div", "Mul"]
};
var KERNEL_ANCHOR_OPS = {
  conv: () => ["Conv", "ConvTranspose"],
  fc: () => ["Gemm", "MatMul"],
  op: (rule) => rule.ops ?? [],
  globalPool: () => ["GlobalAveragePool", "GlobalMaxPool", "ReduceMean"],
  squeezeExcite: () => ["GlobalAveragePool", "ReduceMean"],
  channelShuffle: () => ["Reshape"],
  split: () => ["Split", "Slice"],
  layerNorm: () => ["LayerNormalization", "ReduceMean"],
  attention: () => ["MatMul"],
  activation: (rule, rules) => rules.activations.filter((a) => rule.activations?.includes(a.activation)).flatMap((a) => ACTIVATION_FIRST_OPS[a.match](a))
};
function detectorsByAnchorOp(rules) {
  const byOp = /* @__PURE__ */ new Map();
  const add = (opTypes, detector) => {
    for (const opType of new Set(opTypes)) {
      let list = byOp.get(opType);
      if (!list) byOp.set(opType, list = []);
      list.push(detector);
    }
  };
  for (const entry of kernelTypeEntries())
    if (entry.matcher) add(entry.matcher.anchorOps, { type: entry.name, match: entry.matcher.match });
  for (const rule of rules.kernels) {
    const matcher = KERNEL_MATCHER_FUNCTIONS[rule.match];
    add(KERNEL_ANCHOR_OPS[rule.match](rule, rules), {
      type: rule.type,
      match: (ctx, node) => matcher(ctx, node, rule, rules)
    });
  }
  return byOp;
}

// src/kernels/rules.json
var rules_default = JSON.parse(`{"$comment":"Fusion rules (DeepEn2023 / nn-Meter kernels). Kernel rules are tried in this order at each node, in graph order; the first match claims its nodes. Each 'match' names a pure matcher in src/kernels/matchers.ts; activations are matched by the patterns listed under 'activations', tried in that order. Loaded and validated by src/kernels/rules.ts.","version":1,"fold":{"$comment":"Nodes that never run as work of their own. Nodes whose outputs are all compile-time constants are folded too ('shape-arithmetic' for integer/bool results, 'constant-folding' for float ones). 'views' change a shape, not the data: folded as 'view' when no kernel absorbs them.","ops":{"Constant":"constant","Identity":"identity","Dropout":"dropout","QuantizeLinear":"quantization","DequantizeLinear":"quantization"},"views":["Reshape","Flatten","Squeeze","Unsqueeze"]},"activations":[{"activation":"hswish","match":"single","ops":["HardSwish"]},{"activation":"hswish","match":"gated","ops":["HardSigmoid"],"$comment":"x * HardSigmoid(x)"},{"activation":"hswish","match":"hswishDecomposed","$comment":"x * Clip(x + 3, 0, 6) / 6"},{"activation":"hsigmoid","match":"hsigmoidDecomposed","$comment":"Clip(x + 3, 0, 6) / 6"},{"activation":"swish","match":"gated","ops":["Sigmoid"],"$comment":"x * Sigmoid(x) (SiLU)"},{"activation":"swish","match":"single","ops":["Swish"]},{"activation":"gelu","match":"single","ops":["Gelu"]},{"activation":"gelu","match":"geluErf","$comment":"x * 0.5 * (1 + Erf(x / sqrt(2)))"},{"activation":"relu","match":"single","ops":["Relu"]},{"activation":"relu6","match":"clip","min":0,"max":6},{"activation":"clip","match":"clip"},{"activation":"sigmoid","match":"single","ops":["Sigmoid"]},{"activation":"hsigmoid","match":"single","ops":["HardSigmoid"]},{"activation":"leakyrelu","match":"single","ops":["LeakyRelu"]},{"activation":"prelu","match":"single","ops":["PRelu"]},{"activation":"tanh","match":"single","ops":["Tanh"]}],"kernels":[{"type":"se","match":"squeezeExcite","activations":["relu","relu6","hswish","swish","leakyrelu","gelu"],"gates":["sigmoid","hsigmoid","hswish"],"$comment":"GlobalAveragePool (or ReduceMean over H,W) -> Conv 1x1/FC -> activation -> Conv 1x1/FC -> gate -> Mul with the block input"},{"type":"layernorm","match":"layerNorm"},{"type":"global-avgpool","match":"globalPool"},{"type":"channelshuffle","match":"channelShuffle","$comment":"Reshape -> Transpose (two adjacent axes swapped) -> Reshape back"},{"type":"attention","match":"attention","$comment":"MatMul(Q, K^T) -> [scale] -> [mask Add] -> Softmax -> MatMul(., V)"},{"type":"dwconv-bn-relu","match":"conv","depthwise":true,"batchNorm":true,"absorb":["Pad"],"activations":["relu","relu6","hswish","swish","sigmoid","hsigmoid","leakyrelu","prelu","clip","gelu","tanh"]},{"type":"conv-bn-relu","match":"conv","depthwise":false,"batchNorm":true,"absorb":["Pad"],"activations":["relu","relu6","hswish","swish","sigmoid","hsigmoid","leakyrelu","prelu","clip","gelu","tanh"]},{"type":"fc","match":"fc","absorb":["Flatten","Reshape","Squeeze"],"activations":["relu","relu6","hswish","swish","sigmoid","hsigmoid","leakyrelu","prelu","clip","gelu","tanh"],"$comment":"Gemm, or MatMul (+ Add of a constant bias) with a constant weight; a Flatten/Reshape feeding it belongs to it"},{"type":"matmul","match":"op","ops":["MatMul","Gemm","Einsum","MatMulInteger"],"$comment":"products of two activations"},{"type":"bnrelu","match":"op","ops":["BatchNormalization"],"constantOperands":true,"activations":["relu","relu6","leakyrelu","prelu","clip"],"activationRequired":true},{"type":"bn","match":"op","ops":["BatchNormalization"]},{"type":"addrelu","match":"op","ops":["Add"],"activationOperands":true,"activations":["relu","relu6"],"activationRequired":true},{"type":"add","match":"op","ops":["Add"],"activationOperands":true},{"type":"concat","match":"op","ops":["Concat"]},{"type":"maxpool","match":"op","ops":["MaxPool"],"absorb":["Pad"]},{"type":"avgpool","match":"op","ops":["AveragePool"],"absorb":["Pad"]},{"type":"split","match":"split","$comment":"Split, or sibling Slices of one tensor along one axis"},{"type":"relu","match":"activation","activations":["relu","relu6","leakyrelu","prelu","clip"],"$comment":"stand-alone ReLU-like activations"},{"type":"hswish","match":"activation","activations":["hswish","swish","sigmoid","hsigmoid","gelu","tanh"],"$comment":"stand-alone smooth activations, priced as the dataset's hswish kernel; the variant keeps the real one"}]}`);

// src/kernels/rules.ts
var ACTIVATIONS = [
  "none",
  "relu",
  "relu6",
  "hswish",
  "swish",
  "sigmoid",
  "hsigmoid",
  "leakyrelu",
  "prelu",
  "gelu",
  "tanh",
  "clip"
];
var ACTIVATION_MATCHERS2 = [
  "single",
  "gated",
  "clip",
  "hswishDecomposed",
  "hsigmoidDecomposed",
  "geluErf"
];
var KERNEL_MATCHERS = [
  "conv",
  "fc",
  "op",
  "globalPool",
  "squeezeExcite",
  "channelShuffle",
  "split",
  "layerNorm",
  "attention",
  "activation"
];
var FOLD_REASONS = ["constant", "identity", "dropout", "quantization"];
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
var Checker = class {
  constructor(source) {
    this.source = source;
  }
  source;
  fail(field, problem) {
    throw new KernelError(`${this.source} ${field}`, problem);
  }
  object(v, field) {
    if (!isObject(v)) this.fail(field, "must be an object");
    return v;
  }
  array(v, field) {
    if (!Array.isArray(v)) this.fail(field, "must be an array");
    return v;
  }
  strings(v, field) {
    return this.array(v, field).map((s, i) => {
      if (typeof s !== "string" || s === "") this.fail(`${field}[${i}]`, "must be a non-empty string");
      return s;
    });
  }
  oneOf(v, allowed, field) {
    if (typeof v !== "string" || !allowed.includes(v)) {
      this.fail(field, `must be one of ${allowed.join(", ")} (got ${JSON.stringify(v)})`);
    }
    return v;
  }
  optionalNumber(v, field) {
    if (v === void 0) return void 0;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(field, "must be a finite number");
    return v;
  }
  optionalBoolean(v, field) {
    if (v === void 0) return void 0;
    if (typeof v !== "boolean") this.fail(field, "must be true or false");
    return v;
  }
  /** Rejects unknown keys so that a typo in the rules cannot silently disable a condition. */
  keys(o, allowed, field) {
    for (const key of Object.keys(o)) {
      if (key !== "$comment" && !allowed.includes(key)) this.fail(`${field}.${key}`, "is not a known field");
    }
  }
};
function parseRules(json, source = "rules.json") {
  const c = new Checker(source);
  const root = c.object(json, "(root)");
  c.keys(root, ["version", "fold", "activations", "kernels"], "(root)");
  if (root.version !== 1) c.fail("version", `must be 1 (got ${JSON.stringify(root.version)})`);
  const foldJson = c.object(root.fold, "fold");
  c.keys(foldJson, ["ops", "views"], "fold");
  const foldOps = {};
  for (const [op2, reason] of Object.entries(c.object(foldJson.ops, "fold.ops"))) {
    foldOps[op2] = c.oneOf(reason, FOLD_REASONS, `fold.ops.${op2}`);
  }
  const views = c.strings(foldJson.views, "fold.views");
  const activations = c.array(root.activations, "activations").map((a, i) => {
    const field = `activations[${i}]`;
    const o = c.object(a, field);
    c.keys(o, ["activation", "match", "ops", "min", "max"], field);
    const rule = {
      activation: c.oneOf(o.activation, ACTIVATIONS, `${field}.activation`),
      match: c.oneOf(o.match, ACTIVATION_MATCHERS2, `${field}.match`),
      ...o.ops !== void 0 ? { ops: c.strings(o.ops, `${field}.ops`) } : {},
      ...o.min !== void 0 ? { min: c.optionalNumber(o.min, `${field}.min`) } : {},
      ...o.max !== void 0 ? { max: c.optionalNumber(o.max, `${field}.max`) } : {}
    };
    if ((rule.match === "single" || rule.match === "gated") && !rule.ops?.length) {
      c.fail(`${field}.ops`, `is required by the '${rule.match}' matcher`);
    }
    if (rule.activation === "none") c.fail(`${field}.activation`, "'none' is not a pattern");
    return rule;
  });
  const known = new Set(activations.map((a) => a.activation));
  const activationList = (v, field) => c.array(v, field).map((a, j) => {
    const act = c.oneOf(a, ACTIVATIONS, `${field}[${j}]`);
    if (!known.has(act)) c.fail(`${field}[${j}]`, `no pattern under 'activations' matches '${act}'`);
    return act;
  });
  const kernels = c.array(root.kernels, "kernels").map((k, i) => {
    const field = `kernels[${i}]`;
    const o = c.object(k, field);
    c.keys(
      o,
      [
        "type",
        "match",
        "ops",
        "depthwise",
        "batchNorm",
        "absorb",
        "activations",
        "activationRequired",
        "gates",
        "activationOperands",
        "constantOperands"
      ],
      field
    );
    const type = o.type;
    if (typeof type !== "string" || !isKernelType(type))
      c.fail(`${field}.type`, `unknown kernel type ${JSON.stringify(type)}`);
    if (type === OTHERS) c.fail(`${field}.type`, "'others' is what no rule matches; it has no rule");
    const rule = {
      type,
      match: c.oneOf(o.match, KERNEL_MATCHERS, `${field}.match`),
      ...o.ops !== void 0 ? { ops: c.strings(o.ops, `${field}.ops`) } : {},
      ...o.depthwise !== void 0 ? { depthwise: c.optionalBoolean(o.depthwise, `${field}.depthwise`) } : {},
      ...o.batchNorm !== void 0 ? { batchNorm: c.optionalBoolean(o.batchNorm, `${field}.batchNorm`) } : {},
      ...o.absorb !== void 0 ? { absorb: c.strings(o.absorb, `${field}.absorb`) } : {},
      ...o.activations !== void 0 ? { activations: activationList(o.activations, `${field}.activations`) } : {},
      ...o.activationRequired !== void 0 ? { activationRequired: c.optionalBoolean(o.activationRequired, `${field}.activationRequired`) } : {},
      ...o.gates !== void 0 ? { gates: activationList(o.gates, `${field}.gates`) } : {},
      ...o.activationOperands !== void 0 ? { activationOperands: c.optionalBoolean(o.activationOperands, `${field}.activationOperands`) } : {},
      ...o.constantOperands !== void 0 ? { constantOperands: c.optionalBoolean(o.constantOperands, `${field}.constantOperands`) } : {}
    };
    if (rule.match === "op" && !rule.ops?.length) c.fail(`${field}.ops`, "is required by the 'op' matcher");
    if (rule.match === "activation" && !rule.activations?.length)
      c.fail(`${field}.activations`, "is required by the 'activation' matcher");
    if (rule.match === "squeezeExcite" && !rule.gates?.length)
      c.fail(`${field}.gates`, "is required by the 'squeezeExcite' matcher");
    if (rule.activationRequired && !rule.activations?.length)
      c.fail(`${field}.activations`, "is required when activationRequired is set");
    return rule;
  });
  if (kernels.length === 0) c.fail("kernels", "must list at least one rule");
  return { version: 1, fold: { ops: foldOps, views }, activations, kernels };
}
var DEFAULT_RULES = parseRules(rules_default, "src/kernels/rules.json");

// src/kernels/detect.ts
var INTEGER_TYPES = /* @__PURE__ */ new Set([
  7 /* INT64 */,
  6 /* INT32 */,
  5 /* INT16 */,
  3 /* INT8 */,
  13 /* UINT64 */,
  12 /* UINT32 */,
  4 /* UINT16 */,
  2 /* UINT8 */,
  9 /* BOOL */
]);
function detectKernels(model, index, shapes, rules = DEFAULT_RULES) {
  const warnings = [];
  const folded = /* @__PURE__ */ new Map();
  const passThrough = /* @__PURE__ */ new Set();
  for (const node of index.order) {
    const reason = foldReason(node, shapes, rules, index);
    if (!reason) continue;
    folded.set(node, reason);
    if (PASS_THROUGH.has(reason)) passThrough.add(node);
  }
  const taken = new Set(folded.keys());
  const ctx = createContext(index, shapes, passThrough, taken);
  const matches = [];
  const deferred = [];
  const unsupported = /* @__PURE__ */ new Set();
  const candidates = detectorsByAnchorOp(rules);
  for (const node of index.order) {
    if (taken.has(node)) continue;
    const reason = unsupportedReason(node, model);
    if (reason) {
      warnings.push(
        `node '${node.name}' (${node.domain ? `${node.domain}:` : ""}${node.opType}) ${reason}: counted as one 'others' kernel`
      );
      unsupported.add(node);
      matches.push({ type: OTHERS, match: { nodes: [node], variant: {} } });
      taken.add(node);
      continue;
    }
    let claimed = false;
    for (const detector of candidates.get(node.opType) ?? []) {
      const m = detector.match(ctx, node);
      if (!m || !m.nodes.includes(node) || m.nodes.some((n) => taken.has(n))) continue;
      for (const n of m.nodes) taken.add(n);
      matches.push({ type: detector.type, match: m });
      claimed = true;
      break;
    }
    if (!claimed) deferred.push(node);
  }
  for (const node of deferred) {
    if (taken.has(node)) continue;
    taken.add(node);
    if (node.domain === "" && rules.fold.views.includes(node.opType)) folded.set(node, "view");
    else matches.push({ type: OTHERS, match: { nodes: [node], variant: {} } });
  }
  const position = (n) => index.position.get(n);
  const firstPosition = new Map(
    matches.map((m) => [m, m.match.nodes.reduce((p, n) => Math.min(p, position(n)), Infinity)])
  );
  matches.sort((a, b) => firstPosition.get(a) - firstPosition.get(b));
  const tracer = createParamTracer(ctx, new Set(folded.keys()));
  const attributed = /* @__PURE__ */ new Set();
  const kernels = matches.map(({ type, match }) => {
    const nodes = [...match.nodes].sort((a, b) => position(a) - position(b));
    const cost = kernelCost(nodes, { ctx, tracer, attributed });
    if (cost.unknown.length > 0) {
      warnings.push(
        `kernel '${nodes[0].name}': the shape of ${cost.unknown.length === 1 ? `'${cost.unknown[0]}' is` : `${cost.unknown.length} values ('${cost.unknown[0]}'...) are`} unknown, so its cost is undercounted`
      );
    }
    const config = kernelConfig({ type, nodes, inputs: cost.inputs, outputs: cost.outputs, ctx });
    const known = (v) => ctx.shape(v) ?? [];
    return {
      name: nodes[0].name,
      type,
      variant: match.variant,
      nodes: nodes.map((n) => n.name),
      opTypes: nodes.map((n) => n.opType),
      inputShapes: cost.inputs.map(known),
      outputShapes: cost.outputs.map(known),
      config,
      features: featureVector(type, config, cost.flops, runtimeParams(type, nodes, ctx)),
      precision: kernelPrecision(nodes, ctx),
      macs: cost.macs,
      flops: cost.flops,
      params: cost.params,
      bytes: cost.bytes,
      inputBytes: cost.inputBytes,
      outputBytes: cost.outputBytes,
      weightBytes: cost.weightBytes
    };
  });
  warnings.push(
    ...uncostedWarnings(matches.flatMap((m) => m.match.nodes).filter((n) => !unsupported.has(n)))
  );
  let unattributedParams = 0;
  for (const [name, t] of model.graph.initializers)
    if (!attributed.has(name)) unattributedParams += t.elements;
  const foldedList = index.order.filter((n) => folded.has(n)).map((n) => ({ node: n.name, opType: n.opType, reason: folded.get(n) }));
  return { kernels, folded: foldedList, unattributedParams, warnings };
}
function uncostedWarnings(nodes) {
  const counts = /* @__PURE__ */ new Map();
  for (const n of nodes) if (!hasCostRule(n)) counts.set(n.opType, (counts.get(n.opType) ?? 0) + 1);
  return [...counts].map(
    ([op2, n]) => `${n} ${n === 1 ? "node" : "nodes"} of type '${op2}' ${n === 1 ? "has" : "have"} no cost rule: counted as 0 MACs and 0 FLOPs, so only ${n === 1 ? "its" : "their"} bytes price ${n === 1 ? "it" : "them"}`
  );
}
function foldReason(node, shapes, rules, index) {
  if (node.domain !== "") return void 0;
  const byOp = rules.fold.ops[node.opType];
  if (byOp === "dropout") {
    const mask = node.outputs[1];
    if (mask && ((index.consumers.get(mask)?.length ?? 0) > 0 || index.graphOutputs.has(mask)))
      return void 0;
    return "dropout";
  }
  if (byOp) return byOp;
  if (node.opType === "Cast" && sameType(node, shapes)) return "identity";
  if (node.opType === "Transpose" && isLayoutTranspose(node, shapes, index)) return "layout";
  if (node.opType === "Concat" && node.inputs.filter((i) => i !== "").length === 1) return "identity";
  const outputs = node.outputs.filter((o) => o !== "");
  if (outputs.length === 0) return void 0;
  const infos = outputs.map((o) => shapes.shapes.get(o));
  if (!infos.every((i) => i?.constant === true)) return void 0;
  return infos.every((i) => INTEGER_TYPES.has(i.dataType)) ? "shape-arithmetic" : "constant-folding";
}
var PASS_THROUGH = /* @__PURE__ */ new Set(["identity", "dropout", "quantization", "layout"]);
function sameType(node, shapes) {
  const a = shapes.shapes.get(node.inputs[0] ?? "")?.dataType;
  const b = shapes.shapes.get(node.outputs[0] ?? "")?.dataType;
  return a !== void 0 && a === b;
}
function isLayoutTranspose(node, shapes, index) {
  const perm = node.attributes.get("perm");
  if (perm?.kind !== "ints" || shapes.shapes.get(node.inputs[0] ?? "")?.shape.length !== 4) return false;
  const p = perm.value.join(",");
  if (p !== "0,2,3,1" && p !== "0,3,1,2") return false;
  const throughCasts = (n, next) => {
    for (let hops = 0; n && n.opType === "Cast" && hops < 4; hops++) n = next(n);
    return n;
  };
  const producer = throughCasts(
    index.producer.get(node.inputs[0] ?? ""),
    (n) => index.producer.get(n.inputs[0] ?? "")
  );
  const consumers = (index.consumers.get(node.outputs[0] ?? "") ?? []).map(
    (c) => throughCasts(c, (n) => index.consumers.get(n.outputs[0] ?? "")?.[0])
  );
  return [producer, ...consumers].some((n) => n !== void 0 && IMAGE_OPS.has(n.opType));
}
var IMAGE_OPS = /* @__PURE__ */ new Set([
  "Conv",
  "ConvTranspose",
  "MaxPool",
  "AveragePool",
  "GlobalAveragePool",
  "GlobalMaxPool",
  "BatchNormalization",
  "Resize",
  "Pad",
  "ReduceMean",
  "DepthToSpace",
  "SpaceToDepth"
]);
function unsupportedReason(node, model) {
  if (model.functions.has(`${node.domain}:${node.opType}`))
    return `calls the local function '${node.domain}:${node.opType}'`;
  if (node.domain === "tflite.custom")
    return `is the TFLite custom operator '${node.opType}', unknown to the analyser`;
  if (node.domain === "tflite")
    return `is the TFLite operator ${node.opType}, which the analyser has no rule for`;
  if (node.domain !== "") return `is in the domain '${node.domain}', unknown to the analyser`;
  for (const a of node.attributes.values()) {
    if (a.kind === "graph" || a.kind === "graphs") return "holds subgraphs, which are not analysed";
  }
  return void 0;
}

// src/onnx/graph.ts
function indexGraph(graph, file, outerScope = /* @__PURE__ */ new Set()) {
  const producer = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) {
    for (const out of node.outputs) {
      if (out === "") continue;
      const previous = producer.get(out);
      if (previous) {
        throw new ModelLoadError(
          file,
          `value '${out}' is produced twice (by '${previous.name}' and '${node.name}')`
        );
      }
      producer.set(out, node);
    }
  }
  const inputNames = new Set(graph.inputs.map((i) => i.name));
  const isDefined = (name) => producer.has(name) || graph.initializers.has(name) || inputNames.has(name) || outerScope.has(name);
  const consumers = /* @__PURE__ */ new Map();
  const pending = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) {
    let waits = 0;
    for (const input of node.inputs) {
      if (input === "") continue;
      if (!isDefined(input)) {
        throw new ModelLoadError(
          file,
          `node '${node.name}' (${node.opType}) reads '${input}', which nothing defines`
        );
      }
      let list = consumers.get(input);
      if (!list) consumers.set(input, list = []);
      if (list[list.length - 1] !== node) {
        list.push(node);
        if (producer.has(input)) waits += 1;
      }
    }
    pending.set(node, waits);
  }
  const order = fileOrderIsTopological(graph.nodes, producer) ? [...graph.nodes] : kahn(graph.nodes, consumers, pending);
  if (order.length !== graph.nodes.length) {
    const stuck = graph.nodes.filter((n) => (pending.get(n) ?? 0) > 0).slice(0, 3);
    throw new ModelLoadError(
      file,
      `the graph has a cycle through ${stuck.map((n) => `'${n.name}'`).join(", ")}${graph.nodes.length - order.length > 3 ? " and others" : ""}`
    );
  }
  const position = /* @__PURE__ */ new Map();
  order.forEach((n, i) => position.set(n, i));
  for (const list of consumers.values())
    if (list.length > 1) list.sort((a, b) => position.get(a) - position.get(b));
  return {
    graph,
    order,
    producer,
    consumers,
    graphOutputs: new Set(graph.outputs.map((o) => o.name)),
    position
  };
}
function fileOrderIsTopological(nodes, producer) {
  const done = /* @__PURE__ */ new Set();
  for (const node of nodes) {
    for (const input of node.inputs) {
      const p = input === "" ? void 0 : producer.get(input);
      if (p && !done.has(p)) return false;
    }
    done.add(node);
  }
  return true;
}
function kahn(nodes, consumers, pending) {
  const order = [];
  const ready = [];
  for (const node of nodes) if (pending.get(node) === 0) ready.push(node);
  let head = 0;
  while (head < ready.length) {
    const node = ready[head++];
    order.push(node);
    for (const out of node.outputs) {
      if (out === "") continue;
      for (const next of consumers.get(out) ?? []) {
        const left = pending.get(next) - 1;
        pending.set(next, left);
        if (left === 0) ready.push(next);
      }
    }
  }
  return order;
}

// src/onnx/source.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { promisify } from "node:util";
import { gunzip, gunzipSync } from "node:zlib";
function bufferSource(bytes) {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, offset + length),
    close: () => void 0
  };
}
var GZIP_MAGIC = [31, 139];
var gunzipAsync = promisify(gunzip);
var MAX_SINGLE_CHUNK = 512 * 1024 * 1024;
var MAX_GUNZIPPED_BYTES = 2 ** 31 - 1;
function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}
function inflateModel(bytes, path) {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(path, `corrupt or truncated gzip data (${reason})`, { cause: error });
  }
}
async function inflateModelAsync(bytes, path) {
  if (!isGzip(bytes)) return bytes;
  try {
    const isize = bytes.length >= 18 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4) : 0;
    const chunkSize = Math.min(Math.max(isize + 1, 64 * 1024), MAX_SINGLE_CHUNK);
    return await gunzipAsync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES, chunkSize });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(path, `corrupt or truncated gzip data (${reason})`, { cause: error });
  }
}
function fileSource(path) {
  const fd = openSync(path, "r");
  let gzipped;
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(2, size));
    readSync(fd, head, 0, head.length, 0);
    if (!isGzip(head)) return new FileByteSource(fd, size);
    gzipped = Buffer.alloc(size);
    readSync(fd, gzipped, 0, size, 0);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  closeSync(fd);
  return bufferSource(inflateModel(gzipped, path));
}
var WINDOW_BYTES = 1 << 16;
var FileByteSource = class {
  constructor(fd, size) {
    this.fd = fd;
    this.size = size;
  }
  fd;
  size;
  closed = false;
  window = new Uint8Array(0);
  windowStart = 0;
  read(offset, length) {
    const inWindow = offset >= this.windowStart && offset + length <= this.windowStart + this.window.length;
    if (inWindow) return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
    if (length <= WINDOW_BYTES / 4) {
      this.window = this.readDirect(offset, WINDOW_BYTES);
      this.windowStart = offset;
      return this.window.subarray(0, Math.min(length, this.window.length));
    }
    return this.readDirect(offset, length);
  }
  readDirect(offset, length) {
    const end = Math.min(this.size, offset + length);
    const out = Buffer.allocUnsafe(Math.max(0, end - offset));
    let done = 0;
    while (done < out.length) {
      const n = readSync(this.fd, out, done, out.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done === out.length ? out : out.subarray(0, done);
  }
  close() {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
    }
  }
};
function readFileSource(path, read) {
  let source;
  try {
    source = fileSource(path);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError(path, `cannot read the file (${why})`, { cause: error });
  }
  try {
    return read(source);
  } finally {
    source.close();
  }
}

// src/onnx/decode-values.ts
import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, normalize, relative, resolve, sep } from "node:path";
function inferAttributeType(a) {
  if (a.g) return 5;
  if (a.t) return 4;
  if (a.s && a.s.length > 0) return 3;
  if ((a.ints?.length ?? 0) > 0) return 7;
  if ((a.floats?.length ?? 0) > 0) return 6;
  if ((a.strings?.length ?? 0) > 0) return 8;
  if (a.f !== void 0 && a.f !== 0) return 1;
  return 2;
}
function normaliseDomain(domain) {
  return domain === "ai.onnx" ? "" : domain;
}
function int(v) {
  const n = typeof v === "number" ? v : Number(v.toString());
  if (n > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
  if (n < -Number.MAX_SAFE_INTEGER) return -Number.MAX_SAFE_INTEGER;
  return n;
}
function tensorValues(p, dt) {
  const raw = p.rawData;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const size = bytesPerElement(dt);
    if (size <= 0 || size !== Math.floor(size)) return void 0;
    const n = Math.floor(raw.byteLength / size);
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const o = i * size;
      switch (dt) {
        case 1 /* FLOAT */:
          out[i] = view.getFloat32(o, true);
          break;
        case 11 /* DOUBLE */:
          out[i] = view.getFloat64(o, true);
          break;
        case 7 /* INT64 */:
          out[i] = clampBig(view.getBigInt64(o, true));
          break;
        case 13 /* UINT64 */:
          out[i] = clampBig(view.getBigUint64(o, true));
          break;
        case 6 /* INT32 */:
          out[i] = view.getInt32(o, true);
          break;
        case 12 /* UINT32 */:
          out[i] = view.getUint32(o, true);
          break;
        case 5 /* INT16 */:
          out[i] = view.getInt16(o, true);
          break;
        case 4 /* UINT16 */:
          out[i] = view.getUint16(o, true);
          break;
        case 3 /* INT8 */:
          out[i] = view.getInt8(o);
          break;
        case 2 /* UINT8 */:
        case 9 /* BOOL */:
          out[i] = view.getUint8(o);
          break;
        case 10 /* FLOAT16 */:
          out[i] = halfToNumber(view.getUint16(o, true));
          break;
        default:
          return void 0;
      }
    }
    return out;
  }
  if (p.int64Data?.length) return p.int64Data.map(int);
  if (p.uint64Data?.length) return p.uint64Data.map(int);
  if (p.floatData?.length) return p.floatData;
  if (p.doubleData?.length) return p.doubleData;
  if (p.int32Data?.length) return dt === 10 /* FLOAT16 */ ? p.int32Data.map(halfToNumber) : p.int32Data;
  return dt === 8 /* STRING */ ? void 0 : [];
}
function clampBig(v) {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (v < BigInt(-Number.MAX_SAFE_INTEGER)) return -Number.MAX_SAFE_INTEGER;
  return Number(v);
}
function halfToNumber(h) {
  const sign = h & 32768 ? -1 : 1;
  const exp = h >> 10 & 31;
  const frac = h & 1023;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}
function checkExternalLocation(modelPath, tensor, location) {
  const refuse = (why) => new ModelLoadError(
    modelPath,
    `external data of tensor '${tensor}' is refused: location '${location}' ${why}`
  );
  if (location.includes("\0")) throw refuse("contains a NUL byte");
  if (isAbsolute(location) || /^[a-zA-Z]:[\\/]/.test(location) || location.startsWith("\\")) {
    throw refuse("is an absolute path");
  }
  const normal = normalize(location.replace(/\\/g, "/"));
  if (normal === ".." || normal.startsWith(`..${sep}`) || normal.startsWith("../")) {
    throw refuse("points outside the model's folder");
  }
  const folder = resolve(dirname(modelPath));
  const target = resolve(folder, normal);
  if (existsSync(target)) {
    const real = realpathSync(target);
    const realFolder = realpathSync(folder);
    const rel = relative(realFolder, real);
    if (rel.startsWith("..") || isAbsolute(rel))
      throw refuse("resolves (through a link) outside the model's folder");
  }
}

// src/onnx/wire.ts
var SCALARS = /* @__PURE__ */ new Set(["string", "bytes", "int64", "uint64", "int32", "float", "double"]);
var ROOT = onnx_proto_default.nested?.["onnx"];
var specs = /* @__PURE__ */ new Map();
var utf8 = new TextDecoder();
function decodeMessage(name, bytes) {
  return new WireReader(bytes).message(spec(name), bytes.length);
}
function lookup(name) {
  const parts = name.split(".");
  let node = ROOT;
  for (const part of parts) node = node?.nested?.[part];
  if (!node) throw new Error(`onnx-proto.json has no type ${name}`);
  return { node, scopes: parts.map((_, i) => parts.slice(0, i + 1).join(".")) };
}
function resolveType(type, scopes) {
  for (let i = scopes.length; i >= 0; i--) {
    const full = [...scopes.slice(0, i), type].join(".");
    let node = ROOT;
    for (const part of full.split(".")) node = node?.nested?.[part];
    if (node) return { name: full, node };
  }
  throw new Error(`onnx-proto.json: unknown type ${type}`);
}
function spec(name) {
  const known = specs.get(name);
  if (known) return known;
  const { node, scopes } = lookup(name);
  const fields = /* @__PURE__ */ new Map();
  const enumDefaults = [];
  for (const [fieldName, f] of Object.entries(node.fields ?? {})) {
    const repeated = f.rule === "repeated";
    if (SCALARS.has(f.type)) {
      fields.set(f.id, { name: fieldName, repeated, scalar: f.type });
      continue;
    }
    const target = resolveType(f.type, scopes);
    if (target.node.values) {
      fields.set(f.id, { name: fieldName, repeated, scalar: "enum" });
      const first = Object.values(target.node.values)[0];
      if (!repeated && first !== void 0) enumDefaults.push([fieldName, first]);
    } else {
      fields.set(f.id, { name: fieldName, repeated, message: target.name });
    }
  }
  const made = { fields, enumDefaults };
  specs.set(name, made);
  return made;
}
var TWO_32 = 2 ** 32;
var WireReader = class {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  bytes;
  pos = 0;
  /** The low and high 32 bits of the last varint read. */
  lo = 0;
  hi = 0;
  view;
  message(message, end) {
    const out = {};
    while (this.pos < end) {
      const tag = this.varint32();
      const number = tag >>> 3;
      const wireType = tag & 7;
      const field = message.fields.get(number);
      if (!field) {
        this.skip(wireType);
        continue;
      }
      if (field.repeated && field.scalar && field.scalar !== "string" && field.scalar !== "bytes" && wireType === 2) {
        const stop = this.length();
        const list = out[field.name] ?? [];
        while (this.pos < stop) list.push(this.scalar(field.scalar));
        out[field.name] = list;
        continue;
      }
      const value = field.message ? this.nested(field.message) : this.scalar(field.scalar);
      if (field.repeated) {
        const list = out[field.name];
        if (list) list.push(value);
        else out[field.name] = [value];
      } else {
        out[field.name] = value;
      }
    }
    if (this.pos > end) throw new Error("a field runs past the end of its message");
    for (const [name, value] of message.enumDefaults) if (!(name in out)) out[name] = value;
    return out;
  }
  nested(name) {
    const end = this.length();
    return this.message(spec(name), end);
  }
  scalar(kind) {
    switch (kind) {
      case "string":
        return utf8.decode(this.chunk());
      case "bytes":
        return this.chunk();
      case "float": {
        this.need(4);
        const v = this.view.getFloat32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case "double": {
        this.need(8);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case "int64":
        return this.varint64(true);
      case "uint64":
        return this.varint64(false);
      case "int32":
      case "enum":
        this.varint();
        return this.lo | 0;
    }
  }
  /** The payload of a length-delimited field, as a view (never copied). */
  chunk() {
    const end = this.length();
    const out = this.bytes.subarray(this.pos, end);
    this.pos = end;
    return out;
  }
  /** A length prefix; returns the end offset of the payload. */
  length() {
    const n = this.varint32();
    const end = this.pos + n;
    if (end > this.bytes.length) throw new Error("a length runs past the end of the bytes");
    return end;
  }
  need(n) {
    if (this.pos + n > this.bytes.length) throw new Error("a value runs past the end of the bytes");
  }
  /** A varint that must fit 32 bits (tags, lengths). */
  varint32() {
    const v = this.varint64(false);
    if (v >= TWO_32) throw new Error("a tag or length out of range");
    return v;
  }
  /** A varint as a number: two's complement when signed (int64), rounded past 2^53. */
  varint64(signed) {
    this.varint();
    if (signed && this.hi & 2147483648) return -((~this.hi >>> 0) * TWO_32 + ((~this.lo >>> 0) + 1));
    return (this.hi >>> 0) * TWO_32 + (this.lo >>> 0);
  }
  /** Reads a varint into lo and hi, its low and high 32 bits. */
  varint() {
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.bytes.length) throw new Error("a varint runs past the end of the bytes");
      const b = this.bytes[this.pos++];
      const bits = b & 127;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << shift - 32;
      if (b < 128) {
        this.lo = lo;
        this.hi = hi;
        return;
      }
    }
    throw new Error("a varint longer than 10 bytes");
  }
  skip(wireType) {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.need(8);
        this.pos += 8;
        return;
      case 2:
        this.pos = this.length();
        return;
      case 5:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new Error(`unsupported wire type ${wireType}`);
    }
  }
};

// src/onnx/decode.ts
var MAX_KEPT_ELEMENTS = 4096;
var MAX_KEPT_DATA_BYTES = MAX_KEPT_ELEMENTS * 8;
var MAX_GRAPH_DEPTH = 32;
function decodeModelBytes(bytes, options = {}) {
  return decodeModelSource(bufferSource(bytes), options.path ?? "<memory>");
}
function decodeModelSource(source, path) {
  sniff(source, path);
  try {
    return new Decoder(source, path).model();
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError(path, `not a valid ONNX model (${errorText(error)})`, { cause: error });
  }
}
function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}
function sniff(source, path) {
  if (source.size === 0) throw new ModelLoadError(path, "the file is empty");
  const head = Buffer.from(source.read(0, Math.min(200, source.size))).toString("latin1");
  if (head.startsWith("version https://git-lfs.github.com/spec/")) {
    throw new ModelLoadError(
      path,
      "this is a Git LFS pointer, not the model: fetch LFS objects (actions/checkout with `lfs: true`, or `git lfs pull`)"
    );
  }
  if (/^[\s{[<#a-zA-Z]/.test(head) && isPrintableAscii(head)) {
    throw new ModelLoadError(path, "this is a text file, not an ONNX protobuf model");
  }
}
function isPrintableAscii(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 9 || c === 10 || c === 13 || c >= 32 && c <= 126)) return false;
  }
  return true;
}
var Decoder = class {
  constructor(source, path) {
    this.source = source;
    this.path = path;
  }
  source;
  path;
  unnamedDims = 0;
  weightBytes = 0;
  model() {
    const rest = [];
    const graphRanges = [];
    for (const field of this.fields(0, this.source.size, "ModelProto")) {
      if (field.number === 7 && field.wireType === 2) graphRanges.push(field);
      else rest.push(this.source.read(field.tagStart, field.end - field.tagStart));
    }
    const header = decodeMessage("ModelProto", Buffer.concat(rest));
    if (graphRanges.length === 0) throw new ModelLoadError(this.path, "the model has no graph");
    const opsets = /* @__PURE__ */ new Map();
    for (const o of header.opsetImport ?? []) {
      opsets.set(normaliseDomain(o.domain ?? ""), int(o.version ?? 0));
    }
    if (!opsets.has("")) opsets.set("", 1);
    const graph = this.topGraph(graphRanges);
    return {
      path: this.path,
      format: "onnx",
      irVersion: int(header.irVersion ?? 0),
      opsets,
      producer: { name: header.producerName ?? "", version: header.producerVersion ?? "" },
      graph,
      functions: new Set(
        (header.functions ?? []).map((f) => `${normaliseDomain(f.domain ?? "")}:${f.name ?? ""}`)
      ),
      fileBytes: this.source.size,
      weightBytes: this.weightBytes
    };
  }
  topGraph(ranges) {
    const rest = [];
    const initializers = [];
    for (const range of ranges) {
      for (const field of this.fields(range.start, range.end, "GraphProto")) {
        if (field.number === 5 && field.wireType === 2) {
          initializers.push(this.skimTensor(field));
        } else if (field.number === 15 && field.wireType === 2) {
          initializers.push(...this.skimSparseTensor(field));
        } else {
          rest.push(this.source.read(field.tagStart, field.end - field.tagStart));
        }
      }
    }
    const graph = decodeMessage("GraphProto", Buffer.concat(rest));
    return this.graph(graph, initializers, 0);
  }
  /** Iterates the fields of the message in [start, end). */
  *fields(start, end, message) {
    let pos = start;
    while (pos < end) {
      const tagStart = pos;
      const [tag, afterTag] = this.varint(pos, end, message);
      pos = afterTag;
      const number = Math.floor(tag / 8);
      const wireType = tag % 8;
      if (number === 0) throw this.corrupt(message, tagStart, "field number 0");
      let fieldStart = pos;
      switch (wireType) {
        case 0:
          pos = this.varint(pos, end, message)[1];
          break;
        case 1:
          pos += 8;
          break;
        case 5:
          pos += 4;
          break;
        case 2: {
          const [length, afterLength] = this.varint(pos, end, message);
          fieldStart = afterLength;
          pos = afterLength + length;
          break;
        }
        default:
          throw this.corrupt(message, tagStart, `unsupported wire type ${wireType}`);
      }
      if (pos > end) throw this.corrupt(message, tagStart, "a field runs past the end (truncated file?)");
      yield { number, wireType, tagStart, start: fieldStart, end: pos };
    }
  }
  varint(pos, end, message) {
    const bytes = this.source.read(pos, Math.min(10, end - pos));
    let value = 0;
    let scale = 1;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      value += (b & 127) * scale;
      scale *= 128;
      if (b < 128) {
        if (!Number.isSafeInteger(value)) throw this.corrupt(message, pos, "a length or tag out of range");
        return [value, pos + i + 1];
      }
    }
    throw this.corrupt(message, pos, "a varint runs past the end (truncated file?)");
  }
  corrupt(message, offset, what) {
    return new ModelLoadError(this.path, `corrupt ${message} at byte ${offset}: ${what}`);
  }
  /** Decodes an initializer, skipping data fields that are too large to be shape arithmetic. */
  skimTensor(field) {
    const kept = [];
    let skippedDataBytes = 0;
    for (const f of this.fields(field.start, field.end, "TensorProto")) {
      const isData = [4, 5, 6, 7, 9, 10, 11].includes(f.number);
      if (isData && f.end - f.start > MAX_KEPT_DATA_BYTES) {
        skippedDataBytes += f.end - f.start;
        continue;
      }
      kept.push(this.source.read(f.tagStart, f.end - f.tagStart));
    }
    const proto = decodeMessage("TensorProto", Buffer.concat(kept));
    const info = this.tensor(proto, "initializer", skippedDataBytes > 0);
    this.weightBytes += info.byteLength;
    return info;
  }
  skimSparseTensor(field) {
    const out = [];
    let dims = [];
    let values;
    let indices;
    for (const f of this.fields(field.start, field.end, "SparseTensorProto")) {
      if (f.number === 1 && f.wireType === 2) values = this.skimTensor(f);
      else if (f.number === 2 && f.wireType === 2) indices = this.skimTensor(f);
      else if (f.number === 3) {
        const bytes = this.source.read(f.tagStart, f.end - f.tagStart);
        const sparse = decodeMessage("SparseTensorProto", bytes);
        dims.push(...(sparse.dims ?? []).map(int));
      }
    }
    if (values) {
      dims = dims.length > 0 ? dims : [...values.dims];
      out.push({
        ...values,
        dims,
        elements: this.elementCount(values.name, dims),
        byteLength: values.byteLength + (indices?.byteLength ?? 0),
        values: void 0
      });
    }
    return out;
  }
  tensor(proto, what, payloadSkipped = false) {
    const name = proto.name ?? "";
    const dataType = proto.dataType ?? 0;
    const dims = (proto.dims ?? []).map((d) => {
      const n = int(d);
      if (n < 0) throw new ModelLoadError(this.path, `${what} '${name}' has a negative dimension (${n})`);
      return n;
    });
    const elements2 = this.elementCount(name, dims);
    const size = bytesPerElement(dataType);
    let external;
    if (proto.dataLocation === 1 || (proto.externalData?.length ?? 0) > 0) {
      external = this.externalData(name, proto.externalData ?? [], Math.ceil(elements2 * size));
    }
    let byteLength;
    if (external) byteLength = external.length;
    else if (dataType === 8 /* STRING */) byteLength = (proto.rawData?.length ?? 0) || elements2 * 16;
    else byteLength = Math.ceil(elements2 * size);
    let values;
    if (!payloadSkipped && !external && elements2 <= MAX_KEPT_ELEMENTS) values = tensorValues(proto, dataType);
    if (values && values.length !== elements2) values = void 0;
    return {
      name,
      dataType,
      dims,
      elements: elements2,
      byteLength,
      ...values ? { values } : {},
      ...external ? { external } : {}
    };
  }
  elementCount(name, dims) {
    let n = 1;
    for (const d of dims) n *= d;
    if (!Number.isSafeInteger(n)) {
      throw new ModelLoadError(
        this.path,
        `tensor '${name}' has dims [${dims.join(", ")}] whose size overflows`
      );
    }
    return n;
  }
  externalData(name, entries, impliedLength) {
    const get = (key) => entries.find((e) => e.key === key)?.value;
    const location = get("location");
    if (!location) throw new ModelLoadError(this.path, `tensor '${name}' is external but has no location`);
    checkExternalLocation(this.path, name, location);
    const offset = Number(get("offset") ?? 0);
    const length = get("length") !== void 0 ? Number(get("length")) : impliedLength;
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new ModelLoadError(this.path, `tensor '${name}' has an invalid external offset or length`);
    }
    return { location, offset, length };
  }
  graph(proto, skimmed, depth) {
    if (depth > MAX_GRAPH_DEPTH)
      throw new ModelLoadError(this.path, `subgraphs nested deeper than ${MAX_GRAPH_DEPTH}`);
    const initializers = /* @__PURE__ */ new Map();
    for (const t of skimmed) initializers.set(t.name, t);
    for (const t of proto.initializer ?? []) {
      const info = this.tensor(t, "initializer");
      this.weightBytes += info.byteLength;
      initializers.set(info.name, info);
    }
    const nodes = (proto.node ?? []).map((n, i) => this.node(n, i, depth));
    const valueInfo = /* @__PURE__ */ new Map();
    for (const v of proto.valueInfo ?? []) {
      const info = this.valueInfo(v);
      valueInfo.set(info.name, info);
    }
    return {
      name: proto.name ?? "",
      nodes,
      initializers,
      inputs: (proto.input ?? []).filter((v) => !initializers.has(v.name ?? "")).map((v) => this.valueInfo(v)),
      outputs: (proto.output ?? []).map((v) => this.valueInfo(v)),
      valueInfo
    };
  }
  node(proto, index, depth) {
    const opType = proto.opType ?? "";
    if (!opType) throw new ModelLoadError(this.path, `node #${index} has no op_type`);
    const attributes = /* @__PURE__ */ new Map();
    for (const a of proto.attribute ?? []) attributes.set(a.name ?? "", this.attribute(a, depth));
    return {
      name: proto.name || `${opType}_${index}`,
      opType,
      domain: normaliseDomain(proto.domain ?? ""),
      inputs: proto.input ?? [],
      outputs: proto.output ?? [],
      attributes
    };
  }
  attribute(a, depth) {
    const type = a.type ?? inferAttributeType(a);
    switch (type) {
      case 1:
        return { kind: "float", value: a.f ?? 0 };
      case 2:
        return { kind: "int", value: int(a.i ?? 0) };
      case 3:
        return { kind: "string", value: Buffer.from(a.s ?? new Uint8Array()).toString("utf8") };
      case 4:
        return { kind: "tensor", value: this.constantTensor(a.t ?? {}) };
      case 5:
        return { kind: "graph", value: this.graph(a.g ?? {}, [], depth + 1) };
      case 6:
        return { kind: "floats", value: a.floats ?? [] };
      case 7:
        return { kind: "ints", value: (a.ints ?? []).map(int) };
      case 8:
        return { kind: "strings", value: (a.strings ?? []).map((s) => Buffer.from(s).toString("utf8")) };
      case 9:
        return { kind: "tensors", value: (a.tensors ?? []).map((t) => this.constantTensor(t)) };
      case 10:
        return { kind: "graphs", value: (a.graphs ?? []).map((g) => this.graph(g, [], depth + 1)) };
      default:
        return { kind: "other", type };
    }
  }
  /** Constant-node and attribute tensors count as weights only when the graph uses them so (kernels decide). */
  constantTensor(proto) {
    return this.tensor(proto, "constant");
  }
  valueInfo(v) {
    const name = v.name ?? "";
    const t = v.type;
    const tensor = t?.tensorType ?? t?.sparseTensorType;
    if (!tensor) {
      const kind = t?.sequenceType ? "sequence" : t?.mapType ? "map" : t?.optionalType ? "optional" : "unknown";
      return { name, dataType: 0 /* UNDEFINED */, nonTensor: kind };
    }
    const dataType = tensor.elemType ?? 0;
    if (!tensor.shape) return { name, dataType };
    const shape = (tensor.shape.dim ?? []).map((d) => {
      if (d.dimParam) return d.dimParam;
      if (Object.prototype.hasOwnProperty.call(d, "dimValue") && d.dimValue !== void 0) {
        const n = int(d.dimValue);
        if (n >= 0) return n;
      }
      this.unnamedDims += 1;
      return `?${this.unnamedDims}`;
    });
    return { name, dataType, shape };
  }
};

// src/runtime/ort.ts
var loading;
function loadOrt() {
  loading ??= import("./cli-YWKMZFGG.mjs").then((m) => m.default ?? m);
  return loading;
}

export {
  modelPrecision,
  describePrecision,
  DEFAULT_RULES,
  detectKernels,
  indexGraph,
  loadOrt,
  bufferSource,
  inflateModel,
  inflateModelAsync,
  readFileSource,
  decodeModelBytes,
  decodeModelSource
};
