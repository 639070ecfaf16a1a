import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  bufferSource,
  decodeModelSource,
  detectKernels,
  indexGraph,
  inflateModel,
  loadOrt,
  modelPrecision,
  readFileSource
} from "./cli-CWVU76GI.mjs";
import {
  ModelLoadError,
  declaredShapeResult,
  inferShapes
} from "./cli-7M2ORSNP.mjs";

// src/analysis/analyze.ts
import { readFileSync } from "node:fs";

// src/onnx/runtime-shapes.ts
async function modelProto() {
  const [{ default: protobuf }, { default: descriptor }] = await Promise.all([
    import("./cli-3D5SAVV6.mjs"),
    import("./cli-LU2ZBLXB.mjs")
  ]);
  return protobuf.Root.fromJSON(descriptor).lookupType("onnx.ModelProto");
}
var FEED_TYPES = {
  [1 /* FLOAT */]: "float32",
  [11 /* DOUBLE */]: "float64",
  [7 /* INT64 */]: "int64",
  [6 /* INT32 */]: "int32",
  [3 /* INT8 */]: "int8",
  [2 /* UINT8 */]: "uint8",
  [9 /* BOOL */]: "bool",
  [10 /* FLOAT16 */]: "float16"
};
async function resolveShapesAtRuntime(model, modelBytes, result) {
  if (result.unresolved.length === 0) return result;
  const hasExternal = [...model.graph.initializers.values()].some((t) => t.external);
  if (hasExternal) {
    const best = result.assumingPassThrough ?? result;
    return {
      ...best,
      warnings: [...best.warnings, "runtime shape fallback skipped: the model has external data"]
    };
  }
  const [ort, ModelProto] = await Promise.all([loadOrt(), modelProto()]);
  const proto = ModelProto.toObject(ModelProto.decode(modelBytes), { defaults: false });
  const graph = proto.graph ?? {};
  const existing = new Set((graph.output ?? []).map((o) => o.name));
  const wanted = result.unresolved.filter((n) => !model.graph.inputs.some((i) => i.name === n));
  graph.output = [
    ...graph.output ?? [],
    ...wanted.filter((n) => !existing.has(n)).map((name) => ({ name }))
  ];
  const patched = ModelProto.encode(ModelProto.fromObject(proto)).finish();
  let session;
  try {
    session = await ort.InferenceSession.create(patched, {
      graphOptimizationLevel: "disabled",
      logSeverityLevel: 3
    });
  } catch (error) {
    return lastResort(model, result, `could not load the model (${messageOf(error)})`, error);
  }
  try {
    const feeds = {};
    for (const input of model.graph.inputs) {
      const known = result.shapes.get(input.name);
      const type = FEED_TYPES[input.dataType];
      if (!known || !type) {
        throw new ModelLoadError(
          model.path,
          `runtime shape fallback: cannot make a feed for input '${input.name}'`
        );
      }
      const n = known.shape.reduce((a, b) => a * b, 1);
      const data = type === "int64" ? new BigInt64Array(n) : type === "float64" ? new Float64Array(n) : type === "int32" ? new Int32Array(n) : type === "int8" ? new Int8Array(n) : type === "uint8" || type === "bool" ? new Uint8Array(n) : type === "float16" ? new Uint16Array(n) : new Float32Array(n);
      feeds[input.name] = new ort.Tensor(type, data, [...known.shape]);
    }
    const outputs = await session.run(feeds, wanted);
    const shapes = new Map(result.shapes);
    const still = [];
    for (const name of wanted) {
      const t = outputs[name];
      if (!t) {
        still.push(name);
        continue;
      }
      const entry = {
        dataType: dataTypeOf(t.type),
        shape: t.dims.map(Number),
        constant: false,
        source: "runtime"
      };
      shapes.set(name, entry);
    }
    return {
      shapes,
      decidedBy: "runtime",
      unresolved: still,
      warnings: [
        ...result.warnings,
        `${wanted.length - still.length} shape(s) decided by running the model once in onnxruntime (zero-filled inputs)`
      ],
      boundDims: result.boundDims
    };
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    return lastResort(model, result, `could not run the model (${messageOf(error)})`, error);
  } finally {
    await session.release();
  }
}
var LISTED = 8;
function lastResort(model, result, ortProblem, cause) {
  const assumed = result.assumingPassThrough;
  if (assumed && assumed.unresolved.length === 0) {
    return {
      ...assumed,
      warnings: [
        ...assumed.warnings,
        `onnxruntime ${ortProblem}; ops without a shape rule were assumed to keep their input's shape`
      ]
    };
  }
  const left = assumed ?? result;
  const nodes = left.undecided ?? [];
  const values = (nodes.length > 0 ? nodes.flatMap((n) => n.outputs) : left.unresolved).map((v) => `'${v}'`);
  const what = nodes.length > 0 ? list(nodes.map(describeNode), "node") : `values ${list(values, "value")}`;
  throw new ModelLoadError(
    model.path,
    `cannot decide the shapes of ${what}, and onnxruntime ${ortProblem}. Declare the shapes of ${list(values, "value")} in the model's graph value_info and analyse it again`,
    { cause }
  );
}
function describeNode(n) {
  return `${n.op} node '${n.name}' (output${n.outputs.length === 1 ? "" : "s"} ${n.outputs.map((o) => `'${o}'`).join(", ")}: ${n.reason})`;
}
function list(items, noun) {
  if (items.length <= LISTED) return items.join(", ");
  return `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more ${noun}s`;
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
function dataTypeOf(type) {
  for (const [dt, name] of Object.entries(FEED_TYPES)) if (name === type) return Number(dt);
  return 0 /* UNDEFINED */;
}

// src/onnx/quantized.ts
var NORMAL_FORMS = {
  QLinearConv: { op: "Conv", inputs: [0, 3, 8] },
  ConvInteger: { op: "Conv", inputs: [0, 1] },
  QLinearMatMul: { op: "MatMul", inputs: [0, 3] },
  MatMulInteger: { op: "MatMul", inputs: [0, 1] },
  // com.microsoft contrib ops that onnxruntime's quantizer writes.
  "com.microsoft:QLinearAdd": { op: "Add", inputs: [0, 3] },
  "com.microsoft:QLinearMul": { op: "Mul", inputs: [0, 3] },
  "com.microsoft:QLinearSigmoid": { op: "Sigmoid", inputs: [0] },
  "com.microsoft:QLinearLeakyRelu": { op: "LeakyRelu", inputs: [0] },
  "com.microsoft:QLinearGlobalAveragePool": { op: "GlobalAveragePool", inputs: [0] },
  "com.microsoft:QLinearAveragePool": { op: "AveragePool", inputs: [0] },
  "com.microsoft:QGemm": { op: "Gemm", inputs: [0, 3, 6] }
};
function qlinearConcatInputs(node) {
  const out = [];
  for (let i = 2; i < node.inputs.length; i += 3) out.push(node.inputs[i]);
  return out;
}
function normaliseQuantizedOps(model) {
  let changed = false;
  const nodes = model.graph.nodes.map((node) => {
    const key = node.domain === "" ? node.opType : `${node.domain}:${node.opType}`;
    if (key === "com.microsoft:QLinearConcat") {
      changed = true;
      return normalised(node, "Concat", qlinearConcatInputs(node));
    }
    const form = NORMAL_FORMS[key];
    if (!form) return node;
    changed = true;
    const inputs = form.inputs.map((i) => node.inputs[i] ?? "");
    while (inputs.length > 0 && inputs[inputs.length - 1] === "") inputs.pop();
    return normalised(node, form.op, inputs);
  });
  return changed ? { ...model, graph: { ...model.graph, nodes } } : model;
}
function normalised(node, opType, inputs) {
  return {
    ...node,
    opType,
    domain: "",
    inputs,
    sourceOp: node.sourceOp ?? (node.domain ? `${node.domain}:${node.opType}` : node.opType)
  };
}

// src/analysis/read.ts
import { basename } from "node:path";

// src/tflite/flatbuffer.ts
var SCALAR_BYTES = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float32: 4,
  float64: 8
};
var PAGE_BYTES = 1024;
var CACHED_PAGES = 8;
var scratch = new DataView(new ArrayBuffer(8));
var utf8 = new TextDecoder("utf-8");
var FlatBufferReader = class {
  constructor(source, path) {
    this.source = source;
    this.path = path;
    this.size = source.size;
    this.maxWork = 4 * this.size + 1e6;
  }
  source;
  path;
  size;
  work = 0;
  maxWork;
  page = new Uint8Array(0);
  pageStart = 0;
  pages = [];
  nextPage = 0;
  fail(what, at) {
    throw new ModelLoadError(this.path, `corrupt TFLite flatbuffer: ${what} at byte ${at}`);
  }
  charge(units, at) {
    this.work += units;
    if (this.work > this.maxWork) this.fail("tables share data so often that decoding would not end", at);
  }
  /** `length` bytes from `offset`, checked to lie in the source. */
  bytes(offset, length, what = "data") {
    if (length <= PAGE_BYTES / 4) {
      const at = this.at(offset, length, what);
      return this.page.subarray(at, at + length);
    }
    this.check(offset, length, what);
    const out = this.source.read(offset, length);
    if (out.length !== length) this.fail(`${what} of ${length} bytes past the end of the file`, offset);
    return out;
  }
  check(offset, length, what) {
    if (!Number.isSafeInteger(offset) || offset < 0 || length < 0 || offset + length > this.size) {
      this.fail(`${what} of ${length} bytes past the end of the file`, offset);
    }
  }
  /**
   * Index in `this.page` of the bytes [offset, offset + length), a small range, checked to lie in the file.
   * Small reads are served from a few cached pages (tables often share a vtable far from them), so
   * reading a field allocates nothing and a table next to a weight buffer costs one page of it.
   */
  at(offset, length, what) {
    if (offset >= this.pageStart && offset + length <= this.pageStart + this.page.length)
      return offset - this.pageStart;
    for (let k = 0; k < this.pages.length; k++) {
      const p = this.pages[k];
      if (offset >= p.start && offset + length <= p.start + p.bytes.length) {
        this.page = p.bytes;
        this.pageStart = p.start;
        return offset - p.start;
      }
    }
    this.check(offset, length, what);
    let start = offset - offset % PAGE_BYTES;
    if (offset + length > start + PAGE_BYTES) start = offset;
    start = Math.max(0, Math.min(start, this.size - PAGE_BYTES));
    const bytes = this.source.read(start, Math.min(PAGE_BYTES, this.size - start));
    if (offset + length > start + bytes.length)
      this.fail(`${what} of ${length} bytes past the end of the file`, offset);
    this.pages[this.nextPage] = { start, bytes };
    this.nextPage = (this.nextPage + 1) % CACHED_PAGES;
    this.page = bytes;
    this.pageStart = start;
    return offset - start;
  }
  u8(pos) {
    const i = this.at(pos, 1, "a byte");
    return this.page[i];
  }
  u16(pos) {
    const i = this.at(pos, 2, "a 16-bit value");
    const b = this.page;
    return b[i] | b[i + 1] << 8;
  }
  u32(pos) {
    const i = this.at(pos, 4, "a 32-bit value");
    const b = this.page;
    return (b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24) >>> 0;
  }
  i32(pos) {
    return this.u32(pos) | 0;
  }
  /** A scalar of any kind at `pos`; 64-bit integers are clamped to the safe integer range. */
  scalar(kind, pos) {
    const i = this.at(pos, SCALAR_BYTES[kind], "a scalar");
    return readScalar(kind, this.page, i);
  }
  /** Follows the uoffset stored at `pos`. */
  deref(pos, what) {
    const target = pos + this.u32(pos);
    if (target >= this.size) this.fail(`${what} points past the end of the file`, pos);
    return target;
  }
  /** Opens the table at `pos` (validating its vtable). */
  table(pos, what) {
    this.charge(1, pos);
    const soffset = this.i32(pos);
    const vtable = pos - soffset;
    if (vtable < 0 || vtable + 4 > this.size) this.fail(`the vtable of ${what} lies outside the file`, pos);
    const vtableBytes = this.u16(vtable);
    if (vtableBytes < 4 || vtableBytes % 2 !== 0 || vtable + vtableBytes > this.size) {
      this.fail(`the vtable of ${what} has a bad size (${vtableBytes})`, vtable);
    }
    const tableBytes = this.u16(vtable + 2);
    if (tableBytes < 4 || pos + tableBytes > this.size) {
      this.fail(`${what} (${tableBytes} bytes) runs past the end of the file`, pos);
    }
    return { pos, vtable, vtableBytes };
  }
  /** Absolute position of the field in vtable slot `id`, or undefined when the field is absent. */
  field(t, id) {
    const slot = 4 + 2 * id;
    if (slot + 2 > t.vtableBytes) return void 0;
    const voffset = this.u16(t.vtable + slot);
    return voffset === 0 ? void 0 : t.pos + voffset;
  }
  /**
   * The vector whose uoffset is stored at `pos`. `payload`: the vector is data that will not be read
   * (a weight buffer), so its length is read on its own rather than with the page of bytes around it.
   */
  vector(pos, elementBytes, what, payload = false) {
    const at = this.deref(pos, what);
    let length;
    if (payload) {
      this.check(at, 4, what);
      length = readScalar("uint32", this.source.read(at, 4), 0);
    } else {
      length = this.u32(at);
    }
    const start = at + 4;
    if (start + length * elementBytes > this.size) {
      this.fail(`${what} of ${length} elements runs past the end of the file`, at);
    }
    return { start, length, elementBytes };
  }
  /** All elements of a vector of scalars (one read of the vector's bytes). */
  scalars(v, kind, what) {
    this.charge(v.length, v.start);
    const b = this.bytes(v.start, v.length * v.elementBytes, what);
    const width = SCALAR_BYTES[kind];
    const out = new Array(v.length);
    for (let k = 0; k < v.length; k++) out[k] = readScalar(kind, b, k * width);
    return out;
  }
  /** All elements of a vector of numeric (non-bool) scalars. */
  numbers(v, kind, what) {
    return this.scalars(v, kind, what).map(Number);
  }
  /** Positions of the tables of a vector of tables (each element a uoffset). */
  tablePositions(v, what) {
    this.charge(v.length, v.start);
    const b = this.bytes(v.start, v.length * 4, what);
    const out = new Array(v.length);
    for (let k = 0; k < v.length; k++) {
      const at = v.start + 4 * k;
      const target = at + ((b[4 * k] | b[4 * k + 1] << 8 | b[4 * k + 2] << 16 | b[4 * k + 3] << 24) >>> 0);
      if (target >= this.size) this.fail(`${what} element ${k} points past the end of the file`, at);
      out[k] = target;
    }
    return out;
  }
  /** The string whose uoffset is stored at `pos` (UTF-8; the terminating zero is not checked). */
  string(pos, what) {
    const v = this.vector(pos, 1, what);
    this.charge(v.length / 16, v.start);
    return utf8.decode(this.bytes(v.start, v.length, what));
  }
};
function readScalar(kind, b, at) {
  switch (kind) {
    case "bool":
      return b[at] !== 0;
    case "int8":
      return b[at] << 24 >> 24;
    case "uint8":
      return b[at];
    case "int16":
      return (b[at] | b[at + 1] << 8) << 16 >> 16;
    case "uint16":
      return b[at] | b[at + 1] << 8;
    case "int32":
      return b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24;
    case "uint32":
      return (b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24) >>> 0;
    case "int64":
    case "uint64": {
      const lo = (b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24) >>> 0;
      const hiBits = b[at + 4] | b[at + 5] << 8 | b[at + 6] << 16 | b[at + 7] << 24;
      const hi = kind === "int64" ? hiBits : hiBits >>> 0;
      const value = hi * 2 ** 32 + lo;
      return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value));
    }
    case "float32":
    case "float64": {
      const n = SCALAR_BYTES[kind];
      for (let k = 0; k < n; k++) scratch.setUint8(k, b[at + k]);
      return kind === "float32" ? scratch.getFloat32(0, true) : scratch.getFloat64(0, true);
    }
  }
}
function halfToNumber(bits) {
  const sign = bits & 32768 ? -1 : 1;
  const exponent = bits >> 10 & 31;
  const fraction = bits & 1023;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

// src/tflite/tflite-schema.json
var tflite_schema_default = JSON.parse('{"source":"src/tflite/schema.fbs","namespace":"tflite","fileIdentifier":"TFL3","rootType":"Model","enums":{"TensorType":{"scalar":"int8","values":{"0":"FLOAT32","1":"FLOAT16","2":"INT32","3":"UINT8","4":"INT64","5":"STRING","6":"BOOL","7":"INT16","8":"COMPLEX64","9":"INT8","10":"FLOAT64","11":"COMPLEX128","12":"UINT64","13":"RESOURCE","14":"VARIANT","15":"UINT32","16":"UINT16","17":"INT4","18":"BFLOAT16"}},"DimensionType":{"scalar":"int8","values":{"0":"DENSE","1":"SPARSE_CSR"}},"BuiltinOperator":{"scalar":"int32","values":{"0":"ADD","1":"AVERAGE_POOL_2D","2":"CONCATENATION","3":"CONV_2D","4":"DEPTHWISE_CONV_2D","5":"DEPTH_TO_SPACE","6":"DEQUANTIZE","7":"EMBEDDING_LOOKUP","8":"FLOOR","9":"FULLY_CONNECTED","10":"HASHTABLE_LOOKUP","11":"L2_NORMALIZATION","12":"L2_POOL_2D","13":"LOCAL_RESPONSE_NORMALIZATION","14":"LOGISTIC","15":"LSH_PROJECTION","16":"LSTM","17":"MAX_POOL_2D","18":"MUL","19":"RELU","20":"RELU_N1_TO_1","21":"RELU6","22":"RESHAPE","23":"RESIZE_BILINEAR","24":"RNN","25":"SOFTMAX","26":"SPACE_TO_DEPTH","27":"SVDF","28":"TANH","29":"CONCAT_EMBEDDINGS","30":"SKIP_GRAM","31":"CALL","32":"CUSTOM","33":"EMBEDDING_LOOKUP_SPARSE","34":"PAD","35":"UNIDIRECTIONAL_SEQUENCE_RNN","36":"GATHER","37":"BATCH_TO_SPACE_ND","38":"SPACE_TO_BATCH_ND","39":"TRANSPOSE","40":"MEAN","41":"SUB","42":"DIV","43":"SQUEEZE","44":"UNIDIRECTIONAL_SEQUENCE_LSTM","45":"STRIDED_SLICE","46":"BIDIRECTIONAL_SEQUENCE_RNN","47":"EXP","48":"TOPK_V2","49":"SPLIT","50":"LOG_SOFTMAX","51":"DELEGATE","52":"BIDIRECTIONAL_SEQUENCE_LSTM","53":"CAST","54":"PRELU","55":"MAXIMUM","56":"ARG_MAX","57":"MINIMUM","58":"LESS","59":"NEG","60":"PADV2","61":"GREATER","62":"GREATER_EQUAL","63":"LESS_EQUAL","64":"SELECT","65":"SLICE","66":"SIN","67":"TRANSPOSE_CONV","68":"SPARSE_TO_DENSE","69":"TILE","70":"EXPAND_DIMS","71":"EQUAL","72":"NOT_EQUAL","73":"LOG","74":"SUM","75":"SQRT","76":"RSQRT","77":"SHAPE","78":"POW","79":"ARG_MIN","80":"FAKE_QUANT","81":"REDUCE_PROD","82":"REDUCE_MAX","83":"PACK","84":"LOGICAL_OR","85":"ONE_HOT","86":"LOGICAL_AND","87":"LOGICAL_NOT","88":"UNPACK","89":"REDUCE_MIN","90":"FLOOR_DIV","91":"REDUCE_ANY","92":"SQUARE","93":"ZEROS_LIKE","94":"FILL","95":"FLOOR_MOD","96":"RANGE","97":"RESIZE_NEAREST_NEIGHBOR","98":"LEAKY_RELU","99":"SQUARED_DIFFERENCE","100":"MIRROR_PAD","101":"ABS","102":"SPLIT_V","103":"UNIQUE","104":"CEIL","105":"REVERSE_V2","106":"ADD_N","107":"GATHER_ND","108":"COS","109":"WHERE","110":"RANK","111":"ELU","112":"REVERSE_SEQUENCE","113":"MATRIX_DIAG","114":"QUANTIZE","115":"MATRIX_SET_DIAG","116":"ROUND","117":"HARD_SWISH","118":"IF","119":"WHILE","120":"NON_MAX_SUPPRESSION_V4","121":"NON_MAX_SUPPRESSION_V5","122":"SCATTER_ND","123":"SELECT_V2","124":"DENSIFY","125":"SEGMENT_SUM","126":"BATCH_MATMUL","127":"PLACEHOLDER_FOR_GREATER_OP_CODES","128":"CUMSUM","129":"CALL_ONCE","130":"BROADCAST_TO","131":"RFFT2D","132":"CONV_3D","133":"IMAG","134":"REAL","135":"COMPLEX_ABS","136":"HASHTABLE","137":"HASHTABLE_FIND","138":"HASHTABLE_IMPORT","139":"HASHTABLE_SIZE","140":"REDUCE_ALL","141":"CONV_3D_TRANSPOSE","142":"VAR_HANDLE","143":"READ_VARIABLE","144":"ASSIGN_VARIABLE","145":"BROADCAST_ARGS","146":"RANDOM_STANDARD_NORMAL","147":"BUCKETIZE","148":"RANDOM_UNIFORM","149":"MULTINOMIAL","150":"GELU","151":"DYNAMIC_UPDATE_SLICE","152":"RELU_0_TO_1","153":"UNSORTED_SEGMENT_PROD","154":"UNSORTED_SEGMENT_MAX","155":"UNSORTED_SEGMENT_SUM","156":"ATAN2","157":"UNSORTED_SEGMENT_MIN","158":"SIGN","159":"BITCAST","160":"BITWISE_XOR","161":"RIGHT_SHIFT","162":"STABLEHLO_LOGISTIC","163":"STABLEHLO_ADD","164":"STABLEHLO_DIVIDE","165":"STABLEHLO_MULTIPLY","166":"STABLEHLO_MAXIMUM","167":"STABLEHLO_RESHAPE","168":"STABLEHLO_CLAMP","169":"STABLEHLO_CONCATENATE","170":"STABLEHLO_BROADCAST_IN_DIM","171":"STABLEHLO_CONVOLUTION","172":"STABLEHLO_SLICE","173":"STABLEHLO_CUSTOM_CALL","174":"STABLEHLO_REDUCE","175":"STABLEHLO_ABS","176":"STABLEHLO_AND","177":"STABLEHLO_COSINE","178":"STABLEHLO_EXPONENTIAL","179":"STABLEHLO_FLOOR","180":"STABLEHLO_LOG","181":"STABLEHLO_MINIMUM","182":"STABLEHLO_NEGATE","183":"STABLEHLO_OR","184":"STABLEHLO_POWER","185":"STABLEHLO_REMAINDER","186":"STABLEHLO_RSQRT","187":"STABLEHLO_SELECT","188":"STABLEHLO_SUBTRACT","189":"STABLEHLO_TANH","190":"STABLEHLO_SCATTER","191":"STABLEHLO_COMPARE","192":"STABLEHLO_CONVERT","193":"STABLEHLO_DYNAMIC_SLICE","194":"STABLEHLO_DYNAMIC_UPDATE_SLICE","195":"STABLEHLO_PAD","196":"STABLEHLO_IOTA","197":"STABLEHLO_DOT_GENERAL","198":"STABLEHLO_REDUCE_WINDOW","199":"STABLEHLO_SORT","200":"STABLEHLO_WHILE","201":"STABLEHLO_GATHER","202":"STABLEHLO_TRANSPOSE","203":"DILATE","204":"STABLEHLO_RNG_BIT_GENERATOR","205":"REDUCE_WINDOW","206":"STABLEHLO_COMPOSITE","207":"COMPLEX"}},"StablehloPrecisionConfig":{"scalar":"uint32","values":{"0":"DEFAULT","1":"HIGH","2":"HIGHEST"}},"StablehloComparisonDirection":{"scalar":"uint32","values":{"0":"STABLEHLO_COMPARISON_DIRECTION_EQ","1":"STABLEHLO_COMPARISON_DIRECTION_NE","2":"STABLEHLO_COMPARISON_DIRECTION_GE","3":"STABLEHLO_COMPARISON_DIRECTION_GT","4":"STABLEHLO_COMPARISON_DIRECTION_LE","5":"STABLEHLO_COMPARISON_DIRECTION_LT"}},"StablehloComparisonType":{"scalar":"uint32","values":{"0":"STABLEHLO_COMPARISON_TYPE_NOTYPE","1":"STABLEHLO_COMPARISON_TYPE_FLOAT","2":"STABLEHLO_COMPARISON_TYPE_FLOAT_TOTAL_ORDER","3":"STABLEHLO_COMPARISON_TYPE_SIGNED","4":"STABLEHLO_COMPARISON_TYPE_UNSIGNED"}},"RngAlgorithm":{"scalar":"int8","values":{"0":"DEFAULT","1":"PHILOX","2":"THREEFRY"}},"Padding":{"scalar":"int8","values":{"0":"SAME","1":"VALID"}},"ActivationFunctionType":{"scalar":"int8","values":{"0":"NONE","1":"RELU","2":"RELU_N1_TO_1","3":"RELU6","4":"TANH","5":"SIGN_BIT"}},"LSHProjectionType":{"scalar":"int8","values":{"0":"UNKNOWN","1":"SPARSE","2":"DENSE"}},"FullyConnectedOptionsWeightsFormat":{"scalar":"int8","values":{"0":"DEFAULT","1":"SHUFFLED4x16INT8"}},"LSTMKernelType":{"scalar":"int8","values":{"0":"FULL","1":"BASIC"}},"CombinerType":{"scalar":"int8","values":{"0":"SUM","1":"MEAN","2":"SQRTN"}},"MirrorPadMode":{"scalar":"int8","values":{"0":"REFLECT","1":"SYMMETRIC"}},"ReduceWindowFunction":{"scalar":"int32","values":{"0":"UNSUPPORTED","1":"ADD","2":"MUL","3":"MINIMUM","4":"MAXIMUM","5":"ALL","6":"ANY"}},"CustomOptionsFormat":{"scalar":"int8","values":{"0":"FLEXBUFFERS"}}},"unions":{"QuantizationDetails":{"0":"NONE","1":"CustomQuantization"},"SparseIndexVector":{"0":"NONE","1":"Int32Vector","2":"Uint16Vector","3":"Uint8Vector"},"BuiltinOptions":{"0":"NONE","1":"Conv2DOptions","2":"DepthwiseConv2DOptions","3":"ConcatEmbeddingsOptions","4":"LSHProjectionOptions","5":"Pool2DOptions","6":"SVDFOptions","7":"RNNOptions","8":"FullyConnectedOptions","9":"SoftmaxOptions","10":"ConcatenationOptions","11":"AddOptions","12":"L2NormOptions","13":"LocalResponseNormalizationOptions","14":"LSTMOptions","15":"ResizeBilinearOptions","16":"CallOptions","17":"ReshapeOptions","18":"SkipGramOptions","19":"SpaceToDepthOptions","20":"EmbeddingLookupSparseOptions","21":"MulOptions","22":"PadOptions","23":"GatherOptions","24":"BatchToSpaceNDOptions","25":"SpaceToBatchNDOptions","26":"TransposeOptions","27":"ReducerOptions","28":"SubOptions","29":"DivOptions","30":"SqueezeOptions","31":"SequenceRNNOptions","32":"StridedSliceOptions","33":"ExpOptions","34":"TopKV2Options","35":"SplitOptions","36":"LogSoftmaxOptions","37":"CastOptions","38":"DequantizeOptions","39":"MaximumMinimumOptions","40":"ArgMaxOptions","41":"LessOptions","42":"NegOptions","43":"PadV2Options","44":"GreaterOptions","45":"GreaterEqualOptions","46":"LessEqualOptions","47":"SelectOptions","48":"SliceOptions","49":"TransposeConvOptions","50":"SparseToDenseOptions","51":"TileOptions","52":"ExpandDimsOptions","53":"EqualOptions","54":"NotEqualOptions","55":"ShapeOptions","56":"PowOptions","57":"ArgMinOptions","58":"FakeQuantOptions","59":"PackOptions","60":"LogicalOrOptions","61":"OneHotOptions","62":"LogicalAndOptions","63":"LogicalNotOptions","64":"UnpackOptions","65":"FloorDivOptions","66":"SquareOptions","67":"ZerosLikeOptions","68":"FillOptions","69":"BidirectionalSequenceLSTMOptions","70":"BidirectionalSequenceRNNOptions","71":"UnidirectionalSequenceLSTMOptions","72":"FloorModOptions","73":"RangeOptions","74":"ResizeNearestNeighborOptions","75":"LeakyReluOptions","76":"SquaredDifferenceOptions","77":"MirrorPadOptions","78":"AbsOptions","79":"SplitVOptions","80":"UniqueOptions","81":"ReverseV2Options","82":"AddNOptions","83":"GatherNdOptions","84":"CosOptions","85":"WhereOptions","86":"RankOptions","87":"ReverseSequenceOptions","88":"MatrixDiagOptions","89":"QuantizeOptions","90":"MatrixSetDiagOptions","91":"HardSwishOptions","92":"IfOptions","93":"WhileOptions","94":"DepthToSpaceOptions","95":"NonMaxSuppressionV4Options","96":"NonMaxSuppressionV5Options","97":"ScatterNdOptions","98":"SelectV2Options","99":"DensifyOptions","100":"SegmentSumOptions","101":"BatchMatMulOptions","102":"CumsumOptions","103":"CallOnceOptions","104":"BroadcastToOptions","105":"Rfft2dOptions","106":"Conv3DOptions","107":"HashtableOptions","108":"HashtableFindOptions","109":"HashtableImportOptions","110":"HashtableSizeOptions","111":"VarHandleOptions","112":"ReadVariableOptions","113":"AssignVariableOptions","114":"RandomOptions","115":"BucketizeOptions","116":"GeluOptions","117":"DynamicUpdateSliceOptions","118":"UnsortedSegmentProdOptions","119":"UnsortedSegmentMaxOptions","120":"UnsortedSegmentMinOptions","121":"UnsortedSegmentSumOptions","122":"ATan2Options","123":"SignOptions","124":"BitcastOptions","125":"BitwiseXorOptions","126":"RightShiftOptions"},"BuiltinOptions2":{"0":"NONE","1":"StablehloConcatenateOptions","2":"StablehloBroadcastInDimOptions","3":"StablehloSliceOptions","4":"StablehloConvolutionOptions","5":"StablehloCustomCallOptions","6":"StablehloReduceOptions","7":"StablehloScatterOptions","8":"StablehloCompareOptions","9":"StablehloDynamicSliceOptions","10":"StablehloPadOptions","11":"StablehloIotaOptions","12":"StablehloDotGeneralOptions","13":"StablehloReduceWindowOptions","14":"StablehloSortOptions","15":"StablehloWhileOptions","16":"StablehloGatherOptions","17":"StablehloTransposeOptions","18":"DilateOptions","19":"StablehloRngBitGeneratorOptions","20":"ReduceWindowOptions","21":"StableHLOCompositeOptions"}},"tables":{"CustomQuantization":{"struct":false,"deprecated":false,"fields":[{"name":"custom","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"uint8"}},"deprecated":false}]},"QuantizationParameters":{"struct":false,"deprecated":false,"fields":[{"name":"min","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"float32"}},"deprecated":false},{"name":"max","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"float32"}},"deprecated":false},{"name":"scale","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"float32"}},"deprecated":false},{"name":"zero_point","id":3,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"details","id":5,"typeId":4,"type":{"kind":"union","union":"QuantizationDetails"},"deprecated":false},{"name":"quantized_dimension","id":6,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"Int32Vector":{"struct":false,"deprecated":false,"fields":[{"name":"values","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false}]},"Uint16Vector":{"struct":false,"deprecated":false,"fields":[{"name":"values","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"uint16"}},"deprecated":false}]},"Uint8Vector":{"struct":false,"deprecated":false,"fields":[{"name":"values","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"uint8"}},"deprecated":false}]},"DimensionMetadata":{"struct":false,"deprecated":false,"fields":[{"name":"format","id":0,"type":{"kind":"enum","enum":"DimensionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"dense_size","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"array_segments","id":3,"typeId":2,"type":{"kind":"union","union":"SparseIndexVector"},"deprecated":false},{"name":"array_indices","id":5,"typeId":4,"type":{"kind":"union","union":"SparseIndexVector"},"deprecated":false}]},"SparsityParameters":{"struct":false,"deprecated":false,"fields":[{"name":"traversal_order","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"block_map","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"dim_metadata","id":2,"type":{"kind":"vector","element":{"kind":"table","table":"DimensionMetadata"}},"deprecated":false}]},"VariantSubType":{"struct":false,"deprecated":false,"fields":[{"name":"shape","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"type","id":1,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false},{"name":"has_rank","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"Tensor":{"struct":false,"deprecated":false,"fields":[{"name":"shape","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"type","id":1,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false},{"name":"buffer","id":2,"type":{"kind":"scalar","scalar":"uint32"},"default":0,"deprecated":false},{"name":"name","id":3,"type":{"kind":"string"},"deprecated":false},{"name":"quantization","id":4,"type":{"kind":"table","table":"QuantizationParameters"},"deprecated":false},{"name":"is_variable","id":5,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"sparsity","id":6,"type":{"kind":"table","table":"SparsityParameters"},"deprecated":false},{"name":"shape_signature","id":7,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"has_rank","id":8,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"variant_tensors","id":9,"type":{"kind":"vector","element":{"kind":"table","table":"VariantSubType"}},"deprecated":false}]},"StablehloGatherOptions":{"struct":false,"deprecated":false,"fields":[{"name":"offset_dims","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"collapsed_slice_dims","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"start_index_map","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"index_vector_dim","id":3,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"slice_sizes","id":4,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"indices_are_sorted","id":5,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"StablehloTransposeOptions":{"struct":false,"deprecated":false,"fields":[{"name":"permutation","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false}]},"StablehloDotGeneralOptions":{"struct":false,"deprecated":false,"fields":[{"name":"lhs_batching_dimensions","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"rhs_batching_dimensions","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"lhs_contracting_dimensions","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"rhs_contracting_dimensions","id":3,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"precision_config","id":4,"type":{"kind":"vector","element":{"kind":"enum","enum":"StablehloPrecisionConfig","scalar":"uint32"}},"deprecated":false}]},"StablehloReduceWindowOptions":{"struct":false,"deprecated":false,"fields":[{"name":"window_dimensions","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"window_strides","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"base_dilations","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"window_dilations","id":3,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"padding","id":4,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"body_subgraph_index","id":5,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"StablehloWhileOptions":{"struct":false,"deprecated":false,"fields":[{"name":"cond_subgraph_index","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"body_subgraph_index","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"StablehloSortOptions":{"struct":false,"deprecated":false,"fields":[{"name":"dimension","id":0,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"is_stable","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"comparator_subgraph_index","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"StablehloConcatenateOptions":{"struct":false,"deprecated":false,"fields":[{"name":"dimension","id":0,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false}]},"StablehloBroadcastInDimOptions":{"struct":false,"deprecated":false,"fields":[{"name":"broadcast_dimensions","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false}]},"StablehloCompareOptions":{"struct":false,"deprecated":false,"fields":[{"name":"comparison_direction","id":0,"type":{"kind":"enum","enum":"StablehloComparisonDirection","scalar":"uint32"},"default":0,"deprecated":false},{"name":"compare_type","id":1,"type":{"kind":"enum","enum":"StablehloComparisonType","scalar":"uint32"},"default":0,"deprecated":false}]},"StablehloDynamicSliceOptions":{"struct":false,"deprecated":false,"fields":[{"name":"slice_sizes","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false}]},"StablehloPadOptions":{"struct":false,"deprecated":false,"fields":[{"name":"edge_padding_low","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"edge_padding_high","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"interior_padding","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false}]},"StablehloIotaOptions":{"struct":false,"deprecated":false,"fields":[{"name":"iota_dimension","id":0,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false}]},"StablehloCustomCallOptions":{"struct":false,"deprecated":false,"fields":[{"name":"call_target_name","id":0,"type":{"kind":"string"},"deprecated":false},{"name":"has_side_effect","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"backend_config","id":2,"type":{"kind":"string"},"deprecated":false},{"name":"api_version","id":3,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"called_computations","id":4,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"custom_attributes","id":5,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"uint8"}},"deprecated":false}]},"StablehloReduceOptions":{"struct":false,"deprecated":false,"fields":[{"name":"dimensions","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"body_subgraph_index","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"StablehloSliceOptions":{"struct":false,"deprecated":false,"fields":[{"name":"start_indices","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"limit_indices","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"strides","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false}]},"StablehloConvolutionOptions":{"struct":false,"deprecated":false,"fields":[{"name":"window_strides","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"padding","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"lhs_dilation","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"rhs_dilation","id":3,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"window_reversal","id":4,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"bool"}},"deprecated":false},{"name":"input_batch_dimension","id":5,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"input_feature_dimension","id":6,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"input_spatial_dimensions","id":7,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"kernel_input_feature_dimension","id":8,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"kernel_output_feature_dimension","id":9,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"kernel_spatial_dimensions","id":10,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"output_batch_dimension","id":11,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"output_feature_dimension","id":12,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"output_spatial_dimensions","id":13,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"feature_group_count","id":14,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"batch_group_count","id":15,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"precision_config","id":16,"type":{"kind":"vector","element":{"kind":"enum","enum":"StablehloPrecisionConfig","scalar":"uint32"}},"deprecated":false}]},"StablehloScatterOptions":{"struct":false,"deprecated":false,"fields":[{"name":"indices_are_sorted","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"update_window_dims","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"inserted_window_dims","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"scatter_dims_to_operand_dims","id":3,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int64"}},"deprecated":false},{"name":"index_vector_dim","id":4,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"unique_indices","id":5,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"update_computation_subgraph_index","id":6,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"StablehloRngBitGeneratorOptions":{"struct":false,"deprecated":false,"fields":[{"name":"algorithm","id":0,"type":{"kind":"enum","enum":"RngAlgorithm","scalar":"int8"},"default":0,"deprecated":false}]},"Conv2DOptions":{"struct":false,"deprecated":false,"fields":[{"name":"padding","id":0,"type":{"kind":"enum","enum":"Padding","scalar":"int8"},"default":0,"deprecated":false},{"name":"stride_w","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"stride_h","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"fused_activation_function","id":3,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"dilation_w_factor","id":4,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false},{"name":"dilation_h_factor","id":5,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false},{"name":"quantized_bias_type","id":6,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"Conv3DOptions":{"struct":false,"deprecated":false,"fields":[{"name":"padding","id":0,"type":{"kind":"enum","enum":"Padding","scalar":"int8"},"default":0,"deprecated":false},{"name":"stride_d","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"stride_w","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"stride_h","id":3,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"fused_activation_function","id":4,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"dilation_d_factor","id":5,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false},{"name":"dilation_w_factor","id":6,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false},{"name":"dilation_h_factor","id":7,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false}]},"Pool2DOptions":{"struct":false,"deprecated":false,"fields":[{"name":"padding","id":0,"type":{"kind":"enum","enum":"Padding","scalar":"int8"},"default":0,"deprecated":false},{"name":"stride_w","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"stride_h","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"filter_width","id":3,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"filter_height","id":4,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"fused_activation_function","id":5,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false}]},"DepthwiseConv2DOptions":{"struct":false,"deprecated":false,"fields":[{"name":"padding","id":0,"type":{"kind":"enum","enum":"Padding","scalar":"int8"},"default":0,"deprecated":false},{"name":"stride_w","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"stride_h","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"depth_multiplier","id":3,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"fused_activation_function","id":4,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"dilation_w_factor","id":5,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false},{"name":"dilation_h_factor","id":6,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false}]},"ConcatEmbeddingsOptions":{"struct":false,"deprecated":false,"fields":[{"name":"num_channels","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"num_columns_per_channel","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"embedding_dim_per_channel","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false}]},"LSHProjectionOptions":{"struct":false,"deprecated":false,"fields":[{"name":"type","id":0,"type":{"kind":"enum","enum":"LSHProjectionType","scalar":"int8"},"default":0,"deprecated":false}]},"SVDFOptions":{"struct":false,"deprecated":false,"fields":[{"name":"rank","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"fused_activation_function","id":1,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"RNNOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"SequenceRNNOptions":{"struct":false,"deprecated":false,"fields":[{"name":"time_major","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"fused_activation_function","id":1,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"BidirectionalSequenceRNNOptions":{"struct":false,"deprecated":false,"fields":[{"name":"time_major","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"fused_activation_function","id":1,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"merge_outputs","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":3,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"FullyConnectedOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"weights_format","id":1,"type":{"kind":"enum","enum":"FullyConnectedOptionsWeightsFormat","scalar":"int8"},"default":0,"deprecated":false},{"name":"keep_num_dims","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":3,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"quantized_bias_type","id":4,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"SoftmaxOptions":{"struct":false,"deprecated":false,"fields":[{"name":"beta","id":0,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false}]},"ConcatenationOptions":{"struct":false,"deprecated":false,"fields":[{"name":"axis","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"fused_activation_function","id":1,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false}]},"AddOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"pot_scale_int16","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":true,"deprecated":false}]},"MulOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false}]},"L2NormOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false}]},"LocalResponseNormalizationOptions":{"struct":false,"deprecated":false,"fields":[{"name":"radius","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"bias","id":1,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"alpha","id":2,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"beta","id":3,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false}]},"LSTMOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"cell_clip","id":1,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"proj_clip","id":2,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"kernel_type","id":3,"type":{"kind":"enum","enum":"LSTMKernelType","scalar":"int8"},"default":0,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":4,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"UnidirectionalSequenceLSTMOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"cell_clip","id":1,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"proj_clip","id":2,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"time_major","id":3,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":4,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"diagonal_recurrent_tensors","id":5,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"BidirectionalSequenceLSTMOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"cell_clip","id":1,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"proj_clip","id":2,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"merge_outputs","id":3,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"time_major","id":4,"type":{"kind":"scalar","scalar":"bool"},"default":true,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":5,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"ResizeBilinearOptions":{"struct":false,"deprecated":false,"fields":[{"name":"new_height","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":true},{"name":"new_width","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":true},{"name":"align_corners","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"half_pixel_centers","id":3,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"ResizeNearestNeighborOptions":{"struct":false,"deprecated":false,"fields":[{"name":"align_corners","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"half_pixel_centers","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"CallOptions":{"struct":false,"deprecated":false,"fields":[{"name":"subgraph","id":0,"type":{"kind":"scalar","scalar":"uint32"},"default":0,"deprecated":false}]},"PadOptions":{"struct":false,"deprecated":false,"fields":[]},"PadV2Options":{"struct":false,"deprecated":false,"fields":[]},"ReshapeOptions":{"struct":false,"deprecated":false,"fields":[{"name":"new_shape","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false}]},"SpaceToBatchNDOptions":{"struct":false,"deprecated":false,"fields":[]},"BatchToSpaceNDOptions":{"struct":false,"deprecated":false,"fields":[]},"SkipGramOptions":{"struct":false,"deprecated":false,"fields":[{"name":"ngram_size","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"max_skip_size","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"include_all_ngrams","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"SpaceToDepthOptions":{"struct":false,"deprecated":false,"fields":[{"name":"block_size","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"DepthToSpaceOptions":{"struct":false,"deprecated":false,"fields":[{"name":"block_size","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"SubOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"pot_scale_int16","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":true,"deprecated":false}]},"DivOptions":{"struct":false,"deprecated":false,"fields":[{"name":"fused_activation_function","id":0,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false}]},"TopKV2Options":{"struct":false,"deprecated":false,"fields":[]},"EmbeddingLookupSparseOptions":{"struct":false,"deprecated":false,"fields":[{"name":"combiner","id":0,"type":{"kind":"enum","enum":"CombinerType","scalar":"int8"},"default":0,"deprecated":false}]},"GatherOptions":{"struct":false,"deprecated":false,"fields":[{"name":"axis","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"batch_dims","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"TransposeOptions":{"struct":false,"deprecated":false,"fields":[]},"ExpOptions":{"struct":false,"deprecated":false,"fields":[]},"CosOptions":{"struct":false,"deprecated":false,"fields":[]},"ReducerOptions":{"struct":false,"deprecated":false,"fields":[{"name":"keep_dims","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"SqueezeOptions":{"struct":false,"deprecated":false,"fields":[{"name":"squeeze_dims","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false}]},"SplitOptions":{"struct":false,"deprecated":false,"fields":[{"name":"num_splits","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"SplitVOptions":{"struct":false,"deprecated":false,"fields":[{"name":"num_splits","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"StridedSliceOptions":{"struct":false,"deprecated":false,"fields":[{"name":"begin_mask","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"end_mask","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"ellipsis_mask","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"new_axis_mask","id":3,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"shrink_axis_mask","id":4,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"offset","id":5,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"LogSoftmaxOptions":{"struct":false,"deprecated":false,"fields":[]},"CastOptions":{"struct":false,"deprecated":false,"fields":[{"name":"in_data_type","id":0,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false},{"name":"out_data_type","id":1,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"DequantizeOptions":{"struct":false,"deprecated":false,"fields":[]},"MaximumMinimumOptions":{"struct":false,"deprecated":false,"fields":[]},"TileOptions":{"struct":false,"deprecated":false,"fields":[]},"ArgMaxOptions":{"struct":false,"deprecated":false,"fields":[{"name":"output_type","id":0,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"ArgMinOptions":{"struct":false,"deprecated":false,"fields":[{"name":"output_type","id":0,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"GreaterOptions":{"struct":false,"deprecated":false,"fields":[]},"GreaterEqualOptions":{"struct":false,"deprecated":false,"fields":[]},"LessOptions":{"struct":false,"deprecated":false,"fields":[]},"LessEqualOptions":{"struct":false,"deprecated":false,"fields":[]},"NegOptions":{"struct":false,"deprecated":false,"fields":[]},"SelectOptions":{"struct":false,"deprecated":false,"fields":[]},"SliceOptions":{"struct":false,"deprecated":false,"fields":[]},"TransposeConvOptions":{"struct":false,"deprecated":false,"fields":[{"name":"padding","id":0,"type":{"kind":"enum","enum":"Padding","scalar":"int8"},"default":0,"deprecated":false},{"name":"stride_w","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"stride_h","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"fused_activation_function","id":3,"type":{"kind":"enum","enum":"ActivationFunctionType","scalar":"int8"},"default":0,"deprecated":false},{"name":"quantized_bias_type","id":4,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"ExpandDimsOptions":{"struct":false,"deprecated":false,"fields":[]},"SparseToDenseOptions":{"struct":false,"deprecated":false,"fields":[{"name":"validate_indices","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"EqualOptions":{"struct":false,"deprecated":false,"fields":[]},"NotEqualOptions":{"struct":false,"deprecated":false,"fields":[]},"ShapeOptions":{"struct":false,"deprecated":false,"fields":[{"name":"out_type","id":0,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"RankOptions":{"struct":false,"deprecated":false,"fields":[]},"PowOptions":{"struct":false,"deprecated":false,"fields":[]},"FakeQuantOptions":{"struct":false,"deprecated":false,"fields":[{"name":"min","id":0,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"max","id":1,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false},{"name":"num_bits","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"narrow_range","id":3,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"PackOptions":{"struct":false,"deprecated":false,"fields":[{"name":"values_count","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"axis","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"LogicalOrOptions":{"struct":false,"deprecated":false,"fields":[]},"OneHotOptions":{"struct":false,"deprecated":false,"fields":[{"name":"axis","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"AbsOptions":{"struct":false,"deprecated":false,"fields":[]},"HardSwishOptions":{"struct":false,"deprecated":false,"fields":[]},"LogicalAndOptions":{"struct":false,"deprecated":false,"fields":[]},"LogicalNotOptions":{"struct":false,"deprecated":false,"fields":[]},"UnpackOptions":{"struct":false,"deprecated":false,"fields":[{"name":"num","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"axis","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"FloorDivOptions":{"struct":false,"deprecated":false,"fields":[]},"SquareOptions":{"struct":false,"deprecated":false,"fields":[]},"ZerosLikeOptions":{"struct":false,"deprecated":false,"fields":[]},"FillOptions":{"struct":false,"deprecated":false,"fields":[]},"FloorModOptions":{"struct":false,"deprecated":false,"fields":[]},"RangeOptions":{"struct":false,"deprecated":false,"fields":[]},"LeakyReluOptions":{"struct":false,"deprecated":false,"fields":[{"name":"alpha","id":0,"type":{"kind":"scalar","scalar":"float32"},"default":0,"deprecated":false}]},"SquaredDifferenceOptions":{"struct":false,"deprecated":false,"fields":[]},"MirrorPadOptions":{"struct":false,"deprecated":false,"fields":[{"name":"mode","id":0,"type":{"kind":"enum","enum":"MirrorPadMode","scalar":"int8"},"default":0,"deprecated":false}]},"UniqueOptions":{"struct":false,"deprecated":false,"fields":[{"name":"idx_out_type","id":0,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":2,"deprecated":false}]},"ReverseV2Options":{"struct":false,"deprecated":false,"fields":[]},"AddNOptions":{"struct":false,"deprecated":false,"fields":[]},"GatherNdOptions":{"struct":false,"deprecated":false,"fields":[]},"WhereOptions":{"struct":false,"deprecated":false,"fields":[]},"ReverseSequenceOptions":{"struct":false,"deprecated":false,"fields":[{"name":"seq_dim","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"batch_dim","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"MatrixDiagOptions":{"struct":false,"deprecated":false,"fields":[]},"QuantizeOptions":{"struct":false,"deprecated":false,"fields":[]},"MatrixSetDiagOptions":{"struct":false,"deprecated":false,"fields":[]},"IfOptions":{"struct":false,"deprecated":false,"fields":[{"name":"then_subgraph_index","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"else_subgraph_index","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"CallOnceOptions":{"struct":false,"deprecated":false,"fields":[{"name":"init_subgraph_index","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"WhileOptions":{"struct":false,"deprecated":false,"fields":[{"name":"cond_subgraph_index","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"body_subgraph_index","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"NonMaxSuppressionV4Options":{"struct":false,"deprecated":false,"fields":[]},"NonMaxSuppressionV5Options":{"struct":false,"deprecated":false,"fields":[]},"ScatterNdOptions":{"struct":false,"deprecated":false,"fields":[]},"SelectV2Options":{"struct":false,"deprecated":false,"fields":[]},"DensifyOptions":{"struct":false,"deprecated":false,"fields":[]},"SegmentSumOptions":{"struct":false,"deprecated":false,"fields":[]},"BatchMatMulOptions":{"struct":false,"deprecated":false,"fields":[{"name":"adj_x","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"adj_y","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"asymmetric_quantize_inputs","id":2,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"CumsumOptions":{"struct":false,"deprecated":false,"fields":[{"name":"exclusive","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false},{"name":"reverse","id":1,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"BroadcastToOptions":{"struct":false,"deprecated":false,"fields":[]},"Rfft2dOptions":{"struct":false,"deprecated":false,"fields":[]},"HashtableOptions":{"struct":false,"deprecated":false,"fields":[{"name":"table_id","id":0,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"key_dtype","id":1,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false},{"name":"value_dtype","id":2,"type":{"kind":"enum","enum":"TensorType","scalar":"int8"},"default":0,"deprecated":false}]},"HashtableFindOptions":{"struct":false,"deprecated":false,"fields":[]},"HashtableImportOptions":{"struct":false,"deprecated":false,"fields":[]},"HashtableSizeOptions":{"struct":false,"deprecated":false,"fields":[]},"VarHandleOptions":{"struct":false,"deprecated":false,"fields":[{"name":"container","id":0,"type":{"kind":"string"},"deprecated":false},{"name":"shared_name","id":1,"type":{"kind":"string"},"deprecated":false}]},"ReadVariableOptions":{"struct":false,"deprecated":false,"fields":[]},"AssignVariableOptions":{"struct":false,"deprecated":false,"fields":[]},"RandomOptions":{"struct":false,"deprecated":false,"fields":[{"name":"seed","id":0,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false},{"name":"seed2","id":1,"type":{"kind":"scalar","scalar":"int64"},"default":0,"deprecated":false}]},"BucketizeOptions":{"struct":false,"deprecated":false,"fields":[{"name":"boundaries","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"float32"}},"deprecated":false}]},"GeluOptions":{"struct":false,"deprecated":false,"fields":[{"name":"approximate","id":0,"type":{"kind":"scalar","scalar":"bool"},"default":false,"deprecated":false}]},"DynamicUpdateSliceOptions":{"struct":false,"deprecated":false,"fields":[]},"UnsortedSegmentProdOptions":{"struct":false,"deprecated":false,"fields":[]},"UnsortedSegmentMaxOptions":{"struct":false,"deprecated":false,"fields":[]},"UnsortedSegmentSumOptions":{"struct":false,"deprecated":false,"fields":[]},"ATan2Options":{"struct":false,"deprecated":false,"fields":[]},"UnsortedSegmentMinOptions":{"struct":false,"deprecated":false,"fields":[]},"SignOptions":{"struct":false,"deprecated":false,"fields":[]},"BitcastOptions":{"struct":false,"deprecated":false,"fields":[]},"BitwiseXorOptions":{"struct":false,"deprecated":false,"fields":[]},"RightShiftOptions":{"struct":false,"deprecated":false,"fields":[]},"DilateOptions":{"struct":false,"deprecated":false,"fields":[]},"ReduceWindowOptions":{"struct":false,"deprecated":true,"fields":[{"name":"reduce_function","id":0,"type":{"kind":"enum","enum":"ReduceWindowFunction","scalar":"int32"},"default":0,"deprecated":false}]},"OperatorCode":{"struct":false,"deprecated":false,"fields":[{"name":"deprecated_builtin_code","id":0,"type":{"kind":"scalar","scalar":"int8"},"default":0,"deprecated":false},{"name":"custom_code","id":1,"type":{"kind":"string"},"deprecated":false},{"name":"version","id":2,"type":{"kind":"scalar","scalar":"int32"},"default":1,"deprecated":false},{"name":"builtin_code","id":3,"type":{"kind":"enum","enum":"BuiltinOperator","scalar":"int32"},"default":0,"deprecated":false}]},"StableHLOCompositeOptions":{"struct":false,"deprecated":false,"fields":[{"name":"name","id":0,"type":{"kind":"string"},"deprecated":false},{"name":"decomposition_subgraph_index","id":1,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false},{"name":"composite_attributes","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"uint8"}},"deprecated":false},{"name":"composite_attributes_format","id":3,"type":{"kind":"enum","enum":"CustomOptionsFormat","scalar":"int8"},"default":0,"deprecated":false},{"name":"version","id":4,"type":{"kind":"scalar","scalar":"int32"},"default":0,"deprecated":false}]},"Operator":{"struct":false,"deprecated":false,"fields":[{"name":"opcode_index","id":0,"type":{"kind":"scalar","scalar":"uint32"},"default":0,"deprecated":false},{"name":"inputs","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"outputs","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"builtin_options","id":4,"typeId":3,"type":{"kind":"union","union":"BuiltinOptions"},"deprecated":false},{"name":"custom_options","id":5,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"uint8"}},"deprecated":false},{"name":"custom_options_format","id":6,"type":{"kind":"enum","enum":"CustomOptionsFormat","scalar":"int8"},"default":0,"deprecated":false},{"name":"mutating_variable_inputs","id":7,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"bool"}},"deprecated":false},{"name":"intermediates","id":8,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"large_custom_options_offset","id":9,"type":{"kind":"scalar","scalar":"uint64"},"default":0,"deprecated":false},{"name":"large_custom_options_size","id":10,"type":{"kind":"scalar","scalar":"uint64"},"default":0,"deprecated":false},{"name":"builtin_options_2","id":12,"typeId":11,"type":{"kind":"union","union":"BuiltinOptions2"},"deprecated":false}]},"SubGraph":{"struct":false,"deprecated":false,"fields":[{"name":"tensors","id":0,"type":{"kind":"vector","element":{"kind":"table","table":"Tensor"}},"deprecated":false},{"name":"inputs","id":1,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"outputs","id":2,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"operators","id":3,"type":{"kind":"vector","element":{"kind":"table","table":"Operator"}},"deprecated":false},{"name":"name","id":4,"type":{"kind":"string"},"deprecated":false}]},"Buffer":{"struct":false,"deprecated":false,"fields":[{"name":"data","id":0,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"uint8"}},"deprecated":false},{"name":"offset","id":1,"type":{"kind":"scalar","scalar":"uint64"},"default":0,"deprecated":false},{"name":"size","id":2,"type":{"kind":"scalar","scalar":"uint64"},"default":0,"deprecated":false}]},"Metadata":{"struct":false,"deprecated":false,"fields":[{"name":"name","id":0,"type":{"kind":"string"},"deprecated":false},{"name":"buffer","id":1,"type":{"kind":"scalar","scalar":"uint32"},"default":0,"deprecated":false}]},"TensorMap":{"struct":false,"deprecated":false,"fields":[{"name":"name","id":0,"type":{"kind":"string"},"deprecated":false},{"name":"tensor_index","id":1,"type":{"kind":"scalar","scalar":"uint32"},"default":0,"deprecated":false}]},"SignatureDef":{"struct":false,"deprecated":false,"fields":[{"name":"inputs","id":0,"type":{"kind":"vector","element":{"kind":"table","table":"TensorMap"}},"deprecated":false},{"name":"outputs","id":1,"type":{"kind":"vector","element":{"kind":"table","table":"TensorMap"}},"deprecated":false},{"name":"signature_key","id":2,"type":{"kind":"string"},"deprecated":false},{"name":"deprecated_tag","id":3,"type":{"kind":"string"},"deprecated":true},{"name":"subgraph_index","id":4,"type":{"kind":"scalar","scalar":"uint32"},"default":0,"deprecated":false}]},"Model":{"struct":false,"deprecated":false,"fields":[{"name":"version","id":0,"type":{"kind":"scalar","scalar":"uint32"},"default":0,"deprecated":false},{"name":"operator_codes","id":1,"type":{"kind":"vector","element":{"kind":"table","table":"OperatorCode"}},"deprecated":false},{"name":"subgraphs","id":2,"type":{"kind":"vector","element":{"kind":"table","table":"SubGraph"}},"deprecated":false},{"name":"description","id":3,"type":{"kind":"string"},"deprecated":false},{"name":"buffers","id":4,"type":{"kind":"vector","element":{"kind":"table","table":"Buffer"}},"deprecated":false},{"name":"metadata_buffer","id":5,"type":{"kind":"vector","element":{"kind":"scalar","scalar":"int32"}},"deprecated":false},{"name":"metadata","id":6,"type":{"kind":"vector","element":{"kind":"table","table":"Metadata"}},"deprecated":false},{"name":"signature_defs","id":7,"type":{"kind":"vector","element":{"kind":"table","table":"SignatureDef"}},"deprecated":false}]}}}');

// src/tflite/schema.ts
var schema = tflite_schema_default;
var FILE_IDENTIFIER = schema.fileIdentifier;
var ROOT_TYPE = schema.rootType;
var tables = /* @__PURE__ */ new Map();
for (const [name, t] of Object.entries(schema.tables)) {
  if (t.struct) continue;
  tables.set(name, { name, fields: t.fields, byName: new Map(t.fields.map((f) => [f.name, f])) });
}
var enums = new Map(
  Object.entries(schema.enums).map(([name, e]) => [
    name,
    new Map(Object.entries(e.values).map(([value, member]) => [Number(value), member]))
  ])
);
var unions = new Map(
  Object.entries(schema.unions).map(([name, members]) => [
    name,
    new Map(Object.entries(members).map(([index, member]) => [Number(index), member]))
  ])
);
function tableDef(name) {
  const t = tables.get(name);
  if (!t) throw new Error(`tflite-schema.json has no table ${name}`);
  return t;
}
function fieldDef(table, name) {
  const f = table.byName.get(name);
  if (!f) throw new Error(`tflite-schema.json: table ${table.name} has no field ${name}`);
  return f;
}
function enumName(name, value) {
  return enums.get(name)?.get(value);
}
function unionMember(name, index) {
  return unions.get(name)?.get(index);
}

// src/tflite/decode.ts
var MAX_KEPT_ELEMENTS = 4096;
var MAX_GRAPH_ITEMS = 1e7;
var MAX_OPTIONS_DEPTH = 8;
var VALUE_TYPES = {
  float32: { kind: "float32", bytes: 4 },
  float16: { kind: "float16", bytes: 2 },
  int32: { kind: "int32", bytes: 4 },
  int64: { kind: "int64", bytes: 8 },
  int16: { kind: "int16", bytes: 2 },
  int8: { kind: "int8", bytes: 1 },
  uint8: { kind: "uint8", bytes: 1 },
  bool: { kind: "bool", bytes: 1 }
};
function decodeTfliteSource(source, path) {
  const fb = new FlatBufferReader(source, path);
  if (fb.size < 8 || ascii(fb.bytes(4, 4)) !== FILE_IDENTIFIER) {
    throw new ModelLoadError(path, `not a TFLite flatbuffer (no ${FILE_IDENTIFIER} identifier)`);
  }
  return new Decoder(fb, path).model();
}
function ascii(bytes) {
  return String.fromCharCode(...bytes);
}
var View = class _View {
  constructor(fb, def, loc) {
    this.fb = fb;
    this.def = def;
    this.loc = loc;
  }
  fb;
  def;
  loc;
  static open(fb, def, pos, what) {
    return new _View(fb, def, fb.table(pos, what));
  }
  position(field) {
    return this.fb.field(this.loc, field.id);
  }
  has(name) {
    return this.position(fieldDef(this.def, name)) !== void 0;
  }
  /** A scalar or enum field as a number (bool as 0/1), its default when absent. */
  number(name) {
    return Number(this.scalar(fieldDef(this.def, name)));
  }
  bool(name) {
    return this.number(name) !== 0;
  }
  scalar(field) {
    const kind = scalarKind(field.type);
    const pos = this.position(field);
    if (pos === void 0) return field.default ?? 0;
    return this.fb.scalar(kind, pos);
  }
  string(name) {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    return pos === void 0 ? void 0 : this.fb.string(pos, `the string ${this.def.name}.${name}`);
  }
  /** A vector of scalars or enums, as numbers; undefined when absent. */
  numbers(name) {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    if (pos === void 0) return void 0;
    if (field.type.kind !== "vector") throw new Error(`${this.def.name}.${name} is not a vector`);
    const kind = scalarKind(field.type.element);
    const what = `the vector ${this.def.name}.${name}`;
    return this.fb.numbers(this.fb.vector(pos, SCALAR_BYTES[kind], what), kind, what);
  }
  /** A vector of tables; undefined when absent. */
  tables(name) {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    if (pos === void 0) return void 0;
    const def = tableDef(tableName(field.type.kind === "vector" ? field.type.element : field.type));
    const what = `the vector ${this.def.name}.${name}`;
    const positions = this.fb.tablePositions(this.fb.vector(pos, 4, what), what);
    return positions.map((p) => _View.open(this.fb, def, p, `a ${def.name} table`));
  }
  /** Number of elements of a vector field, without reading them (0 when absent). */
  vectorLength(name) {
    const pos = this.position(fieldDef(this.def, name));
    return pos === void 0 ? 0 : this.fb.vector(pos, 4, `the vector ${this.def.name}.${name}`).length;
  }
  table(name) {
    const field = fieldDef(this.def, name);
    const pos = this.position(field);
    if (pos === void 0) return void 0;
    const def = tableDef(tableName(field.type));
    return _View.open(
      this.fb,
      def,
      this.fb.deref(pos, `the table ${this.def.name}.${name}`),
      `a ${def.name} table`
    );
  }
  /** A union field: its member index, member table name (when the schema knows it) and table. */
  union(name) {
    const field = fieldDef(this.def, name);
    if (field.type.kind !== "union" || field.typeId === void 0) {
      throw new Error(`${this.def.name}.${name} is not a union`);
    }
    const typePos = this.fb.field(this.loc, field.typeId);
    const index = typePos === void 0 ? 0 : this.fb.u8(typePos);
    if (index === 0) return { index };
    const member = unionMember(field.type.union, index);
    const pos = this.position(field);
    if (member === void 0 || pos === void 0)
      return member === void 0 ? { index } : { index, member };
    const def = tableDef(member);
    const view = _View.open(
      this.fb,
      def,
      this.fb.deref(pos, `the table ${this.def.name}.${name}`),
      `a ${member} table`
    );
    return { index, member, view };
  }
};
function scalarKind(type) {
  if (type.kind === "scalar" || type.kind === "enum") return type.scalar;
  throw new Error(`a ${type.kind} field read as a scalar`);
}
function tableName(type) {
  if (type.kind === "table") return type.table;
  throw new Error(`a ${type.kind} field read as a table`);
}
var Decoder = class {
  constructor(fb, path) {
    this.fb = fb;
    this.path = path;
  }
  fb;
  path;
  buffers = [];
  subgraphCount = 0;
  error(problem) {
    throw new ModelLoadError(this.path, problem);
  }
  model() {
    const fb = this.fb;
    const model = View.open(fb, tableDef(ROOT_TYPE), fb.deref(0, "the root table offset"), "the model table");
    const codes = (model.tables("operator_codes") ?? []).map((c) => this.operatorCode(c));
    this.buffers = (model.tables("buffers") ?? []).map((b, i) => this.buffer(b, i));
    const subgraphViews = model.tables("subgraphs") ?? [];
    if (subgraphViews.length === 0) this.error("the model has no subgraph");
    this.subgraphCount = subgraphViews.length;
    let operators = 0;
    let tensors = 0;
    for (const s of subgraphViews) {
      operators += s.vectorLength("operators");
      tensors += s.vectorLength("tensors");
    }
    if (operators + tensors > MAX_GRAPH_ITEMS) {
      this.error(
        `the model has ${operators} operators and ${tensors} tensors; models with more than ${MAX_GRAPH_ITEMS.toLocaleString("en-US")} in all are refused`
      );
    }
    const subgraphs = subgraphViews.map((s, i) => this.subgraph(s, i, codes));
    const metadata = /* @__PURE__ */ new Map();
    for (const m of model.tables("metadata") ?? []) {
      const name = m.string("name") ?? "";
      const buffer = m.number("buffer");
      if (buffer >= this.buffers.length) {
        this.error(`metadata ${quoted(name)} uses buffer ${buffer} of ${this.buffers.length}`);
      }
      metadata.set(name, buffer);
    }
    const signatures = (model.tables("signature_defs") ?? []).map((s, i) => this.signature(s, i, subgraphs));
    return {
      path: this.path,
      version: model.number("version"),
      description: model.string("description") ?? "",
      subgraphs,
      buffers: this.buffers,
      signatures,
      metadata,
      fileBytes: fb.size,
      weightBytes: this.buffers.reduce((sum2, b) => sum2 + b.length, 0)
    };
  }
  operatorCode(c) {
    const code = Math.max(c.number("builtin_code"), c.number("deprecated_builtin_code"));
    const opcode = enumName("BuiltinOperator", code) ?? `BUILTIN_${code}`;
    const customCode = c.string("custom_code");
    const version = c.number("version");
    return customCode === void 0 ? { opcode, version } : { opcode, customCode, version };
  }
  buffer(b, index) {
    const dataPos = b.position(fieldDef(b.def, "data"));
    if (dataPos !== void 0) {
      const v = this.fb.vector(dataPos, 1, `the data of buffer ${index}`, true);
      if (v.length > 0) return { offset: v.start, length: v.length, external: false };
    }
    const offset = b.number("offset");
    const size = b.number("size");
    if (offset > 1) {
      if (offset + size > this.fb.size) {
        this.fb.fail(
          `buffer ${index} (${size} bytes outside the flatbuffer) runs past the end of the file`,
          offset
        );
      }
      return { offset, length: size, external: true };
    }
    return { length: 0, external: false };
  }
  subgraph(s, index, codes) {
    const name = s.string("name") ?? "";
    const tensors = (s.tables("tensors") ?? []).map((t, i) => this.tensor(t, i, index));
    const count = tensors.length;
    const checked = (list2, role) => {
      const out = list2 ?? [];
      for (const t of out) {
        if (t < 0 || t >= count) this.error(`subgraph ${index} ${role} tensor ${t} of ${count}`);
      }
      return out;
    };
    const inputs = checked(s.numbers("inputs"), "has the input");
    const outputs = checked(s.numbers("outputs"), "has the output");
    const operators = (s.tables("operators") ?? []).map((o, i) => this.operator(o, i, index, count, codes));
    return { index, name, tensors, inputs, outputs, operators };
  }
  tensor(t, index, subgraph) {
    const shape = t.numbers("shape") ?? [];
    const typeCode = t.number("type");
    const type = enumName("TensorType", typeCode)?.toLowerCase() ?? `type_${typeCode}`;
    const buffer = t.number("buffer");
    const name = t.string("name") ?? "";
    if (buffer >= this.buffers.length && buffer !== 0) {
      this.error(
        `tensor ${index} (${quoted(name)}) of subgraph ${subgraph} uses buffer ${buffer} of ${this.buffers.length}`
      );
    }
    const sparse = t.has("sparsity");
    const quantization = this.quantization(t.table("quantization"));
    const shapeSignature = t.numbers("shape_signature");
    const values = sparse ? void 0 : this.values(type, shape, this.buffers[buffer]);
    return {
      index,
      name,
      type,
      shape,
      ...shapeSignature ? { shapeSignature } : {},
      buffer,
      ...quantization ? { quantization } : {},
      isVariable: t.bool("is_variable"),
      sparse,
      ...values ? { values } : {}
    };
  }
  quantization(q) {
    if (!q) return void 0;
    const scale = q.numbers("scale") ?? [];
    const zeroPoint = q.numbers("zero_point") ?? [];
    const min = q.numbers("min");
    const max = q.numbers("max");
    const details = q.union("details");
    const custom = details.index === 0 ? void 0 : details.member ?? `QuantizationDetails_${details.index}`;
    const hasMin = min !== void 0 && min.length > 0;
    const hasMax = max !== void 0 && max.length > 0;
    if (scale.length === 0 && zeroPoint.length === 0 && !hasMin && !hasMax && custom === void 0)
      return void 0;
    return {
      scale,
      zeroPoint,
      axis: q.number("quantized_dimension"),
      ...hasMin ? { min } : {},
      ...hasMax ? { max } : {},
      ...custom !== void 0 ? { custom } : {}
    };
  }
  /** Values of a small constant tensor whose buffer holds exactly its elements; undefined otherwise. */
  values(type, shape, buffer) {
    const layout = VALUE_TYPES[type];
    if (!layout || !buffer || buffer.offset === void 0 || buffer.length === 0) return void 0;
    let elements = 1;
    for (const d of shape) {
      if (d < 0) return void 0;
      elements *= d;
      if (elements > MAX_KEPT_ELEMENTS) return void 0;
    }
    if (buffer.length !== elements * layout.bytes) return void 0;
    const bytes = this.fb.bytes(buffer.offset, buffer.length, "a constant tensor");
    const out = new Array(elements);
    for (let k = 0; k < elements; k++) {
      const at = k * layout.bytes;
      out[k] = layout.kind === "float16" ? halfToNumber(bytes[at] | bytes[at + 1] << 8) : Number(readScalar(layout.kind, bytes, at));
    }
    return out;
  }
  operator(o, index, subgraph, tensorCount, codes) {
    const opcodeIndex = o.number("opcode_index");
    const code = codes[opcodeIndex];
    if (!code) {
      this.error(
        `operator ${index} in subgraph ${subgraph} uses operator code ${opcodeIndex} of ${codes.length}`
      );
    }
    const where = `operator ${index} (${code.opcode}) in subgraph ${subgraph}`;
    const checked = (list2, verb) => {
      const out = list2 ?? [];
      for (const t of out) {
        if (t < -1 || t >= tensorCount) this.error(`${where} ${verb} tensor ${t} of ${tensorCount}`);
      }
      return out;
    };
    const inputs = checked(o.numbers("inputs"), "reads");
    const outputs = checked(o.numbers("outputs"), "writes");
    const intermediates = checked(o.numbers("intermediates"), "uses the intermediate");
    let union = o.union("builtin_options");
    if (union.index === 0) union = o.union("builtin_options_2");
    const optionsType = union.member;
    const options = optionsType ? decodeTable(tableDef(optionsType), union.view, 0) : {};
    if (optionsType) this.checkSubgraphRefs(options, where);
    return {
      index,
      opcode: code.opcode,
      ...code.customCode !== void 0 ? { customCode: code.customCode } : {},
      version: code.version,
      inputs,
      outputs,
      intermediates,
      ...optionsType ? { optionsType } : {},
      options
    };
  }
  /** Subgraph indices in options (WHILE, IF, CALL, CALL_ONCE, StableHLO regions) must name a subgraph. */
  checkSubgraphRefs(options, where) {
    for (const [field, value] of Object.entries(options)) {
      if (!(field === "subgraph" || field.endsWith("subgraph_index") || field === "called_computations"))
        continue;
      for (const s of Array.isArray(value) ? value : [value]) {
        if (typeof s === "number" && (s < 0 || s >= this.subgraphCount)) {
          this.error(`${where} refers to subgraph ${s} (${field}) of ${this.subgraphCount}`);
        }
      }
    }
  }
  signature(s, index, subgraphs) {
    const key = s.string("signature_key") ?? "";
    const subgraph = s.number("subgraph_index");
    const target = subgraphs[subgraph];
    if (!target)
      this.error(`signature ${index} (${quoted(key)}) uses subgraph ${subgraph} of ${subgraphs.length}`);
    const maps = (name) => (s.tables(name) ?? []).map((m) => {
      const alias = m.string("name") ?? "";
      const tensor = m.number("tensor_index");
      if (tensor >= target.tensors.length) {
        this.error(
          `signature ${index} (${quoted(key)}) maps ${quoted(alias)} to tensor ${tensor} of ${target.tensors.length} in subgraph ${subgraph}`
        );
      }
      return { name: alias, tensor };
    });
    return { key, subgraph, inputs: maps("inputs"), outputs: maps("outputs") };
  }
};
function decodeTable(def, view, depth) {
  if (depth > MAX_OPTIONS_DEPTH && view)
    view.fb.fail(`options nested deeper than ${MAX_OPTIONS_DEPTH}`, view.loc.pos);
  const out = {};
  for (const field of def.fields) {
    if (field.deprecated) continue;
    const value = decodeField(field, view, depth);
    if (value !== void 0) out[field.name] = value;
  }
  return out;
}
function decodeField(field, view, depth) {
  const type = field.type;
  if (type.kind === "scalar" || type.kind === "enum") {
    const value = view ? view.scalar(field) : field.default ?? 0;
    if (type.kind === "enum") return enumName(type.enum, Number(value)) ?? Number(value);
    return type.scalar === "bool" ? Boolean(value) : value;
  }
  const pos = view?.position(field);
  switch (type.kind) {
    case "string":
      return view && pos !== void 0 ? view.string(field.name) : "";
    case "table": {
      if (!view || pos === void 0) return void 0;
      const nested = view.table(field.name);
      return decodeTable(nested.def, nested, depth + 1);
    }
    case "union": {
      if (!view) return void 0;
      const u = view.union(field.name);
      return u.member && u.view ? { type: u.member, ...decodeTable(u.view.def, u.view, depth + 1) } : void 0;
    }
    case "struct":
      return void 0;
    // the TFLite schema has no structs
    case "vector": {
      if (!view || pos === void 0) return [];
      const element = type.element;
      if (element.kind === "scalar" || element.kind === "enum") {
        const what = `the vector ${view.def.name}.${field.name}`;
        const v = view.fb.vector(pos, SCALAR_BYTES[element.scalar], what);
        const values = view.fb.scalars(v, element.scalar, what);
        return element.kind === "enum" ? values.map((n) => enumName(element.enum, Number(n)) ?? Number(n)) : values;
      }
      if (element.kind === "string") {
        const what = `the vector ${view.def.name}.${field.name}`;
        const v = view.fb.vector(pos, 4, what);
        return Array.from({ length: v.length }, (_, k) => view.fb.string(v.start + 4 * k, what));
      }
      if (element.kind === "table")
        return (view.tables(field.name) ?? []).map((t) => decodeTable(t.def, t, depth + 1));
      return [];
    }
  }
}
function quoted(name) {
  const cut = name.length > 64 ? `${name.slice(0, 61)}...` : name;
  return JSON.stringify(cut);
}

// src/tflite/conventions.ts
var TENSOR_TYPES = {
  float32: 1 /* FLOAT */,
  float16: 10 /* FLOAT16 */,
  float64: 11 /* DOUBLE */,
  bfloat16: 16 /* BFLOAT16 */,
  int8: 3 /* INT8 */,
  uint8: 2 /* UINT8 */,
  int16: 5 /* INT16 */,
  uint16: 4 /* UINT16 */,
  int32: 6 /* INT32 */,
  uint32: 12 /* UINT32 */,
  int64: 7 /* INT64 */,
  uint64: 13 /* UINT64 */,
  bool: 9 /* BOOL */,
  string: 8 /* STRING */,
  complex64: 14 /* COMPLEX64 */,
  complex128: 15 /* COMPLEX128 */,
  int4: 22 /* INT4 */
};
function tfliteDataType(type) {
  return TENSOR_TYPES[type] ?? 0 /* UNDEFINED */;
}
var NHWC_TO_NCHW_AXIS = [0, 2, 3, 1];
var toNchw = (s) => [s[0], s[3], s[1], s[2]];
var LAYOUT_PRESERVING = /* @__PURE__ */ new Set([
  "ADD",
  "SUB",
  "MUL",
  "DIV",
  "MAXIMUM",
  "MINIMUM",
  "SQUARED_DIFFERENCE",
  "POW",
  "RELU",
  "RELU6",
  "RELU_N1_TO_1",
  "RELU_0_TO_1",
  "LEAKY_RELU",
  "PRELU",
  "ELU",
  "GELU",
  "HARD_SWISH",
  "LOGISTIC",
  "TANH",
  "EXP",
  "LOG",
  "ABS",
  "NEG",
  "SQRT",
  "RSQRT",
  "SQUARE",
  "QUANTIZE",
  "DEQUANTIZE",
  "CONCATENATION",
  "PAD",
  "PADV2",
  "MIRROR_PAD",
  "CAST",
  "SPLIT",
  "SPLIT_V",
  "SOFTMAX",
  "MEAN",
  "SUM",
  "REDUCE_MAX",
  "REDUCE_MIN",
  "REDUCE_PROD",
  "LOCAL_RESPONSE_NORMALIZATION",
  "L2_NORMALIZATION"
]);
var SPATIAL = /* @__PURE__ */ new Set([
  "CONV_2D",
  "DEPTHWISE_CONV_2D",
  "AVERAGE_POOL_2D",
  "MAX_POOL_2D",
  "L2_POOL_2D",
  "RESIZE_BILINEAR",
  "RESIZE_NEAREST_NEIGHBOR",
  "SPACE_TO_DEPTH",
  "DEPTH_TO_SPACE",
  "CUSTOM:Convolution2DTransposeBias",
  "CUSTOM:MaxPoolingWithArgmax2D",
  "CUSTOM:MaxUnpooling2D"
]);
var opKey = (op) => op.opcode === "CUSTOM" ? `CUSTOM:${op.customCode ?? ""}` : op.opcode;

// src/tflite/control-flow.ts
function staticTripCount(cond, body, initial) {
  const inputPos = new Map(cond.inputs.map((t, i) => [t, i]));
  const constOf = (sg, t) => t === void 0 || t < 0 ? void 0 : sg.tensors[t]?.values?.[0];
  let best;
  for (const op of cond.operators) {
    if (op.opcode !== "LESS" && op.opcode !== "LESS_EQUAL") continue;
    const pos = inputPos.get(op.inputs[0] ?? -1);
    if (pos === void 0) continue;
    const bound = constOf(cond, op.inputs[1]) ?? initial[inputPos.get(op.inputs[1] ?? -1) ?? -1];
    const start = initial[pos];
    const step = bodyStep(body, pos);
    if (bound === void 0 || start === void 0 || step === void 0 || step <= 0) continue;
    const n = Math.max(0, Math.ceil((bound - start + (op.opcode === "LESS_EQUAL" ? 1 : 0)) / step));
    best = best === void 0 ? n : Math.min(best, n);
  }
  return best;
}
function bodyStep(body, pos) {
  const input = body.inputs[pos];
  const output = body.outputs[pos];
  for (const op of body.operators) {
    if (op.opcode !== "ADD" || op.outputs[0] !== output) continue;
    const [a, b] = op.inputs;
    const other = a === input ? b : b === input ? a : void 0;
    const c = other === void 0 ? void 0 : body.tensors[other]?.values?.[0];
    if (c !== void 0) return c;
  }
  return void 0;
}

// src/tflite/ops.ts
function trailing(name, i, all) {
  return name !== "" || all.slice(i).some((n) => n !== "");
}
function lowerOperator(l, scope, op) {
  const key = opKey(op);
  const o = op.options;
  const inName = (i) => l.name(scope, op.inputs[i] ?? -1);
  const outName = (i) => l.name(scope, op.outputs[i] ?? -1);
  const inputs = () => op.inputs.map((t) => l.name(scope, t));
  const outputs = () => op.outputs.map((t) => l.name(scope, t));
  const int = (v) => ({ kind: "int", value: v });
  const ints = (v) => ({ kind: "ints", value: v });
  const str = (v) => ({ kind: "string", value: v });
  const num = (field, fallback) => typeof o[field] === "number" ? o[field] : fallback;
  const autoPad = () => str(o["padding"] === "VALID" ? "VALID" : "SAME_UPPER");
  const lowerUnary = (type) => l.emit(scope, op, type, [inName(0)], [outName(0)]);
  const tensorShape = (i) => l.tensor(scope, op.inputs[i] ?? -1).shape;
  switch (key) {
    case "CONV_2D":
    case "DEPTHWISE_CONV_2D": {
      const w = l.irDims(scope, op.inputs[1] ?? -1);
      const cin = tensorShape(0)[3] ?? 1;
      const group = key === "DEPTHWISE_CONV_2D" ? cin : Math.max(1, Math.round(cin / (w[1] ?? cin)));
      return l.emitActivated(scope, op, "Conv", [inName(0), inName(1), inName(2)].filter(trailing), {
        kernel_shape: ints([w[2] ?? 1, w[3] ?? 1]),
        strides: ints([num("stride_h", 1), num("stride_w", 1)]),
        dilations: ints([num("dilation_h_factor", 1), num("dilation_w_factor", 1)]),
        group: int(group),
        auto_pad: autoPad()
      });
    }
    case "TRANSPOSE_CONV":
    case "CUSTOM:Convolution2DTransposeBias": {
      const [x, w, b] = key === "TRANSPOSE_CONV" ? [2, 1, 3] : [0, 1, 2];
      const wd = l.irDims(scope, op.inputs[w] ?? -1);
      const xs = tensorShape(x);
      const ys = l.tensor(scope, op.outputs[0] ?? -1).shape;
      const stride = (a) => Math.max(1, Math.round((ys[a] ?? 1) / (xs[a] ?? 1)));
      return l.emitActivated(scope, op, "ConvTranspose", [inName(x), inName(w), inName(b)].filter(trailing), {
        kernel_shape: ints([wd[2] ?? 1, wd[3] ?? 1]),
        strides: ints([num("stride_h", stride(1)), num("stride_w", stride(2))]),
        auto_pad: autoPad()
      });
    }
    case "FULLY_CONNECTED": {
      const x = inName(0);
      const wShape = tensorShape(1);
      const k = wShape[1] ?? 1;
      const xs = l.shapes.get(x)?.shape ?? [];
      const rows = xs.reduce((a2, b) => a2 * b, 1) / k;
      let a = x;
      if (xs.length !== 2 && Number.isInteger(rows)) {
        a = l.temp(scope, x, "rows", [rows, k]);
        l.emit(scope, op, "Reshape", [x, l.constant([rows, k], 7 /* INT64 */, [2], a)], [a]);
      }
      const out = outName(0);
      const outShape = l.shapes.get(out)?.shape ?? [];
      const n = wShape[0] ?? 1;
      if (outShape.length === 2) {
        return l.emitActivated(scope, op, "Gemm", [a, inName(1), inName(2)].filter(trailing), {
          transB: int(1)
        });
      }
      const flat = l.temp(scope, out, "gemm", [rows, n]);
      const act = o["fused_activation_function"] ?? "NONE";
      const pre = act === "NONE" ? flat : l.temp(scope, out, "gemm_pre", [rows, n]);
      l.emit(scope, op, "Gemm", [a, inName(1), inName(2)].filter(trailing), [pre], { transB: int(1) });
      if (act !== "NONE") l.activation(scope, op, act, pre, flat);
      return l.emit(
        scope,
        op,
        "Reshape",
        [flat, l.constant(outShape, 7 /* INT64 */, [outShape.length], out)],
        [out]
      );
    }
    case "BATCH_MATMUL": {
      let a = inName(0);
      let b = inName(1);
      const transpose = (v, tag) => {
        const s = l.shapes.get(v)?.shape ?? [];
        const r = s.length;
        const perm = [...Array(r).keys()].map((i) => i === r - 1 ? r - 2 : i === r - 2 ? r - 1 : i);
        const t = l.temp(
          scope,
          v,
          tag,
          perm.map((p) => s[p])
        );
        l.emit(scope, op, "Transpose", [v], [t], { perm: ints(perm) });
        return t;
      };
      if (o["adj_x"] === true) a = transpose(a, "adj_x");
      if (o["adj_y"] === true) b = transpose(b, "adj_y");
      return l.emit(scope, op, "MatMul", [a, b], [outName(0)]);
    }
    case "ADD":
    case "SUB":
    case "MUL":
    case "DIV":
      return l.emitActivated(scope, op, { ADD: "Add", SUB: "Sub", MUL: "Mul", DIV: "Div" }[key], inputs());
    case "MAXIMUM":
      return l.emit(scope, op, "Max", inputs(), outputs());
    case "MINIMUM":
      return l.emit(scope, op, "Min", inputs(), outputs());
    case "POW":
      return l.emit(scope, op, "Pow", inputs(), outputs());
    case "SQUARED_DIFFERENCE": {
      const d = l.temp(scope, outName(0), "diff");
      l.emit(scope, op, "Sub", inputs(), [d]);
      return l.emit(scope, op, "Mul", [d, d], outputs());
    }
    case "AVERAGE_POOL_2D":
    case "MAX_POOL_2D":
    case "L2_POOL_2D":
    case "CUSTOM:MaxPoolingWithArgmax2D":
      return l.emitActivated(
        scope,
        op,
        key === "AVERAGE_POOL_2D" ? "AveragePool" : key === "L2_POOL_2D" ? "LpPool" : "MaxPool",
        [inName(0)],
        {
          kernel_shape: ints([num("filter_height", 2), num("filter_width", 2)]),
          strides: ints([num("stride_h", 2), num("stride_w", 2)]),
          auto_pad: autoPad()
        }
      );
    case "MEAN":
    case "SUM":
    case "REDUCE_MAX":
    case "REDUCE_MIN":
    case "REDUCE_PROD": {
      const x = op.inputs[0] ?? -1;
      const axes = (l.tensor(scope, op.inputs[1] ?? -1).values ?? []).map((a) => l.axis(scope, x, a));
      const type = {
        MEAN: "ReduceMean",
        SUM: "ReduceSum",
        REDUCE_MAX: "ReduceMax",
        REDUCE_MIN: "ReduceMin"
      }[key];
      return l.emit(scope, op, type ?? "ReduceProd", [inName(0)], [outName(0)], {
        axes: ints(axes),
        keepdims: int(o["keep_dims"] === true ? 1 : 0)
      });
    }
    case "CONCATENATION": {
      const x = op.inputs[0] ?? -1;
      return l.emitActivated(scope, op, "Concat", inputs(), {
        axis: int(l.axis(scope, x, num("axis", 0)))
      });
    }
    case "RESHAPE":
    case "SQUEEZE":
    case "EXPAND_DIMS": {
      const out = outName(0);
      const s = l.shapes.get(out)?.shape ?? [];
      return l.emit(scope, op, "Reshape", [inName(0), l.constant(s, 7 /* INT64 */, [s.length], out)], [out]);
    }
    case "SOFTMAX":
    case "LOG_SOFTMAX": {
      const x = op.inputs[0] ?? -1;
      return l.emit(scope, op, key === "SOFTMAX" ? "Softmax" : "LogSoftmax", [inName(0)], [outName(0)], {
        axis: int(l.axis(scope, x, -1))
      });
    }
    case "LOGISTIC":
      return lowerUnary("Sigmoid");
    case "TANH":
      return lowerUnary("Tanh");
    case "RELU":
      return lowerUnary("Relu");
    case "RELU6":
      return l.activation(scope, op, "RELU6", inName(0), outName(0));
    case "RELU_N1_TO_1":
      return l.activation(scope, op, "RELU_N1_TO_1", inName(0), outName(0));
    case "RELU_0_TO_1": {
      const dt = l.shapes.get(inName(0))?.dataType ?? 1 /* FLOAT */;
      const out = outName(0);
      return l.emit(
        scope,
        op,
        "Clip",
        [inName(0), l.constant([0], dt, [], out), l.constant([1], dt, [], out)],
        [out]
      );
    }
    case "HARD_SWISH":
      return lowerUnary("HardSwish");
    case "LEAKY_RELU":
      return l.emit(scope, op, "LeakyRelu", [inName(0)], [outName(0)], {
        alpha: { kind: "float", value: num("alpha", 0.2) }
      });
    case "PRELU":
      return l.emit(scope, op, "PRelu", inputs(), outputs());
    case "ELU":
      return lowerUnary("Elu");
    case "GELU":
      return lowerUnary("Gelu");
    case "EXP":
      return lowerUnary("Exp");
    case "LOG":
      return lowerUnary("Log");
    case "ABS":
      return lowerUnary("Abs");
    case "NEG":
      return lowerUnary("Neg");
    case "SQRT":
      return lowerUnary("Sqrt");
    case "RSQRT": {
      const s = l.temp(scope, outName(0), "sqrt");
      l.emit(scope, op, "Sqrt", [inName(0)], [s]);
      return l.emit(scope, op, "Reciprocal", [s], [outName(0)]);
    }
    case "SQUARE":
      return l.emit(scope, op, "Mul", [inName(0), inName(0)], [outName(0)]);
    case "FLOOR":
      return lowerUnary("Floor");
    case "CEIL":
      return lowerUnary("Ceil");
    case "ROUND":
      return lowerUnary("Round");
    case "SIN":
      return lowerUnary("Sin");
    case "COS":
      return lowerUnary("Cos");
    case "PAD":
    case "PADV2":
    case "MIRROR_PAD": {
      const x = op.inputs[0] ?? -1;
      const rank = l.tensor(scope, x).shape.length;
      const flat = l.tensor(scope, op.inputs[1] ?? -1).values;
      let pads;
      if (flat && flat.length === 2 * rank) {
        const begins = Array(rank).fill(0);
        const ends = Array(rank).fill(0);
        for (let a = 0; a < rank; a++) {
          const to = l.axis(scope, x, a);
          begins[to] = flat[2 * a];
          ends[to] = flat[2 * a + 1];
        }
        pads = [...begins, ...ends];
      }
      const out = outName(0);
      return l.emit(
        scope,
        op,
        "Pad",
        [inName(0), ...pads ? [l.constant(pads, 7 /* INT64 */, [pads.length], out)] : []],
        [out],
        key === "MIRROR_PAD" ? { mode: str("reflect") } : {}
      );
    }
    case "DENSIFY":
      return l.emit(scope, op, "Identity", [inName(0)], [outName(0)]);
    case "QUANTIZE":
      return l.emit(scope, op, "QuantizeLinear", [inName(0)], [outName(0)]);
    case "DEQUANTIZE":
      return l.emit(scope, op, "DequantizeLinear", [inName(0)], [outName(0)]);
    case "CAST":
      return l.emit(scope, op, "Cast", [inName(0)], [outName(0)]);
    case "RESIZE_BILINEAR":
    case "RESIZE_NEAREST_NEIGHBOR":
    case "CUSTOM:MaxUnpooling2D":
      return l.emit(scope, op, "Resize", [inName(0)], [outName(0)], {
        mode: str(key === "RESIZE_BILINEAR" ? "linear" : "nearest")
      });
    case "SPACE_TO_DEPTH":
    case "DEPTH_TO_SPACE":
      return l.emit(
        scope,
        op,
        key === "SPACE_TO_DEPTH" ? "SpaceToDepth" : "DepthToSpace",
        [inName(0)],
        [outName(0)]
      );
    case "TRANSPOSE": {
      const perm = l.tensor(scope, op.inputs[1] ?? -1).values;
      return l.emit(scope, op, "Transpose", [inName(0)], [outName(0)], perm ? { perm: ints(perm) } : {});
    }
    case "STRIDED_SLICE":
    case "SLICE":
      return l.emit(scope, op, "Slice", [inName(0)], [outName(0)]);
    case "SPLIT":
    case "SPLIT_V": {
      const [xi, ai] = key === "SPLIT" ? [1, 0] : [0, 2];
      const x = op.inputs[xi] ?? -1;
      const axis = l.tensor(scope, op.inputs[ai] ?? -1).values?.[0] ?? 0;
      return l.emit(scope, op, "Split", [inName(xi)], outputs(), {
        axis: int(l.axis(scope, x, axis))
      });
    }
    case "GATHER":
      return l.emit(scope, op, "Gather", [inName(0), inName(1)], [outName(0)], {
        axis: int(num("axis", 0))
      });
    case "GATHER_ND":
      return l.emit(scope, op, "GatherND", [inName(0), inName(1)], [outName(0)]);
    case "ARG_MAX":
    case "ARG_MIN":
      return l.emit(scope, op, key === "ARG_MAX" ? "ArgMax" : "ArgMin", [inName(0)], [outName(0)]);
    case "LESS":
    case "GREATER":
    case "EQUAL":
    case "LESS_EQUAL":
    case "GREATER_EQUAL":
    case "LOGICAL_AND":
    case "LOGICAL_OR":
    case "LOGICAL_NOT":
    case "SELECT":
    case "SELECT_V2": {
      const type = {
        LESS: "Less",
        GREATER: "Greater",
        EQUAL: "Equal",
        LESS_EQUAL: "LessOrEqual",
        GREATER_EQUAL: "GreaterOrEqual",
        LOGICAL_AND: "And",
        LOGICAL_OR: "Or",
        LOGICAL_NOT: "Not",
        SELECT: "Where",
        SELECT_V2: "Where"
      }[key];
      return l.emit(scope, op, type, inputs(), outputs());
    }
    case "SHAPE":
      return l.emit(scope, op, "Shape", [inName(0)], [outName(0)]);
    case "FILL":
    case "ZEROS_LIKE":
    case "ONES_LIKE":
      return l.emit(scope, op, "Expand", [inName(op.inputs.length - 1)], [outName(0)]);
    case "TILE":
      return l.emit(scope, op, "Tile", [inName(0)], [outName(0)]);
    case "BROADCAST_TO":
      return l.emit(scope, op, "Expand", [inName(0)], [outName(0)]);
    case "PACK":
      return l.emit(scope, op, "Concat", inputs(), outputs(), { axis: int(num("axis", 0)) });
    case "UNPACK":
      return l.emit(scope, op, "Split", [inName(0)], outputs(), { axis: int(num("axis", 0)) });
    case "L2_NORMALIZATION":
      return l.emit(scope, op, "LpNormalization", [inName(0)], [outName(0)], {
        axis: int(-1),
        p: int(2)
      });
    case "LOCAL_RESPONSE_NORMALIZATION":
      return l.emit(scope, op, "LRN", [inName(0)], [outName(0)], {
        size: int(2 * num("radius", 5) + 1)
      });
    case "UNIDIRECTIONAL_SEQUENCE_LSTM":
    case "LSTM":
    case "BIDIRECTIONAL_SEQUENCE_LSTM":
      return lowerLstm(l, scope, op, key);
    case "SVDF":
      return lowerSvdf(l, scope, op);
    case "WHILE":
      return l.lowerWhile(scope, op);
    case "CALL":
    case "IF":
      return l.lowerCall(scope, op, key);
    case "CALL_ONCE": {
      l.notes.push(
        `CALL_ONCE '${op.index}' runs subgraph ${String(o["init_subgraph_index"])} once, when the model is loaded: not counted per inference`
      );
      return;
    }
    default:
      return l.emit(
        scope,
        op,
        key.startsWith("CUSTOM:") ? key.slice("CUSTOM:".length) || "CUSTOM" : key,
        inputs(),
        outputs(),
        {},
        key.startsWith("CUSTOM:") ? "tflite.custom" : "tflite"
      );
  }
}
function lowerLstm(l, scope, op, key) {
  const x = l.name(scope, op.inputs[0] ?? -1);
  const xs = l.shapes.get(x)?.shape ?? [];
  const gateW = [1, 2, 3, 4].map((i) => op.inputs[i] ?? -1).filter((t) => t >= 0);
  const gateR = [5, 6, 7, 8].map((i) => op.inputs[i] ?? -1).filter((t) => t >= 0);
  const firstR = gateR[0] !== void 0 ? l.tensor(scope, gateR[0]).shape : [];
  const hidden = firstR[0] ?? 1;
  const input = xs[xs.length - 1] ?? 1;
  const dirs = key === "BIDIRECTIONAL_SEQUENCE_LSTM" ? 2 : 1;
  const bytes = (ts) => ts.reduce((s, t) => s + (l.model.buffers[l.tensor(scope, t).buffer]?.length ?? 0), 0);
  const stacked = (ts, cols, tag) => {
    const first = ts[0] === void 0 ? void 0 : l.tensor(scope, ts[0]);
    const name = l.unique(`${scope.prefix}${first?.name ?? "lstm"}:${tag}`);
    const dims = [dirs, 4 * hidden, cols];
    const dataType = tfliteDataType(first?.type ?? "float32");
    l.initializers.set(name, {
      name,
      dataType,
      dims,
      elements: dirs * 4 * hidden * cols,
      byteLength: bytes(ts)
    });
    l.shapes.set(name, { dataType, shape: dims, constant: true });
    return name;
  };
  const timeMajor = op.options["time_major"] === true;
  l.emit(
    scope,
    op,
    "LSTM",
    [x, stacked(gateW, input, "W"), stacked(gateR, hidden, "R")],
    [l.name(scope, op.outputs[0] ?? -1)],
    {
      hidden_size: { kind: "int", value: hidden },
      layout: { kind: "int", value: timeMajor || key === "LSTM" ? 0 : 1 },
      ...dirs === 2 ? { direction: { kind: "string", value: "bidirectional" } } : {}
    }
  );
}
function lowerSvdf(l, scope, op) {
  const out = l.name(scope, op.outputs[0] ?? -1);
  const feature = l.tensor(scope, op.inputs[1] ?? -1).shape;
  const batch = l.tensor(scope, op.inputs[0] ?? -1).shape[0] ?? 1;
  const projected = l.temp(scope, out, "feature", [batch, feature[0] ?? 1]);
  l.emit(
    scope,
    op,
    "Gemm",
    [l.name(scope, op.inputs[0] ?? -1), l.name(scope, op.inputs[1] ?? -1)],
    [projected],
    {
      transB: { kind: "int", value: 1 }
    }
  );
  const time = l.tensor(scope, op.inputs[2] ?? -1).shape;
  const memory = l.temp(scope, out, "memory", [batch, time[0] ?? 1, time[1] ?? 1]);
  l.emit(scope, op, "Mul", [projected, l.name(scope, op.inputs[2] ?? -1)], [memory]);
  const rest = [op.inputs[3] ?? -1].filter((t) => t >= 0).map((t) => l.name(scope, t));
  l.emit(scope, op, "ReduceSum", [memory, ...rest], [out], { axes: { kind: "ints", value: [2] } });
}

// src/tflite/lower.ts
var MAX_UNROLLED_NODES = 2e5;
function lowerTflite(model) {
  return new Lowering(model).run();
}
var Lowering = class {
  constructor(model) {
    this.model = model;
  }
  model;
  nodes = [];
  initializers = /* @__PURE__ */ new Map();
  shapes = /* @__PURE__ */ new Map();
  notes = [];
  usedNames = /* @__PURE__ */ new Set();
  constNames = /* @__PURE__ */ new Map();
  nodeNames = /* @__PURE__ */ new Set();
  namedOp;
  namedScope;
  expanding = [];
  layoutCache = /* @__PURE__ */ new Map();
  weightDimsCache = /* @__PURE__ */ new Map();
  unrollCapNoted = false;
  run() {
    const main = this.model.subgraphs[0];
    if (!main) throw new ModelLoadError(this.model.path, "the model has no subgraph");
    const scope = this.scope(main, "", /* @__PURE__ */ new Map());
    const inputs = main.inputs.filter((t) => t >= 0 && !this.isConstant(main, t)).map((t) => this.valueInfo(scope, t));
    this.expand(scope);
    const outputs = main.outputs.filter((t) => t >= 0).map((t) => this.valueInfo(scope, t));
    const valueInfo = /* @__PURE__ */ new Map();
    for (const [name, s] of this.shapes) {
      valueInfo.set(name, { name, dataType: s.dataType, shape: s.shape });
    }
    const description = this.model.description.trim();
    return {
      path: this.model.path,
      format: "tflite",
      irVersion: 0,
      opsets: /* @__PURE__ */ new Map([["", 17]]),
      producer: {
        name: description ? `TFLite (${description})` : "TFLite",
        version: `schema ${this.model.version}`
      },
      graph: {
        name: main.name || "main",
        nodes: this.nodes,
        initializers: this.initializers,
        inputs,
        outputs,
        valueInfo
      },
      functions: /* @__PURE__ */ new Set(),
      fileBytes: this.model.fileBytes,
      weightBytes: this.model.weightBytes,
      declaredShapes: this.shapes,
      readerNotes: this.notes
    };
  }
  // ---------------------------------------------------------------- scopes, names, shapes
  scope(sg, prefix, bound) {
    return {
      sg,
      names: bound,
      prefix,
      images: this.imageTensors(sg),
      weightDims: this.weightDims(sg)
    };
  }
  isConstant(sg, t) {
    const tensor = sg.tensors[t];
    return tensor !== void 0 && tensor.buffer > 0 && (this.model.buffers[tensor.buffer]?.length ?? 0) > 0;
  }
  tensor(scope, t) {
    const tensor = scope.sg.tensors[t];
    if (!tensor) throw new ModelLoadError(this.model.path, `subgraph ${scope.sg.index} has no tensor ${t}`);
    return tensor;
  }
  /** The IR name of a tensor, registering its initializer or declared shape on first use. */
  name(scope, t) {
    if (t < 0) return "";
    const known = scope.names.get(t);
    if (known !== void 0) return known;
    const tensor = this.tensor(scope, t);
    const constant = this.isConstant(scope.sg, t);
    const label = tensor.name || `tensor_${t}`;
    const constKey = `${scope.sg.index}:${t}`;
    const shared = constant ? this.constNames.get(constKey) : void 0;
    if (shared !== void 0) {
      scope.names.set(t, shared);
      return shared;
    }
    const name = this.unique(
      constant ? scope.sg.index === 0 ? label : `sg${scope.sg.index}/${label}` : `${scope.prefix}${label}`
    );
    if (constant) this.constNames.set(constKey, name);
    scope.names.set(t, name);
    const dims = this.irDims(scope, t);
    const dataType = tfliteDataType(tensor.type);
    const values = scope.images.has(t) ? void 0 : realValues(tensor);
    const quantization = irQuantization(tensor, scope.images.has(t));
    if (constant) {
      const buffer = this.model.buffers[tensor.buffer];
      const elements = dims.reduce((a, b) => a * b, 1);
      this.initializers.set(name, {
        name,
        dataType,
        dims,
        elements,
        byteLength: buffer.length,
        ...values ? { values } : {},
        ...quantization ? { quantization } : {}
      });
    }
    this.shapes.set(name, {
      dataType,
      shape: dims,
      constant,
      ...values ? { value: values } : {}
    });
    return name;
  }
  uniqueNode(base) {
    let name = base;
    for (let i = 1; this.nodeNames.has(name); i++) name = `${base}#${i}`;
    this.nodeNames.add(name);
    return name;
  }
  unique(base) {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}#${i}`;
    this.usedNames.add(name);
    return name;
  }
  irDims(scope, t) {
    const override = scope.weightDims.get(t);
    if (override) return override;
    const shape = this.tensor(scope, t).shape;
    return scope.images.has(t) && shape.length === 4 ? toNchw(shape) : shape;
  }
  valueInfo(scope, t) {
    const name = this.name(scope, t);
    const s = this.shapes.get(name);
    const quantization = irQuantization(this.tensor(scope, t), scope.images.has(t));
    return { name, dataType: s.dataType, shape: s.shape, ...quantization ? { quantization } : {} };
  }
  /** A value made by the lowering itself (the output of a Conv before its fused activation). */
  temp(scope, like, suffix, shape) {
    const name = this.unique(`${like}:${suffix}`);
    const s = this.shapes.get(like);
    if (s) this.shapes.set(name, { dataType: s.dataType, shape: shape ?? s.shape, constant: false });
    void scope;
    return name;
  }
  /** A small constant the lowering needs (Clip bounds, Reshape targets, pads). */
  constant(values, dataType, dims, hint) {
    const name = this.unique(`${hint}:const`);
    const elements = dims.reduce((a, b) => a * b, 1);
    this.initializers.set(name, { name, dataType, dims, elements, byteLength: 0, values });
    this.shapes.set(name, { dataType, shape: dims, constant: true, value: values });
    return name;
  }
  // ---------------------------------------------------------------- layout analysis
  imageTensors(sg) {
    const cached = this.layoutCache.get(sg.index);
    if (cached) return cached;
    const images = /* @__PURE__ */ new Set();
    const rank4 = (t) => t >= 0 && sg.tensors[t]?.shape.length === 4;
    const mark = (t) => {
      if (t !== void 0 && rank4(t) && !images.has(t)) {
        images.add(t);
        return true;
      }
      return false;
    };
    for (const op of sg.operators) {
      const key = opKey(op);
      if (SPATIAL.has(key)) {
        mark(op.inputs[0]);
        op.outputs.forEach(mark);
      } else if (key === "TRANSPOSE_CONV") {
        mark(op.inputs[2]);
        op.outputs.forEach(mark);
      }
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const op of sg.operators) {
        if (!LAYOUT_PRESERVING.has(opKey(op))) continue;
        const all = [...op.inputs, ...op.outputs].filter(rank4);
        if (all.some((t) => images.has(t))) for (const t of all) changed = mark(t) || changed;
      }
    }
    this.layoutCache.set(sg.index, images);
    return images;
  }
  /** Weights in the IR's layouts: Conv OIHW, depthwise [C x M, 1, kh, kw], ConvTranspose [I, O, kh, kw]. */
  weightDims(sg) {
    const cached = this.weightDimsCache.get(sg.index);
    if (cached) return cached;
    const out = /* @__PURE__ */ new Map();
    const producer = /* @__PURE__ */ new Map();
    for (const op of sg.operators) for (const t of op.outputs) producer.set(t, op);
    const set = (t, dims) => {
      if (t === void 0 || t < 0) return;
      out.set(t, dims);
      const p = producer.get(t);
      if (p && p.opcode === "DEQUANTIZE") set(p.inputs[0], dims);
    };
    for (const op of sg.operators) {
      const key = opKey(op);
      const w = op.inputs[key === "TRANSPOSE_CONV" ? 1 : 1];
      const shape = w !== void 0 && w >= 0 ? sg.tensors[w]?.shape : void 0;
      if (!shape || shape.length !== 4) continue;
      if (key === "CONV_2D") set(w, toNchw(shape));
      else if (key === "DEPTHWISE_CONV_2D") set(w, [shape[3], 1, shape[1], shape[2]]);
      else if (key === "TRANSPOSE_CONV" || key === "CUSTOM:Convolution2DTransposeBias")
        set(w, [shape[3], shape[0], shape[1], shape[2]]);
    }
    this.weightDimsCache.set(sg.index, out);
    return out;
  }
  axis(scope, t, axis) {
    const rank = this.tensor(scope, t).shape.length;
    const a = axis < 0 ? axis + rank : axis;
    return scope.images.has(t) && rank === 4 ? NHWC_TO_NCHW_AXIS[a] : a;
  }
  // ---------------------------------------------------------------- expansion
  expand(scope) {
    this.expanding.push(scope.sg.index);
    try {
      for (const op of scope.sg.operators) lowerOperator(this, scope, op);
    } finally {
      this.expanding.pop();
    }
  }
  emit = (scope, op, opType, inputs, outputs, attributes = {}, domain = "") => {
    const output = op.outputs[0] === void 0 ? void 0 : scope.names.get(op.outputs[0]);
    const base = output ?? `${scope.prefix}${opKey(op)}_${op.index}`;
    const first = this.namedOp !== op || this.namedScope !== scope;
    this.namedOp = op;
    this.namedScope = scope;
    this.nodes.push({
      name: this.uniqueNode(first ? base : `${base}/${opType}`),
      opType,
      domain,
      inputs,
      outputs,
      attributes: new Map(Object.entries(attributes)),
      sourceOp: opKey(op)
    });
  };
  /** Emits `opType` writing the op's output through its fused activation, when it has one. */
  emitActivated(scope, op, opType, inputs, attributes = {}) {
    const out = this.name(scope, op.outputs[0] ?? -1);
    const act = op.options["fused_activation_function"] ?? "NONE";
    if (act === "NONE") {
      this.emit(scope, op, opType, inputs, [out], attributes);
      return;
    }
    const pre = this.temp(scope, out, "pre");
    this.emit(scope, op, opType, inputs, [pre], attributes);
    this.activation(scope, op, act, pre, out);
  }
  activation(scope, op, act, x, out) {
    const dt = this.shapes.get(x)?.dataType ?? 1 /* FLOAT */;
    const clip = (lo, hi) => this.emit(
      scope,
      op,
      "Clip",
      [x, this.constant([lo], dt, [], out), this.constant([hi], dt, [], out)],
      [out]
    );
    switch (act) {
      case "RELU":
        return this.emit(scope, op, "Relu", [x], [out]);
      case "RELU6":
        return clip(0, 6);
      case "RELU_N1_TO_1":
        return clip(-1, 1);
      case "TANH":
        return this.emit(scope, op, "Tanh", [x], [out]);
      default:
        return this.emit(scope, op, "Sign", [x], [out]);
    }
  }
  subgraph(scope, op, field) {
    const index = op.options[field];
    if (typeof index !== "number") return void 0;
    const sg = this.model.subgraphs[index];
    if (!sg)
      throw new ModelLoadError(
        this.model.path,
        `${opKey(op)} operator ${op.index} names subgraph ${index}, which does not exist`
      );
    if (this.expanding.includes(index)) {
      this.notes.push(
        `${opKey(op)} in subgraph ${scope.sg.index} calls subgraph ${index}, which is already being expanded (recursion): not expanded, counted as one 'others' kernel`
      );
      return void 0;
    }
    return sg;
  }
  /** Binds a body's inputs to the caller's values and expands it; returns the IR names of its outputs. */
  inline(scope, body, args, prefix) {
    const bound = /* @__PURE__ */ new Map();
    body.inputs.forEach((t, i) => {
      const arg = args[i];
      if (arg !== void 0 && arg !== "") bound.set(t, arg);
    });
    const inner = this.scope(body, prefix, bound);
    this.expand(inner);
    return body.outputs.map((t) => this.name(inner, t));
  }
  /** Makes each of the op's outputs an alias (Identity) of a body's result. */
  bindOutputs(scope, op, results) {
    op.outputs.forEach((t, i) => {
      const r = results[i];
      if (t < 0 || r === void 0) return;
      this.emit(scope, op, "Identity", [r], [this.name(scope, t)]);
    });
  }
  opaque(scope, op) {
    this.emit(
      scope,
      op,
      opKey(op),
      op.inputs.map((t) => this.name(scope, t)),
      op.outputs.map((t) => this.name(scope, t)),
      {},
      "tflite"
    );
  }
  lowerCall(scope, op, key) {
    const args = op.inputs.map((t) => this.name(scope, t));
    if (key === "CALL") {
      const body = this.subgraph(scope, op, "subgraph");
      if (!body) return this.opaque(scope, op);
      return this.bindOutputs(scope, op, this.inline(scope, body, args, `${scope.prefix}call${op.index}/`));
    }
    const then = this.subgraph(scope, op, "then_subgraph_index");
    const otherwise = this.subgraph(scope, op, "else_subgraph_index");
    const branch = [then, otherwise].filter((b) => b !== void 0).sort((a, b) => b.operators.length - a.operators.length)[0];
    if (!branch) return this.opaque(scope, op);
    this.notes.push(
      `IF operator ${op.index}: the larger branch (subgraph ${branch.index}, ${branch.operators.length} ops) is counted`
    );
    this.bindOutputs(scope, op, this.inline(scope, branch, args.slice(1), `${scope.prefix}if${op.index}/`));
  }
  lowerWhile(scope, op) {
    const body = this.subgraph(scope, op, "body_subgraph_index");
    const cond = this.subgraph(scope, op, "cond_subgraph_index");
    if (!body) return this.opaque(scope, op);
    const initial = op.inputs.map((t) => t >= 0 ? this.tensor(scope, t).values?.[0] : void 0);
    const trips = cond ? staticTripCount(cond, body, initial) : void 0;
    const label = `WHILE operator ${op.index} (body subgraph ${body.index}, ${body.operators.length} ops)`;
    let count = trips ?? 1;
    if (trips === void 0)
      this.notes.push(`${label}: its trip count is not static; the body is counted once per inference`);
    const budget = Math.max(
      1,
      Math.floor((MAX_UNROLLED_NODES - this.nodes.length) / Math.max(1, body.operators.length))
    );
    if (count > budget) {
      if (!this.unrollCapNoted)
        this.notes.push(
          `${label}: ${count} trips exceed the ${MAX_UNROLLED_NODES.toLocaleString("en-US")}-node unrolling limit; ${budget} are counted`
        );
      this.unrollCapNoted = true;
      count = budget;
    } else if (trips !== void 0) {
      this.notes.push(`${label}: unrolled ${trips} times (a static trip count)`);
    }
    let values = op.inputs.map((t) => this.name(scope, t));
    for (let i = 0; i < count; i++) {
      values = this.inline(scope, body, values, `${scope.prefix}while${op.index}/iter${i}/`);
    }
    this.bindOutputs(scope, op, values);
  }
};
function realValues(tensor) {
  const q = tensor.quantization;
  if (!tensor.values || !q || q.scale.length === 0) return tensor.values;
  if (q.scale.length !== 1) return void 0;
  const scale = q.scale[0];
  const zero = q.zeroPoint[0] ?? 0;
  return tensor.values.map((v) => scale * (v - zero));
}
function irQuantization(tensor, image) {
  const q = tensor.quantization;
  if (!q || q.scale.length === 0) return void 0;
  const rank = tensor.shape.length;
  const axis = image && rank === 4 ? NHWC_TO_NCHW_AXIS[q.axis] : q.axis;
  return { scale: q.scale, zeroPoint: q.zeroPoint, ...q.scale.length > 1 ? { axis } : {} };
}

