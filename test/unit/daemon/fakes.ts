import { createLogger } from '../../../src/log.js';
import type { Trigger, TriggerSource } from '../../../src/daemon/cron-triggers.js';
import { Writable } from 'node:stream';

/** A logger that writes nowhere (the lines are not what these tests check). */
export const quietLogger = createLogger({
  level: 'error',
  format: 'json',
  stream: new Writable({ write: (_chunk, _encoding, done) => done() }),
});

/** Triggers fired by hand: `fire(expression)` ticks every job on that schedule. */
export function manualTriggers(): TriggerSource & {
  fire(expression: string): void;
  active(): string[];
} {
  const live = new Map<number, { expression: string; fire: () => void }>();
  let next = 0;
  const source = ((expression: string, fire: () => void): Trigger => {
    const id = next++;
    live.set(id, { expression, fire });
    return { stop: () => void live.delete(id), nextRun: () => null };
  }) as TriggerSource & { fire(expression: string): void; active(): string[] };
  source.fire = (expression) => {
    for (const t of live.values()) if (t.expression === expression) t.fire();
  };
  source.active = () => [...live.values()].map((t) => t.expression);
  return source;
}

/** A promise with its resolve handle, to hold a job open until the test lets it finish. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
