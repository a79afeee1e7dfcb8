import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZoomlinkError } from '../../../src/errors.js';
import { CallPolicy, type CallPolicyOptions } from '../../../src/util/call-policy.js';
import type { PagingStop } from '../../../src/util/paging.js';
import { RateLimiter } from '../../../src/util/rate-limiter.js';
import type { Answer, Handled, PolicyLogger, Upstream } from '../../../src/util/upstream.js';

/**
 * The call policy with a scripted upstream: each request names its host and what each attempt
 * does (`ok`, or a failure the upstream classifies). No I/O, so "did it send?" is exact.
 */
type Step = 'ok' | 'refused' | 'busy' | 'gone' | { busyFor: number };

interface FakeRequest {
  operation: string;
  host: string;
  steps: Step[];
}

class Failure extends ZoomlinkError {
  constructor(
    readonly step: Exclude<Step, 'ok'>,
    retryable: boolean,
  ) {
    super('FAKE_FAILURE', `failed: ${JSON.stringify(step)}`, { retryable });
  }
}

function fakeUpstream() {
  const sent: Array<{ operation: string; credential: string }> = [];
  const refused: string[] = [];
  let tokens = 0;
  let credential = 'token-1';
  const upstream: Upstream<FakeRequest, string, Answer> = {
    hostOf: (request) => request.host,
    credential: () => credential,
    refuse: (_request, old) => {
      refused.push(old);
      tokens += 1;
      credential = `token-${tokens + 1}`;
    },
    send: async (request, token) => {
      sent.push({ operation: request.operation, credential: token });
      const step = request.steps.shift() ?? 'ok';
      if (step === 'ok') return { status: 200, data: { operation: request.operation } };
      throw new Failure(step, step !== 'gone' && step !== 'refused');
    },
    handleError: (thrown): Handled => {
      const step = (thrown as Failure).step;
      if (step === 'refused')
        return { error: thrown, status: 401, next: 'refresh', reason: 'token-expired' };
      if (step === 'gone') return { error: thrown, status: 404, next: 'fail', reason: '404' };
      if (step === 'busy') return { error: thrown, status: 503, next: 'retry', reason: '503' };
      return {
        error: thrown,
        status: 429,
        next: 'retry',
        reason: '429',
        retryAfterMs: step.busyFor,
      };
    },
    unreadable: (request) => new Error(`unreadable answer to ${request.operation}`),
    endlessPages: (stop: PagingStop) => new Error(`endless ${stop.operation} (${stop.why})`),
    describe: (request) => ({ host: request.host }),
  };
  return { upstream, sent, refused };
}

/** A sleep the test ends by hand: every wait is recorded and lasts until `release()`. */
function manualSleep() {
  const waits: number[] = [];
  let releases: Array<() => void> = [];
  return {
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      return new Promise<void>((resolve) => releases.push(resolve));
    },
    release() {
      const now = releases;
      releases = [];
      for (const resolve of now) resolve();
    },
  };
}

