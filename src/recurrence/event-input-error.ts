import { ZoomlinkError } from '../errors.js';

/**
 * A Google event resource the engine cannot read: a missing start, an unknown time zone, a
 * malformed RRULE, an end before the start. `field` names where (`start.timeZone`,
 * `recurrence[0]`), and the message starts with it, so one line tells a person what to fix.
 * Not retryable: the same event fails the same way until someone edits it.
 */
export class EventInputError extends ZoomlinkError {
  readonly field: string;

  constructor(field: string, problem: string) {
    // One line, whatever the event contained: the CLI prints it as the single line on stderr.
    super('EVENT_INVALID', `${field}: ${problem}`.replace(/\r?\n/g, '\\n'));
    this.field = field;
  }
}
