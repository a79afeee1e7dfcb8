import type { Database } from 'better-sqlite3';
import type { CalendarEvent } from '../domain/calendar-event.js';
import { stampNow, type Clock } from './clock.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { toStoredTime, toStoredTimeOrNull, type TimeInput } from './time.js';

/**
 * A Google instance of a series that differs from its rule: `deleted` (a cancelled instance) or
 * `moved` (new start and/or duration), as Google has it now, and whether its Zoom occurrence has
 * been made to match. `appliedHash` is the hash of the instance as last applied in Zoom (null:
 * not yet, or no longer, e.g. after the series meeting was recreated), so an instance seen again
 * unchanged costs no Zoom call and a failed one is found again.
 */
export interface OccurrenceOverride {
  eventId: string;
  /** The instance's original start (Google's originalStartTime), ISO UTC; the key in the link. */
  originalStart: string;
  /** Zoom's occurrence id (the occurrence start in epoch ms, as a string), when there is one. */
  zoomOccurrenceId: string | null;
  kind: 'deleted' | 'moved';
  newStart: string | null;
  newDurationMinutes: number | null;
  /** The exception or cancelled instance as last read, to apply it again from the store. */
  eventSnapshot: CalendarEvent | null;
  appliedHash: string | null;
  /**
   * A modified instance (`moved`): the hash of our block as its copies carry it, written or seen
   * there (null: not yet). Equal to the link's `writebackHash` when it is up to date.
   */
  writebackHash: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OccurrenceOverrideInput {
  eventId: string;
  originalStart: TimeInput;
  zoomOccurrenceId?: string | null;
  kind: 'deleted' | 'moved';
  /** Required when `kind` is `moved`. */
  newStart?: TimeInput | null;
  newDurationMinutes?: number | null;
  eventSnapshot?: CalendarEvent | null;
  appliedHash?: string | null;
  writebackHash?: string | null;
}

export interface OccurrenceOverridesRepository {
  /** Inserts or replaces the override of one instance (the link must exist). */
  put(override: OccurrenceOverrideInput): OccurrenceOverride;
  get(eventId: string, originalStart: TimeInput): OccurrenceOverride | undefined;
  /** A link's overrides, by original start. */
  listForLink(eventId: string): OccurrenceOverride[];
  remove(eventId: string, originalStart: TimeInput): boolean;
  /**
   * After the series meeting was updated or recreated, Zoom no longer has the overrides applied:
   * clears their applied hash so each is applied again; returns how many.
   */
  markAllUnapplied(eventId: string): number;
}

type OverrideColumns = Omit<OccurrenceOverride, 'eventSnapshot'>;
type OverrideRow = RowOf<OverrideColumns> & { event_snapshot: string | null };

function toOverride({ event_snapshot, ...row }: OverrideRow): OccurrenceOverride {
  return {
    ...fromRow<OverrideColumns>(row),
    eventSnapshot: event_snapshot === null ? null : (JSON.parse(event_snapshot) as CalendarEvent),
  };
}

export function createOccurrenceOverridesRepository(
  db: Database,
  clock: Clock,
): OccurrenceOverridesRepository {
  type PutParams = Omit<OverrideRow, 'created_at' | 'updated_at'> & { now: string };
  const put = db.prepare<[PutParams], OverrideRow>(
    `INSERT INTO occurrence_overrides (event_id, original_start, zoom_occurrence_id, kind,
       new_start, new_duration_minutes, event_snapshot, applied_hash, writeback_hash, created_at,
       updated_at)
     VALUES (@event_id, @original_start, @zoom_occurrence_id, @kind, @new_start,
       @new_duration_minutes, @event_snapshot, @applied_hash, @writeback_hash, @now, @now)
     ON CONFLICT (event_id, original_start) DO UPDATE SET
       zoom_occurrence_id = excluded.zoom_occurrence_id, kind = excluded.kind,
       new_start = excluded.new_start, new_duration_minutes = excluded.new_duration_minutes,
       event_snapshot = excluded.event_snapshot, applied_hash = excluded.applied_hash,
       writeback_hash = excluded.writeback_hash, updated_at = excluded.updated_at
     RETURNING *`,
  );
  const get = db.prepare<[string, string], OverrideRow>(
    'SELECT * FROM occurrence_overrides WHERE event_id = ? AND original_start = ?',
  );
  const listForLink = db.prepare<[string], OverrideRow>(
    'SELECT * FROM occurrence_overrides WHERE event_id = ? ORDER BY original_start',
  );
  const remove = db.prepare<[string, string]>(
    'DELETE FROM occurrence_overrides WHERE event_id = ? AND original_start = ?',
  );
  const unapply = db.prepare<[{ id: string; now: string }]>(
    `UPDATE occurrence_overrides SET applied_hash = NULL, updated_at = @now
     WHERE event_id = @id AND applied_hash IS NOT NULL`,
  );

  return {
    put: (override) =>
      toOverride(
        put.get({
          event_id: override.eventId,
          original_start: toStoredTime(override.originalStart, 'originalStart'),
          zoom_occurrence_id: override.zoomOccurrenceId ?? null,
          kind: override.kind,
          new_start: toStoredTimeOrNull(override.newStart, 'newStart'),
          new_duration_minutes: override.newDurationMinutes ?? null,
          event_snapshot:
            override.eventSnapshot == null ? null : JSON.stringify(override.eventSnapshot),
          applied_hash: override.appliedHash ?? null,
          writeback_hash: override.writebackHash ?? null,
          now: stampNow(clock),
        })!,
      ),
    get: (eventId, originalStart) => {
      const row = get.get(eventId, toStoredTime(originalStart, 'originalStart'));
      return row && toOverride(row);
    },
    listForLink: (eventId) => listForLink.all(eventId).map(toOverride),
    remove: (eventId, originalStart) =>
      remove.run(eventId, toStoredTime(originalStart, 'originalStart')).changes > 0,
    markAllUnapplied: (eventId) => unapply.run({ id: eventId, now: stampNow(clock) }).changes,
  };
}
