import type { BudgetStatus } from '../compare/types.js';
import { displayWidth } from './text-table.js';

/** How a terminal report is drawn: its width in columns and whether verdicts are coloured. */
export interface TerminalStyle {
  readonly width: number;
  readonly color: boolean;
}

/** Piped output and tests: 80 columns, no colour. */
export const PLAIN_80: TerminalStyle = { width: 80, color: false };

const STATUS_CODE: Readonly<Record<BudgetStatus, string>> = { pass: '32', warn: '33', fail: '31' };

/** `text` in the status's colour (green, yellow, red) when the style has colour. */
export function paintStatus(style: TerminalStyle, status: BudgetStatus, text: string): string {
  if (!style.color || text.trim() === '') return text;
  return `\u001b[${STATUS_CODE[status]}m${text}\u001b[0m`;
}

export function bold(style: TerminalStyle, text: string): string {
  return style.color ? `\u001b[1m${text}\u001b[0m` : text;
}

/** A heading line: the text, underlined with dashes of its width. */
export function heading(text: string): string[] {
  return [text, '-'.repeat(Math.max(1, displayWidth(text)))];
}
