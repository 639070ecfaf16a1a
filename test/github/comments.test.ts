import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError, MAX_COMMENT_CHARS, upsertComment } from '../../src/github/index.js';
import { commentMarker } from '../../src/report/marker.js';
import { ACTIONS_BOT, FakeGitHub, HUMAN, OTHER_BOT, PAT_USER } from './fake-github.js';
import { clientFor } from './helpers.js';
import { renderComment } from '../../src/report/markdown.js';
import { compare, CPU, model, report } from '../report/builder.js';

const CREATE_PATH = '/repos/acme/models/issues/7/comments';
const EDIT_PATH = /^\/repos\/acme\/models\/issues\/comments\/\d+$/;

describe('upsertComment (sticky comment)', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await FakeGitHub.start();
    fake.addPull({ number: 7 });
  });
  afterEach(() => fake.close());

  it('creates the comment with the marker on its first line, then leaves an identical one alone', async () => {
    const { client } = clientFor(fake);
    const first = await upsertComment(client, { pr: 7, key: 'default', body: '## Energy\nno change' });
    expect(first.action).toBe('created');
    const [comment] = fake.commentsOn(7);
    expect(comment!.body).toBe('<!-- model-energy-check:default -->\n## Energy\nno change');
    expect(comment!.user).toEqual(ACTIONS_BOT);
    expect(first).toEqual({ action: 'created', id: comment!.id, url: fake.commentUrl(comment!) });

    const second = await upsertComment(client, { pr: 7, key: 'default', body: '## Energy\nno change' });
    expect(second).toEqual({ action: 'unchanged', id: comment!.id, url: fake.commentUrl(comment!) });
    expect(fake.requestsTo('PATCH', EDIT_PATH)).toHaveLength(0);
    expect(fake.requestsTo('POST', CREATE_PATH)).toHaveLength(1);
  });

  it('updates the same comment when the body changes', async () => {
    const { client } = clientFor(fake);
    const first = await upsertComment(client, { pr: 7, key: 'default', body: 'v1' });
    const second = await upsertComment(client, { pr: 7, key: 'default', body: 'v2' });
    expect(second.action).toBe('updated');
    expect(second).toMatchObject({ id: (first as { id: number }).id });
    expect(fake.commentsOn(7).map((c) => c.body)).toEqual([`${commentMarker('default')}\nv2`]);
  });

  it('finds our comment on the second page of 100 and edits it instead of adding another', async () => {
    for (let i = 0; i < 130; i++) fake.addComment(7, `human comment ${i}`, HUMAN);
    const ours = fake.addComment(7, `${commentMarker('default')}\nold report`, ACTIONS_BOT);
    for (let i = 0; i < 5; i++) fake.addComment(7, `later ${i}`, HUMAN);
    const { client } = clientFor(fake);
    const result = await upsertComment(client, { pr: 7, key: 'default', body: 'new report' });
    expect(result).toMatchObject({ action: 'updated', id: ours.id });
    expect(fake.requestsTo('POST', CREATE_PATH)).toHaveLength(0);
    expect(
      fake.requestsTo('GET', CREATE_PATH).map((r) => [r.query.get('per_page'), r.query.get('page')]),
    ).toEqual([
      ['100', null],
      ['100', '2'],
    ]);
    expect(ours.body).toBe(`${commentMarker('default')}\nnew report`);
  });

  it('never edits a person’s comment that carries our marker', async () => {
    const quoted = fake.addComment(7, `look at this: ${commentMarker('default')} old`, HUMAN);
    const { client, logs } = clientFor(fake);
    const result = await upsertComment(client, { pr: 7, key: 'default', body: 'report' });
    expect(result.action).toBe('created');
    expect(quoted.body).toBe(`look at this: ${commentMarker('default')} old`);
    expect(fake.commentsOn(7)).toHaveLength(2);
    // The marker is not its first line: not a marker comment at all, so nothing to explain either.
    expect(logs.some((l) => l.includes('octocat'))).toBe(false);
  });

  it('with GITHUB_TOKEN, a person’s comment that starts with our marker is still not ours (/user is refused)', async () => {
    const pasted = fake.addComment(7, `${commentMarker('default')}\ncopied report`, HUMAN);
    const { client, logs } = clientFor(fake);
    const result = await upsertComment(client, { pr: 7, key: 'default', body: 'report' });
    expect(result.action).toBe('created');
    expect(pasted.body).toBe(`${commentMarker('default')}\ncopied report`);
    expect(fake.requestsTo('GET', '/user')).toHaveLength(1);
    expect(logs.some((l) => l.includes("the token's account is unknown"))).toBe(true);
  });

  it('with a personal access token, edits the comment it wrote before instead of adding one per run', async () => {
    const pat = await FakeGitHub.start({ commenter: PAT_USER });
    try {
      pat.addPull({ number: 7 });
      const { client } = clientFor(pat);
      const first = await upsertComment(client, { pr: 7, key: 'default', body: 'v1' });
      expect(first.action).toBe('created');
      const { client: nextRun } = clientFor(pat);
      const second = await upsertComment(nextRun, { pr: 7, key: 'default', body: 'v2' });
      expect(second).toMatchObject({ action: 'updated', id: (first as { id: number }).id });
      expect(pat.commentsOn(7).map((c) => [c.user?.login, c.body])).toEqual([
        ['acme-ci', `${commentMarker('default')}\nv2`],
      ]);
      expect(await upsertComment(nextRun, { pr: 7, key: 'default', body: 'v2' })).toMatchObject({
        action: 'unchanged',
      });
      // The account is asked once per run, not once per comment or call.
      expect(pat.requestsTo('GET', '/user')).toHaveLength(1);
    } finally {
      await pat.close();
    }
  });

  it('with a personal access token, leaves other people’s marker comments and its own quotes alone', async () => {
    const pat = await FakeGitHub.start({ commenter: PAT_USER });
    try {
      pat.addPull({ number: 7 });
      const other = pat.addComment(7, `${commentMarker('default')}\nsomeone else's copy`, HUMAN);
      const quote = pat.addComment(7, `> ${commentMarker('default')}\n> old numbers\n\nwhy?`, PAT_USER);
      const { client } = clientFor(pat);
      const result = await upsertComment(client, { pr: 7, key: 'default', body: 'report' });
      expect(result.action).toBe('created');
      expect(other.body).toBe(`${commentMarker('default')}\nsomeone else's copy`);
      expect(quote.body).toBe(`> ${commentMarker('default')}\n> old numbers\n\nwhy?`);
      expect(pat.commentsOn(7)).toHaveLength(3);
    } finally {
      await pat.close();
    }
  });

  it('keeps one comment per key', async () => {
    const { client } = clientFor(fake);
    await upsertComment(client, { pr: 7, key: 'linux', body: 'a' });
    await upsertComment(client, { pr: 7, key: 'macos', body: 'b' });
    await upsertComment(client, { pr: 7, key: 'linux', body: 'a2' });
    expect(fake.commentsOn(7).map((c) => c.body)).toEqual([
      `${commentMarker('linux')}\na2`,
      `${commentMarker('macos')}\nb`,
    ]);
  });

  it('encodes keys so that none can end the hidden HTML comment', () => {
    expect(commentMarker('matrix os=linux -->x')).toBe(
      '<!-- model-energy-check:matrix%20os%3Dlinux%20--%3Ex -->',
    );
    expect(commentMarker('  ')).toBe(commentMarker('default'));
  });

  it('only updates, never creates, when asked not to create', async () => {
    const { client } = clientFor(fake);
    expect(await upsertComment(client, { pr: 7, key: 'default', body: 'x', create: false })).toMatchObject({
      action: 'skipped',
      reason: 'not-found',
    });
    expect(fake.requestsTo('POST', CREATE_PATH)).toHaveLength(0);
    fake.addComment(7, `${commentMarker('default')}\nold`, OTHER_BOT);
    expect(await upsertComment(client, { pr: 7, key: 'default', body: 'x', create: false })).toMatchObject({
      action: 'updated',
    });
  });

  it('returns a forbidden result instead of throwing on a fork’s read-only token', async () => {
    fake.forbidCommentWrites();
    const { client } = clientFor(fake);
    const result = await upsertComment(client, { pr: 7, key: 'default', body: 'report' });
    expect(result).toMatchObject({ action: 'skipped', reason: 'forbidden' });
    if (result.action !== 'skipped') return;
    expect(result.message).toBe(
      'POST /repos/acme/models/issues/7/comments: 403 Resource not accessible by integration',
    );
    expect(fake.requestsTo('POST', CREATE_PATH)).toHaveLength(1);
    expect(fake.commentsOn(7)).toHaveLength(0);
  });

  it('never sends a creation twice: a 502 that made nothing is an error saying so', async () => {
    fake.failNext({ method: 'POST', path: CREATE_PATH, status: 502 });
    const { client, logs } = clientFor(fake);
    const error = await upsertComment(client, { pr: 7, key: 'default', body: 'report' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBe(502);
    expect((error as Error).message).toBe(
      'POST /repos/acme/models/issues/7/comments: 502 Bad Gateway (not sent again, so that it can never post twice; the next run posts it)',
    );
    expect(fake.requestsTo('POST', CREATE_PATH).map((r) => r.status)).toEqual([502]);
    // Looked for before the POST and once after it.
    expect(fake.requestsTo('GET', CREATE_PATH)).toHaveLength(2);
    expect(logs.join('\n')).toContain('looking whether the comment was made anyway');
    expect(fake.commentsOn(7)).toHaveLength(0);
  });

  it('never sends a creation twice when no answer came either', async () => {
    fake.failNext({ method: 'POST', path: CREATE_PATH, status: 503, times: Infinity });
    const { client } = clientFor(fake, { maxRetries: 5 });
    await expect(upsertComment(client, { pr: 7, key: 'default', body: 'report' })).rejects.toThrow(
      /503 .*not sent again/,
    );
    expect(fake.requestsTo('POST', CREATE_PATH)).toHaveLength(1);
  });

  it('does not post twice when a 502 hid a creation that went through', async () => {
    fake.failNext({ method: 'POST', path: CREATE_PATH, status: 502, afterEffect: true });
    const { client } = clientFor(fake);
    const result = await upsertComment(client, { pr: 7, key: 'default', body: 'report' });
    expect(result.action).toBe('created');
    expect(fake.requestsTo('POST', CREATE_PATH)).toHaveLength(1);
    expect(fake.commentsOn(7)).toHaveLength(1);
  });

  it('retries an edit after a 502 (editing twice is harmless)', async () => {
    fake.addComment(7, `${commentMarker('default')}\nold`, ACTIONS_BOT);
    fake.failNext({ method: 'PATCH', path: EDIT_PATH, status: 502 });
    const { client } = clientFor(fake);
    expect(await upsertComment(client, { pr: 7, key: 'default', body: 'new' })).toMatchObject({
      action: 'updated',
    });
    expect(fake.requestsTo('PATCH', EDIT_PATH).map((r) => r.status)).toEqual([502, 200]);
  });

  it('waits out a secondary rate limit on a creation for as long as Retry-After says (nothing was made)', async () => {
    fake.rateLimitNext('POST', CREATE_PATH, { retryAfterSeconds: 7 });
    const { client, logs } = clientFor(fake);
    expect(await upsertComment(client, { pr: 7, key: 'default', body: 'report' })).toMatchObject({
      action: 'created',
    });
    expect(fake.requestsTo('POST', CREATE_PATH).map((r) => r.status)).toEqual([403, 201]);
    expect(logs).toContain(
      'POST /repos/acme/models/issues/7/comments: secondary rate limit; retry 1 of 3 in 7 s',
    );
    expect(fake.commentsOn(7)).toHaveLength(1);
  });

  it('is an error, not a fork’s missing permission, when a rate limit on a creation asks for too long a wait', async () => {
    fake.rateLimitNext('POST', CREATE_PATH, { retryAfterSeconds: 600 });
    const { client } = clientFor(fake);
    const error = await upsertComment(client, { pr: 7, key: 'default', body: 'report' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).rateLimited).toBe(true);
    expect((error as Error).message).toMatch(
      /^POST .*: 403 .*GitHub asks to wait 600 s, longer than the 300 s/,
    );
    expect(fake.requestsTo('POST', CREATE_PATH)).toHaveLength(1);
  });

  it('refuses bodies over GitHub’s limit before sending anything', async () => {
    const { client } = clientFor(fake);
    const error = await upsertComment(client, { pr: 7, key: 'k', body: 'x'.repeat(MAX_COMMENT_CHARS) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as Error).message).toMatch(
      /comment body is 655\d\d characters; GitHub accepts at most 65536/,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('the comment identity rule (issue 12, defect 1)', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await FakeGitHub.start();
    fake.addPull({ number: 7 });
  });
  afterEach(() => fake.close());

  it('a marker planted inside a report (a model path) never makes another key’s job edit our comment', async () => {
    const planted = `models/${commentMarker('nightly')}.onnx`;
    const { client } = clientFor(fake);
    const rendered = renderComment(report([model(planted, [compare(CPU, 10, 12)])]), { key: 'default' });
    expect(rendered.body).toContain(commentMarker('nightly'));
    const ours = await upsertComment(client, { pr: 7, key: 'default', body: rendered.body });
    expect(ours.action).toBe('created');

    const nightly = await upsertComment(client, { pr: 7, key: 'nightly', body: 'nightly report' });
    expect(nightly.action).toBe('created');
    const again = await upsertComment(client, { pr: 7, key: 'default', body: rendered.body });
    expect(again).toMatchObject({ action: 'unchanged', id: (ours as { id: number }).id });
    expect(fake.commentsOn(7).map((c) => c.body.split('\n', 1)[0])).toEqual([
      commentMarker('default'),
      commentMarker('nightly'),
    ]);
  });

  it('the report renderer and the GitHub layer share one marker', () => {
    for (const key of ['default', 'nightly', 'a (b)', "it's", ' spaced ', ''])
      expect(renderComment(report([]), { key }).body.split('\n', 1)[0]).toBe(commentMarker(key));
  });
});
