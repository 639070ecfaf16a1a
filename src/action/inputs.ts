import { FAIL_ON, PROCESSORS, type FailOn, type Processor } from '../config/types.js';
import type { InputName } from './names.js';
import { UserError } from '../errors.js';

/** Values of the action's inputs (action.yml), parsed and checked. Empty means "from the config file". */
export interface ActionInputs {
  readonly models?: readonly string[];
  readonly devices?: 'all' | readonly string[];
  readonly processors?: readonly Processor[];
  readonly config: string;
  readonly token: string;
  readonly comment: CommentPolicy;
  readonly commentKey: string;
  readonly failOn?: FailOn;
  readonly baseRef?: string;
  readonly budgetsFrom: 'base' | 'head';
  readonly mode: 'check' | 'publish';
  /** publish mode: the JSON report written by the check job (an artifact). */
  readonly reportFile?: string;
  /** workflow_dispatch: the pull request to check. */
  readonly pullRequest?: number;
  /** Extra predictor bundles (a folder of bundle folders), added to or replacing the defaults. */
  readonly predictors?: string;
}

export const COMMENT_POLICIES = ['always', 'on-change', 'on-violation', 'never'] as const;
export type CommentPolicy = (typeof COMMENT_POLICIES)[number];

export class InputError extends UserError {
  constructor(input: InputName, problem: string) {
    super(`input '${input}': ${problem}`);
    this.name = 'InputError';
  }
}

/** Reads the inputs through a getter (core.getInput in the action, a record in tests). */
export function parseInputs(get: (name: InputName) => string): ActionInputs {
  const list = (name: InputName): string[] | undefined => {
    const raw = get(name).trim();
    if (!raw) return undefined;
    return raw
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  };
  const oneOf = <T extends string>(name: InputName, allowed: readonly T[], fallback?: T): T | undefined => {
    const raw = get(name).trim();
    if (!raw) return fallback;
    if (!(allowed as readonly string[]).includes(raw))
      throw new InputError(name, `'${raw}' is not one of ${allowed.join(', ')}`);
    return raw as T;
  };
  const devices = list('devices');
  const processors = list('processors');
  for (const p of processors ?? []) {
    if (!(PROCESSORS as readonly string[]).includes(p))
      throw new InputError('processors', `'${p}' is not one of ${PROCESSORS.join(', ')}`);
  }
  const prRaw = get('pull-request').trim();
  const pullRequest = prRaw ? Number(prRaw) : undefined;
  if (pullRequest !== undefined && (!Number.isSafeInteger(pullRequest) || pullRequest <= 0)) {
    throw new InputError('pull-request', `'${prRaw}' is not a pull request number`);
  }
  const key = get('comment-key').trim() || 'default';
  if (!/^[\w.-]{1,64}$/.test(key))
    throw new InputError('comment-key', 'use 1-64 letters, digits, dots, dashes or underscores');
  const models = list('models');
  const failOn = oneOf('fail-on', FAIL_ON);
  const baseRef = get('base-ref').trim();
  const reportFile = get('report').trim();
  const predictors = get('predictors').trim();
  return {
    ...(models ? { models } : {}),
    ...(devices ? { devices: devices.length === 1 && devices[0] === 'all' ? 'all' : devices } : {}),
    ...(processors ? { processors: processors as Processor[] } : {}),
    config: get('config').trim() || '.github/model-energy.yml',
    token: get('github-token').trim(),
    comment: oneOf('comment', COMMENT_POLICIES, 'always')!,
    commentKey: key,
    ...(failOn ? { failOn } : {}),
    ...(baseRef ? { baseRef } : {}),
    budgetsFrom: oneOf('budgets-from', ['base', 'head'] as const, 'base')!,
    mode: oneOf('mode', ['check', 'publish'] as const, 'check')!,
    ...(reportFile ? { reportFile } : {}),
    ...(pullRequest ? { pullRequest } : {}),
    ...(predictors ? { predictors } : {}),
  };
}
