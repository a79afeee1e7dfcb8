import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.js';
import { createDaemonMetrics } from '../../src/daemon/metrics.js';
import { quiet, startSyncHarness, type SyncHarness } from '../integration/sync/sync-harness.js';
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
const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';

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
    daemon = await startDaemon({
      config: harness.config,
      mode: 'live',
      version: 'test',
      engine: harness.app.engine,
      store: harness.app.store,
      metrics: createDaemonMetrics({ version: 'test', mode: 'live' }),
      logger: quiet,
      now: () => harness.emulators.clock.now(),
    });
    await daemon.firstPoll;
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
    expect(await row.locator('a').getAttribute('href')).toBe(link.joinUrl);
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
});
