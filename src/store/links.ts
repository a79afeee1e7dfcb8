import type { Database, Statement } from 'better-sqlite3';
import type { CalendarEvent } from '../domain/calendar-event.js';
import { redactText } from '../log.js';
import { stampNow, type Clock } from './clock.js';
import { createLinkReads, type LinkReads } from './link-reads.js';
import { selectLink, toLink, toParams, type LinkParams, type LinkRow } from './link-rows.js';
import {
  linkStates,
  linkStrategies,
  type Link,
  type LinkedPatch,
  type LinkInput,
  type LinkPatch,
  type LinkState,
  type LinkStrategy,
} from './link-types.js';
import { notFound } from './store-error.js';
import { writeTransaction } from './write-transaction.js';
import { toStoredTime } from './time.js';

export interface LinksRepository extends LinkReads {
  get(eventId: string): Link | undefined;
  /** The live link of a Zoom meeting (a deleted one only when no live one has it). */
  getByMeetingId(zoomMeetingId: number): Link | undefined;
  /** Every link, by event id. */
  list(): Link[];
  listByRoom(calendarId: string): Link[];
  listByState(state: LinkState): Link[];
  /** The event the link was last processed from (`LinkInput.eventSnapshot`), if stored. */
  getSnapshot(eventId: string): CalendarEvent | undefined;
  /** Failed and deferred links whose next attempt has come, the longest-waiting first. */
  listDue(now: Date, limit?: number): Link[];
  /**
   * Linked bookings not over at `now` (their span ends later, or has no known end), soonest
   * first by first start, at most `limit`; read through an index, without the event snapshots.
   */
  listUpcoming(now: Date, limit: number): Link[];
  /** How many linked bookings `listUpcoming` would give without its limit. */
  countUpcoming(now: Date): number;
  /** Event ids of linked bookings with no known end (unbounded, or not worked out yet). */
  listLinkedWithoutEnd(): string[];
  /** Removes the history `HistoryCutoffs` describe; returns how many links went. */
  pruneHistory(cutoffs: HistoryCutoffs): number;
  /** Writes the whole row (insert or replace); `createdAt` is kept on replace. */
  upsert(link: LinkInput): Link;
  /** Changes the given fields of an existing link. */
  update(eventId: string, patch: LinkPatch): Link;
  /** The meeting exists and the link is written: clears attempts, retry time and error. */
  markLinked(eventId: string, patch?: LinkedPatch): Link;
  /** Counts one more failed try and schedules the next one. */
  markFailed(eventId: string, error: string, nextAttemptAt: Date): Link;
  /**
   * Puts the link back to `pending` until `until` without counting a failure (a parked Zoom host:
   * the work waits for the quota to reset). `why` is shown as its last error.
   */
  defer(eventId: string, until: Date, why: string): Link;
  /** The booking is gone and its meeting deleted; the row stays as history. */
  markDeleted(eventId: string): Link;
  addRoom(eventId: string, calendarId: string): void;
  /** Returns the rooms that still hold the booking. */
  removeRoom(eventId: string, calendarId: string): string[];
  setRooms(eventId: string, calendarIds: readonly string[]): void;
  countByState(): Record<LinkState, number>;
  countByStrategy(): Record<LinkStrategy, number>;
  /**
   * Bookings left without a meeting on purpose and not over at `now` (their span ends later or
   * is not known), by skip code: how many are out of scope, and why.
   */
  countIgnoredByCode(now: Date): Record<string, number>;
}

/**
 * What history may go (`pruneHistory`). Never a `pending` or `failed` link (work not done), one
 * with an open intent (a create that may still name a meeting), or one whose booking has not
 * ended: a series without a known end is never history.
 */
