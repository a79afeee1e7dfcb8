import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import type { QueuedBooking } from '../../../src/store/index.js';
import type { BookingQueue } from '../../../src/sync/passes/booking-queue.js';
import { WorkerPool } from '../../../src/sync/passes/worker-pool.js';

const booking = (bookingId: string): QueuedBooking => ({
  bookingId,
  priorityAt: '2030-03-04T09:00:00.000Z',
  events: [],
  version: 1,
  heldRoom: null,
  queuedAt: '2030-03-04T08:00:00.000Z',
  updatedAt: '2030-03-04T08:00:00.000Z',
});

describe('the worker pool', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onRejection);
  });

  it('logs a store that fails when the next booking is taken, and is idle once nothing is in flight', async () => {
    process.on('unhandledRejection', onRejection);
    const lines: string[] = [];
    const logger = createLogger({
      format: 'json',
      stream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    let taken = 0;
    // The store closes while the first booking is worked (a shutdown that stopped waiting).
    const queue = {
      take: () => {
        taken += 1;
        if (taken === 1) return booking('first');
        if (taken <= 3) return undefined;
        throw new Error('the store is closed');
      },
    } as unknown as BookingQueue;
    const worked: string[] = [];
    const pool = new WorkerPool({
      queue,
      concurrency: 4,
      logger,
      reading: () => false,
      work: async (b) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        worked.push(b.bookingId);
      },
    });
    pool.kick();
    expect(pool.busy).toBe(1);
    let idle = false;
    void pool.whenIdle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(worked).toEqual(['first']);
    expect(idle).toBe(true);
    expect(pool.busy).toBe(0);
    expect(rejections).toEqual([]);
    expect(lines.join('')).toContain('taking the next queued booking failed');
  });
});
