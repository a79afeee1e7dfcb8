import type { Database } from 'better-sqlite3';
import { stampNow, type Clock } from './clock.js';

/**
 * What zoomlink would do for each booking of a room in `observe` mode, as last planned: the
 * status page shows it, nothing acts on it. `preview` is the planner's summary (JSON), kept as
 * the sync layer shaped it. A booking's row goes when it is acted on.
 */
export interface Observation {
  eventId: string;
  calendarId: string;
  preview: unknown;
  observedAt: string;
}

export interface ObservationsRepository {
  put(eventId: string, calendarId: string, preview: unknown): void;
  has(eventId: string): boolean;
  remove(eventId: string): void;
  /** The newest first, at most `limit`. */
  list(limit: number): Observation[];
  count(): number;
  /**
   * Bookings per action word of their previews (`preview.actions`, a JSON array of words), and
   * under `none` those with no action.
   */
  countByAction(): Record<string, number>;
}

interface Row {
  event_id: string;
  calendar_id: string;
  preview: string;
  observed_at: string;
}

export function createObservationsRepository(db: Database, clock: Clock): ObservationsRepository {
  const put = db.prepare<[{ id: string; room: string; preview: string; now: string }]>(
    `INSERT INTO observations (event_id, calendar_id, preview, observed_at)
     VALUES (@id, @room, @preview, @now)
     ON CONFLICT (event_id) DO UPDATE SET calendar_id = @room, preview = @preview,
       observed_at = @now`,
  );
  const remove = db.prepare<[string]>('DELETE FROM observations WHERE event_id = ?');
  const list = db.prepare<[number], Row>(
    'SELECT * FROM observations ORDER BY observed_at DESC, event_id LIMIT ?',
  );
  const count = db.prepare<[], number>('SELECT count(*) FROM observations').pluck();
  const byAction = db.prepare<[], { key: string; n: number }>(
    `SELECT a.value AS key, count(*) AS n FROM observations o, json_each(o.preview, '$.actions') a
     GROUP BY a.value
     UNION ALL
     SELECT 'none', count(*) FROM observations
     WHERE json_array_length(preview, '$.actions') = 0`,
  );
  const has = db.prepare<[string], number>('SELECT 1 FROM observations WHERE event_id = ?').pluck();
  return {
    put: (eventId, calendarId, preview) =>
      void put.run({
        id: eventId,
        room: calendarId,
        preview: JSON.stringify(preview),
        now: stampNow(clock),
      }),
    has: (eventId) => has.get(eventId) !== undefined,
    remove: (eventId) => void remove.run(eventId),
    list: (limit) =>
      list.all(limit).map((row) => ({
        eventId: row.event_id,
        calendarId: row.calendar_id,
        preview: JSON.parse(row.preview) as unknown,
        observedAt: row.observed_at,
      })),
    count: () => count.get()!,
    countByAction: () =>
      Object.fromEntries(
        byAction
          .all()
          .filter(({ n }) => n > 0)
          .map(({ key, n }) => [key, n]),
      ),
  };
}
