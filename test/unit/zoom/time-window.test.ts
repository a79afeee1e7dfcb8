import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startsWithin } from '../../../src/zoom/time-window.js';

const m = (id: number, start_time?: string) => ({ id, ...(start_time ? { start_time } : {}) });
const meetings = [
  m(1, '2024-05-30T08:00:00Z'),
  m(2, '2024-05-30T09:00:00Z'),
  m(3, '2024-05-31T09:00:00Z'),
  m(4), // type 3: no fixed time
];

describe('startsWithin', () => {
  it('keeps everything when no bound is given', () => {
    expect(startsWithin(meetings, {}).map((x) => x.id)).toEqual([1, 2, 3, 4]);
  });

  it('includes from and excludes to', () => {
    const window = { from: new Date('2024-05-30T09:00:00Z'), to: new Date('2024-05-31T09:00:00Z') };
    expect(startsWithin(meetings, window).map((x) => x.id)).toEqual([2]);
  });

  it('drops meetings without a start time once a bound is given', () => {
    expect(startsWithin(meetings, { from: new Date(0) }).map((x) => x.id)).toEqual([1, 2, 3]);
    expect(
      startsWithin(meetings, { to: new Date('2024-05-30T08:30:00Z') }).map((x) => x.id),
    ).toEqual([1]);
  });

  it('property: the kept meetings are exactly those starting in [from, to)', () => {
    const instant = fc.integer({ min: 0, max: 4_000_000_000_000 });
    fc.assert(
      fc.property(fc.array(instant), instant, instant, (starts, a, b) => {
        const from = new Date(Math.min(a, b));
        const to = new Date(Math.max(a, b));
        const list = starts.map((s, i) => m(i, new Date(s).toISOString()));
        const kept = new Set(startsWithin(list, { from, to }).map((x) => x.id));
        return list.every(
          (x, i) => kept.has(x.id) === (starts[i]! >= from.getTime() && starts[i]! < to.getTime()),
        );
      }),
    );
  });
});
