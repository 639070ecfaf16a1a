/**
 * A table looked up by names that come from files (op types, units): it has no inherited keys, so an
 * op named 'constructor' or 'toString' finds nothing instead of a member of Object.prototype (which
 * crashed the analysis of such a model) and `name in table` means what it says.
 */
export function lookupTable<T>(
  entries: Readonly<Record<string, T>>,
): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
