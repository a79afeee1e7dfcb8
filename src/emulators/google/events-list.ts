import type { CalendarState, EventCopy } from './calendar-store.js';
import type { ListQuery } from './list-query.js';
import type { ListedItem } from './list-tokens.js';
import { instanceId } from './ids.js';
import { maxExpandedInstances, occurrencesOf, spanOf, virtualInstance } from './series.js';

/**
 * What events.list returns for one calendar, before paging (DISCO events.list and the Event.status
 * text, and the recurring events guide
 * developers.google.com/workspace/calendar/api/guides/recurringevents):
 * - full listing, `singleEvents=false`: single events, series masters and exceptions; deleted
 *   events only with `showDeleted`; cancelled exceptions of a live series even without it;
 * - `singleEvents=true`: every instance (unmodified ones made from the series), never masters;
 * - incremental (`since` = a sync token's change number): every copy written since, deletions as
 *   `{kind, etag, id, status}`.
 */
export function listItems(
  calendar: CalendarState,
  query: ListQuery,
  zone: string,
  since?: number,
): ListedItem[] {
  if (since !== undefined) return incrementalItems(calendar, query, since);
  const items: ListedItem[] = [];
  for (const copy of calendar.events.values()) {
    if (!matchesFilters(copy, query)) continue;
    const cancelled = copy.data.status === 'cancelled';
    const isException = typeof copy.data.recurringEventId === 'string';
    const deletedRecently = query.updatedMinMs !== undefined; // updatedMin: deletions always included
    if (cancelled) {
      const seriesAlive =
        isException &&
        calendar.events.get(String(copy.data.recurringEventId))?.data.status !== 'cancelled';
      const shown = query.showDeleted || deletedRecently || (!query.singleEvents && seriesAlive);
      if (!shown) continue;
      if (query.singleEvents && copy.recurrence) continue;
      if (!inWindow(copy, calendar, query, zone, true)) continue;
      items.push({ copy, minimal: !query.showDeleted });
      continue;
    }
    if (query.singleEvents && copy.recurrence) {
      items.push(...expandForList(copy, calendar, query));
      continue;
    }
    if (!inWindow(copy, calendar, query, zone, false)) continue;
    items.push({ copy, minimal: false });
  }
  if (query.orderBy === 'updated') items.sort((a, b) => a.copy.updatedUs - b.copy.updatedUs);
  else if (query.singleEvents)
    items.sort(
      (a, b) =>
        spanOf(a.copy, zone).startMs - spanOf(b.copy, zone).startMs ||
        (a.copy.id < b.copy.id ? -1 : 1),
    );
  return items;
}

function incrementalItems(calendar: CalendarState, query: ListQuery, since: number): ListedItem[] {
  if (calendar.lastSeq <= since) return [];
  const changed = [...calendar.events.values()].filter(
    (c) => c.seq > since && matchesFilters(c, query),
  );
  changed.sort((a, b) => a.seq - b.seq);
  const items: ListedItem[] = [];
  for (const copy of changed) {
    const cancelled = copy.data.status === 'cancelled';
    if (query.singleEvents && copy.recurrence && !cancelled)
      items.push(...expandForList(copy, calendar, query));
    else items.push({ copy, minimal: cancelled && !query.showDeleted });
  }
  return items;
}

/** A series' instances for `singleEvents=true`: exceptions stand for themselves. */
function expandForList(master: EventCopy, calendar: CalendarState, query: ListQuery): ListedItem[] {
  const bounded = query.timeMaxMs !== undefined;
  const occurrences = occurrencesOf(master, calendar, {
    endsAfterMs: query.timeMinMs,
    startsBeforeMs: query.timeMaxMs,
    limit: bounded ? 100_000 : maxExpandedInstances,
  });
  const items: ListedItem[] = [];
  for (const occurrence of occurrences) {
    if (calendar.events.has(instanceId(master.id, occurrence.key))) continue;
    items.push({ copy: virtualInstance(master, occurrence), minimal: false });
  }
  return items;
}

/** timeMin bounds an event's end (exclusive), timeMax its start (exclusive) (DISCO). */
function inWindow(
  copy: EventCopy,
  calendar: CalendarState,
  query: ListQuery,
  zone: string,
  cancelled: boolean,
): boolean {
  const { timeMinMs, timeMaxMs } = query;
  if (timeMinMs === undefined && timeMaxMs === undefined) return true;
  if (copy.recurrence) {
    return (
      occurrencesOf(copy, calendar, { endsAfterMs: timeMinMs, startsBeforeMs: timeMaxMs, limit: 1 })
        .length > 0
    );
  }
  const span =
    cancelled && copy.originalStart
      ? spanOf({ ...copy, start: copy.originalStart, end: copy.originalStart }, zone)
      : spanOf(copy, zone);
  const endMs = Math.max(span.endMs, span.startMs + (cancelled ? 1 : 0));
  if (timeMinMs !== undefined && endMs <= timeMinMs) return false;
  if (timeMaxMs !== undefined && span.startMs >= timeMaxMs) return false;
  return true;
}

function matchesFilters(copy: EventCopy, query: ListQuery): boolean {
  const d = copy.data;
  if (query.updatedMinMs !== undefined && copy.updatedUs / 1000 < query.updatedMinMs) return false;
  if (query.iCalUID !== undefined && d.iCalUID !== query.iCalUID) return false;
  if (query.eventTypes.length > 0 && !query.eventTypes.includes(String(d.eventType ?? 'default')))
    return false;
  const ext = (d.extendedProperties ?? {}) as {
    private?: Record<string, string>;
    shared?: Record<string, string>;
  };
  for (const [k, v] of query.privateExtendedProperty) if (ext.private?.[k] !== v) return false;
  for (const [k, v] of query.sharedExtendedProperty) if (ext.shared?.[k] !== v) return false;
  if (query.q !== undefined) {
    const needle = query.q.toLowerCase();
    const people = [d.organizer, ...((d.attendees as unknown[]) ?? [])] as {
      email?: string;
      displayName?: string;
    }[];
    const haystack = [
      d.summary,
      d.description,
      d.location,
      ...people.flatMap((p) => [p?.email, p?.displayName]),
    ]
      .filter((s): s is string => typeof s === 'string')
      .join('\n')
      .toLowerCase();
    if (!needle.split(/\s+/).every((word) => haystack.includes(word))) return false;
  }
  return true;
}
