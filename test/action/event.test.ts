import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventError, readEvent } from '../../src/action/event.js';
import { makeTempDir } from '../git/temp-repo.js';

const dir = makeTempDir('mec-event-');
afterAll(() => dir.cleanup());
let counter = 0;

function payload(json: unknown): string {
  const path = join(dir.path, `event-${++counter}.json`);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

const SHA = 'a'.repeat(40);

describe('readEvent', () => {
  it('reads a pull_request (or pull_request_target) payload', () => {
    const path = payload({
      pull_request: {
        number: 7,
        base: { ref: 'main', sha: 'b'.repeat(40) },
        head: { sha: 'c'.repeat(40), repo: { full_name: 'forker/models' } },
        changed_files: 3,
      },
    });
    const expected = {
      kind: 'pull_request',
      number: 7,
      baseRef: 'main',
      baseSha: 'b'.repeat(40),
      headSha: 'c'.repeat(40),
      headRepository: 'forker/models',
      changedFiles: 3,
    };
    expect(readEvent('pull_request', path, SHA, 'refs/pull/7/merge')).toEqual(expected);
    expect(readEvent('pull_request_target', path, SHA, '')).toEqual(expected);
  });

  it('refuses a pull_request payload without number, base or head', () => {
    const path = payload({ pull_request: { number: 7, base: { ref: 'main' } } });
    expect(() => readEvent('pull_request', path, SHA, '')).toThrow(
      new EventError('the pull_request payload lacks the pull request number, base or head SHA'),
    );
  });

  it('reads push, workflow_dispatch (with a pull request input) and other events', () => {
    expect(readEvent('push', undefined, SHA, 'refs/heads/main')).toEqual({
      kind: 'push',
      sha: SHA,
      ref: 'refs/heads/main',
    });
    expect(readEvent('workflow_dispatch', payload({ inputs: { 'pull-request': '12' } }), SHA, 'r')).toEqual({
      kind: 'workflow_dispatch',
      sha: SHA,
      ref: 'r',
      pullRequest: 12,
    });
    expect(readEvent('workflow_dispatch', payload({ inputs: { pr: '' } }), SHA, 'r')).toEqual({
      kind: 'workflow_dispatch',
      sha: SHA,
      ref: 'r',
    });
    expect(readEvent('schedule', undefined, SHA, '')).toEqual({ kind: 'other', name: 'schedule', sha: SHA });
  });

  it('reads a workflow_run payload: head, the fork’s owner and branch, the listed pull requests', () => {
    const path = payload({
      workflow_run: {
        head_sha: 'f'.repeat(40),
        head_branch: 'patch-1',
        head_repository: { owner: { login: 'forker' } },
        pull_requests: [{ number: 7 }, {}],
      },
    });
    expect(readEvent('workflow_run', path, SHA, '')).toEqual({
      kind: 'workflow_run',
      headSha: 'f'.repeat(40),
      headBranch: 'patch-1',
      headOwner: 'forker',
      pullRequests: [7],
    });
    expect(() => readEvent('workflow_run', payload({ workflow_run: {} }), SHA, '')).toThrow(
      'the workflow_run payload lacks head_sha',
    );
  });

  it('names the payload file it cannot read', () => {
    const broken = payload('{ not json');
    expect(() => readEvent('push', broken, SHA, '')).toThrow(
      new RegExp(`^cannot read the event payload ${broken}: `),
    );
    expect(() => readEvent('push', join(dir.path, 'missing.json'), SHA, '')).toThrow(EventError);
  });
});
