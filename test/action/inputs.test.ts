import { describe, expect, it } from 'vitest';
import { InputError, parseInputs } from '../../src/action/inputs.js';
import type { InputName } from '../../src/action/names.js';

const from =
  (given: Partial<Record<InputName, string>>) =>
  (name: InputName): string =>
    given[name] ?? '';

describe('parseInputs', () => {
  it('gives the defaults for empty inputs', () => {
    expect(parseInputs(from({}))).toEqual({
      config: '.github/model-energy.yml',
      token: '',
      comment: 'always',
      commentKey: 'default',
      budgetsFrom: 'base',
      mode: 'check',
    });
  });

  it('reads lists split by commas or lines, trimmed, and every other input', () => {
    expect(
      parseInputs(
        from({
          models: ' models/**/*.onnx,\n app/*.tflite \n',
          devices: 'huawei-p40-pro, oneplus-8-pro',
          processors: 'cpu,gpu',
          config: ' ci/energy.yml ',
          'github-token': ' ghs_x ',
          comment: 'on-violation',
          'comment-key': 'linux-x64',
          'fail-on': 'regression',
          'base-ref': 'release',
          'budgets-from': 'head',
          mode: 'publish',
          report: 'r.json',
          'pull-request': '12',
          predictors: 'bundles',
        }),
      ),
    ).toEqual({
      models: ['models/**/*.onnx', 'app/*.tflite'],
      devices: ['huawei-p40-pro', 'oneplus-8-pro'],
      processors: ['cpu', 'gpu'],
      config: 'ci/energy.yml',
      token: 'ghs_x',
      comment: 'on-violation',
      commentKey: 'linux-x64',
      failOn: 'regression',
      baseRef: 'release',
      budgetsFrom: 'head',
      mode: 'publish',
      reportFile: 'r.json',
      pullRequest: 12,
      predictors: 'bundles',
    });
    expect(parseInputs(from({ devices: 'all' })).devices).toBe('all');
  });

  it('names the input and the allowed values when a value is wrong', () => {
    const problem = (given: Partial<Record<InputName, string>>): string => {
      try {
        parseInputs(from(given));
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(problem({ comment: 'sometimes' })).toBe(
      "input 'comment': 'sometimes' is not one of always, on-change, on-violation, never",
    );
    expect(problem({ processors: 'cpu,npu' })).toBe("input 'processors': 'npu' is not one of cpu, gpu");
    expect(problem({ 'pull-request': '#7' })).toBe("input 'pull-request': '#7' is not a pull request number");
    expect(problem({ 'pull-request': '0' })).toMatch(/^input 'pull-request'/);
    expect(problem({ 'comment-key': 'a b' })).toMatch(/^input 'comment-key': use 1-64 letters/);
    expect(problem({ mode: 'comment' })).toBe("input 'mode': 'comment' is not one of check, publish");
  });
});
