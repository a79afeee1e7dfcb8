import { afterEach, describe, expect, it } from 'vitest';
import {
  answerDelay,
  choice,
  EmulatorServer,
  FaultInjector,
  Router,
  Switches,
  type CallSummary,
} from '../../../src/emulators/kit/index.js';

const dialect = {
  errorReply: (status: number, message: string, extra?: { retryAfter?: string }) => ({
    status,
    headers: extra?.retryAfter ? { 'retry-after': extra.retryAfter } : undefined,
    body: { code: status, message },
  }),
  notFound: (method: string, path: string) => ({
    status: 404,
    body: { code: 404, message: `${method} ${path}` },
  }),
};

describe('emulator kit', () => {
  let server: EmulatorServer<{ mode: { values: readonly ['a', 'b'] } }> | undefined;
  afterEach(async () => server?.close());

  it('routes with decoded params and reports the methods a path allows', () => {
    const router = new Router().add('GET', '/c/:id/events', () => ({ status: 200 }));
    const hit = router.match('GET', '/c/room%40example.com/events');
    expect(hit.route && hit.params).toEqual({ id: 'room@example.com' });
    const miss = router.match('PUT', '/c/x/events');
    expect(miss.route).toBeUndefined();
    expect('allowed' in miss && miss.allowed).toEqual(['GET']);
  });

  it('uses up fault rules in order, after skipping', () => {
    const faults = new FaultInjector();
    faults.add({ path: '/v2/meetings', kind: 'status', status: 500, count: 2, skip: 1 });
    const take = () => faults.take('GET', '/v2/meetings/1', 'GET /v2/meetings/:meetingId')?.status;
    expect([take(), take(), take(), take()]).toEqual([undefined, 500, 500, undefined]);
    expect(() => faults.add({ path: 'x', kind: 'status', status: 500 })).toThrow(/path/);
  });

  it('refuses unknown switches and values, naming them', () => {
    const switches = new Switches({ mode: choice('a', 'b') });
    expect(switches.get('mode')).toBe('a');
    expect(() => switches.update({ mode: 'c' })).toThrow(/"mode" must be one of "a", "b"; got "c"/);
    expect(() => switches.update({ other: 1 })).toThrow(/unknown switch "other"/);
  });

  it('counts calls, injects faults and answers the control API over HTTP', async () => {
    server = new EmulatorServer(dialect, { mode: choice('a', 'b') });
    server.route('GET', '/v2/things/:id', (ctx) => {
      ctx.tag('host', 'h1');
      return { status: 200, body: { id: ctx.params.id, mode: server!.switches.get('mode') } };
    });
    const { url } = await server.listen();
    const get = (path: string) => fetch(`${url}${path}`);
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });

    expect(await (await get('/v2/things/7')).json()).toEqual({ id: '7', mode: 'a' });
    await post('/_emulator/faults', {
      path: '/v2/things',
      kind: 'status',
      status: 429,
      retryAfter: '2',
    });
    const limited = await get('/v2/things/7');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    await post('/_emulator/faults', { path: '/v2/things', kind: 'drop' });
    await expect(get('/v2/things/7')).rejects.toThrow();
    expect((await get('/v2/nothing')).status).toBe(404);
    await post('/_emulator/switches', { mode: 'b' });
    expect(await (await get('/v2/things/8')).json()).toEqual({ id: '8', mode: 'b' });
    expect((await post('/_emulator/switches', { mode: 'z' })).status).toBe(400);

    const calls = (await (await get('/_emulator/calls')).json()) as CallSummary;
    expect(calls.total).toBe(5);
    expect(calls.byRoute['GET /v2/things/:id']).toBe(4);
    expect(calls.byTag.host?.h1?.['GET /v2/things/:id']).toBe(2);

    const before = Date.now();
    const clock = (await (await post('/_emulator/clock', { advanceMs: 86_400_000 })).json()) as {
      now: string;
    };
    expect(Date.parse(clock.now) - before).toBeGreaterThanOrEqual(86_400_000);
  });

  it('answers after latencyMs ± latencyJitterMs when the switches say so (control calls at once)', async () => {
    server = new EmulatorServer(dialect, { mode: choice('a', 'b') });
    server.route('GET', '/v2/things', () => ({ status: 200, body: {} }));
    const { url } = await server.listen();
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(server.switches.values()).toMatchObject({ latencyMs: 0, latencyJitterMs: 0 });
    expect((await post('/_emulator/switches', { latencyMs: -1 })).status).toBe(400);
    expect((await post('/_emulator/switches', { latencyMs: 1.5 })).status).toBe(400);
    expect((await post('/_emulator/switches', { latencyMs: 150, latencyJitterMs: 0 })).status).toBe(
      200,
    );
    // Never sooner than the latency (how much later depends on the machine).
    const started = performance.now();
    expect((await fetch(`${url}/v2/things`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
  });

  it('spreads the latency evenly over latency ± jitter, never below 0', () => {
    expect(answerDelay(0, 0, () => 0.9)).toBe(0);
    expect(answerDelay(100, 30, () => 0)).toBe(70);
    expect(answerDelay(100, 30, () => 0.5)).toBe(100);
    expect(answerDelay(100, 30, () => 1)).toBe(130);
    expect(answerDelay(10, 30, () => 0)).toBe(0);
  });
});
