import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  UserError
} from "./cli-M3NVEZ4U.mjs";
import {
  require_protobufjs
} from "./cli-GX3RAGJV.mjs";
import {
  onnx_proto_default
} from "./cli-FW42YN46.mjs";
import {
  __toESM
} from "./cli-NVOR74CK.mjs";

// src/onnx/types.ts
function bytesPerElement(dt) {
  switch (dt) {
    case 1 /* FLOAT */:
    case 6 /* INT32 */:
    case 12 /* UINT32 */:
      return 4;
    case 2 /* UINT8 */:
    case 3 /* INT8 */:
    case 9 /* BOOL */:
    case 17 /* FLOAT8E4M3FN */:
    case 18 /* FLOAT8E4M3FNUZ */:
    case 19 /* FLOAT8E5M2 */:
    case 20 /* FLOAT8E5M2FNUZ */:
      return 1;
    case 4 /* UINT16 */:
    case 5 /* INT16 */:
    case 10 /* FLOAT16 */:
    case 16 /* BFLOAT16 */:
      return 2;
    case 7 /* INT64 */:
    case 13 /* UINT64 */:
    case 11 /* DOUBLE */:
    case 14 /* COMPLEX64 */:
      return 8;
    case 15 /* COMPLEX128 */:
      return 16;
    case 21 /* UINT4 */:
    case 22 /* INT4 */:
    case 23 /* FLOAT4E2M1 */:
      return 0.5;
    default:
      return 0;
  }
}
var ModelLoadError = class extends UserError {
  constructor(file, problem, options) {
    super(`${file}: ${problem}`, options);
    this.file = file;
    this.name = "ModelLoadError";
  }
  file;
};

