import { afterEach, describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../../src/config/index.js';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/daemon.js';
import { createDaemonMetrics } from '../../../src/daemon/metrics.js';
import type { Store } from '../../../src/store/index.js';
import { flush, manualTriggers, quietLogger } from './fakes.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';
import { fakeEngine, now, seededStore } from './store-fixture.js';

function config(patch: Record<string, unknown> = {}): Config {
  return configSchema.parse({
    server: { port: 0, ...(patch.server as object) },
    sync: { schedule: '*/5 * * * * *', jitterSeconds: 0, ...(patch.sync as object) },
    shutdown: { timeoutSeconds: 5, ...(patch.shutdown as object) },
  });
}

describe('startDaemon (with a stand-in engine)', () => {
  let daemon: RunningDaemon | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await daemon?.stop('test over');
    store?.close();
    daemon = undefined;
  });

  async function start(options: { config?: Config; clock?: () => Date } = {}) {
    store = seededStore();
    const clock = options.clock ?? (() => now);
    const fake = fakeEngine(store, clock);
    const triggers = manualTriggers();
    const metrics = createDaemonMetrics({ version: '0.1.0', mode: 'live' });
    daemon = await startDaemon({
      config: options.config ?? config(),
      mode: 'live',
      version: '0.1.0',
      engine: fake.engine,
      store,
      metrics,
      logger: quietLogger,
      now: clock,
      triggers,
    });
    return { fake, triggers, daemon, url: daemon.url! };
  }

  it('polls at once, and then answers ready, healthy, metrics and the page', async () => {
    const { fake, url, daemon: d } = await start();
    await d.firstPoll;
    expect(fake.calls).toEqual(['poll']);

    const ready = await fetch(`${url}readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', rooms: 2, notReady: [] });

    const health = await fetch(`${url}healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'live', running: null });

    const metrics = await fetch(`${url}metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(await metrics.text());
    expect(sampleValue(families, 'zoomlink_job_runs_total', { job: 'poll', result: 'ok' })).toBe(1);
    expect(
      sampleValue(families, 'zoomlink_sync_actions_total', { action: 'meetings_created' }),
    ).toBe(2);

    const page = await fetch(url);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; style-src 'sha256-/,
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('Boardroom');
  });

  it('serves the page of each booking it links to, and a 404 page for an id it does not know', async () => {
    const { url, daemon: d } = await start();
    await d.firstPoll;
    const status = await (await fetch(url)).text();
    const href = /href="(bookings\/evseries)"/.exec(status)?.[1];
    expect(href).toBe('bookings/evseries');
    const page = await fetch(`${url}${href}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'sha256-/);
    expect(await page.text()).toContain('<h1><bdi>Weekly sync</bdi></h1>');
    const unknown = await fetch(`${url}bookings/evnope`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await unknown.text()).toContain('<code>evnope</code>');
  });

  it('runs the window and reconcile passes on their own triggers, with reconcileFix', async () => {
    const c = config({ sync: { reconcileFix: false } });
    const { fake, triggers, daemon: d } = await start({ config: c });
    await d.firstPoll;
    triggers.fire(c.sync.windowSchedule);
    triggers.fire(c.sync.reconcileSchedule);
    for (let i = 0; i < 5; i += 1) await flush();
    expect(fake.calls).toEqual(['poll', 'windows', 'reconcile fix=false']);
  });

  it('is not ready when a room has not been polled within the limit, and names it', async () => {
    let t = now;
    const { url, daemon: d } = await start({ clock: () => t });
    await d.firstPoll;
    t = new Date(now.getTime() + 301_000);
    const ready = await fetch(`${url}readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { notReady: Array<{ name: string; reason: string }> };
    expect(body.notReady.map((r) => r.name)).toEqual(['Boardroom', 'Huddle 2A']);
    expect(body.notReady[0]!.reason).toMatch(/301 s ago \(limit 300 s\)/);
  });

  it('says it is stuck when one pass runs longer than server.healthMaxBusySeconds', async () => {
    let t = now;
    store = seededStore();
    const fake = fakeEngine(store, () => t);
    fake.hold();
    const { url } = await (async () => {
      daemon = await startDaemon({
        config: config({ server: { healthMaxBusySeconds: 60 } }),
        mode: 'live',
        version: '0.1.0',
        engine: fake.engine,
        store,
        metrics: createDaemonMetrics({ version: '0.1.0', mode: 'live' }),
        logger: quietLogger,
        now: () => t,
        triggers: manualTriggers(),
      });
      return { url: daemon.url! };
    })();
    await flush();
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    t = new Date(now.getTime() + 61_000);
    const health = await fetch(`${url}healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'stuck',
      running: { job: 'poll', seconds: 61 },
    });
    fake.release();
  });

  it('on stop: tells the poll in flight, waits for it, then closes the server', async () => {
    const { fake, url, daemon: d } = await start();
    await d.firstPoll;
    fake.hold();
    void d.scheduler.runNow('poll');
    await flush();
    let stopped = false;
    const stopping = d.stop('SIGTERM').then((r) => {
      stopped = true;
      return r;
    });
    await flush();
    expect(fake.signal()?.aborted).toBe(true);
    expect(stopped).toBe(false);
    expect((await fetch(`${url}readyz`)).status).toBe(503);
    fake.release();
    expect(await stopping).toEqual({ drained: true });
    await expect(fetch(`${url}healthz`)).rejects.toThrow();
    daemon = undefined;
  });

  it('gives up on a pass that outlives shutdown.timeoutSeconds', async () => {
    const { fake, daemon: d } = await start({
      config: config({ shutdown: { timeoutSeconds: 1 } }),
    });
    await d.firstPoll;
    fake.hold();
    void d.scheduler.runNow('poll');
    await flush();
    expect(await d.stop('SIGTERM')).toEqual({ drained: false });
    fake.release();
    daemon = undefined;
  });

  it('guards every endpoint but /healthz with server.token', async () => {
    const { url, daemon: d } = await start({
      config: config({ server: { token: 'pa55-word-long-enough' } }),
    });
    await d.firstPoll;
    for (const path of ['', 'readyz', 'metrics', 'nothing-here']) {
      const denied = await fetch(`${url}${path}`);
      expect(denied.status, path).toBe(401);
      expect(denied.headers.get('www-authenticate')).toMatch(
        /^Basic realm="zoomlink".*, Bearer realm="zoomlink"$/,
      );
      expect(await denied.text()).not.toContain('Boardroom');
    }
    expect(
      (await fetch(`${url}metrics`, { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    const allowed = await fetch(url, {
      headers: { authorization: 'Bearer pa55-word-long-enough' },
    });
    expect(allowed.status).toBe(200);
    const basic = `Basic ${Buffer.from('ops:pa55-word-long-enough').toString('base64')}`;
    expect((await fetch(`${url}readyz`, { headers: { authorization: basic } })).status).toBe(200);
  });

  it('serves GET and HEAD only, and says where to go on a 404', async () => {
    const { url } = await start();
    const post = await fetch(`${url}metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const missing = await fetch(`${url}admin`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(
      /try \/, \/bookings\/<eventId>, \/healthz, \/readyz or \/metrics/,
    );
  });

  it('refuses to serve beyond loopback without a token', async () => {
    await expect(start({ config: config({ server: { host: '0.0.0.0' } }) })).rejects.toMatchObject({
      code: 'DAEMON_SERVER_UNPROTECTED',
    });
    store?.close();
    store = undefined;
  });

  it('says so clearly when the port is taken', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    const other = seededStore();
    await expect(
      startDaemon({
        config: config({ server: { port } }),
        mode: 'live',
        version: '0.1.0',
        engine: fakeEngine(other, () => now).engine,
        store: other,
        metrics: createDaemonMetrics({ version: '0.1.0', mode: 'live' }),
        logger: quietLogger,
        triggers: manualTriggers(),
      }),
    ).rejects.toMatchObject({
      code: 'DAEMON_PORT_IN_USE',
      message: expect.stringContaining(`port ${port}`),
    });
    other.close();
  });

  it('refuses a schedule time zone that is not an IANA zone, naming the field', async () => {
    // A cron expression node-cron cannot read never gets here: the config schema refuses it.
    await expect(
      start({ config: config({ sync: { scheduleTimeZone: 'Mars/Olympus' } }) }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('sync.scheduleTimeZone'),
    });
    store?.close();
    store = undefined;
  });
});
