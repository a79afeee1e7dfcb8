import { parseDateValues, type DateValue } from './date-values.js';
import { EventInputError } from './event-input-error.js';
import { parseRule } from './parse-rrule.js';
import type { RuleSpec } from './rule-spec.js';

/** An event's `recurrence` lines, parsed: the set is ∪ rules ∪ RDATE − EXRULE − EXDATE. */
export interface ParsedRecurrence {
  rules: RuleSpec[];
  exRules: RuleSpec[];
  rDates: DateValue[];
  exDates: DateValue[];
}

/**
 * Parses Google's `recurrence` array (RRULE, EXRULE, RDATE and EXDATE lines, RFC 5545, no DTSTART
 * — Google keeps that in `start`). Each problem names its line: `recurrence[2]: …`.
 */
export function parseRecurrence(lines: unknown): ParsedRecurrence {
  if (!Array.isArray(lines)) throw new EventInputError('recurrence', 'must be an array of strings');
  const parsed: ParsedRecurrence = { rules: [], exRules: [], rDates: [], exDates: [] };
  lines.forEach((line: unknown, index) => {
    const field = `recurrence[${index}]`;
    if (typeof line !== 'string') throw new EventInputError(field, 'must be a string');
    const { name, params, value } = splitContentLine(line, field);
    switch (name) {
      case 'RRULE':
        parsed.rules.push(parseRule(value, field));
        break;
      case 'EXRULE':
        parsed.exRules.push(parseRule(value, field));
        break;
      case 'RDATE':
        parsed.rDates.push(...parseDateValues(params, value, field));
        break;
      case 'EXDATE':
        parsed.exDates.push(...parseDateValues(params, value, field));
        break;
      case 'DTSTART':
        throw new EventInputError(
          field,
          'DTSTART does not belong in recurrence; Google keeps it in start',
        );
      default:
        throw new EventInputError(field, `"${name}" is not RRULE, EXRULE, RDATE or EXDATE`);
    }
  });
  return parsed;
}

/** `NAME;P1=V1;P2="V2":VALUE` → its parts; the first colon outside quotes ends the parameters. */
function splitContentLine(
  line: string,
  field: string,
): { name: string; params: Map<string, string>; value: string } {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new EventInputError(field, `"${line}" has no NAME: before its value`);
  const [name = '', ...paramTexts] = line.slice(0, colon).split(';');
  const params = new Map<string, string>();
  for (const text of paramTexts) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new EventInputError(field, `parameter "${text}" is not NAME=VALUE`);
    params.set(
      text.slice(0, eq).trim().toUpperCase(),
      text
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  const value = line.slice(colon + 1).trim();
  if (value === '') throw new EventInputError(field, `${name.trim().toUpperCase()} has no value`);
  return { name: name.trim().toUpperCase(), params, value };
}
