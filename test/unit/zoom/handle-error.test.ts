import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZoomApiError, ZoomErrorCodes, ZoomQuotaExhaustedError } from '../../../src/zoom/errors.js';
import { handleZoomError } from '../../../src/zoom/handle-error.js';

const call = { endpoint: 'GET /meetings/1', operation: 'meetings.get' };
const error = (details: Partial<ConstructorParameters<typeof ZoomApiError>[1]>) =>
  new ZoomApiError('x', {
    code: ZoomErrorCodes.unavailable,
    status: 503,
    retryable: true,
    ...call,
    ...details,
  });

describe('handleZoomError', () => {
  it('retries 5xx and lost connections', () => {
    expect(handleZoomError(error({}))).toMatchObject({ next: 'retry', status: 503, reason: '503' });
    expect(handleZoomError(error({ status: 0 }))).toMatchObject({
      next: 'retry',
      status: 0,
      reason: 'network',
    });
  });

  it('passes on the wait Retry-After asks for, and slows the label’s rate limiter', () => {
    const limited = error({ code: ZoomErrorCodes.rateLimited, status: 429, retryAfterMs: 1500 });
    expect(handleZoomError(limited)).toEqual({
      error: limited,
      status: 429,
      next: 'retry',
      reason: '429',
      retryAfterMs: 1500,
      slowDown: ['label'],
    });
  });

  it('replaces a token the API refuses (401/124), but not one the token endpoint refuses', () => {
    const refused = error({ code: ZoomErrorCodes.authFailed, status: 401, zoomCode: 124 });
    expect(handleZoomError(refused)).toMatchObject({ next: 'refresh', reason: 'token-expired' });
    const credentials = error({
      code: ZoomErrorCodes.authFailed,
      status: 401,
      zoomCode: 124,
      retryable: false,
      operation: 'oauth.token',
      endpoint: 'POST /oauth/token',
    });
    expect(handleZoomError(credentials).next).toBe('fail');
  });

  it('never repeats a call of unknown outcome, a daily limit, or a final refusal', () => {
    expect(handleZoomError(error({ outcomeUnknown: true })).next).toBe('fail');
    expect(
      handleZoomError(
        error({
          status: 429,
          code: ZoomErrorCodes.rateLimited,
          dailyLimitResetsAt: new Date(),
          retryAfterMs: 1000,
        }),
      ).next,
    ).toBe('fail');
    expect(handleZoomError(new ZoomQuotaExhaustedError('a@b.c', new Date(), call)).next).toBe(
      'fail',
    );
    expect(
      handleZoomError(
        error({ status: 400, code: ZoomErrorCodes.validationFailed, retryable: false }),
      ).next,
    ).toBe('fail');
    expect(handleZoomError(new Error('bug'))).toMatchObject({ next: 'fail', reason: 'unexpected' });
  });

  it('property: only a retryable error is ever retried or held for', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 400, 401, 404, 429, 500, 503),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        (status, retryable, outcomeUnknown, retryAfterMs) => {
          const handled = handleZoomError(
            error({
              status,
              retryable,
              outcomeUnknown,
              ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            }),
          );
          return handled.next !== 'retry' || (retryable && !outcomeUnknown);
        },
      ),
    );
  });
});
