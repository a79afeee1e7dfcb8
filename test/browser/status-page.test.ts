import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { RunningDaemon } from '../../src/daemon/daemon.js';
import { startHarnessDaemon } from '../integration/sync/harness-daemon.js';
import { startSyncHarness, type SyncHarness } from '../integration/sync/sync-harness.js';
import { berlin } from '../support/time.js';

// This project's TypeScript has no DOM library: what runs in the page reaches it through globalThis.
interface PageGlobals {
  getComputedStyle(element: unknown, pseudo?: string): Record<string, string>;
}
const computed = (element: unknown, [property, pseudo]: (string | undefined)[]) =>
  (globalThis as unknown as PageGlobals).getComputedStyle(element, pseudo)[property!];

/**
 * The status page in a real browser (Debian's Chromium, headless, driven by playwright-core): the
 * daemon runs the real engine against both emulators; one room's Zoom host does not exist, so its
 * booking fails. The page must show the rooms, the linked booking with its Zoom link and the
 * failure with its reason, with its stylesheet applied (so the Content-Security-Policy allows
 * it), a hostile title as plain text, and nothing loaded from anywhere else.
 */
const chromiumPath = '/usr/bin/chromium';
const hostile =
  '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>"\' \u202Egnp.exe';

/** Screenshots go here, and their paths into the test output (they outlive the run). */
const screenshots = join(tmpdir(), 'zoomlink-browser-screenshots');

async function screenshot(
  context: TestContext,
  page: Page,
  name: string,
  selector?: string,
): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  const path = join(screenshots, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
  console.log(`screenshot (${name}): ${path}`);
  await context.annotate(`screenshot (${name}): ${path}`);
}

/** Everything a page asked for that is not the daemon's own. */
function watch(page: Page, origin: () => string) {
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return {
    elsewhere: () => requests.filter((r) => !r.startsWith(origin())),
    problems,
  };
}

