import { markdownTable } from 'markdown-table';
import { escapeHtml } from './escape.js';
import type { Column } from './text-table.js';

/**
 * Blocks: rendered Markdown with its structure kept, so the job summary can be cut between rows and
 * still close every table and <details> it opened.
 */

export interface BlockGroup {
  readonly open: string;
  readonly children: readonly Block[];
  readonly close: string;
}

/** A piece of Markdown (ending with its own newlines) or a group that must be closed once opened. */
export type Block = string | BlockGroup;

export function blocksToString(blocks: readonly Block[]): string {
  let out = '';
  const visit = (block: Block): void => {
    if (typeof block === 'string') {
      out += block;
      return;
    }
    out += block.open;
    block.children.forEach(visit);
    out += block.close;
  };
  blocks.forEach(visit);
  return out;
}

export const paragraph = (text: string): string => `${text}\n\n`;

/**
 * A Markdown table from the same column specs as the terminal's (text-table.ts): each column's header,
 * alignment and cell; the terminal-only fields (widths, shrinking, paint) do not apply here.
 */
export function table<R>(columns: readonly Column<R>[], rows: readonly R[]): BlockGroup {
  const lines = markdownTable(
    [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))],
    { align: columns.map((c) => c.align ?? 'l'), alignDelimiters: false },
  ).split('\n');
  return {
    open: `${lines.slice(0, 2).join('\n')}\n`,
    children: lines.slice(2).map((l) => `${l}\n`),
    close: '\n',
  };
}

export function details(summary: string, children: readonly Block[]): BlockGroup {
  return {
    open: `<details><summary>${escapeHtml(summary)}</summary>\n\n`,
    children,
    close: '</details>\n\n',
  };
}
