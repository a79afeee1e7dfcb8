import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZoomApiError, ZoomErrorCodes, ZoomQuotaExhaustedError } from '../../../src/zoom/errors.js';
import { zoomRetryDecision } from '../../../src/zoom/retry-decision.js';

const call = { endpoint: 'GET /meetings/1', operation: 'meetings.get' };
const error = (details: Partial<ConstructorParameters<typeof ZoomApiError>[1]>) =>
  new ZoomApiError('x', {
    code: ZoomErrorCodes.unavailable,
    status: 503,
    retryable: true,
    ...call,
    ...details,
  });

describe('zoomRetryDecision', () => {
  it('retries 5xx and lost connections with backoff', () => {
    expect(zoomRetryDecision(error({}), 60_000)).toEqual({ retry: true, reason: '503' });
    expect(zoomRetryDecision(error({ status: 0 }), 60_000)).toEqual({
      retry: true,
      reason: 'network',
    });
  });

  it('waits what Retry-After asks, unless that is longer than the longest wait', () => {
    const limited = (retryAfterMs: number) =>
      error({ code: ZoomErrorCodes.rateLimited, status: 429, retryAfterMs });
    expect(zoomRetryDecision(limited(1500), 60_000)).toEqual({
      retry: true,
      afterMs: 1500,
      reason: '429',
    });
    expect(zoomRetryDecision(limited(60_001), 60_000).retry).toBe(false);
  });

  it('never repeats a call of unknown outcome, a daily limit, or a final refusal', () => {
    expect(zoomRetryDecision(error({ outcomeUnknown: true }), 60_000).retry).toBe(false);
    expect(
      zoomRetryDecision(
        error({ status: 429, code: ZoomErrorCodes.rateLimited, dailyLimitResetsAt: new Date() }),
        60_000,
      ).retry,
    ).toBe(false);
    expect(
      zoomRetryDecision(new ZoomQuotaExhaustedError('a@b.c', new Date(), call), 60_000).retry,
    ).toBe(false);
    expect(
      zoomRetryDecision(
        error({ status: 400, code: ZoomErrorCodes.validationFailed, retryable: false }),
        60_000,
      ).retry,
    ).toBe(false);
    expect(zoomRetryDecision(new Error('bug'), 60_000).retry).toBe(false);
  });

  it('property: a retry never waits longer than the longest wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (retryAfterMs, maxWaitMs) => {
          const decision = zoomRetryDecision(error({ status: 429, retryAfterMs }), maxWaitMs);
          return !decision.retry || (decision.afterMs ?? 0) <= maxWaitMs;
        },
      ),
    );
  });
});
