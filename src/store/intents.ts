import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { stampNow, type Clock } from './clock.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { notFound, StoreError } from './store-error.js';
import { toStoredTime, toStoredTimeOrNull, type TimeInput } from './time.js';
import { writeTransaction } from './write-transaction.js';

/**
 * The intent journal: Zoom's meeting create is not idempotent, so before each create an intent
 * with a unique marker is committed, and the marker travels inside the meeting (its agenda).
 * After a crash, every `open` intent is resolved before anything new is created: the meeting
 * carrying its marker is found and adopted (`markDone`), or it is not there and the intent is
 * given up (`abandon`): the create may then be made again, under a new intent.
 *
 *   open ──markDone(meetingId)──▶ done
 *     ╰──abandon(reason)──▶ abandoned
 */
export type IntentState = 'open' | 'done' | 'abandoned';

export interface Intent {
  marker: string;
  eventId: string;
  /** Set for a `per_occurrence` create: which occurrence the meeting is for. */
  occurrenceStart: string | null;
  zoomHost: string;
  state: IntentState;
  /** The meeting the create made; set exactly when `done`. */
  zoomMeetingId: number | null;
  /** Creates tried under this marker (1 when opened). */
  attempts: number;
  /** Why it was abandoned. */
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export interface IntentInput {
  eventId: string;
  zoomHost: string;
  occurrenceStart?: TimeInput | null;
}

export interface IntentsRepository {
  /**
   * Commits a new open intent and returns it with its fresh marker. Refuses (STORE_INTENT_CONFLICT)
   * while another intent for the same booking (and occurrence) is open: resolve that one first.
   */
  open(intent: IntentInput): Intent;
  get(marker: string): Intent | undefined;
  /** The open intent of a booking (and occurrence), if any. */
  findOpen(eventId: string, occurrenceStart?: TimeInput | null): Intent | undefined;
  /** Every open intent, oldest first: the recovery work list after a restart. */
  listOpen(): Intent[];
  /** The meeting exists (created, or found by its marker). Repeating it with the same id is a no-op. */
  markDone(marker: string, zoomMeetingId: number): Intent;
  /** No meeting will come of this intent. Repeating it is a no-op. */
  abandon(marker: string, reason: string): Intent;
  /** Deletes done and abandoned intents resolved before `time`; returns how many. */
  prune(resolvedBefore: Date): number;
}

/** The marker zoomlink writes into a meeting; the UUID makes it unique across hosts and restarts. */
export const intentMarkerPattern =
  /zoomlink:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

export function newIntentMarker(): string {
  return `zoomlink:${randomUUID()}`;
}

/** The intent marker in a meeting's agenda (or any text), if there is one. */
export function findIntentMarker(text: string | undefined): string | undefined {
  return text?.match(intentMarkerPattern)?.[0];
}

type IntentRow = RowOf<Intent>;
const toIntent = (row: IntentRow) => fromRow<Intent>(row);

export function createIntentsRepository(db: Database, clock: Clock): IntentsRepository {
  const insert = db.prepare<
    [{ marker: string; eventId: string; start: string | null; host: string; now: string }]
  >(
    `INSERT INTO intents (marker, event_id, occurrence_start, zoom_host, state, created_at,
       updated_at)
     VALUES (@marker, @eventId, @start, @host, 'open', @now, @now)`,
  );
  const get = db.prepare<[string], IntentRow>('SELECT * FROM intents WHERE marker = ?');
  const findOpen = db.prepare<[string, string | null], IntentRow>(
    `SELECT * FROM intents WHERE state = 'open' AND event_id = ?
       AND ifnull(occurrence_start, '') = ifnull(?, '')`,
  );
  const listOpen = db.prepare<[], IntentRow>(
    "SELECT * FROM intents WHERE state = 'open' ORDER BY created_at, rowid",
  );
  const done = db.prepare<[{ marker: string; meeting: number; now: string }]>(
    `UPDATE intents SET state = 'done', zoom_meeting_id = @meeting, resolved_at = @now,
       updated_at = @now
     WHERE marker = @marker AND state = 'open'`,
  );
  const abandon = db.prepare<[{ marker: string; reason: string; now: string }]>(
    `UPDATE intents SET state = 'abandoned', reason = @reason, resolved_at = @now,
       updated_at = @now
     WHERE marker = @marker AND state = 'open'`,
  );
  const prune = db.prepare<[string]>(
    "DELETE FROM intents WHERE state <> 'open' AND resolved_at < ?",
  );

  const mustGet = (marker: string): Intent => {
    const row = get.get(marker);
    if (!row) throw notFound(`intent ${marker}`, 'open one with intents.open');
    return toIntent(row);
  };
  const notOpen = (intent: Intent, wanted: string) =>
    new StoreError(
      'STORE_INTENT_CONFLICT',
      `intent ${intent.marker} for event ${intent.eventId} is already ${intent.state}` +
        `${intent.zoomMeetingId === null ? '' : ` (meeting ${intent.zoomMeetingId})`}, so it ` +
        `cannot be ${wanted}; open a new intent for a new create.`,
    );

  return {
    open: writeTransaction(db, (intent: IntentInput) => {
      const start = toStoredTimeOrNull(intent.occurrenceStart, 'occurrenceStart');
      const existing = findOpen.get(intent.eventId, start);
      if (existing) {
        throw new StoreError(
          'STORE_INTENT_CONFLICT',
          `an intent (${existing.marker}) to create a meeting for event ${intent.eventId}` +
            `${start ? ` at ${start}` : ''} is still open; resolve it (markDone or abandon) ` +
            'before opening another.',
        );
      }
      const marker = newIntentMarker();
      insert.run({
        marker,
        eventId: intent.eventId,
        start,
        host: intent.zoomHost,
        now: stampNow(clock),
      });
      return mustGet(marker);
    }),
    get: (marker) => {
      const row = get.get(marker);
      return row && toIntent(row);
    },
    findOpen: (eventId, occurrenceStart) => {
      const row = findOpen.get(eventId, toStoredTimeOrNull(occurrenceStart, 'occurrenceStart'));
      return row && toIntent(row);
    },
    listOpen: () => listOpen.all().map(toIntent),
    markDone: writeTransaction(db, (marker: string, zoomMeetingId: number) => {
      if (done.run({ marker, meeting: zoomMeetingId, now: stampNow(clock) }).changes > 0) {
        return mustGet(marker);
      }
      const intent = mustGet(marker);
      if (intent.state === 'done' && intent.zoomMeetingId === zoomMeetingId) return intent;
      throw notOpen(intent, `marked done with meeting ${zoomMeetingId}`);
    }),
    abandon: writeTransaction(db, (marker: string, reason: string) => {
      if (abandon.run({ marker, reason, now: stampNow(clock) }).changes > 0) {
        return mustGet(marker);
      }
      const intent = mustGet(marker);
      if (intent.state === 'abandoned') return intent;
      throw notOpen(intent, 'abandoned');
    }),
    prune: (resolvedBefore) => prune.run(toStoredTime(resolvedBefore, 'resolvedBefore')).changes,
  };
}
