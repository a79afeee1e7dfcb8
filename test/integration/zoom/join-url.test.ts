import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZoomApiError } from '../../../src/zoom/index.js';
import { rejection, startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

/**
 * The join link Zoom hands out goes into every attendee's calendar, so the client takes only an
 * https link on Zoom's hosts (or on one the operator named in zoom.trustedJoinHosts), and
 * re-serialised. The emulator hands out other forms on request (control API `/join-url`).
 */
const NOW = '2030-03-14T08:00:00Z';
const host = 'room1@example.com';
const request = {
  type: 2 as const,
  topic: 'Planning',
  start_time: wallTime(NOW, 1),
  timezone: 'Europe/Berlin',
  duration: 30,
};

describe('Zoom client: join links', () => {
  let zoom: ZoomHarness;
  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.setClock(NOW);
  });
  afterAll(async () => zoom.close());
  beforeEach(async () => {
    await zoom.control('POST', '/join-url', { template: null });
    await zoom.resetCalls();
  });

  const useJoinUrls = (template: string) => zoom.control('POST', '/join-url', { template });

  it("takes Zoom's own links as they are", async () => {
    const meeting = await zoom.client.createMeeting(host, request);
    expect(meeting.join_url).toMatch(/^https:\/\/zoom\.us\/j\/\d{11}\?pwd=[\w-]+\.1$/);
    expect((await zoom.client.getMeeting(meeting.id))?.join_url).toBe(meeting.join_url);
    const listed = await zoom.client.listMeetings(host);
    expect(listed.find((m) => m.id === meeting.id)?.join_url).toBe(meeting.join_url);
  });

  it.each([
    ['plain http on zoom.us', 'http://zoom.us/j/{id}?pwd={pwd}'],
    ['another host', 'https://attacker.example/j/{id}?pwd={pwd}'],
    ['a host that only starts like Zoom', 'https://zoom.us.attacker.example/j/{id}'],
    ['a host that only ends like Zoom', 'https://evilzoom.us/j/{id}'],
    ['a user name before Zoom’s host', 'https://zoom.us@attacker.example/j/{id}'],
    ['credentials in the link', 'https://user:pass@zoom.us/j/{id}'],
    ['javascript:', 'javascript:alert(document.cookie)//{id}'],
    ['not a URL at all', 'Join at zoom.us/j/{id}'],
    ['a data: URL', 'data:text/html,<script>alert({id})</script>'],
    ['zoomgov.com over http', 'http://agency.zoomgov.com/j/{id}'],
  ])('refuses %s with ZOOM_JOIN_URL_UNTRUSTED', async (_name, template) => {
    await useJoinUrls(template);
    const created = await rejection(zoom.client.createMeeting(host, request));
    expect(created).toBeInstanceOf(ZoomApiError);
    expect(created).toMatchObject({
      code: 'ZOOM_JOIN_URL_UNTRUSTED',
      retryable: false,
      // Zoom made the meeting: the caller must look for it before it creates another.
      outcomeUnknown: true,
      endpoint: `POST /users/${host}/meetings`,
    });
    expect((created as Error).message).toMatch(/zoom\.trustedJoinHosts/);
    // Its scheme and host, never the link itself (a passcode is in it).
    expect((created as Error).message).toMatch(/\(join_url is /);
    expect((created as Error).message).not.toMatch(/pwd=|\/j\/|alert\(|<script/);
    // The same meeting read back is refused too. The list, read for ids and markers only,
    // shows it without a link (so one such meeting does not fail every booking of the host).
    const state = (await zoom.control('GET', '/state')) as { meetings: { id: number }[] };
    const id = state.meetings.at(-1)!.id;
    expect(await rejection(zoom.client.getMeeting(id))).toMatchObject({
      code: 'ZOOM_JOIN_URL_UNTRUSTED',
      outcomeUnknown: false,
    });
    const listed = await zoom.client.listMeetings(host);
    expect(listed.find((m) => m.id === id)).toMatchObject({ id, join_url: '' });
    expect(listed.filter((m) => m.join_url !== '').length).toBeGreaterThan(0);
    expect(zoom.logLines.at(-1)).toMatch(/"meetingIds":\[[^\]]*\b\d+\b/);
    // Nothing was tried twice.
    expect(await zoom.count(routes.create)).toBe(1);
    expect(await zoom.count(routes.get)).toBe(1);
  });

  it("takes Zoom's other hosts, and gives every link back re-serialised", async () => {
    for (const [template, expected] of [
      ['https://US02WEB.Zoom.US/j/{id}?pwd={pwd}', /^https:\/\/us02web\.zoom\.us\/j\/\d+\?pwd=/],
      ['https://zoom.com/j/{id}', /^https:\/\/zoom\.com\/j\/\d+$/],
      ['https://app.zoom.com:443/j/{id}', /^https:\/\/app\.zoom\.com\/j\/\d+$/],
      ['https://agency.zoomgov.com/j/{id}', /^https:\/\/agency\.zoomgov\.com\/j\/\d+$/],
      ['https://zoom.us/j/{id}?pwd={pwd}#ok', /^https:\/\/zoom\.us\/j\/\d+\?pwd=[\w-]+\.1#ok$/],
      ['https://zoom.us/j/{id}?x=a b', /^https:\/\/zoom\.us\/j\/\d+\?x=a%20b$/],
    ] as const) {
      await useJoinUrls(template);
      expect((await zoom.client.createMeeting(host, request)).join_url, template).toMatch(expected);
    }
  });

  it('takes the hosts an on-premise installation names in zoom.trustedJoinHosts', async () => {
    const client = zoom.newClient({ trustedJoinHosts: ['zoom.example.org', '*.meet.example.net'] });
    for (const template of [
      'https://zoom.example.org/j/{id}?pwd={pwd}',
      'https://eu.meet.example.net/j/{id}',
    ]) {
      await useJoinUrls(template);
      const meeting = await client.createMeeting(host, request);
      const [before, after] = template.replace('{pwd}', '').split('{id}') as [string, string];
      expect(meeting.join_url.startsWith(`${before}${meeting.id}${after}`), meeting.join_url).toBe(
        true,
      );
    }
    for (const template of [
      'http://zoom.example.org/j/{id}',
      'https://other.example.org/j/{id}',
      'https://meet.example.net/j/{id}',
    ]) {
      await useJoinUrls(template);
      expect(await rejection(client.createMeeting(host, request)), template).toMatchObject({
        code: 'ZOOM_JOIN_URL_UNTRUSTED',
      });
    }
  });

  it('checks the links of invite_links too', async () => {
    const meeting = await zoom.client.createMeeting(host, request);
    const links = await zoom.client.createInviteLinks(meeting.id, ['Ana']);
    expect(links[0]!.join_url).toMatch(/^https:\/\/zoom\.us\/j\//);
  });
});
