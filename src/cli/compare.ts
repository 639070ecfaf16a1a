import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { isCheckedModel } from '../config/budgets.js';
import { diffConfigs } from '../config/diff.js';
import { loadConfigFile, parseConfig, withOverrides } from '../config/load.js';
import type { EnergyConfig } from '../config/types.js';
import { selectBundles } from '../compare/bundles.js';
import { buildReport } from '../compare/compare.js';
import { runTargets } from '../compare/price.js';
import { compareChanges, toModelChange, type ModelChange } from '../compare/run.js';
import { parseNameStatus, selectChanges } from '../git/changes.js';
import { execGit } from '../git/exec.js';
import { ensureMergeBase } from '../git/history.js';
import { GitRepo } from '../git/repo.js';
import { renderComment } from '../report/markdown.js';
import { VERSION } from '../version.js';
import { EXIT_FAILURE, parseDevices, parseProcessors, type CliRun } from './common.js';

interface CompareFlags {
  base?: string;
  config: string;
  json?: boolean;
  device?: 'all' | string[];
  processor?: ('cpu' | 'gpu')[];
  predictors?: string;
  failOn?: 'budget' | 'regression' | 'never';
  budgetsFrom: 'base' | 'head';
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
    .option('--config <file>', 'config file (budgets, noise floor, dims)', '.github/model-energy.yml')
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
    .option('--predictors <dir>', 'extra predictor bundles')
    .option('--json', 'print the versioned JSON report instead of markdown')
    .action(async (files: string[], flags: CompareFlags) => {
      if (flags.base ? files.length !== 0 : files.length !== 2) {
        throw new UsageError('give OLD.onnx NEW.onnx, or --base REF without files');
      }
      const prepared = flags.base
        ? await fromGit(flags.base, flags)
        : await fromFiles(files[0]!, files[1]!, flags);
      const config = withOverrides(prepared.config, {
        ...(flags.device ? { devices: flags.device } : {}),
        ...(flags.processor ? { processors: flags.processor } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
      });
      const bundles = selectBundles({
        devices: config.devices,
        processors: config.processors,
        ...(flags.predictors ? { extra: flags.predictors } : {}),
      });
      const targets = await runTargets(bundles);
      const models = await compareChanges({
        changes: prepared.changes,
        readBase: prepared.readBase,
        readHead: prepared.readHead,
        targets,
        config,
      });
      const report = buildReport(models, targets, {
        version: VERSION,
        ...prepared.context,
        configChanges: prepared.configChanges,
        budgetsFrom: flags.base ? flags.budgetsFrom : 'head',
      });
      run.io.stdout(
        flags.json
          ? `${JSON.stringify(report, null, 2)}\n`
          : renderComment(report, { key: 'cli', maxChars: Number.MAX_SAFE_INTEGER }).body,
      );
      if (report.verdict === 'fail' && config.failOn !== 'never') run.fail(EXIT_FAILURE);
    });
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface Prepared {
  readonly changes: ModelChange[];
  readonly readBase: (path: string) => Promise<Uint8Array>;
  readonly readHead: (path: string) => Promise<Uint8Array>;
  readonly config: EnergyConfig;
  readonly configChanges: string[];
  readonly context: { baseRef?: string; baseSha?: string; headSha?: string; mergeBaseSha?: string };
}

async function fromFiles(oldPath: string, newPath: string, flags: CompareFlags): Promise<Prepared> {
  const { config } = await loadConfigFile(flags.config);
  return {
    changes: [
      { status: 'modified', path: newPath, ...(oldPath !== newPath ? { previousPath: oldPath } : {}) },
    ],
    readBase: () => readFile(oldPath),
    readHead: () => readFile(newPath),
    config,
    configChanges: [],
    context: {},
  };
}

async function fromGit(baseRef: string, flags: CompareFlags): Promise<Prepared> {
  const repo = await GitRepo.open(process.cwd());
  const mb = await ensureMergeBase(repo, baseRef, 'HEAD');
  const head = await repo.resolveCommit('HEAD');
  const exec = { cwd: repo.root };
  const headConfig = await loadConfigFile(flags.config);
  const configRel = flags.config.replace(/^\.\//, '');
  const baseConfig = (await repo.fileExists(mb.mergeBase, configRel))
    ? parseConfig((await repo.readBlob(mb.mergeBase, configRel)).toString('utf8'), {
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
  const changes: ModelChange[] = selectChanges(tracked, (p) => isCheckedModel(config, p)).map(toModelChange);
  for (const path of untracked) if (isCheckedModel(config, path)) changes.push({ status: 'added', path });
  return {
    changes,
    readBase: async (path) => repo.readBlob(mb.mergeBase, path, { filters: true }),
    readHead: async (path) => readFile(`${repo.root}/${path}`),
    config,
    configChanges: diffConfigs(baseConfig, headConfig.config).map((c) => c.text),
    context: { baseRef, baseSha: mb.base, headSha: head, mergeBaseSha: mb.mergeBase },
  };
}
