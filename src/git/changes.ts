/**
 * Changed paths between two commits, in one shape whether they came from `git diff` or from the
 * GitHub API. Paths are repository-relative with forward slashes.
 */
export type ChangeStatus = 'added' | 'modified' | 'renamed' | 'copied' | 'deleted';

export interface ChangedPath {
  readonly status: ChangeStatus;
  /** The path at the head side; for a deletion, the path that was deleted. */
  readonly path: string;
  /** For renames and copies: the path at the base side. */
  readonly previousPath?: string;
  /** For renames and copies: git's similarity index, 0 to 100, when known. */
  readonly similarity?: number;
}

/** Thrown by parseNameStatus for output it cannot read; the git layer wraps it in a GitError. */
export class NameStatusParseError extends Error {
  constructor(problem: string) {
    super(`unreadable git diff --name-status -z output: ${problem}`);
    this.name = 'NameStatusParseError';
  }
}

/**
 * Parses `git diff --name-status -z` output: NUL-separated fields, a status letter (with a score for
 * R and C) followed by one path, or two for renames and copies. Type changes (T) count as modified;
 * unmerged (U) entries cannot appear between two commits and are refused.
 */
export function parseNameStatus(output: string): ChangedPath[] {
  const fields = output.split('\0');
  if (fields.at(-1) === '') fields.pop();
  const changes: ChangedPath[] = [];
  let i = 0;
  const take = (what: string): string => {
    const value = fields[i++];
    if (value === undefined || value === '') throw new NameStatusParseError(`missing ${what} at field ${i}`);
    return value;
  };
  while (i < fields.length) {
    const code = take('status');
    const letter = code[0];
    const score = code.length > 1 ? Number(code.slice(1)) : undefined;
    if (score !== undefined && !(Number.isInteger(score) && score >= 0 && score <= 100)) {
      throw new NameStatusParseError(`bad score in status "${code}"`);
    }
    switch (letter) {
      case 'A':
        changes.push({ status: 'added', path: take('path') });
        break;
      case 'M':
      case 'T':
        changes.push({ status: 'modified', path: take('path') });
        break;
      case 'D':
        changes.push({ status: 'deleted', path: take('path') });
        break;
      case 'R':
      case 'C': {
        const previousPath = take('source path');
        const path = take('destination path');
        changes.push({
          status: letter === 'R' ? 'renamed' : 'copied',
          path,
          previousPath,
          ...(score !== undefined ? { similarity: score } : {}),
        });
        break;
      }
      default:
        throw new NameStatusParseError(`unexpected status "${code}"`);
    }
  }
  return changes;
}

/**
 * Restricts changes to the paths a predicate accepts (the model globs). A rename whose one side
 * matches is seen from that side only: renamed into the set is an addition, out of it a deletion.
 */
export function selectChanges(
  changes: readonly ChangedPath[],
  accept: (path: string) => boolean,
): ChangedPath[] {
  const selected: ChangedPath[] = [];
  for (const change of changes) {
    if (change.status !== 'renamed' && change.status !== 'copied') {
      if (accept(change.path)) selected.push(change);
      continue;
    }
    const previous = change.previousPath;
    const headSide = accept(change.path);
    const baseSide = previous !== undefined && accept(previous);
    if (headSide && baseSide) selected.push(change);
    else if (headSide) selected.push({ status: 'added', path: change.path });
    else if (baseSide && change.status === 'renamed') selected.push({ status: 'deleted', path: previous });
  }
  return selected;
}

/** Every path a change touches, on either side (for rules keyed on paths, such as external data). */
export function touchedPaths(changes: readonly ChangedPath[]): Set<string> {
  const paths = new Set<string>();
  for (const change of changes) {
    paths.add(change.path);
    if (change.previousPath !== undefined) paths.add(change.previousPath);
  }
  return paths;
}
