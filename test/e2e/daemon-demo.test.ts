import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../unit/daemon/prometheus-text.js';
import { cleanEnv, spawnCli, tempConfig, waitFor, type CliProcess } from './daemon-harness.js';

/**
 * A fresh machine: no credentials at all. `zoomlink run` says it is a demo, starts the emulators,
 * links the demo bookings, changes one now and then and follows it, and leaves the configured
 * database alone. Its log is what a person watching the terminal reads: a sentence per action,
 * with the booking's title, room, time and join link, the demo's own change said just before the
 * daemon follows it, and no line for a poll that did nothing. (The demo runs on the real clock:
 * its bookings are placed around "now".)
 */

/** A sentence of the readable log: `HH:MM:SS  Linked "…" (Room, time zone) → https://zoom…`. */
const linkedLine = /^\d\d:\d\d:\d\d {2}Linked "([^"]+)" \((.+)\) → (https:\/\/zoom\.us\/j\/\d+)$/m;

describe('zoomlink run with no credentials (the demo)', () => {
  let demo: CliProcess | undefined;
  const temp = tempConfig({});
  afterAll(() => {
    if (demo?.child.exitCode === null) demo.kill('SIGKILL');
    temp.cleanup();
  });

  it('runs the daemon against the emulators, says so, links the bookings in words and follows changes', async () => {
    const liveDatabase = join(temp.dir, 'live.db');
    // log.format is left at `auto` (the output is a pipe here): the demo speaks in sentences.
    const env = cleanEnv({ ZOOMLINK_DB: liveDatabase, ZOOMLINK_HTTP_PORT: '0' });
    delete env.ZOOMLINK_LOG_FORMAT;
    demo = spawnCli(['run', '--demo-change-seconds', '2'], env);
    const log = () => demo!.stderr();
    const lines = () => log().split('\n');

    // The first join link reaches the terminal well within the 90 s a newcomer waits.
    const [, title, where, joinUrl] = await waitFor(
      () => linkedLine.exec(log()) ?? undefined,
      90_000,
      () => `no "Linked … → join link" line.\nstdout: ${demo!.stdout()}\nstderr: ${log()}`,
      demo.exited,
    );
    expect(title).toBeTruthy();
    expect(where).toMatch(/^(Boardroom|Huddle 2A|Training Room), .+ \d\d:\d\d Europe\/Berlin$/);
    expect(joinUrl).not.toContain('pwd');

    const url = (await demo.waitForOutput(/Status page: (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
    expect(demo.stdout()).toMatch(/zoomlink DEMO: no credentials are configured/);
    expect(demo.stdout()).toMatch(/built-in\nGoogle Calendar and Zoom emulators/);

    const metric = async (name: string, labels: Record<string, string>) =>
      sampleValue(parsePrometheusText(await (await fetch(`${url}metrics`)).text()), name, labels) ??
      0;
    await waitFor(
      async () => ((await metric('zoomlink_links', { state: 'linked' })) >= 9 ? true : undefined),
      30_000,
      () => log().slice(-2000),
    );
    const page = await (await fetch(url)).text();
    expect(page).toContain('<strong>Demo.</strong>');
    expect(page).toContain('Quarterly planning');
    // Every booking the status page lists got its sentence with its link.
    expect(log()).toMatch(
      /^\d\d:\d\d:\d\d {2}Linked "Quarterly planning" \(Boardroom, \w{3} \d+ \w{3} 10:00 Europe\/Berlin\) → https:\/\/zoom\.us\/j\/\d+$/m,
    );

    // The demo moves a meeting first and says so; the daemon's update of it comes after.
    const moved =
      /^\d\d:\d\d:\d\d {2}Demo: moved "Quarterly planning" \(Boardroom\) to .+ in Google Calendar$/m;
    const followed = /^\d\d:\d\d:\d\d {2}Updated the Zoom meeting of "Quarterly planning"/m;
    await waitFor(
      () => (followed.test(log()) ? true : undefined),
      30_000,
      () => log().slice(-3000),
    );
    // Followed through Google push: the emulator posted to the demo's own server.
    expect(
      await metric('zoomlink_google_push_notifications_total', { state: 'exists' }),
    ).toBeGreaterThan(0);
    const at = (pattern: RegExp) => lines().findIndex((line) => pattern.test(line));
    expect(at(moved)).toBeGreaterThan(-1);
    expect(at(moved)).toBeLessThan(at(followed));
    // The sentence is said when the update is made; the metric counts it when its pass ends.
    await waitFor(
      async () =>
        (await metric('zoomlink_sync_actions_total', { action: 'meetings_updated' })) >= 1
          ? true
          : undefined,
      30_000,
      () => log().slice(-2000),
    );

    // Readable lines only: no JSON, no machine line per action, and passes said as one
    // summary line each (one that did nothing prints none: test/unit/log-sentences.test.ts).
    expect(log()).not.toMatch(/^\{/m);
    expect(log()).not.toMatch(/ action {2}service=/);
    expect(log()).not.toMatch(/pass done/);
    // With push the demo follows changes before its next poll: wait for a poll's line (the demo
    // polls every 10 s; a poll's line also says what the workers did since the last one).
    await waitFor(
      () => (lines().some((line) => / {2}Poll: /.test(line)) ? true : undefined),
      30_000,
      () => log().slice(-2000),
    );
    const polls = lines().filter((line) => / {2}Poll: /.test(line));
    for (const poll of polls)
      expect(poll).toMatch(/Poll: \d+ [a-z ]+(, \d+ [a-z ]+)* \(3 rooms, \d+\.\d s\)$/);

    demo.kill('SIGINT');
    expect((await demo.exited).code).toBe(0);
    expect(existsSync(liveDatabase)).toBe(false);
  }, 150_000);
});
