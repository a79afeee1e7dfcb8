import { DateTime } from 'luxon';
import type { CalendarState, EventCopy } from './calendar-store.js';
import { rawOf, type CalendarModel } from './calendar-model.js';
import { mergePatch } from './event-input.js';
import { renderEventTime, type EventTime } from './event-time.js';
import { googleErrors } from './google-errors.js';
import { ruleHitsBefore } from './recurrence.js';
import { expansionZone, seriesStartOf } from './series.js';
import { zone as luxonZone } from './zones.js';

/**
 * "This and following", the way Google's UI does it (observed in Google Calendar ICS exports; the
 * recurring events guide's "Modify all following instances"): the old series ends the day before
 * the split instance (`UNTIL` = 23:59:59 local on that day, written in UTC; a whole-day series gets
 * a DATE), a new series `<oldId>_R<YYYYMMDDTHHMMSS>` (the split instance's start in UTC, no `Z`)
 * starts at that instance with `changes` applied, and the old series' exceptions from the split on
 * are reset ("Changing all following instances resets any exceptions happening after the target
 * instance", recurring events guide). A COUNT series keeps its total: the new series gets the
 * instances the old one no longer has.
 */
export function splitSeries(
  model: CalendarModel,
  calendar: CalendarState,
  masterId: string,
  at: string,
  changes: Record<string, unknown>,
): { old: EventCopy; next: EventCopy } {
  const master = calendar.events.get(masterId);
  if (!master?.recurrence || master.data.status === 'cancelled') throw googleErrors.notFound();
  const instance = model.find(calendar, at.includes('_') ? at : instanceIdAt(master, at));
  if (!instance?.originalStart || instance.data.recurringEventId !== master.id)
    throw googleErrors.invalid('The split point is not an instance of this series.');

  const zone = expansionZone(master, calendar);
  const original = instance.originalStart;
  const splitMs = startMs(original, zone);
  const splitLocal = DateTime.fromMillis(splitMs, { zone: luxonZone(zone) });
  const dayBefore = splitLocal.startOf('day').minus({ days: 1 });
  const until = original.allDay
    ? dayBefore.toFormat('yyyyMMdd')
    : dayBefore.endOf('day').set({ millisecond: 0 }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  const newId = `${master.id}_R${(original.allDay ? splitLocal : splitLocal.toUTC()).toFormat("yyyyMMdd'T'HHmmss")}`;

  const lines = (master.data.recurrence as string[]) ?? [];
  const countMatch = lines.map((l) => /^RRULE:.*COUNT=(\d+)/i.exec(l)).find(Boolean);
  const countLeft = countMatch
    ? Math.max(
        1,
        Number(countMatch[1]) -
          ruleHitsBefore(seriesStartOf(master, zone), master.recurrence, zone, splitMs),
      )
    : undefined;
  const isRule = (l: string) => /^RRULE:/i.test(l);
  const endedLines = lines.map((l) =>
    isRule(l) ? `RRULE:${withoutEnd(l.slice(6))};UNTIL=${until}` : l,
  );
  const nextLines = lines.map((l) =>
    isRule(l) && countLeft !== undefined ? `RRULE:${withoutEnd(l.slice(6))};COUNT=${countLeft}` : l,
  );

  for (const other of [...calendar.events.values()]) {
    if (other.data.recurringEventId !== master.id || !other.originalStart) continue;
    if (other.data.status === 'cancelled' || startMs(other.originalStart, zone) < splitMs) continue;
    model.remove(calendar, other.id);
  }
  const old = model.modify(calendar, master.id, { recurrence: endedLines }, 'patch');
  const body = mergePatch(
    {
      ...rawOf(master),
      start: renderEventTime(instance.start, zone),
      end: renderEventTime(instance.end, zone),
      recurrence: nextLines,
    },
    changes,
  );
  const creator = master.data.creator as { email?: string } | undefined;
  const next = model.insert(creator?.email ?? calendar.id, calendar, body, { googleId: newId });
  return { old, next };
}

function startMs(time: EventTime, zone: string): number {
  return time.allDay
    ? DateTime.fromISO(time.date, { zone: luxonZone(zone) }).toMillis()
    : time.instant.toMillis();
}

function withoutEnd(rule: string): string {
  return rule
    .split(';')
    .filter((part) => !/^(COUNT|UNTIL)=/i.test(part))
    .join(';');
}

function instanceIdAt(master: EventCopy, at: string): string {
  if (master.start.allDay) return `${master.id}_${at.slice(0, 10).replaceAll('-', '')}`;
  const instant = DateTime.fromISO(at, { setZone: true });
  return `${master.id}_${instant.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}
