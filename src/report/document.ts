import type { ComparisonReport, ModelComparison } from '../compare/types.js';
import { type Block, paragraph } from './blocks.js';
import { isUnchangedOnly, modelCounts } from './ranking.js';
import { type ReportSetting, configNotice, verdictBlocks } from './verdict.js';
import { mainTableBlocks, statsSection, summaryBlocks, unchangedSection } from './model-tables.js';
import {
  chartSection,
  configSection,
  deviceSection,
  footer,
  kernelSection,
  notesSection,
  provenanceSection,
} from './sections.js';

/** Documents: the report as blocks, for a plan that says which audience gets what. */

export interface DocumentPlan {
  /** The PR comment, the job summary, or the CLI's output (complete, with nothing to point to). */
  readonly audience: 'comment' | 'summary' | 'cli';
  /** Models to show, in display order. */
  readonly models: readonly ModelComparison[];
  /**
   * Comment only: the models whose per-target rows the folded matrix shows (all of `models` by
   * default); every model in `models` keeps its row in the summary table.
   */
  readonly matrixModels?: readonly ModelComparison[];
  /** Kernel changes, charts and per-device tables. */
  readonly kernelDetail: boolean;
  /** What was cut, said at the top (comment only). */
  readonly cutNotice?: string;
  readonly omittedModels?: readonly ModelComparison[];
  readonly summaryUrl?: string;
  readonly runUrl?: string;
  readonly setting?: ReportSetting;
}

const COMMENT_KERNEL_ROWS = 5;
const COMMENT_NOTES = 20;

/** The report as blocks; the comment and the job summary differ only in their plan. */
export function reportBlocks(report: ComparisonReport, plan: DocumentPlan): Block[] {
  const setting = plan.setting ?? {};
  const { models } = plan;
  const blocks: Block[] = [...verdictBlocks(report, setting, models)];
  if (plan.cutNotice !== undefined) blocks.push(paragraph(plan.cutNotice));
  blocks.push(...configNotice(report, setting));
  const comment = plan.audience === 'comment';
  if (report.models.length === 0) {
    blocks.push(paragraph('No changed model matched the `models` globs.'));
  } else if (isUnchangedOnly(report)) {
    blocks.push(...unchangedSection(report, models));
  } else {
    const matrixModels = comment ? (plan.matrixModels ?? models) : models;
    blocks.push(...(comment ? summaryBlocks(report, models, matrixModels) : mainTableBlocks(models)));
    const omitted = plan.omittedModels ?? [];
    if (omitted.length > 0) {
      blocks.push(paragraph(`*Not shown here: ${modelCounts(omitted)}.*`));
    }
    blocks.push(...statsSection(matrixModels));
    if (plan.kernelDetail) {
      blocks.push(
        ...kernelSection(
          models,
          plan.audience === 'summary' ? 'all' : 'primary',
          comment ? COMMENT_KERNEL_ROWS : Number.POSITIVE_INFINITY,
        ),
        ...chartSection(models),
        ...deviceSection(report, models),
      );
    }
  }
  blocks.push(
    ...provenanceSection(report),
    ...configSection(report, setting),
    ...notesSection(report, models, comment ? COMMENT_NOTES : Number.POSITIVE_INFINITY),
    ...footer(report, plan),
  );
  return blocks;
}
