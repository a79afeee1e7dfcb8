import type { Database } from 'better-sqlite3';
import { redactText } from '../log.js';
import { stampNow, type Clock } from './clock.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { assertChanged } from './store-error.js';
import { toStoredTime } from './time.js';

/**
 * A room calendar zoomlink polls, with where its polling stands (the sync ports' `Room` plus its
 * stored state). Times are ISO UTC strings.
 */
export interface StoredRoom {
  calendarId: string;
  name: string;
  zoomHost: string;
  /** Google's nextSyncToken, stored only once the actions of the page that gave it are durable. */
  syncToken: string | null;
  /** When the last poll started (successful or not). */
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  /** The last poll's failure; cleared by a successful poll. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** What the room's scope and meeting settings were when it was last read (a hash). */
  scopeHash: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RoomInput {
  calendarId: string;
  zoomHost: string;
  name?: string;
  /**
   * The hash of the room's scope and meeting settings now. When it differs from the stored one,
   * the sync token is dropped: the next poll reads the room whole and plans every booking again
   * under the new scope and settings. Absent: left as it is.
   */
  scopeHash?: string;
}

export interface RoomsRepository {
  /**
   * Adds a room or updates its name and host; its sync token and poll history are kept, unless
   * its scope hash changed (see `RoomInput.scopeHash`).
   */
  upsert(room: RoomInput): StoredRoom;
  get(calendarId: string): StoredRoom | undefined;
  /** Every room, by calendar id. */
  list(): StoredRoom[];
  /** Forgets a room and which bookings it held (the links themselves stay). */
  remove(calendarId: string): boolean;
  setSyncToken(calendarId: string, token: string): void;
  /** After Google's 410 GONE: the next poll is a full sync. */
  clearSyncToken(calendarId: string): void;
  recordPollStarted(calendarId: string, at: Date): void;
  /** A whole poll succeeded: records the time and clears the last error. */
  recordPollSucceeded(calendarId: string, at: Date): void;
  recordPollFailed(calendarId: string, error: string, at: Date): void;
}

type RoomRow = RowOf<StoredRoom>;
const toRoom = (row: RoomRow) => fromRow<StoredRoom>(row);

export function createRoomsRepository(db: Database, clock: Clock): RoomsRepository {
  const upsert = db.prepare<
    [{ id: string; name: string; host: string; scope: string | null; now: string }],
    RoomRow
  >(
    `INSERT INTO rooms (calendar_id, name, zoom_host, scope_hash, created_at, updated_at)
     VALUES (@id, @name, @host, @scope, @now, @now)
     ON CONFLICT (calendar_id) DO UPDATE SET name = @name, zoom_host = @host,
       sync_token = CASE WHEN @scope IS NOT NULL AND scope_hash IS NOT @scope THEN NULL
                         ELSE sync_token END,
       scope_hash = coalesce(@scope, scope_hash), updated_at = @now
     RETURNING *`,
  );
  const get = db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE calendar_id = ?');
  const list = db.prepare<[], RoomRow>('SELECT * FROM rooms ORDER BY calendar_id');
  const remove = db.prepare<[string]>('DELETE FROM rooms WHERE calendar_id = ?');
  const setToken = db.prepare<[{ id: string; token: string | null; now: string }]>(
    'UPDATE rooms SET sync_token = @token, updated_at = @now WHERE calendar_id = @id',
  );
  const pollStarted = db.prepare<[{ id: string; at: string; now: string }]>(
    'UPDATE rooms SET last_poll_at = @at, updated_at = @now WHERE calendar_id = @id',
  );
  const pollSucceeded = db.prepare<[{ id: string; at: string; now: string }]>(
    `UPDATE rooms SET last_success_at = @at, last_error = NULL, last_error_at = NULL,
       updated_at = @now WHERE calendar_id = @id`,
  );
  const pollFailed = db.prepare<[{ id: string; at: string; error: string; now: string }]>(
    `UPDATE rooms SET last_error = @error, last_error_at = @at, updated_at = @now
     WHERE calendar_id = @id`,
  );

  const mustChange = (changes: number, calendarId: string) =>
    assertChanged(changes, `room ${calendarId}`, 'add it with rooms.upsert first');

  return {
    upsert: (room) =>
      toRoom(
        upsert.get({
          id: room.calendarId,
          name: room.name ?? '',
          host: room.zoomHost,
          scope: room.scopeHash ?? null,
          now: stampNow(clock),
        })!,
      ),
    get: (calendarId) => {
      const row = get.get(calendarId);
      return row && toRoom(row);
    },
    list: () => list.all().map(toRoom),
    remove: (calendarId) => remove.run(calendarId).changes > 0,
    setSyncToken: (calendarId, token) =>
      mustChange(setToken.run({ id: calendarId, token, now: stampNow(clock) }).changes, calendarId),
    clearSyncToken: (calendarId) =>
      mustChange(
        setToken.run({ id: calendarId, token: null, now: stampNow(clock) }).changes,
        calendarId,
      ),
    recordPollStarted: (calendarId, at) =>
      mustChange(
        pollStarted.run({ id: calendarId, at: toStoredTime(at, 'at'), now: stampNow(clock) })
          .changes,
        calendarId,
      ),
    recordPollSucceeded: (calendarId, at) =>
      mustChange(
        pollSucceeded.run({ id: calendarId, at: toStoredTime(at, 'at'), now: stampNow(clock) })
          .changes,
        calendarId,
      ),
    recordPollFailed: (calendarId, error, at) =>
      mustChange(
        pollFailed.run({
          id: calendarId,
          at: toStoredTime(at, 'at'),
          error: redactText(error),
          now: stampNow(clock),
        }).changes,
        calendarId,
      ),
  };
}
