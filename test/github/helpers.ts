import { GitHubClient, type GitHubClientOptions } from '../../src/github/index.js';
import type { FakeGitHub } from './fake-github.js';

/** A client on the fake with a recording sleep: retries happen at once and their waits are kept. */
export function clientFor(
  fake: FakeGitHub,
  options: Partial<GitHubClientOptions> = {},
): { client: GitHubClient; sleeps: number[]; logs: string[] } {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const client = new GitHubClient({
    token: 'test-token',
    repository: fake.fullName,
    baseUrl: fake.url,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    clock: { now: () => Date.UTC(2024, 5, 1), random: () => 0.5 },
    log: (message) => logs.push(message),
    ...options,
  });
  return { client, sleeps, logs };
}
