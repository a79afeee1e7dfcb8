import { DateTime } from 'luxon';
import { bigDescriptions, forged, html, snippets, strange, zoomLinks } from './hostile-texts.js';

/**
 * The hostile corpus of issue 10: bookings made to hurt — recurrences that explode (SECONDLY,
 * MINUTELY and HOURLY parts, EXRULE, 10,000 EXDATEs, thousands of RRULE lines, COUNT=10⁹), zones
 * that do not exist, missing or reversed times, megabyte descriptions with thousands of links,
 * forged and nested zoomlink markers, HTML, right-to-left and NUL characters, 50,000 attendees,
 * 2,000-character titles — and ordinary bookings beside them. Generated from a seed (mulberry32),
 * so every run makes the same corpus; `HOSTILE_SEED` picks another.
 *
 * Each event is an `events.insert` body without its room (the test adds it). `googleRefuses` is
 * the 400 message Google answers such an insert with (so no calendar can hand it out); those
 * events still go through the pure pass (convert, span, normalisation).
 */
export interface CorpusEvent {
  /** Unique: `<kind>-<n>`. */
  name: string;
  kind: string;
  body: Record<string, unknown>;
  /** Google refuses this insert with a 400 carrying this message. */
  googleRefuses?: string;
}

export interface Corpus {
  seed: number;
  ordinary: CorpusEvent[];
  /** Events Google takes: what the engine pass reads. */
  hostile: CorpusEvent[];
  /** Events Google refuses (missing or reversed times, unknown zones). */
  refused: CorpusEvent[];
  /**
   * Recurrences only the pure pass follows: fully random rule parts, including rules that match
   * nothing for years or that the rrule library loops on; the Google emulator expands rules with
   * rrule from DTSTART (as Google's own horizon is unknown), so it is not asked to.
   */
  pureOnly: CorpusEvent[];
}

export const DEFAULT_HOSTILE_SEED = 20_301_010;

