import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kernel, KernelConfig, KernelType } from '../../src/kernels/types.js';
import type { ClosedFormModel } from '../../src/predict/closed-form.js';
import { exportRegressors } from '../../src/predict/export.js';
import { FEATURE_NAMES, featureIndex, PREDICTOR_FEATURES } from '../../src/predict/features.js';
import type { BundleManifest, OutputSpec, RegressorSpec } from '../../src/predict/manifest.js';
import type { PredictionTarget } from '../../src/predict/units.js';

/**
 * A kernel from a configuration, with counts by the textbook formulas (NCHW, batch 1, float32, TF
 * 'same' padding). Tests of the predictor layer use it where the exact engine conventions do not
 * matter; they only need kernels whose cost grows with their configuration.
 */
export function configKernel(type: KernelType, c: KernelConfig, name = `${type}_k`): Kernel {
  const hw = c.HW ?? 1;
  const cin = c.CIN ?? 1;
  const ks = c.KERNEL_SIZE ?? 1;
  const s = c.STRIDES ?? 1;
  let macs = 0;
  let flops = 0;
  let params = 0;
  let inputShapes: number[][] = [[1, cin, hw, hw]];
  let outputShapes: number[][] = [[1, cin, hw, hw]];
  const elements = hw * hw * cin;
  switch (type) {
    case 'conv-bn-relu': {
      const o = Math.ceil(hw / s);
      const cout = c.COUT ?? cin;
      macs = o * o * cin * cout * ks * ks;
      params = ks * ks * cin * cout + cout;
      flops = 2 * macs + 2 * o * o * cout;
      outputShapes = [[1, cout, o, o]];
      break;
    }
    case 'dwconv-bn-relu': {
      const o = Math.ceil(hw / s);
      macs = o * o * cin * ks * ks;
      params = ks * ks * cin + cin;
      flops = 2 * macs + 2 * o * o * cin;
      outputShapes = [[1, cin, o, o]];
      break;
    }
    case 'fc': {
      const cout = c.COUT ?? cin;
      macs = cin * cout;
      params = cin * cout + cout;
      flops = 2 * macs + cout;
      inputShapes = [[1, cin]];
      outputShapes = [[1, cout]];
      break;
    }
    case 'add':
      flops = elements;
      inputShapes = [inputShapes[0]!, inputShapes[0]!];
      break;
    case 'concat': {
      const parts = [c.CIN1, c.CIN2, c.CIN3, c.CIN4].filter((x): x is number => x !== undefined && x > 0);
      inputShapes = parts.map((p) => [1, p, hw, hw]);
      outputShapes = [[1, parts.reduce((a, b) => a + b, 0), hw, hw]];
      break;
    }
    default:
      flops = elements;
  }
  const bytesOf = (shapes: number[][]): number =>
    shapes.reduce((a, sh) => a + 4 * sh.reduce((x, y) => x * y, 1), 0);
  const inputBytes = bytesOf(inputShapes);
  const outputBytes = bytesOf(outputShapes);
  const weightBytes = 4 * params;
  return {
    name,
    type,
    variant: {},
    precision: 'fp32',
    nodes: [name],
    opTypes: [],
    inputShapes,
    outputShapes,
    config: c,
    features: {},
    macs,
    flops,
    params,
    ownParams: params,
    inputBytes,
    outputBytes,
    weightBytes,
    weightElements: params,
    bytes: inputBytes + outputBytes + weightBytes,
  };
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mec-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** energy (mJ) = a x flops + b x bytes + c as a closed-form regressor of the full feature vector. */
export function linearLaw(a: number, b: number, c: number): ClosedFormModel {
  return {
    kind: 'closed-form',
    featureIndices: [featureIndex('flops'), featureIndex('bytes')],
    coefficients: [a, b],
    intercept: c,
  };
}

export interface TestBundleSpec {
  /** Per kernel type (or 'others'): one model per target, in target order. */
  readonly models: Readonly<Record<string, readonly ClosedFormModel[]>>;
  readonly targets?: readonly PredictionTarget[];
  /** Uncertainty ratio range of every output. */
  readonly range?: readonly [number, number];
  readonly edit?: (manifest: Record<string, unknown>) => void;
}

/** Writes predictors/<id>/ with closed-form ONNX files and a valid manifest (then `edit` may break it). */
export function writeTestBundle(root: string, id: string, spec: TestBundleSpec): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  const targets = spec.targets ?? ['energy'];
  const [low, high] = spec.range ?? [0.9, 1.1];
  const regressor = (key: string, models: readonly ClosedFormModel[]): RegressorSpec => {
    writeFileSync(
      join(dir, `${key}.onnx`),
      exportRegressors(models, FEATURE_NAMES.length, key.replace(/-/g, '_')),
    );
    const outputs: OutputSpec[] = targets.map((target, column) => ({
      target,
      unit: target === 'energy' ? 'mJ' : 'ms',
      column,
      method: 'closed-form',
      uncertainty: { coverage: 0.9, low, high, source: 'test' },
    }));
    return { model: `${key}.onnx`, features: FEATURE_NAMES, outputs };
  };
  const { others, ...kernels } = spec.models;
  const manifest = {
    schemaVersion: 1,
    id,
    device: 'test-device',
    processor: 'cpu',
    runtime: { name: 'onnxruntime', delegate: 'cpu' },
    threads: 1,
    fusionRules: { name: 'deepen2023', version: 1 },
    targets,
    featureUnits: Object.fromEntries(PREDICTOR_FEATURES.map((f) => [f.name, f.unit])),
    kernels: Object.fromEntries(
      Object.entries(kernels).map(([type, models]) => [type, regressor(type, models)]),
    ),
    others: regressor('others', others ?? [linearLaw(1e-9, 0, 0)]),
    provenance: { kind: 'trained', data: { description: 'test', files: [], rows: 0 }, command: 'test' },
  } satisfies BundleManifest as Record<string, unknown>;
  spec.edit?.(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
