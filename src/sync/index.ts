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
  ZoomChange,
  ZoomChangeOutcome,
} from './plan/engine-types.js';
export { createRollout, type Rollout } from './rollout.js';
export type { BookingPreview, PlanPreview, PreviewAction } from './plan/preview.js';
export type { DecommissionItem, DecommissionReport } from './plan/plan-decommission.js';
export { addCounts, emptyCounts, totalSkipped } from './apply/counts.js';
export { errorCode } from './apply/failures.js';
export { poolReport, type PoolReport, type PoolReportBooking } from './pool-report.js';
