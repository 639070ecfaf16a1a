import { isCheckedModel } from '../config/budgets.js';
import { diffConfigs } from '../config/diff.js';
import { ConfigError } from '../config/errors.js';
import { parseConfig, withOverrides, type ConfigOverrides } from '../config/load.js';
import type { DimsRule, EnergyConfig } from '../config/types.js';
import { selectChanges, type ChangedPath } from '../git/changes.js';
import { modelsWithChangedData } from '../git/external-data.js';
import { readModelBuffer } from '../analysis/read.js';
import { toChangedModel, type ChangedModel } from './run.js';

/**
 * The budget policy of a comparison, the one the action and `compare --base` share: which config
 * judges (the merge base's or the head's), what an invalid one on either side does, and which models
 * changed. Pure decisions over what the sides hold; reading them is compare/plan.ts.
 */

/** The config file's text on one side (undefined: no such file there) and its name in messages. */
export interface ConfigText {
  readonly text: string | undefined;
  /** e.g. `.github/model-energy.yml@1a2b3c4`, so an error says which version is broken. */
  readonly file: string;
}

export interface ConfigPolicyInputs {
  /** Repository-relative path of the config file. */
  readonly configPath: string;
  /** The merge base's config; absent when there is no base to compare with (every model is new). */
  readonly mergeBase?: ConfigText;
  readonly head: ConfigText;
  /** What the caller asked for; `base` without a merge base falls back to the head. */
  readonly budgetsFrom: 'base' | 'head';
  /** Device ids the config may name (budgets included), from the bundles at hand. */
  readonly knownDevices: readonly string[];
  /** Inputs or flags over the file (devices, processors, models, fail-on). */
  readonly overrides?: ConfigOverrides;
  /** Who changed the head's config, in problems: "this PR", "the working tree". */
  readonly headName: string;
}

/** Where the budgets that judge come from. */
export interface BudgetsFile {
  /** The file as messages name it (with `@sha` at the merge base). */
  readonly file: string;
  readonly exists: boolean;
  readonly side: 'merge-base' | 'head';
}

export interface ConfigPolicy {
  /** The config that judges, overrides applied. */
  readonly config: EnergyConfig;
  readonly budgetsFrom: 'base' | 'head';
  readonly budgetsFile: BudgetsFile;
  /** The head's `dims` for models the merge-base config does not cover (budgets from the base only). */
  readonly prDims?: readonly DimsRule[];
  /** The config edits the head makes, one line each. */
  readonly configChanges: readonly string[];
  /** Problems with the run itself: each lifts a passing verdict to a warning and heads the report. */
  readonly problems: readonly string[];
}

/**
 * Decides which config judges. Budgets come from the merge base unless told otherwise (a PR cannot
 * loosen its own budgets). An invalid merge-base config is a problem of the run, never an error: the
 * defaults apply and the report says so. An invalid head config is an error where it would judge, and
 * a problem (blamed on the head only when the base's was valid) where the base's judges.
 */
export function decideConfig(inputs: ConfigPolicyInputs): ConfigPolicy {
  const { mergeBase, head } = inputs;
  const defaults = parseConfig(undefined, { file: inputs.configPath });
  const parse = (side: ConfigText): EnergyConfig =>
    parseConfig(side.text, { file: side.file, knownDevices: inputs.knownDevices });
  const usesBase = inputs.budgetsFrom === 'base' && mergeBase !== undefined;
  const headEdits = mergeBase !== undefined && head.text !== mergeBase.text;
  const problems: string[] = [];

  let baseConfig = defaults;
  let baseInvalid = false;
  if (mergeBase) {
    try {
      baseConfig = parse(mergeBase);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      baseInvalid = true;
      problems.push(
        `the config at the merge base is invalid, so no budgets from it apply to this run (defaults instead): ${error.message}`,
      );
    }
  }
  let headConfig = defaults;
  let headProblem: string | undefined;
  try {
    headConfig = parse(head);
  } catch (error) {
    if (!(error instanceof ConfigError) || !usesBase) throw error;
    headProblem = error.message;
    // A config already broken at the merge base is the base's problem, already said; only a head that
    // breaks a valid one is told it did.
    if (!baseInvalid) {
      problems.push(
        `${inputs.headName} makes the config invalid; after merging, later runs would fall back to the default budgets: ${error.message}`,
      );
    }
  }

  const configChanges =
    headProblem !== undefined
      ? headEdits
        ? [
            baseInvalid
              ? `${inputs.headName} edits the config, which is invalid at the merge base and still invalid at the head: ${headProblem}`
              : `${inputs.headName} makes the config invalid: ${headProblem}`,
          ]
        : []
      : baseInvalid && headEdits
        ? [`${inputs.headName} fixes the invalid config; its budgets apply once it is merged`]
        : mergeBase && !baseInvalid
          ? diffConfigs(baseConfig, headConfig).map((c) => c.text)
          : [];

  const judging = usesBase ? baseConfig : headConfig;
  return {
    config: withOverrides(judging, inputs.overrides ?? {}),
    budgetsFrom: usesBase ? 'base' : 'head',
    budgetsFile: usesBase
      ? {
          file: mergeBase.text !== undefined ? mergeBase.file : inputs.configPath,
          exists: mergeBase.text !== undefined,
          side: 'merge-base',
        }
      : { file: inputs.configPath, exists: head.text !== undefined, side: 'head' },
    ...(usesBase && headProblem === undefined ? { prDims: headConfig.dims } : {}),
    configChanges,
    problems,
  };
}

/** What the change listing reads of the head side. */
export interface HeadFiles {
  /** Every file on the head side (for models whose external-data files changed). */
  readonly files: readonly string[];
  /** A file's bytes as stored (a model's, to find its external-data locations). */
  readonly read: (path: string) => Promise<Uint8Array>;
}

/**
 * The models a comparison looks at: the changed paths the config's globs select (a rename across the
 * globs seen from its checked side), plus the models whose external-data files changed. Without
 * `changed` (no base to compare with), every checked model on the head side is new.
 */
export async function listModelChanges(
  config: EnergyConfig,
  changed: readonly ChangedPath[] | undefined,
  head: HeadFiles,
  onWarning: (warning: string) => void,
): Promise<ChangedModel[]> {
  const checked = (p: string) => isCheckedModel(config, p);
  if (changed === undefined) return head.files.filter(checked).map((path) => ({ status: 'added', path }));
  const selected = selectChanges(changed, checked);
  const touched = new Set(changed.flatMap((c) => [c.path, ...(c.previousPath ? [c.previousPath] : [])]));
  const selectedPaths = new Set(selected.map((c) => c.path));
  const candidates = head.files.filter((p) => checked(p) && !selectedPaths.has(p));
  const dataChanged = await modelsWithChangedData(touched, candidates, async (model) => {
    try {
      const m = await readModelBuffer(await head.read(model), model);
      return [...m.graph.initializers.values()].flatMap((t) => (t.external ? [t.external.location] : []));
    } catch (error) {
      // Only asked to see whether its data files changed: say why it could not be, and go on.
      onWarning(
        `could not read the external-data locations of ${model}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
  });
  return [
    ...selected.map(toChangedModel),
    ...dataChanged.map((path): ChangedModel => ({ status: 'modified', path })),
  ];
}
