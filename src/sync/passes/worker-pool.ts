import type { QueuedBooking } from '../../store/index.js';
import type { Logger } from '../../log.js';
import { describeError } from '../apply/failures.js';
import type { BookingQueue } from './booking-queue.js';

/**
 * The workers: at most `concurrency` bookings at once, each taken from the queue soonest meeting
 * first and worked by `work`; never two on one booking (a booking in flight is not handed out,
 * and a newer version of it waits in its row until the worker is done). `stop` lets no new
 * booking start and waits for those in flight; what is left stays queued in the store.
 */
export interface WorkerPoolOptions {
  queue: BookingQueue;
  concurrency: number;
  work: (booking: QueuedBooking, stopping: () => boolean) => Promise<void>;
  /** True while a room is being read (more work may come; instances may wait for it). */
  reading: () => boolean;
  logger: Logger;
}

export class WorkerPool {
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Bookings whose work threw (the store failed): left queued, not taken again until `retry`. */
  private readonly setAside = new Set<string>();
  private stopping = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Bookings being worked on now. */
  get busy(): number {
    return this.inFlight.size;
  }

  /** Starts workers for queued bookings, up to `concurrency`. Call after queuing something. */
  kick(): void {
    while (!this.stopping && this.inFlight.size < this.options.concurrency) {
      const booking = this.options.queue.take([...this.inFlight.keys(), ...this.setAside]);
      if (!booking) break;
      this.start(booking);
    }
    this.checkIdle();
  }

  /** Bookings set aside after a failure of the store are taken again (each poll starts so). */
  retrySetAside(): void {
    this.setAside.clear();
  }

  /** Resolves when nothing is in flight, nothing is being read and nothing takeable is queued. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.kick();
    });
  }

  /** No new booking starts; resolves when those in flight are done. */
  async stop(): Promise<void> {
    this.stopping = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
    this.checkIdle();
  }

  get stopped(): boolean {
    return this.stopping;
  }

  private start(booking: QueuedBooking): void {
    const { bookingId } = booking;
    const run = (async () => {
      try {
        await this.options.work(booking, () => this.stopping);
      } catch (error) {
        this.setAside.add(bookingId);
        this.options.logger.error('working a queued booking failed; it stays queued', {
          eventId: bookingId,
          error: describeError(error),
        });
      }
    })();
    this.inFlight.set(bookingId, run);
    void run.finally(() => {
      this.inFlight.delete(bookingId);
      this.next();
    });
  }

  /**
   * The next booking after one is done. The store may fail here (closed by a shutdown that gave
   * up waiting, a broken disk) with no caller to tell: logged, and what is queued stays in the
   * store for the next poll; whoever waits for the pool to be idle is told once nothing is in
   * flight.
   */
  private next(): void {
    try {
      this.kick();
    } catch (error) {
      this.options.logger.error('taking the next queued booking failed; the queue stays stored', {
        error: describeError(error),
      });
      this.checkIdle();
    }
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0 || this.inFlight.size > 0) return;
    if (!this.stopping && this.options.reading()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
