import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Scheduler } from './scheduler.js';

export interface DaemonShutdown {
  /** True once `stop` was called. */
  readonly stopping: boolean;
  /** Once only (a second call answers at once): see `daemonShutdown`. */
  stop(reason: string): Promise<{ drained: boolean }>;
}

/**
 * The daemon's stop: no new work starts, the pass in flight is told and may finish, and so may
 * the bookings the workers are on (all within `shutdown.timeoutSeconds`); the bookings not begun
 * stay queued in the store for the next start. Then `close` (the HTTP server). The caller closes
 * the store after.
 */
export function daemonShutdown(options: {
  config: Config;
  scheduler: Scheduler;
  /** Lets the workers start no new booking; resolves when those in flight are done. */
  stopWork: () => Promise<void>;
  logger: Logger;
  close: () => Promise<void>;
}): DaemonShutdown {
  const { config, scheduler, logger } = options;
  const timeoutSeconds = config.shutdown.timeoutSeconds;
  let stopping = false;
  return {
    get stopping() {
      return stopping;
    },
    async stop(reason) {
      if (stopping) return { drained: true };
      stopping = true;
      const running = scheduler.running();
      logger.info('shutting down: no new work; waiting for the pass in flight', {
        reason,
        running: running?.name ?? null,
        timeoutSeconds,
      });
      const deadline = Date.now() + timeoutSeconds * 1000;
      const lane = await scheduler.stop(timeoutSeconds * 1000);
      const work = await within(options.stopWork(), deadline - Date.now());
      const result = lane === 'drained' && work ? 'drained' : 'timed_out';
      await options.close();
      if (result === 'timed_out') {
        logger.warn(
          'shutdown timed out: work in flight was abandoned; its journaled Zoom creates are recovered on the next start',
          { job: running?.name ?? null, timeoutSeconds },
        );
      }
      return { drained: result === 'drained' };
    },
  };
}

/** Whether `work` settled within `ms`. */
async function within(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
