/**
 * The SQLite store: links between bookings and Zoom meetings, rooms' sync state, the intent
 * journal, the audit log and Zoom hosts' quota. Open it with `openStore`; group each unit of
 * work in `store.transaction`.
 */
export { openCurrentStore, openStore, type OpenStoreOptions } from './open-store.js';
export type { Store, StoreStats } from './store.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
export type { Clock } from './clock.js';
export type { TimeInput } from './time.js';
export type { StoredRoom, RoomInput, RoomsRepository } from './rooms.js';
export {
  linkStates,
  linkStrategies,
  type Link,
  type LinkInput,
  type LinkPatch,
  type LinkSpan,
  type LinkedPatch,
  type LinkState,
  type LinkStrategy,
  type ScheduledLink,
} from './link-types.js';
export type { HistoryCutoffs, LinksRepository } from './links.js';
export type { LinkReads } from './link-reads.js';
export type {
  OccurrenceMeeting,
  OccurrenceMeetingInput,
  OccurrenceMeetingsRepository,
} from './occurrence-meetings.js';
export type {
  OccurrenceOverride,
  OccurrenceOverrideInput,
  OccurrenceOverridesRepository,
} from './occurrence-overrides.js';
export {
  findIntentMarker,
  intentMarkerPattern,
  type Intent,
  type IntentInput,
  type IntentState,
  type IntentsRepository,
} from './intents.js';
export {
  defaultAuditRetentionDays,
  type AuditEntry,
  type AuditInput,
  type AuditLogRepository,
  type AuditQuery,
} from './audit-log.js';
export type { ZoomHost, ZoomHostsRepository } from './zoom-hosts.js';
export type { ZoomUserLookup, ZoomUsersRepository } from './zoom-users.js';
export type { Observation, ObservationsRepository } from './observations.js';
export type { Decommission, DecommissionState, DecommissionsRepository } from './decommissions.js';
export type { PoolHeldRow, PoolMove, PoolRepository } from './pool.js';
export type { ZoomLoginRepository } from './zoom-login.js';
export type { QueueCounts, QueuedBooking, QueuedEvent, WorkQueueRepository } from './work-queue.js';
export type { PushChannel, PushChannelsRepository } from './push-channels.js';
export { latestSchemaVersion } from './migrations/index.js';
export { diagnoseDatabase, type DatabaseDiagnosis } from './diagnose.js';
