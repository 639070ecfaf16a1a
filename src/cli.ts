import { Command, CommanderError } from 'commander';
import {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  fileSystemMessage,
  messageOf,
  UsageError,
  type CliIo,
  type CliRun,
} from './cli/common.js';
import { COMMAND_NAMES, type CommandName } from './cli/command-names.js';
import { CLI_EXAMPLES } from './cli/examples.js';
import { VERSION } from './version.js';
import { UserError } from './errors.js';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './cli/common.js';

type Register = (program: Command, run: CliRun, argv: readonly string[]) => void;

/**
 * The commands registered from their own modules, each loaded only when needed: a process runs one
 * command, so `analyze` never loads the predictors, the config schema or onnxruntime (start-up time;
 * docs/benchmarks.md). `attach` is registered with `measure`.
 */
const COMMAND_MODULES: Readonly<Record<CommandName, () => Promise<Register>>> = {
  analyze: async () => (await import('./cli/analyze.js')).registerAnalyze,
  predict: async () => (await import('./cli/predict.js')).registerPredict,
  compare: async () => (await import('./cli/compare.js')).registerCompare,
  devices: async () => (await import('./cli/devices.js')).registerDevices,
  train: async () => (await import('./cli/train.js')).registerTrain,
  measure: async () => (await import('./cli/measure.js')).registerMeasure,
  attach: async () => (await import('./cli/measure.js')).registerMeasure,
};

/** The modules to register: the named command's alone, none for `--version`, or all (help, a typo, no command). */
function commandsFor(argv: readonly string[]): (() => Promise<Register>)[] {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  const first = argv.find((a) => !a.startsWith('-'));
  const one = COMMAND_NAMES.find((c) => c === first);
  if (one) return [COMMAND_MODULES[one]];
  return [...new Set(Object.values(COMMAND_MODULES))].filter((m) => m !== COMMAND_MODULES.attach);
}

/**
 * `model-energy analyze|predict|compare|devices|train|measure`. Parses arguments into typed options
 * and calls the engine; resolves to the exit code (0 ok, 1 failure, 2 usage, 130 interrupted) and never exits itself.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const run: CliRun = {
    io,
    fail: (code = EXIT_FAILURE) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command('model-energy')
    .description(
      'Energy of on-device deep-learning models, per fused kernel, on 8 phones (DeepEn2023 predictors).',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(add --help for usage)');

  for (const register of await Promise.all(commandsFor(argv).map((load) => load())))
    register(program, run, argv);

  for (const command of program.commands) finishCommand(command);
  program.addHelpText(
    'after',
    `\nExamples:\n${Object.values(CLI_EXAMPLES)
      .flat()
      .slice(0, 4)
      .map((e) => `  ${e.command}\n`)
      .join('')}\nEach command's --help has more.\n`,
  );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UserError) {
      io.stderr(`error: ${messageOf(error)}\n`);
      return EXIT_FAILURE;
    }
    const fileSystem = fileSystemMessage(error);
    if (fileSystem !== undefined) {
      io.stderr(`error: ${fileSystem}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

/**
 * Every command's help ends with its examples (src/cli/examples.ts) and marks its required options;
 * missing required options are reported all at once (commander stops at the first), exit 2.
 */
function finishCommand(command: Command): void {
  const required = command.options.filter((o) => o.mandatory);
  for (const option of required) {
    option.mandatory = false;
    option.description = `${option.description} (required)`;
  }
  if (required.length > 0) {
    command.hook('preAction', (_program, action) => {
      const missing = required.filter((o) => action.getOptionValue(o.attributeName()) === undefined);
      if (missing.length === 0) return;
      action.error(
        `error: required option${missing.length === 1 ? '' : 's'} ${missing.map((o) => `'${o.flags}'`).join(', ')} not specified`,
        { code: 'commander.missingMandatoryOptionValue', exitCode: EXIT_USAGE },
      );
    });
  }
  const examples = CLI_EXAMPLES[command.name()] ?? [];
  if (examples.length > 0)
    command.addHelpText(
      'after',
      `\nExamples:\n${examples.map((e) => `  ${e.command}\n      ${e.what}\n`).join('')}`,
    );
}
