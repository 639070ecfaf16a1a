import { UnknownDeviceError, selectBundles, type BundleSelection } from '../compare/bundles.js';
import type { LoadedBundle } from '../predict/bundle.js';
import { UsageError } from './common.js';

/**
 * The bundles a command runs on. A selection that leaves none is a UsageError naming what was asked
 * (and where it came from, e.g. the flags or a config file) and the bundles there are for those devices.
 */
export function selectRunBundles(selection: BundleSelection, from: string): LoadedBundle[] {
  const bundles = selectOrUsage(selection);
  if (bundles.length > 0) return bundles;
  const devices =
    selection.devices === undefined || selection.devices === 'all'
      ? undefined
      : selection.devices.join(', ') || '(none)';
  const asked = `device ${devices ?? 'all'} and processor ${selection.processors?.join(', ') ?? 'all'}`;
  const there = selectBundles({
    ...(selection.devices ? { devices: selection.devices } : {}),
    ...(selection.extra ? { extra: selection.extra } : {}),
    ...(selection.noDefaults ? { noDefaults: selection.noDefaults } : {}),
  });
  const available =
    there.length > 0
      ? `bundles for ${devices ?? 'all devices'}: ${bundleList(there)}`
      : 'no predictor bundle was loaded at all';
  throw new UsageError(`no predictor bundle matches ${asked} (${from}); ${available}`);
}

/** An unknown device given on the command line (origin `--device`) is a usage mistake: exit 2, like `--processor npu`. */
function selectOrUsage(selection: BundleSelection): LoadedBundle[] {
  try {
    return selectBundles(selection);
  } catch (error) {
    if (error instanceof UnknownDeviceError && selection.origin?.startsWith('--'))
      throw new UsageError(error.message);
    throw error;
  }
}

/** "a (cpu), b (gpu)": bundle ids with their processor, for messages. */
export function bundleList(bundles: readonly LoadedBundle[]): string {
  return bundles.map((b) => `${b.manifest.id} (${b.manifest.processor})`).join(', ');
}
