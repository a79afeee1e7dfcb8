import { ZoomlinkError } from '../errors.js';

/** A rule that rrule cannot expand without risk of never returning. */
export class RecurrenceNotExpandable extends ZoomlinkError {
  constructor(
    /** What was found, without the advice: "the rule makes more than 50000 instances …". */
    readonly why: string,
    code = 'RECURRENCE_NOT_EXPANDABLE',
  ) {
    super(code, `${why}; zoomlink does not expand it. Use a simpler rule.`);
  }
}

/**
 * An event's expansion ran out of its work budget (`WorkBudget`): its recurrence is too complex
 * to follow. A kind of RecurrenceNotExpandable, so whoever treats that as "no known occurrences"
 * treats this the same; the converter gives it its own reason.
 */
export class RecurrenceTooComplex extends RecurrenceNotExpandable {
  constructor(why: string) {
    super(why, 'RECURRENCE_TOO_COMPLEX');
  }
}
