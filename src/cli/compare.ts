import { existsSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { Option, type Command } from 'commander';
import { ConfigError } from '../config/errors.js';
import { loadConfigFile, withOverrides, type ConfigOverrides, type LoadedConfig } from '../config/load.js';
import type { EnergyConfig } from '../config/types.js';
import { knownDevices } from '../compare/bundles.js';
import { buildReport, type ReportContext } from '../compare/compare.js';
import { planComparison } from '../compare/plan.js';
import { runTargets } from '../compare/price.js';
import { compareChanges, type ComparisonInputs } from '../compare/run.js';
import { GitError } from '../git/errors.js';
import { ensureMergeBase } from '../git/history.js';
import { GitRepo } from '../git/repo.js';
import { ModelLoadError } from '../onnx/types.js';
import type { LoadedBundle } from '../predict/bundle.js';
import { renderCompareText } from '../report/compare-text.js';
import { renderCliReport } from '../report/markdown.js';
import { type BudgetSource } from '../report/verdict.js';
import { VERSION } from '../version.js';
import { bundleList, selectRunBundles } from './bundle-selection.js';
import { EXIT_FAILURE, messageOf, sharedOption, styleOf, UsageError, type CliRun } from './common.js';

interface CompareFlags {
  base?: string;
  config: string;
  json?: boolean;
  format: 'text' | 'markdown' | 'json';
  device?: 'all' | string[];
  processor?: ('cpu' | 'gpu')[];
  predictors?: string;
  failOn?: 'budget' | 'regression' | 'never';
  budgetsFrom: 'base' | 'head';
  dim?: Record<string, number>;
}

export function registerCompare(program: Command, run: CliRun): void {
  program
    .command('compare')
    .description(
      'compare two models (OLD NEW), or the working tree against the merge base of --base REF and HEAD, with the same budgets and verdict as the action; exit 1 when a budget fails',
    )
    .argument('[files...]', 'OLD NEW: two model files, ONNX or TFLite (omit with --base)')
    .option(
      '--base <ref>',
      'compare changed models in this git checkout against the merge base of REF and HEAD',
    )
    .option(
      '--config <file>',
      'config file (budgets, noise floor, dims); a file given here must exist, without it the default path may be missing (default budgets then)',
      '.github/model-energy.yml',
    )
    .addOption(
      new Option(
        '--budgets-from <side>',
        'with --base: read budgets from the merge base (default) or the working tree',
      )
        .choices(['base', 'head'])
        .default('base'),
    )
    .addOption(sharedOption.device('device id(s), comma-separated, or all'))
    .addOption(sharedOption.processor('cpu, gpu, cpu,gpu or all'))
    .addOption(
      new Option('--fail-on <when>', 'budget, regression or never (overrides the config)').choices([
        'budget',
        'regression',
        'never',
      ]),
    )
    .addOption(
      sharedOption.dim(
        "value for a symbolic input dim of both versions (repeatable), e.g. H=224; over the config's dims",
      ),
    )
    .addOption(sharedOption.predictors('extra predictor bundles'))
    .addOption(
      new Option('--format <format>', 'text (aligned, for terminals), markdown (the PR comment) or json')
        .choices(['text', 'markdown', 'json'])
        .default('text'),
    )
    .option('--json', 'the same as --format json: the versioned JSON report')
    .action(async (files: string[], flags: CompareFlags, command: Command) => {
      if (flags.base ? files.length !== 0 : files.length !== 2) {
        throw new UsageError('give two model files, OLD NEW, or --base REF without files');
      }
      const explicitConfig = command.getOptionValueSource('config') !== 'default';
      // Device ids in the config (budgets included) are checked against the bundles at hand.
      const parse = { knownDevices: knownDevices(flags.predictors) };
      const overrides: ConfigOverrides = {
        ...(flags.device ? { devices: flags.device } : {}),
        ...(flags.processor ? { processors: flags.processor } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
      };
      const prepared = flags.base
        ? await fromGit(flags.base, flags, explicitConfig, parse, overrides)
        : await fromFiles(files[0]!, files[1]!, flags, explicitConfig, parse, overrides);
      const { config } = prepared;
      const configLabel = prepared.budgets.exists ? prepared.budgets.file : 'the default config';
      const from = `from ${[
        ...new Set([flags.device ? '--device' : configLabel, flags.processor ? '--processor' : configLabel]),
      ].join(' and ')}`;
      const { bundles, warnings } = energyBundles(
        selectRunBundles(
          {
            devices: config.devices,
            processors: config.processors,
            ...(flags.predictors ? { extra: flags.predictors } : {}),
            origin: flags.device ? '--device' : `${configLabel}: devices`,
            onWarning: (warning) => run.io.stderr(`warning: ${warning}\n`),
          },
          from,
        ),
        from,
      );
      warnings.unshift(...prepared.warnings);
      const targets = await runTargets(bundles);
      const models = await compareChanges({
        ...prepared.comparison,
        targets,
        strict: !flags.base,
        ...(flags.dim ? { dims: flags.dim } : {}),
        onWarning: (warning) => warnings.push(warning),
      }).finally(() => prepared.close?.());
      const report = buildReport(models, targets, { version: VERSION, ...prepared.report, warnings });
      const format = flags.json ? 'json' : flags.format;
      run.io.stdout(
        format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : format === 'markdown'
            ? renderCliReport(report, { budgets: prepared.budgets })
            : renderCompareText(report, styleOf(run.io), { budgets: prepared.budgets }),
      );
      if (report.verdict === 'fail' && config.failOn !== 'never') run.fail(EXIT_FAILURE);
    });
}

/**
 * Only bundles that predict energy take part in a comparison; none is a UsageError (a comparison of
 * nothing must not pass), latency-only ones beside energy ones are left out with a warning.
 */
function energyBundles(
  bundles: readonly LoadedBundle[],
  from: string,
): { bundles: LoadedBundle[]; warnings: string[] } {
  const energy = bundles.filter((b) => b.manifest.targets.includes('energy'));
  const latencyOnly = bundles.filter((b) => !b.manifest.targets.includes('energy'));
  if (energy.length === 0) {
    throw new UsageError(
      `compare needs energy predictions, but the selected predictor bundles predict latency only: ${bundleList(bundles)} (${from})`,
    );
  }
  const warnings =
    latencyOnly.length > 0
      ? [`left out of the comparison, they predict latency only: ${bundleList(latencyOnly)}`]
      : [];
  return { bundles: energy, warnings };
}

interface Prepared {
  /** The config that judges, overrides applied. */
  readonly config: EnergyConfig;
  /** What `compareChanges` needs besides the targets and the flags' own options. */
  readonly comparison: Omit<ComparisonInputs, 'targets' | 'onWarning' | 'strict' | 'dims'>;
  /** What the report says about the run. */
  readonly report: Omit<ReportContext, 'version' | 'warnings'>;
  /** Where the budgets came from, for the report's wording. */
  readonly budgets: BudgetSource;
  /** Warnings found while planning (before any model is priced). */
  readonly warnings: readonly string[];
  readonly close?: () => void;
}

/** Reads a model from disk; a file that cannot be read is a ModelLoadError naming it, like `predict`. */
async function readModelFile(file: string, shown = file): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new ModelLoadError(shown, `cannot read the file (${messageOf(error)})`, { cause: error });
  }
}

