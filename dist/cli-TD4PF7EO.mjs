import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  loadBundles
} from "./cli-RJEMN5YO.mjs";
import {
  PredictorError,
  editDistance
} from "./cli-F4FCAN3U.mjs";

// src/compare/bundles.ts
import { existsSync } from "node:fs";
import { join } from "node:path";

// src/config/suggest.ts
function closestMatch(word, candidates) {
  const lower = word.toLowerCase();
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const plausible = lower.length > 3 || other.startsWith(lower) || lower.startsWith(other);
    if (!plausible) continue;
    const distance = editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return best !== void 0 && bestDistance <= allowed ? best : void 0;
}
function didYouMean(word, candidates) {
  const match = closestMatch(word, candidates);
  return match === void 0 ? "" : ` (did you mean "${match}"?)`;
}

// src/compare/bundles.ts
function defaultPredictorsDir() {
  const here = import.meta.dirname;
  for (const candidate of [join(here, "..", "predictors"), join(here, "..", "..", "predictors")]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new PredictorError(
    "the default predictor bundles are missing (expected a predictors/ folder beside the code)",
    { file: join(here, "..", "predictors") }
  );
}
var UnknownDeviceError = class extends PredictorError {
  constructor(unknownDevices, knownDevices2, problem, file) {
    super(problem, { file });
    this.unknownDevices = unknownDevices;
    this.knownDevices = knownDevices2;
  }
  unknownDevices;
  knownDevices;
};
function selectBundles(selection = {}) {
  const byId = /* @__PURE__ */ new Map();
  if (!selection.noDefaults) for (const b of loadBundles(defaultPredictorsDir())) byId.set(b.manifest.id, b);
  if (selection.extra) {
    const options = selection.onWarning ? { onWarning: selection.onWarning } : {};
    for (const b of loadBundles(selection.extra, options)) byId.set(b.manifest.id, b);
  }
  const all = [...byId.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  const devices = selection.devices;
  if (devices && devices !== "all") {
    const known = [...new Set(all.map((b) => b.manifest.device))].sort();
    const unknown = devices.filter((d) => !known.includes(d));
    if (unknown.length > 0) {
      throw new UnknownDeviceError(
        unknown,
        known,
        unknownDevicesProblem(unknown, known, all),
        selection.origin ?? selection.extra ?? defaultPredictorsDir()
      );
    }
  }
  return all.filter(
    (b) => (!devices || devices === "all" || devices.includes(b.manifest.device)) && (!selection.processors || selection.processors.includes(b.manifest.processor))
  );
}
function knownDevices(extra) {
  return [...new Set(selectBundles(extra ? { extra } : {}).map((b) => b.manifest.device))].sort();
}
function unknownDevicesProblem(unknown, known, bundles) {
  const described = unknown.map((id) => {
    const bundle = bundles.find((b) => b.manifest.id === id);
    if (bundle) {
      const { device, processor } = bundle.manifest;
      return `${id} (${id} is a bundle id: device ${device}, processor ${processor})`;
    }
    return `${id}${didYouMean(id, known)}`;
  });
  return `unknown device${unknown.length > 1 ? "s" : ""} ${described.join(", ")}; known devices: ${known.join(", ")}`;
}

export {
  didYouMean,
  defaultPredictorsDir,
  UnknownDeviceError,
  selectBundles,
  knownDevices
};
