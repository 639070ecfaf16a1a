import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError, listPullFiles, pullFilesToChanges } from '../../src/github/index.js';
import { FakeGitHub, manyFiles, pullFilesFromChanges } from './fake-github.js';
import { clientFor } from './helpers.js';

const FILES_PATH = '/repos/acme/models/pulls/7/files';

describe('listPullFiles', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: 'test-token' });
  });
  afterEach(() => fake.close());

  it('lists every file over several pages of 100, following the Link headers', async () => {
    fake.addPull({
      number: 7,
      files: [
        ...manyFiles(248),
        { filename: 'models/renamed.onnx', status: 'renamed', previous_filename: 'models/old.onnx' },
        { filename: 'models/gone.onnx', status: 'removed' },
      ],
    });
    const { client } = clientFor(fake);
    const result = await listPullFiles(client, 7);
    expect(result.complete).toBe(true);
    if (!result.complete) return;
    expect(result.files).toHaveLength(250);
    expect(result.changes.at(-2)).toEqual({
      status: 'renamed',
      path: 'models/renamed.onnx',
      previousPath: 'models/old.onnx',
    });
    expect(result.changes.at(-1)).toEqual({ status: 'deleted', path: 'models/gone.onnx' });
    const pages = fake
      .requestsTo('GET', FILES_PATH)
      .map((r) => [r.query.get('per_page'), r.query.get('page')]);
    expect(pages).toEqual([
      ['100', null],
      ['100', '2'],
      ['100', '3'],
    ]);
    expect(fake.requests.every((r) => r.headers.authorization === 'token test-token')).toBe(true);
  });

  it('signals a fallback to git diff when the list reaches GitHub’s 3,000-file cap', async () => {
    fake.addPull({ number: 7, files: manyFiles(3200) });
    const { client } = clientFor(fake);
    const result = await listPullFiles(client, 7);
    expect(result).toMatchObject({ complete: false, reason: 'too-many-files' });
    if (result.complete) return;
    expect(result.message).toContain('at most 3000');
    expect(fake.requestsTo('GET', FILES_PATH)).toHaveLength(30);
  });

  it('signals a fallback when fewer files are listed than the pull request says it changes', async () => {
    fake.addPull({ number: 7, files: manyFiles(10) });
    const { client } = clientFor(fake);
    expect(await listPullFiles(client, 7, { expectedCount: 11 })).toMatchObject({
      complete: false,
      reason: 'too-many-files',
    });
    expect(await listPullFiles(client, 7, { expectedCount: 10 })).toMatchObject({ complete: true });
  });

  it('retries one 502 on a later page and then completes', async () => {
    fake.addPull({ number: 7, files: manyFiles(150) });
    fake.failNext({ method: 'GET', path: FILES_PATH, status: 502, times: 1 });
    const { client, logs } = clientFor(fake);
    const result = await listPullFiles(client, 7);
    expect(result).toMatchObject({ complete: true });
    expect(fake.requestsTo('GET', FILES_PATH).map((r) => r.status)).toEqual([502, 200, 200]);
    expect(logs).toEqual([
      'GET /repos/acme/models/pulls/7/files?per_page=100: answered on attempt 2 (after 502)',
    ]);
  });

  it('signals a fallback, carrying the GitHubError, when the API keeps failing', async () => {
    fake.addPull({ number: 7, files: manyFiles(5) });
    fake.failNext({ method: 'GET', path: FILES_PATH, status: 503, times: Infinity });
    const { client } = clientFor(fake, { maxRetries: 2 });
    const result = await listPullFiles(client, 7);
    expect(result).toMatchObject({ complete: false, reason: 'api-error' });
    if (result.complete) return;
    expect(result.error).toBeInstanceOf(GitHubError);
    expect(result.error?.status).toBe(503);
    expect(result.message).toContain(
      'GET /repos/acme/models/pulls/7/files?per_page=100: 503 Service Unavailable (gave up after 3 attempts)',
    );
    expect(fake.requestsTo('GET', FILES_PATH)).toHaveLength(3);
  });

  it('does not retry a client error', async () => {
    const { client } = clientFor(fake);
    const result = await listPullFiles(client, 404);
    expect(result).toMatchObject({ complete: false, reason: 'api-error' });
    if (result.complete) return;
    expect(result.error?.status).toBe(404);
    expect(fake.requestsTo('GET', '/repos/acme/models/pulls/404/files')).toHaveLength(1);
  });
});

describe('pullFilesToChanges and the fake’s pullFilesFromChanges', () => {
  it('round-trip between the API’s statuses and the git layer’s', () => {
    const changes = [
      { status: 'added', path: 'a.onnx' },
      { status: 'modified', path: 'b.onnx' },
      { status: 'renamed', path: 'c2.onnx', previousPath: 'c.onnx' },
      { status: 'copied', path: 'd2.onnx', previousPath: 'd.onnx' },
      { status: 'deleted', path: 'e.onnx' },
    ] as const;
    const files = pullFilesFromChanges(changes);
    expect(files.map((f) => f.status)).toEqual(['added', 'modified', 'renamed', 'copied', 'removed']);
    expect(
      pullFilesToChanges(
        files.map((f) => ({
          filename: f.filename,
          status: f.status,
          ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
        })),
      ),
    ).toEqual(changes);
    expect(
      pullFilesToChanges([
        { filename: 'x', status: 'unchanged' },
        { filename: 'y', status: 'changed' },
      ]),
    ).toEqual([{ status: 'modified', path: 'y' }]);
  });
});
