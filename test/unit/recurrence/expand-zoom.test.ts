import { describe, expect, it } from 'vitest';
import type { ZoomMeetingRequest, ZoomRecurrence } from '../../../src/domain/zoom-meeting.js';
import {
  expandZoomSeries,
  LIKELY_ZOOM_READING,
  zoomOccurrenceId,
  ZoomSeriesInvalid,
  type ZoomReading,
} from '../../../src/recurrence/index.js';

const utc = (dates: Date[]): string[] => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));

function series(start: string, timezone: string, recurrence: ZoomRecurrence): ZoomMeetingRequest {
  return { type: 8, topic: 't', start_time: start, timezone, duration: 30, recurrence };
}

const reading = (over: Partial<ZoomReading>): ZoomReading => ({ ...LIKELY_ZOOM_READING, ...over });

describe('expandZoomSeries: what Zoom documents', () => {
  it('a scheduled meeting (type 2) is its start; start_time without Z is wall-clock time in timezone', () => {
    const meeting: ZoomMeetingRequest = {
      type: 2,
      topic: 't',
      start_time: '2021-12-17T18:00:00',
      timezone: 'Asia/Taipei',
    };
    expect(utc(expandZoomSeries(meeting))).toEqual(['2021-12-17T10:00:00Z']);
  });

  it('a start_time with Z is UTC and the timezone does not move it (SPEC)', () => {
    const meeting: ZoomMeetingRequest = {
      type: 2,
      topic: 't',
      start_time: '2021-12-17T18:00:00Z',
      timezone: 'Asia/Taipei',
    };
    expect(utc(expandZoomSeries(meeting))).toEqual(['2021-12-17T18:00:00Z']);
  });

  it('a no-fixed-time meeting (type 3) has no occurrences', () => {
    expect(expandZoomSeries({ type: 3, topic: 't' })).toEqual([]);
  });

  it('daily every 2 days, 3 times', () => {
    const m = series('2024-05-01T09:00:00', 'UTC', { type: 1, repeat_interval: 2, end_times: 3 });
    expect(utc(expandZoomSeries(m))).toEqual([
      '2024-05-01T09:00:00Z',
      '2024-05-03T09:00:00Z',
      '2024-05-05T09:00:00Z',
    ]);
  });

  it('weekly on Monday and Wednesday ("2,4": 1 = Sunday)', () => {
    const m = series('2024-05-06T09:00:00', 'UTC', {
      type: 2,
      repeat_interval: 1,
      weekly_days: '2,4',
      end_times: 4,
    });
    expect(utc(expandZoomSeries(m)).map((s) => s.slice(0, 10))).toEqual([
      '2024-05-06',
      '2024-05-08',
      '2024-05-13',
      '2024-05-15',
    ]);
  });

  it('wall-clock time is kept across DST (America/New_York, March)', () => {
    const m = series('2024-03-04T09:00:00', 'America/New_York', {
      type: 2,
      repeat_interval: 1,
      weekly_days: '2',
      end_times: 2,
    });
    expect(utc(expandZoomSeries(m))).toEqual(['2024-03-04T14:00:00Z', '2024-03-11T13:00:00Z']);
  });

  it('monthly on day 15 every 2 months', () => {
    const m = series('2024-01-15T10:00:00', 'UTC', {
      type: 3,
      repeat_interval: 2,
      monthly_day: 15,
      end_times: 3,
    });
    expect(utc(expandZoomSeries(m)).map((s) => s.slice(0, 10))).toEqual([
      '2024-01-15',
      '2024-03-15',
      '2024-05-15',
    ]);
  });

  it('monthly on the last Friday and on the 2nd Tuesday', () => {
    const last = series('2024-01-26T10:00:00', 'UTC', {
      type: 3,
      repeat_interval: 1,
      monthly_week: -1,
      monthly_week_day: 6,
      end_times: 3,
    });
    expect(utc(expandZoomSeries(last)).map((s) => s.slice(0, 10))).toEqual([
      '2024-01-26',
      '2024-02-23',
      '2024-03-29',
    ]);
    const second = series('2024-01-09T10:00:00', 'UTC', {
      type: 3,
      repeat_interval: 1,
      monthly_week: 2,
      monthly_week_day: 3,
      end_times: 3,
    });
    expect(utc(expandZoomSeries(second)).map((s) => s.slice(0, 10))).toEqual([
      '2024-01-09',
      '2024-02-13',
      '2024-03-12',
    ]);
  });

  it('end_times defaults to 1 (REC); 0 means no end and needs a limit', () => {
    const m = series('2024-05-01T09:00:00', 'UTC', { type: 1, repeat_interval: 1 });
    expect(expandZoomSeries(m)).toHaveLength(1);
    const endless = series('2024-05-01T09:00:00', 'UTC', {
      type: 1,
      repeat_interval: 1,
      end_times: 0,
    });
    expect(() => expandZoomSeries(endless)).toThrow(RangeError);
    expect(expandZoomSeries(endless, { limit: 7 })).toHaveLength(7);
  });

  it('end_date_time, read as "starting at or before this instant"', () => {
    const m = series('2024-05-01T09:00:00', 'UTC', {
      type: 1,
      repeat_interval: 1,
      end_date_time: '2024-05-03T09:00:00Z',
    });
    expect(expandZoomSeries(m)).toHaveLength(3);
  });
});

