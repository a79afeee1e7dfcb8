import { performance } from 'node:perf_hooks';
import { guarded } from './guarded.js';
import type { CallObserver, PolicyLogger } from './upstream.js';

/** Tells of one HTTP exchange that began at `startedMs` (`performance.now()`) and ended now. */
export type CallReport = (
  operation: string,
  status: number,
  startedMs: number,
  fields?: Record<string, unknown>,
) => void;

/**
 * How every exchange with an upstream is told: to the observer (guarded: a throwing observer
 * never fails the call) and, one line per call, to the debug log. The call policy uses it for
 * API calls; an upstream's own token request (Zoom's) uses the same.
 */
export function callReporter<Service extends string>(
  service: Service,
  observer: CallObserver<Service> | undefined,
  logger: PolicyLogger | undefined,
): CallReport {
  const safe = guarded(observer ?? {});
  return (operation, status, startedMs, fields = {}) => {
    const durationMs = Math.round((performance.now() - startedMs) * 10) / 10;
    safe.call?.({ service, operation, status, durationMs });
    // winston formats (and redacts) a record before its transports drop it by level: one line
    // per call is worth skipping when nobody reads debug.
    if (logger?.isLevelEnabled('debug'))
      logger.debug(`${service} call`, { operation, ...fields, status, durationMs });
  };
}
