import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenRefreshAt } from '../../../src/zoom/oauth-token.js';

describe('tokenRefreshAt', () => {
  const obtained = new Date('2024-05-30T08:00:00Z');

  it('refreshes an hour-long token five minutes before it runs out', () => {
    expect(tokenRefreshAt(obtained, 3600).toISOString()).toBe('2024-05-30T08:55:00.000Z');
  });

  it('refreshes a short-lived token halfway', () => {
    expect(tokenRefreshAt(obtained, 60).toISOString()).toBe('2024-05-30T08:00:30.000Z');
  });

  it('property: always after it was obtained and before it expires', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 86_400 }), (expiresIn) => {
        const at = tokenRefreshAt(obtained, expiresIn).getTime();
        return at > obtained.getTime() && at < obtained.getTime() + expiresIn * 1000;
      }),
    );
  });
});
