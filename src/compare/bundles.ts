import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
  /** A folder of bundle folders that adds to the defaults or replaces those with the same id. */
  readonly extra?: string;
  /** Skip the default bundles (only `extra`). */
  readonly noDefaults?: boolean;
}

/** Loads the bundles a run uses, in id order; unknown device ids are an error naming the known ones. */
export function selectBundles(selection: BundleSelection = {}): LoadedBundle[] {
  const byId = new Map<string, LoadedBundle>();
  if (!selection.noDefaults) for (const b of loadBundles(defaultPredictorsDir())) byId.set(b.manifest.id, b);
  if (selection.extra) for (const b of loadBundles(selection.extra)) byId.set(b.manifest.id, b);
  const all = [...byId.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  const devices = selection.devices;
  if (devices && devices !== 'all') {
    const known = new Set(all.map((b) => b.manifest.device));
    const unknown = devices.filter((d) => !known.has(d));
    if (unknown.length > 0) {
      throw new PredictorError(
        `no predictor bundle for device(s) ${unknown.join(', ')}; known devices: ${[...known].sort().join(', ')}`,
        {
          file: selection.extra ?? defaultPredictorsDir(),
        },
      );
    }
  }
  return all.filter(
    (b) =>
      (!devices || devices === 'all' || devices.includes(b.manifest.device)) &&
      (!selection.processors || selection.processors.includes(b.manifest.processor)),
  );
}