describe('status page in Chromium', () => {
  let harness: SyncHarness;
  let daemon: RunningDaemon;
  let browser: BrowserContext;
  let profile: string;
  const events: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startSyncHarness({ server: { port: 0 }, sync: { jitterSeconds: 0 } });
    const [boardroom, huddle] = harness.rooms;
    // The rooms the engine reads come from rooms.list: give Huddle 2A a host Zoom does not know.
    harness.app.close();
    harness.app = harness.restart({
      rooms: {
        list: harness.rooms.map((r) =>
          r.calendarId === huddle!.calendarId ? { ...r, zoomHost: 'nobody@example.com' } : r,
        ),
      },
    });
    events.linked = (
      await harness.book('alice.chen@example.com', [boardroom!.calendarId], {
        summary: 'Quarterly planning',
        ...berlin(1, 10),
      })
    ).id;
    events.hostile = (
      await harness.book('bob.mueller@example.com', [boardroom!.calendarId], {
        summary: hostile,
        ...berlin(2, 10),
      })
    ).id;
    events.failing = (
      await harness.book('carol.lin@example.com', [huddle!.calendarId], {
        summary: 'Vendor call',
        ...berlin(1, 14),
      })
    ).id;
    // A daily series in the Training Room (Monday to Friday, 16:00): Wednesday's moves to 17:30,
    // Thursday's is cancelled. And an all-day booking in the Boardroom on Friday, skipped.
    const training = harness.rooms[2]!.calendarId;
    events.series = (
      await harness.book('alice.chen@example.com', [training], {
        summary: 'Daily wrap-up',
        ...berlin(0, 16, 30),
        recurrence: ['RRULE:FREQ=DAILY;COUNT=5'],
      })
    ).id;
    await harness.patchEvent(
      'alice.chen@example.com',
      'alice.chen@example.com',
      `${events.series}_20300306T150000Z`,
      berlin(2, 17, 30, 30),
    );
    await harness.deleteEvent(
      'alice.chen@example.com',
      'alice.chen@example.com',
      `${events.series}_20300307T150000Z`,
    );
    events.allDay = (
      await harness.book('bob.mueller@example.com', [boardroom!.calendarId], {
        summary: 'Offsite',
        start: { date: '2030-03-08' },
        end: { date: '2030-03-09' },
      })
    ).id;
    ({ daemon } = await startHarnessDaemon(harness));
    await daemon.firstPoll;
    // The moved and cancelled instances, if the first poll held them back for their series.
    await daemon.scheduler.runNow('poll');
    profile = mkdtempSync(join(tmpdir(), 'zoomlink-chromium-'));
    // A fresh, empty profile each run; no background traffic (this machine has no network).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await daemon?.stop('test over');
    harness?.app.close();
    await harness?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows the rooms, a linked booking with its Zoom link, and a failure with its reason', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const response = await page.goto(daemon.url!);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('zoomlink status');

    const rooms = page.locator('#rooms tbody tr');
    expect(await rooms.count()).toBe(3);
    for (const room of harness.rooms)
      await expect.poll(() => rooms.filter({ hasText: room.name }).count()).toBe(1);

    const link = harness.app.store.links.get(events.linked!)!;
    expect(link.state).toBe('linked');
    const row = page.locator('#upcoming tbody tr', { hasText: 'Quarterly planning' });
    expect(await row.count()).toBe(1);
    expect(await row.locator('td[data-label="Zoom"] a').getAttribute('href')).toBe(link.joinUrl);
    expect(await row.locator('td[data-label="booking"] a').getAttribute('href')).toBe(
      `bookings/${events.linked}`,
    );
    expect(await row.textContent()).toContain(`meeting ${link.zoomMeetingId}`);

    const failure = page.locator('#failures tbody tr', { hasText: 'Vendor call' });
    expect(await failure.count()).toBe(1);
    expect(await failure.textContent()).toContain('ZOOM_USER_NOT_FOUND');
    expect(await failure.locator('td[data-label="next retry"]').textContent()).toMatch(/^in \d+/);
    expect(await page.locator('#rooms tbody tr', { hasText: 'Huddle 2A' }).textContent()).toContain(
      'nobody@example.com',
    );

    // The hostile title is text, and none of its markup ran.
    expect(await page.locator('#upcoming').textContent()).toContain(hostile);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await page.locator('#upcoming img, #upcoming script').count()).toBe(0);

    // The stylesheet applied (the CSP hash matches it), and nothing came from elsewhere.
    expect(await page.locator('th').first().evaluate(computed, ['color', undefined])).toBe(
      'rgb(107, 114, 128)',
    );
    const origin = new URL(daemon.url!).origin;
    expect(requests.filter((r) => !r.startsWith(origin))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('folds the tables into labelled cards on a phone', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(daemon.url!);
    expect(await page.locator('#rooms thead').evaluate(computed, ['display', undefined])).toBe(
      'none',
    );
    const cell = page.locator('#failures td[data-label="reason"]').first();
    expect(await cell.evaluate(computed, ['content', '::before'])).toBe('"reason: "');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('shows the next 7 days per room as coloured blocks that lead to each booking', async (context) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    const seen = watch(page, () => new URL(daemon.url!).origin);
    await page.goto(daemon.url!);
    const week = page.locator('#week');
    expect(await week.locator('.wk-row').count()).toBe(1 + harness.rooms.length);
    const lane = (room: string) =>
      week.locator('.wk-row', { has: page.locator('.wk-room', { hasText: room }) }).locator('svg');
    const block = (eventId: string) => week.locator(`a[href="bookings/${eventId}"] rect`);

    // Tuesday 10:00 linked in the Boardroom; Tuesday 14:00 failed in Huddle 2A.
    expect(await lane('Boardroom').locator(`a[href="bookings/${events.linked}"]`).count()).toBe(1);
    expect(await block(events.linked!).evaluate(computed, ['fill', undefined])).toBe(
      'rgb(45, 164, 78)',
    );
    expect(await lane('Huddle 2A').locator(`a[href="bookings/${events.failing}"]`).count()).toBe(1);
    expect(await block(events.failing!).evaluate(computed, ['fill', undefined])).toBe(
      'rgb(207, 34, 46)',
    );
    // The series: Monday, Tuesday, Wednesday (moved), Friday — not the cancelled Thursday.
    const series = block(events.series!);
    expect(await series.count()).toBe(4);
    expect(await series.locator('title').allTextContents()).toEqual([
      '\u2068Daily wrap-up\u2069 · Mon 16:00–16:30 · linked',
      '\u2068Daily wrap-up\u2069 · Tue 16:00–16:30 · linked',
      '\u2068Daily wrap-up\u2069 · Wed 17:30–18:00 · linked',
      '\u2068Daily wrap-up\u2069 · Fri 16:00–16:30 · linked',
    ]);
    // The all-day Friday is there, grey: skipped.
    expect(await block(events.allDay!).evaluate(computed, ['fill', undefined])).toBe(
      'rgb(140, 149, 159)',
    );
    expect(await week.locator('.legend').textContent()).toMatch(/failed \(1\).*skipped \(1\)/);
    // The hostile title is a tooltip's text, nothing more.
    expect(
      await week.locator(`a[href="bookings/${events.hostile}"] title`).textContent(),
    ).toContain(hostile);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    await screenshot(context, page, 'week-view', '#week');

    // A block is a link to its booking's page.
    await series.first().click();
    await page.waitForURL(`**/bookings/${events.series}`);
    expect(await page.locator('h1').textContent()).toBe('Daily wrap-up');
    expect(seen.elsewhere()).toEqual([]);
    expect(seen.problems).toEqual([]);
    await page.close();
  });

  it('shows a booking’s page: Google and Zoom side by side, the conversion, the copies and the history', async (context) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    const seen = watch(page, () => new URL(daemon.url!).origin);
    const response = await page.goto(
      `${daemon.url!}bookings/${encodeURIComponent(events.series!)}`,
    );
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(await page.title()).toBe('\u2068Daily wrap-up\u2069 · zoomlink');
    const rows = page.locator('#occurrences tbody tr');
    expect(await rows.count()).toBe(5);
    const wednesday = rows.filter({ hasText: 'Wed 6 Mar 16:00' });
    const cell = async (row: typeof rows, label: string) =>
      (await row.locator(`td[data-label="${label}"]`).innerText()).replace(/\s+/g, ' ').trim();
    expect(await cell(wednesday, 'Google')).toBe('moved to Wed 6 Mar 17:30–18:00');
    expect(await cell(wednesday, 'Zoom')).toMatch(/^occurrence \d+, moved to Wed 6 Mar 17:30$/);
    const thursday = rows.filter({ hasText: 'Thu 7 Mar 16:00' });
    expect(await cell(thursday, 'Google')).toBe('cancelled');
    expect(await cell(thursday, 'Zoom')).toMatch(/^occurrence \d+ deleted$/);
    expect(await page.locator('#conversion').textContent()).toContain('8 (recurring, fixed time)');
    expect(await page.locator('#copies tbody tr').count()).toBeGreaterThanOrEqual(2);
    const history = await page.locator('#history').textContent();
    for (const action of [
      'meeting.create',
      'event.writeback',
      'occurrence.update',
      'occurrence.delete',
    ])
      expect(history).toContain(action);
    // The stylesheet applies (the CSP's hash), nothing came from elsewhere.
    expect(await page.locator('.badge').evaluate(computed, ['background-color', undefined])).toBe(
      'rgb(45, 164, 78)',
    );
    await screenshot(context, page, 'booking-page');
    expect(seen.elsewhere()).toEqual([]);
    expect(seen.problems).toEqual([]);

    // The hostile title's page runs none of it; an unknown id is a 404 page.
    await page.goto(`${daemon.url!}bookings/${encodeURIComponent(events.hostile!)}`);
    expect(await page.locator('h1').textContent()).toBe(hostile);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    const missing = await page.goto(`${daemon.url!}bookings/${encodeURIComponent('<b>nope</b>')}`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('code').first().textContent()).toBe('<b>nope</b>');
    await page.close();
  });

  it('keeps the week and a booking’s page readable on a phone: nothing wider than the screen', async (context) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(daemon.url!);
    // The week scrolls sideways inside its own box; the page does not.
    const box = page.locator('#week .wk-scroll');
    expect(
      await box.evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth),
    ).toBeGreaterThan(
      await box.evaluate((el) => (el as unknown as { clientWidth: number }).clientWidth),
    );
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(context, page, 'week-view-phone', '#week');
    await page.goto(`${daemon.url!}bookings/${encodeURIComponent(events.series!)}`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(context, page, 'booking-page-phone');
    await page.close();
  });
});
