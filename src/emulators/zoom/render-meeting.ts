import type { StoredMeeting, StoredOccurrence } from './meeting-model.js';
import type { ZoomSwitchValues } from './switches.js';
import type { ZoomUser } from './users.js';
import { formatUtc } from './wall-time.js';

/** Zoom's JSON for a meeting (SPEC `meeting` 200, `meetingCreate` 201, `meetings` list items). */

export interface RenderOptions {
  now: Date;
  switches: ZoomSwitchValues;
  /** GET with `occurrence_id`: that occurrence's start, duration, agenda and settings. */
  occurrence?: StoredOccurrence;
  showPreviousOccurrences?: boolean;
}

export function joinUrl(meeting: StoredMeeting): string {
  if (meeting.joinUrlTemplate !== undefined)
    return meeting.joinUrlTemplate
      .replaceAll('{id}', String(meeting.id))
      .replaceAll('{pwd}', meeting.encryptedPassword);
  const base = `https://zoom.us/j/${meeting.id}`;
  return meeting.encryptedPassword ? `${base}?pwd=${meeting.encryptedPassword}` : base;
}

/** The start a meeting shows: for a series the next occurrence not over yet (switch recurringStartTime). */
export function shownStart(
  meeting: StoredMeeting,
  now: Date,
  switches: ZoomSwitchValues,
): number | undefined {
  if (meeting.type !== 8) return meeting.startMs;
  const available = meeting.occurrences.filter((o) => o.status === 'available');
  if (switches.recurringStartTime === 'first-occurrence')
    return (available[0] ?? meeting.occurrences[0])?.startMs ?? meeting.startMs;
  const next = available.find((o) => o.startMs + o.duration * 60_000 > now.getTime());
  return (next ?? available[available.length - 1] ?? meeting.occurrences[0])?.startMs;
}

export function renderMeeting(
  meeting: StoredMeeting,
  host: ZoomUser | undefined,
  options: RenderOptions,
): Record<string, unknown> {
  const { occurrence, switches } = options;
  const start = occurrence ? occurrence.startMs : shownStart(meeting, options.now, switches);
  const settings: Record<string, unknown> = { ...meeting.settings, ...occurrence?.settings };
  if (meeting.type === 8) settings.registration_type ??= 1;
  const body: Record<string, unknown> = {
    uuid: meeting.uuid,
    id: meeting.id,
    host_id: meeting.hostId,
    host_email: host?.email ?? '',
    assistant_id: '',
    topic: meeting.topic,
    type: meeting.type,
    status: meeting.status,
    ...(start !== undefined && meeting.type !== 1 && { start_time: formatUtc(start) }),
    duration: occurrence?.duration ?? meeting.duration,
    timezone: meeting.timezone,
    agenda: occurrence?.agenda ?? meeting.agenda,
    created_at: formatUtc(meeting.createdAt),
    start_url: `https://zoom.us/s/${meeting.id}?zak=${meeting.uuid.replace(/[^A-Za-z0-9]/g, '')}`,
    join_url: joinUrl(meeting),
    chat_join_url: `https://zoom.us/launch/jc/${meeting.id}`,
    password: meeting.password,
    h323_password: meeting.numericPassword,
    pstn_password: meeting.numericPassword,
    encrypted_password: meeting.encryptedPassword,
    pre_schedule: meeting.preSchedule,
    settings,
  };
  if (meeting.type === 8) {
    body.occurrences = visibleOccurrences(meeting, options).map(renderOccurrence);
    body.recurrence = echoRecurrence(meeting, switches);
  }
  if (meeting.trackingFields)
    body.tracking_fields = meeting.trackingFields.map((f) => ({ ...f, visible: true }));
  return body;
}

function visibleOccurrences(meeting: StoredMeeting, options: RenderOptions): StoredOccurrence[] {
  const now = options.now.getTime();
  return meeting.occurrences.filter(
    (o) =>
      (options.switches.deletedOccurrences === 'listed' || o.status !== 'deleted') &&
      // SPEC `meeting`: without show_previous_occurrences only current and future occurrences.
      (options.showPreviousOccurrences || o.startMs + o.duration * 60_000 > now),
  );
}

function renderOccurrence(occurrence: StoredOccurrence): Record<string, unknown> {
  return {
    occurrence_id: occurrence.id,
    start_time: formatUtc(occurrence.startMs),
    duration: occurrence.duration,
    status: occurrence.status,
  };
}

function echoRecurrence(meeting: StoredMeeting, switches: ZoomSwitchValues) {
  const sent = { ...meeting.recurrence! };
  // Stored as a time, so it comes back in UTC with Z like every other time (SPEC examples).
  if (meeting.recurrenceEndMs !== undefined)
    sent.end_date_time = formatUtc(meeting.recurrenceEndMs);
  if (switches.recurrenceEcho === 'as-sent') return sent;
  return { repeat_interval: 1, weekly_days: '1', monthly_day: 1, ...sent };
}

/** A row of List meetings (SPEC `meetings` 200): no occurrences, agenda cut to 250 characters. */
export function renderListItem(
  meeting: StoredMeeting,
  start: number | undefined,
): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: meeting.id,
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    ...(start !== undefined && { start_time: formatUtc(start) }),
    duration: meeting.duration,
    timezone: meeting.timezone,
    ...(meeting.agenda && { agenda: meeting.agenda.slice(0, 250) }),
    created_at: formatUtc(meeting.createdAt),
    join_url: joinUrl(meeting),
  };
}
