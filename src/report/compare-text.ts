import type {
  BudgetStatus,
  ComparisonReport,
  ModelComparison,
  TargetComparison,
  TargetEnergy,
} from '../compare/types.js';
import { clean, markdownToPlain } from './escape.js';
import { formatRangePct, significant } from '../format/numbers.js';
import {
  batteryCell,
  deltaCells,
  gradeCell,
  isUnpriced,
  lacksBaseline,
  NO_BUDGET_CELL,
  REMOVED_BUDGET_CELL,
} from './cells.js';
import { blocksToString } from './blocks.js';
import {
  hasReducedPrecision,
  METHOD_WORDS,
  PRECISION_PRICING,
  PROVENANCE_TEXT_MAX,
  pricingNotice,
} from './sections.js';
import { accuracyText } from './accuracy.js';
import { rankModels } from './ranking.js';
import { reasonText } from './reasons.js';
import { reasonGroups, targetsPhrase } from './reason-groups.js';
import { RANGE_LEGEND, statsLine } from './model-tables.js';
import { verdictContext, verdictHeadline, type ReportSetting } from './verdict.js';
import { bold, paintStatus, type TerminalStyle } from './terminal.js';
import { renderTable, wrap, type Column } from './text-table.js';

/**
 * The comparison report for a terminal (`model-energy compare --format text`): the verdict first, one
 * aligned table of model x target fitted to the width, then the budgets' reasons, the structure, where
 * the numbers come from and the notes as wrapped prose. The wording is the comment's (markdown.ts),
 * shown as plain text; no Markdown or HTML.
 */
export function renderCompareText(
  report: ComparisonReport,
  style: TerminalStyle,
  setting: ReportSetting = {},
): string {
  const { width } = style;
  const models = rankModels(report.models);
  const out: string[] = [];
  // Raw text (paths, reasons, notes) is wrapped as it is; the comment's Markdown wording goes through terminalText first.
  const prose = (text: string, indent = ''): void => {
    out.push(...wrap(text, width, indent));
  };
  const mark = paintStatus(style, report.verdict, bold(style, VERDICT_MARK[report.verdict]));
  out.push(
    ...wrap(`${VERDICT_MARK[report.verdict]} ${terminalText(verdictHeadline(report))}`, width, '  ').map(
      (line, i) => (i === 0 ? line.replace(VERDICT_MARK[report.verdict], mark) : line),
    ),
  );
  prose(terminalText(verdictContext(report, setting)));
  for (const problem of report.problems ?? []) prose(`warning: ${clean(problem)}`, '  ');
  const noBaseline = models.filter(lacksBaseline);
  if (noBaseline.length > 0)
    prose(
      `warning: no baseline for ${noBaseline.map(modelLabel).join(', ')}: the base could not be analysed, so budgets against the base (max increase) were not checked.`,
      '  ',
    );

  if (models.length === 0) {
    out.push('', 'No changed model matched the models globs of the config.');
  } else {
    out.push('', renderTable(mainColumns(style), models.flatMap(rowsOf), width));
    const reasons = models.filter((m) => reasonLines(m).length > 0);
    if (reasons.length > 0) {
      out.push('', 'Budgets:');
      for (const m of reasons) {
        prose(`  ${modelLabel(m)}`, '    ');
        for (const r of reasonLines(m)) prose(`    ${r}`, '      ');
      }
    }
    const stats = models.map(statsLine).filter((l): l is string => l !== undefined);
    if (stats.length > 0) {
      out.push('', 'Structure (MACs, parameters, bytes moved per inference):');
      for (const line of stats) prose(`  ${terminalText(line.replace(/^- /, '').trimEnd())}`, '    ');
    }
    const pricing = blocksToString(pricingNotice(models)).trim();
    if (pricing !== '') {
      out.push('');
      prose(terminalText(pricing), '  ');
    }
  }

  out.push('', 'Where the numbers come from:');
  prose(
    `  Energy is the sum of per-kernel predictions (DeepEn2023, Tu et al., SEC 2023) by each target's predictor bundle; ${markdownToPlain(RANGE_LEGEND)} Grades compare with MobileNetV1 on the same target (A+ best); battery: 1% of the device's battery / energy per inference.`,
    '  ',
  );
  if (hasReducedPrecision(report)) prose(`  ${markdownToPlain(PRECISION_PRICING)}`, '  ');
  for (const b of report.bundles)
    prose(
      `  ${b.id}: ${METHOD_WORDS[b.method] ?? b.method}; ${clean(b.source, PROVENANCE_TEXT_MAX)}; ${clean(accuracyText(b.accuracy), PROVENANCE_TEXT_MAX)}`,
      '    ',
    );

  if (report.configChanges.length > 0) {
    out.push(
      '',
      `Config changes (budgets are read from the ${report.budgetsFrom === 'base' ? 'base' : 'head'} side):`,
    );
    for (const c of report.configChanges) prose(`  ${clean(c, 300)}`, '    ');
  }
  const notes = [
    ...report.warnings.map((w) => `warning: ${clean(w)}`),
    ...models.flatMap((m) => m.notes.map((n) => `${modelLabel(m)}: ${clean(n)}`)),
  ];
  if (notes.length > 0) {
    out.push('', 'Notes:');
    for (const n of notes) prose(`  ${n}`, '    ');
  }
  out.push(
    '',
    ...wrap(
      `Kernel-level detail: --format markdown; the full report: --format json. model-energy-check ${report.tool.version}`,
      width,
    ),
  );
  return `${out.join('\n')}\n`;
}

