/**
 * When to retry a GitHub REST call and how long to wait, as a pure function of the failure. It follows
 * GitHub's guidance for rate limits: honour Retry-After; when x-ratelimit-remaining is 0 wait until
 * x-ratelimit-reset; otherwise (a secondary limit without headers) wait at least a minute, growing
 * exponentially. Server errors back off exponentially with jitter. Everything is bounded.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First backoff for server errors; doubles per retry. */
  readonly baseDelayMs: number;
  /** Cap on one backoff for server errors. */
  readonly maxDelayMs: number;
  /** A rate limit that asks for a longer wait than this is not waited out; the call fails instead. */
  readonly maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRateLimitWaitMs: 5 * 60_000,
};

/** GitHub's advice for a secondary rate limit with no header saying how long. */
const SECONDARY_LIMIT_MIN_WAIT_MS = 60_000;

export interface RetryClock {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

export interface FailedCall {
  readonly method: string;
  /** Undefined when no response arrived (connection refused, reset, DNS). */
  readonly status: number | undefined;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly message: string;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly reason: string }
  | { readonly retry: false; readonly reason?: string };

/** Methods that may be repeated after a server error without risk of doing the thing twice. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

export function isRateLimited(call: FailedCall): boolean {
  if (call.status === 429) return true;
  if (call.status !== 403) return false;
  return (
    call.headers['x-ratelimit-remaining'] === '0' ||
    call.headers['retry-after'] !== undefined ||
    /secondary rate limit|rate limit exceeded|abuse detection/i.test(call.message)
  );
}

/** `attempt` counts retries already made (0 after the first failure). */
export function retryDecision(
  call: FailedCall,
  attempt: number,
  policy: RetryPolicy,
  clock: RetryClock,
): RetryDecision {
  if (attempt >= policy.maxRetries) return { retry: false, reason: `gave up after ${attempt + 1} attempts` };
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = (ms: number): number => Math.round(ms * (0.5 + clock.random() / 2));

  if (isRateLimited(call)) {
    let waitMs: number;
    let why: string;
    const retryAfter = parseRetryAfter(call.headers['retry-after'], clock.now());
    const reset = Number(call.headers['x-ratelimit-reset']);
    if (retryAfter !== undefined) {
      waitMs = retryAfter;
      why = 'rate limited (Retry-After)';
    } else if (call.headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
      waitMs = Math.max(0, reset * 1000 - clock.now()) + 1000;
      why = 'rate limit used up (x-ratelimit-reset)';
    } else {
      waitMs =
        Math.max(SECONDARY_LIMIT_MIN_WAIT_MS, policy.baseDelayMs * 2 ** attempt) +
        jittered(policy.baseDelayMs);
      why = 'secondary rate limit';
    }
    if (waitMs > policy.maxRateLimitWaitMs) {
      return {
        retry: false,
        reason: `${why}: GitHub asks to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.round(policy.maxRateLimitWaitMs / 1000)} s this run waits`,
      };
    }
    return { retry: true, delayMs: waitMs, reason: why };
  }

  const serverSide = call.status === undefined || call.status >= 500;
  if (serverSide && IDEMPOTENT.has(call.method.toUpperCase())) {
    return {
      retry: true,
      delayMs: jittered(backoff),
      reason: call.status === undefined ? 'no response' : `server error ${call.status}`,
    };
  }
  return { retry: false };
}

/** Retry-After is either delay-seconds or an HTTP date; returns milliseconds to wait. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
