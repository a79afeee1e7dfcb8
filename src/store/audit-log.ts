import type { Database } from 'better-sqlite3';
import { redact, redactText } from '../log.js';
import { type Clock } from './clock.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { toStoredTime, toStoredTimeOrNull } from './time.js';

/**
 * One remote write zoomlink made (or tried): what, to what, when, and how it went. The detail is
 * passed through the logger's redaction before it is stored, so a passcode, a `pwd=` in a join
 * URL or a token cannot end up in the database through it; callers should still not put them in.
 */
export interface AuditEntry {
  id: number;
  at: string;
  service: 'zoom' | 'google';
  /** What was done, e.g. `meeting.create`, `occurrence.delete`, `event.patch`. */
  action: string;
  /** What it was done to: a meeting id, `meetingId/occurrenceId`, a calendar/event id. */
  target: string;
  result: 'ok' | 'error';
  /** The booking it was for, when there is one. */
  eventId: string | null;
  detail: string;
}

export interface AuditInput {
  service: 'zoom' | 'google';
  action: string;
  target: string;
  result: 'ok' | 'error';
  eventId?: string | null;
  /** Free text or a small object (stored as JSON); redacted, and cut at 2000 characters. */
  detail?: string | Record<string, unknown>;
  /** Defaults to the store's clock. */
  at?: Date;
}

export interface AuditQuery {
  /** Only entries at or after this time. */
  since?: Date;
  eventId?: string;
  /** Newest first, at most this many (default 100). */
  limit?: number;
}

export interface AuditLogRepository {
  record(entry: AuditInput): AuditEntry;
  list(query?: AuditQuery): AuditEntry[];
  count(): number;
  /** Deletes entries older than `time` (the retention); returns how many. */
  prune(olderThan: Date): number;
}

/** A suggested retention for `prune`: long enough to answer "what happened to this booking". */
export const defaultAuditRetentionDays = 90;

const maxDetailLength = 2000;

type AuditRow = RowOf<AuditEntry>;
const toEntry = (row: AuditRow) => fromRow<AuditEntry>(row);

export function cleanDetail(detail: AuditInput['detail']): string {
  if (detail === undefined) return '';
  const text = typeof detail === 'string' ? redactText(detail) : JSON.stringify(redact(detail));
  return text.length > maxDetailLength ? `${text.slice(0, maxDetailLength - 1)}…` : text;
}

export function createAuditLogRepository(db: Database, clock: Clock): AuditLogRepository {
  const insert = db.prepare<[Omit<AuditRow, 'id'>], AuditRow>(
    `INSERT INTO audit_log (at, service, action, target, result, event_id, detail)
     VALUES (@at, @service, @action, @target, @result, @event_id, @detail)
     RETURNING *`,
  );
  const list = db.prepare<
    [{ since: string | null; eventId: string | null; limit: number }],
    AuditRow
  >(
    `SELECT * FROM audit_log
     WHERE (@since IS NULL OR at >= @since) AND (@eventId IS NULL OR event_id = @eventId)
     ORDER BY id DESC LIMIT @limit`,
  );
  const count = db.prepare<[], number>('SELECT count(*) FROM audit_log').pluck();
  const prune = db.prepare<[string]>('DELETE FROM audit_log WHERE at < ?');

  return {
    record: (entry) =>
      toEntry(
        insert.get({
          at: toStoredTime(entry.at ?? clock(), 'at'),
          service: entry.service,
          action: entry.action,
          target: entry.target,
          result: entry.result,
          event_id: entry.eventId ?? null,
          detail: cleanDetail(entry.detail),
        })!,
      ),
    list: (query = {}) =>
      list
        .all({
          since: toStoredTimeOrNull(query.since, 'since'),
          eventId: query.eventId ?? null,
          limit: query.limit ?? 100,
        })
        .map(toEntry),
    count: () => count.get()!,
    prune: (olderThan) => prune.run(toStoredTime(olderThan, 'olderThan')).changes,
  };
}
