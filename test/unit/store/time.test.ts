import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toStoredTime } from '../../../src/store/time.js';

describe('toStoredTime', () => {
  it.each([
    ['a Date', new Date('2025-03-03T09:00:00Z'), '2025-03-03T09:00:00.000Z'],
    ['UTC text', '2025-03-03T09:00:00Z', '2025-03-03T09:00:00.000Z'],
    ['an offset', '2025-03-03T10:00:00+01:00', '2025-03-03T09:00:00.000Z'],
    ['an offset without colon', '2025-03-03T04:00:00-0500', '2025-03-03T09:00:00.000Z'],
    ['fractions', '2025-03-03T09:00:00.5Z', '2025-03-03T09:00:00.500Z'],
    ['no seconds', '2025-03-03T09:00Z', '2025-03-03T09:00:00.000Z'],
  ])('stores %s as canonical UTC', (_name, input, stored) => {
    expect(toStoredTime(input, 'at')).toBe(stored);
  });

  it.each([
    ['a zone-less time', '2025-03-03T09:00:00'],
    ['a date', '2025-03-03'],
    ['nonsense', 'next Tuesday'],
    ['an invalid Date', new Date('nope')],
    ['an impossible day', '2025-02-30T09:00:00Z'],
  ])('refuses %s, naming the field', (_name, input) => {
    expect(() => toStoredTime(input, 'windowTo')).toThrow(
      expect.objectContaining({
        code: 'STORE_INVALID_TIME',
        message: expect.stringContaining('windowTo'),
      }),
    );
  });

  it('orders stored text the same as time, so SQL can compare it', () => {
    const instant = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [x, y] = [toStoredTime(a, 'a'), toStoredTime(b, 'b')];
        expect(Math.sign(x.localeCompare(y, 'en'))).toBe(Math.sign(a.getTime() - b.getTime()));
        expect(new Date(x).getTime()).toBe(a.getTime());
      }),
    );
  });
});
