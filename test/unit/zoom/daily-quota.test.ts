import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextUtcMidnight } from '../../../src/util/utc-day.js';
import { DailyQuotaLedger } from '../../../src/zoom/daily-quota.js';

const at = (iso: string) => new Date(iso);

describe('DailyQuotaLedger', () => {
  const morning = at('2024-05-30T08:00:00Z');

  it('counts down locally when Zoom sends no header, and parks at zero until midnight', () => {
    const ledger = new DailyQuotaLedger(3);
    expect(ledger.remaining('Room1@example.com', morning)).toBe(3);
    expect(ledger.recordAccepted('room1@example.com', undefined, morning)).toEqual({
      remaining: 2,
    });
    expect(ledger.recordAccepted('room1@example.com', undefined, morning)).toEqual({
      remaining: 1,
    });
    const last = ledger.recordAccepted('ROOM1@example.com', undefined, morning);
    expect(last.remaining).toBe(0);
    expect(last.parkedUntil?.toISOString()).toBe('2024-05-31T00:00:00.000Z');
    expect(ledger.parkedUntil('room1@example.com', morning)?.toISOString()).toBe(
      '2024-05-31T00:00:00.000Z',
    );
    // In the spelling it was first recorded in (the store keeps the first one it was given).
    expect(ledger.parked(morning)).toEqual([
      { host: 'room1@example.com', until: at('2024-05-31T00:00:00Z') },
    ]);
  });

  it("follows Zoom's X-RateLimit-Remaining over its own count", () => {
    const ledger = new DailyQuotaLedger(100);
    expect(ledger.recordAccepted('a', 41, morning)).toEqual({ remaining: 41 });
    expect(ledger.recordAccepted('a', 0, morning).parkedUntil).toEqual(at('2024-05-31T00:00:00Z'));
  });

  it('takes what Zoom says is left after a refused call, parking at zero', () => {
    const ledger = new DailyQuotaLedger(100);
    expect(ledger.recordRemaining('a', 7, morning)).toEqual({ remaining: 7 });
    expect(ledger.recordAccepted('a', undefined, morning)).toEqual({ remaining: 6 });
    expect(ledger.recordRemaining('a', 0, morning).parkedUntil).toEqual(at('2024-05-31T00:00:00Z'));
  });

  it('lets a parked host in again at the reset, with a full budget', () => {
    const ledger = new DailyQuotaLedger(100);
    ledger.park('a', at('2024-05-31T00:00:00Z'), morning);
    expect(ledger.parkedUntil('a', at('2024-05-30T23:59:59.999Z'))).toBeDefined();
    expect(ledger.parkedUntil('a', at('2024-05-31T00:00:00Z'))).toBeUndefined();
    expect(ledger.remaining('a', at('2024-05-31T00:00:00Z'))).toBe(100);
    expect(ledger.parked(at('2024-05-31T00:00:00Z'))).toEqual([]);
  });

  it('keeps a park that outlives the day (an ISO Retry-After further away), and never shortens one', () => {
    const ledger = new DailyQuotaLedger(100);
    ledger.park('a', at('2024-05-31T06:00:00Z'), morning);
    ledger.park('a', at('2024-05-31T00:00:00Z'), morning);
    const nextDay = at('2024-05-31T01:00:00Z');
    expect(ledger.parkedUntil('a', nextDay)?.toISOString()).toBe('2024-05-31T06:00:00.000Z');
    expect(ledger.remaining('a', nextDay)).toBe(0);
  });

  it('keeps hosts apart', () => {
    const ledger = new DailyQuotaLedger(1);
    ledger.recordAccepted('a', undefined, morning);
    expect(ledger.parkedUntil('a', morning)).toBeDefined();
    expect(ledger.parkedUntil('b', morning)).toBeUndefined();
  });

  it('property: a host is parked exactly when its known budget is spent, and never past the reset it was given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }), { maxLength: 40 }),
        (limit, headers) => {
          const ledger = new DailyQuotaLedger(limit);
          for (const header of headers) {
            if (ledger.parkedUntil('h', morning)) break;
            const { remaining, parkedUntil } = ledger.recordAccepted('h', header, morning);
            if ((remaining === 0) !== (parkedUntil !== undefined)) return false;
          }
          const parked = ledger.parkedUntil('h', morning);
          return (
            (parked === undefined) === ledger.remaining('h', morning) > 0 &&
            (parked === undefined || parked.getTime() === nextUtcMidnight(morning).getTime())
          );
        },
      ),
    );
  });
});
