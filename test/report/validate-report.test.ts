import { describe, expect, it } from 'vitest';
import schema from '../../src/compare/report-schema.json' with { type: 'json' };
import type { ComparisonReport } from '../../src/compare/types.js';
import { ReportValidationError, jsonPath, validateReport } from '../../src/compare/validate-report.js';
import { KERNEL_TYPES } from '../../src/kernels/catalog.js';
import { SCENARIOS, budgetFail, manyModels } from './scenarios.js';

/** The report as publish mode reads it: through JSON. */
const roundTrip = (r: ComparisonReport): unknown => JSON.parse(JSON.stringify(r));

type Path = readonly (string | number)[];

/** A JSON copy of budgetFail with the value at each path replaced (undefined deletes it). */
function broken(...edits: [Path, unknown][]): unknown {
  const r = roundTrip(budgetFail);
  for (const [path, value] of edits) {
    let node = r as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return r;
}

function messageOf(json: unknown): string {
  try {
    validateReport(json, 'artifact/report.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ReportValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the report to be rejected');
}

describe('validateReport accepts', () => {
  for (const [name, r] of Object.entries(SCENARIOS)) {
    it(`the ${name} report`, () => {
      expect(validateReport(roundTrip(r), 'report.json')).toEqual(r);
    });
  }

  it('a report of 300 models on 16 targets', () => {
    expect(validateReport(roundTrip(manyModels(300)), 'report.json').models).toHaveLength(300);
  });
});

describe('validateReport rejects, naming the file, the path and the problem', () => {
  it('a missing field', () => {
    expect(messageOf(broken([['verdict'], undefined]))).toBe(
      'artifact/report.json: not a valid model-energy-check report: $.verdict: is required but missing',
    );
  });

  it('a value of the wrong type', () => {
    expect(messageOf(broken([['models', 1, 'targets', 0, 'head', 'energyMj'], '88.4']))).toBe(
      'artifact/report.json: not a valid model-energy-check report: $.models[1].targets[0].head.energyMj: must be a finite number (got "88.4")',
    );
  });

  it('numbers that are not finite', () => {
    const r = { ...budgetFail, worstChangePct: Number.POSITIVE_INFINITY };
    expect(messageOf(r)).toContain('$.worstChangePct: must be a finite number (got Infinity)');
    const nan = broken([['models', 1, 'targets', 0, 'head', 'score'], Number.NaN]);
    expect(messageOf(nan)).toContain('$.models[1].targets[0].head.score: must be a finite number (got NaN)');
  });

  it('an unknown enum value', () => {
    expect(messageOf(broken([['models', 0, 'targets', 0, 'change'], 'bigger']))).toContain(
      '$.models[0].targets[0].change: must be one of "unchanged", "increase", "decrease", "new", "removed" (got "bigger")',
    );
  });

  it('an unknown field', () => {
    expect(messageOf(broken([['models', 0, 'commentBody'], '@everyone']))).toContain(
      '$.models[0].commentBody: is not a field of this object (fields: path, previousPath, status,',
    );
  });

  it('an unknown kernel type as a map key', () => {
    expect(messageOf(broken([['models', 1, 'targets', 0, 'head', 'byType', '<img>'], 1]))).toContain(
      '$.models[1].targets[0].head.byType["<img>"]: is not an allowed key here: must be one of "conv-bn-relu"',
    );
  });

  it('strings over their bound', () => {
    expect(messageOf(broken([['warnings', 0], 'x'.repeat(2001)]))).toContain(
      '$.warnings[0]: must be at most 2000 characters (got 2001)',
    );
  });

  it('arrays over their bound', () => {
    const r = broken([['models', 0, 'notes'], Array.from({ length: 101 }, () => 'n')]);
    expect(messageOf(r)).toContain('$.models[0].notes: must have at most 100 items (got 101)');
  });

  it('a commit id that is not one', () => {
    expect(messageOf(broken([['headSha'], 'HEAD; rm -rf /']))).toContain(
      '$.headSha: must be a full commit id: 40 or 64 lowercase hex digits (got "HEAD; rm -rf /")',
    );
  });

  it('another schema version or kind', () => {
    expect(messageOf(broken([['schemaVersion'], 2]))).toContain('$.schemaVersion: must be 1 (got 2)');
    expect(messageOf(broken([['kind'], 'analysis']))).toContain(
      '$.kind: must be "comparison" (got "analysis")',
    );
  });

  it('a range with its ends swapped', () => {
    expect(
      messageOf(
        broken([
          ['models', 1, 'targets', 0, 'head', 'energyRangeMj'],
          [99, 77],
        ]),
      ),
    ).toContain(
      '$.models[1].targets[0].head.energyRangeMj: must be [low, high] with low <= high (got [99, 77])',
    );
  });

  it('something that is not a report at all', () => {
    expect(messageOf('hello')).toBe(
      'artifact/report.json: not a valid model-energy-check report: $: must be an object (got "hello")',
    );
    expect(messageOf(null)).toContain('$: must be an object (got null)');
  });

  it('listing several problems, each on its own line', () => {
    const message = messageOf(broken([['verdict'], 'maybe'], [['models', 0, 'path'], '']));
    expect(message).toMatch(/^artifact\/report.json: not a valid model-energy-check report \(2 problems\)\n/);
    expect(message).toContain('\n  $.verdict: must be one of "pass", "warn", "fail" (got "maybe")');
    expect(message).toContain('\n  $.models[0].path: must not be empty');
  });
});

describe('the schema', () => {
  it('knows the same kernel types as the engine', () => {
    expect(schema.definitions.kernelType.enum).toEqual([...KERNEL_TYPES]);
  });

  it('paths read as JSONPath', () => {
    expect(jsonPath('/models/0/byType/conv-bn-relu')).toBe('$.models[0].byType["conv-bn-relu"]');
    expect(jsonPath('/a~1b/c~0d')).toBe('$["a/b"]["c~d"]');
    expect(jsonPath('', 'verdict')).toBe('$.verdict');
  });
});