export interface HistoryCutoffs {
  /** `deleted` links last changed before this; `ignored` ones too, when their booking ended before it or has no known end. */
  before: Date;
  /**
   * `linked` links whose booking ended before this, by the kind of meeting they hold: one
   * scheduled meeting per booking or occurrence (`single`, `per_occurrence`), or one recurring
   * meeting (`series`, `no_fixed_time`). A moved occurrence that ends later keeps a series.
   */
  scheduledEndedBefore: Date;
  recurringEndedBefore: Date;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

export function createLinksRepository(db: Database, clock: Clock): LinksRepository {
  const get = db.prepare<[string], LinkRow>(`${selectLink} WHERE l.event_id = ?`);
  const getByMeeting = db.prepare<[number], LinkRow>(
    `${selectLink} WHERE l.zoom_meeting_id = ?
     ORDER BY l.state = 'deleted', l.updated_at DESC, l.event_id LIMIT 1`,
  );
  const list = db.prepare<[], LinkRow>(`${selectLink} ORDER BY l.event_id`);
  const listByRoom = db.prepare<[string], LinkRow>(
    `${selectLink} WHERE l.event_id IN (SELECT event_id FROM link_rooms WHERE calendar_id = ?)
     ORDER BY l.event_id`,
  );
  const listByState = db.prepare<[string], LinkRow>(
    `${selectLink} WHERE l.state = ? ORDER BY l.event_id`,
  );
  const listDue = db.prepare<[{ now: string; limit: number }], LinkRow>(
    `${selectLink} WHERE l.state IN ('pending', 'failed') AND l.next_attempt_at <= @now
     ORDER BY l.next_attempt_at, l.event_id LIMIT @limit`,
  );
  // Answered from the index links_upcoming alone (state, starts_at, ends_at, rowid): the
  // columns after the large snapshot are never read row by row.
  const upcomingIds = db
    .prepare<[{ now: string; limit: number }], number>(
      `SELECT rowid FROM links
       WHERE state = 'linked' AND (ends_at IS NULL OR ends_at > @now)
       ORDER BY starts_at, ends_at, rowid LIMIT @limit`,
    )
    .pluck();
  const countUpcoming = db
    .prepare<[string], number>(
      `SELECT count(*) FROM links WHERE state = 'linked' AND (ends_at IS NULL OR ends_at > ?)`,
    )
    .pluck();
  const linkedWithoutEnd = db
    .prepare<[], string>(
      `SELECT event_id FROM links WHERE state = 'linked' AND ends_at IS NULL ORDER BY event_id`,
    )
    .pluck();
  const getByRowid = db.prepare<[number], LinkRow>(`${selectLink} WHERE l.rowid = ?`);
  const pruneHistory = db.prepare<[{ before: string; scheduled: string; recurring: string }]>(
    `DELETE FROM links WHERE rowid IN (
       SELECT l.rowid FROM links l
       WHERE (
           (l.state = 'deleted' AND l.updated_at < @before)
        OR (l.state = 'ignored' AND l.updated_at < @before
            AND (l.ends_at IS NULL OR l.ends_at < @before))
        OR (l.state = 'linked' AND l.ends_at IS NOT NULL
            AND l.ends_at < CASE WHEN l.strategy IN ('single', 'per_occurrence')
                                 THEN @scheduled ELSE @recurring END
            AND NOT EXISTS (
              SELECT 1 FROM occurrence_overrides o
              WHERE o.event_id = l.event_id AND o.new_start IS NOT NULL
                AND o.new_start >= CASE WHEN l.strategy IN ('single', 'per_occurrence')
                                        THEN @scheduled ELSE @recurring END))
       )
       AND NOT EXISTS (
         SELECT 1 FROM intents i WHERE i.event_id = l.event_id AND i.state = 'open'))`,
  );
  const upsert = db.prepare<[LinkParams]>(
    `INSERT INTO links (event_id, ical_uid, organizer_email, strategy, state, zoom_meeting_id,
       zoom_host, join_url, passcode, window_from, window_to, zoom_hash, writeback_hash,
       writeback_calendar_id, writeback_as, attempts, next_attempt_at, last_error, last_error_at,
       reason, event_snapshot, starts_at, ends_at, skip_code, title, created_at, updated_at)
     VALUES (@eventId, @icalUid, @organizerEmail, @strategy, @state, @zoomMeetingId,
       @zoomHost, @joinUrl, @passcode, @windowFrom, @windowTo, @zoomHash, @writebackHash,
       @writebackCalendarId, @writebackAs, @attempts, @nextAttemptAt, @lastError, @lastErrorAt,
       @reason, @eventSnapshot, @startsAt, @endsAt, @skipCode, @title, @now, @now)
     ON CONFLICT (event_id) DO UPDATE SET
       ical_uid = excluded.ical_uid, organizer_email = excluded.organizer_email,
       strategy = excluded.strategy, state = excluded.state,
       zoom_meeting_id = excluded.zoom_meeting_id, zoom_host = excluded.zoom_host,
       join_url = excluded.join_url, passcode = excluded.passcode,
       window_from = excluded.window_from, window_to = excluded.window_to,
       zoom_hash = excluded.zoom_hash, writeback_hash = excluded.writeback_hash,
       writeback_calendar_id = excluded.writeback_calendar_id,
       writeback_as = excluded.writeback_as, attempts = excluded.attempts,
       next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error,
       last_error_at = excluded.last_error_at, reason = excluded.reason,
       event_snapshot = CASE WHEN @keepSnapshot THEN links.event_snapshot
                             ELSE excluded.event_snapshot END,
       starts_at = CASE WHEN @keepSpan THEN links.starts_at ELSE excluded.starts_at END,
       ends_at = CASE WHEN @keepSpan THEN links.ends_at ELSE excluded.ends_at END,
       skip_code = CASE WHEN @keepSkipCode THEN links.skip_code ELSE excluded.skip_code END,
       title = CASE WHEN @keepTitle THEN links.title ELSE excluded.title END,
       updated_at = excluded.updated_at`,
  );
  const markFailed = db.prepare<[{ id: string; error: string; next: string; now: string }]>(
    `UPDATE links SET state = 'failed', attempts = attempts + 1, last_error = @error,
       last_error_at = @now, next_attempt_at = @next, updated_at = @now
     WHERE event_id = @id`,
  );
  const defer = db.prepare<[{ id: string; why: string; until: string; now: string }]>(
    `UPDATE links SET state = 'pending', last_error = @why, last_error_at = @now,
       next_attempt_at = @until, updated_at = @now
     WHERE event_id = @id`,
  );
  const markDeleted = db.prepare<[{ id: string; now: string }]>(
    `UPDATE links SET state = 'deleted', next_attempt_at = NULL, updated_at = @now
     WHERE event_id = @id`,
  );
  const addRoom = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO link_rooms (event_id, calendar_id) VALUES (?, ?)',
  );
  const removeRoom = db.prepare<[string, string]>(
    'DELETE FROM link_rooms WHERE event_id = ? AND calendar_id = ?',
  );
  const clearRooms = db.prepare<[string]>('DELETE FROM link_rooms WHERE event_id = ?');
  const roomsOf = db
    .prepare<[string], string>(
      'SELECT calendar_id FROM link_rooms WHERE event_id = ? ORDER BY calendar_id',
    )
    .pluck();
  const exists = db.prepare<[string], number>('SELECT 1 FROM links WHERE event_id = ?').pluck();
  const snapshot = db
    .prepare<[string], string | null>('SELECT event_snapshot FROM links WHERE event_id = ?')
    .pluck();
  const countByState = db.prepare<[], { key: LinkState; n: number }>(
    'SELECT state AS key, count(*) AS n FROM links GROUP BY state',
  );
  const countByStrategy = db.prepare<[], { key: LinkStrategy; n: number }>(
    'SELECT strategy AS key, count(*) AS n FROM links GROUP BY strategy',
  );

