import { DateTime } from 'luxon';
import type { StoredMeeting } from './meeting-model.js';
import { joinUrl } from './render-meeting.js';

/**
 * The invitation note (SPEC meetingInvitation 200): plain text with CRLF line breaks, laid out as
 * the spec's example ("Jill Chill is inviting you to a scheduled Zoom meeting.\r\n\r\nTopic: …\r\n
 * Time: Mar 25, 2022 03:32 PM America, Los_Angeles\r\n\r\nJoin Zoom Meeting\r\n…"). The lines for a
 * recurring meeting (the rule and each occurrence) are not in the spec: they follow the layout of
 * invitations Zoom sends (README "invitation").
 */
export function invitationText(meeting: StoredMeeting, hostName: string, now: Date): string {
  const zoneLabel = meeting.timezone.replace('/', ', ');
  const when = (ms: number) =>
    DateTime.fromMillis(ms, { zone: meeting.timezone }).toFormat('LLL d, yyyy hh:mm a', {
      locale: 'en-US',
    });
  const id = spacedMeetingId(meeting.id);
  const lines = [
    `${hostName} is inviting you to a scheduled Zoom meeting.`,
    '',
    `Topic: ${meeting.topic}`,
  ];
  if (meeting.type === 3) lines.push('Time: This is a recurring meeting Meet anytime');
  else if (meeting.type === 8) {
    const upcoming = meeting.occurrences.filter(
      (o) => o.status === 'available' && o.startMs + o.duration * 60_000 > now.getTime(),
    );
    const first = upcoming[0] ?? meeting.occurrences[0];
    lines.push(`Time: ${first ? when(first.startMs) : ''} ${zoneLabel}`);
    lines.push(`        ${describeRule(meeting, upcoming.length)}`);
    for (const occurrence of upcoming) lines.push(`        ${when(occurrence.startMs)}`);
  } else if (meeting.startMs !== undefined)
    lines.push(`Time: ${when(meeting.startMs)} ${zoneLabel}`);
  lines.push('', 'Join Zoom Meeting', joinUrl(meeting), '', `Meeting ID: ${id}`);
  if (meeting.password) lines.push(`Passcode: ${meeting.password}`);
  const dialPass = meeting.numericPassword ? `,,,,*${meeting.numericPassword}#` : '';
  lines.push(
    '',
    'One tap mobile',
    `+5678901234,,${meeting.id}#${dialPass} US (gg)`,
    '',
    'Dial by your location',
    '+1 15550100 US (gg)',
    `Meeting ID: ${id}`,
  );
  if (meeting.numericPassword) lines.push(`Passcode: ${meeting.numericPassword}`);
  lines.push('Find your local number: https://zoom.us/u/ab12cdef34jh', '');
  lines.push('Join by SIP', sipAddress(meeting), '', '');
  return lines.join('\r\n');
}

export function sipAddress(meeting: StoredMeeting): string {
  return `${meeting.id}@zoomcrc.com`;
}

/** `555 4444 3210` for 11 digits, `123 456 7890` for 10, `123 456 789` for 9 (SPEC example). */
export function spacedMeetingId(id: number): string {
  const digits = String(id);
  if (digits.length === 11) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEK_NAMES: Record<string, string> = {
  '-1': 'last',
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
};

function describeRule(meeting: StoredMeeting, count: number): string {
  const rec = meeting.recurrence!;
  const every = rec.repeat_interval ?? 1;
  const unit = (one: string) => (every === 1 ? `Every ${one}` : `Every ${every} ${one}s`);
  let rule: string;
  if (rec.type === 1) rule = unit('day');
  else if (rec.type === 2) {
    const days = (rec.weekly_days ?? '1').split(',').map((d) => DAY_NAMES[Number(d.trim()) - 1]);
    rule = `${unit('week')} on ${days.join(', ')}`;
  } else if (rec.monthly_week !== undefined)
    rule = `${unit('month')} on the ${WEEK_NAMES[String(rec.monthly_week)]} ${DAY_NAMES[(rec.monthly_week_day ?? 1) - 1]}`;
  else rule = `${unit('month')} on the ${rec.monthly_day ?? 1} of the month`;
  const last = meeting.occurrences[meeting.occurrences.length - 1];
  const until = last
    ? DateTime.fromMillis(last.startMs, { zone: meeting.timezone }).toFormat('LLL d, yyyy', {
        locale: 'en-US',
      })
    : '';
  return `${rule}, until ${until}, ${count} occurrence(s)`;
}
