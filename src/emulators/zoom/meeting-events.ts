import type { StoredMeeting } from './meeting-model.js';

/**
 * The payload of `meeting.updated` and `meeting.deleted` (developers.zoom.us/docs/api/meetings/events/):
 * `object` names the meeting (`id`, `uuid`, `host_id`) and carries the fields that changed with
 * their new values, `old_object` the same fields before; a single occurrence's change carries
 * `occurrences` and `scope: "single"` (`meeting.updated`) or `operation: "single"`
 * (`meeting.deleted`). Which fields Zoom lists for an unchanged value is not documented: here,
 * only those that differ.
 */
const watchedFields = [
  'topic',
  'type',
  'start_time',
  'duration',
  'timezone',
  'agenda',
  'password',
  'recurrence',
  'settings',
] as const;

export function updatedPayload(
  meeting: StoredMeeting,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const ids = { id: meeting.id, uuid: meeting.uuid, host_id: meeting.hostId };
  const object: Record<string, unknown> = { ...ids };
  const old: Record<string, unknown> = { ...ids };
  for (const field of watchedFields) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    object[field] = after[field];
    old[field] = before[field];
  }
  return { scope: 'all', object, old_object: old, time_stamp: Date.now() };
}

export function occurrencePayload(
  meeting: StoredMeeting,
  occurrenceId: string,
  kind: 'updated' | 'deleted',
): Record<string, unknown> {
  const occurrence = meeting.occurrences.find((o) => o.id === occurrenceId);
  const occurrences = occurrence
    ? [
        {
          occurrence_id: occurrence.id,
          start_time: new Date(occurrence.startMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          duration: occurrence.duration,
        },
      ]
    : [];
  const object = { id: meeting.id, uuid: meeting.uuid, host_id: meeting.hostId, occurrences };
  return kind === 'updated'
    ? { scope: 'single', object, time_stamp: Date.now() }
    : { operation: 'single', object, time_stamp: Date.now() };
}

export function deletedPayload(rendered: Record<string, unknown>): Record<string, unknown> {
  const pick = ['id', 'uuid', 'host_id', 'topic', 'type', 'start_time', 'duration', 'timezone'];
  return {
    operation: 'all',
    object: Object.fromEntries(pick.filter((k) => k in rendered).map((k) => [k, rendered[k]])),
    time_stamp: Date.now(),
  };
}
