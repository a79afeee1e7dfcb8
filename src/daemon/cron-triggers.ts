import { createTask } from 'node-cron';
import type { Logger } from '../log.js';

/** Something that calls `fire` on a schedule until stopped (node-cron in the daemon, a hand in tests). */
export interface Trigger {
  stop(): void;
  /** The next time it fires, when known. */
  nextRun(): Date | null;
}

/** `expression` was checked when the configuration loaded (`sync-schema.ts`). */
export type TriggerSource = (expression: string, fire: () => void) => Trigger;

/**
 * Cron triggers on node-cron. The work itself never runs inside node-cron: a trigger only tells
 * the scheduler's lane, which owns overlap, jitter and shutdown. `timeZone` is the zone the
 * fields are read in; UTC by default because node-cron runs a repeated DST hour once, which would
 * pause a minutely poll for an hour each autumn in a zone with DST.
 */
export function cronTriggers(options: { timeZone: string; logger: Logger }): TriggerSource {
  const cronLogger = {
    info: (message: string) => options.logger.debug(message, { component: 'node-cron' }),
    warn: (message: string) => options.logger.warn(message, { component: 'node-cron' }),
    error: (message: string | Error) =>
      options.logger.error(String(message), { component: 'node-cron' }),
    debug: (message: string | Error) =>
      options.logger.debug(String(message), { component: 'node-cron' }),
  };
  return (expression, fire) => {
    const task = createTask(expression, () => fire(), {
      timezone: options.timeZone,
      logger: cronLogger,
      // A late tick (event loop busy) still fires; the lane decides whether it runs.
      suppressMissedWarning: true,
    });
    void task.start();
    return {
      stop: () => void task.destroy(),
      nextRun: () => task.getNextRun(),
    };
  };
}
