import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from './report-schema.json' with { type: 'json' };
import type { ComparisonReport } from './types.js';
import { fileIssuesError } from '../errors.js';

/** One problem in a report file: the JSON path of the value (`$.models[0].targets[1].head.energyMj`) and what is wrong. */
export interface ReportIssue {
  readonly path: string;
  readonly problem: string;
}

/** A JSON report that does not match src/compare/report-schema.json. The message names the file, and per issue the path and problem. */
export class ReportValidationError extends fileIssuesError('ReportValidationError', formatIssues) {}

const MAX_ISSUES = 20;

function formatIssues(file: string, issues: readonly ReportIssue[]): string {
  const lines = issues.slice(0, MAX_ISSUES).map((i) => `${i.path}: ${i.problem}`);
  if (issues.length > MAX_ISSUES) lines.push(`... and ${issues.length - MAX_ISSUES} more`);
  if (lines.length === 1) return `${file}: not a valid model-energy-check report: ${lines[0] ?? ''}`;
  return `${file}: not a valid model-energy-check report (${issues.length} problems)\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictNumbers: true }).compile(schema);
  return compiled;
}

/**
 * Checks an untrusted report (publish mode reads one from another workflow's artifact) against the
 * schema and returns it typed. The schema bounds every string, number and array; on top of it, each
 * energy range must be ordered. Throws ReportValidationError naming `file`, the JSON path and the problem.
 */
export function validateReport(json: unknown, file: string): ComparisonReport {
  const validate = validator();
  if (!validate(json)) throw new ReportValidationError(file, issuesOf(validate.errors ?? []));
  const report = json as ComparisonReport;
  const issues = rangeIssues(report);
  if (issues.length > 0) throw new ReportValidationError(file, issues);
  return report;
}

function rangeIssues(report: ComparisonReport): ReportIssue[] {
  const issues: ReportIssue[] = [];
  report.models.forEach((m, i) =>
    m.targets.forEach((t, j) => {
      for (const side of ['base', 'head'] as const) {
        const e = t[side];
        if (!e) continue;
        const [lo, hi] = e.energyRangeMj;
        if (lo > hi) {
          issues.push({
            path: `$.models[${i}].targets[${j}].${side}.energyRangeMj`,
            problem: `must be [low, high] with low <= high (got [${lo}, ${hi}])`,
          });
        }
      }
    }),
  );
  return issues;
}

// ---------------------------------------------------------------------------------------------------
// Ajv errors in words.

/** "/models/0/byType/conv-bn-relu" -> `$.models[0].byType["conv-bn-relu"]`. */
export function jsonPath(pointer: string, extra?: string): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  if (extra !== undefined) segments.push(extra.replace(/~/g, '~0').replace(/\//g, '~1'));
  let out = '$';
  for (const raw of segments) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9]\d*)$/.test(key)) out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.length > 40
        ? `${JSON.stringify(value.slice(0, 40))}... (${value.length} characters)`
        : JSON.stringify(value);
    case 'number':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a finite number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function param(error: ErrorObject, name: string): unknown {
  return (error.params as Record<string, unknown>)[name];
}

function problemOf(error: ErrorObject): string {
  const got = describe(error.data);
  const n = (name: string): string => String(param(error, name));
  switch (error.keyword) {
    case 'type': {
      const type = String(param(error, 'type'));
      return `must be ${TYPE_WORDS[type] ?? type} (got ${got})`;
    }
    case 'required':
      return 'is required but missing';
    case 'additionalProperties': {
      const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const known = Object.keys(parent?.properties ?? {});
      return `is not a field of this object${known.length > 0 ? ` (fields: ${known.join(', ')})` : ''}`;
    }
    case 'enum': {
      const allowed = (param(error, 'allowedValues') as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return `must be one of ${allowed} (got ${got})`;
    }
    case 'const':
      return `must be ${JSON.stringify(param(error, 'allowedValue'))} (got ${got})`;
    case 'maxLength':
      return `must be at most ${n('limit')} characters (got ${typeof error.data === 'string' ? error.data.length : got})`;
    case 'minLength':
      return 'must not be empty';
    case 'maximum':
      return `must be at most ${n('limit')} (got ${got})`;
    case 'minimum':
      return `must be at least ${n('limit')} (got ${got})`;
    case 'maxItems':
      return `must have at most ${n('limit')} items (got ${Array.isArray(error.data) ? error.data.length : got})`;
    case 'minItems':
      return `must have at least ${n('limit')} items (got ${Array.isArray(error.data) ? error.data.length : got})`;
    case 'uniqueItems':
      return `must not repeat items (items ${n('j')} and ${n('i')} are equal)`;
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return `must be ${description ?? `text matching ${n('pattern')}`} (got ${got})`;
    }
    default:
      return `${error.message ?? 'is invalid'} (got ${got})`;
  }
}

function issuesOf(errors: readonly ErrorObject[]): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // A bad key of a map (byType) is reported twice: once for the name, once by `propertyNames`.
    if (error.keyword === 'propertyNames') continue;
    let path: string;
    let problem: string;
    if (error.keyword === 'required') {
      path = jsonPath(error.instancePath, String(param(error, 'missingProperty')));
      problem = problemOf(error);
    } else if (error.keyword === 'additionalProperties') {
      path = jsonPath(error.instancePath, String(param(error, 'additionalProperty')));
      problem = problemOf(error);
    } else if (error.propertyName !== undefined) {
      path = jsonPath(error.instancePath, error.propertyName);
      problem = `is not an allowed key here: ${problemOf({ ...error, data: error.propertyName })}`;
    } else {
      path = jsonPath(error.instancePath);
      problem = problemOf(error);
    }
    const key = `${path}\u0000${problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, problem });
  }
  return issues;
}
