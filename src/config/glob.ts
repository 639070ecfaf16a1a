import picomatch from 'picomatch';

/**
 * Globs match repository-relative paths with "/" separators. Dot files and directories match like any
 * other (a model under `.models/` is still a model).
 */
const GLOB_OPTIONS = { dot: true } as const;

const cache = new Map<string, (path: string) => boolean>();

function compile(glob: string): (path: string) => boolean {
  let matcher = cache.get(glob);
  if (matcher === undefined) {
    matcher = picomatch(glob, GLOB_OPTIONS);
    cache.set(glob, matcher);
  }
  return matcher;
}

/** Whether any of the globs matches the path. */
export function matchesAny(globs: readonly string[], path: string): boolean {
  return globs.some((glob) => compile(glob)(path));
}

/** A predicate for a fixed set of globs. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map(compile);
  return (path) => matchers.some((m) => m(path));
}
