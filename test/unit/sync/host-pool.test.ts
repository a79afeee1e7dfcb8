import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseHost,
  hostConflict,
  peakConcurrency,
  type Interval,
  type PoolBooking,
  type PoolView,
} from '../../../src/sync/plan/host-pool.js';

/**
 * The pool's host choice (pure): named cases, and the properties the issue asks for — for any
 * arrival order of bookings no host ever holds more than it may at once; and when a booking moves
 * onto another, the later-booked one leaves, and once every displaced booking has been planned
 * again no host holds more than it may.
 */

const NOW = new Date('2030-03-04T08:00:00Z');
const H = 3_600_000;
const at = (hours: number) => NOW.getTime() + hours * H;
const span = (from: number, to: number): Interval => ({ start: at(from), end: at(to) });

function booking(eventId: string, intervals: Interval[], bookedAt = eventId): PoolBooking {
  return { eventId, title: `Booking ${eventId}`, bookedAt, intervals };
}

function view(
  hosts: Record<string, PoolBooking[]>,
  options: { capacity?: number; buffer?: number; parked?: Record<string, string> } = {},
): PoolView {
  return {
    hosts: Object.entries(hosts).map(([host, bookings]) => ({
      host,
      bookings,
      ...(options.parked?.[host] ? { parkedUntil: options.parked[host] } : {}),
    })),
    concurrentMeetingsPerHost: options.capacity ?? 1,
    bufferMinutes: options.buffer ?? 0,
  };
}

describe('chooseHost', () => {
  it('gives a booking a host that holds nothing at its time, the least loaded first', () => {
    const pool = view({
      a: [booking('x', [span(0, 4)])],
      b: [booking('y', [span(10, 11)])],
    });
    expect(chooseHost(booking('new', [span(20, 21)]), pool, NOW)).toEqual({
      kind: 'chosen',
      host: 'b',
    });
    expect(chooseHost(booking('new', [span(10, 11)]), pool, NOW)).toEqual({
      kind: 'chosen',
      host: 'a',
    });
  });

  it('weighs every occurrence of a series, not only its first', () => {
    const series = booking('s', [span(0, 1), span(24, 25), span(48, 49)]);
    const pool = view({ a: [booking('x', [span(48.5, 50)])], b: [booking('y', [span(5, 30)])] });
    expect(chooseHost(series, pool, NOW)).toMatchObject({ kind: 'exhausted' });
    const free = view({ a: [booking('x', [span(49, 50)])], b: [booking('y', [span(5, 30)])] });
    expect(chooseHost(series, free, NOW)).toEqual({ kind: 'chosen', host: 'a' });
  });

  it('keeps the buffer free around each booking', () => {
    const pool = view({ a: [booking('x', [span(1, 2)])] }, { buffer: 15 });
    for (const [from, to, kind] of [
      [2.2, 3, 'exhausted'],
      [2.25, 3, 'chosen'],
      [0, 0.8, 'exhausted'],
      [0, 0.75, 'chosen'],
    ] as const)
      expect(chooseHost(booking('n', [span(from, to)]), pool, NOW).kind).toBe(kind);
  });

  it('lets a host hold as many meetings at once as its concurrent-meetings add-on allows', () => {
    const pool = view(
      { a: [booking('x', [span(0, 2)]), booking('y', [span(1, 3)])] },
      { capacity: 2 },
    );
    expect(chooseHost(booking('n', [span(2.5, 4)]), pool, NOW)).toEqual({
      kind: 'chosen',
      host: 'a',
    });
    expect(chooseHost(booking('n', [span(1.5, 1.75)]), pool, NOW)).toMatchObject({
      kind: 'exhausted',
      collisions: [
        { host: 'a', eventId: 'x', at: new Date(at(1.5)).toISOString() },
        { host: 'a', eventId: 'y', at: new Date(at(1.5)).toISOString() },
      ],
    });
  });

  it('names the bookings an exhausted pool collides with, per host', () => {
    const pool = view({
      a: [booking('x', [span(0, 2)])],
      b: [booking('y', [span(1, 3)]), booking('z', [span(9, 10)])],
    });
    expect(chooseHost(booking('n', [span(1.5, 2.5)]), pool, NOW)).toEqual({
      kind: 'exhausted',
      collisions: [
        { host: 'a', eventId: 'x', title: 'Booking x', at: new Date(at(1.5)).toISOString() },
        { host: 'b', eventId: 'y', title: 'Booking y', at: new Date(at(1.5)).toISOString() },
      ],
    });
  });

  it('passes over a host whose daily budget is spent; waits when every free host is parked', () => {
    const until = '2030-03-05T00:00:00.000Z';
    const pool = view({ a: [], b: [booking('y', [span(5, 6)])] }, { parked: { a: until } });
    expect(chooseHost(booking('n', [span(0, 1)]), pool, NOW)).toEqual({
      kind: 'chosen',
      host: 'b',
    });
    const parked = view({ a: [], b: [booking('y', [span(0, 6)])] }, { parked: { a: until } });
    expect(chooseHost(booking('n', [span(0, 1)]), parked, NOW)).toEqual({
      kind: 'parked',
      until,
      hosts: ['a'],
    });
    const over = view({ a: [], b: [] }, { parked: { a: '2030-03-04T07:00:00.000Z' } });
    expect(chooseHost(booking('n', [span(0, 1)]), over, NOW)).toEqual({
      kind: 'chosen',
      host: 'a',
    });
  });

  it('does not count a booking against itself, and leaves out the hosts it is told to', () => {
    const pool = view({ a: [booking('n', [span(0, 1)])], b: [booking('y', [span(3, 4)])] });
    expect(chooseHost(booking('n', [span(0, 2)]), pool, NOW)).toEqual({
      kind: 'chosen',
      host: 'a',
    });
    expect(chooseHost(booking('n', [span(0, 2)]), pool, NOW, ['A'])).toEqual({
      kind: 'chosen',
      host: 'b',
    });
  });
});

