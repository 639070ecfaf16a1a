import defaultRulesJson from './rules.json' with { type: 'json' };
import { isKernelType, OTHERS } from './catalog.js';
import { KernelError, type Activation, type FoldReason, type KernelType } from './types.js';

/**
 * Fusion rules as data (rules.json), typed and validated here. The matchers they name live in
 * matchers.ts; this module only checks that the JSON is well formed and refers to known names.
 */

export const ACTIVATIONS: readonly Activation[] = [
  'none',
  'relu',
  'relu6',
  'hswish',
  'swish',
  'sigmoid',
  'hsigmoid',
  'leakyrelu',
  'prelu',
  'gelu',
  'tanh',
  'clip',
];

/** Activation patterns: one op; a gate times its input (x * g(x)); or the decomposed forms. */
export const ACTIVATION_MATCHERS = [
  'single',
  'gated',
  'clip',
  'hswishDecomposed',
  'hsigmoidDecomposed',
  'geluErf',
] as const;
export type ActivationMatcherName = (typeof ACTIVATION_MATCHERS)[number];

export const KERNEL_MATCHERS = [
  'conv',
  'fc',
  'op',
  'globalPool',
  'squeezeExcite',
  'channelShuffle',
  'split',
  'layerNorm',
  'attention',
  'activation',
] as const;
export type KernelMatcherName = (typeof KERNEL_MATCHERS)[number];

const FOLD_REASONS: readonly FoldReason[] = ['constant', 'identity', 'dropout', 'quantization'];

export interface ActivationRule {
  readonly activation: Activation;
  readonly match: ActivationMatcherName;
  /** Op types of the activation node ('single') or of the gate ('gated'). */
  readonly ops?: readonly string[];
  /** Clip bounds the pattern requires ('clip'); absent: any bounds. */
  readonly min?: number;
  readonly max?: number;
}

export interface KernelRule {
  readonly type: KernelType;
  readonly match: KernelMatcherName;
  /** 'op': the anchor op types. */
  readonly ops?: readonly string[];
  /** 'conv': depthwise (groups == input channels > 1) or not. */
  readonly depthwise?: boolean;
  /** 'conv': fuse a BatchNormalization that follows. */
  readonly batchNorm?: boolean;
  /** Op types that may feed the anchor and are absorbed into the kernel (Flatten before Gemm, Pad before pools). */
  readonly absorb?: readonly string[];
  /** Activations that may follow and be fused (stand-alone activations for 'activation'). */
  readonly activations?: readonly Activation[];
  readonly activationRequired?: boolean;
  /** 'squeezeExcite': gate activations. */
  readonly gates?: readonly Activation[];
  /** 'op': every input must be an activation (not a constant). */
  readonly activationOperands?: boolean;
  /** 'op': every input after the first must be a constant. */
  readonly constantOperands?: boolean;
}

export interface FusionRules {
  readonly version: 1;
  readonly fold: { readonly ops: Readonly<Record<string, FoldReason>>; readonly views: readonly string[] };
  readonly activations: readonly ActivationRule[];
  readonly kernels: readonly KernelRule[];
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  constructor(private readonly source: string) {}

  fail(field: string, problem: string): never {
    throw new KernelError(`${this.source} ${field}`, problem);
  }
  object(v: Json, field: string): Record<string, Json> {
    if (!isObject(v)) this.fail(field, 'must be an object');
    return v;
  }
  array(v: Json, field: string): Json[] {
    if (!Array.isArray(v)) this.fail(field, 'must be an array');
    return v;
  }
  strings(v: Json, field: string): string[] {
    return this.array(v, field).map((s, i) => {
      if (typeof s !== 'string' || s === '') this.fail(`${field}[${i}]`, 'must be a non-empty string');
      return s;
    });
  }
  oneOf<T extends string>(v: Json, allowed: readonly T[], field: string): T {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
    }
    return v as T;
  }
  optionalNumber(v: Json, field: string): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, 'must be a finite number');
    return v;
  }
  optionalBoolean(v: Json, field: string): boolean | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(field, 'must be true or false');
    return v;
  }
  /** Rejects unknown keys so that a typo in the rules cannot silently disable a condition. */
  keys(o: Record<string, Json>, allowed: readonly string[], field: string): void {
    for (const key of Object.keys(o)) {
      if (key !== '$comment' && !allowed.includes(key)) this.fail(`${field}.${key}`, 'is not a known field');
    }
  }
}

