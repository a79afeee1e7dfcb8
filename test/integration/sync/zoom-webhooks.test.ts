import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningDaemon } from '../../../src/daemon/daemon.js';
import type { DaemonMetrics } from '../../../src/daemon/metrics.js';
import { startHarnessDaemon } from './harness-daemon.js';
import { manualTriggers } from '../../unit/daemon/fakes.js';
import { parsePrometheusText, sampleValue } from '../../unit/daemon/prometheus-text.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';
import { logRecords, startSyncHarness, type SyncHarness } from './sync-harness.js';

const SECRET = 'zoom-webhook-secret-token-1';

interface Delivery {
  event: string;
  meetingId?: number;
  status?: number;
  dropped?: boolean;
}

/**
 * Issue 16, Zoom webhooks: the daemon (its HTTP server on 127.0.0.1) over both emulators; the
 * Zoom emulator delivers signed events to `/webhooks/zoom`. No poll runs by schedule (the
 * triggers are fired by hand, never here): what happens after a change in Zoom is the webhook's.
 */
describe('Zoom webhooks', () => {
  let h: SyncHarness;
  let daemon: RunningDaemon;
  let metrics: DaemonMetrics;
  let hook: string;
  let board: string;
  let alice: string;
  /** Meeting events this file posted itself (not the emulator's deliveries). */
  let posted = 0;

  beforeAll(async () => {
    h = await startSyncHarness({ zoom: { webhookSecretToken: SECRET }, server: { port: 0 } });
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
    ({ daemon, metrics } = await startHarnessDaemon(h, { triggers: manualTriggers() }));
    await daemon.firstPoll;
    hook = `${daemon.url}webhooks/zoom`;
  });
  afterAll(async () => {
    await daemon.stop('test over');
    await h.close();
  });
  beforeEach(async () => {
    await h.zoomControl('POST', '/switches', {
      webhookCopies: 1,
      webhookDropEvery: 0,
      webhookDelayMs: 0,
    });
    await h.zoomControl('POST', '/webhooks', { url: hook, secretToken: SECRET });
    await h.settle();
    await webhooksQuiet();
    h.resetCalls();
  });

  const handled = () =>
    logRecords.filter(
      (r) =>
        r.message === 'zoom webhook worked' ||
        r.message === 'zoom webhook check failed; the nightly reconcile will look again',
    );

  /**
   * Until every event the emulator delivered has been worked by the daemon, and the work caused no
   * further delivery (no wall clock: counts of deliveries and of the daemon's log lines).
   */
  async function webhooksQuiet(): Promise<Delivery[]> {
    const deliveries = async () =>
      ((await h.zoomControl('GET', '/webhooks')) as { deliveries: Delivery[] }).deliveries;
    for (;;) {
      let seen: Delivery[] = [];
      // Read again each time: the daemon answers (and logs) an event before the emulator has
      // read its answer, and the work may cause new deliveries.
      await vi.waitFor(
        async () => {
          seen = await deliveries();
          const accepted = seen.filter(
            (d) => d.status === 200 && d.event.startsWith('meeting.'),
          ).length;
          expect(handled().length).toBe(accepted + posted);
        },
        { timeout: 10_000, interval: 20 },
      );
      if ((await deliveries()).length === seen.length) return seen;
    }
  }

  async function linkedBooking(summary: string, day: number) {
    const { id } = await h.book(alice, [board], { summary, ...berlin(day, 10) });
    await h.app.engine.poll();
    await h.app.engine.poll();
    const link = h.app.store.links.get(id)!;
    expect(link.state).toBe('linked');
    await webhooksQuiet();
    h.resetCalls();
    return { id, meetingId: link.zoomMeetingId! };
  }

  function sign(body: string, timestamp: string, secret = SECRET) {
    return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  const nowSeconds = () => String(Math.floor(h.app.now().getTime() / 1000));

  async function post(body: string, headers: Record<string, string>) {
    return fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  async function webhookCount(result: string): Promise<number> {
    const samples = parsePrometheusText(await metrics.render());
    return sampleValue(samples, 'zoomlink_webhook_calls_total', { source: 'zoom', result }) ?? 0;
  }

  it('answers the url_validation challenge, and a subscription under another secret fails validation', async () => {
    const wrong = await fetch(`${h.emulators.zoom.controlUrl}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: hook, secretToken: 'not-the-daemons-secret' }),
    });
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toMatchObject({ subscribed: false, status: 401 });

    const before = await webhookCount('challenge');
    const right = await h.zoomControl('POST', '/webhooks', { url: hook, secretToken: SECRET });
    expect(right).toMatchObject({ subscribed: true, status: 200 });
    expect(await webhookCount('challenge')).toBe(before + 1);
  });

  it('refuses a call without a signature, with a wrong one, or too old, with 401, counted; nothing is done', async () => {
    const body = JSON.stringify({ event: 'meeting.deleted', payload: { object: { id: 1 } } });
    const counts = {
      missing: await webhookCount('missing'),
      bad: await webhookCount('bad_signature'),
      stale: await webhookCount('stale_timestamp'),
    };
    const ts = nowSeconds();
    expect((await post(body, {})).status).toBe(401);
    expect(
      (
        await post(body, {
          'x-zm-request-timestamp': ts,
          'x-zm-signature': sign(body, ts, 'other'),
        })
      ).status,
    ).toBe(401);
    // Signed right, but over another body than the one sent.
    expect(
      (await post(`${body} `, { 'x-zm-request-timestamp': ts, 'x-zm-signature': sign(body, ts) }))
        .status,
    ).toBe(401);
    const old = String(Number(ts) - 6 * 60);
    expect(
      (await post(body, { 'x-zm-request-timestamp': old, 'x-zm-signature': sign(body, old) }))
        .status,
    ).toBe(401);

    expect(await webhookCount('missing')).toBe(counts.missing + 1);
    expect(await webhookCount('bad_signature')).toBe(counts.bad + 2);
    expect(await webhookCount('stale_timestamp')).toBe(counts.stale + 1);
    expect(h.calls()).toEqual({});
  });

  it('ignores a signed event about a meeting this database does not link, at no call', async () => {
    const body = JSON.stringify({
      event: 'meeting.deleted',
      payload: { operator: 'someone@example.com', object: { id: 81234567890 } },
    });
    const ts = nowSeconds();
    const response = await post(body, {
      'x-zm-request-timestamp': ts,
      'x-zm-signature': sign(body, ts),
    });
    expect(response.status).toBe(200);
    posted += 1;
    await webhooksQuiet();
    expect(handled().at(-1)).toMatchObject({ meetingId: 81234567890, outcome: 'unknown_meeting' });
    expect(h.calls()).toEqual({});
  });

  it('recreates a meeting deleted in Zoom at once and rewrites the link', async () => {
    const { id, meetingId } = await linkedBooking('Deleted in Zoom', 2);
    await h.zoomControl('POST', `/meetings/${meetingId}/delete`);
    await webhooksQuiet();

    const link = h.app.store.links.get(id)!;
    expect(link.state).toBe('linked');
    expect(link.zoomMeetingId).not.toBe(meetingId);
    const meeting = (await h.meetings()).find((m) => m.id === link.zoomMeetingId)!;
    expect(meeting.topic).toBe('Deleted in Zoom');
    const copy = await h.copy(alice, id);
    expect(copy?.extendedProperties?.private?.zoomlinkMeetingId).toBe(String(meeting.id));
    expect(copy?.description).toContain(meeting.join_url);
    expect(copy?.location).toBe(meeting.join_url);
    // One create, and nothing after it: the events our own create and write-back caused did not
    // lead to another call that writes.
    const calls = h.calls();
    expect(calls[routes.create]).toBe(1);
    expect(calls[routes.update]).toBeUndefined();
    expect(calls[routes.delete]).toBeUndefined();
  });

  it('puts back a topic and a time changed in Zoom, with one update; its own event changes nothing', async () => {
    const { id, meetingId } = await linkedBooking('Edited in Zoom', 3);
    const before = (await h.meetings()).find((m) => m.id === meetingId)!;
    await h.zoomControl('POST', `/meetings/${meetingId}/edit`, {
      topic: 'Taken over',
      start_time: '2030-03-07T15:00:00Z',
      duration: 15,
    });
    await webhooksQuiet();

    const after = (await h.meetings()).find((m) => m.id === meetingId)!;
    expect(after).toMatchObject({
      topic: 'Edited in Zoom',
      start_time: before.start_time,
      duration: 60,
      join_url: before.join_url,
    });
    expect(h.app.store.links.get(id)).toMatchObject({ state: 'linked', zoomMeetingId: meetingId });
    const calls = h.calls();
    expect(calls[routes.update]).toBe(1);
    expect(calls[routes.create]).toBeUndefined();
    // The put-back's own meeting.updated was worked too (folded into the repair running, or
    // checked after it): the one finding is the person's edit, repaired once.
    const worked = handled().filter((r) => r.meetingId === meetingId);
    const findings = worked.flatMap((r) => (r.findings as object[] | undefined) ?? []);
    expect(findings).toEqual([expect.objectContaining({ kind: 'meeting_changed', fixed: true })]);
  });

  it('no loop on our own changes: a booking changed and cancelled in Google costs one update and one delete', async () => {
    const { id, meetingId } = await linkedBooking('Ours to change', 4);
    await h.patchEvent(alice, alice, id, { summary: 'Ours, renamed' });
    await h.app.engine.poll();
    await webhooksQuiet();
    await h.deleteEvent(alice, alice, id);
    await h.app.engine.poll();
    const deliveries = await webhooksQuiet();

    const calls = h.calls();
    expect(calls[routes.update]).toBe(1);
    expect(calls[routes.delete]).toBe(1);
    expect(calls[routes.create]).toBeUndefined();
    const ours = deliveries.filter((d) => d.meetingId === meetingId);
    expect(ours.map((d) => d.event)).toEqual(['meeting.updated', 'meeting.deleted']);
    const worked = handled().filter((r) => r.meetingId === meetingId);
    expect(worked.slice(-2)).toMatchObject([
      { event: 'meeting.updated', outcome: 'checked', findings: [] },
      { event: 'meeting.deleted', outcome: 'unknown_meeting' },
    ]);
  });

  it('duplicates are harmless: three copies of a deletion make one new meeting', async () => {
    const { id, meetingId } = await linkedBooking('Delivered thrice', 5);
    await h.zoomControl('POST', '/switches', { webhookCopies: 3 });
    await h.zoomControl('POST', `/meetings/${meetingId}/delete`);
    const deliveries = await webhooksQuiet();

    expect(deliveries.filter((d) => d.meetingId === meetingId && d.status === 200)).toHaveLength(3);
    expect(h.calls()[routes.create]).toBe(1);
    const link = h.app.store.links.get(id)!;
    expect(link).toMatchObject({ state: 'linked' });
    expect((await h.meetings()).filter((m) => m.topic === 'Delivered thrice')).toHaveLength(1);
  });

  it('a lost event changes nothing until reconcile, which still repairs the booking', async () => {
    const { id, meetingId } = await linkedBooking('Never told', 6);
    await h.zoomControl('POST', '/switches', { webhookDropEvery: 1 });
    await h.zoomControl('POST', `/meetings/${meetingId}/delete`);
    const deliveries = await webhooksQuiet();
    expect(deliveries.filter((d) => d.meetingId === meetingId).at(-1)).toMatchObject({
      event: 'meeting.deleted',
      dropped: true,
    });
    expect(h.calls()[routes.create]).toBeUndefined();
    expect(h.app.store.links.get(id)?.zoomMeetingId).toBe(meetingId);

    const report = await h.app.engine.reconcile({ fix: true });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'meeting_missing', eventId: id, fixed: true }),
    );
    expect(h.calls()[routes.create]).toBe(1);
    expect(h.app.store.links.get(id)?.zoomMeetingId).not.toBe(meetingId);
  });
});