/** Lets every promise that can settle settle (the fake upstream does no I/O). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function policyWith(
  options: Partial<CallPolicyOptions<'fake'>> = {},
  sleep: (ms: number) => Promise<void> = async () => undefined,
) {
  const fake = fakeUpstream();
  const events = { calls: [] as number[], retries: [] as string[] };
  const policy = new CallPolicy<'fake', FakeRequest, string, Answer>(
    {
      service: 'fake',
      retry: { maxRetries: 2, baseMs: 10, maxMs: 1000 },
      observer: {
        call: (e) => events.calls.push(e.status),
        retry: (e) => events.retries.push(`${e.attempt}:${e.reason}:${e.delayMs}`),
      },
      hooks: { sleep, random: () => 1 },
      ...options,
    },
    fake.upstream,
  );
  return { policy, events, ...fake };
}

const request = (steps: Step[], host = 'api.example', operation = 'things.get'): FakeRequest => ({
  operation,
  host,
  steps,
});

describe('the call policy', () => {
  describe('token refresh', () => {
    it('replaces a refused credential and sends again, without spending a retry', async () => {
      const { policy, sent, refused, events } = policyWith();
      await policy.call(request(['refused', 'busy', 'busy', 'ok']));
      expect(sent.map((s) => s.credential)).toEqual(['token-1', 'token-2', 'token-2', 'token-2']);
      expect(refused).toEqual(['token-1']);
      // Both retries are still there after the refresh.
      expect(events.retries).toEqual(['1:token-expired:0', '2:503:10', '3:503:20']);
    });

    it('refreshes even with maxRetries 0', async () => {
      const { policy, sent } = policyWith({ retry: { maxRetries: 0, baseMs: 10, maxMs: 1000 } });
      await policy.call(request(['refused', 'ok']));
      expect(sent).toHaveLength(2);
    });

    it('refreshes once per call: a fresh credential refused too ends the call', async () => {
      const { policy, sent } = policyWith();
      await expect(policy.call(request(['refused', 'refused', 'ok']))).rejects.toMatchObject({
        step: 'refused',
      });
      expect(sent).toHaveLength(2);
    });
  });

  describe('retries', () => {
    it('retries a retryable transient failure at most maxRetries times, with backoff', async () => {
      const waits: number[] = [];
      const { policy, sent } = policyWith({}, async (ms) => {
        waits.push(ms);
      });
      await expect(policy.call(request(['busy', 'busy', 'busy', 'ok']))).rejects.toMatchObject({
        step: 'busy',
      });
      expect(sent).toHaveLength(3);
      expect(waits).toEqual([10, 20]);
    });

    it('does not retry what the upstream calls final, nor an error that is not retryable', async () => {
      const { policy, sent, upstream } = policyWith();
      await expect(policy.call(request(['gone', 'ok']))).rejects.toMatchObject({ step: 'gone' });
      expect(sent).toHaveLength(1);
      // A `retry` verdict on an error that may not succeed later is not retried either.
      upstream.handleError = (thrown) => ({ error: thrown, status: 0, next: 'retry', reason: 'x' });
      await expect(policy.call(request(['gone', 'ok']))).rejects.toMatchObject({ step: 'gone' });
      expect(sent).toHaveLength(2);
    });

    it('waits what Retry-After asks, and does not wait for one beyond maxMs', async () => {
      const waits: number[] = [];
      const { policy, sent } = policyWith({}, async (ms) => {
        waits.push(ms);
      });
      await policy.call(request([{ busyFor: 700 }, 'ok']));
      expect(waits).toEqual([700]);
      await expect(policy.call(request([{ busyFor: 1001 }, 'ok']))).rejects.toMatchObject({
        step: { busyFor: 1001 },
      });
      expect(waits).toEqual([700]);
      expect(sent).toHaveLength(3);
    });

    it('logs a retry at warn and a refreshed token at info', async () => {
      const lines: string[] = [];
      const logger: PolicyLogger = {
        debug: (m) => lines.push(`debug ${m}`),
        info: (m) => lines.push(`info ${m}`),
        warn: (m) => lines.push(`warn ${m}`),
        isLevelEnabled: () => false,
      };
      const { policy } = policyWith({ logger });
      await policy.call(request(['refused', 'busy', 'ok']));
      expect(lines).toEqual([
        'info fake token refused; fetching a new one',
        'warn fake call retried',
      ]);
    });
  });

  describe('Retry-After per host', () => {
    it('holds a call that starts while another call to the same host waits out a Retry-After', async () => {
      const clock = manualSleep();
      const { policy, sent } = policyWith({}, clock.sleep);
      const first = policy.call(request([{ busyFor: 500 }, 'ok'], 'api.example', 'first'));
      await settle();
      expect(clock.waits).toEqual([500]);

      const second = policy.call(request(['ok'], 'api.example', 'second'));
      const elsewhere = policy.call(request(['ok'], 'other.example', 'elsewhere'));
      await settle();
      // The other host is not held; the same host is, without a wait of its own.
      expect(sent.map((s) => s.operation)).toEqual(['first', 'elsewhere']);
      expect(clock.waits).toEqual([500]);

      clock.release();
      await Promise.all([first, second, elsewhere]);
      expect(sent.map((s) => s.operation).sort()).toEqual(
        ['elsewhere', 'first', 'first', 'second'].sort(),
      );
    });

    it('keeps the longer of two holds on a host: one wait, which both calls sit out', async () => {
      const clock = manualSleep();
      const { policy, sent } = policyWith({}, clock.sleep);
      const long = policy.call(request([{ busyFor: 900 }, 'ok'], 'api.example', 'long'));
      const short = policy.call(request([{ busyFor: 300 }, 'ok'], 'api.example', 'short'));
      await settle();
      expect(clock.waits).toEqual([900]);
      expect(sent).toHaveLength(2);
      clock.release();
      await Promise.all([long, short]);
      expect(sent).toHaveLength(4);
    });
  });

  describe('the observer', () => {
    it('is told of every exchange and retry, and a throwing observer never breaks a call', async () => {
      const broken = () => {
        throw new Error('metrics are down');
      };
      const { policy, sent } = policyWith({ observer: { call: broken, retry: broken } });
      const answer = await policy.call(request(['busy', 'refused', 'ok']));
      expect(answer.data).toEqual({ operation: 'things.get' });
      expect(sent).toHaveLength(3);
    });

    it('reports the status of each attempt', async () => {
      const { policy, events } = policyWith();
      await policy.call(request(['busy', 'refused', 'ok']));
      expect(events.calls).toEqual([503, 401, 200]);
    });
  });

  describe('schemas', () => {
    it('checks the answer inside the call, and does not retry an unreadable one', async () => {
      const { policy, sent } = policyWith();
      const answer = await policy.call(request(['ok']), z.object({ operation: z.string() }));
      expect(answer.data.operation).toBe('things.get');
      await expect(
        policy.call(request(['ok']), z.object({ operation: z.number() })),
      ).rejects.toThrow('unreadable answer to things.get');
      expect(sent).toHaveLength(2);
    });
  });

  describe('concurrency', () => {
    it('keeps at most `concurrency` exchanges in flight', async () => {
      const fake = fakeUpstream();
      let inFlight = 0;
      let most = 0;
      const send = fake.upstream.send;
      fake.upstream.send = async (req, token) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await settle();
        inFlight -= 1;
        return send(req, token);
      };
      const policy = new CallPolicy<'fake', FakeRequest, string, Answer>(
        { service: 'fake', retry: { maxRetries: 0, baseMs: 1, maxMs: 1 }, concurrency: 2 },
        fake.upstream,
      );
      await Promise.all(Array.from({ length: 6 }, () => policy.call(request(['ok']))));
      expect(most).toBe(2);
    });
  });

  describe('rate limiters', () => {
    /** Limiters that only count: every slot is free at once. */
    const counting = (name: string) => new RateLimiter({ name, ratePerSecond: 1000, burst: 1000 });

    it("passes each attempt through the request's limiters, and slows those the answer names", async () => {
      const fake = fakeUpstream();
      const label = counting('label');
      const project = counting('project');
      fake.upstream.limiters = () => [
        { scope: 'label', limiter: label },
        { scope: 'project', limiter: project },
      ];
      const handle = fake.upstream.handleError;
      fake.upstream.handleError = (thrown, req) => ({
        ...handle(thrown, req),
        ...((thrown as Failure).step === 'busy' ? {} : { slowDown: ['label'] }),
      });
      const policy = new CallPolicy<'fake', FakeRequest, string, Answer>(
        {
          service: 'fake',
          retry: { maxRetries: 3, baseMs: 1, maxMs: 1000 },
          hooks: { sleep: async () => undefined },
        },
        fake.upstream,
      );
      await policy.call(request(['busy', { busyFor: 0 }, 'ok']));
      // Three attempts, three slots of each limiter; only the 429-like answer slowed one down.
      expect(label.status()).toMatchObject({ admitted: 3, slowDowns: 1 });
      expect(project.status()).toMatchObject({ admitted: 3, slowDowns: 0 });
    });

    it('holds a limiter for a Retry-After within the longest wait, not for a longer one', async () => {
      const fake = fakeUpstream();
      const label = counting('label');
      fake.upstream.limiters = () => [{ scope: 'label', limiter: label }];
      const handle = fake.upstream.handleError;
      fake.upstream.handleError = (thrown, req) => ({
        ...handle(thrown, req),
        slowDown: ['label'],
      });
      const policy = new CallPolicy<'fake', FakeRequest, string, Answer>(
        { service: 'fake', retry: { maxRetries: 0, baseMs: 1, maxMs: 1000 } },
        fake.upstream,
      );
      await expect(policy.call(request([{ busyFor: 5000 }]))).rejects.toBeDefined();
      expect(label.status().waitMs).toBe(0);
      await expect(policy.call(request([{ busyFor: 800 }]))).rejects.toBeDefined();
      expect(label.status().waitMs).toBeGreaterThan(700);
    });
  });
});
