import { Registry, collectDefaultMetrics } from 'prom-client';
import type { ApiObserver } from '../domain/api-observer.js';
import { isZoomlinkError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { PassCounts, PassSummary, ReconcileReport } from '../sync/index.js';
import { metricsOn } from './metric-kit.js';
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

export function createDaemonMetrics(info: { version: string; mode: string }): DaemonMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m = metricsOn(registry);

  m.gauge('zoomlink_info', 'Always 1; labels say which zoomlink runs and in which mode.', [
    'version',
    'mode',
  ]).set(info, 1);

  const jobRuns = m.counter(
    'zoomlink_job_runs_total',
    'Scheduled passes run, by job (poll, windows, reconcile) and result.',
    ['job', 'result'],
  );
  const jobDuration = m.histogram(
    'zoomlink_job_duration_seconds',
    'How long one pass of a job took.',
    ['job'],
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  );
  const jobLastSuccess = m.gauge(
    'zoomlink_job_last_success_timestamp_seconds',
    'When a pass of the job last finished without failing (Unix time).',
    ['job'],
  );
  const skipped = m.counter(
    'zoomlink_scheduler_skipped_total',
    'Triggers dropped because the same job was still waiting or running (no overlap).',
    ['job'],
  );
  const polls = m.counter('zoomlink_polls_total', 'Room polls, by room calendar id and result.', [
    'room',
    'result',
  ]);
  const eventsSeen = m.counter('zoomlink_events_seen_total', 'Calendar events read and planned.');
  const actions = m.counter(
    'zoomlink_sync_actions_total',
    'Changes made: meetings created/updated/deleted, occurrences changed, links written/removed.',
    ['action'],
  );
  const eventsSkipped = m.counter(
    'zoomlink_events_skipped_total',
    'Events given no meeting of their own, by reason.',
    ['reason'],
  );
  const eventsFailed = m.counter(
    'zoomlink_events_failed_total',
    'Events whose processing failed (each is retried later with backoff).',
  );
  const eventsDeferred = m.counter(
    'zoomlink_events_deferred_total',
    'Events waiting for a parked Zoom host (not failures).',
  );
  const eventsObserved = m.counter(
    'zoomlink_events_observed_total',
    'Events of rooms in observe mode: planned and recorded, nothing done.',
  );
  const errors = m.counter(
    'zoomlink_errors_total',
    'Errors by stable code and where they stopped work (room poll, job).',
    ['code', 'scope'],
  );
  const webhookCalls = m.counter(
    'zoomlink_webhook_calls_total',
    'Calls to a webhook endpoint by source and result (refused ones: missing, bad_signature, stale_timestamp).',
    ['source', 'result'],
  );
  const reconcileFindings = m.gauge(
    'zoomlink_reconcile_findings',
    'Drift found by the last reconcile pass, by kind.',
    ['kind'],
  );

  const apiCalls = m.counter(
    'zoomlink_api_calls_total',
    'HTTP calls to Zoom and Google by service, operation and status (0 = no response).',
    ['service', 'operation', 'status'],
  );
  const apiDuration = m.histogram(
    'zoomlink_api_call_duration_seconds',
    'Duration of HTTP calls to Zoom and Google.',
    ['service', 'operation'],
    [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  const apiRetries = m.counter(
    'zoomlink_api_retries_total',
    'Retries of Zoom and Google calls, by reason (429, 503, network, token-expired…).',
    ['service', 'operation', 'reason'],
  );
  const quotaRemaining = m.gauge(
    'zoomlink_zoom_quota_remaining',
    "A Zoom host's daily meeting create/update requests left, as Zoom last reported it.",
    ['host'],
  );

  let storeOf: () => Store | undefined = () => undefined;
  let clock: () => Date = () => new Date();
  const storeGauge = m.gaugesReading(() => {
    const store = storeOf();
    return store?.isOpen ? store : undefined;
  });

  storeGauge(
    'zoomlink_links',
    'Stored links by state (pending, linked, failed, deleted, ignored).',
    ['state'],
    (store, set) => {
      for (const [state, n] of Object.entries(store.links.countByState())) set({ state }, n);
    },
  );
  storeGauge(
    'zoomlink_sync_lag_seconds',
    "Seconds since a room's last successful poll (absent before the first).",
    ['room'],
    (store, set) => {
      const now = clock().getTime();
      for (const room of store.rooms.list())
        if (room.lastSuccessAt)
          set({ room: room.calendarId }, (now - Date.parse(room.lastSuccessAt)) / 1000);
    },
  );
  storeGauge(
    'zoomlink_room_failing',
    "1 when a room's last poll failed (its error is on the status page), else 0.",
    ['room'],
    (store, set) => {
      for (const room of store.rooms.list()) set({ room: room.calendarId }, room.lastError ? 1 : 0);
    },
  );
  storeGauge(
    'zoomlink_zoom_host_parked',
    'Zoom hosts whose daily quota is spent, parked until it resets (1 while parked).',
    ['host'],
    (store, set) => {
      for (const host of store.hosts.parked(clock())) set({ host: host.host }, 1);
    },
  );
  storeGauge(
    'zoomlink_open_intents',
    'Zoom creates journaled but not yet confirmed (recovered at start; should be 0 at rest).',
    [],
    (store, set) => set({}, store.stats().openIntents),
  );
  storeGauge(
    'zoomlink_database_bytes',
    'Size of the SQLite database file and of its write-ahead log.',
    ['file'],
    (store, set) => {
      const stats = store.stats();
      set({ file: 'db' }, stats.databaseBytes);
      set({ file: 'wal' }, stats.walBytes);
    },
  );

  let work: WorkSource | undefined;
  registerWorkGauges(
    m,
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
