import { describe, expect, it } from 'vitest';
import { convertEvent } from '../../../src/recurrence/index.js';
import { conversionCase } from './conversion-case.js';
import { defaults, timedEvent } from './event-fixture.js';

/**
 * DST boundaries: Google and Zoom both keep the wall-clock time, so the UTC times move, in zones
 * with DST (north and south), without it, and with half- and quarter-hour offsets (Lord Howe's
 * clocks move by half an hour). A clock time the change skips or repeats is undocumented on both
 * sides: a series ends before it, and only a meeting with no fixed time covers it.
 */
describe('convertEvent: DST boundaries', () => {
  const cases: [string, string, string, string[]][] = [
    [
      'America/New_York',
      '2024-03-04T09:00',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      ['2024-03-04T14:00:00.000Z', '2024-03-11T13:00:00.000Z', '2024-03-18T13:00:00.000Z'],
    ],
    [
      'Europe/London',
      '2024-03-29T08:30',
      'RRULE:FREQ=DAILY;COUNT=4',
      [
        '2024-03-29T08:30:00.000Z',
        '2024-03-30T08:30:00.000Z',
        '2024-03-31T07:30:00.000Z',
        '2024-04-01T07:30:00.000Z',
      ],
    ],
    [
      'Australia/Sydney',
      '2024-03-31T10:00',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      ['2024-03-30T23:00:00.000Z', '2024-04-07T00:00:00.000Z', '2024-04-14T00:00:00.000Z'],
    ],
    [
      'Australia/Sydney',
      '2024-09-30T18:00',
      'RRULE:FREQ=WEEKLY;COUNT=2',
      ['2024-09-30T08:00:00.000Z', '2024-10-07T07:00:00.000Z'],
    ],
    [
      'Australia/Adelaide',
      '2024-09-30T10:00',
      'RRULE:FREQ=WEEKLY;COUNT=2',
      ['2024-09-30T00:30:00.000Z', '2024-10-06T23:30:00.000Z'],
    ],
    [
      'America/St_Johns',
      '2024-10-28T10:00',
      'RRULE:FREQ=WEEKLY;COUNT=2',
      ['2024-10-28T12:30:00.000Z', '2024-11-04T13:30:00.000Z'],
    ],
    [
      'Australia/Lord_Howe',
      '2024-09-29T10:00',
      'RRULE:FREQ=WEEKLY;COUNT=2',
      ['2024-09-28T23:30:00.000Z', '2024-10-05T23:00:00.000Z'],
    ],
    [
      'Asia/Kolkata',
      '2024-03-04T10:00',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      ['2024-03-04T04:30:00.000Z', '2024-03-11T04:30:00.000Z', '2024-03-18T04:30:00.000Z'],
    ],
    [
      'Asia/Kathmandu',
      '2024-03-30T10:00',
      'RRULE:FREQ=DAILY;COUNT=2',
      ['2024-03-30T04:15:00.000Z', '2024-03-31T04:15:00.000Z'],
    ],
  ];
  for (const [zone, local, rule, expected] of cases) {
    conversionCase(
      `${zone} ${local} ${rule}: wall-clock time kept, proven in UTC`,
      { event: timedEvent(local, 60, zone, [rule]), now: '2024-01-01T00:00:00Z' },
      {
        strategy: 'series',
        meeting: { start_time: `${local}:00`, timezone: zone },
        occurrences: expected,
      },
    );
  }

  conversionCase(
    'the 1st and 3rd Tuesday across the March change: removals in both offsets',
    {
      event: timedEvent('2024-01-02T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=MONTHLY;BYDAY=1TU,3TU;COUNT=6',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '3', end_times: 12 } },
      occurrences: [
        '2024-01-02T14:00:00.000Z',
        '2024-01-16T14:00:00.000Z',
        '2024-02-06T14:00:00.000Z',
        '2024-02-20T14:00:00.000Z',
        '2024-03-05T14:00:00.000Z',
        '2024-03-19T13:00:00.000Z',
      ],
      deleteOccurrences: [
        '2024-01-09T14:00:00.000Z',
        '2024-01-23T14:00:00.000Z',
        '2024-01-30T14:00:00.000Z',
        '2024-02-13T14:00:00.000Z',
        '2024-02-27T14:00:00.000Z',
        '2024-03-12T13:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'Lord Howe’s half-hour gap: a weekly 02:15 series ends before the Sunday the clocks skip it',
    {
      event: timedEvent('2024-09-22T02:15', 30, 'Australia/Lord_Howe', [
        'RRULE:FREQ=WEEKLY;COUNT=4',
      ]),
      now: '2024-09-01T00:00:00Z',
    },
    {
      strategy: 'series',
      occurrences: ['2024-09-21T15:45:00.000Z', '2024-09-28T15:45:00.000Z'],
      window: { complete: false },
    },
  );

  conversionCase(
    'New York’s gap: a daily 02:30 series holds the days before 10 March, then waits for it to pass',
    {
      event: timedEvent('2024-03-01T02:30', 30, 'America/New_York', [
        'RRULE:FREQ=DAILY;UNTIL=20240320T000000Z',
      ]),
      now: '2024-02-01T00:00:00Z',
    },
    {
      strategy: 'series',
      meeting: { recurrence: { type: 1, repeat_interval: 1, end_times: 9 } },
      window: { to: '2024-03-09T07:30:00.000Z', complete: false },
    },
  );

  conversionCase(
    'New York’s repeated hour: a weekly Sunday 01:30 series ends before 3 November',
    {
      event: timedEvent('2024-10-20T01:30', 30, 'America/New_York', ['RRULE:FREQ=WEEKLY;COUNT=4']),
      now: '2024-10-01T00:00:00Z',
    },
    { occurrences: ['2024-10-20T05:30:00.000Z', '2024-10-27T05:30:00.000Z'] },
  );

  it('a monthly 2nd Sunday at 02:30 in New York: the window holds January and February, March’s falls in the gap', () => {
    const event = timedEvent('2024-01-14T02:30', 60, 'America/New_York', [
      'RRULE:FREQ=MONTHLY;BYDAY=2SU;COUNT=6',
    ]);
    const before = convertEvent(event, new Date('2024-01-01T00:00:00Z'), defaults);
    expect(before).toMatchObject({
      strategy: 'series',
      occurrences: ['2024-01-14T07:30:00.000Z', '2024-02-11T07:30:00.000Z'],
    });
    // On 10 March itself only a meeting without a time is right.
    const on = convertEvent(event, new Date('2024-03-01T00:00:00Z'), defaults);
    expect(on).toMatchObject({ strategy: 'no_fixed_time', reasonCode: 'dst_gap' });
    // After it, April on is a series again (April 14 in EDT).
    const after = convertEvent(event, new Date('2024-03-11T00:00:00Z'), defaults);
    expect(after).toMatchObject({ strategy: 'series' });
    if (after.strategy === 'series') expect(after.occurrences[0]).toBe('2024-04-14T06:30:00.000Z');
  });
});