/** mulberry32: small, seeded, good enough to pick test inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONE = 'Europe/Berlin';
const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export function buildCorpus(seed: number, now: Date): Corpus {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const subset = <T>(items: readonly T[], max = items.length): T[] => {
    const chosen = items.filter(() => chance(0.3)).slice(0, max);
    return chosen.length > 0 ? chosen : [pick(items)];
  };
  const base = DateTime.fromJSDate(now, { zone: ZONE }).startOf('hour');
  let slot = 0;
  /** A distinct hour from tomorrow on, so that no two single bookings overlap. */
  const nextSlot = () => base.plus({ days: 1 + Math.floor(slot / 10), hours: (slot++ % 10) - 4 });
  const timed = (start: DateTime, minutes = 60, zone = ZONE) => ({
    start: { dateTime: start.toISO({ suppressMilliseconds: true }), timeZone: zone },
    end: {
      dateTime: start.plus({ minutes }).toISO({ suppressMilliseconds: true }),
      timeZone: zone,
    },
  });
  const events: CorpusEvent[] = [];
  const counters = new Map<string, number>();
  const add = (kind: string, body: Record<string, unknown>, googleRefuses?: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    const name = `${kind}-${n}`;
    events.push({
      name,
      kind,
      body: { summary: `${name}`, ...body },
      ...(googleRefuses ? { googleRefuses } : {}),
    });
  };

  // --- Ordinary bookings, as people make them. ---
  const ordinary: CorpusEvent[] = [];
  const ordinaryRules = [
    null,
    null,
    'RRULE:FREQ=WEEKLY;BYDAY=%D',
    'RRULE:FREQ=WEEKLY;BYDAY=%D;COUNT=10',
    'RRULE:FREQ=DAILY;COUNT=5',
    'RRULE:FREQ=MONTHLY;BYDAY=1%D',
  ];
  for (let i = 0; i < 24; i += 1) {
    const start = nextSlot();
    const rule = ordinaryRules[i % ordinaryRules.length]!;
    const body: Record<string, unknown> = {
      summary: `Team meeting ${i + 1}`,
      description: i % 3 === 0 ? '' : `Agenda for meeting ${i + 1}:\n- status\n- next steps`,
      ...timed(start, pick([30, 60, 90])),
    };
    if (rule) body.recurrence = [rule.replace('%D', CODES[start.weekday - 1]!)];
    ordinary.push({ name: `ordinary-${i + 1}`, kind: 'ordinary', body });
  }

  // --- Recurrences. ---
  const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
  const numbers = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);
  /**
   * Random rule parts. `anchored`: every day filter holds DTSTART's own day, and the rule has no
   * part that can make it match nothing for long, so that rrule (in the emulator) reaches its
   * next instances at once; otherwise anything RFC 5545 allows.
   */
  const randomRule = (start: DateTime, anchored: boolean, freqs: readonly string[] = FREQS) => {
    const freq = pick(freqs);
    const subDaily = ['SECONDLY', 'MINUTELY', 'HOURLY'].includes(freq);
    const parts = [`FREQ=${freq}`];
    if (chance(0.4)) parts.push(`INTERVAL=${pick([2, 3, 7, 13, 100, 999_999_999])}`);
    const timeParts = !parts.some((p) => p.startsWith('INTERVAL'));
    const dayFilter = (values: (string | number)[]) => values.map(String);
    if (chance(0.35))
      parts.push(
        `BYDAY=${dayFilter(anchored ? [CODES[start.weekday - 1]!, ...subset(CODES, 2)] : subset(CODES)).join(',')}`,
      );
    if (chance(0.25) && freq !== 'WEEKLY')
      parts.push(
        `BYMONTHDAY=${dayFilter(anchored ? [start.day] : subset([1, 2, 15, 28, 29, 30, 31, -1], 3)).join(',')}`,
      );
    if (chance(0.2))
      parts.push(
        `BYMONTH=${dayFilter(anchored ? [start.month] : subset(numbers(1, 12), 3)).join(',')}`,
      );
    // BYHOUR, BYMINUTE, BYSECOND with an INTERVAL can make rrule loop for ever: pure pass only.
    if ((timeParts || !anchored) && chance(0.35))
      parts.push(`BYHOUR=${subset(numbers(0, 23), 6).join(',')}`);
    if ((timeParts || !anchored) && chance(0.3))
      parts.push(`BYMINUTE=${subset(numbers(0, 59), 6).join(',')}`);
    if ((timeParts || !anchored) && chance(0.25))
      parts.push(`BYSECOND=${subset(numbers(0, 59), 4).join(',')}`);
    if (!anchored && chance(0.1) && freq === 'YEARLY')
      parts.push(`BYYEARDAY=${subset([1, 100, 200, 366, -1], 2).join(',')}`);
    if (!anchored && chance(0.1) && parts.length > 1) parts.push(`BYSETPOS=${pick([1, -1, 3])}`);
    if (anchored && subDaily) {
      // MINUTELY with BYHOUR, SECONDLY with BYHOUR or BYMINUTE, beside a day filter: rrule can
      // loop for ever after a filtered day. Keep the emulator's copy free of that.
      const dayFiltered = parts.some((p) => /^BY(DAY|MONTHDAY|MONTH)=/.test(p));
      const carried = (p: string) =>
        (freq !== 'HOURLY' && p.startsWith('BYHOUR=')) ||
        (freq === 'SECONDLY' && p.startsWith('BYMINUTE='));
      if (dayFiltered)
        for (let i = parts.length - 1; i >= 0; i -= 1) if (carried(parts[i]!)) parts.splice(i, 1);
    }
    const end = random();
    if (end < 0.25) parts.push(`COUNT=${pick([3, 60, 5000, 1_000_000_000])}`);
    else if (end < 0.4)
      parts.push(
        `UNTIL=${start
          .plus({ days: int(0, 800) })
          .toUTC()
          .toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
      );
    return parts.join(';');
  };
  // Sub-daily rules start in the next hours: rrule, in the emulator, walks from DTSTART.
  const recurrenceStart = (soon: boolean) =>
    soon
      ? base.plus({ minutes: int(60, 72 * 60) })
      : base.plus({ days: int(-400, 60), hours: int(-4, 4) });

  for (let i = 0; i < 110; i += 1) {
    const start = recurrenceStart(true);
    const lines = [`RRULE:${randomRule(start, true)}`];
    if (chance(0.15)) lines.push(`RRULE:${randomRule(start, true)}`);
    add('rrule-random', { ...timed(start, pick([1, 30, 60])), recurrence: lines });
  }
  for (let i = 0; i < 30; i += 1) {
    const soon = chance(0.7);
    const start = recurrenceStart(soon);
    const weekly = `RRULE:FREQ=WEEKLY;BYDAY=${CODES[start.weekday - 1]}`;
    const rrule = pick([weekly, 'RRULE:FREQ=DAILY', `${weekly};COUNT=20`]);
    const exrule = soon
      ? randomRule(start, true, ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY'])
      : randomRule(start, true, ['DAILY', 'WEEKLY', 'MONTHLY']);
    add('exrule', { ...timed(start), recurrence: [rrule, `EXRULE:${exrule}`] });
  }
  // The case of the issue itself: a weekly booking with EXRULE:FREQ=SECONDLY.
  for (let i = 0; i < 4; i += 1) {
    const start = base.plus({ days: 1 + i, hours: 2 });
    add('exrule-secondly', {
      ...timed(start),
      recurrence: [
        `RRULE:FREQ=WEEKLY;BYDAY=${CODES[start.weekday - 1]}`,
        i % 2 === 0 ? 'EXRULE:FREQ=SECONDLY' : 'EXRULE:FREQ=SECONDLY;BYSECOND=30',
      ],
    });
  }
  for (let i = 0; i < 3; i += 1) {
    const start = nextSlot();
    const day = CODES[start.weekday - 1]!;
    const values = Array.from({ length: 10_000 }, (_, k) =>
      start
        .plus({ weeks: k + 1 })
        .toUTC()
        .toFormat("yyyyMMdd'T'HHmmss'Z'"),
    );
    const exdates =
      i % 2 === 0
        ? [`EXDATE:${values.join(',')}`]
        : values.map(
            (v) =>
              `EXDATE;TZID=${ZONE}:${DateTime.fromFormat(v, "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' }).setZone(ZONE).toFormat("yyyyMMdd'T'HHmmss")}`,
          );
    add('exdates-10000', {
      ...timed(start),
      recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=${day}`, ...exdates],
    });
  }
  for (const count of [200, 2000]) {
    const start = nextSlot();
    const lines = Array.from(
      { length: count },
      (_, k) => `RRULE:FREQ=DAILY;BYHOUR=${k % 24};BYMINUTE=${k % 60}`,
    );
    add('rrule-lines', { ...timed(start), recurrence: lines });
  }
  for (const freq of ['DAILY', 'WEEKLY', 'HOURLY', 'MINUTELY', 'SECONDLY']) {
    const start = recurrenceStart(true);
    add('count-1e9', { ...timed(start, 1), recurrence: [`RRULE:FREQ=${freq};COUNT=1000000000`] });
  }

  // --- Zones and times. ---
  for (const zone of [
    'US/Pacific',
    'Asia/Calcutta',
    'Etc/GMT-14',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'America/St_Johns',
    'UTC',
  ]) {
    const start = nextSlot().setZone(zone);
    add('zone-odd', {
      ...timed(start, 45, zone),
      recurrence: chance(0.5) ? ['RRULE:FREQ=WEEKLY;COUNT=4'] : undefined,
    });
  }
  for (const zone of [
    'Europe/Berln',
    'Mars/Olympus_Mons',
    'GMT+25',
    'Europe/Berlin\u0000',
    'Asia/Taipei ',
    'Americas/New_York',
  ]) {
    const start = nextSlot();
    const body = timed(start);
    add(
      'zone-unknown',
      { ...body, start: { ...body.start, timeZone: zone } },
      'Invalid time zone definition for start time.',
    );
  }
  for (let i = 0; i < 3; i += 1) {
    const body = timed(nextSlot());
    add('missing-start', { end: body.end }, 'Missing start time.');
    add('missing-end', { start: body.start }, 'Missing end time.');
  }
  for (let i = 0; i < 4; i += 1) {
    const start = nextSlot();
    const body = timed(start);
    add(
      'end-before-start',
      { start: body.start, end: timed(start.minus({ hours: 1 + i })).start },
      'The specified time range is empty.',
    );
  }

  // --- Descriptions. ---
  for (const description of bigDescriptions)
    add('description-1mb', { ...timed(nextSlot()), description });
  for (const description of forged) add('markers', { ...timed(nextSlot()), description });
  for (const description of html) add('html', { ...timed(nextSlot()), description });
  for (const fields of strange) add('rtl-nul', { ...timed(nextSlot()), ...fields });
  for (let i = 0; i < 4; i += 1)
    add('title-2000', {
      ...timed(nextSlot()),
      summary: (i % 2 === 0 ? 'T' : '🎉').repeat(i % 2 === 0 ? 2000 : 1000) + `-${i}`,
    });
  for (let i = 0; i < 1; i += 1)
    add('attendees-50000', {
      ...timed(nextSlot()),
      attendees: Array.from({ length: 50_000 }, (_, k) => ({
        email: `guest${k}@guests${k % 50}.example.org`,
        ...(k % 7 === 0 ? { displayName: `Guest ${k}`, optional: true } : {}),
      })),
    });

  // Random mixtures of the snippets, in short texts.
  for (let i = 0; i < 16; i += 1) {
    const text = () =>
      Array.from({ length: int(1, 12) }, () => pick(snippets)).join(pick(['', ' ', '\n']));
    add('text-random', {
      ...timed(nextSlot()),
      summary: text(),
      description: text(),
      location: chance(0.3) ? text() : undefined,
    });
  }

  // --- What calendars also hold. ---
  add('all-day-series', {
    start: { date: base.plus({ days: 2 }).toISODate() },
    end: { date: base.plus({ days: 3 }).toISODate() },
    recurrence: ['RRULE:FREQ=SECONDLY'],
  });
  add('tentative', { ...timed(nextSlot()), status: 'tentative', description: zoomLinks(1) });
  add('location-zoom', { ...timed(nextSlot()), location: 'https://acme.zoom.us/j/99988877766' });

  // Fully random rules, for the pure pass only.
  const pureOnly: CorpusEvent[] = [];
  for (let i = 0; i < 120; i += 1) {
    const start = recurrenceStart(chance(0.5));
    const lines = [`RRULE:${randomRule(start, false)}`];
    if (chance(0.3)) lines.push(`EXRULE:${randomRule(start, false)}`);
    if (chance(0.1))
      lines.push(`RDATE:${start.plus({ days: 3 }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
    pureOnly.push({
      name: `rrule-any-${i + 1}`,
      kind: 'rrule-any',
      body: { summary: `rrule-any-${i + 1}`, ...timed(start), recurrence: lines },
    });
  }

  return {
    seed,
    ordinary,
    hostile: events.filter((e) => !e.googleRefuses),
    refused: events.filter((e) => e.googleRefuses),
    pureOnly,
  };
}
