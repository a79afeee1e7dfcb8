import type { GoogleConfig, RoomsConfig } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { GoogleApis } from './apis.js';
import type { GoogleCalls } from './google-call.js';

/** What the adapter's operations share: config, the API clients, the calls under the policy. */
export interface AdapterContext extends GoogleCalls {
  google: GoogleConfig;
  rooms: RoomsConfig;
  apis: GoogleApis;
  logger: Logger;
  now: () => Date;
  /** The user room calendars and the Directory are read as (the admin subject). */
  adminSubject: () => string;
  /** Directory rooms already reported as skipped, so each is logged once, not on every poll. */
  reportedSkips: Set<string>;
}
