import { GitHubClient, type GitHubClientOptions } from '../../src/github/index.js';
import type { FakeGitHub } from './fake-github.js';

/** A client on the fake that never waits: every retry happens at once, and what it logs is kept. */
export function clientFor(
  fake: FakeGitHub,
  options: Partial<GitHubClientOptions> = {},
): { client: GitHubClient; logs: string[] } {
  const logs: string[] = [];
  const client = new GitHubClient({
    token: 'test-token',
    repository: fake.fullName,
    baseUrl: fake.url,
    msPerWaitSecond: 0,
    log: (message) => logs.push(message),
    ...options,
  });
  return { client, logs };
}
