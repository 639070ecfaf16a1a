import { BUILTIN_KERNEL_TYPES, type BuiltinKernelType } from './builtin-types.js';
import { WORK_CLASSES, type KernelTypeEntry } from './catalog-types.js';
import { KERNEL_CONFIG_FIELDS, KernelError, type KernelType } from './types.js';

export { BUILTIN_KERNEL_TYPES, type BuiltinKernelType } from './builtin-types.js';
export * from './catalog-types.js';

/**
 * The kernel-type catalog: one entry per kernel type (catalog-types.ts says what an entry holds; the
 * built-in ones are in builtin-types.ts). Detection, features, the kernel generator, measure's
 * sampling, the kernel CSV, the predictors, the GPU cost map and the report schema read it; adding a
 * type is one entry (plus a fusion rule in rules.json when a shared matcher finds it).
 */

/** The built-in types' names, in catalog order: the report schema's `kernelType` enum (checked by a test). */
export const KERNEL_TYPES: readonly BuiltinKernelType[] = BUILTIN_KERNEL_TYPES.map((e) => e.name);

/** The catch-all type: kernels no rule matches. */
export const OTHERS = 'others' satisfies BuiltinKernelType;

const entries = new Map<string, KernelTypeEntry>(BUILTIN_KERNEL_TYPES.map((e) => [e.name, e]));

/** Whether a name is a type of the catalog (built in or registered). */
export function isKernelType(value: string): boolean {
  return entries.has(value);
}

/** The catalog entry of a type; a KernelError for a name that is not in the catalog. */
export function kernelTypeEntry(type: KernelType): KernelTypeEntry {
  const entry = entries.get(type);
  if (!entry) throw new KernelError(`kernel type '${type}'`, 'is not in the kernel-type catalog');
  return entry;
}

/** Every entry, built-in ones first, in catalog order. */
export function kernelTypeEntries(): readonly KernelTypeEntry[] {
  return [...entries.values()];
}

/** The types the kernel generator builds (those of the measured dataset and registered ones with a generator). */
export function generatedKernelTypes(): KernelType[] {
  return kernelTypeEntries()
    .filter((e) => e.generator)
    .map((e) => e.name);
}

const FEATURES = new Set<string>([...KERNEL_CONFIG_FIELDS, 'FLOPS', 'PARAMS']);

/**
 * Adds a kernel type to the catalog; returns the function that removes it again. A name already in
 * the catalog, an unknown feature or work class is a KernelError.
 */
export function registerKernelType(entry: KernelTypeEntry): () => void {
  const where = `kernel type '${entry.name}'`;
  if (!/^[a-z][a-z0-9-]*$/.test(entry.name))
    throw new KernelError(where, 'a name is lower-case letters, digits and dashes');
  if (entries.has(entry.name)) throw new KernelError(where, 'is already in the kernel-type catalog');
  const unknown = entry.features.filter((f) => !FEATURES.has(f));
  if (unknown.length > 0) throw new KernelError(where, `unknown feature(s) ${unknown.join(', ')}`);
  if (!(WORK_CLASSES as readonly string[]).includes(entry.workClass))
    throw new KernelError(where, `work class must be one of ${WORK_CLASSES.join(', ')}`);
  if (entry.matcher && entry.matcher.anchorOps.length === 0)
    throw new KernelError(where, 'its matcher needs at least one anchor op type');
  entries.set(entry.name, entry);
  return () => {
    if (entries.get(entry.name) !== entry) return;
    entries.delete(entry.name);
  };
}
