import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../unit/daemon/prometheus-text.js';
import { cleanEnv, spawnCli, tempConfig, waitFor, type CliProcess } from './daemon-harness.js';

/**
 * A fresh machine: no credentials at all. `zoomlink run` says it is a demo, starts the emulators,
 * links the demo bookings, changes one now and then and follows it, and leaves the configured
 * database alone. (The demo runs on the real clock: its bookings are placed around "now".)
 */
describe('zoomlink run with no credentials (the demo)', () => {
  let demo: CliProcess | undefined;
  const temp = tempConfig({});
  afterAll(() => {
    if (demo?.child.exitCode === null) demo.kill('SIGKILL');
    temp.cleanup();
  });

  it('runs the daemon against the emulators, says so, links the bookings and follows changes', async () => {
    const liveDatabase = join(temp.dir, 'live.db');
    demo = spawnCli(
      ['run', '--demo-change-seconds', '2'],
      cleanEnv({ ZOOMLINK_DB: liveDatabase, ZOOMLINK_HTTP_PORT: '0' }),
    );
    const url = (await demo.waitForOutput(/Status page: (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
    expect(demo.stdout()).toMatch(/zoomlink DEMO: no credentials are configured/);
    expect(demo.stdout()).toMatch(/built-in\nGoogle Calendar and Zoom emulators/);

    const metric = async (name: string, labels: Record<string, string>) =>
      sampleValue(parsePrometheusText(await (await fetch(`${url}metrics`)).text()), name, labels) ??
      0;
    await waitFor(
      async () => ((await metric('zoomlink_links', { state: 'linked' })) >= 9 ? true : undefined),
      30_000,
      () => demo!.stderr().slice(-2000),
    );
    const page = await (await fetch(url)).text();
    expect(page).toContain('<strong>Demo.</strong>');
    expect(page).toContain('Quarterly planning');

    // The demo moves a meeting first; the daemon follows with an update of that meeting.
    await demo.waitForOutput(/demo: moved "Quarterly planning"/);
    await waitFor(
      async () =>
        (await metric('zoomlink_sync_actions_total', { action: 'meetings_updated' })) >= 1
          ? true
          : undefined,
      30_000,
      () => demo!.stderr().slice(-2000),
    );

    demo.kill('SIGINT');
    expect((await demo.exited).code).toBe(0);
    expect(existsSync(liveDatabase)).toBe(false);
  });
});
