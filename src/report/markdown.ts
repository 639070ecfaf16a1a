import { commentMarker } from './marker.js';
import type { BudgetStatus, ComparisonReport } from '../compare/types.js';
import { safeUrl } from './escape.js';
import { formatInteger } from '../format/numbers.js';
import { blocksToString, paragraph } from './blocks.js';
import { plural, rankModels } from './ranking.js';
import { type ReportSetting, verdictBlocks } from './verdict.js';
import { footer } from './sections.js';
import { type DocumentPlan, reportBlocks } from './document.js';
import { clip, mostThatFit } from './truncate.js';

/**
 * The comparison report as GitHub-flavoured Markdown: the sticky pull-request comment and the CLI's
 * report (this module) and the job summary (summary.ts) are plans over one document (document.ts),
 * assembled from verdict.ts, model-tables.ts and sections.ts. Pure functions of the report.
 */

/**
 * The report as `model-energy compare` prints it: the comment's content without the marker the
 * action's comment is found by, never cut, every note and each model's kernel changes on its primary
 * target in full, worded for a local run (the config file, the working tree).
 */
export function renderCliReport(report: ComparisonReport, setting: ReportSetting = {}): string {
  const blocks = reportBlocks(report, {
    audience: 'cli',
    models: rankModels(report.models),
    kernelDetail: true,
    setting,
  });
  return `${blocksToString(blocks).trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------------
// The sticky comment.

export { commentMarker };

export type TruncationStage = 'kernel-detail' | 'per-target' | 'models' | 'verdict-only';

export interface CommentOptions {
  /** Tells comments apart when several reports go to one PR (the action's `comment-key`). */
  readonly key: string;
  /** Default 60,000: under GitHub's 65,536-character limit with room to spare. */
  readonly maxChars?: number;
  readonly summaryUrl?: string;
  readonly runUrl?: string;
}

export interface RenderedComment {
  readonly body: string;
  /** The cutting stages applied, in order; empty when the comment is complete. */
  readonly truncated: TruncationStage[];
}

export const DEFAULT_COMMENT_MAX_CHARS = 60_000;

function summaryPointer(options: CommentOptions): string {
  const summary = safeUrl(options.summaryUrl);
  const run = safeUrl(options.runUrl);
  if (summary !== undefined) return `the [job summary](${summary})`;
  if (run !== undefined) return `the job summary of [this workflow run](${run})`;
  return 'the job summary of this workflow run';
}

function cutNotice(options: CommentOptions, cut: readonly string[]): string {
  const list =
    cut.length <= 1 ? (cut[0] ?? '') : `${cut.slice(0, -1).join(', ')} and ${cut[cut.length - 1] ?? ''}`;
  return `> ✂️ Shortened to fit GitHub’s comment size limit, leaving out ${list}. The full report is in ${summaryPointer(options)}.`;
}

/**
 * One sticky pull-request comment: the marker line, the verdict, the per model × target table, the
 * structure deltas and folded detail. Kept under `maxChars` by cutting in stages: kernel-level detail,
 * then all but the models that fail, warn or changed most, then everything but the verdict. Each stage
 * applied is listed in `truncated` and said in the comment.
 */
export function renderComment(report: ComparisonReport, options: CommentOptions): RenderedComment {
  const maxChars = options.maxChars ?? DEFAULT_COMMENT_MAX_CHARS;
  const marker = `${commentMarker(options.key)}\n`;
  const links = {
    ...(options.summaryUrl !== undefined ? { summaryUrl: options.summaryUrl } : {}),
    ...(options.runUrl !== undefined ? { runUrl: options.runUrl } : {}),
  };
  const ranked = rankModels(report.models);
  const render = (plan: Omit<DocumentPlan, 'audience' | 'summaryUrl' | 'runUrl'>): string =>
    (marker + blocksToString(reportBlocks(report, { audience: 'comment', ...links, ...plan }))).trimEnd() +
    '\n';

  const full = render({ models: ranked, kernelDetail: true });
  if (full.length <= maxChars) return { body: full, truncated: [] };

  const detailWords = 'kernel-level and per-device detail';
  const folded = render({
    models: ranked,
    kernelDetail: false,
    cutNotice: cutNotice(options, [detailWords]),
  });
  if (folded.length <= maxChars) return { body: folded, truncated: ['kernel-detail'] };

  // Then the per-target rows of all but the first models, every model keeping its summary row.
  const matrixWords = (k: number): string =>
    `the per-target rows of ${formatInteger(ranked.length - k)} of ${plural(ranked.length, 'model')} (every model keeps its row in the table)`;
  const perTarget = mostThatFit(ranked.length, maxChars, (k) =>
    render({
      models: ranked,
      matrixModels: ranked.slice(0, k),
      kernelDetail: false,
      cutNotice: cutNotice(options, [detailWords, matrixWords(k)]),
    }),
  );
  if (perTarget !== undefined) return { body: perTarget, truncated: ['kernel-detail', 'per-target'] };

  // Then whole models, the ones that fail, then warn, then changed most kept; the notice counts the rest.
  const modelsWords = (k: number): string => {
    const omitted = ranked.slice(k);
    const count = (s: BudgetStatus) => omitted.filter((m) => m.budget === s).length;
    return (
      `${formatInteger(omitted.length)} of ${plural(ranked.length, 'model')} ` +
      `(not shown: ${formatInteger(count('fail'))} that fail, ${formatInteger(count('warn'))} that warn, ${formatInteger(count('pass'))} that pass; ` +
      'those that fail come first, then those that warn, then the largest changes)'
    );
  };
  const fewer = mostThatFit(
    ranked.length - 1,
    maxChars,
    (k) =>
      render({
        models: ranked.slice(0, k),
        matrixModels: [],
        omittedModels: ranked.slice(k),
        kernelDetail: false,
        cutNotice: cutNotice(options, [detailWords, 'the per-target rows', modelsWords(k)]),
      }),
    1,
  );
  if (fewer !== undefined) return { body: fewer, truncated: ['kernel-detail', 'per-target', 'models'] };

  const verdictOnly =
    marker +
    blocksToString([
      ...verdictBlocks(report, {}, []),
      paragraph(cutNotice(options, ['the tables and all detail'])),
      ...footer(report, links),
    ]).trimEnd() +
    '\n';
  return {
    body: clip(verdictOnly, maxChars),
    truncated: ['kernel-detail', 'per-target', 'models', 'verdict-only'],
  };
}
