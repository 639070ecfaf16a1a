import { reportEnergyChanged } from '../compare/change.js';
import type {
  BudgetReason,
  BudgetStatus,
  ComparisonReport,
  ModelComparison,
  TargetComparison,
} from '../compare/types.js';
import { reasonText } from './reasons.js';
import { sharedBy, targetsPhrase } from './reason-groups.js';
import { escapeMarkdown, escapeWithCode, inlineCode } from './escape.js';
import { formatInteger, formatPct, shortSha } from '../format/numbers.js';
import { type Block, paragraph } from './blocks.js';
import { STATUS_MARK, delta, isUnpriced, lacksBaseline, modelText, targetLabel } from './cells.js';
import { modelCounts, plural, rankModels, targetCount, worstTarget } from './ranking.js';

/**
 * The verdict at the top of every document: its headline, its cause, what was compared, and where the
 * budgets came from.
 */

const VERDICT_WORDS: Readonly<Record<BudgetStatus, string>> = {
  pass: 'pass',
  warn: 'warning',
  fail: 'fail',
};

/** Where the budgets of a CLI run came from: a config file (that may be missing: the defaults apply). */
export interface BudgetSource {
  readonly file: string;
  readonly exists: boolean;
  /** e.g. "at the merge base", "in the working tree". */
  readonly at?: string;
}

/** What a report was made from beyond what it says itself: set by the CLI, absent for the action. */
export interface ReportSetting {
  /** The CLI's config file; without it, the action's wording (base or head commit). */
  readonly budgets?: BudgetSource;
}

/** Budgets were evaluated on some target, and none applied to any model there. */
function noBudgetApplies(report: ComparisonReport): boolean {
  const evaluated = report.models.flatMap((m) => m.targets.filter((t) => t.budget.applied !== undefined));
  return evaluated.length > 0 && evaluated.every((t) => t.budget.applied?.length === 0);
}

function budgetsText(report: ComparisonReport, setting: ReportSetting): string {
  const b = setting.budgets;
  const none = report.budgetsConfigured === 0;
  let text: string;
  if (b === undefined) {
    const commit =
      report.budgetsFrom === 'head'
        ? 'head commit'
        : report.mergeBaseSha !== undefined
          ? `merge base ${inlineCode(shortSha(report.mergeBaseSha))}`
          : 'base commit';
    text = none ? `no budgets configured (config from the ${commit})` : `budgets from the ${commit}`;
  } else {
    const at = b.at !== undefined ? ` ${b.at}` : '';
    const file = inlineCode(b.file, { max: 300 });
    text = b.exists
      ? none
        ? `no budgets configured in ${file}${at}`
        : `budgets from ${file}${at}`
      : none
        ? `no budgets configured (no ${file}${at})`
        : `default budgets (no ${file}${at})`;
  }
  return !none && noBudgetApplies(report) ? `${text}; none applies to these models` : text;
}

/** A budget reason without the budget it belongs to, for the heading (inline Markdown). */
export function shortReason(reason: BudgetReason): string {
  return escapeMarkdown(reasonText(reason, { budget: false }), 120);
}

/**
 * What a fail or warn verdict is about: the first model x target with the verdict's status in display
 * order, with its first reason, and how many more there are.
 */
