import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { GitHubError } from './errors.js';

export type Octokit = ReturnType<typeof getOctokit>;
type OctokitPlugin = Parameters<typeof getOctokit>[2];
type LimiterGroup = NonNullable<Exclude<ThrottlingOptions, { enabled: false }>['write']>;

export interface GitHubClientOptions {
  readonly token: string;
  /** `owner/repo`. */
  readonly repository: string;
  /** The REST API root: GITHUB_API_URL in Actions, a loopback server in tests. */
  readonly baseUrl?: string;
  /** Retries of one call after server errors, and after rate limits. */
  readonly maxRetries?: number;
  /** A rate limit that asks for a longer wait than this is not waited out: the call fails, saying so. */
  readonly maxRateLimitWaitMs?: number;
  /**
   * Milliseconds waited per second that a backoff or GitHub's rate limit asks for: 1000 (the clock) by
   * default; tests pass 0, so that every retry happens at once and no test sleeps.
   */
  readonly msPerWaitSecond?: number;
  /** Where retries and skipped comments are reported (the action passes core.info). */
  readonly log?: (message: string) => void;
  readonly userAgent?: string;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/**
 * Methods repeated after a server error or no answer: doing them twice is harmless. A POST (a new
 * comment) is not: its 5xx may hide a success, and repeating it could post twice.
 */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/** Statuses the retry plugin leaves alone: client errors, and rate limits (the throttling plugin's). */
const NOT_RETRIED = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * A limiter group that runs each job at once (Bottleneck's `Group.key(id).schedule(options, job, ...args)`).
 * The throttling plugin paces writes (one a second, one per 3 s for those that notify people) for bulk
 * writers; this action writes one comment per run and key, and its tests must not wait on the clock.
 */
const UNPACED = {
  key: () => ({
    schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve().then(() => job(...args)),
  }),
} as unknown as LimiterGroup;

/**
 * The transport of the GitHub use cases (comments.ts, pulls.ts, pull-files.ts): @actions/github's
 * Octokit (the runner's proxy settings) with @octokit/plugin-retry for server errors and
 * @octokit/plugin-throttling for rate limits, under this project's rules: a POST is never repeated, a
 * rate limit is waited out only up to a cap, and every failure that leaves this layer is a GitHubError
 * naming the request.
 */
export class GitHubClient {
  readonly owner: string;
  readonly repo: string;
  readonly octokit: Octokit;
  readonly log: (message: string) => void;
  private readonly baseUrl: string;
  private login: Promise<string | undefined> | undefined;
  /** Per request (its options object): the statuses of its failed attempts, retries included. */
  private readonly failedAttempts = new WeakMap<object, string[]>();
  /** Per request: why a rate limit on it was not waited out. */
  private readonly rateLimitRefusals = new WeakMap<object, string>();

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
    this.log = options.log ?? (() => undefined);
    this.baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const maxWaitMs = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
    const msPerWaitSecond = options.msPerWaitSecond ?? 1000;

    const onLimit =
      (kind: string) =>
      (retryAfterS: number, request: object, _octokit: unknown, retryCount: number): boolean => {
        const described = this.describeRequest(request);
        if (retryAfterS * 1000 > maxWaitMs) {
          this.rateLimitRefusals.set(
            request,
            `${kind}: GitHub asks to wait ${retryAfterS} s, longer than the ${Math.round(maxWaitMs / 1000)} s this run waits`,
          );
          return false;
        }
        if (retryCount >= maxRetries) {
          this.rateLimitRefusals.set(request, `${kind}: still limited after ${retryCount + 1} attempts`);
          return false;
        }
        this.log(`${described}: ${kind}; retry ${retryCount + 1} of ${maxRetries} in ${retryAfterS} s`);
        return true;
      };

    // Plugins wrap in order: the recorder sees every attempt, the retry plugin sits inside throttling.
    this.octokit = getOctokit(
      options.token,
      {
        baseUrl: this.baseUrl,
        ...(options.userAgent !== undefined ? { userAgent: options.userAgent } : {}),
        log: {
          debug: () => undefined,
          info: () => undefined,
          warn: (message: string) => this.log(message),
          error: (message: string) => this.log(message),
        },
        retry: { retries: maxRetries, doNotRetry: NOT_RETRIED, retryAfterBaseValue: msPerWaitSecond },
        throttle: {
          retryAfterBaseValue: msPerWaitSecond,
          write: UNPACED,
          notifications: UNPACED,
          onRateLimit: onLimit('rate limit used up'),
          onSecondaryRateLimit: onLimit('secondary rate limit'),
        },
      },
      this.attemptRecorder(),
      retry,
      throttling,
    );
    this.octokit.hook.wrap('request', async (request, requestOptions) => {
      const described = this.describeRequest(requestOptions);
      if (!IDEMPOTENT.has(requestOptions.method.toUpperCase())) {
        requestOptions.request = { ...requestOptions.request, retries: 0 };
      }
      try {
        const response = await request(requestOptions);
        const failed = this.failedAttempts.get(requestOptions);
        if (failed)
          this.log(`${described}: answered on attempt ${failed.length + 1} (after ${failed.join(', ')})`);
        return response;
      } catch (error) {
        throw this.failure(error, described, requestOptions);
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

  /** The innermost plugin: remembers each failed attempt's status, for the log and the error. */
  private attemptRecorder(): OctokitPlugin {
    return (octokit) => {
      octokit.hook.wrap('request', async (request, requestOptions) => {
        try {
          return await request(requestOptions);
        } catch (error) {
          const seen = this.failedAttempts.get(requestOptions) ?? [];
          seen.push(String(httpFailure(error)?.status ?? 'no response'));
          this.failedAttempts.set(requestOptions, seen);
          throw error;
        }
      });
    };
  }

  private describeRequest(requestOptions: object): string {
    const { method, url } = this.octokit.request.endpoint.parse(
      requestOptions as Parameters<Octokit['request']['endpoint']['parse']>[0],
    );
    return `${method} ${url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : url}`;
  }

  /** An Octokit RequestError as a GitHubError: the request, the status, GitHub's message and why it stopped. */
  private failure(error: unknown, described: string, requestOptions: object): unknown {
    const failed = httpFailure(error);
    if (failed === undefined) return error;
    const refusal = this.rateLimitRefusals.get(requestOptions);
    const attempts = this.failedAttempts.get(requestOptions)?.length ?? 1;
    const why = refusal ?? (attempts > 1 ? `gave up after ${attempts} attempts` : undefined);
    return new GitHubError(described, failed.status, why ? `${failed.message} (${why})` : failed.message, {
      cause: error,
      rateLimited: refusal !== undefined,
    });
  }
}

/** The parts of an Octokit RequestError a message needs; undefined for anything else. */
function httpFailure(error: unknown): { status: number | undefined; message: string } | undefined {
  if (!(error instanceof Error) || typeof (error as { status?: unknown }).status !== 'number')
    return undefined;
  const response = (error as { response?: { data?: unknown } }).response;
  const data = response?.data;
  const apiMessage =
    typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : undefined;
  return {
    // A request that got no answer (refused, reset) is a RequestError with status 500 and no response.
    status: response ? (error as unknown as { status: number }).status : undefined,
    message: apiMessage ?? error.message,
  };
}
