import { RecurrenceTooComplex } from './expansion-errors.js';

/**
 * Steps of work one event's expansion may take: every rule instance visited, every period a rule
 * steps through, every iterator set up, every RDATE value and every sixteen EXDATE values —
 * across all of the event's recurrence lines. A step is about 5–15 µs of rrule's work (and of
 * placing what it makes), so the default is at most a few tenths of a second of one core.
 * Ordinary bookings cost far less: expanded for their next 51 occurrences in 2025, a weekly
 * series since 2020 takes about 650 steps, a weekday series since 2000 about 8,000, a daily one
 * since 2010 about 11,000 (a daily one since 1990, 26,000, gets the fallback).
 */
export const DEFAULT_WORK_BUDGET = 20_000;

/**
 * One event's work budget, shared by every expansion of its lines (a counter, never the clock).
 * `spend` refuses the step that would pass the limit, so `spent` never exceeds it.
 */
export class WorkBudget {
  private used = 0;

  constructor(readonly limit: number = DEFAULT_WORK_BUDGET) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`a work budget must be a positive integer, not ${limit}`);
  }

  get spent(): number {
    return this.used;
  }

  get remaining(): number {
    return this.limit - this.used;
  }

  /** Takes `steps` from the budget, or throws RecurrenceTooComplex naming `what` cost them. */
  spend(steps: number, what: string): void {
    if (this.used + steps > this.limit) {
      throw new RecurrenceTooComplex(
        `expanding it takes more than ${this.limit} steps of work (${what})`,
      );
    }
    this.used += steps;
  }
}
