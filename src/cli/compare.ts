import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { isCheckedModel } from '../config/budgets.js';
import { diffConfigs } from '../config/diff.js';
import { ConfigError } from '../config/errors.js';
import { loadConfigFile, parseConfig, withOverrides, type LoadedConfig } from '../config/load.js';
import type { EnergyConfig } from '../config/types.js';
import { knownDevices } from '../compare/bundles.js';
import { buildReport } from '../compare/compare.js';
import { runTargets } from '../compare/price.js';
import { compareChanges, toChangedModel, type ChangedModel } from '../compare/run.js';
import { parseNameStatus, selectChanges } from '../git/changes.js';
import { GitError } from '../git/errors.js';
import { execGit } from '../git/exec.js';
import { ensureMergeBase } from '../git/history.js';
import { readModelBytes } from '../git/lfs.js';
import { GitRepo } from '../git/repo.js';
import { ModelLoadError } from '../onnx/types.js';
import type { LoadedBundle } from '../predict/bundle.js';
import { renderCompareText } from '../report/compare-text.js';
import { renderCliReport } from '../report/markdown.js';
import { type BudgetSource } from '../report/verdict.js';
import { VERSION } from '../version.js';
import { bundleList, selectRunBundles } from './bundle-selection.js';
import {
  EXIT_FAILURE,
  messageOf,
  parseDevices,
  parseDim,
  parsePredictorsDir,
  parseProcessors,
  styleOf,
  UsageError,
  type CliRun,
} from './common.js';

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
    .argument('[files...]', 'OLD.onnx NEW.onnx (omit with --base)')
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
    .addOption(new Option('--device <ids>', 'device id(s), comma-separated, or all').argParser(parseDevices))
    .addOption(new Option('--processor <which>', 'cpu, gpu, cpu,gpu or all').argParser(parseProcessors))
    .addOption(
      new Option('--fail-on <when>', 'budget, regression or never (overrides the config)').choices([
        'budget',
        'regression',
        'never',
      ]),
    )
    .addOption(
      new Option(
        '--dim <name=value>',
        "value for a symbolic input dim of both versions (repeatable), e.g. H=224; over the config's dims",
      ).argParser(parseDim),
    )
    .addOption(new Option('--predictors <dir>', 'extra predictor bundles').argParser(parsePredictorsDir))
    .addOption(
      new Option('--format <format>', 'text (aligned, for terminals), markdown (the PR comment) or json')
        .choices(['text', 'markdown', 'json'])
        .default('text'),
    )
    .option('--json', 'the same as --format json: the versioned JSON report')
    .action(async (files: string[], flags: CompareFlags, command: Command) => {
      if (flags.base ? files.length !== 0 : files.length !== 2) {
        throw new UsageError('give OLD.onnx NEW.onnx, or --base REF without files');
      }
      const explicitConfig = command.getOptionValueSource('config') !== 'default';
      // Device ids in the config (budgets included) are checked against the bundles at hand.
      const parse = { knownDevices: knownDevices(flags.predictors) };
      const prepared = flags.base
        ? await fromGit(flags.base, flags, explicitConfig, parse)
        : await fromFiles(files[0]!, files[1]!, flags, explicitConfig, parse);
      const config = withOverrides(prepared.config, {
        ...(flags.device ? { devices: flags.device } : {}),
        ...(flags.processor ? { processors: flags.processor } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
      });
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
      const targets = await runTargets(bundles);
      const models = await compareChanges({
        changes: prepared.changes,
        readBase: prepared.readBase,
        readHead: prepared.readHead,
        targets,
        config,
        ...(prepared.prDims ? { prDims: prepared.prDims } : {}),
        ...prepared.labels,
        strict: !flags.base,
        ...(flags.dim ? { dims: flags.dim } : {}),
        onWarning: (warning) => warnings.push(warning),
      });
      const report = buildReport(models, targets, {
        version: VERSION,
        ...prepared.context,
        ...(prepared.headIsWorkingTree ? { headIsWorkingTree: true } : {}),
        configChanges: prepared.configChanges,
        budgetsFrom: flags.base ? flags.budgetsFrom : 'head',
        budgetsConfigured: config.budgets.length,
        warnings,
      });
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
  readonly changes: ChangedModel[];
  readonly readBase: (path: string) => Promise<Uint8Array>;
  readonly readHead: (path: string) => Promise<Uint8Array>;
  readonly config: EnergyConfig;
  /** --base with budgets from the merge base: the working tree's dims, for models the base's do not cover. */
  readonly prDims?: EnergyConfig['dims'];
  readonly configChanges: string[];
  readonly context: { baseRef?: string; baseSha?: string; headSha?: string; mergeBaseSha?: string };
  readonly labels: { baseLabel?: string; headLabel?: string };
  /** Where the budgets came from, for the report's wording. */
  readonly budgets: BudgetSource;
  /** --base: the head side has uncommitted changes, so it is not the head commit. */
  readonly headIsWorkingTree?: boolean;
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
  if (explicit && !loaded.exists) {
    throw new ConfigError(file, [{ field: '', problem: 'no such config file (given with --config)' }]);
  }
  return loaded;
}

async function fromFiles(
  oldPath: string,
  newPath: string,
  flags: CompareFlags,
  explicitConfig: boolean,
  parse: ConfigParse,
): Promise<Prepared> {
  const { config, exists } = await loadConfig(flags.config, explicitConfig, parse);
  return {
    changes: [
      { status: 'modified', path: newPath, ...(oldPath !== newPath ? { previousPath: oldPath } : {}) },
    ],
    readBase: () => readModelFile(oldPath),
    readHead: () => readModelFile(newPath),
    config,
    configChanges: [],
    context: {},
    labels: {},
    budgets: { file: flags.config, exists },
  };
}

async function fromGit(
  baseRef: string,
  flags: CompareFlags,
  explicitConfig: boolean,
  parse: ConfigParse,
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
  const exec = { cwd: repo.root };
  const headConfig = await loadConfig(flags.config, explicitConfig, parse);
  const configRel = flags.config.replace(/^\.\//, '');
  const baseHasConfig = await repo.fileExists(mb.mergeBase, configRel);
  const baseConfig = baseHasConfig
    ? parseConfig((await repo.readBlob(mb.mergeBase, configRel)).toString('utf8'), {
        ...parse,
        file: `${configRel}@${mb.mergeBase.slice(0, 7)}`,
      })
    : parseConfig(undefined, { file: configRel });
  const config = flags.budgetsFrom === 'base' ? baseConfig : headConfig.config;
  // The working tree against the merge base: tracked changes, renames included, plus new untracked models.
  const diff = await execGit(exec, ['diff', '--name-status', '-z', '-M', mb.mergeBase, '--']);
  const tracked = parseNameStatus(diff.stdout.toString('utf8'));
  const untracked = (await execGit(exec, ['ls-files', '--others', '--exclude-standard', '-z'])).stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const changes: ChangedModel[] = selectChanges(tracked, (p) => isCheckedModel(config, p)).map(
    toChangedModel,
  );
  for (const path of untracked) if (isCheckedModel(config, path)) changes.push({ status: 'added', path });
  // Uncommitted edits of a model or the config make the head side the working tree, not HEAD.
  const uncommitted = (await execGit(exec, ['diff', '--name-only', '-z', 'HEAD', '--'])).stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const headIsWorkingTree =
    uncommitted.some((p) => p === configRel || isCheckedModel(config, p)) ||
    untracked.some((p) => isCheckedModel(config, p));
  const budgets: BudgetSource =
    flags.budgetsFrom === 'base'
      ? { file: configRel, exists: baseHasConfig, at: 'at the merge base' }
      : { file: configRel, exists: headConfig.exists, at: 'in the working tree' };
  return {
    changes,
    readBase: async (path) => readModelBytes(repo, mb.mergeBase, path),
    readHead: async (path) => readModelFile(`${repo.root}/${path}`, path),
    config,
    ...(flags.budgetsFrom === 'base' ? { prDims: headConfig.config.dims } : {}),
    configChanges: diffConfigs(baseConfig, headConfig.config).map((c) => c.text),
    context: { baseRef, baseSha: mb.base, headSha: head, mergeBaseSha: mb.mergeBase },
    labels: {
      baseLabel: `merge base ${mb.mergeBase.slice(0, 7)}`,
      headLabel: headIsWorkingTree ? 'working tree' : head.slice(0, 7),
    },
    budgets,
    ...(headIsWorkingTree ? { headIsWorkingTree } : {}),
  };
}
