/**
 * How the adapters report what they do, so the daemon can turn it into metrics without the
 * adapters knowing about Prometheus. Every callback is optional and must not throw.
 */
export interface ApiCallEvent {
  service: 'zoom' | 'google';
  /** A stable name of the operation, e.g. `meetings.create`, `events.list`. */
  operation: string;
  /** The HTTP status, or 0 when no response came (network error, timeout, dropped connection). */
  status: number;
  durationMs: number;
}

export interface ApiRetryEvent {
  service: 'zoom' | 'google';
  operation: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** Why: `429`, `503`, `network`, `token-expired`… */
  reason: string;
}

export interface ApiQuotaEvent {
  service: 'zoom';
  host: string;
  /** Zoom's per-host daily create/update requests left (from X-RateLimit-Remaining or a 429). */
  remaining: number;
  /** Set when the host is parked until the daily reset. */
  parkedUntil?: Date;
}

export interface ApiObserver {
  call?(event: ApiCallEvent): void;
  retry?(event: ApiRetryEvent): void;
  quota?(event: ApiQuotaEvent): void;
}
