import { FAIL_ON, PROCESSORS } from './types.js';

/**
 * JSON schema of the config file as written (kebab-case keys). Two annotation keywords drive the
 * messages: `x-expected` says in words what a field takes, `x-empty` what an empty value lacks.
 * Fields that take one of two forms (a glob or a list of globs, a number or {warn, fail}) use a
 * `type` list with keywords that only apply to one of the types, so a mistake gets one error, not
 * one per alternative.
 */
const threshold = (what: string): object => ({
  type: ['number', 'object'],
  'x-expected': `a number (the fail level) or { warn, fail } (${what})`,
  'x-empty': 'must set warn, fail or both',
  minimum: 0,
  minProperties: 1,
  additionalProperties: false,
  properties: {
    warn: { type: 'number', minimum: 0, 'x-expected': `a number (${what})` },
    fail: { type: 'number', minimum: 0, 'x-expected': `a number (${what})` },
  },
});

const globs = {
  type: ['string', 'array'],
  'x-expected': 'a glob or a list of globs',
  minLength: 1,
  minItems: 1,
  items: { type: 'string', minLength: 1, 'x-expected': 'a glob' },
};

const processorPattern = `^(?:${PROCESSORS.join('|')})$`;
const processors = {
  type: ['string', 'array'],
  'x-expected': `a processor or a list of them (${PROCESSORS.join(', ')})`,
  pattern: processorPattern,
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', enum: [...PROCESSORS], 'x-expected': `one of ${PROCESSORS.join(', ')}` },
};

const deviceList = {
  type: 'array',
  'x-expected': 'a list of device ids',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, 'x-expected': 'a device id' },
};

export const BUDGET_KEYS = [
  'models',
  'devices',
  'processors',
  'max-mj',
  'max-increase-pct',
  'max-increase-mj',
  'min-score',
] as const;

export const CONFIG_KEYS = [
  'devices',
  'processors',
  'models',
  'budgets',
  'noise',
  'dims',
  'fail-on',
] as const;

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'model-energy-check configuration',
  type: 'object',
  'x-expected': 'a mapping of settings (devices, processors, models, budgets, noise, dims, fail-on)',
  additionalProperties: false,
  properties: {
    devices: {
      type: ['string', 'array'],
      'x-expected': '"all" or a list of device ids',
      pattern: '^all$',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, 'x-expected': 'a device id' },
    },
    processors,
    models: globs,
    budgets: {
      type: 'array',
      'x-expected': 'a list of budgets',
      items: {
        type: 'object',
        'x-expected':
          'a budget: { models, max-mj, max-increase-pct, max-increase-mj, min-score, devices, processors }',
        required: ['models'],
        additionalProperties: false,
        properties: {
          models: globs,
          devices: {
            ...deviceList,
            type: ['string', 'array'],
            'x-expected': 'a device id or a list of them',
          },
          processors,
          'max-mj': threshold('millijoules per inference'),
          'max-increase-pct': threshold('percent over the base'),
          'max-increase-mj': threshold('millijoules over the base'),
          'min-score': threshold('score'),
        },
      },
    },
    noise: {
      type: 'object',
      'x-expected': '{ pct, mj }',
      additionalProperties: false,
      properties: {
        pct: { type: 'number', minimum: 0, 'x-expected': 'a number (percent)' },
        mj: { type: 'number', minimum: 0, 'x-expected': 'a number (millijoules)' },
      },
    },
    dims: {
      type: 'object',
      'x-expected': 'a mapping from model glob to { dim name: value }',
      additionalProperties: {
        type: 'object',
        'x-expected': 'a mapping from dim name to a value (e.g. { batch: 1, height: 224 })',
        'x-empty': 'must give at least one dim value',
        minProperties: 1,
        additionalProperties: { type: 'integer', minimum: 1, 'x-expected': 'a whole number' },
      },
    },
    'fail-on': {
      type: 'string',
      'x-expected': `one of ${FAIL_ON.join(', ')}`,
      enum: [...FAIL_ON],
    },
  },
} as const;
