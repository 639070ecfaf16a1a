import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { analyzeFile, type ModelAnalysis } from './analysis/analyze.js';
import { analysisDocument, ANALYSIS_SCHEMA_VERSION } from './analysis/document.js';
import { renderAnalysisText } from './report/analysis-text.js';

/** Where the CLI writes; tests pass buffers, bin/model-energy.js passes the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
/** Analysis failed, or (compare) a budget failed. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

function parseDim(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^([^=]+)=(\d+)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected NAME=VALUE with a positive integer value, got '${value}'`);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`'${value}': the value must be a positive integer`);
  return { ...previous, [m[1]!]: n };
}

/** Runs the CLI; resolves to the exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('model-energy')
    .description('Energy of on-device deep-learning models, per fused kernel (DeepEn2023 predictors).')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError();

  program
    .command('analyze')
    .description('split ONNX models into fused kernels with their DeepEn2023 features, MACs, FLOPs, params and bytes')
    .argument('<files...>', 'ONNX model files (.onnx, or gzip-compressed)')
    .option('--json', 'print the versioned JSON document instead of a table')
    .addOption(new Option('--dim <name=value>', 'value for a symbolic input dim (repeatable), e.g. batch=4').argParser(parseDim))
    .action(async (files: string[], opts: { json?: boolean; dim?: Record<string, number> }) => {
      const results: ModelAnalysis[] = [];
      for (const file of files) {
        try {
          results.push(await analyzeFile(file, opts.dim ? { dims: opts.dim } : {}));
        } catch (error) {
          io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
          exitCode = EXIT_FAILURE;
        }
      }
      if (opts.json) {
        const docs = results.map(analysisDocument);
        const out = files.length === 1 ? docs[0] : { schemaVersion: ANALYSIS_SCHEMA_VERSION, kind: 'analysis-set', documents: docs };
        if (out) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        io.stdout(results.map(renderAnalysisText).join('\n\n') + (results.length ? '\n' : ''));
      }
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return EXIT_OK;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
