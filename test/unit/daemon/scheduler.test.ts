import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createScheduler,
  jitterDelay,
  type Job,
  type JobName,
} from '../../../src/daemon/scheduler.js';
import { deferred, flush, manualTriggers, quietLogger } from './fakes.js';

/** Jobs whose runs the test holds open and releases, recording how many run at once. */
function heldJobs(names: JobName[]) {
  const gates: Array<{ name: JobName; release: () => void; signal: AbortSignal }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const started: JobName[] = [];
  const jobs: Job[] = names.map((name) => ({
    name,
    schedule: `@${name}`,
    run: async (signal) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      started.push(name);
      const gate = deferred();
      gates.push({ name, release: () => gate.resolve(), signal });
      await gate.promise;
      inFlight -= 1;
    },
  }));
  return {
    jobs,
    started,
    gates,
    maxInFlight: () => maxInFlight,
    releaseAll: () => gates.splice(0).forEach((g) => g.release()),
  };
}

function scheduler(jobs: Job[], extra: { jitterMs?: number; sleeps?: number[] } = {}) {
  const triggers = manualTriggers();
  const sleeps = extra.sleeps ?? [];
  const s = createScheduler({
    jobs,
    triggers,
    jitterMs: extra.jitterMs ?? 0,
    logger: quietLogger,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  s.start();
  return { s, triggers, sleeps };
}

describe('jitterDelay', () => {
  it('is 0 without jitter and never more than the jitter', () => {
    expect(jitterDelay(0, 0.99)).toBe(0);
    expect(jitterDelay(10_000, 0)).toBe(0);
    expect(jitterDelay(10_000, 0.999999)).toBe(10_000);
    expect(jitterDelay(10_000, 0.5)).toBe(5000);
  });

  it('stays within [0, jitterMs] for any random number in [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (jitterMs, r) => {
          const d = jitterDelay(jitterMs, r);
          return Number.isInteger(d) && d >= 0 && d <= jitterMs;
        },
      ),
    );
  });

  it('spreads over the whole range (a larger random number never waits less)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (jitterMs, a, b) =>
          jitterDelay(jitterMs, Math.min(a, b)) <= jitterDelay(jitterMs, Math.max(a, b)),
      ),
    );
  });
});

describe('scheduler', () => {
  it('never overlaps a job with itself: ticks during a run are skipped and counted', async () => {
    const held = heldJobs(['poll']);
    const { s, triggers } = scheduler(held.jobs);
    triggers.fire('@poll');
    await flush();
    expect(held.started).toEqual(['poll']);
    for (let i = 0; i < 4; i += 1) triggers.fire('@poll');
    await flush();
    expect(held.started).toEqual(['poll']);
    expect(s.status()[0]).toMatchObject({ state: 'running', skipped: 4 });
    held.releaseAll();
    await flush();
    expect(s.status()[0]).toMatchObject({ state: 'idle', runs: 1, lastOk: true });
    triggers.fire('@poll');
    await flush();
    expect(held.started).toEqual(['poll', 'poll']);
    held.releaseAll();
    await s.stop(1000);
  });

  it('runs one job at a time across jobs: the window pass waits for the poll', async () => {
    const held = heldJobs(['poll', 'windows', 'reconcile']);
    const { s, triggers } = scheduler(held.jobs);
    triggers.fire('@poll');
    triggers.fire('@windows');
    triggers.fire('@reconcile');
    await flush();
    expect(held.started).toEqual(['poll']);
    expect(s.status().map((j) => j.state)).toEqual(['running', 'waiting', 'waiting']);
    // A poll tick while windows and reconcile still wait: poll is running, so skipped.
    triggers.fire('@poll');
    held.releaseAll();
    await flush();
    expect(held.started).toEqual(['poll', 'windows']);
    held.releaseAll();
    await flush();
    held.releaseAll();
    await flush();
    expect(held.started).toEqual(['poll', 'windows', 'reconcile']);
    expect(held.maxInFlight()).toBe(1);
    await s.stop(1000);
  });

  it('never overlaps under any interleaving of ticks and completions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom<JobName>('poll', 'windows', 'reconcile'),
            fc.constant('finish' as const),
          ),
          {
            maxLength: 40,
          },
        ),
        async (steps) => {
          const held = heldJobs(['poll', 'windows', 'reconcile']);
          const { s, triggers } = scheduler(held.jobs);
          for (const step of steps) {
            if (step === 'finish') held.gates.shift()?.release();
            else triggers.fire(`@${step}`);
            await flush();
          }
          const stopped = s.stop(1000);
          held.releaseAll();
          await stopped;
          const counted = s.status().reduce((n, j) => n + j.runs, 0);
          return held.maxInFlight() <= 1 && counted === held.started.length;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('waits a jitter before scheduled runs, never before runNow', async () => {
    const sleeps: number[] = [];
    const held = heldJobs(['poll']);
    const { s, triggers } = scheduler(held.jobs, { jitterMs: 10_000, sleeps });
    await Promise.all([
      s.runNow('poll'),
      (async () => {
        await flush();
        held.releaseAll();
      })(),
    ]);
    triggers.fire('@poll');
    await flush();
    held.releaseAll();
    await flush();
    expect(sleeps).toEqual([0, 5000]);
    await s.stop(1000);
  });

  it('records a failed run and goes on with the next', async () => {
    let calls = 0;
    const { s } = scheduler([
      {
        name: 'poll',
        schedule: '@poll',
        run: async () => {
          calls += 1;
          if (calls === 1) throw new Error('Google said no');
        },
      },
    ]);
    expect(await s.runNow('poll')).toBe(true);
    expect(s.status()[0]).toMatchObject({
      failures: 1,
      lastOk: false,
      lastError: 'Google said no',
    });
    expect(await s.runNow('poll')).toBe(true);
    expect(s.status()[0]).toMatchObject({ runs: 2, failures: 1, lastOk: true, lastError: null });
    await s.stop(1000);
  });

  it('on stop: no new work, the running job is told and awaited, triggers are removed', async () => {
    const held = heldJobs(['poll', 'windows']);
    const { s, triggers } = scheduler(held.jobs);
    triggers.fire('@poll');
    triggers.fire('@windows');
    await flush();
    const stopping = s.stop(5000);
    expect(held.gates[0]!.signal.aborted).toBe(true);
    expect(triggers.active()).toEqual([]);
    expect(await s.runNow('poll')).toBe(false);
    held.releaseAll();
    expect(await stopping).toBe('drained');
    await flush();
    expect(held.started).toEqual(['poll']); // windows was waiting: it never starts
  });

  it('gives up waiting after the timeout when the running job does not finish', async () => {
    const held = heldJobs(['poll']);
    const { s } = scheduler(held.jobs);
    void s.runNow('poll');
    await flush();
    expect(await s.stop(30)).toBe('timed_out');
    held.releaseAll();
  });

  it('cancels a jitter wait on stop, so the job never starts', async () => {
    const ran: string[] = [];
    const triggers = manualTriggers();
    const s = createScheduler({
      jobs: [{ name: 'poll', schedule: '@poll', run: async () => void ran.push('poll') }],
      triggers,
      jitterMs: 60_000,
      logger: quietLogger,
      random: () => 0.9,
    });
    s.start();
    triggers.fire('@poll');
    expect(s.status()[0]!.state).toBe('waiting');
    expect(await s.stop(1000)).toBe('drained');
    await flush();
    expect(ran).toEqual([]);
    expect(s.status()[0]!.state).toBe('idle');
  });
});
