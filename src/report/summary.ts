import type { ComparisonReport } from '../compare/types.js';
import { type Block } from './blocks.js';
import { rankModels } from './ranking.js';
import { reportBlocks } from './document.js';

/** GitHub refuses step summaries over 1 MiB; the default leaves room for other steps' output. */
export const DEFAULT_SUMMARY_MAX_BYTES = 1_000_000;

export const SUMMARY_CUT_NOTICE =
  '> ✂️ The rest of this summary was cut to stay under GitHub’s 1 MiB limit for job summaries. The JSON report (the action’s `report` output) has all of it.\n';

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;

/**
 * Writes blocks in order until the next one would not fit in `maxBytes` together with the closing
 * text of every group still open and the notice; then closes those groups and appends the notice.
 */
export function fitBlocks(
  blocks: readonly Block[],
  maxBytes: number,
  notice: string,
): { text: string; cut: boolean } {
  const out: string[] = [];
  const noticeBytes = byteLength(`\n\n${notice}`);
  let used = 0;
  let closing = 0;
  let cut = false;

  const fits = (bytes: number): boolean => used + bytes + closing + noticeBytes <= maxBytes;
  const visit = (block: Block): boolean => {
    if (typeof block === 'string') {
      const bytes = byteLength(block);
      if (!fits(bytes)) return false;
      out.push(block);
      used += bytes;
      return true;
    }
    const openBytes = byteLength(block.open);
    const closeBytes = byteLength(block.close);
    if (!fits(openBytes + closeBytes)) return false;
    out.push(block.open);
    used += openBytes;
    closing += closeBytes;
    const complete = block.children.every(visit);
    closing -= closeBytes;
    out.push(block.close);
    used += closeBytes;
    return complete;
  };

  for (const block of blocks) {
    if (!visit(block)) {
      cut = true;
      break;
    }
  }
  if (!cut) return { text: out.join(''), cut };
  return { text: `${out.join('').trimEnd()}\n\n${notice}`, cut };
}

export interface SummaryOptions {
  /** Default 1,000,000 bytes (UTF-8). */
  readonly maxBytes?: number;
}

/**
 * The job summary: the comment's content in full (every model, every target's kernel changes), cut
 * between rows with a notice when it would pass `maxBytes`.
 */
export function renderSummary(report: ComparisonReport, options: SummaryOptions = {}): string {
  const blocks = [
    '## Model energy check\n\n',
    ...reportBlocks(report, { audience: 'summary', models: rankModels(report.models), kernelDetail: true }),
  ];
  return fitBlocks(blocks, options.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES, SUMMARY_CUT_NOTICE).text;
}
