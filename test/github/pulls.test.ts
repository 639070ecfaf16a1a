import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findPullForSha, getPull, GitHubClient, GitHubError } from '../../src/github/index.js';
import { FakeGitHub } from './fake-github.js';
import { clientFor } from './helpers.js';

const SHA_A = 'a'.repeat(40);
const SHA_F = 'f'.repeat(40);

describe('pull requests', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await FakeGitHub.start();
  });
  afterEach(() => fake.close());

  it('reads a pull request', async () => {
    fake.addPull({
      number: 3,
      base: { ref: 'main', sha: SHA_A },
      head: { ref: 'topic', sha: SHA_F, repoFullName: 'acme/models' },
    });
    const { client } = clientFor(fake);
    expect(await getPull(client, 3)).toEqual({
      number: 3,
      state: 'open',
      url: 'https://github.com/acme/models/pull/3',
      baseRef: 'main',
      baseSha: SHA_A,
      headRef: 'topic',
      headSha: SHA_F,
      headRepository: 'acme/models',
      changedFiles: 0,
    });
  });

  it('names the request and status in a GitHubError', async () => {
    const { client } = clientFor(fake);
    const error = await getPull(client, 999).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBe(404);
    expect((error as GitHubError).message).toBe('GET /repos/acme/models/pulls/999: 404 Not Found');
  });

  it('finds the pull request for a head SHA through the commit’s pull requests, preferring an open one', async () => {
    fake.addPull({ number: 1, state: 'closed', head: { ref: 'x', sha: SHA_F, repoFullName: 'acme/models' } });
    fake.addPull({ number: 2, head: { ref: 'x', sha: SHA_F, repoFullName: 'acme/models' } });
    const { client } = clientFor(fake);
    expect((await findPullForSha(client, SHA_F))?.number).toBe(2);
    expect(fake.requests.map((r) => r.path)).toEqual([`/repos/acme/models/commits/${SHA_F}/pulls`]);
  });

  it('finds a fork’s pull request from the workflow_run head owner and branch', async () => {
    fake.addPull({
      number: 9,
      head: { ref: 'patch-1', sha: SHA_F, repoFullName: 'contributor/models' },
      listedByCommit: false,
    });
    const { client } = clientFor(fake);
    const found = await findPullForSha(client, SHA_F, { headOwner: 'contributor', headBranch: 'patch-1' });
    expect(found).toMatchObject({ number: 9, headRepository: 'contributor/models' });
    const headQuery = fake.requestsTo('GET', '/repos/acme/models/pulls')[0]!.query.get('head');
    expect(headQuery).toBe('contributor:patch-1');
  });

  it('falls back to scanning open pull requests over pages, and answers undefined when none matches', async () => {
    for (let n = 1; n <= 150; n++)
      fake.addPull({
        number: n,
        head: { ref: `b${n}`, sha: n.toString(16).padStart(40, '0'), repoFullName: 'x/models' },
      });
    fake.addPull({
      number: 151,
      head: { ref: 'fork', sha: SHA_F, repoFullName: 'contributor/models' },
      listedByCommit: false,
    });
    const { client } = clientFor(fake);
    expect((await findPullForSha(client, SHA_F))?.number).toBe(151);
    expect(await findPullForSha(client, SHA_A)).toBeUndefined();
    expect(fake.requestsTo('GET', '/repos/acme/models/pulls').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses something that is not a SHA', async () => {
    const { client } = clientFor(fake);
    await expect(findPullForSha(client, 'main')).rejects.toThrow(/not a full commit SHA/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a repository name that is not owner/repo', () => {
    expect(() => new GitHubClient({ token: 't', repository: 'just-a-name' })).toThrow(/owner\/repo/);
  });

  it('honours x-ratelimit-reset when the primary rate limit is used up', async () => {
    fake.addPull({ number: 3 });
    const now = Math.floor(Date.now() / 1000) * 1000;
    // The plugin reads the clock to turn the reset time into a wait: the clock is fixed, nothing sleeps.
    vi.useFakeTimers({ toFake: ['Date'], now });
    try {
      fake.rateLimitNext('GET', '/repos/acme/models/pulls/3', { resetAtEpochSeconds: now / 1000 + 30 });
      const { client, logs } = clientFor(fake);
      expect((await getPull(client, 3)).number).toBe(3);
      expect(logs[0]).toBe('GET /repos/acme/models/pulls/3: rate limit used up; retry 1 of 3 in 31 s');
      expect(fake.requestsTo('GET', '/repos/acme/models/pulls/3').map((r) => r.status)).toEqual([403, 200]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up at once when a rate limit asks for a longer wait than the run allows', async () => {
    fake.addPull({ number: 3 });
    fake.rateLimitNext('GET', '/repos/acme/models/pulls/3', { retryAfterSeconds: 3600 }, 429);
    const { client } = clientFor(fake);
    const error = await getPull(client, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBe(429);
    expect((error as GitHubError).rateLimited).toBe(true);
    expect((error as Error).message).toBe(
      'GET /repos/acme/models/pulls/3: 429 You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
        '(secondary rate limit: GitHub asks to wait 3600 s, longer than the 300 s this run waits)',
    );
    // Neither plugin tried again: a 429 is the throttling plugin's alone, and it refused.
    expect(fake.requestsTo('GET', '/repos/acme/models/pulls/3')).toHaveLength(1);
  });

  it('waits a minute for a secondary rate limit that says no time', async () => {
    fake.addPull({ number: 3 });
    fake.failNext({
      method: 'GET',
      path: '/repos/acme/models/pulls/3',
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit and have been temporarily blocked.' },
    });
    const { client, logs } = clientFor(fake);
    expect((await getPull(client, 3)).number).toBe(3);
    expect(logs[0]).toBe('GET /repos/acme/models/pulls/3: secondary rate limit; retry 1 of 3 in 60 s');
  });

  it('keeps the cap a run sets on a rate limit’s wait', async () => {
    fake.addPull({ number: 3 });
    fake.rateLimitNext('GET', '/repos/acme/models/pulls/3', { retryAfterSeconds: 61 });
    const { client } = clientFor(fake, { maxRateLimitWaitMs: 60_000 });
    await expect(getPull(client, 3)).rejects.toThrow(/GitHub asks to wait 61 s, longer than the 60 s/);
    fake.rateLimitNext('GET', '/repos/acme/models/pulls/3', { retryAfterSeconds: 60 });
    expect((await getPull(client, 3)).number).toBe(3);
  });

  it('stops waiting out a rate limit after its retries', async () => {
    fake.addPull({ number: 3 });
    for (let i = 0; i < 3; i++)
      fake.rateLimitNext('GET', '/repos/acme/models/pulls/3', { retryAfterSeconds: 1 });
    const { client } = clientFor(fake, { maxRetries: 2 });
    await expect(getPull(client, 3)).rejects.toThrow(/still limited after 3 attempts/);
    expect(fake.requestsTo('GET', '/repos/acme/models/pulls/3')).toHaveLength(3);
  });

  it('retries a connection that gets no answer, then reports it without a status', async () => {
    const port = new URL(fake.url).port;
    await fake.close();
    const { client } = clientFor(fake, { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 });
    const error = await getPull(client, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBeUndefined();
    expect((error as Error).message).toMatch(
      /^GET \/repos\/acme\/models\/pulls\/3: .*\(gave up after 2 attempts\)$/,
    );
    fake = await FakeGitHub.start();
  });
});
