import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseInputs } from '../../src/action/inputs.js';
import { INPUT_NAMES, OUTPUT_NAMES, type InputName } from '../../src/action/names.js';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

describe('action input and output names', () => {
  it('are the ones action.yml declares, both ways', () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort());
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('are all read by parseInputs', () => {
    const read = new Set<InputName>();
    parseInputs((name) => {
      read.add(name);
      return '';
    });
    expect([...read].sort()).toEqual([...INPUT_NAMES].sort());
  });
});
