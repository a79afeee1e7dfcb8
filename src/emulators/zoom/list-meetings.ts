import { pageFields, readPaging, type Paging } from './paging.js';
import type { StoredMeeting } from './meeting-model.js';
import { renderListItem, shownStart } from './render-meeting.js';
import type { ZoomSwitchValues } from './switches.js';
import type { FieldError } from './zoom-errors.js';

/** `GET /users/{userId}/meetings` (SPEC `meetings`). */

export const LIST_TYPES = [
  'scheduled',
  'live',
  'upcoming',
  'upcoming_meetings',
  'previous_meetings',
] as const;
export type ListType = (typeof LIST_TYPES)[number];

export interface ListQuery extends Paging {
  type: ListType;
  from?: string;
  to?: string;
}

/** Reads the query; unknown parameters are ignored, as Zoom does. */
export function readListQuery(
  query: URLSearchParams,
  invalid: (field: string, why: string) => FieldError,
): { query: ListQuery } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const type = (query.get('type') ?? 'scheduled') as ListType;
  if (!LIST_TYPES.includes(type))
    errors.push(invalid('type', `must be one of ${LIST_TYPES.join(', ')}`));
  const paging = readPaging(query, invalid, errors);
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const name of ['from', 'to'] as const) {
    const value = query.get(name);
    if (value !== null && !date.test(value)) errors.push(invalid(name, 'must be yyyy-mm-dd'));
  }
  if (errors.length > 0) return { errors };
  return {
    query: {
      type,
      ...paging,
      from: query.get('from') ?? undefined,
      to: query.get('to') ?? undefined,
    },
  };
}

interface Row {
  meeting: StoredMeeting;
  start: number | undefined;
}

/** The rows a list type selects, in start order (meetings without a start last). */
export function selectRows(
  meetings: StoredMeeting[],
  query: ListQuery,
  now: Date,
  switches: ZoomSwitchValues,
): Row[] {
  const nowMs = now.getTime();
  const rows: Row[] = [];
  for (const meeting of meetings) {
    // SPEC `meetings`: instant meetings are never listed.
    if (meeting.type === 1) continue;
    const perOccurrence = meeting.type === 8 && switches.listRecurring === 'per-occurrence';
    const starts = perOccurrence
      ? meeting.occurrences
          .filter((o) => o.status === 'available')
          .map((o) => ({ start: o.startMs, end: o.startMs + o.duration * 60_000 }))
      : [{ start: shownStart(meeting, now, switches), end: seriesEnd(meeting) }];
    for (const { start, end } of starts) {
      if (!matchesType(meeting, query.type, start, end, nowMs)) continue;
      if (switches.listFromTo === 'applied' && !withinDates(start, query)) continue;
      rows.push({ meeting, start });
    }
  }
  return rows.sort(
    (a, b) =>
      (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER) ||
      a.meeting.createdAt - b.meeting.createdAt ||
      a.meeting.id - b.meeting.id,
  );
}

function seriesEnd(meeting: StoredMeeting): number | undefined {
  if (meeting.type === 8) {
    const ends = meeting.occurrences
      .filter((o) => o.status === 'available')
      .map((o) => o.startMs + o.duration * 60_000);
    return ends.length > 0 ? Math.max(...ends) : undefined;
  }
  return meeting.startMs === undefined ? undefined : meeting.startMs + meeting.duration * 60_000;
}

/**
 * SPEC: scheduled = all unexpired; live = started; upcoming(_meetings) = not over yet, live
 * included; previous_meetings = over. Meetings without a time (type 3) are upcoming, never
 * previous (not sourced; README "list").
 */
function matchesType(
  meeting: StoredMeeting,
  type: ListType,
  _start: number | undefined,
  end: number | undefined,
  nowMs: number,
): boolean {
  switch (type) {
    case 'scheduled':
      return true;
    case 'live':
      return meeting.status === 'started';
    case 'upcoming':
    case 'upcoming_meetings':
      return meeting.status === 'started' || end === undefined || end > nowMs;
    case 'previous_meetings':
      return meeting.status !== 'started' && end !== undefined && end <= nowMs;
  }
}

function withinDates(start: number | undefined, query: ListQuery): boolean {
  if (start === undefined) return true;
  const day = new Date(start).toISOString().slice(0, 10);
  return (!query.from || day >= query.from) && (!query.to || day <= query.to);
}

export function listPage(
  rows: Row[],
  offset: number,
  query: ListQuery,
  nextPageToken: string,
): Record<string, unknown> {
  return {
    ...pageFields(query, offset, rows.length, nextPageToken),
    meetings: rows
      .slice(offset, offset + query.pageSize)
      .map((row) => renderListItem(row.meeting, row.start)),
  };
}
