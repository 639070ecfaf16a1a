import { fileIssuesError } from '../errors.js';

/** One problem in a config file: where it is and what is wrong. */
export interface ConfigIssue {
  /** The field, as written in the file: `budgets[0].max-increase-pct.warn`; empty for the whole file. */
  readonly field: string;
  readonly problem: string;
  /** 1-based position in the file, where the YAML parser knows it. */
  readonly line?: number;
  readonly column?: number;
}

/** A config file that cannot be used. The message names the file, and per issue the line, field and problem. */
export class ConfigError extends fileIssuesError('ConfigError', formatIssues) {}

function formatIssues(file: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const at =
      issue.line !== undefined
        ? `${file}:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}`
        : file;
    return `${at}: ${issue.field === '' ? '' : `${issue.field}: `}${issue.problem}`;
  });
  if (lines.length === 1) return lines[0] ?? file;
  return `${file}: ${issues.length} problems\n${lines.map((l) => `  ${l}`).join('\n')}`;
}
