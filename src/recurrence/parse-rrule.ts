import { EventInputError } from './event-input-error.js';
import {
  WEEKDAY_CODES,
  type ByDay,
  type Frequency,
  type RuleSpec,
  type RuleWeekday,
  type Until,
} from './rule-spec.js';
import { floatingOf } from './zone-time.js';

const FREQUENCIES: readonly Frequency[] = [
  'YEARLY',
  'MONTHLY',
  'WEEKLY',
  'DAILY',
  'HOURLY',
  'MINUTELY',
  'SECONDLY',
];

type IntListPart =
  | 'BYMONTHDAY'
  | 'BYMONTH'
  | 'BYYEARDAY'
  | 'BYWEEKNO'
  | 'BYSETPOS'
  | 'BYHOUR'
  | 'BYMINUTE'
  | 'BYSECOND';

/** Allowed values of each numeric list part (RFC 5545 §3.3.10); `signed` parts also take -max..-1. */
const INT_LISTS: Record<IntListPart, { min: number; max: number; signed: boolean }> = {
  BYMONTHDAY: { min: 1, max: 31, signed: true },
  BYMONTH: { min: 1, max: 12, signed: false },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
  BYSETPOS: { min: 1, max: 366, signed: true },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYSECOND: { min: 0, max: 60, signed: false },
};

const KNOWN_PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'WKST',
  'BYDAY',
  ...Object.keys(INT_LISTS),
]);

/**
 * Parses the value of an RRULE or EXRULE line (`FREQ=WEEKLY;BYDAY=MO;UNTIL=…`). Strict about
 * syntax: an unknown part, a value outside RFC 5545's grammar or a repeated part is an
 * `EventInputError` on `field`, naming the part — a rule read loosely is a meeting on wrong days.
 *
 * Lenient about meaning, as Google (which shows such events with their occurrences) and
 * python-dateutil, whose port `rrule` expands them, are: a part RFC 5545 leaves undefined for the
 * frequency (an ordinal BYDAY in a WEEKLY rule, BYWEEKNO outside YEARLY, BYYEARDAY with MONTHLY,
 * BYMONTHDAY with WEEKLY, BYSETPOS alone, COUNT beside UNTIL) is kept, and the expansion does with
 * it what dateutil does (an ordinal outside MONTHLY and YEARLY is read as the plain weekday, the
 * other parts filter the days, and COUNT and UNTIL both end the rule). An event with occurrences
 * always gets a meeting; only input that is not a rule at all is refused.
 */