describe('hostConflict', () => {
  it('the earlier-booked keeps the host; the later-booked that collide with it leave', () => {
    const early = booking('early', [span(0, 1)], '2030-01-01');
    const late = booking('late', [span(5, 6)], '2030-02-01');
    const pool = view({ a: [early, late], b: [] });
    const moved = { ...early, intervals: [span(5.5, 6.5)] };
    expect(hostConflict(moved, 'a', pool)).toEqual({
      stays: true,
      displaced: [late],
      collisions: [],
    });
    const movedLate = { ...late, intervals: [span(0.5, 2)] };
    expect(hostConflict(movedLate, 'a', pool)).toMatchObject({
      stays: false,
      displaced: [],
      collisions: [{ host: 'a', eventId: 'early' }],
    });
    expect(hostConflict({ ...late, intervals: [span(2, 3)] }, 'a', pool)).toEqual({
      stays: true,
      displaced: [],
      collisions: [],
    });
  });
});

// --- properties ---------------------------------------------------------------------------------

interface Shape {
  starts: number[];
  length: number;
}

/** Bookings packed into a few days, so that they collide often. */
const arbShape: fc.Arbitrary<Shape> = fc.record({
  starts: fc.uniqueArray(fc.integer({ min: 0, max: 4 * 24 * 4 }), { minLength: 1, maxLength: 4 }),
  length: fc.integer({ min: 1, max: 16 }),
});
/** The occurrences of one booking never overlap each other (nor come within the buffer). */
function intervalsOf(shape: Shape): Interval[] {
  const starts: number[] = [];
  for (const q of [...shape.starts].sort((a, b) => a - b))
    if (starts.length === 0 || q >= starts.at(-1)! + shape.length + 2) starts.push(q);
  return starts.map((q) => ({
    start: NOW.getTime() + q * 15 * 60_000,
    end: NOW.getTime() + (q + shape.length) * 15 * 60_000,
  }));
}

const arbSetting = fc.record({
  hosts: fc.integer({ min: 1, max: 4 }),
  capacity: fc.integer({ min: 1, max: 2 }),
  buffer: fc.constantFrom(0, 10, 30),
});

type Setting = { hosts: number; capacity: number; buffer: number };

/** Each booking holds its host from its start to its end plus the buffer. */
const held = (bookings: readonly PoolBooking[], setting: Setting): Interval[] =>
  bookings.flatMap((b) =>
    b.intervals.map((i) => ({ start: i.start, end: i.end + setting.buffer * 60_000 })),
  );

