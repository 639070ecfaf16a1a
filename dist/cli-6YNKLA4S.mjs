import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  accuracyText,
  provenanceOf
} from "./cli-2KIUKQVC.mjs";
import {
  deviceInfo
} from "./cli-IIWZN5ZH.mjs";
import {
  defaultPredictorsDir,
  selectBundles
} from "./cli-TD4PF7EO.mjs";
import "./cli-RJEMN5YO.mjs";
import "./cli-F4FCAN3U.mjs";
import {
  renderTable,
  wrap
} from "./cli-7M2ORSNP.mjs";
import {
  sharedOption,
  styleOf
} from "./cli-M3NVEZ4U.mjs";
import "./cli-GX3RAGJV.mjs";
import "./cli-FW42YN46.mjs";
import "./cli-NVOR74CK.mjs";

// src/cli/devices.ts
import { dirname, resolve } from "node:path";
var HOW = { "calibrated-transfer": "transfer" };
function registerDevices(program, run) {
  program.command("devices").description(
    "list the predictor bundles (device x processor) with where their numbers come from and how accurate they are"
  ).addOption(sharedOption.predictors("also list the bundles in this folder")).option("--json", "print JSON").action((flags) => {
    const bundles = selectBundles({
      ...flags.predictors ? { extra: flags.predictors } : {},
      onWarning: (warning) => run.io.stderr(`warning: ${warning}
`)
    });
    const defaults = resolve(defaultPredictorsDir());
    const entries = bundles.map((b) => {
      const m = b.manifest;
      const builtIn = resolve(dirname(b.dir)) === defaults;
      const device = deviceInfo(m.device);
      return {
        id: m.id,
        device: m.device,
        deviceName: m.deviceName ?? device?.name ?? m.device,
        soc: device?.soc ?? null,
        processor: m.processor,
        runtime: m.runtime,
        threads: m.threads,
        targets: m.targets,
        kernelTypes: Object.keys(m.kernels),
        provenance: provenanceOf(b),
        dir: b.dir,
        origin: builtIn ? "default" : "predictors"
      };
    });
    if (flags.json) {
      run.io.stdout(
        `${JSON.stringify({ schemaVersion: 1, kind: "devices", bundles: entries }, null, 2)}
`
      );
      return;
    }
    const { width } = styleOf(run.io);
    const columns = [
      { header: "bundle", value: (e) => e.id, min: 12, shrink: 2 },
      {
        header: "device",
        value: (e) => `${e.deviceName}${e.soc ? ` (${e.soc})` : ""}`,
        min: 12,
        shrink: 3
      },
      { header: "proc", value: (e) => e.processor },
      { header: "how", value: (e) => HOW[e.provenance.method] ?? e.provenance.method },
      { header: "from", value: (e) => e.origin === "default" ? "default" : e.dir, min: 7, shrink: 4 }
    ];
    const lines = [
      renderTable(columns, entries, width),
      ...wrap(
        "how: trained = fitted on the device's measured kernels; transfer = a trained bundle calibrated to this device and processor; external = brought with its own manifest",
        width,
        "  "
      ),
      ""
    ];
    for (const e of entries) {
      lines.push(...wrap(`${e.id}: ${e.provenance.source}`, width, "    "));
      lines.push(...wrap(`    known accuracy: ${accuracyText(e.provenance.accuracy)}`, width, "    "));
    }
    run.io.stdout(`${lines.join("\n")}
`);
  });
}
export {
  registerDevices
};
