import { getOctokit } from '@actions/github';
import { GitHubError } from './errors.js';
import {
  DEFAULT_RETRY_POLICY,
  type FailedCall,
  type RetryClock,
  retryDecision,
  type RetryPolicy,
} from './retry.js';

export type Octokit = ReturnType<typeof getOctokit>;
export type Sleep = (ms: number) => Promise<void>;

export interface GitHubClientOptions {
  readonly token: string;
  /** `owner/repo`. */
  readonly repository: string;
  /** The REST API root: GITHUB_API_URL in Actions, a loopback server in tests. */
  readonly baseUrl?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** How to wait between retries; tests pass one that records instead of waiting. */
  readonly sleep?: Sleep;
  readonly clock?: Partial<RetryClock>;
  /** Where retries and skipped comments are reported (the action passes core.info). */
  readonly log?: (message: string) => void;
  readonly userAgent?: string;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The GitHub REST calls the action makes, over @actions/github's Octokit (which brings the runner's
 * proxy settings). Every request, page requests included, goes through one retry hook; every failure
 * that leaves this layer is a GitHubError.
 */
export class GitHubClient {
  readonly owner: string;
  readonly repo: string;
  readonly octokit: Octokit;
  readonly policy: RetryPolicy;
  readonly log: (message: string) => void;
  readonly sleep: Sleep;
  readonly clock: RetryClock;
  private readonly baseUrl: string;
  private login: Promise<string | undefined> | undefined;

  constructor(options: GitHubClientOptions) {
    const [owner, repo, ...rest] = options.repository.split('/');
    if (!owner || !repo || rest.length > 0) {
      throw new GitHubError(
        '(setup)',
        undefined,
        `"${options.repository}" is not a repository name of the form owner/repo`,
      );
    }
    this.owner = owner;
    this.repo = repo;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.log = options.log ?? (() => undefined);
    this.sleep = options.sleep ?? realSleep;
    this.clock = { now: options.clock?.now ?? Date.now, random: options.clock?.random ?? Math.random };
    this.baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    this.octokit = getOctokit(options.token, {
      baseUrl: this.baseUrl,
      ...(options.userAgent !== undefined ? { userAgent: options.userAgent } : {}),
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: string) => this.log(message),
        error: (message: string) => this.log(message),
      },
    });
    this.octokit.hook.wrap('request', async (request, requestOptions) => {
      const { method, url } = this.octokit.request.endpoint.parse(requestOptions);
      const described = `${method} ${url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : url}`;
      for (let attempt = 0; ; attempt++) {
        try {
          return await request(requestOptions);
        } catch (error) {
          const failed = failedCall(error, method);
          if (failed === undefined) throw error;
          const decision = retryDecision(failed, attempt, this.policy, this.clock);
          if (!decision.retry) {
            const problem =
              decision.reason !== undefined ? `${failed.message} (${decision.reason})` : failed.message;
            throw new GitHubError(described, failed.status, problem, { cause: error });
          }
          this.log(
            `${described}: ${failed.status ?? 'no response'} (${decision.reason}); retry ${attempt + 1} of ${this.policy.maxRetries} in ${(decision.delayMs / 1000).toFixed(1)} s`,
          );
          await this.sleep(decision.delayMs);
        }
      }
    });
  }

  /** A request, for messages: `GET /repos/acme/models/pulls/7/files`. */
  describe(method: string, path: string): string {
    return `${method} /repos/${this.owner}/${this.repo}${path}`;
  }

  /**
   * The login of the account the token acts as, asked once: a personal access token's user. Bot tokens
   * (GITHUB_TOKEN, GitHub Apps) may not read /user; they, and any failure, give undefined.
   */
  tokenLogin(): Promise<string | undefined> {
    this.login ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (error: unknown) => {
        if (!(error instanceof GitHubError)) throw error;
        this.log(`the token's account is unknown (${error.message}); only bot comments are taken for ours`);
        return undefined;
      },
    );
    return this.login;
  }
}

/** The parts of an Octokit RequestError the retry rules need; undefined for anything else. */
function failedCall(error: unknown, method: string): FailedCall | undefined {
  if (!(error instanceof Error) || typeof (error as { status?: unknown }).status !== 'number')
    return undefined;
  const response = (error as { response?: { headers?: Record<string, string | undefined>; data?: unknown } })
    .response;
  const data = response?.data;
  const apiMessage =
    typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : undefined;
  return {
    method,
    status: response ? (error as unknown as { status: number }).status : undefined,
    headers: response?.headers ?? {},
    message: apiMessage ?? error.message,
  };
}
