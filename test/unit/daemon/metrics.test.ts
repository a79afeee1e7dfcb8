import { describe, expect, it } from 'vitest';
import { createDaemonMetrics } from '../../../src/daemon/metrics.js';
import { ZoomlinkError } from '../../../src/errors.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';
import { emptySummary, now, rooms, seededStore } from './store-fixture.js';

describe('daemon metrics', () => {
  it('counts skips by their reason, scope skips included, and events observed', async () => {
    const metrics = createDaemonMetrics({ version: '0.1.0', mode: 'live' });
    metrics.recordPass('poll', {
      ...emptySummary(),
      skipped: { policy_opt_in: 2, policy_opt_out: 1, other_conference: 3 },
      observed: 4,
    });
    const families = parsePrometheusText(await metrics.render());
    const value = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(families, name, labels);
    expect(value('zoomlink_events_skipped_total', { reason: 'policy_opt_in' })).toBe(2);
    expect(value('zoomlink_events_skipped_total', { reason: 'policy_opt_out' })).toBe(1);
    expect(value('zoomlink_events_skipped_total', { reason: 'other_conference' })).toBe(3);
    expect(value('zoomlink_events_observed_total')).toBe(4);
  });

  it('is valid Prometheus text with API calls, retries, quota, polls, links, lag and errors', async () => {
    const store = seededStore();
    const metrics = createDaemonMetrics({ version: '0.1.0', mode: 'live' });
    metrics.readFrom(
      () => store,
      () => now,
    );

    metrics.observer.call?.({
      service: 'zoom',
      operation: 'meetings.create',
      status: 201,
      durationMs: 120,
    });
    metrics.observer.call?.({
      service: 'zoom',
      operation: 'meetings.create',
      status: 201,
      durationMs: 80,
    });
    metrics.observer.call?.({
      service: 'google',
      operation: 'events.list',
      status: 0,
      durationMs: 30_000,
    });
    metrics.observer.retry?.({
      service: 'google',
      operation: 'events.list',
      attempt: 1,
      delayMs: 1000,
      reason: '503',
    });
    metrics.observer.quota?.({ service: 'zoom', host: 'Zoom-Board@Example.com', remaining: 97 });
    metrics.recordPass('poll', {
      ...emptySummary(),
      rooms: 2,
      roomsFailed: 1,
      eventsSeen: 5,
      meetingsCreated: 2,
      linksWritten: 2,
      skipped: { all_day: 1, finished: 2 },
      failed: 1,
      results: [
        { ...emptySummary(), calendarId: rooms[0]!.calendarId, ok: true, fullSync: false },
        {
          ...emptySummary(),
          calendarId: rooms[1]!.calendarId,
          ok: false,
          fullSync: false,
          error: { code: 'GOOGLE_DELEGATION_REFUSED', message: 'no' },
        },
      ],
    });
    metrics.recordRun({ job: 'poll', ok: true, durationMs: 1500 });
    metrics.recordRun({
      job: 'reconcile',
      ok: false,
      durationMs: 10,
      error: new ZoomlinkError('ZOOM_AUTH_FAILED', 'x'),
    });
    metrics.recordSkip('poll');
    metrics.recordReconcile({
      checked: 4,
      findings: [
        { kind: 'block_missing', detail: 'a' },
        { kind: 'block_missing', detail: 'b' },
      ],
    });

    const text = await metrics.render();
    const families = parsePrometheusText(text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(families, name, labels);

    expect(families.get('zoomlink_api_calls_total')?.type).toBe('counter');
    expect(
      value('zoomlink_api_calls_total', {
        service: 'zoom',
        operation: 'meetings.create',
        status: '201',
      }),
    ).toBe(2);
    expect(value('zoomlink_api_calls_total', { service: 'google', status: '0' })).toBe(1);
    expect(families.get('zoomlink_api_call_duration_seconds')?.type).toBe('histogram');
    expect(
      value('zoomlink_api_call_duration_seconds_count', { operation: 'meetings.create' }),
    ).toBe(2);
    expect(value('zoomlink_api_retries_total', { reason: '503' })).toBe(1);
    expect(value('zoomlink_zoom_quota_remaining', { host: 'zoom-board@example.com' })).toBe(97);
    expect(value('zoomlink_polls_total', { room: rooms[0]!.calendarId, result: 'ok' })).toBe(1);
    expect(value('zoomlink_polls_total', { room: rooms[1]!.calendarId, result: 'failed' })).toBe(1);
    expect(
      value('zoomlink_errors_total', { code: 'GOOGLE_DELEGATION_REFUSED', scope: 'room' }),
    ).toBe(1);
    expect(value('zoomlink_errors_total', { code: 'ZOOM_AUTH_FAILED', scope: 'job' })).toBe(1);
    expect(value('zoomlink_sync_actions_total', { action: 'meetings_created' })).toBe(2);
    expect(value('zoomlink_events_skipped_total', { reason: 'finished' })).toBe(2);
    expect(value('zoomlink_events_failed_total')).toBe(1);
    expect(value('zoomlink_job_runs_total', { job: 'poll', result: 'ok' })).toBe(1);
    expect(value('zoomlink_job_last_success_timestamp_seconds', { job: 'poll' })).toBe(
      now.getTime() / 1000,
    );
    expect(value('zoomlink_scheduler_skipped_total', { job: 'poll' })).toBe(1);
    expect(value('zoomlink_reconcile_findings', { kind: 'block_missing' })).toBe(2);

    // Read from the store at scrape time.
    expect(value('zoomlink_links', { state: 'linked' })).toBe(3);
    expect(value('zoomlink_links', { state: 'failed' })).toBe(1);
    expect(value('zoomlink_sync_lag_seconds', { room: rooms[0]!.calendarId })).toBe(30);
    expect(value('zoomlink_sync_lag_seconds', { room: rooms[1]!.calendarId })).toBeUndefined();
    expect(value('zoomlink_room_failing', { room: rooms[1]!.calendarId })).toBe(1);
    expect(value('zoomlink_zoom_host_parked', { host: 'zoom-training@example.com' })).toBe(1);
    expect(value('zoomlink_open_intents')).toBe(0);
    expect(value('zoomlink_info', { version: '0.1.0', mode: 'live' })).toBe(1);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0);
    store.close();
  });

  it('shows the work queue, the rate limiters and what the workers did', async () => {
    const store = seededStore();
    const metrics = createDaemonMetrics({ version: '0.1.0', mode: 'live' });
    metrics.readFrom(
      () => store,
      () => now,
    );
    const limiter = {
      name: 'google.project',
      ratePerSecond: 164,
      currentRatePerSecond: 82,
      waitMs: 250,
      waiting: 1,
      admitted: 12,
      waitedMs: 40,
      slowDowns: 1,
    };
    metrics.readWorkFrom({
      queue: () => ({
        queued: 5,
        held: 1,
        inFlight: 2,
        oldestQueuedAt: new Date(now.getTime() - 42_000).toISOString(),
      }),
      limiters: () => [limiter],
    });
    metrics.recordWorked({ ...emptySummary(), meetingsCreated: 1, linksWritten: 1, deferred: 1 });
    const families = parsePrometheusText(await metrics.render());
    const value = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(families, name, labels);
    expect(value('zoomlink_queue_bookings', { state: 'queued' })).toBe(4);
    expect(value('zoomlink_queue_bookings', { state: 'held' })).toBe(1);
    expect(value('zoomlink_queue_bookings', { state: 'in_flight' })).toBe(2);
    expect(value('zoomlink_queue_oldest_age_seconds')).toBe(42);
    expect(value('zoomlink_rate_limiter_wait_seconds', { limiter: 'google.project' })).toBe(0.25);
    expect(value('zoomlink_rate_limiter_rate', { limiter: 'google.project' })).toBe(82);
    expect(value('zoomlink_rate_limiter_admitted_calls', { limiter: 'google.project' })).toBe(12);
    expect(value('zoomlink_sync_actions_total', { action: 'meetings_created' })).toBe(1);
    expect(value('zoomlink_events_deferred_total')).toBe(1);
    expect(value('zoomlink_rate_limiter_slow_downs_total', { limiter: 'google.project' })).toBe(1);
    // Slow-downs are counted once, however often the page is scraped.
    limiter.slowDowns = 3;
    const again = parsePrometheusText(await metrics.render());
    expect(
      sampleValue(again, 'zoomlink_rate_limiter_slow_downs_total', { limiter: 'google.project' }),
    ).toBe(3);
    store.close();
  });

  it('reports no store gauges once the store is closed (and does not throw)', async () => {
    const store = seededStore();
    const metrics = createDaemonMetrics({ version: '0.1.0', mode: 'demo' });
    metrics.readFrom(
      () => store,
      () => now,
    );
    store.close();
    const families = parsePrometheusText(await metrics.render());
    expect(families.get('zoomlink_links')?.samples).toEqual([]);
  });

  it('escapes label values so any room id or host stays parsable', async () => {
    const metrics = createDaemonMetrics({ version: '0.1.0', mode: 'live' });
    const host = 'odd"host\\with\nnewline';
    metrics.observer.quota?.({ service: 'zoom', host, remaining: 5 });
    const families = parsePrometheusText(await metrics.render());
    expect(sampleValue(families, 'zoomlink_zoom_quota_remaining', { host })).toBe(5);
  });
});

describe('the test parser itself', () => {
  it('refuses what Prometheus refuses', () => {
    expect(() => parsePrometheusText('a{b="c} 1\n')).toThrow();
    expect(() => parsePrometheusText('a 1')).toThrow(/newline/);
    expect(() => parsePrometheusText('a{1b="c"} 1\n')).toThrow(/label name/);
    expect(() => parsePrometheusText('a one\n')).toThrow(/number/);
    expect(() => parsePrometheusText('# TYPE a countr\n')).toThrow(/type/);
  });
});