/** Every host holds at most `capacity` bookings at once (1: none overlap, buffer kept). */
function assertHostsHold(assigned: Map<string, Map<string, PoolBooking>>, setting: Setting): void {
  for (const [host, bookings] of assigned)
    expect(
      peakConcurrency(held([...bookings.values()], setting)),
      `host ${host} holds too many at once`,
    ).toBeLessThanOrEqual(setting.capacity);
}

function poolOf(assigned: Map<string, Map<string, PoolBooking>>, setting: Setting): PoolView {
  return view(
    Object.fromEntries([...assigned].map(([host, bookings]) => [host, [...bookings.values()]])),
    { capacity: setting.capacity, buffer: setting.buffer },
  );
}

function emptyPool(setting: Setting): Map<string, Map<string, PoolBooking>> {
  return new Map(Array.from({ length: setting.hosts }, (_, i) => [`host${i}`, new Map()]));
}

describe('host pool properties', () => {
  it('for any arrival order of bookings, no host ever holds overlapping meetings', () => {
    fc.assert(
      fc.property(
        arbSetting,
        fc.array(arbShape, { minLength: 1, maxLength: 14 }),
        (setting, shapes) => {
          const assigned = emptyPool(setting);
          shapes.forEach((shape, index) => {
            const candidate = booking(`b${index}`, intervalsOf(shape), String(index).padStart(3));
            const choice = chooseHost(candidate, poolOf(assigned, setting), NOW);
            if (choice.kind === 'chosen') {
              assigned.get(choice.host)!.set(candidate.eventId, candidate);
            } else {
              expect(choice.kind).toBe('exhausted');
              // Exhausted only when truly so: on every host it would exceed the capacity.
              for (const [host, bookings] of assigned) {
                const trial = [...bookings.values(), candidate];
                const over = peakConcurrency(held(trial, setting)) > setting.capacity;
                expect(over, `exhausted, but ${host} had room`).toBe(true);
              }
            }
            assertHostsHold(assigned, setting);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after a booking moves or grows onto others, the later-booked leave and no host is over', () => {
    fc.assert(
      fc.property(
        arbSetting,
        fc.array(arbShape, { minLength: 2, maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), arbShape), { minLength: 1, maxLength: 6 }),
        (setting, shapes, changes) => {
          const assigned = emptyPool(setting);
          const bookings = new Map<string, PoolBooking>();
          const hostOf = new Map<string, string>();
          const failed = new Set<string>();
          /** One plan of one booking, by the planner's rules. */
          const plan = (id: string, queue: string[]) => {
            const b = bookings.get(id)!;
            const pool = poolOf(assigned, setting);
            const current = hostOf.get(id);
            if (current !== undefined) {
              const conflict = hostConflict(b, current, pool);
              if (conflict.stays) {
                assigned.get(current)!.set(id, b);
                queue.push(...conflict.displaced.map((d) => d.eventId));
                return;
              }
              assigned.get(current)!.delete(id);
              hostOf.delete(id);
            }
            const choice = chooseHost(b, poolOf(assigned, setting), NOW, current ? [current] : []);
            if (choice.kind === 'chosen') {
              assigned.get(choice.host)!.set(id, b);
              hostOf.set(id, choice.host);
              failed.delete(id);
            } else failed.add(id);
          };
          const settle = (first: string) => {
            const queue = [first];
            for (let steps = 0; queue.length > 0; steps += 1) {
              expect(steps, 'displacements do not end').toBeLessThan(500);
              plan(queue.shift()!, queue);
            }
          };
          shapes.forEach((shape, index) => {
            const id = `b${index}`;
            bookings.set(id, booking(id, intervalsOf(shape), String(index).padStart(3)));
            settle(id);
          });
          for (const [pick, shape] of changes) {
            const id = `b${pick % shapes.length}`;
            bookings.set(id, { ...bookings.get(id)!, intervals: intervalsOf(shape) });
            if (hostOf.has(id)) assigned.get(hostOf.get(id)!)!.set(id, bookings.get(id)!);
            settle(id);
            assertHostsHold(assigned, setting);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
