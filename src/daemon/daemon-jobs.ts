import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import {
  addCounts,
  emptyCounts,
  type PassSummary,
  type PollOptions,
  type SyncEngine,
} from '../sync/index.js';
import { pruneHistory } from './housekeeping.js';
import type { DaemonMetrics } from './metrics.js';
import type { Job } from './scheduler.js';

export interface DaemonJobsOptions {
  config: Config;
  engine: SyncEngine;
  store: Store;
  metrics: DaemonMetrics;
  logger: Logger;
  now: () => Date;
  /** Google push (server.publicUrl): which rooms the poll reads, and the channels after it. */
  push?: {
    pollOptions(): Pick<PollOptions, 'roomFilter' | 'onRooms'>;
    afterPoll(): Promise<void>;
  };
}

/**
 * The daemon's three jobs, each on its own schedule in the scheduler's one lane: the poll (which
 * first settles the creates a crash left open, so recovery runs in the lane before the first
 * poll and a shutdown waits for it like for any pass), the window pass, and the daily reconcile
 * with the housekeeping after it. The poll only reads and queues: the engine's workers apply
 * what it queued beside the lane, so a slow backlog never delays the next poll.
 */
export function daemonJobs(options: DaemonJobsOptions): Job[] {
  const { config, engine } = options;
  // A background poll's own counts are its reading's; its log line adds what the workers finished
  // since the last poll, so that a busy poll still says what was done (the metrics count the
  // workers' counts as they come).
  let worked = emptyCounts();
  engine.onWorked((counts) => addCounts(worked, counts));
  const withWorked = (summary: PassSummary): PassSummary => {
    const logged = { ...summary, skipped: { ...summary.skipped } };
    addCounts(logged, worked);
    worked = emptyCounts();
    return logged;
  };
  return [
    passJob(
      options,
      'poll',
      config.sync.schedule,
      async (signal) => {
        const summary = await engine.poll({
          signal,
          background: true,
          ...options.push?.pollOptions(),
        });
        await options.push?.afterPoll();
        return summary;
      },
      withWorked,
    ),
    passJob(options, 'windows', config.sync.windowSchedule, (signal) =>
      engine.moveWindows({ signal }),
    ),
    reconcileJob(options),
  ];
}

function passJob(
  { metrics, logger }: DaemonJobsOptions,
  name: 'poll' | 'windows',
  schedule: string,
  pass: (signal: AbortSignal) => Promise<PassSummary>,
  logged: (summary: PassSummary) => PassSummary = (summary) => summary,
): Job {
  return {
    name,
    schedule,
    run: async (signal) => {
      const summary = await pass(signal);
      metrics.recordPass(name, summary);
      logPass(logger, name, logged(summary));
    },
  };
}

/** Drift between the store, Zoom and Google; then the history older than the retention goes. */
function reconcileJob({ config, engine, store, metrics, logger, now }: DaemonJobsOptions): Job {
  return {
    name: 'reconcile',
    schedule: config.sync.reconcileSchedule,
    run: async (signal) => {
      const report = await engine.reconcile({ fix: config.sync.reconcileFix, signal });
      metrics.recordReconcile(report);
      const pruned = pruneHistory(store, now(), config.database.historyRetentionDays);
      logger.info('reconcile pass done', {
        checked: report.checked,
        findings: report.findings.length,
        fixed: report.findings.filter((f) => f.fixed).length,
        prunedAuditEntries: pruned.auditEntries,
        prunedIntents: pruned.intents,
        prunedLinks: pruned.links,
      });
    },
  };
}

function logPass(logger: Logger, job: string, summary: PassSummary): void {
  logger.info(`${job} pass done`, {
    rooms: summary.rooms,
    roomsFailed: summary.roomsFailed,
    eventsSeen: summary.eventsSeen,
    meetingsCreated: summary.meetingsCreated,
    meetingsUpdated: summary.meetingsUpdated,
    meetingsDeleted: summary.meetingsDeleted,
    linksWritten: summary.linksWritten,
    occurrencesChanged: summary.occurrencesChanged,
    linksRemoved: summary.linksRemoved,
    failed: summary.failed,
    deferred: summary.deferred,
    durationMs: Math.round(summary.durationMs),
  });
}
