import type { Command } from 'commander';
import { analyzeFile, type ModelAnalysis } from '../analysis/analyze.js';
import { READ_FORMATS } from '../analysis/read.js';
import { ANALYSIS_SCHEMA_VERSION, analysisDocument } from '../analysis/document.js';
import { analysisTextLines } from '../report/analysis-text.js';
import { UserError } from '../errors.js';
import { EXIT_FAILURE, messageOf, sharedOption, styleOf, writeLines, type CliRun } from './common.js';
import { unusedDimWarnings } from './dim-warnings.js';

/** `model-energy analyze FILES...`: the kernels of each model, as a table or the JSON document. */
export function registerAnalyze(program: Command, run: CliRun): void {
  program
    .command('analyze')
    .description(
      'split models into fused kernels with their DeepEn2023 features, MACs, FLOPs, params and bytes',
    )
    .argument('<files...>', `model files, ${READ_FORMATS}`)
    .option('--json', 'print the versioned JSON document instead of a table')
    .addOption(sharedOption.dim('value for a symbolic input dim (repeatable), e.g. batch=4'))
    .action(async (files: string[], opts: { json?: boolean; dim?: Record<string, number> }) => {
      const results: ModelAnalysis[] = [];
      const errors: { model: string; message: string }[] = [];
      for (const file of files) {
        try {
          const analysis = await analyzeFile(file, opts.dim ? { dims: opts.dim } : {});
          for (const w of unusedDimWarnings(file, opts.dim, analysis)) run.io.stderr(`warning: ${w}\n`);
          results.push(analysis);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          run.io.stderr(`error: ${messageOf(error)}\n`);
          errors.push({ model: file, message: messageOf(error) });
          run.fail(EXIT_FAILURE);
        }
      }
      if (opts.json) {
        const docs = results.map(analysisDocument);
        // With several files, those that failed are listed in the set, so its consumer sees the gap.
        const out =
          files.length === 1
            ? docs[0]
            : {
                schemaVersion: ANALYSIS_SCHEMA_VERSION,
                kind: 'analysis-set',
                documents: docs,
                ...(errors.length > 0 ? { errors } : {}),
              };
        if (out) run.io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      } else if (results.length > 0) {
        const width = styleOf(run.io).width;
        // Models apart by a blank line; written in pieces, never as one string of the whole table.
        writeLines(
          run.io,
          results.flatMap((a, i) =>
            i === 0 ? [analysisTextLines(a, width)] : [[''], analysisTextLines(a, width)],
          ),
        );
      }
    });
}
