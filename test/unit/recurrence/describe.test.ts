import { describe, expect, it } from 'vitest';
import {
  convertEvent,
  describeConversion,
  describeRecurrence,
  describeSeries,
  formatMeetingTime,
  zoneLabel,
} from '../../../src/recurrence/index.js';
import { at, defaults, timedEvent } from './event-fixture.js';

describe('descriptions for people, as Zoom invitations write them', () => {
  it.each([
    [{ type: 1, repeat_interval: 1 }, 'Every day', '每天'],
    [{ type: 1, repeat_interval: 3 }, 'Every 3 days', '每 3 天'],
    [{ type: 2, repeat_interval: 1, weekly_days: '2' }, 'Every week on Mon', '每星期的星期一'],
    [
      { type: 2, repeat_interval: 2, weekly_days: '2,4,6' },
      'Every 2 weeks on Mon, Wed, Fri',
      '每 2 星期的星期一、星期三、星期五',
    ],
    [{ type: 3, repeat_interval: 1, monthly_day: 15 }, 'Every month on the 15th', '每月的 15 日'],
    [
      { type: 3, repeat_interval: 2, monthly_day: 1 },
      'Every 2 months on the 1st',
      '每 2 個月的 1 日',
    ],
    [
      { type: 3, repeat_interval: 1, monthly_week: 2, monthly_week_day: 3 },
      'Every month on the Second Tue',
      '每月的第二個星期二',
    ],
    [
      { type: 3, repeat_interval: 3, monthly_week: -1, monthly_week_day: 6 },
      'Every 3 months on the Last Fri',
      '每 3 個月的最後一個星期五',
    ],
  ] as const)('%j', (recurrence, en, zh) => {
    expect(describeRecurrence(recurrence, 'en')).toBe(en);
    expect(describeRecurrence(recurrence, 'zh-TW')).toBe(zh);
  });

  it('the Time line: 12-hour clock in English, 24-hour in Chinese, with Zoom’s zone names', () => {
    const at0730 = new Date('2021-12-27T07:30:00Z');
    expect(formatMeetingTime(at0730, 'Asia/Taipei', 'en')).toBe('Dec 27, 2021 03:30 PM Taipei');
    expect(formatMeetingTime(at0730, 'Asia/Taipei', 'zh-TW')).toBe('2021年12月27日 15:30 台北');
    expect(formatMeetingTime(new Date('2020-04-13T17:00:00Z'), 'America/Los_Angeles', 'en')).toBe(
      'Apr 13, 2020 10:00 AM Pacific Time (US and Canada)',
    );
    expect(formatMeetingTime(new Date('2024-01-01T00:00:00Z'), 'UTC', 'en')).toBe(
      'Jan 1, 2024 12:00 AM Universal Time UTC',
    );
    expect(formatMeetingTime(new Date('2024-01-01T12:05:00Z'), 'UTC', 'en')).toBe(
      'Jan 1, 2024 12:05 PM Universal Time UTC',
    );
  });

  it('a zone Zoom’s list was not copied for is named by its city', () => {
    expect(zoneLabel('America/Argentina/Buenos_Aires', 'en')).toBe('Buenos Aires');
  });

  it('an English series line like a real Zoom invitation', () => {
    const occurrences = [
      '2020-04-13T17:00:00Z',
      '2020-04-20T17:00:00Z',
      '2020-05-18T17:00:00Z',
    ].map((s) => new Date(s));
    const lines = describeSeries(
      { type: 2, repeat_interval: 1, weekly_days: '2' },
      'America/Los_Angeles',
      occurrences,
      'en',
    );
    expect(lines).toEqual([
      'Every week on Mon, until May 18, 2020, 3 occurrence(s)',
      'Apr 13, 2020 10:00 AM',
      'Apr 20, 2020 10:00 AM',
      'May 18, 2020 10:00 AM',
    ]);
  });

  it('describeConversion: a series, a fallback and a skip', () => {
    const series = timedEvent(
      '2021-12-27T15:30',
      60,
      'Asia/Taipei',
      ['RRULE:FREQ=WEEKLY;COUNT=2'],
      '資訊週會',
    );
    expect(
      describeConversion(
        convertEvent(series, at('2021-12-01T00:00:00Z'), defaults),
        'Asia/Taipei',
        'zh-TW',
      ),
    ).toEqual([
      '主題:資訊週會',
      '時間:2021年12月27日 15:30 台北',
      '        每星期的星期一, 到 2022年1月3日結束, 共 2 次會議',
      '        2021年12月27日 15:30',
      '        2022年1月3日 15:30',
    ]);
    const yearly = timedEvent(
      '2024-01-10T10:00',
      60,
      'UTC',
      ['RRULE:FREQ=YEARLY;COUNT=2'],
      'Audit',
    );
    expect(
      describeConversion(convertEvent(yearly, at('2024-01-01T00:00:00Z'), defaults), 'UTC', 'en'),
    ).toEqual([
      'Topic: Audit',
      'Time: Jan 10, 2024 10:00 AM Universal Time UTC',
      '        Every 3 months on the 10th, until Jan 10, 2025, 2 occurrence(s)',
      '        Jan 10, 2024 10:00 AM',
      '        Jan 10, 2025 10:00 AM',
      'Zoom series: every 3 months on day 10, 5 occurrences, 3 removed',
      'Zoom occurrences to delete: 2024-04-10T10:00:00.000Z, 2024-07-10T10:00:00.000Z, 2024-10-10T10:00:00.000Z',
    ]);
    const twice = timedEvent(
      '2024-01-10T10:00',
      60,
      'UTC',
      ['RRULE:FREQ=DAILY;BYHOUR=10,14;COUNT=2'],
      'Audit',
    );
    const text = describeConversion(
      convertEvent(twice, at('2024-01-01T00:00:00Z'), defaults),
      'UTC',
      'en',
    );
    expect(text[1]).toBe('Time: This is a recurring meeting Meet anytime');
    expect(text.at(-1)).toMatch(/^Why: time_of_day_rule: /);
    const allDay = { start: { date: '2024-01-10' }, end: { date: '2024-01-11' } };
    expect(
      describeConversion(convertEvent(allDay, at('2024-01-01T00:00:00Z'), defaults), 'UTC', 'en'),
    ).toEqual([
      'No Zoom meeting',
      'Why: all_day: an all-day event has no time for a Zoom meeting; no Zoom meeting.',
    ]);
  });
});
