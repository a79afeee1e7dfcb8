import type { Config } from '../../config/schema.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/index.js';
import type { WatchedRooms } from '../plan/booking-rooms.js';
import type { PassCounts } from '../plan/engine-types.js';
import type { KeyedLock } from '../../util/keyed-lock.js';
import type { CalendarPort, MeetingsPort } from '../../domain/ports.js';

/** What the engine's parts share: the store, the ports, the configuration, the clock. */
export interface EngineContext {
  store: Store;
  calendar: CalendarPort;
  meetings: MeetingsPort;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** One task per booking at a time (rooms are polled in parallel). */
  locks: KeyedLock;
}

/** One room's (or one pass's) working set: the watched rooms and the counts being added up. */
export interface PassContext extends EngineContext {
  watched: WatchedRooms;
  counts: PassCounts;
  /** The room whose poll this is (absent in the window and reconcile passes). */
  room?: string;
}
