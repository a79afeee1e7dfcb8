import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextUtcMidnight, utcDay } from '../../../src/util/utc-day.js';

const at = (iso: string) => new Date(iso);

describe('nextUtcMidnight', () => {
  it('is the next 00:00 UTC, also across months, years and from midnight itself', () => {
    expect(nextUtcMidnight(at('2024-05-30T17:20:00Z')).toISOString()).toBe(
      '2024-05-31T00:00:00.000Z',
    );
    expect(nextUtcMidnight(at('2024-02-29T23:59:59.999Z')).toISOString()).toBe(
      '2024-03-01T00:00:00.000Z',
    );
    expect(nextUtcMidnight(at('2024-12-31T12:00:00Z')).toISOString()).toBe(
      '2025-01-01T00:00:00.000Z',
    );
    expect(nextUtcMidnight(at('2024-05-30T00:00:00Z')).toISOString()).toBe(
      '2024-05-31T00:00:00.000Z',
    );
  });

  it('property: strictly after now, at most one day later, and at 00:00:00.000 UTC', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: at('1990-01-01T00:00:00Z'),
          max: at('2090-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (now) => {
          const next = nextUtcMidnight(now);
          const ms = next.getTime() - now.getTime();
          return ms > 0 && ms <= 86_400_000 && next.toISOString().endsWith('T00:00:00.000Z');
        },
      ),
    );
  });
});

describe('utcDay', () => {
  it('is the UTC date, whatever the offset the instant was written with', () => {
    expect(utcDay(at('2024-05-30T23:30:00-02:00'))).toBe('2024-05-31');
    expect(utcDay(at('2024-05-31T00:00:00Z'))).toBe('2024-05-31');
  });
});
