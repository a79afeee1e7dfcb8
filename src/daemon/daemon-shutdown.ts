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
 * The daemon's stop: no new work starts, the pass in flight is told and may finish (bounded by
 * `shutdown.timeoutSeconds`), then `close` (the HTTP server). The caller closes the store after.
 */
export function daemonShutdown(options: {
  config: Config;
  scheduler: Scheduler;
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
      const result = await scheduler.stop(timeoutSeconds * 1000);
      await options.close();
      if (result === 'timed_out') {
        logger.warn(
          'shutdown timed out: the pass in flight was abandoned; its journaled Zoom creates are recovered on the next start',
          { job: running?.name ?? null, timeoutSeconds },
        );
      }
      return { drained: result === 'drained' };
    },
  };
}
