import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  VERSION
} from "./cli-DRQHGVJ4.mjs";
import {
  Command,
  CommanderError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
  UserError,
  fileSystemMessage,
  messageOf,
  terminalOf
} from "./cli-M3NVEZ4U.mjs";
import "./cli-NVOR74CK.mjs";

// src/cli/examples.ts
var CLI_EXAMPLES = {
  analyze: [
    {
      command: "model-energy analyze examples/mobilenet_v2.onnx.gz",
      what: "kernels, MACs, FLOPs, params, bytes"
    },
    {
      command: "model-energy analyze examples/mobilenet_v2.onnx.gz --dim batch=4 --json",
      what: "a symbolic dim bound, as JSON"
    }
  ],
  predict: [
    {
      command: "model-energy predict examples/mobilenet_v2.onnx.gz --device huawei-p40-pro --processor cpu",
      what: "energy, latency and power on one target"
    }
  ],
  compare: [
    {
      command: "model-energy compare examples/mobilenet_v2.onnx.gz examples/efficientnet_b0.onnx.gz --config examples/model-energy.yml",
      what: "two files, budgets and verdict as in the action; exit 1 when a budget fails"
    },
    {
      command: "model-energy compare --base origin/main --format markdown",
      what: "the working tree against the merge base, as the PR comment"
    }
  ],
  devices: [
    { command: "model-energy devices", what: "bundles, where their numbers come from, known accuracy" }
  ],
  train: [
    {
      command: "model-energy train --data examples/kernels-sample.csv --out my-predictors/my-board-cpu --device my-board --processor cpu",
      what: "a bundle from a kernel CSV (data/deepen2023/kernels_cpu.csv: the full 714 rows)"
    }
  ],
  measure: [
    {
      command: "model-energy measure --kernels conv-bn-relu --samples 3 --meter none --out kernels.csv --windows windows.csv",
      what: "latency only, with a window log for attach (--meter rapl, nvidia, jetson for energy)"
    }
  ],
  attach: [
    {
      command: "model-energy attach --csv kernels.csv --windows windows.csv --monitor monitor.csv --monitor-offset-ms 1700000000000",
      what: "fill the energy from an offline monitor's CSV"
    }
  ]
};

// src/cli.ts
var COMMAND_MODULES = {
  analyze: async () => (await import("./cli-4MXBKMKR.mjs")).registerAnalyze,
  predict: async () => (await import("./cli-PS36ODQY.mjs")).registerPredict,
  compare: async () => (await import("./cli-L5OFHWPE.mjs")).registerCompare,
  devices: async () => (await import("./cli-6YNKLA4S.mjs")).registerDevices,
  train: async () => (await import("./cli-IQ6XSZ5V.mjs")).registerTrain,
  measure: async () => (await import("./cli-WKWFW2E4.mjs")).registerMeasure,
  attach: async () => (await import("./cli-WKWFW2E4.mjs")).registerMeasure
};
function commandsFor(argv) {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) return [];
  const first = argv.find((a) => !a.startsWith("-"));
  const one = first === void 0 ? void 0 : COMMAND_MODULES[first];
  if (one) return [one];
  return [...new Set(Object.values(COMMAND_MODULES))].filter((m) => m !== COMMAND_MODULES.attach);
}
async function runCli(argv, io) {
  let exitCode = EXIT_OK;
  const run = {
    io,
    fail: (code = EXIT_FAILURE) => {
      exitCode = Math.max(exitCode, code);
    }
  };
  const program = new Command("model-energy").description(
    "Energy of on-device deep-learning models, per fused kernel, on 8 phones (DeepEn2023 predictors)."
  ).version(VERSION).exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) }).showHelpAfterError("(add --help for usage)");
  for (const register of await Promise.all(commandsFor(argv).map((load) => load())))
    register(program, run, argv);
  for (const command of program.commands) finishCommand(command);
  program.addHelpText(
    "after",
    `
Examples:
${Object.values(CLI_EXAMPLES).flat().slice(0, 4).map((e) => `  ${e.command}
`).join("")}
Each command's --help has more.
`
  );
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}
`);
      return EXIT_USAGE;
    }
    if (error instanceof UserError) {
      io.stderr(`error: ${messageOf(error)}
`);
      return EXIT_FAILURE;
    }
    const fileSystem = fileSystemMessage(error);
    if (fileSystem !== void 0) {
      io.stderr(`error: ${fileSystem}
`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
function finishCommand(command) {
  const required = command.options.filter((o) => o.mandatory);
  for (const option of required) {
    option.mandatory = false;
    option.description = `${option.description} (required)`;
  }
  if (required.length > 0) {
    command.hook("preAction", (_program, action) => {
      const missing = required.filter((o) => action.getOptionValue(o.attributeName()) === void 0);
      if (missing.length === 0) return;
      action.error(
        `error: required option${missing.length === 1 ? "" : "s"} ${missing.map((o) => `'${o.flags}'`).join(", ")} not specified`,
        { code: "commander.missingMandatoryOptionValue", exitCode: EXIT_USAGE }
      );
    });
  }
  const examples = CLI_EXAMPLES[command.name()] ?? [];
  if (examples.length > 0)
    command.addHelpText(
      "after",
      `
Examples:
${examples.map((e) => `  ${e.command}
      ${e.what}
`).join("")}`
    );
}

// src/cli-entry.ts
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
var controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write("\nstopping after the current step (Ctrl-C again to quit now)\n");
  controller.abort();
});
runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  signal: controller.signal,
  ...terminalOf(process.env, process.stdout, process.stderr)
}).then(
  (code) => {
    process.exitCode = code;
    process.removeAllListeners("SIGINT");
  },
  (error) => {
    process.stderr.write(
      `internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`
    );
    process.exitCode = 1;
  }
);
