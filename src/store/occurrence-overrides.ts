import type { Database } from 'better-sqlite3';
import { stampNow, type Clock } from './clock.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { toStoredTime, toStoredTimeOrNull, type TimeInput } from './time.js';

/**
 * A Google instance of a series that differs from its rule, and what was done to its Zoom
 * occurrence: `deleted` (cancelled instance or EXDATE) or `moved` (new start and/or duration).
 * `hash` is of the instance as last applied, so an unchanged instance costs no Zoom call.
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
  hash: string;
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
  hash: string;
}

export interface OccurrenceOverridesRepository {
  /** Inserts or replaces the override of one instance (the link must exist). */
  put(override: OccurrenceOverrideInput): OccurrenceOverride;
  get(eventId: string, originalStart: TimeInput): OccurrenceOverride | undefined;
  /** A link's overrides, by original start. */
  listForLink(eventId: string): OccurrenceOverride[];
  remove(eventId: string, originalStart: TimeInput): boolean;
  /** When a series meeting is replaced, its old overrides no longer apply; returns how many. */
  removeAllForLink(eventId: string): number;
}

type OverrideRow = RowOf<OccurrenceOverride>;
const toOverride = (row: OverrideRow) => fromRow<OccurrenceOverride>(row);

export function createOccurrenceOverridesRepository(
  db: Database,
  clock: Clock,
): OccurrenceOverridesRepository {
  type PutParams = Omit<OverrideRow, 'created_at' | 'updated_at'> & { now: string };
  const put = db.prepare<[PutParams], OverrideRow>(
    `INSERT INTO occurrence_overrides (event_id, original_start, zoom_occurrence_id, kind,
       new_start, new_duration_minutes, hash, created_at, updated_at)
     VALUES (@event_id, @original_start, @zoom_occurrence_id, @kind, @new_start,
       @new_duration_minutes, @hash, @now, @now)
     ON CONFLICT (event_id, original_start) DO UPDATE SET
       zoom_occurrence_id = excluded.zoom_occurrence_id, kind = excluded.kind,
       new_start = excluded.new_start, new_duration_minutes = excluded.new_duration_minutes,
       hash = excluded.hash, updated_at = excluded.updated_at
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
  const removeAll = db.prepare<[string]>('DELETE FROM occurrence_overrides WHERE event_id = ?');

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
          hash: override.hash,
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
    removeAllForLink: (eventId) => removeAll.run(eventId).changes,
  };
}
