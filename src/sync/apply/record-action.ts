import type { AuditInput } from '../../store/index.js';
import type { EngineContext } from './context.js';

/**
 * Every remote write the engine makes is recorded twice, on purpose: a row in the audit log (what
 * `zoomlink status` and reconcile read) and one JSON log line for the operator, with the room, the
 * booking, the meeting and the result. Both go through redaction; neither carries a passcode.
 */
export function recordAction(
  ctx: EngineContext & { room?: string },
  entry: AuditInput & { meetingId?: number },
): void {
  const { meetingId, ...audit } = entry;
  ctx.store.audit.record(audit);
  const line = {
    service: entry.service,
    action: entry.action,
    result: entry.result,
    room: ctx.room,
    eventId: entry.eventId ?? undefined,
    meetingId: meetingId ?? meetingIdOf(entry.target, entry.service),
    target: entry.target,
    detail: entry.detail,
  };
  if (entry.result === 'ok') ctx.logger.info('action', line);
  else ctx.logger.warn('action', line);
}

/** Zoom targets are `<meetingId>` or `<meetingId>/<occurrenceId>`. */
function meetingIdOf(target: string, service: AuditInput['service']): number | undefined {
  if (service !== 'zoom') return undefined;
  const id = Number(target.split('/')[0]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
