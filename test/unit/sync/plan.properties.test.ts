import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src/domain/calendar-event.js';
import { planEventSync } from '../../../src/sync/plan/plan-event.js';
import { booking, CONFIG, deleted, NOW, ROOMS } from './fixtures.js';
import { Model } from './plan-model.js';

/**
 * Properties of the planner over generated bookings: planning again against the state a plan
 * left costs nothing; a deletion never creates; whatever order the copies and versions of one
 * booking arrive in, it gets at most one meeting.
 */

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Taipei'] as const;
const RULES = [
  [],
  ['RRULE:FREQ=WEEKLY;COUNT=6'],
  ['RRULE:FREQ=DAILY;COUNT=10'],
  ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=9'],
  ['RRULE:FREQ=WEEKLY'],
  ['RRULE:FREQ=MONTHLY;COUNT=4'],
  ['RRULE:FREQ=YEARLY;COUNT=3'],
  ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=5'],
] as const;

interface Shape {
  days: number;
  hour: number;
  minute: number;
  minutes: number;
  zone: (typeof ZONES)[number];
  rule: number;
  summary: string;
  rooms: number[];
}

const arbShape: fc.Arbitrary<Shape> = fc.record({
  days: fc.integer({ min: 1, max: 90 }),
  hour: fc.integer({ min: 6, max: 20 }),
  minute: fc.constantFrom(0, 15, 30, 45),
  minutes: fc.constantFrom(15, 30, 60, 90),
  zone: fc.constantFrom(...ZONES),
  rule: fc.integer({ min: 0, max: RULES.length - 1 }),
  summary: fc.string({ minLength: 0, maxLength: 30 }),
  rooms: fc.uniqueArray(fc.integer({ min: 0, max: ROOMS.length - 1 }), {
    minLength: 1,
    maxLength: 3,
  }),
});

/** The copy of a booking of this shape that room `reader` (an index into its rooms) reads. */
function eventOf(shape: Shape, reader = 0): LiveEvent {
  const start = DateTime.fromJSDate(NOW, { zone: shape.zone })
    .startOf('day')
    .plus({ days: shape.days })
    .set({ hour: shape.hour, minute: shape.minute });
  const end = start.plus({ minutes: shape.minutes });
  const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true })!;
  const rooms = shape.rooms.map((i) => ({
    email: ROOMS[i]!.calendarId,
    responseStatus: 'accepted' as const,
  }));
  return booking({
    calendarId: rooms[reader % rooms.length]!.email,
    summary: shape.summary,
    start: { dateTime: iso(start), timeZone: shape.zone },
    end: { dateTime: iso(end), timeZone: shape.zone },
    recurrence: [...RULES[shape.rule]!],
    rooms,
  });
}

const plan = (model: Model, event: Parameters<typeof planEventSync>[0]) =>
  planEventSync(event, model.state(), NOW, CONFIG);

const creates = (kinds: string[]) =>
  kinds.filter((k) => k === 'createMeeting' || k === 'createOccurrenceMeeting').length;

describe('planEventSync: properties', () => {
  it('planning the same booking again, as any of its rooms sees it after our write-back, yields no action', () => {
    fc.assert(
      fc.property(arbShape, fc.nat(5), fc.nat(5), (shape, first, second) => {
        const model = new Model();
        const event = eventOf(shape, first);
        model.apply(plan(model, event), event);
        const again = plan(model, model.seenAgain(eventOf(shape, second)));
        expect(again.actions).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('a deletion never yields a create, whatever was planned before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbShape, fc.nat(5), fc.boolean()), { minLength: 0, maxLength: 4 }),
        fc.nat(ROOMS.length - 1),
        (history, room) => {
          const model = new Model();
          for (const [shape, reader, isDeletion] of history) {
            const event = isDeletion
              ? deleted(ROOMS[shape.rooms[reader % shape.rooms.length]!]!.calendarId)
              : eventOf(shape, reader);
            model.apply(plan(model, event), event);
          }
          const p = plan(model, deleted(ROOMS[room]!.calendarId));
          expect(creates(p.actions.map((a) => a.kind))).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('whatever order the copies and versions of one booking arrive in, it gets one meeting', () => {
    fc.assert(
      fc.property(
        arbShape,
        fc.array(
          fc.record({
            summary: fc.string({ maxLength: 10 }),
            shift: fc.integer({ min: 0, max: 3 }),
          }),
          {
            minLength: 0,
            maxLength: 3,
          },
        ),
        fc.infiniteStream(fc.nat()),
        (shape, versions, order) => {
          // Every version (retitled, moved by whole hours), as each of the booking's rooms reads it.
          const copies = [
            shape,
            ...versions.map((v) => ({ ...shape, summary: v.summary, hour: shape.hour + v.shift })),
          ].flatMap((s) => s.rooms.map((_, reader) => eventOf(s, reader)));
          const shuffled = [...copies];
          const picks = order.take(shuffled.length);
          let i = 0;
          for (const pick of picks) {
            const j = i + (pick % (shuffled.length - i));
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
            i += 1;
          }
          const model = new Model();
          for (const event of shuffled) model.apply(plan(model, model.seenAgain(event)), event);
          expect(model.creates).toBe(1);
          expect(model.link?.state).toBe('linked');
        },
      ),
      { numRuns: 100 },
    );
  });
});
