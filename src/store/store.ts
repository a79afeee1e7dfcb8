import type { Database } from 'better-sqlite3';
import { createAuditLogRepository, type AuditLogRepository } from './audit-log.js';
import type { Clock } from './clock.js';
import { fileBytes } from './database-file.js';
import { guardMethods } from './guard.js';
import { createIntentsRepository, type IntentsRepository } from './intents.js';
import type { LinkState, LinkStrategy } from './link-types.js';
import { createLinksRepository, type LinksRepository } from './links.js';
import {
  createOccurrenceMeetingsRepository,
  type OccurrenceMeetingsRepository,
} from './occurrence-meetings.js';
import {
  createOccurrenceOverridesRepository,
  type OccurrenceOverridesRepository,
} from './occurrence-overrides.js';
import { createRoomsRepository, type RoomsRepository } from './rooms.js';
import { translateSqliteError } from './sqlite-errors.js';
import { StoreError } from './store-error.js';
import { createWorkQueueRepository, type WorkQueueRepository } from './work-queue.js';
import { createZoomHostsRepository, type ZoomHostsRepository } from './zoom-hosts.js';
import { createZoomUsersRepository, type ZoomUsersRepository } from './zoom-users.js';
import { createObservationsRepository, type ObservationsRepository } from './observations.js';
import { createDecommissionsRepository, type DecommissionsRepository } from './decommissions.js';
import { createPoolRepository, type PoolRepository } from './pool.js';
import { createPushChannelsRepository, type PushChannelsRepository } from './push-channels.js';
import { createZoomLoginRepository, type ZoomLoginRepository } from './zoom-login.js';

export interface StoreStats {
  schemaVersion: number;
  rooms: number;
  links: number;
  linksByState: Record<LinkState, number>;
  linksByStrategy: Record<LinkStrategy, number>;
  openIntents: number;
  /** Bookings waiting in the work queue. */
  queuedBookings: number;
  /** Hosts parked now (by the store's clock). */
  parkedHosts: number;
  auditEntries: number;
  /** Size of the database file, and of its write-ahead log (not yet checkpointed pages). */
  databaseBytes: number;
  walBytes: number;
}

export interface Store {
  /** The database file (absolute), or `:memory:`. */
  readonly path: string;
  readonly schemaVersion: number;
  readonly isOpen: boolean;
  readonly rooms: RoomsRepository;
  readonly links: LinksRepository;
  readonly occurrenceMeetings: OccurrenceMeetingsRepository;
  readonly overrides: OccurrenceOverridesRepository;
  readonly intents: IntentsRepository;
  readonly audit: AuditLogRepository;
  readonly hosts: ZoomHostsRepository;
  /** Organizers looked up in Zoom (alternative hosts). */
  readonly zoomUsers: ZoomUsersRepository;
  /** What rooms in `observe` mode would do. */
  readonly observations: ObservationsRepository;
  /** The journal of `zoomlink decommission`. */
  readonly decommissions: DecommissionsRepository;
  /** What a shared host pool needs: its hosts' bookings, the move journal, waking waiters. */
  readonly pool: PoolRepository;
  /** The user-level Zoom login (`zoom.auth: user`). */
  readonly zoomLogin: ZoomLoginRepository;
  readonly queue: WorkQueueRepository;
  /** Google push channels open on room calendars (`server.publicUrl`). */
  readonly pushChannels: PushChannelsRepository;
  /**
   * Runs `fn` as one unit of work: everything it writes commits together, or nothing does when
   * it throws. `fn` must be synchronous (no awaits inside: SQLite holds the write lock for the
   * whole call). Nested calls join the outer transaction as a savepoint.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Changes whenever anything in the database changed, by this connection or another one
   * (SQLite's total_changes and data_version): what a reader of many rows keeps its result by.
   */
  changeStamp(): string;
  stats(): StoreStats;
  /** Closes the database; calling it again does nothing. Later calls fail with STORE_CLOSED. */
  close(): void;
}

export function createStore(db: Database, path: string, clock: Clock, version: number): Store {
  let open = true;
  const assertOpen = () => {
    if (!open) {
      throw new StoreError(
        'STORE_CLOSED',
        `the store for ${path} is closed; open it again with openStore before using it`,
      );
    }
  };
  const guard = <T extends object>(repository: T) => guardMethods(repository, assertOpen, path);

  const rooms = guard(createRoomsRepository(db, clock));
  const links = guard(createLinksRepository(db, clock));
  const intents = guard(createIntentsRepository(db, clock));
  const hosts = guard(createZoomHostsRepository(db, clock));
  const audit = guard(createAuditLogRepository(db, clock));

  const countRooms = db.prepare<[], number>('SELECT count(*) FROM rooms').pluck();
  const countOpenIntents = db
    .prepare<[], number>("SELECT count(*) FROM intents WHERE state = 'open'")
    .pluck();
  const countQueued = db.prepare<[], number>('SELECT count(*) FROM work_queue').pluck();
  const pageBytes = db
    .prepare<[], number>(
      'SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()',
    )
    .pluck();
  const stamp = db
    .prepare<[], string>("SELECT total_changes() || ':' || data_version FROM pragma_data_version()")
    .pluck();
  const runInTransaction = db.transaction((fn: () => unknown) => {
    const result = fn();
    if (isThenable(result)) {
      throw new StoreError(
        'STORE_ASYNC_TRANSACTION',
        'store.transaction was given an async function; it was rolled back. Do the awaiting ' +
          'outside, then pass a synchronous function that only reads and writes the store.',
      );
    }
    return result;
  }).immediate;

  return {
    path,
    schemaVersion: version,
    get isOpen() {
      return open;
    },
    rooms,
    links,
    occurrenceMeetings: guard(createOccurrenceMeetingsRepository(db, clock)),
    overrides: guard(createOccurrenceOverridesRepository(db, clock)),
    intents,
    audit,
    hosts,
    zoomUsers: guard(createZoomUsersRepository(db, clock)),
    observations: guard(createObservationsRepository(db, clock)),
    decommissions: guard(createDecommissionsRepository(db, clock)),
    pool: guard(createPoolRepository(db, clock)),
    zoomLogin: guard(createZoomLoginRepository(db, clock)),
    queue: guard(createWorkQueueRepository(db, clock)),
    pushChannels: guard(createPushChannelsRepository(db, clock)),
    transaction<T>(fn: () => T): T {
      assertOpen();
      try {
        return runInTransaction(fn) as T;
      } catch (error) {
        throw translateSqliteError(error, path);
      }
    },
    changeStamp() {
      assertOpen();
      return stamp.get()!;
    },
    stats() {
      assertOpen();
      const linksByState = links.countByState();
      const memory = path === ':memory:';
      return {
        schemaVersion: version,
        rooms: countRooms.get()!,
        links: Object.values(linksByState).reduce((sum, n) => sum + n, 0),
        linksByState,
        linksByStrategy: links.countByStrategy(),
        openIntents: countOpenIntents.get()!,
        queuedBookings: countQueued.get()!,
        parkedHosts: hosts.parked(clock()).length,
        auditEntries: audit.count(),
        databaseBytes: memory ? pageBytes.get()! : fileBytes(path),
        walBytes: memory ? 0 : fileBytes(`${path}-wal`),
      };
    },
    close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
