import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  unusedDimWarnings
} from "./cli-3ODKRRM3.mjs";
import {
  analyzeFile
} from "./cli-ON5MEWB4.mjs";
import {
  describePrecision
} from "./cli-CWVU76GI.mjs";
import {
  compact,
  renderTable,
  wrap
} from "./cli-7M2ORSNP.mjs";
import {
  EXIT_FAILURE,
  UserError,
  messageOf,
  sharedOption,
  styleOf
} from "./cli-M3NVEZ4U.mjs";
import "./cli-GX3RAGJV.mjs";
import "./cli-FW42YN46.mjs";
import "./cli-NVOR74CK.mjs";

// src/analysis/document.ts
var ANALYSIS_SCHEMA_VERSION = 1;
function analysisDocument(a) {
  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    kind: "analysis",
    model: a.model,
    shapes: { decidedBy: a.shapesDecidedBy, dims: a.boundDims },
    totals: a.totals,
    precision: a.precision,
    kernels: a.kernels.map((k) => ({
      name: k.name,
      type: k.type,
      variant: k.variant,
      nodes: k.nodes,
      opTypes: k.opTypes,
      inputShapes: k.inputShapes,
      outputShapes: k.outputShapes,
      config: k.config,
      features: k.features,
      macs: k.macs,
      flops: k.flops,
      params: k.params,
      bytes: k.bytes,
      precision: k.precision
    })),
    folded: a.folded,
    warnings: a.warnings
  };
}

// src/report/analysis-text.ts
var KERNEL_COLUMNS = [
  { header: "kernel", value: (k) => k.name, min: 12, shrink: 3 },
  { header: "type", value: (k) => k.type },
  { header: "variant", value: (k) => variantText(k.variant), optional: 1 },
  { header: "precision", value: (k) => k.precision, optional: 4 },
  {
    header: "output",
    value: (k) => k.outputShapes.map((s) => s.join("x")).join(" "),
    min: 12,
    shrink: 1,
    optional: 2
  },
  { header: "MACs", align: "r", value: (k) => compact(k.macs) },
  { header: "FLOPs", align: "r", value: (k) => compact(k.flops), optional: 3 },
  { header: "params", align: "r", value: (k) => compact(k.params) },
  { header: "bytes", align: "r", value: (k) => compact(k.bytes, "B") }
];
function renderAnalysisText(a, width = 80) {
  const t = a.totals;
  const lines = [
    ...wrap(
      `${a.model.path}  (${a.model.format === "onnx" ? `ONNX opset ${a.model.opset}` : "TFLite"}, ${a.model.producer || "unknown producer"}, shapes: ${a.model.format === "tflite" ? "declared" : a.shapesDecidedBy}, precision: ${describePrecision(a.precision)})`,
      width,
      "  "
    ),
    "",
    renderTable(KERNEL_COLUMNS, a.kernels, width),
    "",
    ...wrap(
      `total: ${count(t.kernels, "kernel")}, ${compact(t.macs)} MACs, ${compact(t.flops)} FLOPs, ${compact(t.params)} params, ${compact(t.bytes, "B")} memory traffic; ${count(a.folded.length, "node")} folded`,
      width,
      "  "
    )
  ];
  const dims = Object.entries(a.boundDims);
  if (dims.length > 0)
    lines.push(...wrap(`dims: ${dims.map(([k, v]) => `${k}=${v}`).join(", ")}`, width, "  "));
  for (const w of a.warnings) lines.push(...wrap(`warning: ${w}`, width, "  "));
  return lines.join("\n");
}
function count(n, noun) {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
function variantText(v) {
  const parts = [];
  if (v.activation && v.activation !== "none") parts.push(v.activation);
  if (v.bn && v.bn !== "none") parts.push(`bn:${v.bn}`);
  if (v.bias) parts.push("bias");
  if (v.note) parts.push(v.note);
  return parts.join(",");
}

// src/cli/analyze.ts
function registerAnalyze(program, run) {
  program.command("analyze").description(
    "split ONNX models into fused kernels with their DeepEn2023 features, MACs, FLOPs, params and bytes"
  ).argument("<files...>", "ONNX model files (.onnx, or gzip-compressed)").option("--json", "print the versioned JSON document instead of a table").addOption(sharedOption.dim("value for a symbolic input dim (repeatable), e.g. batch=4")).action(async (files, opts) => {
    const results = [];
    const errors = [];
    for (const file of files) {
      try {
        const analysis = await analyzeFile(file, opts.dim ? { dims: opts.dim } : {});
        for (const w of unusedDimWarnings(file, opts.dim, analysis)) run.io.stderr(`warning: ${w}
`);
        results.push(analysis);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        run.io.stderr(`error: ${messageOf(error)}
`);
        errors.push({ model: file, message: messageOf(error) });
        run.fail(EXIT_FAILURE);
      }
    }
    if (opts.json) {
      const docs = results.map(analysisDocument);
      const out = files.length === 1 ? docs[0] : {
        schemaVersion: ANALYSIS_SCHEMA_VERSION,
        kind: "analysis-set",
        documents: docs,
        ...errors.length > 0 ? { errors } : {}
      };
      if (out) run.io.stdout(`${JSON.stringify(out, null, 2)}
`);
    } else if (results.length > 0) {
      run.io.stdout(`${results.map((a) => renderAnalysisText(a, styleOf(run.io).width)).join("\n\n")}
`);
    }
  });
}
export {
  registerAnalyze
};
