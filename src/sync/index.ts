/** The sync engine as the CLI and the daemon see it (docs/sync-engine.md). */
export { createSyncEngine, UnknownRoomError, type SyncEngineOptions } from './engine.js';
export type {
  PassCounts,
  PassSummary,
  PollOptions,
  QueueStatus,
  ReconcileFinding,
  ReconcileReport,
  RoomPollResult,
  SkipReason,
  SyncEngine,
} from './plan/engine-types.js';
export { totalSkipped } from './apply/counts.js';
export { errorCode } from './apply/failures.js';