const VERDICT_MARK: Readonly<Record<BudgetStatus, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

/** Markdown wording as terminal text: plain, with the comment's ⚠️ and ℹ️ as words. */
function terminalText(markdown: string): string {
  return markdownToPlain(markdown)
    .replace(/⚠️ ?/g, 'warning: ')
    .replace(/ℹ️ ?/g, 'note: ')
    .replace(/⚙️ ?/g, '');
}

function targetText(t: Pick<TargetComparison, 'target'>): string {
  return `${clean(t.target.deviceName, 80)} ${t.target.processor.toUpperCase()}`;
}

function modelLabel(m: ModelComparison): string {
  const before =
    m.previousPath !== undefined &&
    m.previousPath !== m.path &&
    m.status !== 'added' &&
    m.status !== 'removed'
      ? `${clean(m.previousPath, 300)} → `
      : '';
  return `${before}${clean(m.path, 300)}`;
}

interface Row {
  readonly model: ModelComparison;
  readonly first: boolean;
  readonly target?: TargetComparison;
}

function rowsOf(m: ModelComparison): Row[] {
  if (m.targets.length === 0) return [{ model: m, first: true }];
  const rows: Row[] = m.error !== undefined ? [{ model: m, first: true }] : [];
  m.targets.forEach((t) => rows.push({ model: m, first: rows.length === 0, target: t }));
  return rows;
}

const STATUS_SUFFIX: Readonly<Record<ModelComparison['status'], string>> = {
  added: ' (new)',
  removed: ' (removed)',
  renamed: ' (renamed)',
  modified: '',
};

const energy = (e: TargetEnergy | undefined): string => (e ? significant(e.energyMj) : '—');

function budgetWord(row: Row): { status: BudgetStatus; text: string } {
  const { model, target } = row;
  if (target === undefined) {
    if (model.error !== undefined) return { status: model.budget, text: model.budget };
    return {
      status: model.budget,
      text: model.status === 'removed' && model.budget === 'pass' ? REMOVED_BUDGET_CELL : model.budget,
    };
  }
  const { budget } = target;
  if (target.change === 'removed' && budget.status === 'pass' && budget.reasons.length === 0)
    return { status: 'pass', text: REMOVED_BUDGET_CELL };
  if (budget.status === 'pass' && budget.applied !== undefined && budget.applied.length === 0)
    return { status: 'pass', text: NO_BUDGET_CELL };
  return { status: budget.status, text: budget.status };
}

function mainColumns(style: TerminalStyle): Column<Row>[] {
  return [
    {
      header: 'Model',
      // The head path only: the verdict line and the sections below say what it was compared with.
      value: (r) => (r.first ? `${clean(r.model.path, 300)}${STATUS_SUFFIX[r.model.status]}` : ''),
      min: 16,
      shrink: 3,
    },
    {
      header: 'Target',
      value: (r) =>
        r.target
          ? `${clean(r.target.target.deviceName, 80)} ${r.target.target.processor.toUpperCase()}`
          : '—',
      min: 14,
      shrink: 2,
    },
    { header: 'Base mJ', align: 'r', value: (r) => energy(r.target?.base) },
    { header: 'Head mJ', align: 'r', value: (r) => energy(r.target?.head) },
    {
      header: '±',
      align: 'r',
      value: (r) => {
        const e = r.target?.head ?? r.target?.base;
        return e ? formatRangePct(e.energyMj, e.energyRangeMj) : '';
      },
      optional: 4,
    },
    {
      header: 'Δ mJ',
      align: 'r',
      value: (r) =>
        r.target
          ? deltaCells(r.model, r.target)[0].replace(/ mJ$/, '')
          : r.model.error !== undefined
            ? isUnpriced(r.model)
              ? 'not priced'
              : 'error'
            : r.model.status === 'removed'
              ? 'removed'
              : 'no targets',
      optional: 2,
    },
    {
      header: 'Δ %',
      align: 'r',
      value: (r) => (r.target ? deltaCells(r.model, r.target)[1].replace(/^[▲▼] /, '') : ''),
    },
    {
      header: 'Grade',
      value: (r) => (r.target ? gradeCell(r.model, r.target.base, r.target.head) : ''),
      optional: 3,
    },
    {
      header: 'Per 1% batt.',
      align: 'r',
      value: (r) => (r.target ? batteryCell(r.model, r.target) : ''),
      optional: 1,
    },
    {
      header: 'Budget',
      value: (r) => budgetWord(r).text,
      paint: (r, padded) => paintStatus(style, budgetWord(r).status, padded),
    },
  ];
}

/** The model's reasons, each once with the targets it holds on (reason-groups.ts); an error with its message. */
function reasonLines(m: ModelComparison): string[] {
  const lines: string[] = [];
  if (m.error !== undefined)
    lines.push(`${m.budget}: ${isUnpriced(m) ? '' : 'not analysed: '}${clean(m.error)}`);
  for (const g of reasonGroups(m.targets)) {
    const where = targetsPhrase(g.targets, m.targets, (target) => targetText({ target }));
    lines.push(`${where}: ${g.level}: ${g.reasons.map((r) => clean(reasonText(r), 300)).join('; ')}`);
  }
  return lines;
}
