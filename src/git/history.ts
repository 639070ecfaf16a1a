import { GitError } from './errors.js';
import { type CommitSha, type GitRepo, isFullSha } from './repo.js';

export interface MergeBaseOptions {
  /** The remote to fetch missing history from. */
  readonly remote?: string;
  /**
   * Depths tried in turn on a shallow clone until the merge base appears. Bounded on purpose: a
   * repository where it is deeper than the last step should be checked out with `fetch-depth: 0`.
   */
  readonly depths?: readonly number[];
  /** What to do when the history cannot be had; default: the actions/checkout setting to change. */
  readonly advice?: string;
}

export interface MergeBaseResult {
  readonly mergeBase: CommitSha;
  readonly base: CommitSha;
  readonly head: CommitSha;
  /** The fetch commands run to get there (for the log); empty when the history was already there. */
  readonly fetches: readonly (readonly string[])[];
}

const DEFAULT_DEPTHS = [50, 500, 5000];

const FULL_HISTORY_ADVICE =
  'Set `fetch-depth: 0` on actions/checkout (with: { fetch-depth: 0 }) so the full history is available.';

/**
 * Finds the merge base of base and head, fetching what a shallow or partial checkout lacks: missing
 * commits by SHA, then deeper history in bounded steps. Fails with a message that says exactly what to
 * change in the workflow when the history cannot be had.
 */
export async function ensureMergeBase(
  repo: GitRepo,
  baseRev: string,
  headRev: string,
  options: MergeBaseOptions = {},
): Promise<MergeBaseResult> {
  const remote = options.remote ?? 'origin';
  const depths = options.depths ?? DEFAULT_DEPTHS;
  const advice = options.advice ?? FULL_HISTORY_ADVICE;
  const fetches: string[][] = [];

  const knownBase = await repo.tryResolveCommit(baseRev);
  const knownHead = await repo.tryResolveCommit(headRev);
  const shallow = await repo.isShallow();

  const fetchOrExplain = async (shas: string[], depth: number | undefined): Promise<void> => {
    try {
      fetches.push(await repo.fetchCommits(remote, shas, depth !== undefined ? { depth } : {}));
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      throw new GitError(
        error.args,
        `could not fetch ${shas.join(', ')} from ${remote} to find the merge base. ${advice}`,
        error.stderr,
        error.exitCode,
        { cause: error },
      );
    }
  };

  const missing = [
    ...(knownBase === undefined ? [baseRev] : []),
    ...(knownHead === undefined ? [headRev] : []),
  ];
  let nextDepth = 0;
  if (missing.length > 0) {
    const unfetchable = missing.filter((rev) => !isFullSha(rev));
    if (unfetchable.length > 0) {
      const names = unfetchable.map((r) => `"${r}"`).join(' and ');
      throw new GitError(
        [],
        `${names} ${unfetchable.length > 1 ? 'do' : 'does'} not name a commit in ${repo.root}` +
          ` and only full SHAs can be fetched. ${advice}`,
      );
    }
    await fetchOrExplain(missing, shallow ? depths[nextDepth++] : undefined);
  }
  const base = knownBase ?? (await repo.resolveCommit(baseRev));
  const head = knownHead ?? (await repo.resolveCommit(headRev));

  let mergeBase = await repo.mergeBase(base, head);
  if (mergeBase !== undefined) return { mergeBase, base, head, fetches };
  if (!shallow) {
    throw new GitError(
      ['merge-base', base, head],
      `${base} and ${head} have no common history; there is no merge base to compare against`,
    );
  }

  let lastDepth = nextDepth > 0 ? (depths[nextDepth - 1] ?? 0) : 0;
  for (const depth of depths.slice(nextDepth)) {
    lastDepth = depth;
    await fetchOrExplain([base, head], depth);
    mergeBase = await repo.mergeBase(base, head);
    if (mergeBase !== undefined) return { mergeBase, base, head, fetches };
  }
  throw new GitError(
    ['merge-base', base, head],
    `the checkout is shallow and no merge base of ${base} and ${head} was found within ${lastDepth} commits of either fetched from ${remote}. ${advice}`,
  );
}
