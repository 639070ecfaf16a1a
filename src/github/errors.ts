import { UserError } from '../errors.js';

/** A GitHub REST call that failed after any retries: names the request, the status and what GitHub said. */
export class GitHubError extends UserError {
  /** True when GitHub rate-limited the call and the client did not wait it out. */
  readonly rateLimited: boolean;

  constructor(
    /** e.g. `POST /repos/acme/models/issues/7/comments`. */
    readonly request: string,
    /** The HTTP status; undefined when no response came (network) or the request was refused locally. */
    readonly status: number | undefined,
    readonly problem: string,
    options?: { cause?: unknown; rateLimited?: boolean },
  ) {
    super(`${request}: ${status !== undefined ? `${status} ` : ''}${problem}`, options);
    this.name = 'GitHubError';
    this.rateLimited = options?.rateLimited ?? false;
  }
}
