import type { Database } from 'better-sqlite3';
import { redactText } from '../log.js';
import { stampNow, type Clock } from './clock.js';
import { notFound } from './store-error.js';

/**
 * The journal of `zoomlink decommission`, one row per booking, written before its first remote
 * call and after each step, like the intent of a create: a run killed half-way and started again
 * skips what is recorded done, and repeats at most the one step it was in (itself harmless: a
 * DELETE of a deleted meeting, a block taken out of a copy that no longer has it).
 *
 * - `open`: started; its meetings may or may not be deleted yet;
 * - `meetings_deleted`: the meetings of a booking not over are deleted (none for one over);
 * - `done`: our block, location and property are out of every copy we wrote; the booking is
 *   decommissioned.
 */
export const decommissionStates = ['open', 'meetings_deleted', 'done'] as const;
export type DecommissionState = (typeof decommissionStates)[number];

export interface Decommission {
  eventId: string;
  state: DecommissionState;
  detail: string;
  startedAt: string;
  updatedAt: string;
}

export interface DecommissionsRepository {
  get(eventId: string): Decommission | undefined;
  /** Opens the booking's entry (kept as it is when one exists). */
  open(eventId: string): Decommission;
  advance(eventId: string, state: DecommissionState, detail?: string): Decommission;
  /** Event ids whose decommission is done. */
  doneIds(): Set<string>;
}

interface Row {
  event_id: string;
  state: DecommissionState;
  detail: string;
  started_at: string;
  updated_at: string;
}

const toEntry = (row: Row): Decommission => ({
  eventId: row.event_id,
  state: row.state,
  detail: row.detail,
  startedAt: row.started_at,
  updatedAt: row.updated_at,
});

export function createDecommissionsRepository(db: Database, clock: Clock): DecommissionsRepository {
  const get = db.prepare<[string], Row>('SELECT * FROM decommissions WHERE event_id = ?');
  const open = db.prepare<[{ id: string; now: string }]>(
    `INSERT INTO decommissions (event_id, state, started_at, updated_at)
     VALUES (@id, 'open', @now, @now) ON CONFLICT (event_id) DO NOTHING`,
  );
  const advance = db.prepare<[{ id: string; state: string; detail: string; now: string }]>(
    `UPDATE decommissions SET state = @state, detail = @detail, updated_at = @now
     WHERE event_id = @id`,
  );
  const done = db
    .prepare<[], string>("SELECT event_id FROM decommissions WHERE state = 'done'")
    .pluck();
  const read = (eventId: string) => {
    const row = get.get(eventId);
    return row && toEntry(row);
  };
  return {
    get: read,
    open: (eventId) => {
      open.run({ id: eventId, now: stampNow(clock) });
      return read(eventId)!;
    },
    advance: (eventId, state, detail = '') => {
      const params = { id: eventId, state, detail: redactText(detail), now: stampNow(clock) };
      if (advance.run(params).changes === 0)
        throw notFound(`decommission of ${eventId}`, 'open it with decommissions.open first');
      return read(eventId)!;
    },
    doneIds: () => new Set(done.all()),
  };
}