describe('expandZoomSeries: every reading of what Zoom leaves undocumented', () => {
  it('every 2 weeks on Sunday and Monday: a Sunday week and a Monday week disagree', () => {
    const m = series('2024-01-07T10:00:00', 'UTC', {
      type: 2,
      repeat_interval: 2,
      weekly_days: '1,2',
      end_times: 4,
    });
    const days = (r: ZoomReading) =>
      utc(expandZoomSeries(m, { reading: r })).map((s) => s.slice(0, 10));
    expect(days(reading({ weekStart: 'sunday' }))).toEqual([
      '2024-01-07',
      '2024-01-08',
      '2024-01-21',
      '2024-01-22',
    ]);
    expect(days(reading({ weekStart: 'monday' }))).toEqual([
      '2024-01-07',
      '2024-01-15',
      '2024-01-21',
      '2024-01-29',
    ]);
  });

  it('a start_time on a day the recurrence does not make: its own occurrence, or skipped', () => {
    const m = series('2024-05-05T10:00:00', 'UTC', {
      type: 2,
      repeat_interval: 1,
      weekly_days: '2',
      end_times: 2,
    }); // a Sunday
    const days = (r: ZoomReading) =>
      utc(expandZoomSeries(m, { reading: r })).map((s) => s.slice(0, 10));
    expect(days(reading({ offRuleStart: 'occurrence' }))).toEqual(['2024-05-05', '2024-05-06']);
    expect(days(reading({ offRuleStart: 'skipped' }))).toEqual(['2024-05-06', '2024-05-13']);
  });

  it('monthly_day 31 in a shorter month: skipped, or its last day', () => {
    const m = series('2024-01-31T10:00:00', 'UTC', {
      type: 3,
      repeat_interval: 1,
      monthly_day: 31,
      end_times: 2,
    });
    const days = (r: ZoomReading) =>
      utc(expandZoomSeries(m, { reading: r })).map((s) => s.slice(0, 10));
    expect(days(reading({ shortMonth: 'skip' }))).toEqual(['2024-01-31', '2024-03-31']);
    expect(days(reading({ shortMonth: 'last_day' }))).toEqual(['2024-01-31', '2024-02-29']);
  });
});

describe('expandZoomSeries: requests Zoom would refuse', () => {
  const base = { type: 2 as const, repeat_interval: 1, weekly_days: '2', end_times: 2 };
  it.each<[string, ZoomMeetingRequest, string]>([
    [
      'every 13 weeks',
      series('2024-05-06T09:00:00', 'UTC', { ...base, repeat_interval: 13 }),
      'recurrence.repeat_interval',
    ],
    [
      'every 91 days',
      series('2024-05-06T09:00:00', 'UTC', { type: 1, repeat_interval: 91, end_times: 2 }),
      'recurrence.repeat_interval',
    ],
    [
      'every 4 months',
      series('2024-05-06T09:00:00', 'UTC', {
        type: 3,
        repeat_interval: 4,
        monthly_day: 6,
        end_times: 2,
      }),
      'recurrence.repeat_interval',
    ],
    [
      'weekday 8',
      series('2024-05-06T09:00:00', 'UTC', { ...base, weekly_days: '2,8' }),
      'recurrence.weekly_days',
    ],
    [
      '51 occurrences',
      series('2024-05-06T09:00:00', 'UTC', { ...base, end_times: 51 }),
      'recurrence.end_times',
    ],
    [
      'both ends',
      series('2024-05-06T09:00:00', 'UTC', { ...base, end_date_time: '2024-06-01T00:00:00Z' }),
      'recurrence.end_times',
    ],
    [
      'a 5th week',
      series('2024-05-06T09:00:00', 'UTC', {
        type: 3,
        repeat_interval: 1,
        monthly_week: 5 as never,
        monthly_week_day: 2,
        end_times: 2,
      }),
      'recurrence.monthly_week',
    ],
    ['no timezone', { type: 2, topic: 't', start_time: '2024-05-06T09:00:00' }, 'timezone'],
    [
      'a start_time with an offset',
      { type: 2, topic: 't', start_time: '2024-05-06T09:00:00+08:00', timezone: 'UTC' },
      'start_time',
    ],
  ])('%s', (_name, request, field) => {
    try {
      expandZoomSeries(request);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZoomSeriesInvalid);
      expect((error as ZoomSeriesInvalid).field).toBe(field);
    }
  });
});

describe('zoomOccurrenceId', () => {
  it("is the occurrence's UTC start in epoch milliseconds (SPEC example)", () => {
    expect(zoomOccurrenceId('2022-03-25T07:46:00Z')).toBe('1648194360000');
    expect(zoomOccurrenceId(new Date('2022-03-25T07:46:00Z'))).toBe('1648194360000');
  });

  it('refuses a time that is not a UTC instant', () => {
    expect(() => zoomOccurrenceId('2022-03-25T15:46:00')).toThrow(RangeError);
    expect(() => zoomOccurrenceId('2022-03-25T15:46:00+08:00')).toThrow(RangeError);
  });
});
