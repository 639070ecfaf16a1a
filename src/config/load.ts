import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type ConfigIssue, ConfigError } from './errors.js';
import { BUDGET_KEYS, CONFIG_KEYS, CONFIG_SCHEMA } from './schema.js';
import { didYouMean } from './suggest.js';
import {
  type Budget,
  DEFAULT_CONFIG,
  type DimsRule,
  type EnergyConfig,
  type FailOn,
  LIMIT_DIRECTION,
  LIMIT_KEYS,
  LIMITS,
  type Processor,
  type Threshold,
} from './types.js';

export interface ParseOptions {
  /** How the file is named in messages: a path, or `path@sha` for a config read from git. */
  readonly file: string;
  /** When given, device ids are checked against these (with a "did you mean" for near misses). */
  readonly knownDevices?: readonly string[];
}

/** A config as loaded: the values, and whether a file was there at all. */
export interface LoadedConfig {
  readonly config: EnergyConfig;
  readonly file: string;
  readonly exists: boolean;
}

/** A path into the file's data: keys and list indices. */
type Segment = string | number;

/**
 * Parses and validates a config file's text. `undefined` or an empty document gives the defaults: a
 * repository (or a merge base) without a config is normal. Structural problems (unknown keys, wrong
 * types) are reported together; checks of meaning (level order, devices, globs) follow once the
 * structure is valid.
 */
export function parseConfig(text: string | undefined, options: ParseOptions): EnergyConfig {
  if (text === undefined) return DEFAULT_CONFIG;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      options.file,
      doc.errors.map((error) => ({
        field: '',
        problem: `invalid YAML: ${error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`,
        ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}),
      })),
    );
  }
  const where = (segments: readonly Segment[], atKey = false): Pick<ConfigIssue, 'line' | 'column'> => {
    const node = locate(doc.contents, segments, atKey);
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || raw === undefined) return DEFAULT_CONFIG;
  const data = isPlainObject(raw) ? dropNulls(raw) : raw;

  const issues: ConfigIssue[] = [];
  const validate = compiledSchema();
  if (!validate(data)) {
    for (const error of validate.errors ?? []) issues.push(toIssue(error, data, where));
    throw new ConfigError(options.file, byPosition(dedupe(issues)));
  }
  const file = data as FileConfig;
  const config = toConfig(file);
  issues.push(...semanticIssues(file, config, options, where));
  if (issues.length > 0) throw new ConfigError(options.file, byPosition(issues));
  return config;
}

/** Reads a config file; a missing file gives the defaults (with `exists: false`), never an error. */
export async function loadConfigFile(
  path: string,
  options: Omit<ParseOptions, 'file'> = {},
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { config: DEFAULT_CONFIG, file: path, exists: false };
    const problem =
      code === 'EISDIR'
        ? 'is a directory, not a config file'
        : `cannot be read (${(error as Error).message})`;
    throw new ConfigError(path, [{ field: '', problem }], { cause: error });
  }
  return { config: parseConfig(text, { ...options, file: path }), file: path, exists: true };
}

/** Inputs of the action or flags of the CLI, which take precedence over the file. */
export interface ConfigOverrides {
  readonly devices?: 'all' | readonly string[];
  readonly processors?: readonly Processor[];
  readonly models?: readonly string[];
  readonly failOn?: FailOn;
}

export function withOverrides(config: EnergyConfig, overrides: ConfigOverrides): EnergyConfig {
  return {
    ...config,
    ...(overrides.devices !== undefined ? { devices: overrides.devices } : {}),
    ...(overrides.processors !== undefined ? { processors: overrides.processors } : {}),
    ...(overrides.models !== undefined ? { models: overrides.models } : {}),
    ...(overrides.failOn !== undefined ? { failOn: overrides.failOn } : {}),
  };
}

/** The config as written in the file, after schema validation. */
type FileThreshold = number | { warn?: number; fail?: number };
interface FileBudget {
  models: string | string[];
  devices?: string | string[];
  processors?: Processor | Processor[];
  'max-mj'?: FileThreshold;
  'max-increase-pct'?: FileThreshold;
  'max-increase-mj'?: FileThreshold;
  'min-score'?: FileThreshold;
}
interface FileConfig {
  devices?: string | string[];
  processors?: Processor | Processor[];
  models?: string | string[];
  budgets?: FileBudget[];
  noise?: { pct?: number; mj?: number };
  dims?: Record<string, Record<string, number>>;
  'fail-on'?: FailOn;
}

