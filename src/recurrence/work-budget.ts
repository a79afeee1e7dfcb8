import { RecurrenceTooComplex } from './expansion-errors.js';

/**
 * Steps of work one event's expansion may take: every rule instance visited, every period a rule
 * steps through, every iterator set up, every RDATE and EXDATE value — across all of the event's
 * recurrence lines. A step is about 5–10 µs of rrule's work, so the default is a quarter to half
 * a second of one core at worst. Ordinary bookings cost far less: a weekly series from 2000
 * expanded 20 years ahead about 3,000 steps, a daily one from 1990 about 26,000.
 */
export const DEFAULT_WORK_BUDGET = 50_000;

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
