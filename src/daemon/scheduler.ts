import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { TriggerSource, Trigger } from './cron-triggers.js';

/**
 * The daemon's scheduler: cron triggers feed one lane that runs one job at a time. A job is never
 * run twice at once, and never beside another job (a poll and the window pass touch the same
 * links); a trigger that finds its job already waiting or running is skipped and counted. Each
 * scheduled run waits a random jitter first, so many daemons on one schedule do not call the APIs
 * in the same second. `stop()` lets no new work start, cancels waits, tells the running job (its
 * `AbortSignal`) and waits for it, up to a timeout.
 */

export type JobName = 'poll' | 'windows' | 'reconcile';

export interface Job {
  name: JobName;
  /** A cron expression (node-cron syntax, seconds optional). */
  schedule: string;
  run(signal: AbortSignal): Promise<void>;
}

export type JobState = 'idle' | 'waiting' | 'running';

export interface JobStatus {
  name: JobName;
  schedule: string;
  state: JobState;
  runs: number;
  failures: number;
  /** Triggers dropped because the job was already waiting or running. */
  skipped: number;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastOk: boolean | null;
  lastError: string | null;
  nextRunAt: Date | null;
}

export interface RunOutcome {
  job: JobName;
  ok: boolean;
  durationMs: number;
  error?: unknown;
}

export interface SchedulerOptions {
  jobs: Job[];
  triggers: TriggerSource;
  /** The largest random delay before a scheduled run, in ms (0 = none). */
  jitterMs: number;
  logger: Logger;
  now?: () => Date;
  /** A number in [0, 1); `Math.random` by default. */
  random?: () => number;
  /** Waits `ms`, or less when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onRunFinished?: (outcome: RunOutcome) => void;
  onSkipped?: (job: JobName) => void;
}

export interface Scheduler {
  start(): void;
  /** Runs a job without jitter, under the same one-at-a-time rule; false when skipped. */
  runNow(name: JobName): Promise<boolean>;
  /** No new work; waits for the running job up to `timeoutMs`. */
  stop(timeoutMs: number): Promise<'drained' | 'timed_out'>;
  status(): JobStatus[];
  /** The job running now, and since when. */
  running(): { name: JobName; since: Date } | undefined;
  readonly started: boolean;
  readonly stopping: boolean;
}

/** A delay in [0, jitterMs], from a random number in [0, 1). */
export function jitterDelay(jitterMs: number, random: number): number {
  if (jitterMs <= 0) return 0;
  const r = Math.min(Math.max(random, 0), 1);
  return Math.min(jitterMs, Math.floor(r * (jitterMs + 1)));
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

interface Slot {
  job: Job;
  status: JobStatus;
  trigger?: Trigger;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const abort = new AbortController();
  const slots = new Map<JobName, Slot>();
  for (const job of options.jobs) {
    if (slots.has(job.name)) throw new Error(`scheduler: job ${job.name} given twice`);
    slots.set(job.name, {
      job,
      status: {
        name: job.name,
        schedule: job.schedule,
        state: 'idle',
        runs: 0,
        failures: 0,
        skipped: 0,
        lastStartedAt: null,
        lastFinishedAt: null,
        lastOk: null,
        lastError: null,
        nextRunAt: null,
      },
    });
  }
  let lane: Promise<void> = Promise.resolve();
  let current: { name: JobName; since: Date } | undefined;
  let started = false;
  let stopping = false;

  const slotOf = (name: JobName): Slot => {
    const slot = slots.get(name);
    if (!slot) throw new Error(`scheduler: no job named ${name}`);
    return slot;
  };

  const execute = async (slot: Slot): Promise<void> => {
    const { status, job } = slot;
    if (stopping) {
      status.state = 'idle';
      return;
    }
    status.state = 'running';
    const since = now();
    current = { name: job.name, since };
    status.lastStartedAt = since;
    const startedMs = performance.now();
    let outcome: RunOutcome;
    try {
      await job.run(abort.signal);
      outcome = { job: job.name, ok: true, durationMs: performance.now() - startedMs };
      status.lastError = null;
    } catch (error) {
      outcome = { job: job.name, ok: false, durationMs: performance.now() - startedMs, error };
      status.failures += 1;
      status.lastError = describeError(error);
      options.logger.error('scheduled job failed', { job: job.name, error: status.lastError });
    }
    status.runs += 1;
    status.lastOk = outcome.ok;
    status.lastFinishedAt = now();
    status.state = 'idle';
    current = undefined;
    try {
      options.onRunFinished?.(outcome);
    } catch (error) {
      options.logger.warn('scheduler hook failed', { error: describeError(error) });
    }
  };

  /** Claims the job (or reports a skip), optionally waits the jitter, then queues it on the lane. */
  const submit = (name: JobName, withJitter: boolean): Promise<boolean> => {
    const slot = slotOf(name);
    if (stopping) return Promise.resolve(false);
    if (slot.status.state !== 'idle') {
      slot.status.skipped += 1;
      options.logger.debug('skipped a trigger: the job is still waiting or running', { job: name });
      options.onSkipped?.(name);
      return Promise.resolve(false);
    }
    slot.status.state = 'waiting';
    const delay = withJitter ? jitterDelay(options.jitterMs, random()) : 0;
    return sleep(delay, abort.signal).then(() => {
      if (stopping) {
        slot.status.state = 'idle';
        return false;
      }
      const run = lane.then(() => execute(slot));
      lane = run;
      return run.then(() => true);
    });
  };

  return {
    get started() {
      return started;
    },
    get stopping() {
      return stopping;
    },
    start() {
      if (started) return;
      started = true;
      for (const slot of slots.values()) {
        slot.trigger = options.triggers(slot.job.schedule, () => {
          void submit(slot.job.name, true);
        });
      }
    },
    runNow: (name) => submit(name, false),
    async stop(timeoutMs) {
      stopping = true;
      for (const slot of slots.values()) slot.trigger?.stop();
      abort.abort();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timed_out'>((resolve) => {
        timer = setTimeout(() => resolve('timed_out'), timeoutMs);
      });
      const drained = lane.then(() => 'drained' as const);
      const result = await Promise.race([drained, timedOut]);
      clearTimeout(timer);
      return result;
    },
    status: () =>
      [...slots.values()].map((slot) => ({
        ...slot.status,
        nextRunAt: stopping ? null : (slot.trigger?.nextRun() ?? null),
      })),
    running: () => current,
  };
}
