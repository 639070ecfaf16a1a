import { describe, expect, it } from 'vitest';
import { EventError } from '../src/action/event.js';
import { InputError } from '../src/action/inputs.js';
import { ReportValidationError } from '../src/compare/validate-report.js';
import { ConfigError } from '../src/config/errors.js';
import { UserError } from '../src/errors.js';
import { GitError } from '../src/git/errors.js';
import { GitHubError } from '../src/github/errors.js';
import { MeasureError } from '../src/measure/csv.js';
import { MeterError } from '../src/measure/meters/types.js';
import { ModelLoadError } from '../src/onnx/types.js';
import { PredictorError } from '../src/predict/errors.js';

describe('UserError', () => {
  it('is the base of every error about what the user gave, which keeps its own name', () => {
    const errors: Error[] = [
      new ModelLoadError('m.onnx', 'truncated'),
      new PredictorError('bad bundle'),
      new ConfigError('.github/model-energy.yml', []),
      new GitError(['show'], 'no such ref'),
      new MeasureError('k.csv', 'bad row'),
      new MeterError('rapl', '/sys/x', 'unreadable'),
      new GitHubError('GET /x', 404, 'Not Found'),
      new ReportValidationError('r.json', []),
      new InputError('mode', 'bad'),
      new EventError('no payload'),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(UserError);
      expect(e.name).toBe(e.constructor.name);
    }
  });
});