// src/analysis/read.ts
var READERS = [
  {
    format: "tflite",
    sniff: (head) => ascii2(head, 4, 8) === "TFL3",
    read: (source, path) => lowerTflite(decodeTfliteSource(source, path))
  },
  // ONNX has no magic number: it is the protobuf every other sniff leaves.
  { format: "onnx", sniff: () => true, read: (source, path) => decodeModelSource(source, path) }
];
function readModelFile(path) {
  return readFileSource(path, (source) => readSource(source, path));
}
function readModelBuffer(bytes, path) {
  return readSource(bufferSource(inflateModel(bytes, path)), path);
}
function sniffFormat(head, path) {
  const unsupported = unsupportedFormat(head, path);
  if (unsupported) throw new ModelLoadError(path, unsupported);
  return READERS.find((r) => r.sniff(head)).format;
}
function readSource(source, path) {
  if (source.size === 0) throw new ModelLoadError(path, "the file is empty");
  const head = source.read(0, Math.min(512, source.size));
  const format = sniffFormat(head, path);
  return READERS.find((r) => r.format === format).read(source, path);
}
var SUPPORTED = "model-energy reads ONNX (.onnx) and TFLite/LiteRT (.tflite) files, plain or gzip-compressed";
function unsupportedFormat(head, path) {
  const text = ascii2(head, 0, head.length);
  const name = basename(path).toLowerCase().replace(/\.gz$/, "");
  if (text.startsWith("version https://git-lfs.github.com/spec/"))
    return "this is a Git LFS pointer, not the model: fetch LFS objects (actions/checkout with `lfs: true`, or `git lfs pull`)";
  const torch = `export it with torch.onnx.export (or to TFLite with ai-edge-torch); ${SUPPORTED}`;
  const keras = `convert it with tf.lite.TFLiteConverter.from_keras_model (or to ONNX with tf2onnx); ${SUPPORTED}`;
  if (text.startsWith("PK")) {
    if (name.endsWith(".keras") || text.includes("config.json") || text.includes("metadata.json"))
      return `this is a Keras .keras archive: ${keras}`;
    if (name.endsWith(".mlpackage") || text.includes("Manifest.json"))
      return `this is a Core ML package: ${SUPPORTED}; convert the source model instead`;
    return `this is a zip archive (a PyTorch .pt/.pth checkpoint or TorchScript file, by its layout): ${torch}`;
  }
  if (head[0] === 128 && head[1] !== void 0 && head[1] >= 2 && head[1] <= 5)
    return `this is a Python pickle (a legacy PyTorch checkpoint): ${torch}`;
  if (text.startsWith("\x89HDF\r\n\n")) return `this is a Keras HDF5 (.h5) model: ${keras}`;
  if (/^ET\d\d$/.test(ascii2(head, 4, 8)))
    return `this is an ExecuTorch program (.pte): export the PyTorch model with torch.onnx.export instead; ${SUPPORTED}`;
  if (name.endsWith(".pb") || name.endsWith(".pbtxt"))
    return `this is a TensorFlow SavedModel/GraphDef (.pb): convert it with tf.lite.TFLiteConverter.from_saved_model (or tf2onnx); ${SUPPORTED}`;
  if (name.endsWith(".mlmodel"))
    return `this is a Core ML model (.mlmodel): ${SUPPORTED}; convert the source model instead (coremltools does not export ONNX)`;
  if (/^[\s{[<#a-zA-Z]/.test(text) && /^[\t\n\r\x20-\x7e]*$/.test(text))
    return `this is a text file, not a model; ${SUPPORTED}`;
  return void 0;
}
function ascii2(bytes, start, end) {
  return Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString("latin1");
}

// src/analysis/analyze.ts
async function analyzeFile(path, options = {}) {
  const model = readModelFile(path);
  return analyzeModel(model, options, () => readModelBytes(path));
}
async function analyzeBytes(bytes, path, options = {}) {
  const model = readModelBuffer(bytes, path);
  return analyzeModel(model, options, () => inflateModel(bytes, path));
}
async function analyzeModel(source, options, bytes) {
  const model = normaliseQuantizedOps(source);
  const index = indexGraph(model.graph, model.path);
  let shapes = model.declaredShapes ? declaredShapeResult(model, index) : inferShapes(model, index, options.dims ? { dims: options.dims } : {});
  if (shapes.unresolved.length > 0 && options.runtimeFallback !== false && model.format === "onnx") {
    shapes = await resolveShapesAtRuntime(model, bytes(), shapes);
  }
  const detection = detectKernels(model, index, shapes);
  let params = 0;
  for (const t of model.graph.initializers.values()) params += t.elements;
  const totals = {
    macs: sum(detection.kernels, (k) => k.macs),
    flops: sum(detection.kernels, (k) => k.flops),
    params,
    bytes: sum(detection.kernels, (k) => k.bytes),
    kernels: detection.kernels.length
  };
  return {
    model: {
      path: model.path,
      format: model.format,
      opset: model.format === "onnx" ? model.opsets.get("") ?? 0 : 0,
      irVersion: model.irVersion,
      producer: [model.producer.name, model.producer.version].filter(Boolean).join(" "),
      fileBytes: model.fileBytes,
      weightBytes: model.weightBytes
    },
    shapesDecidedBy: shapes.decidedBy,
    boundDims: shapes.boundDims,
    defaultedDims: defaultedDims(model, options.dims),
    totals,
    precision: modelPrecision(detection.kernels),
    kernels: detection.kernels,
    folded: detection.folded,
    warnings: [...model.readerNotes ?? [], ...shapes.warnings, ...detection.warnings]
  };
}
function defaultedDims(model, given) {
  const out = [];
  for (const input of model.graph.inputs) {
    if (input.nonTensor || !input.shape) continue;
    const declared = `[${input.shape.map((d) => typeof d === "string" && d.startsWith("?") ? "?" : d).join(", ")}]`;
    input.shape.forEach((d, axis) => {
      if (typeof d === "string" && given?.[d] === void 0)
        out.push({ name: d, input: input.name, axis, declared });
    });
  }
  return out;
}
function sizeDimsDefaulted(defaulted) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const d of defaulted) {
    if (d.axis === 0 || seen.has(d.name)) continue;
    seen.add(d.name);
    out.push(d);
  }
  return out;
}
function unusedDims(dims, analysis) {
  const unused = Object.keys(dims ?? {}).filter((d) => !(d in analysis.boundDims));
  const named = Object.keys(analysis.boundDims).filter((d) => !d.startsWith("?"));
  const has = named.length > 0 ? `its symbolic dims are ${named.join(", ")}` : "it has no named symbolic dims (its input shapes are static)";
  return { unused, has };
}
function readModelBytes(path) {
  let raw;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new ModelLoadError(
      path,
      `cannot read the file (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error
      }
    );
  }
  return inflateModel(raw, path);
}
function sum(xs, f) {
  let s = 0;
  for (const x of xs) s += f(x);
  return s;
}

export {
  readModelBuffer,
  analyzeFile,
  analyzeBytes,
  sizeDimsDefaulted,
  unusedDims
};
