import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean } from '../config/suggest.js';
import type { Processor } from '../config/types.js';
import { loadBundles, type LoadedBundle } from '../predict/bundle.js';
import { PredictorError } from '../predict/errors.js';

/**
 * The default bundles shipped beside the code: predictors/ at the package root, found from the
 * running file (src/compare/ under tsx and vitest, dist/ in the bundled action and CLI).
 */
export function defaultPredictorsDir(): string {
  const here = import.meta.dirname;
  for (const candidate of [join(here, '..', 'predictors'), join(here, '..', '..', 'predictors')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new PredictorError(
    'the default predictor bundles are missing (expected a predictors/ folder beside the code)',
    { file: join(here, '..', 'predictors') },
  );
}

export interface BundleSelection {
  /** Device ids, or 'all'. */
  readonly devices?: 'all' | readonly string[];
  readonly processors?: readonly Processor[];
  /**
   * Extra bundles that add to the defaults or replace those with the same id: a folder of bundle
   * folders, or one bundle folder itself.
   */
  readonly extra?: string;
  /** Skip the default bundles (only `extra`). */
  readonly noDefaults?: boolean;
  /**
   * Where `devices` came from, named by the error for unknown ids: `.github/model-energy.yml: devices`,
   * `--device`, `the devices input`. Without it the error names the predictors folder.
   */
  readonly origin?: string;
  /** Told about what is skipped in `extra` (sub-folders that are not bundles). */
  readonly onWarning?: (message: string) => void;
}

/**
 * Device ids no bundle is for. A PredictorError (so the CLI and the action print it as a user's
 * mistake), with the ids for callers that report it in their own terms.
 */
export class UnknownDeviceError extends PredictorError {
  constructor(
    readonly unknownDevices: readonly string[],
    readonly knownDevices: readonly string[],
    problem: string,
    file: string,
  ) {
    super(problem, { file });
  }
}

/** Loads the bundles a run uses, in id order; unknown device ids are an UnknownDeviceError. */
export function selectBundles(selection: BundleSelection = {}): LoadedBundle[] {
  const byId = new Map<string, LoadedBundle>();
  if (!selection.noDefaults) for (const b of loadBundles(defaultPredictorsDir())) byId.set(b.manifest.id, b);
  if (selection.extra) {
    const options = selection.onWarning ? { onWarning: selection.onWarning } : {};
    for (const b of loadBundles(selection.extra, options)) byId.set(b.manifest.id, b);
  }
  const all = [...byId.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  const devices = selection.devices;
  if (devices && devices !== 'all') {
    const known = [...new Set(all.map((b) => b.manifest.device))].sort();
    const unknown = devices.filter((d) => !known.includes(d));
    if (unknown.length > 0) {
      throw new UnknownDeviceError(
        unknown,
        known,
        unknownDevicesProblem(unknown, known, all),
        selection.origin ?? selection.extra ?? defaultPredictorsDir(),
      );
    }
  }
  return all.filter(
    (b) =>
      (!devices || devices === 'all' || devices.includes(b.manifest.device)) &&
      (!selection.processors || selection.processors.includes(b.manifest.processor)),
  );
}

/** The device ids the default bundles (and those in `extra`) cover: what a config may name. */
export function knownDevices(extra?: string): string[] {
  return [...new Set(selectBundles(extra ? { extra } : {}).map((b) => b.manifest.device))].sort();
}

/**
 * `unknown device huawei-p40-pr (did you mean "huawei-p40-pro"?); known devices: ...`. A bundle id
 * given as a device id (the first column of `model-energy devices`) is explained as one.
 */
function unknownDevicesProblem(
  unknown: readonly string[],
  known: readonly string[],
  bundles: readonly LoadedBundle[],
): string {
  const described = unknown.map((id) => {
    const bundle = bundles.find((b) => b.manifest.id === id);
    if (bundle) {
      const { device, processor } = bundle.manifest;
      return `${id} (${id} is a bundle id: device ${device}, processor ${processor})`;
    }
    return `${id}${didYouMean(id, known)}`;
  });
  return `unknown device${unknown.length > 1 ? 's' : ''} ${described.join(', ')}; known devices: ${known.join(', ')}`;
}
