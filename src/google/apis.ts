import { admin } from 'googleapis/build/src/apis/admin/index.js';
import { calendar } from 'googleapis/build/src/apis/calendar/index.js';
import type { GoogleConfig } from '../config/schema.js';

/**
 * The real googleapis Calendar v3 and Directory v1 clients, pointed at the configured roots
 * (per-API `rootUrl`: googleapis rebuilds every URL on it: googleapis-common `src/apirequest.ts`,
 * and observed with googleapis 178.0.0). `retry: false` turns gaxios' own retries off:
 * `google-call.ts` is the only retry layer. Only these two APIs are loaded, not the whole
 * googleapis index (which takes seconds to import).
 */
export function createApis(config: GoogleConfig) {
  const common = { retry: false, timeout: config.requestTimeoutMs };
  return {
    calendar: calendar({ version: 'v3', rootUrl: config.calendarRootUrl, ...common }),
    directory: admin({ version: 'directory_v1', rootUrl: config.directoryRootUrl, ...common }),
  };
}

export type GoogleApis = ReturnType<typeof createApis>;
