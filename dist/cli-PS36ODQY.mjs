import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  unusedDimWarnings
} from "./cli-3ODKRRM3.mjs";
import {
  EXTRAPOLATION_MARGIN,
  predictTargets,
  selectRunBundles
} from "./cli-Q4FRL2OG.mjs";
import "./cli-IMOGGF4K.mjs";
import {
  analyzeFile
} from "./cli-ON5MEWB4.mjs";
import {
  describePrecision
} from "./cli-CWVU76GI.mjs";
import "./cli-TD4PF7EO.mjs";
import "./cli-RJEMN5YO.mjs";
import "./cli-F4FCAN3U.mjs";
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

// src/cli/predict.ts
var PREDICTION_SCHEMA_VERSION = 1;
function targetJson(p) {
  return {
    bundle: p.bundle,
    device: p.device,
    processor: p.processor,
    kind: p.kind,
    energyMj: p.energyMj ?? null,
    energyRangeMj: p.energyRangeMj ?? null,
    energyRangeEffectiveKernels: p.energyRangeEffectiveKernels ?? null,
    latencyMs: p.latencyMs ?? null,
    latencyRangeMs: p.latencyRangeMs ?? null,
    powerW: p.powerW ?? null,
    coverage: p.coverage,
    kernels: p.kernels.map((k) => ({
      name: k.name,
      type: k.type,
      energyMj: k.energyMj ?? null,
      latencyMs: k.latencyMs ?? null,
      fallback: k.fallback,
      extrapolated: k.extrapolated ?? []
    }))
  };
}
function registerPredict(program, run) {
  program.command("predict").description(
    "predict energy (mJ per inference), latency and power of each model on each target device x processor: totals in the table, per kernel with --json"
  ).argument("<files...>", "ONNX model files").addOption(sharedOption.device("device id(s), comma-separated, or all (default: all)")).addOption(sharedOption.processor("cpu, gpu, cpu,gpu or all (default: all)")).addOption(
    sharedOption.predictors("a folder of bundles (e.g. from `train`) that add to or replace the defaults")
  ).addOption(sharedOption.dim("value for a symbolic input dim (repeatable)")).option("--json", "print the versioned JSON document, with the prediction of every kernel").action(async (files, flags) => {
    const bundles = selectRunBundles(
      {
        ...flags.device ? { devices: flags.device } : {},
        ...flags.processor ? { processors: flags.processor } : {},
        ...flags.predictors ? { extra: flags.predictors } : {},
        origin: "--device",
        onWarning: (warning) => run.io.stderr(`warning: ${warning}
`)
      },
      flags.device || flags.processor ? `from ${[flags.device ? "--device" : "", flags.processor ? "--processor" : ""].filter(Boolean).join(" and ")}` : "every bundle"
    );
    const { width } = styleOf(run.io);
    const models = [];
    const text = [];
    const errors = [];
    for (const file of files) {
      try {
        const analysis = await analyzeFile(file, flags.dim ? { dims: flags.dim } : {});
        const predictions = await predictTargets(bundles, analysis.kernels);
        models.push({
          model: file,
          format: analysis.model.format,
          precision: analysis.precision,
          targets: predictions.map(targetJson),
          warnings: analysis.warnings
        });
        text.push(renderPredictionText(file, analysis, predictions, width));
        for (const w of unusedDimWarnings(file, flags.dim, analysis)) run.io.stderr(`warning: ${w}
`);
        for (const w of analysis.warnings) run.io.stderr(`warning: ${file}: ${w}
`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        run.io.stderr(`error: ${messageOf(error)}
`);
        errors.push({ model: file, message: messageOf(error) });
        run.fail(EXIT_FAILURE);
      }
    }
    if (flags.json) {
      const failed = errors.length > 0 ? { errors } : {};
      const doc = files.length === 1 && models[0] ? {
        schemaVersion: PREDICTION_SCHEMA_VERSION,
        kind: "prediction",
        ...models[0],
        models,
        ...failed
      } : { schemaVersion: PREDICTION_SCHEMA_VERSION, kind: "prediction", models, ...failed };
      run.io.stdout(`${JSON.stringify(doc, null, 2)}
`);
    } else if (text.length > 0) {
      const note = wrap(sourceNote(bundles, flags.predictors), width).join("\n");
      run.io.stdout(`${text.join("\n\n")}

${note}
`);
    }
  });
}
function sourceNote(bundles, predictors) {
  const ids = (kind) => bundles.filter((b) => b.manifest.provenance.kind === kind).map((b) => b.manifest.id);
  const groups = [
    [ids("trained"), "is trained on measured kernels", "are trained on measured kernels"],
    [
      ids("transfer"),
      "is a calibrated transfer of a trained bundle",
      "are calibrated transfers of trained bundles"
    ],
    [ids("external"), "comes from an external predictor", "come from external predictors"]
  ];
  const present = groups.filter(([list]) => list.length > 0);
  const parts = present.map(([list, one, many], i) => {
    const who = list.length <= 3 ? list.join(", ") : i === present.length - 1 && present.length > 1 ? `the other ${list.length} targets` : `${list.length} targets`;
    return `${who} ${list.length === 1 ? one : many}`;
  });
  const deepen = bundles.some(
    (b) => `${b.manifest.provenance.data.description} ${b.manifest.provenance.data.attribution ?? ""}`.includes(
      "DeepEn2023"
    )
  );
  return `Predictions: sums of per-kernel regressors${deepen ? " after DeepEn2023 (Tu et al., ACM/IEEE SEC 2023)" : ""}; ${parts.join("; ")}. Accuracy per bundle: model-energy devices${predictors !== void 0 ? ` --predictors ${predictors}` : ""}`;
}
function predictionColumns(beyond) {
  const fmt = (x, digits = 1) => x === void 0 ? "-" : x.toFixed(digits);
  const pct = (value) => value < 5e-4 ? "<0.1%" : `${(value * 100).toFixed(1)}%`;
  const share = (value, types) => value > 0 ? `${pct(value)}${types ? ` (${types.join(", ")})` : ""}` : "0%";
  const beyondColumn = {
    header: "beyond training data",
    value: (p) => share(p.coverage.extrapolatedShare),
    optional: 4
  };
  return [
    { header: "target", value: (p) => p.bundle, min: 22, shrink: 2 },
    { header: "bundle", value: (p) => p.kind, optional: 2 },
    { header: "energy mJ", align: "r", value: (p) => p.energyMj === void 0 ? "-" : fmt(p.energyMj, 2) },
    {
      header: "range mJ",
      align: "r",
      value: (p) => p.energyRangeMj ? `${fmt(p.energyRangeMj[0], 2)}\u2013${fmt(p.energyRangeMj[1], 2)}` : "-"
    },
    { header: "latency ms", align: "r", value: (p) => fmt(p.latencyMs, 2), optional: 3 },
    { header: "power W", align: "r", value: (p) => fmt(p.powerW, 2), optional: 1 },
    {
      header: "priced by fallback",
      value: (p) => share(p.coverage.fallbackShare, p.coverage.fallbackTypes),
      min: 18,
      shrink: 1
    },
    ...beyond ? [beyondColumn] : []
  ];
}
function renderPredictionText(file, analysis, predictions, width) {
  const kernels = analysis.totals.kernels;
  const beyond = predictions.some((p) => p.coverage.extrapolatedShare > 0);
  const lines = [
    ...wrap(
      `${file}: ${compact(kernels)} kernels, precision ${describePrecision(analysis.precision)}`,
      width
    ),
    renderTable(predictionColumns(beyond), predictions, width)
  ];
  if (beyond) {
    const types = [...new Set(predictions.flatMap((p) => p.coverage.extrapolatedTypes))].sort();
    const margin = Math.round((EXTRAPOLATION_MARGIN - 1) * 100);
    lines.push(
      ...wrap(
        `Beyond training data: ${types.join(", ")} kernels more than ${margin}% outside the sizes (FLOPs, bytes) their regressor was trained on; their prices are extrapolated.`,
        width
      )
    );
  }
  const unpublished = predictions.filter((p) => (p.coverage.unpublishedPrecisionShare ?? 0) > 0);
  if (unpublished.length > 0) {
    const which = [...new Set(unpublished.flatMap((p) => p.coverage.unpublishedPrecisions ?? []))].join(", ");
    lines.push(
      ...wrap(
        `No energy factor was published for ${which} kernels on ${unpublished.length === predictions.length ? "these targets" : unpublished.map((p) => p.bundle).join(", ")}: they are priced as fp32, with the range widened to DeepEn2023's published INT8/FP32 ratios.`,
        width
      )
    );
  }
  return lines.join("\n");
}
export {
  PREDICTION_SCHEMA_VERSION,
  registerPredict,
  sourceNote,
  targetJson
};