let compiled: ValidateFunction | undefined;
function compiledSchema(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true });
    ajv.addVocabulary(['x-expected', 'x-empty']);
    compiled = ajv.compile(CONFIG_SCHEMA);
  }
  return compiled;
}

function toConfig(file: FileConfig): EnergyConfig {
  const list = <T extends string>(value: T | T[] | undefined): T[] | undefined =>
    value === undefined ? undefined : Array.isArray(value) ? value : [value];
  const threshold = (value: FileThreshold | undefined): Threshold | undefined =>
    value === undefined ? undefined : typeof value === 'number' ? { fail: value } : { ...value };
  const budgets: Budget[] = (file.budgets ?? []).map((b) => {
    const devices = list(b.devices);
    const processors = list(b.processors);
    const limits = Object.fromEntries(
      LIMITS.flatMap((limit) => {
        const t = threshold(b[LIMIT_KEYS[limit]]);
        return t === undefined ? [] : [[limit, t]];
      }),
    );
    return {
      models: list(b.models) ?? [],
      ...(devices !== undefined ? { devices } : {}),
      ...(processors !== undefined ? { processors } : {}),
      ...limits,
    };
  });
  const dims: DimsRule[] = Object.entries(file.dims ?? {}).map(([models, values]) => ({
    models,
    values: { ...values },
  }));
  return {
    devices:
      file.devices === undefined || file.devices === 'all'
        ? DEFAULT_CONFIG.devices
        : (list(file.devices) ?? []),
    processors: list(file.processors) ?? DEFAULT_CONFIG.processors,
    models: list(file.models) ?? DEFAULT_CONFIG.models,
    budgets,
    noise: { ...DEFAULT_CONFIG.noise, ...file.noise },
    dims,
    failOn: file['fail-on'] ?? DEFAULT_CONFIG.failOn,
  };
}

type Where = (segments: readonly Segment[], atKey?: boolean) => Pick<ConfigIssue, 'line' | 'column'>;

/** Checks the schema cannot express: level order, empty budgets, globs, known devices. */
function semanticIssues(
  file: FileConfig,
  config: EnergyConfig,
  options: ParseOptions,
  where: Where,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (segments: Segment[], problem: string, atKey = false): void => {
    issues.push({ field: fieldName(segments), problem, ...where(segments, atKey) });
  };
  const checkGlobs = (segments: Segment[], value: string | string[] | undefined): void => {
    const globsHere = value === undefined ? [] : Array.isArray(value) ? value : [value];
    globsHere.forEach((glob, i) => {
      const at = Array.isArray(value) ? [...segments, i] : segments;
      const problem = globProblem(glob);
      if (problem !== undefined) add(at, problem);
    });
  };
  const checkDevices = (segments: Segment[], value: string | string[] | undefined): void => {
    const ids = value === undefined ? [] : Array.isArray(value) ? value : [value];
    ids.forEach((id, i) => {
      const at = Array.isArray(value) ? [...segments, i] : segments;
      if (id === 'all') {
        if (Array.isArray(value))
          add(at, '"all" cannot be mixed with device ids; write `devices: all` on its own');
        return;
      }
      if (options.knownDevices && !options.knownDevices.includes(id)) {
        add(
          at,
          `unknown device "${id}"${didYouMean(id, options.knownDevices)}; known devices: ${options.knownDevices.join(', ')}`,
        );
      }
    });
  };

  checkDevices(['devices'], file.devices);
  checkGlobs(['models'], file.models);
  (file.budgets ?? []).forEach((budget, index) => {
    const at: Segment[] = ['budgets', index];
    checkGlobs([...at, 'models'], budget.models);
    if (budget.devices === 'all') add([...at, 'devices'], 'leave devices out to cover all devices');
    else checkDevices([...at, 'devices'], budget.devices);
    const parsed = config.budgets[index];
    const set = LIMITS.filter((limit) => parsed?.[limit] !== undefined);
    if (set.length === 0) {
      add(at, `sets no limit; add at least one of ${LIMITS.map((l) => LIMIT_KEYS[l]).join(', ')}`);
    }
    for (const limit of set) {
      const t = parsed?.[limit];
      if (t?.warn === undefined || t.fail === undefined) continue;
      const upper = LIMIT_DIRECTION[limit] === 'upper';
      if (upper ? t.warn > t.fail : t.warn < t.fail) {
        add(
          [...at, LIMIT_KEYS[limit], 'warn'],
          `warn (${t.warn}) is ${upper ? 'above' : 'below'} fail (${t.fail}), so it could never warn before failing`,
        );
      }
    }
  });
  Object.keys(file.dims ?? {}).forEach((glob) => {
    const problem = globProblem(glob);
    if (problem !== undefined) add(['dims', glob], problem, true);
  });
  return issues;
}

