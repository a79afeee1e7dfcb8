import type { Database } from 'better-sqlite3';
import { stampNow, type Clock } from './clock.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { toStoredTime, type TimeInput } from './time.js';

/** One Zoom meeting of a `per_occurrence` link: the meeting for the occurrence at `occurrenceStart`. */
export interface OccurrenceMeeting {
  eventId: string;
  /** The occurrence's start as Google expands it (ISO UTC); the key within the link. */
  occurrenceStart: string;
  zoomMeetingId: number;
  joinUrl: string;
  passcode: string | null;
  durationMinutes: number;
  zoomHash: string | null;
  writebackHash: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OccurrenceMeetingInput {
  eventId: string;
  occurrenceStart: TimeInput;
  zoomMeetingId: number;
  joinUrl: string;
  passcode?: string | null;
  durationMinutes: number;
  zoomHash?: string | null;
  writebackHash?: string | null;
}

export interface OccurrenceMeetingsRepository {
  /** Inserts or replaces the meeting of one occurrence (the link must exist). */
  put(meeting: OccurrenceMeetingInput): OccurrenceMeeting;
  get(eventId: string, occurrenceStart: TimeInput): OccurrenceMeeting | undefined;
  getByMeetingId(zoomMeetingId: number): OccurrenceMeeting | undefined;
  /** A link's occurrence meetings, earliest first. */
  listForLink(eventId: string): OccurrenceMeeting[];
  /** A link's occurrence meetings that start before `time` (past ones, to prune). */
  listStartingBefore(eventId: string, time: Date): OccurrenceMeeting[];
  remove(eventId: string, occurrenceStart: TimeInput): boolean;
}

type OccurrenceMeetingRow = RowOf<OccurrenceMeeting>;
const toOccurrenceMeeting = (row: OccurrenceMeetingRow) => fromRow<OccurrenceMeeting>(row);

export function createOccurrenceMeetingsRepository(
  db: Database,
  clock: Clock,
): OccurrenceMeetingsRepository {
  type PutParams = Omit<OccurrenceMeetingRow, 'created_at' | 'updated_at'> & { now: string };
  const put = db.prepare<[PutParams], OccurrenceMeetingRow>(
    `INSERT INTO occurrence_meetings (event_id, occurrence_start, zoom_meeting_id, join_url,
       passcode, duration_minutes, zoom_hash, writeback_hash, created_at, updated_at)
     VALUES (@event_id, @occurrence_start, @zoom_meeting_id, @join_url, @passcode,
       @duration_minutes, @zoom_hash, @writeback_hash, @now, @now)
     ON CONFLICT (event_id, occurrence_start) DO UPDATE SET
       zoom_meeting_id = excluded.zoom_meeting_id, join_url = excluded.join_url,
       passcode = excluded.passcode, duration_minutes = excluded.duration_minutes,
       zoom_hash = excluded.zoom_hash, writeback_hash = excluded.writeback_hash,
       updated_at = excluded.updated_at
     RETURNING *`,
  );
  const get = db.prepare<[string, string], OccurrenceMeetingRow>(
    'SELECT * FROM occurrence_meetings WHERE event_id = ? AND occurrence_start = ?',
  );
  const getByMeeting = db.prepare<[number], OccurrenceMeetingRow>(
    'SELECT * FROM occurrence_meetings WHERE zoom_meeting_id = ? LIMIT 1',
  );
  const listForLink = db.prepare<[string], OccurrenceMeetingRow>(
    'SELECT * FROM occurrence_meetings WHERE event_id = ? ORDER BY occurrence_start',
  );
  const listBefore = db.prepare<[string, string], OccurrenceMeetingRow>(
    `SELECT * FROM occurrence_meetings WHERE event_id = ? AND occurrence_start < ?
     ORDER BY occurrence_start`,
  );
  const remove = db.prepare<[string, string]>(
    'DELETE FROM occurrence_meetings WHERE event_id = ? AND occurrence_start = ?',
  );

  return {
    put: (meeting) =>
      toOccurrenceMeeting(
        put.get({
          event_id: meeting.eventId,
          occurrence_start: toStoredTime(meeting.occurrenceStart, 'occurrenceStart'),
          zoom_meeting_id: meeting.zoomMeetingId,
          join_url: meeting.joinUrl,
          passcode: meeting.passcode ?? null,
          duration_minutes: meeting.durationMinutes,
          zoom_hash: meeting.zoomHash ?? null,
          writeback_hash: meeting.writebackHash ?? null,
          now: stampNow(clock),
        })!,
      ),
    get: (eventId, occurrenceStart) => {
      const row = get.get(eventId, toStoredTime(occurrenceStart, 'occurrenceStart'));
      return row && toOccurrenceMeeting(row);
    },
    getByMeetingId: (zoomMeetingId) => {
      const row = getByMeeting.get(zoomMeetingId);
      return row && toOccurrenceMeeting(row);
    },
    listForLink: (eventId) => listForLink.all(eventId).map(toOccurrenceMeeting),
    listStartingBefore: (eventId, time) =>
      listBefore.all(eventId, toStoredTime(time, 'time')).map(toOccurrenceMeeting),
    remove: (eventId, occurrenceStart) =>
      remove.run(eventId, toStoredTime(occurrenceStart, 'occurrenceStart')).changes > 0,
  };
}
