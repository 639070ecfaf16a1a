import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMergeBase, GitError, GitRepo } from '../../src/git/index.js';
import { binaryBytes, isolatedGitEnv, makeTempDir, TempRepo } from './temp-repo.js';

/**
 * origin: main c1..c6, feature branched at c3 with f1..f3. The merge base of main and feature is c3:
 * three commits below main's tip and three below feature's.
 */
describe('ensureMergeBase', () => {
  const tmp = makeTempDir();
  let origin: TempRepo;
  const main: string[] = [];
  const feature: string[] = [];

  beforeAll(() => {
    origin = TempRepo.init(tmp.path, 'origin');
    for (let i = 1; i <= 3; i++)
      main.push(origin.write('models/m.onnx', binaryBytes(256, i)).commit(`c${i}`));
    origin.git('checkout', '--quiet', '-b', 'feature');
    for (let i = 1; i <= 3; i++)
      feature.push(origin.write('models/f.onnx', binaryBytes(256, 10 + i)).commit(`f${i}`));
    origin.git('checkout', '--quiet', 'main');
    for (let i = 4; i <= 6; i++)
      main.push(origin.write('models/m.onnx', binaryBytes(256, i)).commit(`c${i}`));
    origin.git('checkout', '--quiet', '--orphan', 'unrelated');
    origin.write('other.txt', 'unrelated history\n').commit('u1');
    origin.git('checkout', '--quiet', 'main');
  });
  afterAll(() => tmp.cleanup());

  const forkPoint = (): string => main[2]!;
  const mainTip = (): string => main.at(-1)!;
  const featureTip = (): string => feature.at(-1)!;

  it('finds the merge base in a full clone without fetching', async () => {
    const repo = await GitRepo.open(origin.dir, { env: isolatedGitEnv() });
    const result = await ensureMergeBase(repo, 'main', 'feature');
    expect(result).toEqual({ mergeBase: forkPoint(), base: mainTip(), head: featureTip(), fetches: [] });
  });

  it('deepens a depth-1 clone until the merge base appears, fetching the missing base by SHA', async () => {
    const clone = TempRepo.clone(
      `file://${origin.dir}`,
      tmp.path,
      'shallow-1',
      '--depth',
      '1',
      '--branch',
      'feature',
    );
    const repo = await GitRepo.open(clone.dir, { env: isolatedGitEnv() });
    expect(await repo.isShallow()).toBe(true);
    expect(await repo.tryResolveCommit(mainTip())).toBeUndefined();
    expect(await repo.mergeBase(featureTip(), 'HEAD')).toBe(featureTip());

    const result = await ensureMergeBase(repo, mainTip(), featureTip(), { depths: [1, 2, 8] });
    expect(result.mergeBase).toBe(forkPoint());
    expect(result.base).toBe(mainTip());
    expect(result.fetches.length).toBeGreaterThanOrEqual(2);
    expect(result.fetches[0]).toEqual([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--quiet',
      '--depth=1',
      'origin',
      mainTip(),
    ]);
    // The base model is now readable from the merge base without a checkout.
    expect(new Uint8Array(await repo.readBlob(result.mergeBase, 'models/m.onnx'))).toEqual(
      binaryBytes(256, 3),
    );
  });

  it('gives up after the last depth with a message saying to set fetch-depth: 0', async () => {
    const clone = TempRepo.clone(
      `file://${origin.dir}`,
      tmp.path,
      'shallow-2',
      '--depth',
      '1',
      '--branch',
      'feature',
    );
    const repo = await GitRepo.open(clone.dir, { env: isolatedGitEnv() });
    const error = await ensureMergeBase(repo, mainTip(), featureTip(), { depths: [1, 2] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toContain('the checkout is shallow');
    expect((error as Error).message).toContain('within 2 commits');
    expect((error as Error).message).toContain('`fetch-depth: 0` on actions/checkout');
  });

  it('explains a fetch that fails (no such remote) with the same advice', async () => {
    const clone = TempRepo.clone(
      `file://${origin.dir}`,
      tmp.path,
      'shallow-3',
      '--depth',
      '1',
      '--branch',
      'feature',
    );
    const repo = await GitRepo.open(clone.dir, { env: isolatedGitEnv() });
    const error = await ensureMergeBase(repo, mainTip(), featureTip(), { remote: 'upstream' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toContain(`could not fetch ${mainTip()} from upstream`);
    expect((error as GitError).message).toContain('fetch-depth: 0');
    expect((error as GitError).stderr).not.toBe('');
  });

  it('refuses to fetch a ref name that is not there, naming it', async () => {
    const clone = TempRepo.clone(
      `file://${origin.dir}`,
      tmp.path,
      'shallow-4',
      '--depth',
      '1',
      '--branch',
      'feature',
    );
    const repo = await GitRepo.open(clone.dir, { env: isolatedGitEnv() });
    await expect(ensureMergeBase(repo, 'release', featureTip())).rejects.toThrow(
      /"release" does not name a commit .* only full SHAs can be fetched/,
    );
  });

  it('reports unrelated histories as having no merge base', async () => {
    const repo = await GitRepo.open(origin.dir, { env: isolatedGitEnv() });
    expect(await repo.mergeBase('main', 'unrelated')).toBeUndefined();
    await expect(ensureMergeBase(repo, 'main', 'unrelated')).rejects.toThrow(/no common history/);
  });
});