function globProblem(glob: string): string | undefined {
  if (glob.startsWith('/'))
    return `"${glob}" starts with "/"; globs are matched against paths relative to the repository root`;
  if (glob.includes('\\')) return `"${glob}" contains "\\"; use "/" between directories`;
  try {
    picomatch.makeRe(glob, { dot: true });
  } catch (error) {
    return `"${glob}" is not a valid glob (${(error as Error).message})`;
  }
  return undefined;
}

/** Turns one ajv error into a message about the field, in the file's own terms. */
function toIssue(error: ErrorObject, data: unknown, where: Where): ConfigIssue {
  const segments = pointerSegments(error.instancePath, data);
  const parent = (error.parentSchema ?? {}) as {
    'x-expected'?: string;
    'x-empty'?: string;
    properties?: object;
  };
  const expected = parent['x-expected'] ?? String(error.message);
  const params = error.params as Record<string, unknown>;
  const value: unknown = error.data;
  const issue = (problem: string, at: Segment[] = segments, atKey = false): ConfigIssue => ({
    field: fieldName(at),
    problem,
    ...where(at, atKey),
  });
  switch (error.keyword) {
    case 'type':
      return issue(`must be ${expected}, not ${describe(value)}`);
    case 'pattern':
      return issue(`must be ${expected}, not ${describe(value)}`);
    case 'enum':
      return issue(
        `must be ${expected}, not ${describe(value)}${typeof value === 'string' ? didYouMean(value, (error.schema as string[]) ?? []) : ''}`,
      );
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys(parent.properties ?? {});
      const hint = didYouMean(
        key,
        known.length > 0 ? known : segments.length === 0 ? [...CONFIG_KEYS] : [...BUDGET_KEYS],
      );
      const allowed = known.length > 0 ? `; allowed here: ${known.join(', ')}` : '';
      return issue(`unknown key "${key}"${hint}${hint === '' ? allowed : ''}`, [...segments, key], true);
    }
    case 'required':
      return issue(`missing required key "${String(params['missingProperty'])}"`);
    case 'minimum':
      return issue(`must be at least ${String(params['limit'])}, not ${describe(value)}`);
    case 'minItems':
    case 'minLength':
      return issue('must not be empty');
    case 'minProperties':
      return issue(parent['x-empty'] ?? 'must not be empty');
    case 'uniqueItems': {
      const list = Array.isArray(value) ? (value as unknown[]) : [];
      const j = Number(params['j']);
      return issue(`lists ${describe(list[j])} more than once`);
    }
    default:
      return issue(String(error.message));
  }
}

/** Issues in the order of the file; those without a position last. */
function byPosition(issues: ConfigIssue[]): ConfigIssue[] {
  const key = (i: ConfigIssue): number => (i.line ?? Infinity) * 1e6 + (i.column ?? 0);
  return [...issues].sort((a, b) => key(a) - key(b));
}

/** Keeps the first issue per field: one mistake, one message. */
function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.field}\0${issue.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerSegments(pointer: string, data: unknown): Segment[] {
  if (pointer === '') return [];
  const segments: Segment[] = [];
  let node: unknown = data;
  for (const part of pointer.slice(1).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      segments.push(index);
      node = (node as unknown[])[index];
    } else {
      segments.push(key);
      node = isPlainObject(node) ? node[key] : undefined;
    }
  }
  return segments;
}

/** `budgets[0].max-increase-pct.warn`; keys that are not plain words are quoted: `dims["models/**"]`. */
export function fieldName(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The YAML node at a data path (or the key node of its last segment), for line numbers. */
function locate(root: unknown, segments: readonly Segment[], atKey: boolean): Node | undefined {
  let node: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return node;
      if (last && atKey) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return node;
      node = item;
    } else {
      return node as Node | undefined;
    }
  }
  return node as Node | undefined;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Top-level keys left empty (`budgets:` with only comments below) count as not set. */
function dropNulls(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
}