  const ignoredByCode = db.prepare<[string], { key: string; n: number }>(
    `SELECT skip_code AS key, count(*) AS n FROM links
     WHERE state = 'ignored' AND skip_code IS NOT NULL AND (ends_at IS NULL OR ends_at > ?)
     GROUP BY skip_code ORDER BY skip_code`,
  );

  const missing = (eventId: string) =>
    notFound(`link for event ${eventId}`, 'create it with links.upsert first');
  const mustGet = (eventId: string): Link => {
    const row = get.get(eventId);
    if (!row) throw missing(eventId);
    return toLink(row);
  };
  /** Runs a one-row statement stamped now (`id`, `now` and `params`); the link as it is after. */
  const stampRow = <P extends { id: string; now: string }>(
    statement: Statement<[P]>,
    eventId: string,
    params: Omit<P, 'id' | 'now'>,
  ): Link => {
    if (statement.run({ ...params, id: eventId, now: stampNow(clock) } as P).changes === 0)
      throw missing(eventId);
    return mustGet(eventId);
  };
  const mustExist = (eventId: string) => {
    if (!exists.get(eventId)) throw missing(eventId);
  };
  const setRooms = (eventId: string, calendarIds: readonly string[]) => {
    clearRooms.run(eventId);
    for (const calendarId of calendarIds) addRoom.run(eventId, calendarId);
  };
  // Several statements that must land together; nested in a caller's transaction they become a
  // savepoint, so the caller's unit of work stays one transaction.
  const write = writeTransaction(db, (link: LinkInput): Link => {
    upsert.run(toParams(link, stampNow(clock)));
    if (link.rooms) setRooms(link.eventId, link.rooms);
    return mustGet(link.eventId);
  });
  const update = (eventId: string, patch: LinkPatch): Link => {
    const defined = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as LinkPatch;
    // The rooms are rewritten only when the patch names them.
    const { rooms: _rooms, ...current } = mustGet(eventId);
    return write({ ...current, ...defined, eventId });
  };

