import { formatMeetingTime, type Lang } from '../recurrence/index.js';
import { formatMeetingId } from './meeting-id.js';

/**
 * The lines of Zoom's own invitation that a booking's description needs, in Zoom's words and
 * punctuation, line by line: for a meeting that serves one occurrence, its `Time:` line and a
 * blank line; then "Join Zoom Meeting" and the link on a line of its own, a blank line, the
 * meeting id in groups of three and four, the passcode. English as in the invitation of Zoom's
 * API reference (`GET /meetings/{meetingId}/invitation`); Traditional Chinese as in real zh-TW
 * Zoom invitations ("加入 Zoom 會議", "會議 ID:935 8902 0490", "密碼:b3ZzxL", "時間:2021年12月28日
 * 14:00 台北", with ASCII colons). The lines about the host, the topic and the series are left
 * out: the calendar event shows its own title and times, and they would go stale with each edit.
 */
export interface InvitationMeeting {
  joinUrl: string;
  meetingId: string | number;
  passcode?: string;
  /** One occurrence's meeting (per_occurrence): its start, shown on the Time line. */
  start?: Date;
  /** The zone `start` is shown in (default UTC). */
  timezone?: string;
}

const WORDS = {
  en: { time: 'Time: ', join: 'Join Zoom Meeting', id: 'Meeting ID: ', passcode: 'Passcode: ' },
  'zh-TW': { time: '時間:', join: '加入 Zoom 會議', id: '會議 ID:', passcode: '密碼:' },
} as const;

/** How a line is written out: plain (as is) or HTML (escaped, the link as an anchor). */
export interface LineFormat {
  text(line: string): string;
  link(url: string): string;
}

export const plainLines: LineFormat = { text: (line) => line, link: (url) => url };

export function invitationLines(
  lang: Lang,
  meeting: InvitationMeeting,
  format: LineFormat = plainLines,
): string[] {
  const w = WORDS[lang];
  const lines: string[] = [];
  if (meeting.start)
    lines.push(
      format.text(`${w.time}${formatMeetingTime(meeting.start, meeting.timezone ?? 'UTC', lang)}`),
      '',
    );
  lines.push(
    format.text(w.join),
    format.link(meeting.joinUrl),
    '',
    format.text(`${w.id}${formatMeetingId(meeting.meetingId)}`),
  );
  if (meeting.passcode) lines.push(format.text(`${w.passcode}${meeting.passcode}`));
  return lines;
}
