import { describe, expect, it } from 'vitest';
import {
  convertEvent,
  DEFAULT_WORK_BUDGET,
  expandGoogleSeries,
  RecurrenceNotExpandable,
  RecurrenceTooComplex,
  WorkBudget,
} from '../../../src/recurrence/index.js';
import { at, defaults, timedEvent } from './event-fixture.js';
import { countRuleInstances } from './rule-instance-counter.js';

const now = at('2025-03-03T00:00:00Z');

describe('WorkBudget', () => {
  it('refuses the step that would pass its limit, so what is spent never exceeds it', () => {
    const budget = new WorkBudget(10);
    budget.spend(7, 'a');
    expect(() => budget.spend(4, 'RRULE:FREQ=SECONDLY')).toThrow(RecurrenceTooComplex);
    expect(budget.spent).toBe(7);
    budget.spend(3, 'b');
    expect(budget.remaining).toBe(0);
    expect(() => new WorkBudget(0)).toThrow(RangeError);
  });

  it('is a kind of RecurrenceNotExpandable with its own code', () => {
    const error = new RecurrenceTooComplex('why');
    expect(error).toBeInstanceOf(RecurrenceNotExpandable);
    expect(error.code).toBe('RECURRENCE_TOO_COMPLEX');
  });
});

describe('one budget per event', () => {
  const dailySince2020 = timedEvent('2020-01-06T10:00', 60, 'UTC', ['RRULE:FREQ=DAILY']);

  it('an ordinary series costs a small part of the default', () => {
    const weekly = timedEvent('2020-01-06T10:00', 60, 'Europe/Berlin', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO,TH',
    ]);
    const budget = new WorkBudget();
    expandGoogleSeries(weekly, { from: now, limit: 51, budget });
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.spent).toBeLessThan(DEFAULT_WORK_BUDGET / 20);
  });

  it('a budget too small for the event: recurrence_too_complex, the counter within it', () => {
    const budget = new WorkBudget(1000);
    expect(() => expandGoogleSeries(dailySince2020, { from: now, limit: 51, budget })).toThrow(
      RecurrenceTooComplex,
    );
    expect(budget.spent).toBeLessThanOrEqual(1000);
    const small = convertEvent(dailySince2020, now, { ...defaults, workBudget: 1000 });
    expect(small).toMatchObject({
      strategy: 'no_fixed_time',
      reasonCode: 'recurrence_too_complex',
    });
    expect(convertEvent(dailySince2020, now, defaults).strategy).toBe('series');
  });

  it('is shared by all the lines: two rules that each fit, together do not', () => {
    const one = new WorkBudget();
    expandGoogleSeries(dailySince2020, { from: now, limit: 51, budget: one });
    const limit = Math.ceil(one.spent * 1.5);
    const two = timedEvent('2020-01-06T10:00', 60, 'UTC', [
      'RRULE:FREQ=DAILY',
      'RRULE:FREQ=DAILY;BYHOUR=15',
    ]);
    expect(() =>
      expandGoogleSeries(two, { from: now, limit: 51, budget: new WorkBudget(limit) }),
    ).toThrow(RecurrenceTooComplex);
    expect(
      expandGoogleSeries(dailySince2020, { from: now, limit: 51, budget: new WorkBudget(limit) }),
    ).toHaveLength(51);
  });

  it('RDATE and EXDATE values are paid for too', () => {
    const values = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const day = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000);
        return `${day.toISOString().slice(0, 10).replace(/-/g, '')}T100000Z`;
      }).join(',');
    const spent = (lines: string[]) => {
      const budget = new WorkBudget();
      expandGoogleSeries(timedEvent('2025-03-03T10:00', 60, 'UTC', lines), { limit: 10, budget });
      return budget.spent;
    };
    const rule = 'RRULE:FREQ=WEEKLY;COUNT=3';
    expect(spent([rule, `RDATE:${values(300)}`]) - spent([rule])).toBeGreaterThanOrEqual(300);
    expect(spent([rule, `EXDATE:${values(3200)}`]) - spent([rule])).toBe(200);
    const event = timedEvent('2025-03-03T10:00', 60, 'UTC', [rule, `RDATE:${values(600)}`]);
    expect(() => expandGoogleSeries(event, { limit: 10, budget: new WorkBudget(500) })).toThrow(
      RecurrenceTooComplex,
    );
  });

  it('a rule one period of which holds more instances than the budget is refused unwalked', () => {
    const minutes = Array.from({ length: 60 }, (_, i) => i).join(',');
    const hours = Array.from({ length: 24 }, (_, i) => i).join(',');
    const event = timedEvent('2025-03-03T10:00', 60, 'UTC', [
      `RRULE:FREQ=YEARLY;BYHOUR=${hours};BYMINUTE=${minutes};BYSECOND=0,30`,
    ]);
    const { result, instances } = countRuleInstances(1, () => convertEvent(event, now, defaults));
    expect(result).toMatchObject({
      reasonCode: 'recurrence_too_complex',
      reason: expect.stringContaining('holds up to 1054080 instances'),
    });
    expect(instances).toBe(0);
  });
});

describe('rules rrule would loop on for ever', () => {
  // After a day its BYMONTHDAY filters out, rrule carries the rest of the day as a step of 44
  // minutes and repeats it until the minute is 45, which multiples of 4 never are. (On the code
  // before issue 10 this never returned.)
  it('SECONDLY with BYMINUTE beside a day filter is refused, not followed', () => {
    const event = timedEvent('2024-08-24T20:16:29', 1, 'UTC', [
      'RRULE:FREQ=SECONDLY;BYMONTHDAY=15,28;BYMINUTE=45;BYSECOND=0',
    ]);
    expect(() => expandGoogleSeries(event, { limit: 5 })).toThrow(RecurrenceNotExpandable);
    expect(convertEvent(event, at('2024-08-01T00:00:00Z'), defaults)).toMatchObject({
      reasonCode: 'not_expandable',
    });
  });

  it('MINUTELY with BYHOUR beside BYDAY, in an EXRULE too', () => {
    const event = timedEvent('2025-03-04T20:00', 60, 'UTC', [
      'RRULE:FREQ=WEEKLY;BYDAY=TU',
      'EXRULE:FREQ=MINUTELY;BYHOUR=9;BYDAY=MO',
    ]);
    expect(convertEvent(event, now, defaults)).toMatchObject({ reasonCode: 'not_expandable' });
  });

  it('the same parts without a day filter are followed as before', () => {
    const event = timedEvent('2025-03-04T20:00', 60, 'UTC', [
      'RRULE:FREQ=WEEKLY;BYDAY=TU',
      'EXRULE:FREQ=MINUTELY;BYHOUR=20;BYMINUTE=0',
    ]);
    const result = convertEvent(event, now, defaults);
    expect(result).toMatchObject({ strategy: 'skip', reasonCode: 'finished' });
  });
});
