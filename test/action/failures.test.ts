import { describe, expect, it } from 'vitest';
import { budget, compare, crossed, CPU, GPU, model, report } from '../report/builder.js';
import { failureMessage, modelReason } from '../../src/action/failures.js';

const WARN = crossed('maxIncreasePct', 'warn', 1.9, 1, { models: ['models/**'] });
const FAIL = crossed('maxIncreasePct', 'fail', 24, 2, { models: ['models/**'] });

// issue 12, defect 3: a model failing on one target and warning on another.
const mixed = model('models/a.onnx', [
  compare(CPU, 100, 101.9, { budget: budget('warn', WARN) }),
  compare(GPU, 100, 124, { budget: budget('fail', FAIL) }),
]);

describe('the step’s failure message and error annotations', () => {
  it('cite the failing budget, not a warn-level reason of the same model', () => {
    expect(modelReason(mixed)).toBe(
      'OnePlus 8 Pro GPU: +24% over the base is above max-increase-pct fail 2% (budget 1: models/**)',
    );
    const message = failureMessage(report([mixed]));
    expect(message).toContain('fail 2%');
    expect(message).not.toContain('warn 1%');
  });

  it('name the failing models worst first', () => {
    const small = model('models/small.onnx', [compare(CPU, 100, 103, { budget: budget('fail', FAIL) })]);
    const warnOnly = model('models/warn.onnx', [compare(CPU, 100, 190, { budget: budget('warn', WARN) })]);
    const message = failureMessage(report([small, warnOnly, mixed]));
    expect(message.indexOf('models/a.onnx')).toBeLessThan(message.indexOf('models/small.onnx'));
    expect(message).not.toContain('models/warn.onnx');
    expect(message).toMatch(/^Energy check failed for 2 model\(s\): /);
  });
});
