import { UserError } from '../errors.js';

/** A GitHub REST call that failed after any retries: names the request, the status and what GitHub said. */
export class GitHubError extends UserError {
  constructor(
    /** e.g. `POST /repos/acme/models/issues/7/comments`. */
    readonly request: string,
    /** The HTTP status; undefined when no response came (network) or the request was refused locally. */
    readonly status: number | undefined,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${request}: ${status !== undefined ? `${status} ` : ''}${problem}`, options);
    this.name = 'GitHubError';
  }
}
