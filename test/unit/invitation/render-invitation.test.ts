import { describe, expect, it } from 'vitest';
import {
  formatMeetingId,
  invitationTimeOf,
  renderInvitation,
} from '../../../src/invitation/index.js';
import { convertEvent } from '../../../src/recurrence/index.js';
import { at, defaults, timedEvent } from '../recurrence/event-fixture.js';

describe('renderInvitation', () => {
  it('the seed zh-TW invitation of a weekly series (without its .ics lines)', () => {
    const event = timedEvent(
      '2021-12-27T15:30',
      60,
      'Asia/Taipei',
      ['RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO'],
      '資訊週會',
    );
    const result = convertEvent(event, at('2021-12-20T00:00:00Z'), defaults);
    const text = renderInvitation({
      lang: 'zh-TW',
      hostName: 'Pei Ying Chang',
      topic: result.meeting!.topic,
      joinUrl: 'https://zoom.us/j/95553727661?pwd=TGxTNUhHVUpTNTFaZVZqcmhla1VSdz09',
      meetingId: 95553727661,
      passcode: 'A7mQr0',
      when: invitationTimeOf(result)!,
    });
    expect(text.split('\n')).toEqual([
      'Pei Ying Chang 邀請您參加排程的 Zoom 會議。',
      '',
      '主題:資訊週會',
      '時間:2021年12月27日 15:30 台北',
      '        每星期的星期一, 到 2022年1月31日結束, 共 6 次會議',
      '        2021年12月27日 15:30',
      '        2022年1月3日 15:30',
      '        2022年1月10日 15:30',
      '        2022年1月17日 15:30',
      '        2022年1月24日 15:30',
      '        2022年1月31日 15:30',
      '',
      '加入 Zoom 會議',
      'https://zoom.us/j/95553727661?pwd=TGxTNUhHVUpTNTFaZVZqcmhla1VSdz09',
      '',
      '會議 ID:955 5372 7661',
      '密碼:A7mQr0',
    ]);
  });

  it('the seed zh-TW invitation of a single meeting', () => {
    const result = convertEvent(
      timedEvent('2021-12-28T14:00', 60, 'Asia/Taipei', undefined, '怕以求'),
      at('2021-12-01T00:00:00Z'),
      defaults,
    );
    const text = renderInvitation({
      lang: 'zh-TW',
      hostName: 'Pei Ying Chang',
      topic: '怕以求',
      joinUrl: 'https://zoom.us/j/93589020490?pwd=c2RhbnhoR0VxNGM3ZkpNdTlhbllVdz09',
      meetingId: '93589020490',
      passcode: 'b3ZzxL',
      when: invitationTimeOf(result)!,
    });
    expect(text).toBe(
      [
        'Pei Ying Chang 邀請您參加排程的 Zoom 會議。',
        '',
        '主題:怕以求',
        '時間:2021年12月28日 14:00 台北',
        '',
        '加入 Zoom 會議',
        'https://zoom.us/j/93589020490?pwd=c2RhbnhoR0VxNGM3ZkpNdTlhbllVdz09',
        '',
        '會議 ID:935 8902 0490',
        '密碼:b3ZzxL',
      ].join('\n'),
    );
  });

  it('in English, like the invitation in Zoom’s API example, with CRLF when asked', () => {
    const event = timedEvent(
      '2020-04-13T10:00',
      60,
      'America/Los_Angeles',
      ['RRULE:FREQ=WEEKLY;COUNT=2'],
      'cs290 office hours',
    );
    const result = convertEvent(event, at('2020-04-01T00:00:00Z'), defaults);
    const text = renderInvitation({
      lang: 'en',
      hostName: 'Jill Chill',
      topic: 'cs290 office hours',
      joinUrl: 'https://zoom.us/j/55544443210?pwd=abc',
      meetingId: 55544443210,
      passcode: '123456',
      when: invitationTimeOf(result)!,
      lineBreak: '\r\n',
    });
    expect(text.split('\r\n')).toEqual([
      'Jill Chill is inviting you to a scheduled Zoom meeting.',
      '',
      'Topic: cs290 office hours',
      'Time: Apr 13, 2020 10:00 AM Pacific Time (US and Canada)',
      '        Every week on Mon, until Apr 20, 2020, 2 occurrence(s)',
      '        Apr 13, 2020 10:00 AM',
      '        Apr 20, 2020 10:00 AM',
      '',
      'Join Zoom Meeting',
      'https://zoom.us/j/55544443210?pwd=abc',
      '',
      'Meeting ID: 555 4444 3210',
      'Passcode: 123456',
    ]);
  });

  it('a meeting with no fixed time, no host name and no passcode', () => {
    const text = renderInvitation({
      lang: 'en',
      topic: 'Audit',
      joinUrl: 'https://zoom.us/j/123456789',
      meetingId: 123456789,
      when: { kind: 'anytime' },
    });
    expect(text.split('\n')).toEqual([
      'You are invited to a scheduled Zoom meeting.',
      '',
      'Topic: Audit',
      'Time: This is a recurring meeting Meet anytime',
      '',
      'Join Zoom Meeting',
      'https://zoom.us/j/123456789',
      '',
      'Meeting ID: 123 456 789',
    ]);
  });

  it('per_occurrence: each meeting’s own time', () => {
    const event = timedEvent('2024-01-10T10:00', 60, 'UTC', ['RRULE:FREQ=YEARLY;COUNT=2']);
    const result = convertEvent(event, at('2024-01-01T00:00:00Z'), {
      ...defaults,
      fallback: 'per_occurrence',
      perOccurrenceHorizonDays: 400,
    });
    expect(invitationTimeOf(result, 1)).toEqual({
      kind: 'once',
      start: new Date('2025-01-10T10:00:00Z'),
      timezone: 'UTC',
    });
  });
});

describe('formatMeetingId', () => {
  it.each([
    ['95553727661', '955 5372 7661'],
    ['5554443210', '555 444 3210'],
    ['123456789', '123 456 789'],
    ['955 5372 7661', '955 5372 7661'],
  ])('%s → %s', (id, grouped) => expect(formatMeetingId(id)).toBe(grouped));
});
