import type { ZoomRecurrence } from '../domain/zoom-meeting.js';
import {
  describeSeries,
  formatMeetingTime,
  type ConversionResult,
  type Lang,
} from '../recurrence/index.js';
import { formatMeetingId } from './meeting-id.js';

/** When the meeting takes place, as the invitation's `Time:` says it. */
export type InvitationTime =
  | { kind: 'once'; start: Date; timezone: string }
  | { kind: 'series'; recurrence: ZoomRecurrence; timezone: string; occurrences: Date[] }
  | { kind: 'anytime' };

export interface InvitationInput {
  lang: Lang;
  topic: string;
  joinUrl: string;
  meetingId: string | number;
  passcode?: string;
  /** "Pei Ying Chang is inviting you…"; without it, "You are invited…". */
  hostName?: string;
  when: InvitationTime;
  /** Zoom's API answers with CRLF; the default is LF. */
  lineBreak?: '\n' | '\r\n';
}

const WORDS = {
  en: {
    inviting: (host: string) => `${host} is inviting you to a scheduled Zoom meeting.`,
    invited: 'You are invited to a scheduled Zoom meeting.',
    topic: 'Topic: ',
    time: 'Time: ',
    anytime: 'This is a recurring meeting Meet anytime',
    join: 'Join Zoom Meeting',
    id: 'Meeting ID: ',
    passcode: 'Passcode: ',
  },
  'zh-TW': {
    inviting: (host: string) => `${host} 邀請您參加排程的 Zoom 會議。`,
    invited: '您受邀參加排程的 Zoom 會議。',
    topic: '主題:',
    time: '時間:',
    anytime: '這是一個週期性會議 隨時開會',
    join: '加入 Zoom 會議',
    id: '會議 ID:',
    passcode: '密碼:',
  },
} as const;

/** Zoom indents the series lines under `Time:` by eight spaces. */
const INDENT = '        ';

/**
 * The invitation text of a meeting, as Zoom writes it (`GET /meetings/{id}/invitation`, and the
 * seed's zh-TW invitations): who invites, topic, time (and for a series its pattern, end, count
 * and every occurrence), the join link, the meeting id in groups, the passcode. Zoom's lines
 * about .ics files and dial-in numbers are left out: zoomlink has neither.
 */
export function renderInvitation(input: InvitationInput): string {
  const w = WORDS[input.lang];
  const lines = [
    input.hostName ? w.inviting(input.hostName) : w.invited,
    '',
    `${w.topic}${input.topic}`,
  ];
  const when = input.when;
  if (when.kind === 'anytime') {
    lines.push(`${w.time}${w.anytime}`);
  } else if (when.kind === 'once') {
    lines.push(`${w.time}${formatMeetingTime(when.start, when.timezone, input.lang)}`);
  } else {
    const [first] = when.occurrences;
    if (first) lines.push(`${w.time}${formatMeetingTime(first, when.timezone, input.lang)}`);
    lines.push(
      ...describeSeries(when.recurrence, when.timezone, when.occurrences, input.lang).map(
        (l) => INDENT + l,
      ),
    );
  }
  lines.push('', w.join, input.joinUrl, '', `${w.id}${formatMeetingId(input.meetingId)}`);
  if (input.passcode) lines.push(`${w.passcode}${input.passcode}`);
  return lines.join(input.lineBreak ?? '\n');
}

/**
 * The `when` of a conversion's meeting: a series with its covered occurrences, a single meeting,
 * a meeting with no fixed time, or (per_occurrence) the meeting at `index`. Null for a skip.
 */
export function invitationTimeOf(result: ConversionResult, index = 0): InvitationTime | null {
  const meeting = result.strategy === 'per_occurrence' ? result.meetings?.[index] : result.meeting;
  if (!meeting) return null;
  if (meeting.type === 3) return { kind: 'anytime' };
  const timezone = meeting.timezone ?? 'UTC';
  const occurrences = result.occurrences.map((o) => new Date(o));
  if (meeting.type === 8 && meeting.recurrence)
    return { kind: 'series', recurrence: meeting.recurrence, timezone, occurrences };
  const start = occurrences[result.strategy === 'per_occurrence' ? index : 0];
  return start ? { kind: 'once', start, timezone } : null;
}