function verdictCause(report: ComparisonReport): string | undefined {
  const level = report.verdict;
  if (level === 'pass') return undefined;
  let first: string | undefined;
  let firstIsTarget = false;
  let count = 0;
  let targets = 0;
  let errors = 0;
  const covered = new Set<TargetComparison>();
  for (const m of rankModels(report.models)) {
    if (m.error !== undefined) {
      if (level !== 'fail') continue;
      count += 1;
      errors += 1;
      first ??= `${modelText(m)}: ${isUnpriced(m) ? '' : 'not analysed: '}${escapeWithCode(m.error, { max: 120 })}`;
      continue;
    }
    // The headline names the model's largest increase at this level, not its first target in table order.
    const byIncrease = [...m.targets].sort(
      (a, b) => (b.deltaPct ?? Number.NEGATIVE_INFINITY) - (a.deltaPct ?? Number.NEGATIVE_INFINITY) || 0,
    );
    for (const t of byIncrease) {
      if (t.budget.status !== level || covered.has(t)) continue;
      count += 1;
      targets += 1;
      if (first !== undefined) continue;
      firstIsTarget = true;
      // The first reason said once for every target of the model it holds on ("on all 16 targets").
      const reason = t.budget.reasons[0];
      const on = sharedBy(m.targets, t, reason);
      for (const o of on) covered.add(o);
      const where = on.length > 1 ? targetsPhrase(on, m.targets, targetLabel) : targetLabel(t.target);
      first = `${modelText(m)} on ${where}${reason !== undefined ? `: ${shortReason(reason)}` : ''}`;
    }
  }
  const problems = report.problems?.length ?? 0;
  if (first === undefined)
    return problems > 0
      ? problems === 1
        ? 'a problem with the run, below'
        : `${problems} problems with the run, below`
      : undefined;
  if (count <= 1) return first;
  const more = [
    ...(targets - (firstIsTarget ? 1 : 0) > 0
      ? [plural(targets - (firstIsTarget ? 1 : 0), 'more target')]
      : []),
    ...(errors - (firstIsTarget ? 0 : 1) > 0
      ? [plural(errors - (firstIsTarget ? 0 : 1), 'more model', 'more models')]
      : []),
  ];
  return `${first} (and ${more.join(', ')})`;
}

/** "1 new model", "2 removed models": what a statement about changes does not cover. */
function addedRemoved(report: ComparisonReport): string {
  const added = report.models.filter((m) => m.status === 'added').length;
  const removed = report.models.filter((m) => m.status === 'removed').length;
  const parts = [
    ...(added > 0 ? [plural(added, 'new model')] : []),
    ...(removed > 0 ? [plural(removed, 'removed model')] : []),
  ];
  return parts.map((p) => ` · ${p}`).join('');
}

/** A passing report's change: the worst increase, or how the decreases went when nothing increased. */
function passChange(report: ComparisonReport): string | undefined {
  const all = report.models.flatMap((m) => m.targets.map((target) => ({ model: m, target })));
  const compared = all.filter(({ target }) => target.base && target.head);
  // A change under the noise floor is no change: never a "worst change" of 0.00%.
  const changed = compared.filter(
    ({ target }) => target.change === 'increase' || target.change === 'decrease',
  );
  if (changed.some(({ target }) => target.change === 'increase')) {
    const worst = worstTarget(report);
    const worstPct = report.worstChangePct ?? (worst ? delta(worst.target).pct : undefined);
    if (worstPct === undefined) return undefined;
    // Name where it happened only when the report's number is that target's.
    const where =
      worst && delta(worst.target).pct === worstPct
        ? ` (${modelText(worst.model)}, ${targetLabel(worst.target.target)})`
        : '';
    return `worst change **${formatPct(worstPct, true)}**${where}${addedRemoved(report)}`;
  }
  const decreases = changed
    .map((c) => ({ ...c, pct: delta(c.target).pct }))
    .filter((c): c is typeof c & { pct: number } => c.pct !== undefined)
    .sort((a, b) => a.pct - b.pct);
  const largest = decreases[0];
  const smallest = decreases[decreases.length - 1];
  if (largest === undefined || smallest === undefined) return undefined;
  if (changed.length === compared.length && decreases.length === changed.length) {
    const low = formatPct(largest.pct, true);
    const high = formatPct(smallest.pct, true);
    const span = low === high ? low : `${low} to ${high}`;
    const complete = compared.length === all.length && report.models.every((m) => m.error === undefined);
    const which =
      (compared.length === 1 ? 'the only target' : `all ${formatInteger(compared.length)} targets`) +
      (complete ? '' : ' with a baseline');
    return `${which} decreased (**${span}**)${addedRemoved(report)}`;
  }
  return `largest decrease **${formatPct(largest.pct, true)}** (${modelText(largest.model)}, ${targetLabel(largest.target.target)}), others unchanged${addedRemoved(report)}`;
}

/**
 * The verdict heading and the line that says what was compared with what. `notesBelow`: the models
 * whose notes the document shows further down (none when only the verdict is shown).
 */
export function verdictBlocks(
  report: ComparisonReport,
  setting: ReportSetting = {},
  notesBelow: readonly ModelComparison[] = report.models,
): Block[] {
  const heading = `### ${STATUS_MARK[report.verdict]} ${verdictHeadline(report)}`;
  return [
    paragraph(heading),
    paragraph(verdictContext(report, setting)),
    ...problemLines(report),
    ...baselineWarning(report, notesBelow),
  ];
}

