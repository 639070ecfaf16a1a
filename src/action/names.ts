/** The action's input and output names, as action.yml declares them (test/action/names.test.ts checks). */

export const INPUT_NAMES = [
  'models',
  'devices',
  'processors',
  'config',
  'github-token',
  'comment',
  'comment-key',
  'fail-on',
  'base-ref',
  'budgets-from',
  'mode',
  'report',
  'pull-request',
  'predictors',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export const OUTPUT_NAMES = [
  'report',
  'comment-body',
  'total-energy-mj',
  'worst-change-pct',
  'violations',
  'verdict',
  'comment-url',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];