type ConfigParse = { readonly knownDevices: readonly string[] };

/** The config file; only the implicit default may be missing (the defaults apply then). */
async function loadConfig(file: string, explicit: boolean, parse: ConfigParse): Promise<LoadedConfig> {
  const loaded = await loadConfigFile(file, parse);
  if (explicit && !loaded.exists) throw missingConfig(file);
  return loaded;
}

function missingConfig(file: string): ConfigError {
  return new ConfigError(file, [{ field: '', problem: 'no such config file (given with --config)' }]);
}

async function fromFiles(
  oldPath: string,
  newPath: string,
  flags: CompareFlags,
  explicitConfig: boolean,
  parse: ConfigParse,
  overrides: ConfigOverrides,
): Promise<Prepared> {
  const { config: fileConfig, exists } = await loadConfig(flags.config, explicitConfig, parse);
  const config = withOverrides(fileConfig, overrides);
  return {
    config,
    comparison: {
      changes: [
        { status: 'modified', path: newPath, ...(oldPath !== newPath ? { previousPath: oldPath } : {}) },
      ],
      readBase: () => readModelFile(oldPath),
      readHead: () => readModelFile(newPath),
      config,
    },
    report: { configChanges: [], budgetsFrom: 'head', budgetsConfigured: config.budgets.length },
    budgets: { file: flags.config, exists },
    warnings: [],
  };
}

/**
 * The working tree against the merge base of REF and HEAD, planned as the action plans a pull request
 * (compare/plan.ts): the same config policy, change listing and report context.
 */
async function fromGit(
  baseRef: string,
  flags: CompareFlags,
  explicitConfig: boolean,
  parse: ConfigParse,
  overrides: ConfigOverrides,
): Promise<Prepared> {
  const repo = await GitRepo.open(process.cwd()).catch((error: unknown) => {
    if (!(error instanceof GitError)) throw error;
    throw new UsageError(
      `--base ${baseRef}: ${process.cwd()} is not inside a git checkout; run it in one, or compare two files (model-energy compare OLD.onnx NEW.onnx)`,
    );
  });
  // A local run: the advice is a git command, not the actions/checkout setting the action gives.
  const mb = await ensureMergeBase(repo, baseRef, 'HEAD', {
    advice: `Fetch it first: git fetch origin ${baseRef.replace(/^origin\//, '')} (on a shallow clone: git fetch --unshallow origin).`,
  });
  const head = await repo.resolveCommit('HEAD');
  // Only the implicit default may be missing from the working tree; its content is the plan's to judge.
  if (explicitConfig && !existsSync(flags.config)) throw missingConfig(flags.config);
  // A --config given is a path from here (symlinks resolved, as git resolves the root); the default is
  // the repository's, as in the action.
  const configPath = explicitConfig
    ? relative(realpathSync(repo.root), realpathSync(flags.config)).split(sep).join('/')
    : flags.config.replace(/^\.\//, '');
  if (configPath.startsWith('../') || isAbsolute(configPath))
    throw new UsageError(
      `--config ${flags.config}: with --base the config must be inside the checkout (${repo.root})`,
    );
  const warnings: string[] = [];
  const plan = await planComparison({
    repo,
    mergeBase: mb.mergeBase,
    head: { kind: 'working-tree', sha: head },
    configPath,
    budgetsFrom: flags.budgetsFrom,
    knownDevices: parse.knownDevices,
    overrides,
    onWarning: (warning) => warnings.push(warning),
  });
  return {
    config: plan.config,
    comparison: plan.comparison,
    report: { baseRef, baseSha: mb.base, ...plan.report },
    budgets: {
      file: configPath,
      exists: plan.budgetsFile.exists,
      at: plan.budgetsFile.side === 'merge-base' ? 'at the merge base' : 'in the working tree',
    },
    warnings,
    close: () => repo.close(),
  };
}
