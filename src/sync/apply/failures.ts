import { CrossLayerCodes } from '../../domain/error-codes.js';
import { describeError } from '../../errors.js';
import type { SyncConfig } from '../../config/schema.js';
import { nextUtcMidnight } from '../../util/utc-day.js';

/**
 * What the engine reads off an adapter's error, without importing the adapter: its stable code
 * and the few details it reacts to (ports.ts: adapters throw `ZoomlinkError`s).
 */
interface ErrorDetails {
  code?: unknown;
  host?: unknown;
  until?: unknown;
  dailyLimitResetsAt?: unknown;
  outcomeUnknown?: unknown;
  zoomCode?: unknown;
  status?: unknown;
}

const details = (error: unknown): ErrorDetails =>
  typeof error === 'object' && error !== null ? (error as ErrorDetails) : {};

export function errorCode(error: unknown): string | undefined {
  const code = details(error).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A Zoom host's daily create/update budget is spent (the Zoom client's refusal, or the engine's
 * own `HostParked`): until when.
 */
export function quotaExhaustedUntil(error: unknown, now: Date): Date | undefined {
  if (errorCode(error) !== CrossLayerCodes.zoomQuotaExhausted) return undefined;
  const { until, dailyLimitResetsAt } = details(error);
  if (until instanceof Date) return until;
  if (dailyLimitResetsAt instanceof Date) return dailyLimitResetsAt;
  return nextUtcMidnight(now);
}

/** The host a quota refusal names, when it names one. */
export function parkedHostOf(error: unknown): string | undefined {
  const { host } = details(error);
  return typeof host === 'string' ? host : undefined;
}

/** A create failed in a way that leaves unknown whether Zoom made the meeting. */
export function outcomeUnknown(error: unknown): boolean {
  return details(error).outcomeUnknown === true;
}

/**
 * Zoom's 400/3000 on an occurrence call: that occurrence is not in the meeting (nothing to do) —
 * unless the 3000 says the meeting has started, which is a reason to wait, not a "done".
 */
export function isInvalidOccurrence(error: unknown): boolean {
  return details(error).zoomCode === 3000 && !isMeetingInProgress(error);
}

/**
 * Zoom refused the request itself (400: a field it will not take, such as a `schedule_for` the
 * app may not use), as opposed to a meeting in progress, a spent budget or no answer.
 */
export function isRefusedRequest(error: unknown): boolean {
  return details(error).status === 400 && !isMeetingInProgress(error);
}

/** Someone started the meeting: Zoom refuses changes until it ends. */
export function isMeetingInProgress(error: unknown): boolean {
  return errorCode(error) === CrossLayerCodes.zoomMeetingInProgress;
}

export function isFullSyncRequired(error: unknown): boolean {
  return errorCode(error) === CrossLayerCodes.googleFullSyncRequired;
}

/** When a booking that failed `attempts` times (this failure included) is tried again. */
export function nextAttemptAt(attempts: number, now: Date, config: SyncConfig): Date {
  const seconds = Math.min(
    config.retryMaxSeconds,
    config.retryBaseSeconds * 2 ** Math.max(0, attempts - 1),
  );
  return new Date(now.getTime() + seconds * 1000);
}

export { describeError };
