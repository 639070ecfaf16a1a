import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryDecision,
  type FailedCall,
} from '../../src/github/index.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const clock = (random: number) => ({ now: () => NOW, random: () => random });
const call = (over: Partial<FailedCall>): FailedCall => ({
  method: 'GET',
  status: 502,
  headers: {},
  message: 'Bad Gateway',
  ...over,
});

describe('retryDecision', () => {
  it('backs off exponentially with jitter between half and all of the step, capped', () => {
    const delays = [0, 1, 2, 3, 10].map((attempt) =>
      retryDecision(call({}), attempt, { ...DEFAULT_RETRY_POLICY, maxRetries: 20 }, clock(0)),
    );
    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([500, 1000, 2000, 4000, 15_000]);
    const high = retryDecision(call({}), 2, DEFAULT_RETRY_POLICY, clock(0.999999));
    expect(high.retry && high.delayMs).toBe(4000);
  });

  it('stops after the policy’s retries', () => {
    expect(retryDecision(call({}), 4, DEFAULT_RETRY_POLICY, clock(0))).toEqual({
      retry: false,
      reason: 'gave up after 5 attempts',
    });
  });

  it('does not repeat a POST after a server error, but does after a rate limit', () => {
    expect(retryDecision(call({ method: 'POST' }), 0, DEFAULT_RETRY_POLICY, clock(0)).retry).toBe(false);
    expect(retryDecision(call({ method: 'PATCH' }), 0, DEFAULT_RETRY_POLICY, clock(0)).retry).toBe(true);
    expect(
      retryDecision(
        call({ method: 'POST', status: 429, headers: { 'retry-after': '2' } }),
        0,
        DEFAULT_RETRY_POLICY,
        clock(0),
      ),
    ).toMatchObject({
      retry: true,
      delayMs: 2000,
    });
  });

  it('waits at least a minute for a secondary rate limit that gives no header', () => {
    const decision = retryDecision(
      call({ status: 403, message: 'You have exceeded a secondary rate limit.' }),
      0,
      DEFAULT_RETRY_POLICY,
      clock(0),
    );
    expect(decision).toMatchObject({ retry: true, reason: 'secondary rate limit' });
    expect(decision.retry && decision.delayMs).toBeGreaterThanOrEqual(60_000);
  });

  it('treats a plain 403 (no permission) and other client errors as final', () => {
    expect(
      retryDecision(
        call({ status: 403, message: 'Resource not accessible by integration' }),
        0,
        DEFAULT_RETRY_POLICY,
        clock(0),
      ).retry,
    ).toBe(false);
    expect(retryDecision(call({ status: 422 }), 0, DEFAULT_RETRY_POLICY, clock(0)).retry).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});