// src/report/text-table.ts
var GAP = 2;
function layoutTable(columns, rows, width) {
  const cells = rows.map((r) => columns.map((c) => oneLine(c.value(r))));
  const natural = columns.map(
    (c, i) => Math.min(
      c.max ?? Number.POSITIVE_INFINITY,
      // A loop, not Math.max(...): a table of 10^6 rows must not spread them into a call.
      cells.reduce((w, row) => Math.max(w, displayWidth(row[i])), displayWidth(c.header))
    )
  );
  const minOf = (i) => (columns[i].shrink ?? 0) > 0 ? Math.min(natural[i], columns[i].min ?? Math.min(8, displayWidth(columns[i].header))) : natural[i];
  let shown = columns.map((_, i) => i);
  const total = (idx, w) => idx.reduce((s, i) => s + w[i], 0) + GAP * Math.max(0, idx.length - 1);
  const optional = columns.map((c, i) => ({ i, p: c.optional })).filter((o) => o.p !== void 0).sort((a, b) => a.p - b.p);
  const mins = columns.map((_, i) => minOf(i));
  while (total(shown, mins) > width && optional.length > 0) {
    const drop = optional.shift();
    shown = shown.filter((i) => i !== drop.i);
  }
  const widths = [...natural];
  const order = shown.filter((i) => (columns[i].shrink ?? 0) > 0).sort((a, b) => (columns[b].shrink ?? 0) - (columns[a].shrink ?? 0));
  for (const i of order) {
    const over = total(shown, widths) - width;
    if (over <= 0) break;
    widths[i] = Math.max(minOf(i), widths[i] - over);
  }
  const line = (texts, paint) => {
    const parts = shown.map((i) => {
      const w = widths[i];
      const text = shortenMiddle(texts[i], w);
      const padded = pad(text, w, columns[i].align ?? "l");
      return paint ? paint(i, padded) : padded;
    });
    return fitLine(parts.join(" ".repeat(GAP)).trimEnd(), width);
  };
  const header = line(columns.map((c) => c.header));
  const rule = fitLine(shown.map((i) => "-".repeat(widths[i])).join(" ".repeat(GAP)), width);
  const body = rows.map((r, k) => line(cells[k], (i, padded) => columns[i].paint?.(r, padded) ?? padded));
  return {
    lines: [header, rule, ...body],
    leftOut: columns.filter((_, i) => !shown.includes(i)).map((c) => c.header)
  };
}
function renderTable(columns, rows, width) {
  const { lines, leftOut } = layoutTable(columns, rows, width);
  if (leftOut.length > 0)
    lines.push(
      ...wrap(`(left out at ${width} columns: ${leftOut.join(", ")}; a wider terminal shows them)`, width)
    );
  return lines.join("\n");
}
function pad(text, width, align) {
  const space = Math.max(0, width - displayWidth(text));
  const before = align === "r" ? space : align === "c" ? Math.floor(space / 2) : 0;
  return " ".repeat(before) + text + " ".repeat(space - before);
}
function oneLine(text) {
  return text.replace(/[\u0000-\u001f\u007f]/g, " ");
}
function fitLine(text, width) {
  if (displayWidth(text) <= width) return text;
  let out = "";
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}\u2026`;
}
function charWidth(ch) {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0 || cp >= 768 && cp <= 879 || cp === 8205 || cp >= 65024 && cp <= 65039) return 0;
  if (cp >= 8400 && cp <= 8447) return 0;
  if (cp >= 4352 && cp <= 4447 || cp >= 11904 && cp <= 12350 || cp >= 12353 && cp <= 13311 || cp >= 13312 && cp <= 19903 || cp >= 19968 && cp <= 40959 || cp >= 40960 && cp <= 42191 || cp >= 44032 && cp <= 55203 || cp >= 63744 && cp <= 64255 || cp >= 65072 && cp <= 65103 || cp >= 65280 && cp <= 65376 || cp >= 65504 && cp <= 65510 || cp >= 127744 && cp <= 128591 || cp >= 129280 && cp <= 129535 || cp >= 131072 && cp <= 262141)
    return 2;
  return 1;
}
function displayWidth(text) {
  let w = 0;
  for (const ch of text.replace(/\u001b\[[0-9;]*m/g, "")) w += charWidth(ch);
  return w;
}
function shortenMiddle(text, width) {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? "\u2026" : "";
  const chars = Array.from(text);
  const keep = width - 1;
  const headCols = Math.ceil(keep / 2);
  let head = "";
  let hw = 0;
  for (const ch of chars) {
    if (hw + charWidth(ch) > headCols) break;
    head += ch;
    hw += charWidth(ch);
  }
  let tail = "";
  let tw = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const ch = chars[i];
    if (hw + tw + charWidth(ch) > keep) break;
    tail = ch + tail;
    tw += charWidth(ch);
  }
  return `${head}\u2026${tail}`;
}
function wrap(text, width, indent = "") {
  const lines = [];
  const fit = (s) => displayWidth(s) <= width ? s : shortenMiddle(s, width);
  for (const paragraph of text.split("\n")) {
    const lead = /^ */.exec(paragraph)?.[0] ?? "";
    let line = "";
    let first = true;
    const flush = () => {
      lines.push(fit((first ? lead : indent) + line));
      first = false;
    };
    for (const word of paragraph.slice(lead.length).split(/ +/)) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (line === "" || displayWidth((first ? lead : indent) + candidate) <= width) {
        line = candidate;
        continue;
      }
      flush();
      line = word;
    }
    flush();
  }
  return lines;
}
function compact(n, unit = "") {
  const abs = Math.abs(n);
  const fmt = (v, s) => `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${s}${unit}`;
  if (abs >= 1e12) return fmt(n / 1e12, "T");
  if (abs >= 1e9) return fmt(n / 1e9, "G");
  if (abs >= 1e6) return fmt(n / 1e6, "M");
  if (abs >= 1e3) return fmt(n / 1e3, "k");
  return `${Number.isInteger(n) ? n : n.toFixed(2)}${unit}`;
}

// src/kernels/types.ts
var KERNEL_CONFIG_FIELDS = [
  "HW",
  "H",
  "W",
  "CIN",
  "COUT",
  "KERNEL_SIZE",
  "STRIDES",
  "POOL_STRIDES",
  "CIN1",
  "CIN2",
  "CIN3",
  "CIN4",
  "SEQ",
  "HIDDEN",
  "HEADS"
];
var EXTENSION_FIELDS = ["H", "W", "SEQ", "HIDDEN", "HEADS"];
var DEEPEN2023_CONFIG_COLUMNS = KERNEL_CONFIG_FIELDS.filter(
  (f) => !EXTENSION_FIELDS.includes(f)
);
var KernelError = class extends Error {
  constructor(where2, problem, options) {
    super(`${where2}: ${problem}`, options);
    this.where = where2;
    this.name = "KernelError";
  }
  where;
};

// src/onnx/builder.ts
var import_protobufjs = __toESM(require_protobufjs(), 1);
var root = import_protobufjs.default.Root.fromJSON(onnx_proto_default);
var ModelProto = root.lookupType("onnx.ModelProto");
var float = (value) => ({ float: value });
var floats = (value) => ({ floats: value });
var GraphBuilder = class {
  constructor(name = "graph") {
    this.name = name;
  }
  name;
  nodes = [];
  initializers = [];
  inputs = [];
  outputs = [];
  counter = 0;
  input(name, dataType, shape) {
    this.inputs.push({ name, dataType, shape });
    return name;
  }
  output(name, dataType = 1 /* FLOAT */, shape) {
    this.outputs.push({ name, dataType, ...shape ? { shape } : {} });
    return name;
  }
  initializer(name, spec) {
    this.initializers.push(tensorProto({ ...spec, name }));
    return name;
  }
  /** An initializer whose bytes live in a file beside the model (ONNX external data). */
  externalInitializer(name, dataType, dims, external) {
    const entries2 = [{ key: "location", value: external.location }];
    if (external.offset !== void 0) entries2.push({ key: "offset", value: String(external.offset) });
    if (external.length !== void 0) entries2.push({ key: "length", value: String(external.length) });
    this.initializers.push({ name, dims: [...dims], dataType, dataLocation: 1, externalData: entries2 });
    return name;
  }
  /** A float32 weight of the given dims, zero-filled unless values are given. */
  weight(name, dims, values) {
    return this.initializer(name, { dataType: 1 /* FLOAT */, dims, ...values ? { values } : {} });
  }
  /** An int64 1-D constant initializer (shape arithmetic: Reshape targets, Slice bounds...). */
  ints(name, values) {
    return this.initializer(name, { dataType: 7 /* INT64 */, dims: [values.length], values });
  }
  /** Adds a node; returns its first output name. */
  node(opType, inputs, attrs = {}, options = {}) {
    return this.nodeOutputs(opType, inputs, attrs, options)[0];
  }
  /** Adds a node; returns all of its output names. */
  nodeOutputs(opType, inputs, attrs = {}, options = {}) {
    this.counter += 1;
    const name = options.name ?? `${opType.toLowerCase()}_${this.counter}`;
    const outputs = options.outputNames ?? Array.from({ length: options.outputs ?? 1 }, (_, i) => `${name}_out${i}`);
    this.nodes.push({
      name,
      opType,
      domain: options.domain ?? "",
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attrs).map(([key, value]) => attributeProto(key, value))
    });
    return outputs;
  }
  toProto() {
    return {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs.map(valueInfoProto),
      output: this.outputs.map(valueInfoProto)
    };
  }
};
var ModelBuilder = class extends GraphBuilder {
  constructor(options = {}) {
    super("main");
    this.options = options;
  }
  options;
  encode() {
    const opset = this.options.opset ?? 13;
    const imports = [{ domain: "", version: opset }];
    for (const [domain, version] of Object.entries(this.options.opsets ?? {}))
      imports.push({ domain, version });
    const message = ModelProto.fromObject({
      irVersion: this.options.irVersion ?? irVersionFor(opset),
      producerName: this.options.producer ?? "model-energy-check",
      producerVersion: this.options.producerVersion ?? "",
      opsetImport: imports,
      graph: this.toProto()
    });
    return ModelProto.encode(message).finish();
  }
};
function irVersionFor(opset) {
  if (opset <= 8) return 3;
  if (opset <= 9) return 4;
  if (opset <= 10) return 5;
  if (opset <= 11) return 6;
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  return 10;
}
function valueInfoProto(v) {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: v.dataType,
        ...v.shape ? {
          shape: { dim: v.shape.map((d) => typeof d === "number" ? { dimValue: d } : { dimParam: d }) }
        } : {}
      }
    }
  };
}
function tensorProto(spec) {
  const base = { name: spec.name ?? "", dims: [...spec.dims], dataType: spec.dataType };
  if (spec.dataType === 8 /* STRING */) {
    return { ...base, stringData: (spec.strings ?? []).map((s) => Buffer.from(s, "utf8")) };
  }
  const elements2 = spec.dims.reduce((a, b) => a * b, 1);
  const size2 = bytesPerElement(spec.dataType);
  const raw = Buffer.alloc(Math.ceil(elements2 * size2));
  if (spec.values) {
    if (spec.values.length !== elements2) {
      throw new Error(`tensor '${spec.name ?? ""}': ${spec.values.length} values for ${elements2} elements`);
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    spec.values.forEach((v, i) => writeElement(view, spec.dataType, i, v));
  }
  return { ...base, rawData: raw };
}
function writeElement(view, dt, i, v) {
  switch (dt) {
    case 1 /* FLOAT */:
      return view.setFloat32(i * 4, v, true);
    case 11 /* DOUBLE */:
      return view.setFloat64(i * 8, v, true);
    case 7 /* INT64 */:
      return view.setBigInt64(i * 8, BigInt(Math.trunc(v)), true);
    case 13 /* UINT64 */:
      return view.setBigUint64(i * 8, BigInt(Math.trunc(v)), true);
    case 6 /* INT32 */:
      return view.setInt32(i * 4, v, true);
    case 12 /* UINT32 */:
      return view.setUint32(i * 4, v, true);
    case 5 /* INT16 */:
      return view.setInt16(i * 2, v, true);
    case 4 /* UINT16 */:
      return view.setUint16(i * 2, v, true);
    case 3 /* INT8 */:
      return view.setInt8(i, v);
    case 2 /* UINT8 */:
    case 9 /* BOOL */:
      return view.setUint8(i, v);
    default:
      throw new Error(`the builder cannot write values of data type ${dt}`);
  }
}
function attributeProto(name, value) {
  if (typeof value === "number") {
    return Number.isInteger(value) ? { name, type: 2, i: value } : { name, type: 1, f: value };
  }
  if (typeof value === "string") return { name, type: 3, s: Buffer.from(value, "utf8") };
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "string")) {
      return { name, type: 8, strings: value.map((s) => Buffer.from(s, "utf8")) };
    }
    const nums = value;
    return nums.every((v) => Number.isInteger(v)) ? { name, type: 7, ints: nums } : { name, type: 6, floats: nums };
  }
  if ("float" in value) return { name, type: 1, f: value.float };
  if ("floats" in value) return { name, type: 6, floats: [...value.floats] };
  if ("tensor" in value) return { name, type: 4, t: tensorProto(value.tensor) };
  if ("graph" in value) return { name, type: 5, g: value.graph.toProto() };
  throw new Error(`attribute '${name}': unsupported value`);
}

// src/kernels/kernel-model.ts
function samePadding(size2, kernel, stride) {
  const out = Math.ceil(size2 / stride);
  const total = Math.max((out - 1) * stride + kernel - size2, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}
function sameAttrs(hw, kernel, stride) {
  const [begin, end] = samePadding(hw, kernel, stride);
  return { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [begin, begin, end, end] };
}
function needField(type, config, field, minimum = 1) {
  const v = config[field];
  if (v === void 0 || !Number.isSafeInteger(v) || v < minimum) {
    throw new KernelError(
      `${type} config`,
      `${field} must be an integer >= ${minimum} (got ${v === void 0 ? "nothing" : v})`
    );
  }
  return v;
}
var KernelModel = class {
  /**
   * @param hw the input side, already checked (0 for types without HW)
   */
  constructor(type, opset, hw) {
    this.type = type;
    this.opset = opset;
    this.hw = hw;
    this.b = new ModelBuilder({ opset, producer: "model-energy-check kernel generator" });
  }
  type;
  opset;
  hw;
  b;
  count = 0;
  /** A configuration field the type needs (see needField). */
  need(config, field, minimum = 1) {
    return needField(this.type, config, field, minimum);
  }
  name(prefix) {
    this.count += 1;
    return `${prefix}_${this.count}`;
  }
  /** An input of [1, channels, HW, HW]. */
  spatialInput(channels) {
    return this.b.input(this.name("input"), 1 /* FLOAT */, [1, channels, this.hw, this.hw]);
  }
  batchNorm(x, channels) {
    const w = (what, value) => this.b.weight(this.name(`bn_${what}`), [channels], new Array(channels).fill(value));
    return this.b.node(
      "BatchNormalization",
      [x, w("scale", 1), w("bias", 0), w("mean", 0), w("var", 1)],
      { epsilon: float(1e-3) },
      { name: this.name("bn") }
    );
  }
  activation(x, act) {
    const opts = { name: this.name(act) };
    switch (act) {
      case "none":
        return x;
      case "relu":
        return this.b.node("Relu", [x], {}, opts);
      case "relu6":
        if (this.opset < 11) return this.b.node("Clip", [x], { min: float(0), max: float(6) }, opts);
        return this.b.node("Clip", [x, this.scalar(0), this.scalar(6)], {}, opts);
      case "sigmoid":
        return this.b.node("Sigmoid", [x], {}, opts);
      case "swish":
        return this.b.node("Mul", [x, this.b.node("Sigmoid", [x], {}, opts)], {}, { name: this.name("mul") });
      case "hswish":
        if (this.opset >= 14) return this.b.node("HardSwish", [x], {}, opts);
        return this.b.node(
          "Mul",
          [x, this.b.node("HardSigmoid", [x], { alpha: float(1 / 6), beta: float(0.5) }, opts)],
          {},
          { name: this.name("mul") }
        );
    }
  }
  scalar(value) {
    return this.b.initializer(this.name("const"), { dataType: 1 /* FLOAT */, dims: [], values: [value] });
  }
  conv(x, cin, cout, kernel, stride, hw, group, bias) {
    const w = this.b.weight(this.name("conv_w"), [cout, cin / group, kernel, kernel]);
    const inputs = bias ? [x, w, this.b.weight(this.name("conv_b"), [cout])] : [x, w];
    return this.b.node(
      "Conv",
      inputs,
      { ...sameAttrs(hw, kernel, stride), group, dilations: [1, 1] },
      { name: this.name("conv") }
    );
  }
  finish(outputs) {
    for (const o of outputs) this.b.output(o, 1 /* FLOAT */);
    return this.b.encode();
  }
};

// src/onnx/attributes.ts
function intAttr(node, name, fallback) {
  const a = node.attributes.get(name);
  return a && a.kind === "int" ? a.value : fallback;
}
function floatAttr(node, name) {
  const a = node.attributes.get(name);
  if (a && (a.kind === "float" || a.kind === "int")) return a.value;
  return void 0;
}
function intsAttr(node, name) {
  const a = node.attributes.get(name);
  if (a?.kind === "ints") return a.value;
  if (a?.kind === "int") return [a.value];
  return void 0;
}
function floatsAttr(node, name) {
  const a = node.attributes.get(name);
  if (a?.kind === "floats" || a?.kind === "ints") return a.value;
  return void 0;
}
function stringAttr(node, name, fallback) {
  const a = node.attributes.get(name);
  return a && a.kind === "string" ? a.value : fallback;
}

// src/kernels/context.ts
function createContext(index, shapes, passThrough, taken) {
  const source = (value) => {
    if (passThrough.size === 0) return value;
    let v = value;
    for (let guard = 0; guard <= index.order.length; guard++) {
      const p = index.producer.get(v);
      if (!p || !passThrough.has(p) || p.inputs[0] === void 0 || p.inputs[0] === "") return v;
      v = p.inputs[0];
    }
    return v;
  };
  const readers = /* @__PURE__ */ new Map();
  const consumers = (value) => {
    const direct = index.consumers.get(value) ?? [];
    if (passThrough.size === 0 || !direct.some((c) => passThrough.has(c))) return direct;
    const known = readers.get(value);
    if (known) return known;
    const out = [];
    const stack = [value];
    const seen = /* @__PURE__ */ new Set();
    while (stack.length > 0) {
      const v = stack.pop();
      if (seen.has(v)) continue;
      seen.add(v);
      for (const c of index.consumers.get(v) ?? []) {
        if (passThrough.has(c)) {
          if (c.inputs[0] === v && c.outputs[0]) stack.push(c.outputs[0]);
        } else if (!out.includes(c)) out.push(c);
      }
    }
    out.sort((a, b) => index.position.get(a) - index.position.get(b));
    readers.set(value, out);
    return out;
  };
  const outputs = /* @__PURE__ */ new Map();
  const isGraphOutput = (value) => {
    const direct = index.consumers.get(value);
    if (passThrough.size === 0 || !direct?.some((c) => passThrough.has(c)))
      return index.graphOutputs.has(value);
    const known = outputs.get(value);
    if (known !== void 0) return known;
    let found = false;
    const stack = [value];
    const seen = /* @__PURE__ */ new Set();
    while (stack.length > 0 && !found) {
      const v = stack.pop();
      if (seen.has(v)) continue;
      seen.add(v);
      if (index.graphOutputs.has(v)) found = true;
      for (const c of index.consumers.get(v) ?? []) {
        if (passThrough.has(c) && c.inputs[0] === v && c.outputs[0]) stack.push(c.outputs[0]);
      }
    }
    outputs.set(value, found);
    return found;
  };
  return {
    index,
    shapes,
    isFree: (node) => !taken.has(node),
    source,
    producer: (value) => index.producer.get(source(value)),
    consumers,
    isGraphOutput,
    isConstant: (value) => value !== "" && shapes.shapes.get(value)?.constant === true,
    shape: (value) => shapes.shapes.get(value)?.shape,
    info: (value) => shapes.shapes.get(value),
    values: (value) => shapes.shapes.get(value)?.value
  };
}
function elements(shape) {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

// src/kernels/configs.ts
function layout(shape, channelFirst) {
  const r = shape.length;
  if (r === 0) return { H: 1, W: 1, C: 1 };
  if (r === 1) return { H: 1, W: 1, C: shape[0] };
  if (r === 2) return { H: 1, W: 1, C: shape[1] };
  if (r === 3 && !channelFirst) return { H: shape[1], W: 1, C: shape[2], SEQ: shape[1] };
  return { H: shape[2], W: elements(shape.slice(3)), C: shape[1] };
}
var squareSide = (h, w) => h === w ? h : Math.round(Math.sqrt(h * w));
function side(values, fallback) {
  if (!values || values.length === 0) return fallback;
  if (values.every((v) => v === values[0])) return values[0];
  return Math.round(Math.sqrt(elements(values)));
}
function spatialConfig(shape, channelFirst) {
  const l = layout(shape ?? [], channelFirst);
  return {
    HW: squareSide(l.H, l.W),
    H: l.H,
    W: l.W,
    CIN: l.C,
    ...l.SEQ !== void 0 ? { SEQ: l.SEQ } : {}
  };
}
var find = (nodes, ...ops) => nodes.find((n) => n.domain === "" && ops.includes(n.opType));
var nchw = (s) => [s[0], s[3], s[1], s[2]];
function isNhwcInput(nodes, input, ctx) {
  if (input.length !== 4) return false;
  const head = nodes[0];
  const conv2 = nodes.find((n) => n.opType === "Conv");
  if (conv2 && (head === conv2 || head?.opType === "Pad")) {
    const w = ctx.shape(conv2.inputs[1] ?? "");
    const cin = w ? (w[1] ?? 0) * intAttr(conv2, "group", 1) : void 0;
    return cin !== void 0 && input[1] !== cin && input[3] === cin;
  }
  if (head?.opType !== "ReduceMean") return false;
  const axes = intsAttr(head, "axes") ?? (head.inputs[1] ? ctx.values(head.inputs[1]) : void 0);
  return axes?.map((a) => a < 0 ? a + 4 : a).join(",") === "1,2";
}
function firstShape(nodes, inputs, outputs, ctx) {
  const shapeOf = (v) => v ? ctx.shape(v) : void 0;
  const declared = shapeOf(inputs[0]) ?? shapeOf(outputs[0]);
  return declared && isNhwcInput(nodes, declared, ctx) ? nchw(declared) : declared;
}
var shapeIn = (ctx, v) => v ? ctx.shape(v) : void 0;
function convConfig({ nodes, ctx, base }) {
  const conv2 = find(nodes, "Conv", "ConvTranspose");
  if (!conv2) return base;
  const w = shapeIn(ctx, conv2.inputs[1]);
  const out = shapeIn(ctx, conv2.outputs[0]);
  return {
    ...base,
    COUT: out?.[1] ?? 0,
    KERNEL_SIZE: side(intsAttr(conv2, "kernel_shape") ?? w?.slice(2), 1),
    STRIDES: side(intsAttr(conv2, "strides"), 1)
  };
}
function poolConfig({ nodes, base }) {
  const pool3 = find(nodes, "MaxPool", "AveragePool");
  if (!pool3) return base;
  const stride = side(intsAttr(pool3, "strides"), 1);
  return {
    ...base,
    KERNEL_SIZE: side(intsAttr(pool3, "kernel_shape"), 1),
    STRIDES: stride,
    POOL_STRIDES: stride
  };
}
function concatConfig({ nodes, ctx, base }) {
  const concat2 = find(nodes, "Concat");
  if (!concat2) return base;
  const rank = shapeIn(ctx, concat2.inputs[0])?.length ?? 4;
  const rawAxis = intAttr(concat2, "axis", 1);
  const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
  const channels = concat2.inputs.filter((i) => i !== "").map((i) => shapeIn(ctx, i)?.[axis] ?? 0);
  const rest = channels.slice(3).reduce((a, b) => a + b, 0);
  return {
    ...spatialConfig(shapeIn(ctx, concat2.inputs[0]), true),
    CIN: channels.reduce((a, b) => a + b, 0),
    CIN1: channels[0] ?? 0,
    CIN2: channels[1] ?? 0,
    CIN3: channels[2] ?? 0,
    CIN4: rest
  };
}
function fcConfig({ nodes, ctx, base }) {
  const mm = find(nodes, "Gemm", "MatMul");
  if (!mm) return base;
  const a = shapeIn(ctx, mm.inputs[0]) ?? [];
  const out = shapeIn(ctx, mm.outputs[0]) ?? [];
  const k = mm.opType === "Gemm" && intAttr(mm, "transA", 0) ? a[0] ?? 0 : a[a.length - 1] ?? 0;
  const n = out[out.length - 1] ?? 0;
  const rows = n > 0 ? elements(out) / n : 0;
  return { CIN: k, COUT: n, ...rows > 1 ? { SEQ: rows } : {} };
}
function matmulConfig({ nodes, ctx, base }) {
  const mm = find(nodes, "MatMul", "Gemm", "MatMulInteger", "Einsum");
  const a = shapeIn(ctx, mm?.inputs[0]) ?? [];
  const out = shapeIn(ctx, mm?.outputs[0]) ?? [];
  if (!mm || mm.opType === "Einsum" || a.length === 0 || out.length === 0) return base;
  const k = mm.opType === "Gemm" && intAttr(mm, "transA", 0) ? a[0] : a[a.length - 1];
  const n = out.length >= 2 ? out[out.length - 1] : 1;
  const m = out.length >= 2 ? out[out.length - 2] : out[0];
  return { SEQ: m, CIN: k, COUT: n, HEADS: elements(out) / Math.max(m * n, 1) };
}
function attentionConfig({ nodes, ctx, base }) {
  const mm = find(nodes, "MatMul");
  const q = shapeIn(ctx, mm?.inputs[0]) ?? [];
  const r = q.length;
  if (r < 2) return base;
  const heads = r >= 3 ? q[r - 3] : 1;
  return { SEQ: q[r - 2], HIDDEN: heads * q[r - 1], HEADS: heads };
}
function layerNormConfig({ nodes, ctx, first }) {
  const x = first ?? [];
  const ln = find(nodes, "LayerNormalization");
  const mean = find(nodes, "ReduceMean");
  let axis = x.length - 1;
  if (ln) axis = intAttr(ln, "axis", -1);
  else if (mean) {
    const axes = intsAttr(mean, "axes") ?? (mean.inputs[1] ? ctx.values(mean.inputs[1]) : void 0);
    if (axes?.length) axis = Math.min(...axes.map((a) => a < 0 ? a + x.length : a));
  }
  if (axis < 0) axis += x.length;
  const hidden = elements(x.slice(axis));
  return { SEQ: hidden > 0 ? elements(x) / hidden : 0, HIDDEN: hidden };
}

// src/kernels/generators.ts
var convBuild = (depthwise) => (m, config, options) => {
  const cin = m.need(config, "CIN");
  const cout = depthwise ? cin : m.need(config, "COUT");
  const kernel = m.need(config, "KERNEL_SIZE");
  const stride = m.need(config, "STRIDES");
  const folded = options.bn === "folded";
  let y = m.conv(m.spatialInput(cin), cin, cout, kernel, stride, m.hw, depthwise ? cin : 1, folded);
  if (!folded) y = m.batchNorm(y, cout);
  return [m.activation(y, options.activation ?? "relu")];
};
var batchNormBuild = (relu) => (m, config) => {
  const cin = m.need(config, "CIN");
  const y = m.batchNorm(m.spatialInput(cin), cin);
  return [relu ? m.activation(y, "relu") : y];
};
var activationBuild = (activation) => (m, config) => [m.activation(m.spatialInput(m.need(config, "CIN")), activation)];
var addBuild = (relu) => (m, config) => {
  const x = m.spatialInput(m.need(config, "CIN"));
  const y = m.b.node("Add", [x, x], {}, { name: m.name("add") });
  return [relu ? m.activation(y, "relu") : y];
};
var poolBuild = (op) => (m, config) => {
  const cin = m.need(config, "CIN");
  const kernel = m.need(config, "KERNEL_SIZE");
  const stride = config.POOL_STRIDES !== void 0 ? m.need(config, "POOL_STRIDES") : m.need(config, "STRIDES");
  const attrs = sameAttrs(m.hw, kernel, stride);
  return [
    op === "MaxPool" ? m.b.node("MaxPool", [m.spatialInput(cin)], attrs, { name: m.name("maxpool") }) : m.b.node(
      "AveragePool",
      [m.spatialInput(cin)],
      { ...attrs, count_include_pad: 0 },
      { name: m.name("avgpool") }
    )
  ];
};
var globalPoolBuild = (m, config) => [
  m.b.node("GlobalAveragePool", [m.spatialInput(m.need(config, "CIN"))], {}, { name: m.name("gap") })
];
var fcBuild = (m, config, options) => {
  const cin = m.need(config, "CIN");
  const cout = m.need(config, "COUT");
  const x = m.b.input(m.name("input"), 1 /* FLOAT */, [1, cin]);
  const y = m.b.node(
    "Gemm",
    [x, m.b.weight(m.name("fc_w"), [cout, cin]), m.b.weight(m.name("fc_b"), [cout])],
    { transB: 1 },
    { name: m.name("fc") }
  );
  return [m.activation(y, options.activation ?? "none")];
};
var concatBuild = (m, config) => {
  const channels = ["CIN1", "CIN2", "CIN3", "CIN4"].map((f) => m.need(config, f, 0)).filter((c) => c > 0);
  if (channels.length < 2)
    throw new KernelError(
      "concat config",
      `needs at least two non-zero inputs among CIN1..CIN4 (got ${channels.length})`
    );
  const inputs = channels.map((c) => m.spatialInput(c));
  return [m.b.node("Concat", inputs, { axis: 1 }, { name: m.name("concat") })];
};
var squeezeExciteBuild = (m, config) => {
  const cin = m.need(config, "CIN");
  const squeezed = Math.max(1, Math.floor(cin / 4));
  const x = m.spatialInput(cin);
  const pooled = m.b.node("GlobalAveragePool", [x], {}, { name: m.name("se_pool") });
  const reduce2 = m.activation(m.conv(pooled, cin, squeezed, 1, 1, 1, 1, true), "relu");
  const expand2 = m.conv(reduce2, squeezed, cin, 1, 1, 1, 1, true);
  const gate = m.b.node(
    "HardSigmoid",
    [expand2],
    { alpha: float(1 / 6), beta: float(0.5) },
    { name: m.name("se_gate") }
  );
  return [m.b.node("Mul", [x, gate], {}, { name: m.name("se_mul") })];
};
var splitBuild = (m, config) => {
  const cin = m.need(config, "CIN", 2);
  const half = Math.floor(cin / 2);
  const x = m.spatialInput(cin);
  const sizes = [half, cin - half];
  return m.opset >= 13 ? m.b.nodeOutputs(
    "Split",
    [x, m.b.ints(m.name("split_sizes"), sizes)],
    { axis: 1 },
    { name: m.name("split"), outputs: 2 }
  ) : m.b.nodeOutputs("Split", [x], { axis: 1, split: sizes }, { name: m.name("split"), outputs: 2 });
};
var channelShuffleBuild = (m, config) => {
  const cin = m.need(config, "CIN", 2);
  if (cin % 2 !== 0)
    throw new KernelError("channelshuffle config", `CIN must be even for 2 groups (got ${cin})`);
  const hw = m.hw;
  const x = m.spatialInput(cin);
  const grouped = m.b.node(
    "Reshape",
    [x, m.b.ints(m.name("shape"), [1, 2, cin / 2, hw, hw])],
    {},
    { name: m.name("shuffle_reshape") }
  );
  const swapped = m.b.node(
    "Transpose",
    [grouped],
    { perm: [0, 2, 1, 3, 4] },
    { name: m.name("shuffle_transpose") }
  );
  return [
    m.b.node(
      "Reshape",
      [swapped, m.b.ints(m.name("shape"), [1, cin, hw, hw])],
      {},
      { name: m.name("shuffle_back") }
    )
  ];
};

// src/kernels/builtin-types.ts
var kernelType = (entry) => entry;
var choice = (...values) => ({ kind: "choice", values });
var int = (min, max, multipleOf) => ({
  kind: "int",
  min,
  max,
  ...multipleOf ? { multipleOf } : {}
});
var S12 = choice(1, 2);
var outPixels = (c, stride) => Math.ceil((c.HW ?? 1) / (stride ?? 1)) ** 2;
var elementsMoved = (c) => (c.HW ?? 1) ** 2 * (c.CIN ?? 0);
var convWeights = (c) => (c.CIN ?? 0) * (c.COUT ?? 0) * (c.KERNEL_SIZE ?? 1) ** 2;
var fcWeights = (c) => (c.CIN ?? 0) * (c.COUT ?? 0);
var elementwise = (e) => kernelType({
  name: e.name,
  features: ["HW", "CIN"],
  channelFirst: e.channelFirst,
  workClass: "elementwise",
  ...e.nnMeterFeatures ? { nnMeterFeatures: e.nnMeterFeatures } : {},
  generator: { columns: [["HW"], ["CIN"]], build: e.build },
  sampling: { fields: { HW: choice(...e.hw), CIN: e.cin }, maxWork: e.maxWork, work: elementsMoved }
});
var pool = (name, op, hw, cin, maxWork) => kernelType({
  name,
  features: ["HW", "CIN", "KERNEL_SIZE", "POOL_STRIDES"],
  channelFirst: true,
  config: poolConfig,
  workClass: "pool",
  nnMeterFeatures: ["HW", "CIN", "COUT", "KERNEL_SIZE", "POOL_STRIDES"],
  generator: {
    columns: [["HW"], ["CIN"], ["KERNEL_SIZE"], ["POOL_STRIDES", "STRIDES"]],
    build: poolBuild(op)
  },
  sampling: {
    fields: { HW: choice(...hw), CIN: cin, KERNEL_SIZE: choice(2, 3), STRIDES: S12 },
    maxWork,
    work: elementsMoved,
    consistent: (c) => (c.KERNEL_SIZE ?? 1) <= (c.HW ?? 1),
    complete: (c) => {
      if (c.STRIDES !== void 0) c.POOL_STRIDES = c.STRIDES;
    }
  }
});
var CONV_NN_METER = ["HW", "CIN", "COUT", "KERNEL_SIZE", "STRIDES", "MFLOPS", "MPARAMS"];
var BUILTIN_KERNEL_TYPES = [
  kernelType({
    name: "conv-bn-relu",
    features: ["HW", "CIN", "COUT", "KERNEL_SIZE", "STRIDES", "FLOPS", "PARAMS"],
    channelFirst: true,
    config: convConfig,
    executedWeights: true,
    workClass: "compute",
    nnMeterFeatures: CONV_NN_METER,
    generator: {
      columns: [["HW"], ["CIN"], ["COUT"], ["KERNEL_SIZE"], ["STRIDES"]],
      build: convBuild(false)
    },
    sampling: {
      fields: {
        HW: choice(1, 5, 7, 12, 13, 14, 25, 27, 28, 54, 56, 109, 111, 112, 224),
        CIN: int(3, 2160),
        COUT: int(4, 2048),
        KERNEL_SIZE: choice(1, 3, 5, 7, 11),
        STRIDES: choice(1, 2, 4)
      },
      maxWork: 71e8,
      // The dataset's largest conv is 1024 x 1024 x 3 x 3; without this a 1x1-input draw could ask for gigabytes of weights.
      maxParams: 1024 * 1024 * 9,
      work: (c) => outPixels(c, c.STRIDES) * convWeights(c),
      weights: convWeights
    }
  }),
  kernelType({
    name: "dwconv-bn-relu",
    features: ["HW", "CIN", "KERNEL_SIZE", "STRIDES", "FLOPS", "PARAMS"],
    channelFirst: true,
    config: convConfig,
    executedWeights: true,
    workClass: "depthwise",
    nnMeterFeatures: CONV_NN_METER,
    generator: { columns: [["HW"], ["CIN"], ["KERNEL_SIZE"], ["STRIDES"]], build: convBuild(true) },
    sampling: {
      fields: {
        HW: choice(7, 14, 28, 56, 111, 112),
        CIN: int(11, 1152),
        KERNEL_SIZE: choice(3, 5, 7),
        STRIDES: S12
      },
      maxWork: 36e7,
      work: (c) => outPixels(c, c.STRIDES) * (c.CIN ?? 0) * (c.KERNEL_SIZE ?? 1) ** 2
    }
  }),
  elementwise({
    name: "bnrelu",
    channelFirst: true,
    build: batchNormBuild(true),
    hw: [1, 3, 7, 14, 28, 56, 112, 224],
    cin: int(3, 2148),
    maxWork: 65e6
  }),
  elementwise({
    name: "bn",
    channelFirst: true,
    build: batchNormBuild(false),
    hw: [3, 7, 28, 56, 112, 224],
    cin: int(13, 2143),
    maxWork: 11e7
  }),
  elementwise({
    name: "relu",
    channelFirst: false,
    build: activationBuild("relu"),
    hw: [1, 3, 14, 56, 112, 224],
    cin: int(15, 2140),
    maxWork: 11e7
  }),
  elementwise({
    name: "hswish",
    channelFirst: false,
    build: activationBuild("hswish"),
    hw: [1, 3, 7, 14, 56, 112, 224],
    cin: int(52, 2120),
    maxWork: 11e7
  }),
  elementwise({
    name: "add",
    channelFirst: false,
    build: addBuild(false),
    hw: [1, 14, 28, 56, 224],
    cin: int(3, 2123),
    maxWork: 11e7,
    nnMeterFeatures: ["HW", "CIN", "CIN"]
  }),
  elementwise({
    name: "addrelu",
    channelFirst: false,
    build: addBuild(true),
    hw: [3, 7, 14, 28, 56, 112, 224],
    cin: int(7, 1278),
    maxWork: 65e6,
    nnMeterFeatures: ["HW", "CIN", "CIN"]
  }),
  pool("maxpool", "MaxPool", [7, 13, 14, 27, 28, 54, 56, 109, 112, 224], int(64, 1056), 33e5),
  pool("avgpool", "AveragePool", [7, 13, 14, 28, 54, 55, 56, 109, 112], int(24, 832), 42e5),
  elementwise({
    name: "global-avgpool",
    channelFirst: true,
    build: globalPoolBuild,
    hw: [3, 7],
    cin: int(32, 1266),
    maxWork: 63e3
  }),
  kernelType({
    name: "fc",
    features: ["CIN", "COUT", "FLOPS", "PARAMS"],
    channelFirst: false,
    config: fcConfig,
    executedWeights: true,
    workClass: "compute",
    nnMeterFeatures: ["CIN", "COUT", "MFLOPS", "MPARAMS"],
    generator: { columns: [["CIN"], ["COUT"]], build: fcBuild },
    sampling: {
      fields: { CIN: int(512, 9216), COUT: int(1e3, 4096) },
      maxWork: 11e7,
      maxParams: 9216 * 4096,
      work: fcWeights,
      weights: fcWeights
    }
  }),
  kernelType({
    name: "concat",
    features: ["HW", "CIN1", "CIN2", "CIN3", "CIN4"],
    channelFirst: false,
    config: concatConfig,
    workClass: "concat",
    nnMeterFeatures: ["HW", "CIN1", "CIN2", "CIN3", "CIN4"],
    generator: {
      // CIN3 and CIN4 may be left out (absent inputs); an empty CIN1..CIN4 cell of a concat row reads as 0.
      columns: [["HW"], ["CIN1"], ["CIN2"]],
      zeroWhenEmpty: ["CIN1", "CIN2", "CIN3", "CIN4"],
      build: concatBuild
    },
    sampling: {
      fields: {
        HW: choice(7, 14, 28, 56),
        CIN1: int(4, 2159),
        CIN2: int(4, 2148),
        CIN3: int(3, 2140),
        CIN4: int(10, 2155)
      },
      maxWork: 19e6,
      // 2, 3 or 4 inputs, as in the dataset.
      optional: ["CIN3", "CIN4"],
      work: (c) => (c.HW ?? 1) ** 2 * ((c.CIN1 ?? 0) + (c.CIN2 ?? 0) + (c.CIN3 ?? 0) + (c.CIN4 ?? 0))
    }
  }),
  elementwise({
    name: "se",
    channelFirst: true,
    build: squeezeExciteBuild,
    hw: [1, 3, 7, 56, 112, 224],
    cin: int(10, 2112),
    maxWork: 11e7
  }),
  elementwise({
    name: "split",
    channelFirst: false,
    build: splitBuild,
    hw: [14, 56, 112, 224],
    cin: int(12, 2108, 2),
    maxWork: 11e7
  }),
  elementwise({
    name: "channelshuffle",
    channelFirst: true,
    build: channelShuffleBuild,
    hw: [1, 7, 14, 28, 56, 112, 224],
    cin: int(10, 2138, 2),
    maxWork: 64e6
  }),
  kernelType({
    name: "matmul",
    features: ["SEQ", "CIN", "COUT", "HEADS", "FLOPS"],
    channelFirst: false,
    config: matmulConfig,
    workClass: "compute"
  }),
  kernelType({
    name: "attention",
    features: ["SEQ", "HIDDEN", "HEADS", "FLOPS"],
    channelFirst: false,
    config: attentionConfig,
    workClass: "compute"
  }),
  kernelType({
    name: "layernorm",
    features: ["SEQ", "HIDDEN"],
    channelFirst: false,
    config: layerNormConfig,
    workClass: "elementwise"
  }),
  kernelType({
    name: "others",
    features: ["HW", "CIN", "FLOPS"],
    channelFirst: false,
    workClass: "elementwise"
  })
];

// src/kernels/catalog-types.ts
var WORK_CLASSES = ["compute", "depthwise", "pool", "concat", "elementwise"];

// src/kernels/catalog.ts
var KERNEL_TYPES = BUILTIN_KERNEL_TYPES.map((e) => e.name);
var OTHERS = "others";
var entries = new Map(BUILTIN_KERNEL_TYPES.map((e) => [e.name, e]));
function isKernelType(value) {
  return entries.has(value);
}
function kernelTypeEntry(type) {
  const entry = entries.get(type);
  if (!entry) throw new KernelError(`kernel type '${type}'`, "is not in the kernel-type catalog");
  return entry;
}
function kernelTypeEntries() {
  return [...entries.values()];
}
function generatedKernelTypes() {
  return kernelTypeEntries().filter((e) => e.generator).map((e) => e.name);
}
var FEATURES = /* @__PURE__ */ new Set([...KERNEL_CONFIG_FIELDS, "FLOPS", "PARAMS"]);

// src/onnx/shape-ops.ts
var ShapeRuleError = class extends Error {
};
var UndecidableShape = class extends Error {
};
var MAX_FOLD = 4096;
var size = (shape) => shape.reduce((a, b) => a * b, 1);
function need(ctx, i) {
  const v = ctx.inputs[i];
  if (!v) throw new UndecidableShape(`input ${i} of ${ctx.node.opType} is unknown`);
  return v;
}
function constValues(ctx, i, what) {
  const v = ctx.inputs[i];
  if (!v?.value)
    throw new UndecidableShape(`${ctx.node.opType} '${ctx.node.name}': ${what} is not a constant`);
  return v.value;
}
function normAxis(axis, rank, ctx) {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= Math.max(rank, 1)) {
    throw new ShapeRuleError(
      `${ctx.node.opType} '${ctx.node.name}': axis ${axis} out of range for rank ${rank}`
    );
  }
  return a;
}
function broadcast(shapes, ctx) {
  const rank = shapes.reduce((r, s) => Math.max(r, s.length), 0);
  const out = new Array(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const d = s[i];
      const cur = out[o];
      if (d === cur || d === 1) continue;
      if (cur === 1) out[o] = d;
      else {
        throw new ShapeRuleError(
          `${ctx ? `${ctx.node.opType} '${ctx.node.name}': ` : ""}cannot broadcast [${shapes.map((x) => x.join("x")).join("] with [")}]`
        );
      }
    }
  }
  return out;
}
function checkDims(shape, ctx) {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new ShapeRuleError(`${ctx.node.opType} '${ctx.node.name}': computed an invalid dimension ${d}`);
    }
  }
  if (!Number.isSafeInteger(size(shape))) {
    throw new ShapeRuleError(
      `${ctx.node.opType} '${ctx.node.name}': output size overflows [${shape.join(", ")}]`
    );
  }
  return shape;
}
function foldElementwise(inputs, shape, fn) {
  if (inputs.some((i) => !i.value) || size(shape) > MAX_FOLD) return void 0;
  const n = size(shape);
  const out = new Array(n);
  const idx = new Array(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    const args = inputs.map((inp) => {
      let flat = 0;
      let stride = 1;
      for (let d = inp.shape.length - 1; d >= 0; d--) {
        const o = shape.length - inp.shape.length + d;
        const dim = inp.shape[d];
        flat += (dim === 1 ? 0 : idx[o]) * stride;
        stride *= dim;
      }
      return inp.value[flat];
    });
    out[k] = fn(...args);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] += 1;
      if (idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}
var isInt = (dt) => [
  7 /* INT64 */,
  6 /* INT32 */,
  5 /* INT16 */,
  3 /* INT8 */,
  2 /* UINT8 */,
  4 /* UINT16 */,
  12 /* UINT32 */,
  13 /* UINT64 */
].includes(dt);
function same(ctx) {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: x.shape }];
}
function unary(fn) {
  return (ctx) => {
    const x = need(ctx, 0);
    const value = fn && x.value && x.value.length <= MAX_FOLD ? x.value.map(fn) : void 0;
    return [{ dataType: x.dataType, shape: x.shape, ...value ? { value } : {} }];
  };
}
function binary(fn, outType) {
  return (ctx) => {
    const ins = ctx.inputs.filter((i) => i !== void 0);
    if (ins.length < ctx.node.inputs.filter((n) => n !== "").length)
      throw new UndecidableShape("unknown input");
    const shape = broadcast(
      ins.map((i) => i.shape),
      ctx
    );
    const dt = outType ?? ins[0].dataType;
    const value = fn ? foldElementwise(ins, shape, (...xs) => xs.reduce((a, b) => fn(a, b, dt))) : void 0;
    return [{ dataType: dt, shape, ...value ? { value } : {} }];
  };
}
var intDiv = (a, b, dt) => isInt(dt) ? Math.trunc(a / b) : a / b;

// src/onnx/shape-rules-spatial.ts
function spatial(ctx, input, kernel, options) {
  const node = ctx.node;
  const nSpatial = input.length - 2;
  const strides = intsAttr(node, "strides") ?? new Array(nSpatial).fill(1);
  const dilations = intsAttr(node, "dilations") ?? new Array(nSpatial).fill(1);
  const pads = intsAttr(node, "pads") ?? new Array(nSpatial * 2).fill(0);
  const autoPad = stringAttr(node, "auto_pad", "NOTSET");
  const out = [];
  for (let i = 0; i < nSpatial; i++) {
    const inDim = input[i + 2];
    const s = strides[i] ?? 1;
    const d = dilations[i] ?? 1;
    const k = kernel[i] ?? 1;
    const eff = (k - 1) * d + 1;
    if (s <= 0) throw new ShapeRuleError(`${node.opType} '${node.name}': stride ${s}`);
    if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") {
      out.push(Math.ceil(inDim / s));
      continue;
    }
    if (autoPad === "VALID") {
      out.push(Math.floor((inDim - eff) / s) + 1);
      continue;
    }
    const padded = inDim + (pads[i] ?? 0) + (pads[i + nSpatial] ?? 0);
    if (options.ceil) {
      let o = Math.ceil((padded - eff) / s) + 1;
      if ((o - 1) * s >= inDim + (pads[i] ?? 0)) o -= 1;
      out.push(o);
    } else {
      out.push(Math.floor((padded - eff) / s) + 1);
    }
  }
  return out;
}
function checkConvWeight(ctx, x, w) {
  const group = intAttr(ctx.node, "group", 1);
  const fits = w.length === x.length && group >= 1 && w[1] * group === x[1] && w[0] % group === 0;
  if (fits) return;
  const why = w.length !== x.length ? `a rank-${w.length} weight for a rank-${x.length} input` : `the weight takes ${w[1]} input channel(s)${group === 1 ? "" : ` x group ${group}`}, the input has ${x[1]}` + (w[1] * group === x[1] ? `, and ${w[0]} output channels are not a multiple of group ${group}` : "");
  throw new ShapeRuleError(
    `${ctx.node.opType} '${ctx.node.name}': weight [${w.join(", ")}] does not fit input [${x.join(", ")}]: ${why}`
  );
}
var conv = (ctx) => {
  const x = need(ctx, 0);
  const w = need(ctx, 1);
  if (x.shape.length < 3) throw new ShapeRuleError(`Conv '${ctx.node.name}': input rank ${x.shape.length}`);
  checkConvWeight(ctx, x.shape, w.shape);
  const kernel = intsAttr(ctx.node, "kernel_shape") ?? w.shape.slice(2);
  return [
    {
      dataType: x.dataType,
      shape: checkDims([x.shape[0], w.shape[0], ...spatial(ctx, x.shape, kernel, {})], ctx)
    }
  ];
};
var convTranspose = (ctx) => {
  const x = need(ctx, 0);
  const w = need(ctx, 1);
  const node = ctx.node;
  const group = intAttr(node, "group", 1);
  const nSpatial = x.shape.length - 2;
  const kernel = intsAttr(node, "kernel_shape") ?? w.shape.slice(2);
  const outChannels = w.shape[1] * group;
  const explicit = intsAttr(node, "output_shape");
  if (explicit) {
    const sp2 = explicit.length === nSpatial ? explicit : explicit.slice(2);
    return [{ dataType: x.dataType, shape: checkDims([x.shape[0], outChannels, ...sp2], ctx) }];
  }
  const strides = intsAttr(node, "strides") ?? new Array(nSpatial).fill(1);
  const dilations = intsAttr(node, "dilations") ?? new Array(nSpatial).fill(1);
  const pads = intsAttr(node, "pads") ?? new Array(nSpatial * 2).fill(0);
  const outPad = intsAttr(node, "output_padding") ?? new Array(nSpatial).fill(0);
  const autoPad = stringAttr(node, "auto_pad", "NOTSET");
  const sp = [];
  for (let i = 0; i < nSpatial; i++) {
    const inDim = x.shape[i + 2];
    const s = strides[i] ?? 1;
    if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") {
      sp.push(inDim * s);
      continue;
    }
    const eff = ((kernel[i] ?? 1) - 1) * (dilations[i] ?? 1) + 1;
    sp.push(s * (inDim - 1) + (outPad[i] ?? 0) + eff - (pads[i] ?? 0) - (pads[i + nSpatial] ?? 0));
  }
  return [{ dataType: x.dataType, shape: checkDims([x.shape[0], outChannels, ...sp], ctx) }];
};
var pool2 = (ctx) => {
  const x = need(ctx, 0);
  const kernel = intsAttr(ctx.node, "kernel_shape");
  if (!kernel) throw new ShapeRuleError(`${ctx.node.opType} '${ctx.node.name}': no kernel_shape`);
  const ceil = intAttr(ctx.node, "ceil_mode", 0) === 1;
  const shape = checkDims([x.shape[0], x.shape[1], ...spatial(ctx, x.shape, kernel, { ceil })], ctx);
  const outs = [{ dataType: x.dataType, shape }];
  if (ctx.node.outputs.length > 1) outs.push({ dataType: 7 /* INT64 */, shape });
  return outs;
};
var globalPool = (ctx) => {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: [x.shape[0], x.shape[1], ...x.shape.slice(2).map(() => 1)] }];
};
var matmul = (ctx) => {
  const a = need(ctx, 0);
  const b = need(ctx, 1);
  return [{ dataType: a.dataType, shape: matmulShape(a.shape, b.shape, ctx) }];
};
function matmulShape(a0, b0, ctx) {
  const a = a0.length === 1 ? [1, a0[0]] : a0;
  const b = b0.length === 1 ? [b0[0], 1] : b0;
  if (a.length < 2 || b.length < 2) throw new ShapeRuleError(`MatMul '${ctx.node.name}': scalar operand`);
  const k1 = a[a.length - 1];
  const k2 = b[b.length - 2];
  if (k1 !== k2) {
    throw new ShapeRuleError(
      `MatMul '${ctx.node.name}': inner dims differ ([${a0.join(", ")}] x [${b0.join(", ")}])`
    );
  }
  const batch = broadcast([a.slice(0, -2), b.slice(0, -2)], ctx);
  const out = [...batch, a[a.length - 2], b[b.length - 1]];
  if (a0.length === 1) out.splice(out.length - 2, 1);
  if (b0.length === 1) out.splice(out.length - 1, 1);
  return out;
}
var gemm = (ctx) => {
  const a = need(ctx, 0);
  const b = need(ctx, 1);
  const ta = intAttr(ctx.node, "transA", 0);
  const tb = intAttr(ctx.node, "transB", 0);
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeRuleError(
      `Gemm '${ctx.node.name}': operands must be 2-D, got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`
    );
  }
  const m = ta ? a.shape[1] : a.shape[0];
  const n = tb ? b.shape[0] : b.shape[1];
  return [{ dataType: a.dataType, shape: [m, n] }];
};
var einsum = (ctx) => {
  const eq = stringAttr(ctx.node, "equation", "").replace(/\s/g, "");
  const [lhs, rhsRaw] = eq.split("->");
  const terms = (lhs ?? "").split(",");
  const ins = terms.map((_, i) => need(ctx, i));
  const sizes = /* @__PURE__ */ new Map();
  let ellipsis = [];
  terms.forEach((term, i) => {
    const shape = ins[i].shape;
    const parts2 = term.split("...");
    const before = parts2[0] ?? "";
    const after = parts2[1] ?? "";
    const ellRank = parts2.length > 1 ? shape.length - before.length - after.length : 0;
    if (parts2.length > 1) {
      ellipsis = broadcast([ellipsis, shape.slice(before.length, before.length + ellRank)], ctx);
    }
    [...before].forEach((c, k) => sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[k])));
    [...after].forEach(
      (c, k) => sizes.set(c, Math.max(sizes.get(c) ?? 1, shape[before.length + ellRank + k]))
    );
  });
  let rhs = rhsRaw;
  if (rhs === void 0) {
    const counts = /* @__PURE__ */ new Map();
    for (const c of (lhs ?? "").replace(/[,.]/g, "")) counts.set(c, (counts.get(c) ?? 0) + 1);
    rhs = (lhs ?? "").includes("...") ? "..." : "";
    rhs += [...counts.entries()].filter(([, n]) => n === 1).map(([c]) => c).sort().join("");
  }
  const out = [];
  const parts = rhs.split("...");
  for (const c of parts[0] ?? "") out.push(sizes.get(c) ?? 1);
  if (parts.length > 1) out.push(...ellipsis);
  for (const c of parts[1] ?? "") out.push(sizes.get(c) ?? 1);
  return [{ dataType: ins[0].dataType, shape: out }];
};

// src/onnx/shape-rules-tensor.ts
var concat = (ctx) => {
  const ins = ctx.node.inputs.map((_, i) => need(ctx, i)).filter((v) => v.shape.length > 0 || v.value?.length);
  const first = ins[0];
  if (!first) throw new UndecidableShape("Concat with no inputs");
  const axis = normAxis(intAttr(ctx.node, "axis", 0), first.shape.length, ctx);
  const shape = [...first.shape];
  shape[axis] = ins.reduce((s, v) => s + (v.shape[axis] ?? 0), 0);
  const value = ins.every((v) => v.value) && first.shape.length === 1 ? ins.flatMap((v) => [...v.value]) : void 0;
  return [{ dataType: first.dataType, shape, ...value && value.length <= MAX_FOLD ? { value } : {} }];
};
var split = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, "axis", 0), x.shape.length, ctx);
  const n = ctx.node.outputs.length;
  let parts = intsAttr(ctx.node, "split");
  if (!parts && ctx.node.inputs[1]) parts = constValues(ctx, 1, "the split sizes");
  const dim = x.shape[axis];
  if (!parts) {
    const chunk = Math.ceil(dim / n);
    parts = Array.from({ length: n }, (_, i) => Math.max(0, Math.min(chunk, dim - i * chunk)));
  }
  return parts.map((p) => {
    const shape = [...x.shape];
    shape[axis] = p;
    return { dataType: x.dataType, shape };
  });
};
function clampIndex(v, dim, step) {
  let i = v < 0 ? v + dim : v;
  if (step > 0) i = Math.max(0, Math.min(dim, i));
  else i = Math.max(-1, Math.min(dim - 1, i));
  return i;
}
var slice = (ctx) => {
  const x = need(ctx, 0);
  const node = ctx.node;
  let starts;
  let ends;
  let axes;
  let steps;
  if (ctx.opset < 10) {
    starts = intsAttr(node, "starts") ?? [];
    ends = intsAttr(node, "ends") ?? [];
    axes = intsAttr(node, "axes");
  } else {
    starts = constValues(ctx, 1, "starts");
    ends = constValues(ctx, 2, "ends");
    axes = node.inputs[3] ? constValues(ctx, 3, "axes") : void 0;
    steps = node.inputs[4] ? constValues(ctx, 4, "steps") : void 0;
  }
  const shape = [...x.shape];
  const ranges = x.shape.map((d) => ({ start: 0, step: 1, count: d }));
  starts.forEach((s, i) => {
    const axis = normAxis(axes?.[i] ?? i, x.shape.length, ctx);
    const step = steps?.[i] ?? 1;
    if (step === 0) throw new ShapeRuleError(`Slice '${node.name}': step 0`);
    const dim = x.shape[axis];
    const b = clampIndex(s, dim, step);
    const e = clampIndex(ends[i] ?? dim, dim, step);
    const count = Math.max(0, Math.ceil((e - b) / step));
    shape[axis] = count;
    ranges[axis] = { start: b, step, count };
  });
  let value;
  if (x.value && x.shape.length === 1 && size(shape) <= MAX_FOLD) {
    const r = ranges[0];
    value = Array.from({ length: r.count }, (_, k) => x.value[r.start + k * r.step]);
  }
  return [{ dataType: x.dataType, shape, ...value ? { value } : {} }];
};
var reshape = (ctx) => {
  const x = need(ctx, 0);
  const target = ctx.opset < 5 ? intsAttr(ctx.node, "shape") ?? [] : constValues(ctx, 1, "the target shape");
  const allowZero = intAttr(ctx.node, "allowzero", 0) === 1;
  const out = target.map((d, i) => d === 0 && !allowZero ? x.shape[i] ?? 0 : d);
  const minus = out.filter((d) => d === -1).length;
  if (minus > 1)
    throw new ShapeRuleError(`Reshape '${ctx.node.name}': more than one -1 in [${target.join(", ")}]`);
  const total = size(x.shape);
  if (minus === 1) {
    const known = out.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (known === 0 || total % known !== 0) {
      throw new ShapeRuleError(
        `Reshape '${ctx.node.name}': cannot reshape [${x.shape.join(", ")}] to [${target.join(", ")}]`
      );
    }
    out[out.indexOf(-1)] = total / known;
  }
  if (size(out) !== total) {
    throw new ShapeRuleError(
      `Reshape '${ctx.node.name}': cannot reshape [${x.shape.join(", ")}] to [${target.join(", ")}]`
    );
  }
  return [{ dataType: x.dataType, shape: checkDims(out, ctx), ...x.value ? { value: x.value } : {} }];
};
var flatten = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  let axis = intAttr(ctx.node, "axis", 1);
  if (axis < 0) axis += rank;
  return [{ dataType: x.dataType, shape: [size(x.shape.slice(0, axis)), size(x.shape.slice(axis))] }];
};
var transpose = (ctx) => {
  const x = need(ctx, 0);
  const perm = intsAttr(ctx.node, "perm") ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  return [{ dataType: x.dataType, shape: perm.map((p) => x.shape[p]) }];
};
function axesOf(ctx, inputIndex, attrSince) {
  if (ctx.opset < attrSince) return intsAttr(ctx.node, "axes");
  return ctx.node.inputs[inputIndex] ? constValues(ctx, inputIndex, "axes") : void 0;
}
var squeeze = (ctx) => {
  const x = need(ctx, 0);
  const axes = axesOf(ctx, 1, 13)?.map((a) => normAxis(a, x.shape.length, ctx));
  const shape = x.shape.filter((d, i) => axes ? !axes.includes(i) : d !== 1);
  return [{ dataType: x.dataType, shape, ...x.value ? { value: x.value } : {} }];
};
var unsqueeze = (ctx) => {
  const x = need(ctx, 0);
  const axesRaw = axesOf(ctx, 1, 13);
  if (!axesRaw) throw new ShapeRuleError(`Unsqueeze '${ctx.node.name}': no axes`);
  const rank = x.shape.length + axesRaw.length;
  const axes = axesRaw.map((a) => normAxis(a, rank, ctx)).sort((a, b) => a - b);
  const shape = [];
  let k = 0;
  for (let i = 0; i < rank; i++) shape.push(axes.includes(i) ? 1 : x.shape[k++]);
  return [{ dataType: x.dataType, shape, ...x.value ? { value: x.value } : {} }];
};
var pad2 = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  const pads = ctx.opset < 11 ? intsAttr(ctx.node, "pads") ?? [] : constValues(ctx, 1, "pads");
  const axes = ctx.opset >= 18 && ctx.node.inputs[3] ? constValues(ctx, 3, "axes") : void 0;
  const shape = [...x.shape];
  const list = axes ?? x.shape.map((_, i) => i);
  list.forEach((a, i) => {
    const axis = normAxis(a, rank, ctx);
    shape[axis] = shape[axis] + (pads[i] ?? 0) + (pads[i + list.length] ?? 0);
  });
  return [{ dataType: x.dataType, shape: checkDims(shape, ctx) }];
};
var resize = (ctx) => {
  const x = need(ctx, 0);
  const node = ctx.node;
  let scales;
  let sizes;
  if (node.opType === "Upsample") {
    scales = ctx.opset < 9 ? floatsAttr(node, "scales") : constValues(ctx, 1, "scales");
  } else if (ctx.opset < 11) {
    scales = constValues(ctx, 1, "scales");
  } else {
    const sc = ctx.inputs[2];
    if (node.inputs[3] && node.inputs[3] !== "") sizes = constValues(ctx, 3, "sizes");
    else if (sc?.value && sc.value.length > 0) scales = sc.value;
    else throw new UndecidableShape(`Resize '${node.name}': neither scales nor sizes is a constant`);
  }
  const axes = intsAttr(node, "axes");
  const shape = [...x.shape];
  if (sizes) {
    (axes ?? shape.map((_, i) => i)).forEach((a, i) => shape[normAxis(a, shape.length, ctx)] = sizes[i]);
  } else if (scales) {
    (axes ?? shape.map((_, i) => i)).forEach((a, i) => {
      const ax = normAxis(a, shape.length, ctx);
      shape[ax] = Math.floor(x.shape[ax] * scales[i]);
    });
  }
  return [{ dataType: x.dataType, shape: checkDims(shape, ctx) }];
};
function reduce(fold) {
  return (ctx) => {
    const x = need(ctx, 0);
    const op = ctx.node.opType;
    const attrSince = op === "ReduceSum" ? 13 : 18;
    const keep = intAttr(ctx.node, "keepdims", 1) === 1;
    const raw = axesOf(ctx, 1, attrSince);
    const noopEmpty = intAttr(ctx.node, "noop_with_empty_axes", 0) === 1;
    if ((!raw || raw.length === 0) && noopEmpty) return [{ dataType: x.dataType, shape: x.shape }];
    const axes = raw && raw.length > 0 ? raw.map((a) => normAxis(a, x.shape.length, ctx)) : x.shape.map((_, i) => i);
    const shape = [];
    x.shape.forEach((d, i) => {
      if (!axes.includes(i)) shape.push(d);
      else if (keep) shape.push(1);
    });
    const value = fold && x.value && x.shape.length <= 1 && axes.length === x.shape.length ? [fold(x.value)] : void 0;
    return [{ dataType: x.dataType, shape, ...value ? { value } : {} }];
  };
}
var argReduce = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, "axis", 0), x.shape.length, ctx);
  const keep = intAttr(ctx.node, "keepdims", 1) === 1;
  const shape = x.shape.flatMap((d, i) => i === axis ? keep ? [1] : [] : [d]);
  return [{ dataType: 7 /* INT64 */, shape }];
};
var shapeOp = (ctx) => {
  const x = need(ctx, 0);
  const rank = x.shape.length;
  let start = intAttr(ctx.node, "start", 0);
  let end = intAttr(ctx.node, "end", rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = Math.max(0, Math.min(rank, start));
  end = Math.max(0, Math.min(rank, end));
  const value = x.shape.slice(start, end);
  return [{ dataType: 7 /* INT64 */, shape: [value.length], value }];
};
var sizeOp = (ctx) => [
  { dataType: 7 /* INT64 */, shape: [], value: [size(need(ctx, 0).shape)] }
];
var gather = (ctx) => {
  const data = need(ctx, 0);
  const indices = need(ctx, 1);
  const axis = normAxis(intAttr(ctx.node, "axis", 0), data.shape.length, ctx);
  const shape = [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)];
  let value;
  if (data.value && indices.value && data.shape.length === 1) {
    const dim = data.shape[0];
    value = indices.value.map((i) => data.value[i < 0 ? i + dim : i]);
    if (value.some((v) => v === void 0))
      throw new ShapeRuleError(`Gather '${ctx.node.name}': index out of range`);
  }
  return [{ dataType: data.dataType, shape, ...value ? { value } : {} }];
};
var constant = (ctx) => {
  const node = ctx.node;
  for (const [name, a] of node.attributes) {
    if (a.kind === "tensor") {
      const t = a.value;
      return [{ dataType: t.dataType, shape: t.dims, ...t.values ? { value: t.values } : {} }];
    }
    if (name === "value_float" && a.kind === "float")
      return [{ dataType: 1 /* FLOAT */, shape: [], value: [a.value] }];
    if (name === "value_int" && a.kind === "int")
      return [{ dataType: 7 /* INT64 */, shape: [], value: [a.value] }];
    if (name === "value_floats" && a.kind === "floats")
      return [{ dataType: 1 /* FLOAT */, shape: [a.value.length], value: a.value }];
    if (name === "value_ints" && a.kind === "ints")
      return [{ dataType: 7 /* INT64 */, shape: [a.value.length], value: a.value }];
  }
  throw new ShapeRuleError(`Constant '${node.name}': no supported value attribute`);
};
var constantOfShape = (ctx) => {
  const shape = constValues(ctx, 0, "the shape");
  const v = ctx.node.attributes.get("value");
  const dataType = v?.kind === "tensor" ? v.value.dataType : 1 /* FLOAT */;
  const fill = v?.kind === "tensor" ? v.value.values?.[0] ?? 0 : 0;
  const n = size(shape);
  return [
    {
      dataType,
      shape: checkDims(shape, ctx),
      ...n <= MAX_FOLD ? { value: new Array(n).fill(fill) } : {}
    }
  ];
};
var expand = (ctx) => {
  const x = need(ctx, 0);
  const target = constValues(ctx, 1, "the shape");
  const shape = broadcast([x.shape, target], ctx);
  const value = x.value ? foldElementwise([x], shape, (a) => a) : void 0;
  return [{ dataType: x.dataType, shape, ...value ? { value } : {} }];
};
var tile = (ctx) => {
  const x = need(ctx, 0);
  const repeats = constValues(ctx, 1, "repeats");
  return [
    {
      dataType: x.dataType,
      shape: checkDims(
        x.shape.map((d, i) => d * (repeats[i] ?? 1)),
        ctx
      )
    }
  ];
};
var range = (ctx) => {
  const [start] = constValues(ctx, 0, "start");
  const [limit] = constValues(ctx, 1, "limit");
  const [delta] = constValues(ctx, 2, "delta");
  if (delta === 0 || start === void 0 || limit === void 0 || delta === void 0) {
    throw new ShapeRuleError(`Range '${ctx.node.name}': bad arguments`);
  }
  const n = Math.max(0, Math.ceil((limit - start) / delta));
  const value = n <= MAX_FOLD ? Array.from({ length: n }, (_, i) => start + i * delta) : void 0;
  return [{ dataType: need(ctx, 0).dataType, shape: checkDims([n], ctx), ...value ? { value } : {} }];
};
var where = (ctx) => {
  const c = need(ctx, 0);
  const a = need(ctx, 1);
  const b = need(ctx, 2);
  const shape = broadcast([c.shape, a.shape, b.shape], ctx);
  const value = foldElementwise([c, a, b], shape, (cond, x, y) => cond ? x : y);
  return [{ dataType: a.dataType, shape, ...value ? { value } : {} }];
};
var cast = (ctx) => {
  const x = need(ctx, 0);
  const to = ctx.node.opType === "CastLike" ? need(ctx, 1).dataType : intAttr(ctx.node, "to", 1 /* FLOAT */);
  const value = x.value ? isInt(to) ? x.value.map(Math.trunc) : x.value : void 0;
  return [{ dataType: to, shape: x.shape, ...value ? { value } : {} }];
};
var topK = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, "axis", -1), x.shape.length, ctx);
  const k = ctx.opset < 10 ? intAttr(ctx.node, "k", 1) : constValues(ctx, 1, "k")[0];
  const shape = [...x.shape];
  shape[axis] = k;
  return [
    { dataType: x.dataType, shape },
    { dataType: 7 /* INT64 */, shape }
  ];
};
var layerNorm = (ctx) => {
  const x = need(ctx, 0);
  const axis = normAxis(intAttr(ctx.node, "axis", -1), x.shape.length, ctx);
  const stat = x.shape.map((d, i) => i < axis ? d : 1);
  return [
    { dataType: x.dataType, shape: x.shape },
    { dataType: 1 /* FLOAT */, shape: stat },
    { dataType: 1 /* FLOAT */, shape: stat }
  ];
};
var dropout = (ctx) => {
  const x = need(ctx, 0);
  return [
    { dataType: x.dataType, shape: x.shape, ...x.value ? { value: x.value } : {} },
    { dataType: 9 /* BOOL */, shape: x.shape }
  ];
};
var batchNorm = (ctx) => {
  const x = need(ctx, 0);
  const c = [x.shape[1] ?? 1];
  return [
    { dataType: x.dataType, shape: x.shape },
    ...ctx.node.outputs.slice(1).map(() => ({ dataType: x.dataType, shape: c }))
  ];
};
var identity = (ctx) => {
  const x = need(ctx, 0);
  return [{ dataType: x.dataType, shape: x.shape, ...x.value ? { value: x.value } : {} }];
};
var depthToSpace = (ctx) => {
  const x = need(ctx, 0);
  const b = intAttr(ctx.node, "blocksize", 1);
  const [n, c, h, w] = x.shape;
  return ctx.node.opType === "DepthToSpace" ? [{ dataType: x.dataType, shape: [n, c / (b * b), h * b, w * b] }] : [{ dataType: x.dataType, shape: [n, c * b * b, h / b, w / b] }];
};
var compare = (fn) => binary((a, b) => fn(a, b) ? 1 : 0, 9 /* BOOL */);

// src/onnx/shape-rules.ts
var SHAPE_RULES = {
  Conv: conv,
  ConvInteger: conv,
  QLinearConv: (ctx) => conv({ ...ctx, inputs: [ctx.inputs[0], ctx.inputs[3]] }),
  ConvTranspose: convTranspose,
  MaxPool: pool2,
  AveragePool: pool2,
  LpPool: pool2,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  BatchNormalization: batchNorm,
  InstanceNormalization: same,
  LRN: same,
  LayerNormalization: layerNorm,
  GroupNormalization: same,
  Relu: unary((x) => Math.max(0, x)),
  Clip: same,
  LeakyRelu: same,
  PRelu: binary(),
  Sigmoid: same,
  HardSigmoid: same,
  HardSwish: same,
  Tanh: same,
  Erf: same,
  Gelu: same,
  Elu: same,
  Selu: same,
  Celu: same,
  Mish: same,
  Softplus: same,
  Softsign: same,
  ThresholdedRelu: same,
  Exp: same,
  Log: same,
  Abs: unary(Math.abs),
  Neg: unary((x) => -x),
  Reciprocal: same,
  Floor: unary(Math.floor),
  Ceil: unary(Math.ceil),
  Round: unary(Math.round),
  Sign: unary(Math.sign),
  Sqrt: unary(Math.sqrt),
  Not: unary((x) => x ? 0 : 1),
  IsNaN: (ctx) => [{ dataType: 9 /* BOOL */, shape: need(ctx, 0).shape }],
  IsInf: (ctx) => [{ dataType: 9 /* BOOL */, shape: need(ctx, 0).shape }],
  Softmax: same,
  LogSoftmax: same,
  Hardmax: same,
  CumSum: same,
  Add: binary((a, b) => a + b),
  Sub: binary((a, b) => a - b),
  Mul: binary((a, b) => a * b),
  Div: binary(intDiv),
  Pow: binary((a, b) => a ** b),
  Mod: binary((a, b) => a % b),
  Max: binary(Math.max),
  Min: binary(Math.min),
  Sum: binary((a, b) => a + b),
  Mean: binary(),
  Equal: compare((a, b) => a === b),
  Less: compare((a, b) => a < b),
  LessOrEqual: compare((a, b) => a <= b),
  Greater: compare((a, b) => a > b),
  GreaterOrEqual: compare((a, b) => a >= b),
  And: compare((a, b) => Boolean(a && b)),
  Or: compare((a, b) => Boolean(a || b)),
  Xor: compare((a, b) => Boolean(a) !== Boolean(b)),
  BitShift: binary(),
  Where: where,
  MatMul: matmul,
  MatMulInteger: matmul,
  Gemm: gemm,
  Einsum: einsum,
  Concat: concat,
  Split: split,
  Slice: slice,
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Pad: pad2,
  Resize: resize,
  Upsample: resize,
  ReduceMean: reduce((xs) => xs.reduce((a, b) => a + b, 0) / xs.length),
  ReduceSum: reduce((xs) => xs.reduce((a, b) => a + b, 0)),
  ReduceProd: reduce((xs) => xs.reduce((a, b) => a * b, 1)),
  ReduceMax: reduce((xs) => xs.reduce((a, b) => Math.max(a, b), -Infinity)),
  ReduceMin: reduce((xs) => xs.reduce((a, b) => Math.min(a, b), Infinity)),
  ReduceL1: reduce(),
  ReduceL2: reduce(),
  ReduceLogSum: reduce(),
  ReduceLogSumExp: reduce(),
  ReduceSumSquare: reduce(),
  ArgMax: argReduce,
  ArgMin: argReduce,
  Shape: shapeOp,
  Size: sizeOp,
  Gather: gather,
  GatherElements: (ctx) => [{ dataType: need(ctx, 0).dataType, shape: need(ctx, 1).shape }],
  ScatterElements: same,
  ScatterND: same,
  Scatter: same,
  Constant: constant,
  ConstantOfShape: constantOfShape,
  Expand: expand,
  Tile: tile,
  Range: range,
  Cast: cast,
  CastLike: cast,
  TopK: topK,
  Dropout: dropout,
  Identity: identity,
  DepthToSpace: depthToSpace,
  SpaceToDepth: depthToSpace,
  QuantizeLinear: (ctx) => [
    { dataType: ctx.inputs[2]?.dataType ?? 2 /* UINT8 */, shape: need(ctx, 0).shape }
  ],
  DequantizeLinear: (ctx) => [{ dataType: 1 /* FLOAT */, shape: need(ctx, 0).shape }],
  Trilu: same
};

// src/onnx/shapes.ts
var DEFAULT_SYMBOLIC_DIM = 1;
function inferShapes(model, index, options = {}) {
  const result = infer(model, index, options, false);
  if (!result.undecided?.some((n) => n.unknownOp)) return result;
  return { ...result, assumingPassThrough: infer(model, index, options, true) };
}
function infer(model, index, options, assumePassThrough) {
  const file = model.path;
  const graph = model.graph;
  const opset = model.opsets.get("") ?? 1;
  const bound = {};
  const warnings = [];
  const unresolved = [];
  const undecided = /* @__PURE__ */ new Map();
  const bind = (d, where2) => {
    if (typeof d === "number") return d;
    const given = options.dims?.[d];
    if (given !== void 0) {
      bound[d] = given;
      return given;
    }
    if (bound[d] === void 0) {
      bound[d] = DEFAULT_SYMBOLIC_DIM;
      if (!d.startsWith("?"))
        warnings.push(
          `symbolic dim '${d}' of ${where2} set to ${DEFAULT_SYMBOLIC_DIM} (override with --dim ${d}=N)`
        );
      else warnings.push(`an unnamed dim of ${where2} set to ${DEFAULT_SYMBOLIC_DIM}`);
    }
    return bound[d];
  };
  for (const [name, v] of Object.entries(options.dims ?? {})) {
    if (!Number.isSafeInteger(v) || v <= 0)
      throw new ModelLoadError(file, `--dim ${name}=${v}: a dim must be a positive integer`);
  }
  const shapes = /* @__PURE__ */ new Map();
  for (const t of graph.initializers.values()) {
    shapes.set(t.name, {
      dataType: t.dataType,
      shape: t.dims,
      ...t.values ? { value: t.values } : {},
      constant: true,
      source: "declared"
    });
  }
  for (const input of graph.inputs) {
    if (input.nonTensor) {
      warnings.push(`graph input '${input.name}' is a ${input.nonTensor}, not a tensor`);
      continue;
    }
    if (!input.shape) {
      warnings.push(`graph input '${input.name}' declares no shape`);
      unresolved.push(input.name);
      continue;
    }
    const shape = input.shape.map((d) => bind(d, `input '${input.name}'`));
    if (!Number.isSafeInteger(shape.reduce((a, b) => a * b, 1))) {
      throw new ModelLoadError(
        file,
        `graph input '${input.name}' has shape [${shape.join(", ")}] whose size overflows`
      );
    }
    shapes.set(input.name, {
      dataType: input.dataType,
      shape,
      constant: false,
      source: "declared"
    });
  }
  const declared = (info) => {
    if (!info?.shape) return void 0;
    const dims = info.shape.map((d) => typeof d === "number" ? d : options.dims?.[d] ?? bound[d]);
    if (dims.some((d) => d === void 0)) return void 0;
    return { dataType: info.dataType, shape: dims, constant: false, source: "declared" };
  };
  const outputInfo = new Map([
    ...graph.valueInfo,
    ...graph.outputs.map((o) => [o.name, o])
  ]);
  for (const node of index.order) {
    const domainOpset = model.opsets.get(node.domain);
    const rule = node.domain === "" ? SHAPE_RULES[node.opType] : void 0;
    const inputs = node.inputs.map((name) => name === "" ? void 0 : shapes.get(name));
    let outputs;
    let problem;
    if (rule) {
      try {
        outputs = rule({ node, inputs, opset });
      } catch (error) {
        if (error instanceof UndecidableShape || error instanceof ShapeRuleError) problem = error.message;
        else throw error;
        if (error instanceof ShapeRuleError) throw new ModelLoadError(file, error.message, { cause: error });
      }
    } else {
      problem = node.domain === "" ? `no shape rule for ${node.opType}` : `op ${node.domain}:${node.opType}${domainOpset === void 0 ? " (domain not imported)" : ""} has no static shape rule`;
    }
    const activations = node.inputs.filter((n) => n !== "" && shapes.get(n)?.constant !== true);
    const realOutputs = node.outputs.filter((n) => n !== "");
    const passThrough = !rule && activations.length === 1 && realOutputs.length === 1;
    if (!rule && assumePassThrough && !passThrough) {
      problem = `no shape rule and ${realOutputs.length !== 1 ? `${realOutputs.length} outputs` : `${activations.length === 0 ? "no" : activations.length} activation inputs`} (only ops with one activation input and one output are assumed to keep their input's shape)`;
    }
    const allConstant = node.opType !== "RandomNormal" && node.opType !== "RandomUniform" && node.inputs.every((n) => n === "" || shapes.get(n)?.constant === true);
    node.outputs.forEach((name, i) => {
      if (name === "") return;
      const out = outputs?.[i];
      if (out && !Number.isSafeInteger(out.shape.reduce((a, b) => a * b, 1))) {
        throw new ModelLoadError(
          file,
          `${node.opType} '${node.name}': output '${name}' of shape [${out.shape.join(", ")}] overflows`
        );
      }
      if (out) {
        const constant2 = allConstant || (node.opType === "Shape" || node.opType === "Size") && out.value !== void 0;
        shapes.set(name, {
          dataType: out.dataType,
          shape: out.shape,
          ...out.value !== void 0 && constant2 ? { value: out.value } : {},
          constant: constant2,
          source: "static"
        });
        return;
      }
      const fromFile = declared(outputInfo.get(name));
      if (fromFile) {
        shapes.set(name, fromFile);
        return;
      }
      if (assumePassThrough && passThrough) {
        const source = shapes.get(activations[0]);
        if (source) {
          shapes.set(name, {
            dataType: source.dataType,
            shape: source.shape,
            constant: false,
            source: "assumed"
          });
          warnings.push(
            `${opName(node)} node '${node.name}': output '${name}' shape unknown; assumed equal to its input '${activations[0]}' [${source.shape.join(",")}]; declare value_info for '${name}' to override`
          );
          return;
        }
      }
      unresolved.push(name);
      if (!problem || /^input \d+ of .* is unknown$/.test(problem)) return;
      if (assumePassThrough && passThrough) return;
      warnings.push(
        `shape of '${name}' (from ${node.opType} '${node.name}') is not statically known: ${problem}`
      );
      const entry = undecided.get(node.name);
      if (entry) entry.outputs.push(name);
      else {
        const outputs2 = [name];
        undecided.set(node.name, {
          node: { name: node.name, op: opName(node), unknownOp: !rule, outputs: outputs2, reason: problem },
          outputs: outputs2
        });
      }
    });
  }
  return {
    shapes,
    decidedBy: "static",
    unresolved,
    warnings: dedupe(warnings),
    boundDims: bound,
    ...undecided.size > 0 ? { undecided: [...undecided.values()].map((u) => u.node) } : {}
  };
}
function opName(node) {
  return node.domain === "" ? node.opType : `${node.domain}:${node.opType}`;
}
function dedupe(xs) {
  return [...new Set(xs)];
}
var LOAD_TIME_OPS = /* @__PURE__ */ new Set(["DequantizeLinear", "Identity"]);
function declaredShapeResult(model, index) {
  const declared = model.declaredShapes ?? /* @__PURE__ */ new Map();
  const shapes = /* @__PURE__ */ new Map();
  for (const [name, d] of declared) {
    shapes.set(name, {
      dataType: d.dataType,
      shape: d.shape,
      constant: d.constant,
      ...d.value ? { value: d.value } : {},
      source: "declared"
    });
  }
  const unresolved = [];
  for (const node of index.order) {
    const inputs = node.inputs.filter((i) => i !== "");
    const constant2 = LOAD_TIME_OPS.has(node.opType) && inputs.length > 0 && inputs.every((i) => shapes.get(i)?.constant === true);
    for (const o of node.outputs) {
      if (o === "") continue;
      const s = shapes.get(o);
      if (!s) unresolved.push(o);
      else if (constant2 && !s.constant) {
        const value = shapes.get(inputs[0])?.value;
        shapes.set(o, { ...s, constant: true, ...value && !s.value ? { value } : {} });
      }
    }
  }
  return { shapes, decidedBy: "static", unresolved, warnings: [], boundDims: {} };
}

export {
  bytesPerElement,
  ModelLoadError,
  intAttr,
  floatAttr,
  intsAttr,
  stringAttr,
  createContext,
  elements,
  spatialConfig,
  find,
  firstShape,
  floats,
  ModelBuilder,
  KERNEL_CONFIG_FIELDS,
  DEEPEN2023_CONFIG_COLUMNS,
  KernelError,
  needField,
  KernelModel,
  BUILTIN_KERNEL_TYPES,
  WORK_CLASSES,
  OTHERS,
  isKernelType,
  kernelTypeEntry,
  kernelTypeEntries,
  generatedKernelTypes,
  DEFAULT_SYMBOLIC_DIM,
  inferShapes,
  declaredShapeResult,
  renderTable,
  shortenMiddle,
  wrap,
  compact
};