export function parseRule(value: string, field: string): RuleSpec {
  const fail = (problem: string): never => {
    throw new EventInputError(field, `${problem} (in "${value}")`);
  };
  const parts = new Map<string, string>();
  for (const piece of value.split(';')) {
    if (piece.trim() === '') continue;
    const eq = piece.indexOf('=');
    if (eq <= 0) fail(`"${piece}" is not NAME=VALUE`);
    const name = piece.slice(0, eq).trim().toUpperCase();
    const val = piece.slice(eq + 1).trim();
    if (!KNOWN_PARTS.has(name)) fail(`unknown rule part ${name}`);
    if (parts.has(name)) fail(`${name} is given twice`);
    if (val === '') fail(`${name} has no value`);
    parts.set(name, val);
  }

  const freqText = parts.get('FREQ');
  if (freqText === undefined) return fail('FREQ is missing');
  const freq = FREQUENCIES.find((f) => f === freqText.toUpperCase());
  if (!freq) return fail(`FREQ=${freqText} is not one of ${FREQUENCIES.join(', ')}`);

  // Up to ten digits: COUNT=1000000000 is a rule people (and tools) write; the work budget, not
  // the parser, keeps its expansion bounded.
  const positive = (name: string): number | undefined => {
    const text = parts.get(name);
    if (text === undefined) return undefined;
    if (!/^\d{1,10}$/.test(text) || Number(text) < 1)
      fail(`${name}=${text} is not a positive integer`);
    return Number(text);
  };
  const interval = positive('INTERVAL') ?? 1;
  const count = positive('COUNT');
  const untilText = parts.get('UNTIL');
  const until = untilText === undefined ? undefined : parseUntil(untilText, fail);

  const wkstText = parts.get('WKST')?.toUpperCase() ?? 'MO';
  const wkst = WEEKDAY_CODES.indexOf(wkstText as (typeof WEEKDAY_CODES)[number]);
  if (wkst < 0) fail(`WKST=${wkstText} is not a weekday (MO..SU)`);

  const byDay = parseByDay(parts.get('BYDAY'), fail);
  const intList = (name: IntListPart): number[] => {
    const text = parts.get(name);
    if (text === undefined) return [];
    const { min, max, signed } = INT_LISTS[name];
    return text.split(',').map((item) => {
      const t = item.trim();
      if (!/^[+-]?\d{1,3}$/.test(t)) fail(`${name} value "${t}" is not an integer`);
      const n = Number(t);
      const magnitude = Math.abs(n);
      if ((n < 0 && !signed) || magnitude < min || magnitude > max) {
        fail(`${name} value ${t} is outside ${signed ? `±${min}..${max}` : `${min}..${max}`}`);
      }
      return n;
    });
  };

  const spec: RuleSpec = {
    freq,
    interval,
    wkst: wkst as RuleWeekday,
    byDay,
    byMonthDay: intList('BYMONTHDAY'),
    byMonth: intList('BYMONTH'),
    byYearDay: intList('BYYEARDAY'),
    byWeekNo: intList('BYWEEKNO'),
    bySetPos: intList('BYSETPOS'),
    byHour: intList('BYHOUR'),
    byMinute: intList('BYMINUTE'),
    bySecond: intList('BYSECOND'),
    source: value,
  };
  if (count !== undefined) spec.count = count;
  if (until !== undefined) spec.until = until;
  return spec;
}

function parseUntil(text: string, fail: (problem: string) => never): Until {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/i.exec(text);
  if (!m) return fail(`UNTIL=${text} is not YYYYMMDD or YYYYMMDDTHHMMSS[Z]`);
  const [, y, mo, d, h, mi, s, z] = m;
  const floating = floatingOf(
    Number(y),
    Number(mo),
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  );
  if (
    !isRealDate(floating, Number(y), Number(mo), Number(d)) ||
    Number(h ?? 0) > 23 ||
    Number(mi ?? 0) > 59 ||
    Number(s ?? 0) > 60
  ) {
    return fail(`UNTIL=${text} is not a real date`);
  }
  if (h === undefined) return { kind: 'date', floatingMs: floating };
  return z ? { kind: 'utc', instantMs: floating } : { kind: 'floating', floatingMs: floating };
}

function parseByDay(text: string | undefined, fail: (problem: string) => never): ByDay[] {
  if (text === undefined) return [];
  return text.split(',').map((item) => {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(item.trim());
    if (!m) return fail(`BYDAY value "${item.trim()}" is not a weekday like MO, 2TU or -1FR`);
    const weekday = WEEKDAY_CODES.indexOf(
      m[2]!.toUpperCase() as (typeof WEEKDAY_CODES)[number],
    ) as RuleWeekday;
    if (m[1] === undefined) return { weekday };
    const nth = Number(m[1]);
    // RFC 5545's grammar: ordwk = 1*2DIGIT ; 1 to 53. An ordinal the frequency has no use for
    // (6MO in a month, 2MO in a week) is valid syntax: it makes no day, or the plain weekday.
    if (nth === 0 || Math.abs(nth) > 53)
      fail(`BYDAY value "${item.trim()}" has an ordinal outside ±1..53`);
    return { weekday, nth };
  });
}

/** True when y-m-d (floating midnight given) is a real calendar date (no 31 February). */
export function isRealDate(floatingMs: number, year: number, month: number, day: number): boolean {
  const d = new Date(floatingMs);
  return d.getUTCFullYear() === year && d.getUTCMonth() + 1 === month && d.getUTCDate() === day;
}
