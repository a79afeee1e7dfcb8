import { describe, expect, it } from 'vitest';
import { EventInputError, expandGoogleSeries } from '../../../src/recurrence/index.js';
import { timedEvent } from './event-fixture.js';

describe('expandGoogleSeries: malformed input names the field', () => {
  const cases: [string, Parameters<typeof expandGoogleSeries>[0], string][] = [
    ['no start', { end: { dateTime: '2024-01-01T10:00:00Z' } }, 'start: is missing'],
    [
      'start without dateTime or date',
      { start: { timeZone: 'UTC' }, end: { dateTime: '2024-01-01T10:00:00Z' } },
      'start: needs dateTime',
    ],
    [
      'unknown zone',
      {
        start: { dateTime: '2024-01-01T10:00:00Z', timeZone: 'Mars/Olympus' },
        end: { dateTime: '2024-01-01T11:00:00Z' },
      },
      'start.timeZone:',
    ],
    [
      'garbled dateTime',
      { start: { dateTime: 'tomorrow' }, end: { dateTime: '2024-01-01T11:00:00Z' } },
      'start.dateTime:',
    ],
    [
      '31 February',
      { start: { dateTime: '2024-02-31T10:00:00Z' }, end: { dateTime: '2024-03-01T11:00:00Z' } },
      'start.dateTime:',
    ],
    [
      'end before start',
      { start: { dateTime: '2024-01-01T10:00:00Z' }, end: { dateTime: '2024-01-01T09:00:00Z' } },
      'end:',
    ],
    [
      'date end with dateTime start',
      { start: { dateTime: '2024-01-01T10:00:00Z' }, end: { date: '2024-01-02' } },
      'end: must be a dateTime',
    ],
    [
      'recurring without timeZone',
      {
        start: { dateTime: '2024-01-01T10:00:00Z' },
        end: { dateTime: '2024-01-01T11:00:00Z' },
        recurrence: ['RRULE:FREQ=DAILY'],
      },
      'start.timeZone: is required',
    ],
  ];
  it.each(cases)('%s', (_name, event, message) => {
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(EventInputError);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(message);
  });

  const rules: [string, string][] = [
    ['FREQ=FORTNIGHTLY', 'FREQ=FORTNIGHTLY is not one of'],
    ['BYDAY=MO', 'FREQ is missing'],
    ['FREQ=WEEKLY;BYDAY=MX', 'BYDAY value "MX"'],
    ['FREQ=WEEKLY;COUNT=0', 'COUNT=0 is not a positive integer'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY value 32'],
    ['FREQ=WEEKLY;UNTIL=2024-01-01', 'UNTIL=2024-01-01'],
    ['FREQ=WEEKLY;INTERVAL=2;INTERVAL=3', 'INTERVAL is given twice'],
    ['FREQ=MONTHLY;BYDAY=54MO', 'BYDAY value "54MO" has an ordinal outside ±1..53'],
    ['FREQ=WEEKLY;FOO=1', 'unknown rule part FOO'],
  ];
  it.each(rules)('RRULE:%s', (rule, message) => {
    const event = timedEvent('2024-01-01T10:00', 60, 'UTC', [
      'EXDATE:20240102T100000Z',
      `RRULE:${rule}`,
    ]);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(`recurrence[1]: ${message}`);
  });

  it('a line that is not a recurrence line', () => {
    const event = timedEvent('2024-01-01T10:00', 60, 'UTC', ['DTSTART:20240101T100000Z']);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(
      'recurrence[0]: DTSTART does not belong',
    );
  });

  it('an EXDATE with an unknown TZID', () => {
    const event = timedEvent('2024-01-01T10:00', 60, 'UTC', [
      'RRULE:FREQ=DAILY',
      'EXDATE;TZID=Nowhere/City:20240102T100000',
    ]);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(
      'recurrence[1]: TZID=Nowhere/City',
    );
  });
});

/**
 * Rules RFC 5545 leaves undefined for their frequency, which Google shows with occurrences:
 * expanded as python-dateutil (and its port `rrule`) expands them, the dates of dateutil's own
 * test suite (1997-09-02 09:00, a Tuesday; DTSTART is an instance as Google makes it).
 */
describe('expandGoogleSeries: odd but real rules', () => {
  const cases: [string, string[]][] = [
    // An ordinal outside MONTHLY and YEARLY is the plain weekday.
    ['FREQ=WEEKLY;COUNT=3;BYDAY=1TU,-1TH', ['1997-09-02', '1997-09-04', '1997-09-09']],
    ['FREQ=DAILY;COUNT=3;BYDAY=1TU,-1TH', ['1997-09-02', '1997-09-04', '1997-09-09']],
    // BYMONTHDAY in a WEEKLY rule, BYYEARDAY in a MONTHLY one, BYWEEKNO in a MONTHLY one: filters.
    [
      'FREQ=WEEKLY;COUNT=3;BYMONTHDAY=1,3',
      ['1997-09-02', '1997-09-03', '1997-10-01', '1997-10-03'],
    ],
    [
      'FREQ=MONTHLY;COUNT=4;BYYEARDAY=1,100,200,365',
      ['1997-09-02', '1997-12-31', '1998-01-01', '1998-04-10', '1998-07-19'],
    ],
    ['FREQ=MONTHLY;COUNT=3;BYWEEKNO=20', ['1997-09-02', '1998-05-11', '1998-05-12', '1998-05-13']],
    // BYSETPOS alone picks from the rule's own day; COUNT and UNTIL both end the rule.
    ['FREQ=MONTHLY;COUNT=3;BYSETPOS=1', ['1997-09-02', '1997-10-02', '1997-11-02']],
    ['FREQ=DAILY;COUNT=30;UNTIL=19970904', ['1997-09-02', '1997-09-03', '1997-09-04']],
    ['FREQ=DAILY;COUNT=2;UNTIL=19970930', ['1997-09-02', '1997-09-03']],
    // An ordinal no month has makes no day: DTSTART alone.
    ['FREQ=MONTHLY;BYDAY=6MO', ['1997-09-02']],
  ];
  it.each(cases)('RRULE:%s', (rule, days) => {
    const event = timedEvent('1997-09-02T09:00', 60, 'America/New_York', [`RRULE:${rule}`]);
    const found = expandGoogleSeries(event, { limit: 10, to: new Date('2000-01-01T00:00:00Z') });
    expect(found.map((o) => o.localStart.slice(0, 10))).toEqual(days);
  });
});