/** Validates fusion rules (parsed JSON) and returns them typed; throws KernelError naming the field. */
export function parseRules(json: Json, source = 'rules.json'): FusionRules {
  const c: Checker = new Checker(source);
  const root = c.object(json, '(root)');
  c.keys(root, ['version', 'fold', 'activations', 'kernels'], '(root)');
  if (root.version !== 1) c.fail('version', `must be 1 (got ${JSON.stringify(root.version)})`);

  const foldJson = c.object(root.fold, 'fold');
  c.keys(foldJson, ['ops', 'views'], 'fold');
  // No inherited keys: an op named 'constructor' must not find Object.prototype's (see lookupTable).
  const foldOps = Object.create(null) as Record<string, FoldReason>;
  for (const [op, reason] of Object.entries(c.object(foldJson.ops, 'fold.ops'))) {
    foldOps[op] = c.oneOf(reason, FOLD_REASONS, `fold.ops.${op}`);
  }
  const views = c.strings(foldJson.views, 'fold.views');

  const activations = c.array(root.activations, 'activations').map((a, i): ActivationRule => {
    const field = `activations[${i}]`;
    const o = c.object(a, field);
    c.keys(o, ['activation', 'match', 'ops', 'min', 'max'], field);
    const rule: ActivationRule = {
      activation: c.oneOf(o.activation, ACTIVATIONS, `${field}.activation`),
      match: c.oneOf(o.match, ACTIVATION_MATCHERS, `${field}.match`),
      ...(o.ops !== undefined ? { ops: c.strings(o.ops, `${field}.ops`) } : {}),
      ...(o.min !== undefined ? { min: c.optionalNumber(o.min, `${field}.min`)! } : {}),
      ...(o.max !== undefined ? { max: c.optionalNumber(o.max, `${field}.max`)! } : {}),
    };
    if ((rule.match === 'single' || rule.match === 'gated') && !rule.ops?.length) {
      c.fail(`${field}.ops`, `is required by the '${rule.match}' matcher`);
    }
    if (rule.activation === 'none') c.fail(`${field}.activation`, "'none' is not a pattern");
    return rule;
  });
  const known = new Set(activations.map((a) => a.activation));

  const activationList = (v: Json, field: string): Activation[] =>
    c.array(v, field).map((a, j) => {
      const act = c.oneOf(a, ACTIVATIONS, `${field}[${j}]`);
      if (!known.has(act)) c.fail(`${field}[${j}]`, `no pattern under 'activations' matches '${act}'`);
      return act;
    });

  const kernels = c.array(root.kernels, 'kernels').map((k, i): KernelRule => {
    const field = `kernels[${i}]`;
    const o = c.object(k, field);
    c.keys(
      o,
      [
        'type',
        'match',
        'ops',
        'depthwise',
        'batchNorm',
        'absorb',
        'activations',
        'activationRequired',
        'gates',
        'activationOperands',
        'constantOperands',
      ],
      field,
    );
    const type = o.type;
    if (typeof type !== 'string' || !isKernelType(type))
      c.fail(`${field}.type`, `unknown kernel type ${JSON.stringify(type)}`);
    if (type === OTHERS) c.fail(`${field}.type`, "'others' is what no rule matches; it has no rule");
    const rule: KernelRule = {
      type,
      match: c.oneOf(o.match, KERNEL_MATCHERS, `${field}.match`),
      ...(o.ops !== undefined ? { ops: c.strings(o.ops, `${field}.ops`) } : {}),
      ...(o.depthwise !== undefined
        ? { depthwise: c.optionalBoolean(o.depthwise, `${field}.depthwise`)! }
        : {}),
      ...(o.batchNorm !== undefined
        ? { batchNorm: c.optionalBoolean(o.batchNorm, `${field}.batchNorm`)! }
        : {}),
      ...(o.absorb !== undefined ? { absorb: c.strings(o.absorb, `${field}.absorb`) } : {}),
      ...(o.activations !== undefined
        ? { activations: activationList(o.activations, `${field}.activations`) }
        : {}),
      ...(o.activationRequired !== undefined
        ? { activationRequired: c.optionalBoolean(o.activationRequired, `${field}.activationRequired`)! }
        : {}),
      ...(o.gates !== undefined ? { gates: activationList(o.gates, `${field}.gates`) } : {}),
      ...(o.activationOperands !== undefined
        ? { activationOperands: c.optionalBoolean(o.activationOperands, `${field}.activationOperands`)! }
        : {}),
      ...(o.constantOperands !== undefined
        ? { constantOperands: c.optionalBoolean(o.constantOperands, `${field}.constantOperands`)! }
        : {}),
    };
    if (rule.match === 'op' && !rule.ops?.length) c.fail(`${field}.ops`, "is required by the 'op' matcher");
    if (rule.match === 'activation' && !rule.activations?.length)
      c.fail(`${field}.activations`, "is required by the 'activation' matcher");
    if (rule.match === 'squeezeExcite' && !rule.gates?.length)
      c.fail(`${field}.gates`, "is required by the 'squeezeExcite' matcher");
    if (rule.activationRequired && !rule.activations?.length)
      c.fail(`${field}.activations`, 'is required when activationRequired is set');
    return rule;
  });
  if (kernels.length === 0) c.fail('kernels', 'must list at least one rule');

  return { version: 1, fold: { ops: foldOps, views }, activations, kernels };
}

/** The rules shipped with the analyser (src/kernels/rules.json), validated once. */
export const DEFAULT_RULES: FusionRules = parseRules(defaultRulesJson, 'src/kernels/rules.json');