  return {
    ...createLinkReads(db),
    get: (eventId) => {
      const row = get.get(eventId);
      return row && toLink(row);
    },
    getByMeetingId: (zoomMeetingId) => {
      const row = getByMeeting.get(zoomMeetingId);
      return row && toLink(row);
    },
    getSnapshot: (eventId) => {
      const json = snapshot.get(eventId);
      return json == null ? undefined : (JSON.parse(json) as CalendarEvent);
    },
    list: () => list.all().map(toLink),
    listByRoom: (calendarId) => listByRoom.all(calendarId).map(toLink),
    listByState: (state) => listByState.all(state).map(toLink),
    listDue: (now, limit = -1) => listDue.all({ now: toStoredTime(now, 'now'), limit }).map(toLink),
    listUpcoming: (now, limit) =>
      upcomingIds
        .all({ now: toStoredTime(now, 'now'), limit })
        .map((rowid) => getByRowid.get(rowid))
        .filter((row): row is LinkRow => row !== undefined)
        .map(toLink),
    countUpcoming: (now) => countUpcoming.get(toStoredTime(now, 'now'))!,
    listLinkedWithoutEnd: () => linkedWithoutEnd.all(),
    pruneHistory: (cutoffs) =>
      pruneHistory.run({
        before: toStoredTime(cutoffs.before, 'before'),
        scheduled: toStoredTime(cutoffs.scheduledEndedBefore, 'scheduledEndedBefore'),
        recurring: toStoredTime(cutoffs.recurringEndedBefore, 'recurringEndedBefore'),
      }).changes,
    upsert: (link) => write(link),
    update: writeTransaction(db, update),
    markLinked: writeTransaction(db, (eventId: string, patch: LinkedPatch = {}) =>
      update(eventId, {
        ...patch,
        state: 'linked',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        lastErrorAt: null,
      }),
    ),
    markFailed: writeTransaction(db, (eventId: string, error: string, nextAttemptAt: Date) =>
      stampRow(markFailed, eventId, {
        error: redactText(error),
        next: toStoredTime(nextAttemptAt, 'nextAttemptAt'),
      }),
    ),
    defer: writeTransaction(db, (eventId: string, until: Date, why: string) =>
      stampRow(defer, eventId, { why: redactText(why), until: toStoredTime(until, 'until') }),
    ),
    markDeleted: writeTransaction(db, (eventId: string) => stampRow(markDeleted, eventId, {})),
    addRoom: (eventId, calendarId) => {
      mustExist(eventId);
      addRoom.run(eventId, calendarId);
    },
    removeRoom: writeTransaction(db, (eventId: string, calendarId: string) => {
      mustExist(eventId);
      removeRoom.run(eventId, calendarId);
      return roomsOf.all(eventId);
    }),
    setRooms: writeTransaction(db, (eventId: string, calendarIds: readonly string[]) => {
      mustExist(eventId);
      setRooms(eventId, calendarIds);
    }),
    countByState: () => {
      const counts = zeroCounts(linkStates);
      for (const { key, n } of countByState.all()) counts[key] = n;
      return counts;
    },
    countByStrategy: () => {
      const counts = zeroCounts(linkStrategies);
      for (const { key, n } of countByStrategy.all()) counts[key] = n;
      return counts;
    },
    countIgnoredByCode: (now) =>
      Object.fromEntries(ignoredByCode.all(toStoredTime(now, 'now')).map(({ key, n }) => [key, n])),
  };
}
