import type { ParsedEvent } from './parse-event.js';
import { visitRule } from './rrule-adapter.js';
import { SUB_DAILY_UNIT_MS, type RuleSpec } from './rule-spec.js';
import type { WorkBudget } from './work-budget.js';
import { DAY_MS, floatingDay, resolveWallClock, wallClockOf } from './zone-time.js';

/** What is asked of the exclusions: the candidate's wall-clock time and its instant. */
export interface ExclusionCandidate {
  floatingMs: number;
  instantMs: number;
}

const YEAR_MS = 366 * DAY_MS;

/** EXDATE values one step of the budget pays for: each is one entry in a set (about 0.3 µs). */
const EXDATES_PER_STEP = 16;

/**
 * EXDATE and EXRULE as one test. The EXDATE values are paid for from the budget, and so is every
 * step of every EXRULE's expansion.
 */
export function exclusionsOf(
  event: ParsedEvent,
  budget: WorkBudget,
): (c: ExclusionCandidate) => boolean {
  const instants = new Set<number>();
  const dates = new Set<number>();
  const exDates = event.recurrence?.exDates ?? [];
  budget.spend(Math.ceil(exDates.length / EXDATES_PER_STEP), `${exDates.length} EXDATE values`);
  for (const value of exDates) {
    if (value.kind === 'instant') instants.add(value.instantMs);
    else if (value.kind === 'floating')
      instants.add(resolveWallClock(value.floatingMs, event.zone).instantMs);
    else dates.add(value.floatingMs);
  }
  const exRules = (event.recurrence?.exRules ?? []).map((rule) =>
    SUB_DAILY_UNIT_MS[rule.freq] !== undefined && rule.count === undefined
      ? new NearCandidateExRule(rule, event, budget)
      : new ExRuleIndex(rule, event, budget),
  );
  return (c) =>
    instants.has(c.instantMs) ||
    dates.has(floatingDay(c.floatingMs)) ||
    exRules.some((exRule) => exRule.has(c.floatingMs));
}

/** The last floating time an EXRULE can make (its UNTIL as wall-clock time), or +∞. */
function untilFloatingOf(rule: RuleSpec, event: ParsedEvent): number {
  const until = rule.until;
  if (until === undefined) return Number.POSITIVE_INFINITY;
  if (until.kind === 'utc') return wallClockOf(until.instantMs, event.zone);
  if (until.kind === 'date') return until.floatingMs + DAY_MS - 1000;
  return until.floatingMs;
}

/**
 * The floating instances of an EXRULE, computed as far as they are asked for. rrule can only
 * iterate from DTSTART, so the horizon doubles each time it must grow: the total work stays
 * about twice the instances up to the furthest question.
 */
class ExRuleIndex {
  private readonly instances = new Set<number>();
  private readonly untilFloating: number;
  private horizon: number;

  constructor(
    private readonly rule: RuleSpec,
    private readonly event: ParsedEvent,
    private readonly budget: WorkBudget,
  ) {
    this.untilFloating = untilFloatingOf(rule, event);
    this.horizon = event.startFloatingMs - 1;
  }

  has(floatingMs: number): boolean {
    if (floatingMs > this.horizon && this.horizon < this.untilFloating) {
      const start = this.event.startFloatingMs;
      let next = start + YEAR_MS;
      while (next < floatingMs) next = start + (next - start) * 2;
      const horizon = Math.min(next, this.untilFloating);
      this.instances.clear();
      visitRule(
        this.rule,
        start,
        horizon,
        (instance) => {
          this.instances.add(instance);
          return true;
        },
        this.budget,
      );
      this.horizon = next;
    }
    return this.instances.has(floatingMs);
  }
}

/**
 * An EXRULE finer than a day (and without COUNT), asked only about the candidates themselves:
 * expanded from DTSTART it makes up to 86,400 instances a day, and a weekly series asks about
 * dates years ahead (issue 10: EXRULE:FREQ=SECONDLY took over 60 s and 2 GB).
 *
 * On floating time such a rule is periodic: its periods start at DTSTART + k × INTERVAL × unit
 * (no DST, no months), and whether a period makes an instance depends only on that period's own
 * calendar fields (BYMONTH, BYDAY, BYHOUR …). So the rule followed from the period one before the
 * candidate's makes the same instances there as the rule followed from DTSTART; only COUNT, which
 * depends on every instance before, breaks this, and such a rule is expanded whole (on the budget).
 */
class NearCandidateExRule {
  private readonly periodMs: number;
  private readonly untilFloating: number;
  /** Answers given: a series expanded in doubling passes asks about the same candidates again. */
  private readonly answers = new Map<number, boolean>();

  constructor(
    private readonly rule: RuleSpec,
    private readonly event: ParsedEvent,
    private readonly budget: WorkBudget,
  ) {
    this.periodMs = SUB_DAILY_UNIT_MS[rule.freq]! * rule.interval;
    this.untilFloating = untilFloatingOf(rule, event);
  }

  has(floatingMs: number): boolean {
    const start = this.event.startFloatingMs;
    if (floatingMs < start || floatingMs > this.untilFloating) return false;
    let answer = this.answers.get(floatingMs);
    if (answer === undefined) {
      answer = this.follow(floatingMs);
      this.answers.set(floatingMs, answer);
    }
    return answer;
  }

  /** Follows the rule from the period before the candidate's up to the candidate. */
  private follow(floatingMs: number): boolean {
    const start = this.event.startFloatingMs;
    const periods = Math.floor((floatingMs - start) / this.periodMs);
    const from = start + Math.max(0, periods - 1) * this.periodMs;
    let found = false;
    visitRule(
      this.rule,
      from,
      floatingMs,
      (instance) => {
        if (instance === floatingMs) found = true;
        return instance < floatingMs;
      },
      this.budget,
    );
    return found;
  }
}
