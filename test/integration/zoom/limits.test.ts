import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoomApiError } from '../../../src/zoom/index.js';
import { rejection, startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

/**
 * The client reads at most `maxBodyBytes` of an answer (4 MiB by default, against a few hundred
 * KB for the largest answer zoomlink asks for) and sends no larger request: an endless answer
 * from whatever stands at zoom.apiUrl cannot fill the daemon's memory. Here the limit is small
 * and the emulator's ordinary answers exceed it.
 */
const NOW = '2030-03-14T08:00:00Z';
const host = 'room1@example.com';

describe('Zoom client: body size limits', () => {
  let zoom: ZoomHarness;
  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.setClock(NOW);
    for (let i = 0; i < 8; i += 1)
      await zoom.client.createMeeting(host, {
        type: 2,
        topic: `Meeting ${i}`,
        agenda: 'x'.repeat(240),
        start_time: wallTime(NOW, 1 + i),
        timezone: 'Europe/Berlin',
        duration: 30,
      });
  });
  afterAll(async () => zoom.close());

  it('refuses an answer larger than the limit with ZOOM_BODY_TOO_LARGE, without retrying', async () => {
    const small = zoom.newClient({}, { maxBodyBytes: 2048 });
    await zoom.resetCalls();
    const error = await rejection(small.listMeetings(host));
    expect(error).toBeInstanceOf(ZoomApiError);
    expect(error).toMatchObject({ code: 'ZOOM_BODY_TOO_LARGE', retryable: false });
    expect((error as Error).message).toMatch(/larger than 2048 bytes/);
    expect(await zoom.count(routes.list)).toBe(1);
    // The same list under the default limit is read whole.
    expect(await zoom.client.listMeetings(host)).toHaveLength(8);
  });

  it('treats a create whose answer was too large as made (the caller must look)', async () => {
    // The request (about 1.1 KB) and the token answer (under 1 KB) pass; the meeting Zoom
    // answers with, its agenda and settings, does not.
    const small = zoom.newClient({}, { maxBodyBytes: 1500 });
    await zoom.resetCalls();
    const error = await rejection(
      small.createMeeting(host, {
        type: 2,
        topic: 'Small',
        agenda: 'x'.repeat(1000),
        start_time: wallTime(NOW, 1),
        timezone: 'Europe/Berlin',
        duration: 30,
      }),
    );
    expect(error).toMatchObject({ code: 'ZOOM_BODY_TOO_LARGE', outcomeUnknown: true });
    expect(await zoom.count(routes.create)).toBe(1);
  });

  it('does not send a request body larger than the limit', async () => {
    const small = zoom.newClient({}, { maxBodyBytes: 2048 });
    await zoom.resetCalls();
    const error = await rejection(
      small.createMeeting(host, {
        type: 2,
        topic: 'Huge settings',
        start_time: wallTime(NOW, 1),
        timezone: 'Europe/Berlin',
        duration: 30,
        settings: { enforce_login_domains: 'x'.repeat(4000) },
      }),
    );
    expect(error).toMatchObject({
      code: 'ZOOM_BODY_TOO_LARGE',
      retryable: false,
      outcomeUnknown: false,
    });
    expect(await zoom.count(routes.create)).toBe(0);
  });
});
