import { opaqueToken } from './ids.js';
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

/** SPEC: "This token's expiration period is 15 minutes." */
const PAGE_TOKEN_TTL_MS = 15 * 60_000;

interface Cursor {
  hostId: string;
  type: ListType;
  offset: number;
  expiresAt: number;
}

export class PageCursors {
  private readonly cursors = new Map<string, Cursor>();

  issue(cursor: Omit<Cursor, 'expiresAt'>, nowMs: number): string {
    const token = opaqueToken(24);
    this.cursors.set(token, { ...cursor, expiresAt: nowMs + PAGE_TOKEN_TTL_MS });
    return token;
  }

  take(token: string, hostId: string, nowMs: number): Cursor | undefined {
    const cursor = this.cursors.get(token);
    if (!cursor || cursor.hostId !== hostId || cursor.expiresAt <= nowMs) return undefined;
    return cursor;
  }

  clear(): void {
    this.cursors.clear();
  }
}

export interface ListQuery {
  type: ListType;
  pageSize: number;
  pageNumber: number;
  nextPageToken?: string;
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
  const pageSize = wholeNumber(query.get('page_size'), 30);
  // SPEC: page_size "maximum": 300.
  if (pageSize === undefined || pageSize < 1 || pageSize > 300)
    errors.push(invalid('page_size', 'must be a whole number from 1 to 300'));
  const pageNumber = wholeNumber(query.get('page_number'), 1);
  if (pageNumber === undefined || pageNumber < 1)
    errors.push(invalid('page_number', 'must be a whole number from 1'));
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const name of ['from', 'to'] as const) {
    const value = query.get(name);
    if (value !== null && !date.test(value)) errors.push(invalid(name, 'must be yyyy-mm-dd'));
  }
  if (errors.length > 0) return { errors };
  return {
    query: {
      type,
      pageSize: pageSize!,
      pageNumber: pageNumber!,
      nextPageToken: query.get('next_page_token') || undefined,
      from: query.get('from') ?? undefined,
      to: query.get('to') ?? undefined,
    },
  };
}

function wholeNumber(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
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
  const page = rows.slice(offset, offset + query.pageSize);
  return {
    page_count: Math.ceil(rows.length / query.pageSize),
    page_number: Math.floor(offset / query.pageSize) + 1,
    page_size: query.pageSize,
    total_records: rows.length,
    next_page_token: nextPageToken,
    meetings: page.map((row) => renderListItem(row.meeting, row.start)),
  };
}
