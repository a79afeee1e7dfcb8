import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApiObserver } from '../domain/api-observer.js';
import { isZoomlinkError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { PassCounts, PassSummary, ReconcileReport } from '../sync/index.js';
import { registerWorkGauges, type WorkSource } from './work-metrics.js';
import type { JobName, RunOutcome } from './scheduler.js';

/**
 * The daemon's Prometheus metrics (prom-client, on a registry of its own so that several daemons
 * in one test process do not share counters). Counters follow what happens (passes, API calls,
 * retries, errors); gauges that describe the store (links by state, lag per room, parked hosts)
 * are read from it at scrape time, so they are never stale and cost nothing between scrapes.
 */
export interface DaemonMetrics {
  readonly registry: Registry;
  /** Hand this to the Zoom client and the Google adapter. */
  readonly observer: ApiObserver;
  recordPass(job: JobName, summary: PassSummary): void;
  /** What the workers did with one queued booking (the poll only reads and queues). */
  recordWorked(counts: PassCounts): void;
  recordReconcile(report: ReconcileReport): void;
  recordRun(outcome: RunOutcome): void;
  recordSkip(job: JobName): void;
  /** A call to a webhook endpoint, by source (`zoom`) and what became of it. */
  recordWebhook(source: string, result: string): void;
  /** Where scrape-time gauges read from; `undefined` once the store is closed. */
  readFrom(store: () => Store | undefined, now: () => Date): void;
  /** Where the work queue's and the rate limiters' gauges read from. */
  readWorkFrom(work: WorkSource): void;
  render(): Promise<string>;
  readonly contentType: string;
}

const secondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export function createDaemonMetrics(info: { version: string; mode: string }): DaemonMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'zoomlink_info',
    help: 'Always 1; labels say which zoomlink runs and in which mode.',
    labelNames: ['version', 'mode'],
    registers,
  }).set(info, 1);

  const jobRuns = new Counter({
    name: 'zoomlink_job_runs_total',
    help: 'Scheduled passes run, by job (poll, windows, reconcile) and result.',
    labelNames: ['job', 'result'],
    registers,
  });
  const jobDuration = new Histogram({
    name: 'zoomlink_job_duration_seconds',
    help: 'How long one pass of a job took.',
    labelNames: ['job'],
    buckets: secondsBuckets,
    registers,
  });
  const jobLastSuccess = new Gauge({
    name: 'zoomlink_job_last_success_timestamp_seconds',
    help: 'When a pass of the job last finished without failing (Unix time).',
    labelNames: ['job'],
    registers,
  });
  const skipped = new Counter({
    name: 'zoomlink_scheduler_skipped_total',
    help: 'Triggers dropped because the same job was still waiting or running (no overlap).',
    labelNames: ['job'],
    registers,
  });
  const polls = new Counter({
    name: 'zoomlink_polls_total',
    help: 'Room polls, by room calendar id and result.',
    labelNames: ['room', 'result'],
    registers,
  });
  const eventsSeen = new Counter({
    name: 'zoomlink_events_seen_total',
    help: 'Calendar events read and planned.',
    registers,
  });
  const actions = new Counter({
    name: 'zoomlink_sync_actions_total',
    help: 'Changes made: meetings created/updated/deleted, occurrences changed, links written/removed.',
    labelNames: ['action'],
    registers,
  });
  const eventsSkipped = new Counter({
    name: 'zoomlink_events_skipped_total',
    help: 'Events given no meeting of their own, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const eventsFailed = new Counter({
    name: 'zoomlink_events_failed_total',
    help: 'Events whose processing failed (each is retried later with backoff).',
    registers,
  });
  const eventsDeferred = new Counter({
    name: 'zoomlink_events_deferred_total',
    help: 'Events waiting for a parked Zoom host (not failures).',
    registers,
  });
  const eventsObserved = new Counter({
    name: 'zoomlink_events_observed_total',
    help: 'Events of rooms in observe mode: planned and recorded, nothing done.',
    registers,
  });
  const errors = new Counter({
    name: 'zoomlink_errors_total',
    help: 'Errors by stable code and where they stopped work (room poll, job).',
    labelNames: ['code', 'scope'],
    registers,
  });
  const webhookCalls = new Counter({
    name: 'zoomlink_webhook_calls_total',
    help: 'Calls to a webhook endpoint by source and result (refused ones: missing, bad_signature, stale_timestamp).',
    labelNames: ['source', 'result'],
    registers,
  });
  const reconcileFindings = new Gauge({
    name: 'zoomlink_reconcile_findings',
    help: 'Drift found by the last reconcile pass, by kind.',
    labelNames: ['kind'],
    registers,
  });

  const apiCalls = new Counter({
    name: 'zoomlink_api_calls_total',
    help: 'HTTP calls to Zoom and Google by service, operation and status (0 = no response).',
    labelNames: ['service', 'operation', 'status'],
    registers,
  });
  const apiDuration = new Histogram({
    name: 'zoomlink_api_call_duration_seconds',
    help: 'Duration of HTTP calls to Zoom and Google.',
    labelNames: ['service', 'operation'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const apiRetries = new Counter({
    name: 'zoomlink_api_retries_total',
    help: 'Retries of Zoom and Google calls, by reason (429, 503, network, token-expired…).',
    labelNames: ['service', 'operation', 'reason'],
    registers,
  });
  const quotaRemaining = new Gauge({
    name: 'zoomlink_zoom_quota_remaining',
    help: "A Zoom host's daily meeting create/update requests left, as Zoom last reported it.",
    labelNames: ['host'],
    registers,
  });

  let storeOf: () => Store | undefined = () => undefined;
  let clock: () => Date = () => new Date();
  const withStore = (read: (store: Store) => void) => {
    const store = storeOf();
    if (store?.isOpen) read(store);
  };

  new Gauge({
    name: 'zoomlink_links',
    help: 'Stored links by state (pending, linked, failed, deleted, ignored).',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      withStore((store) => {
        for (const [state, n] of Object.entries(store.links.countByState())) this.set({ state }, n);
      });
    },
  });
  new Gauge({
    name: 'zoomlink_sync_lag_seconds',
    help: "Seconds since a room's last successful poll (absent before the first).",
    labelNames: ['room'],
    registers,
    collect() {
      this.reset();
      withStore((store) => {
        const now = clock().getTime();
        for (const room of store.rooms.list()) {
          if (room.lastSuccessAt)
            this.set({ room: room.calendarId }, (now - Date.parse(room.lastSuccessAt)) / 1000);
        }
      });
    },
  });
  new Gauge({
    name: 'zoomlink_room_failing',
    help: "1 when a room's last poll failed (its error is on the status page), else 0.",
    labelNames: ['room'],
    registers,
    collect() {
      this.reset();
      withStore((store) => {
        for (const room of store.rooms.list())
          this.set({ room: room.calendarId }, room.lastError ? 1 : 0);
      });
    },
  });
  new Gauge({
    name: 'zoomlink_zoom_host_parked',
    help: 'Zoom hosts whose daily quota is spent, parked until it resets (1 while parked).',
    labelNames: ['host'],
    registers,
    collect() {
      this.reset();
      withStore((store) => {
        for (const host of store.hosts.parked(clock())) this.set({ host: host.host }, 1);
      });
    },
  });
  new Gauge({
    name: 'zoomlink_open_intents',
    help: 'Zoom creates journaled but not yet confirmed (recovered at start; should be 0 at rest).',
    registers,
    collect() {
      this.reset();
      withStore((store) => this.set(store.stats().openIntents));
    },
  });
  new Gauge({
    name: 'zoomlink_database_bytes',
    help: 'Size of the SQLite database file and of its write-ahead log.',
    labelNames: ['file'],
    registers,
    collect() {
      this.reset();
      withStore((store) => {
        const stats = store.stats();
        this.set({ file: 'db' }, stats.databaseBytes);
        this.set({ file: 'wal' }, stats.walBytes);
      });
    },
  });

  let work: WorkSource | undefined;
  registerWorkGauges(
    registers,
    () => (storeOf()?.isOpen ? work : undefined),
    () => clock(),
  );

  const observer: ApiObserver = {
    call(event) {
      apiCalls.inc({ service: event.service, operation: event.operation, status: event.status });
      apiDuration.observe(
        { service: event.service, operation: event.operation },
        event.durationMs / 1000,
      );
    },
    retry(event) {
      apiRetries.inc({ service: event.service, operation: event.operation, reason: event.reason });
    },
    quota(event) {
      quotaRemaining.set({ host: event.host.toLowerCase() }, event.remaining);
    },
  };

  /** Events seen and what was done with them: by a pass, or by the workers. */
  function recordCounts(counts: PassCounts): void {
    eventsSeen.inc(counts.eventsSeen);
    const counted: Array<[string, number]> = [
      ['meetings_created', counts.meetingsCreated],
      ['meetings_updated', counts.meetingsUpdated],
      ['meetings_deleted', counts.meetingsDeleted],
      ['occurrences_changed', counts.occurrencesChanged],
      ['links_written', counts.linksWritten],
      ['links_removed', counts.linksRemoved],
    ];
    for (const [action, n] of counted) if (n > 0) actions.inc({ action }, n);
    for (const [reason, n] of Object.entries(counts.skipped))
      if (n) eventsSkipped.inc({ reason }, n);
    if (counts.failed) eventsFailed.inc(counts.failed);
    if (counts.deferred) eventsDeferred.inc(counts.deferred);
    if (counts.observed) eventsObserved.inc(counts.observed);
  }

  return {
    registry,
    observer,
    contentType: registry.contentType,
    recordPass(job, summary) {
      recordCounts(summary);
      if (job !== 'poll') return;
      for (const result of summary.results) {
        polls.inc({ room: result.calendarId, result: result.ok ? 'ok' : 'failed' });
        if (result.error) errors.inc({ code: result.error.code, scope: 'room' });
      }
    },
    recordWorked: (counts) => recordCounts(counts),
    recordReconcile(report) {
      reconcileFindings.reset();
      for (const finding of report.findings) reconcileFindings.inc({ kind: finding.kind });
    },
    recordRun(outcome) {
      jobRuns.inc({ job: outcome.job, result: outcome.ok ? 'ok' : 'failed' });
      jobDuration.observe({ job: outcome.job }, outcome.durationMs / 1000);
      if (outcome.ok) jobLastSuccess.set({ job: outcome.job }, clock().getTime() / 1000);
      else
        errors.inc({
          code: isZoomlinkError(outcome.error) ? outcome.error.code : 'UNEXPECTED',
          scope: 'job',
        });
    },
    recordSkip(job) {
      skipped.inc({ job });
    },
    recordWebhook(source, result) {
      webhookCalls.inc({ source, result });
    },
    readFrom(store, now) {
      storeOf = store;
      clock = now;
    },
    readWorkFrom(from) {
      work = from;
    },
    render: () => registry.metrics(),
  };
}