/** "Model energy: fail · what it is about", in inline Markdown. */
export function verdictHeadline(report: ComparisonReport): string {
  let heading = `Model energy: ${VERDICT_WORDS[report.verdict]}`;
  const cause = verdictCause(report);
  const change = report.verdict === 'pass' ? passChange(report) : undefined;
  if (cause !== undefined) {
    heading += ` · ${cause}`;
  } else if (change !== undefined) {
    heading += ` · ${change}`;
  } else if (report.models.length > 0 && !reportEnergyChanged(report)) {
    heading += ' · no energy change above the noise floor';
  } else if (report.models.length > 0 && report.models.every((m) => m.status === 'added')) {
    heading += ' · new models, no baseline to compare';
  }

  return heading;
}

/** What was compared with what, the models and targets, and where the budgets came from (inline Markdown). */
export function verdictContext(report: ComparisonReport, setting: ReportSetting = {}): string {
  const refs: string[] = [];
  if (report.baseSha !== undefined || report.baseRef !== undefined) {
    const ref = report.baseRef !== undefined ? ` ${inlineCode(report.baseRef, { max: 100 })}` : '';
    const sha = report.baseSha !== undefined ? ` at ${inlineCode(shortSha(report.baseSha))}` : '';
    refs.push(`base${ref}${sha}`);
  }
  if (report.mergeBaseSha !== undefined) refs.push(`merge base ${inlineCode(shortSha(report.mergeBaseSha))}`);
  const head =
    report.headSha === undefined
      ? undefined
      : report.headIsWorkingTree
        ? `working tree (uncommitted changes on ${inlineCode(shortSha(report.headSha))})`
        : `head ${inlineCode(shortSha(report.headSha))}`;
  const what = [refs.join(', '), head].filter((s) => s !== undefined && s !== '').join(' → ');
  const scope =
    report.models.length === 0
      ? 'no changed models'
      : `${modelCounts(report.models)} · ${plural(targetCount(report), 'target')}`;
  return [what, scope, budgetsText(report, setting)].filter((s) => s !== '').join(' · ');
}

/** Problems with the run itself (an invalid config) lead the report. */
function problemLines(report: ComparisonReport): Block[] {
  return (report.problems ?? []).map((problem) => paragraph(`⚠️ ${escapeWithCode(problem)}`));
}

/** Models judged without a baseline are said at the top, not only in the folded notes. */
function baselineWarning(report: ComparisonReport, notesBelow: readonly ModelComparison[]): Block[] {
  const models = report.models.filter(lacksBaseline);
  if (models.length === 0) return [];
  // The notes say why the base could not be analysed: point to them only where they are shown.
  const why = models.some((m) => m.notes.length > 0 && notesBelow.includes(m))
    ? ' The notes below say why.'
    : '';
  const shown = models.slice(0, 5).map(modelText).join(', ');
  const more = models.length > 5 ? ` and ${plural(models.length - 5, 'more model')}` : '';
  const one = models.length === 1;
  return [
    paragraph(
      `⚠️ No baseline for ${shown}${more}: the base version${one ? '' : 's'} could not be analysed, so ${one ? 'its' : 'their'} budgets against the base (max increase) were not checked.${why}`,
    ),
  ];
}

export function configNotice(report: ComparisonReport, setting: ReportSetting): Block[] {
  if (report.configChanges.length === 0) return [];
  const n = plural(report.configChanges.length, 'change');
  if (setting.budgets !== undefined) {
    const text =
      report.budgetsFrom === 'base'
        ? `⚙️ The working tree edits the energy config (${n}). Budgets are read from the merge base (\`--budgets-from base\`), so the edits apply only once committed and merged; see *Config changes* below.`
        : `⚙️ The working tree edits the energy config (${n}) and budgets are read from it (\`--budgets-from head\`); see *Config changes* below.`;
    return [paragraph(text)];
  }
  const text =
    report.budgetsFrom === 'base'
      ? `⚙️ This PR edits the energy config (${plural(report.configChanges.length, 'change')}). Budgets are read from the merge base, so they apply only after merge; see *Config changes* below.`
      : `⚙️ This PR edits the energy config (${plural(report.configChanges.length, 'change')}) and budgets are read from this PR (\`budgets-from: head\`); see *Config changes* below.`;
  return [paragraph(text)];
}
