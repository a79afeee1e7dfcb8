import { describe, expect, it } from 'vitest';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  formatMeetingId,
  invitationLines,
  renderBlock,
} from '../../../src/invitation/index.js';

/**
 * The block's lines are Zoom's own invitation lines. The zh-TW cases are real Zoom invitations
 * (a weekly series and a single meeting in Taipei, 2021), compared line by line; the English one is
 * the invitation of Zoom's API reference.
 */
describe('invitationLines', () => {
  it('a zh-TW series invitation’s join lines, line by line', () => {
    // 加入 Zoom 會議 / https://zoom.us/j/95553727661?pwd=… / (blank) / 會議 ID:955 5372 7661 / 密碼:A7mQr0
    expect(
      invitationLines('zh-TW', {
        joinUrl: 'https://zoom.us/j/95553727661?pwd=TGxTNUhHVUpTNTFaZVZqcmhla1VSdz09',
        meetingId: 95553727661,
        passcode: 'A7mQr0',
      }),
    ).toEqual([
      '加入 Zoom 會議',
      'https://zoom.us/j/95553727661?pwd=TGxTNUhHVUpTNTFaZVZqcmhla1VSdz09',
      '',
      '會議 ID:955 5372 7661',
      '密碼:A7mQr0',
    ]);
  });

  it('a zh-TW single meeting’s time and join lines, line by line', () => {
    expect(
      invitationLines('zh-TW', {
        joinUrl: 'https://zoom.us/j/93589020490?pwd=c2RhbnhoR0VxNGM3ZkpNdTlhbllVdz09',
        meetingId: '93589020490',
        passcode: 'b3ZzxL',
        start: new Date('2021-12-28T06:00:00Z'),
        timezone: 'Asia/Taipei',
      }),
    ).toEqual([
      '時間:2021年12月28日 14:00 台北',
      '',
      '加入 Zoom 會議',
      'https://zoom.us/j/93589020490?pwd=c2RhbnhoR0VxNGM3ZkpNdTlhbllVdz09',
      '',
      '會議 ID:935 8902 0490',
      '密碼:b3ZzxL',
    ]);
  });

  it('in English, as the invitation in Zoom’s API reference words it', () => {
    expect(
      invitationLines('en', {
        joinUrl: 'https://zoom.us/j/55544443210?pwd=abc',
        meetingId: 55544443210,
        passcode: '123456',
        start: new Date('2020-04-13T17:00:00Z'),
        timezone: 'America/Los_Angeles',
      }),
    ).toEqual([
      'Time: Apr 13, 2020 10:00 AM Pacific Time (US and Canada)',
      '',
      'Join Zoom Meeting',
      'https://zoom.us/j/55544443210?pwd=abc',
      '',
      'Meeting ID: 555 4444 3210',
      'Passcode: 123456',
    ]);
  });

  it('without a passcode, no passcode line', () => {
    expect(
      invitationLines('en', { joinUrl: 'https://zoom.us/j/123456789', meetingId: 123456789 }),
    ).toEqual(['Join Zoom Meeting', 'https://zoom.us/j/123456789', '', 'Meeting ID: 123 456 789']);
  });

  it('the block a zh-TW room writes is those lines between our markers, with our managed line', () => {
    const block = renderBlock({
      lang: 'zh-TW',
      meetings: [
        { joinUrl: 'https://zoom.us/j/93589020490', meetingId: 93589020490, passcode: 'b3ZzxL' },
      ],
    });
    expect(block.split('\n')).toEqual([
      BLOCK_BEGIN,
      '加入 Zoom 會議',
      'https://zoom.us/j/93589020490',
      '',
      '會議 ID:935 8902 0490',
      '密碼:b3ZzxL',
      '',
      '此區塊由 zoomlink 管理，預約變更時會重寫；請把您的備註寫在區塊外。',
      BLOCK_END,
    ]);
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
