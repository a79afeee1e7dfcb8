import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { SeedOrganisation } from './org.js';

/**
 * The bookings `--seed demo` adds, relative to `now`, so the demo always looks like next week:
 * single bookings, a weekly and a monthly series, a series with a moved and a cancelled
 * instance, an unbounded series, one Zoom has no word for (the last day of each month), one to be
 * cancelled later, and one by an organizer outside the domain. No two overlap in a room, so every
 * room accepts its bookings. Ids are fixed per label (`demo…`, base32hex) so a demo can find them.
 */
export type DemoStep =
  | {
      kind: 'insert';
      label: string;
      as: string;
      calendarId: string;
      event: Record<string, unknown>;
    }
  | {
      kind: 'patchInstance' | 'deleteInstance';
      label: string;
      as: string;
      calendarId: string;
      /** The instance id: `<series id>_<YYYYMMDDTHHMMSSZ>`. */
      eventId: string;
      patch?: Record<string, unknown>;
    };

export interface DemoBookings {
  steps: DemoStep[];
  /** The booking meant to be cancelled later in the demo: where and which. */
  toCancelLater: { as: string; calendarId: string; eventId: string };
}

/** `demo` + 20 hex digits of the label's hash: a valid client-chosen event id (`[a-v0-9]`). */
export function demoEventId(label: string): string {
  return `demo${createHash('sha1').update(label).digest('hex').slice(0, 20)}`;
}

export function demoBookings(now: Date, org: SeedOrganisation): DemoBookings {
  const zone = org.timeZone;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const [boardroom, huddle, training] = org.rooms;
  const [alice, bob, carol] = org.people;
  const [dana] = org.externalOrganizers;
  if (!boardroom || !huddle || !training || !alice || !bob || !carol || !dana)
    throw new Error('the demo needs three rooms, three people and one external organizer');

  const at = (day: DateTime, hour: number, minute = 0) => day.set({ hour, minute });
  const when = (start: DateTime, minutes: number) => ({
    start: {
      dateTime: start.toISO({ suppressMilliseconds: true, includeOffset: false }),
      timeZone: zone,
    },
    end: {
      dateTime: start.plus({ minutes }).toISO({ suppressMilliseconds: true, includeOffset: false }),
      timeZone: zone,
    },
  });
  /** The first day after today with this ISO weekday (1 = Monday). */
  const next = (weekday: number) => today.plus({ days: (weekday - today.weekday + 7) % 7 || 7 });
  const firstWeekdayOf = (monthStart: DateTime, weekday: number) =>
    monthStart.plus({ days: (weekday - monthStart.weekday + 7) % 7 });
  const room = (r: typeof boardroom) => ({ email: r.calendarId, resource: true });
  const instanceOf = (label: string, start: DateTime) =>
    `${demoEventId(label)}_${start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;

  const insert = (label: string, as: string, event: Record<string, unknown>): DemoStep => ({
    kind: 'insert',
    label,
    as,
    calendarId: as,
    event: { id: demoEventId(label), summary: label, ...event },
  });

  const reviewStart = at(next(3), 11);
  const steps: DemoStep[] = [
    insert('Quarterly planning', alice.email, {
      ...when(at(today.plus({ days: 1 }), 10), 60),
      description: 'Agenda: Q3 goals, hiring, budget.',
      attendees: [room(boardroom), { email: bob.email }, { email: carol.email }],
    }),
    insert('1:1 Bob / Carol', bob.email, {
      ...when(at(today.plus({ days: 2 }), 14), 30),
      attendees: [room(huddle), { email: carol.email }],
    }),
    insert('Weekly sync', alice.email, {
      ...when(at(next(2), 9), 60),
      recurrence: ['RRULE:FREQ=WEEKLY;WKST=SU;COUNT=8;BYDAY=TU'],
      attendees: [room(boardroom), { email: bob.email }],
    }),
    insert('Monthly all-hands', carol.email, {
      ...when(at(firstWeekdayOf(today.plus({ months: 1 }).startOf('month'), 3), 15), 60),
      recurrence: ['RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=1WE'],
      attendees: [room(training), { email: alice.email }, { email: bob.email }],
    }),
    insert('Design review', bob.email, {
      ...when(reviewStart, 60),
      recurrence: [
        `RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=${reviewStart.plus({ weeks: 9 }).endOf('day').toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")};BYDAY=WE`,
      ],
      attendees: [room(boardroom), { email: alice.email }],
    }),
    {
      kind: 'patchInstance',
      label: 'Design review: third one moved to 13:00',
      as: bob.email,
      calendarId: bob.email,
      eventId: instanceOf('Design review', reviewStart.plus({ weeks: 2 })),
      patch: when(at(reviewStart.plus({ weeks: 2 }), 13), 60),
    },
    {
      kind: 'deleteInstance',
      label: 'Design review: fifth one cancelled',
      as: bob.email,
      calendarId: bob.email,
      eventId: instanceOf('Design review', reviewStart.plus({ weeks: 4 })),
    },
    insert('Friday demo', carol.email, {
      ...when(at(next(5), 16), 60),
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=FR'],
      attendees: [room(training)],
    }),
    // Zoom's monthly recurrence has no "last day of the month" (monthly_day is 1–31): the
    // converter finds the series that holds the next ones.
    insert('Month-end close', alice.email, {
      ...when(at(today.endOf('month').startOf('day'), 10), 30),
      recurrence: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1'],
      attendees: [room(huddle), { email: bob.email }],
    }),
    insert('Vendor call', alice.email, {
      ...when(at(today.plus({ days: 3 }), 11), 30),
      attendees: [room(huddle)],
    }),
    insert('Partner workshop', dana.email, {
      ...when(at(today.plus({ days: 4 }), 13), 120),
      attendees: [room(training), { email: alice.email }],
    }),
  ];
  return {
    steps,
    toCancelLater: {
      as: alice.email,
      calendarId: alice.email,
      eventId: demoEventId('Vendor call'),
    },
  };
}
