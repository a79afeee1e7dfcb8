import type { GoogleConfig, RoomsConfig } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { GoogleApis } from './apis.js';
import type { CallRunner } from './google-call.js';

/** What the adapter's operations share: config, the API clients, the call runner. */
export interface AdapterContext {
  google: GoogleConfig;
  rooms: RoomsConfig;
  apis: GoogleApis;
  call: CallRunner;
  logger: Logger;
  now: () => Date;
  /** The user room calendars and the Directory are read as (the admin subject). */
  adminSubject: () => string;
  /** Directory rooms already reported as skipped, so each is logged once, not on every poll. */
  reportedSkips: Set<string>;
}
