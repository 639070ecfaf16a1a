import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';

/** The run's trigger, from GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH. */
export type RunEvent =
  | {
      readonly kind: 'pull_request';
      readonly number: number;
      readonly baseRef: string;
      readonly baseSha: string;
      readonly headSha: string;
      /** `owner/repo` of the head; differs from the repository for a fork. */
      readonly headRepository?: string;
      /** The PR's changed_files count: a shorter API listing is incomplete (falls back to git diff). */
      readonly changedFiles?: number;
    }
  | { readonly kind: 'push'; readonly sha: string; readonly ref: string }
  | {
      readonly kind: 'workflow_dispatch';
      readonly sha: string;
      readonly ref: string;
      readonly pullRequest?: number;
    }
  | {
      readonly kind: 'workflow_run';
      readonly headSha: string;
      readonly headBranch?: string;
      readonly headOwner?: string;
      readonly pullRequests: readonly number[];
    }
  | { readonly kind: 'other'; readonly name: string; readonly sha: string };

interface Payload {
  pull_request?: {
    number?: number;
    base?: { ref?: string; sha?: string };
    head?: { sha?: string; repo?: { full_name?: string } | null };
    changed_files?: number;
  };
  inputs?: Record<string, unknown>;
  workflow_run?: {
    head_sha?: string;
    head_branch?: string;
    head_repository?: { owner?: { login?: string } } | null;
    pull_requests?: { number?: number }[];
  };
}

export class EventError extends UserError {
  constructor(problem: string) {
    super(problem);
    this.name = 'EventError';
  }
}

export function readEvent(name: string, payloadPath: string | undefined, sha: string, ref: string): RunEvent {
  let payload: Payload = {};
  if (payloadPath) {
    try {
      payload = JSON.parse(readFileSync(payloadPath, 'utf8')) as Payload;
    } catch (error) {
      throw new EventError(
        `cannot read the event payload ${payloadPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  switch (name) {
    case 'pull_request':
    case 'pull_request_target': {
      const pr = payload.pull_request;
      const number = pr?.number;
      const baseSha = pr?.base?.sha;
      const headSha = pr?.head?.sha;
      if (!number || !baseSha || !headSha)
        throw new EventError(`the ${name} payload lacks the pull request number, base or head SHA`);
      return {
        kind: 'pull_request',
        number,
        baseRef: pr.base?.ref ?? '',
        baseSha,
        headSha,
        ...(pr.head?.repo?.full_name ? { headRepository: pr.head.repo.full_name } : {}),
        ...(typeof pr.changed_files === 'number' ? { changedFiles: pr.changed_files } : {}),
      };
    }
    case 'push':
      return { kind: 'push', sha, ref };
    case 'workflow_dispatch': {
      const raw = payload.inputs?.['pull-request'] ?? payload.inputs?.pr ?? payload.inputs?.pull_request;
      const pr = raw === undefined || raw === '' ? undefined : Number(raw);
      return {
        kind: 'workflow_dispatch',
        sha,
        ref,
        ...(pr && Number.isSafeInteger(pr) ? { pullRequest: pr } : {}),
      };
    }
    case 'workflow_run': {
      const run = payload.workflow_run;
      if (!run?.head_sha) throw new EventError('the workflow_run payload lacks head_sha');
      return {
        kind: 'workflow_run',
        headSha: run.head_sha,
        ...(run.head_branch ? { headBranch: run.head_branch } : {}),
        ...(run.head_repository?.owner?.login ? { headOwner: run.head_repository.owner.login } : {}),
        pullRequests: (run.pull_requests ?? []).flatMap((p) => (p.number ? [p.number] : [])),
      };
    }
    default:
      return { kind: 'other', name, sha };
  }
}
