/**
 * `npm run bench recurrence`: conversions per second of `convertEvent` (expand Google's series,
 * map the rule or search Zoom's patterns for the covering series, prove it under every reading of
 * Zoom's documents) over a mixed set of bookings, the share of each strategy and reason in that
 * set, and the series by cost (whole or windowed, with or without occurrences to delete) with
 * their mean extras; then the hostile corpus of
 * issue 10 (`test/hostile/corpus.ts`): the slowest hostile events, and the weekly booking with
 * `EXRULE:FREQ=SECONDLY` that once took over 60 s and 2 GB.
 *
 * The sets are fixed (seeded generators): mostly what room calendars hold (weekly, daily, monthly,
 * single meetings), some rules Zoom cannot say, some exceptions, long and unbounded series.
 */
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { GoogleEventResource } from '../src/domain/calendar-event.js';
import {
  convertEvent,
  DEFAULT_WORK_BUDGET,
  EventInputError,
  expandGoogleSeries,
  expandZoomSeries,
  type ConversionResult,
  type SeriesConversion as SeriesResult,
  type ConvertOptions,
} from '../src/recurrence/index.js';
import { buildCorpus, DEFAULT_HOSTILE_SEED } from '../test/hostile/corpus.js';

const EVENTS = 600;
const ROUNDS = 5;
const NOW = new Date('2025-03-01T00:00:00Z');
const OPTIONS: ConvertOptions = {
  cap: 50,
  fallback: 'no_fixed_time',
  perOccurrenceHorizonDays: 30,
};

const ZONES = [
  'Asia/Taipei',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'UTC',
  'Asia/Kolkata',
];
/** [rule, weight]: the common patterns weigh most. */
const RULES: [string | null, number][] = [
  [null, 30], // single bookings
  ['FREQ=WEEKLY;BYDAY=MO', 14],
  ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 6],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 6],
  ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 5],
  ['FREQ=DAILY', 5],
  ['FREQ=DAILY;INTERVAL=3', 2],
  ['FREQ=MONTHLY;BYMONTHDAY=15', 4],
  ['FREQ=MONTHLY;BYDAY=2TU', 4],
  ['FREQ=MONTHLY;BYDAY=-1FR', 3],
  ['FREQ=MONTHLY;BYMONTHDAY=31', 2],
  ['FREQ=YEARLY', 2],
  ['FREQ=MONTHLY;BYMONTHDAY=-1', 1],
  ['FREQ=MONTHLY;BYDAY=5MO', 1],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO', 1],
  ['FREQ=DAILY;BYHOUR=9,15', 1],
  ['FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1,3', 2], // the 1st and 3rd Tuesday: weekly, others removed
  ['FREQ=YEARLY;BYMONTH=3,9', 1],
  ['OFF-RULE FREQ=WEEKLY;BYDAY=TU,TH', 2], // made through the API: starts on a Monday
];
const ENDS = ['', ';COUNT=10', ';COUNT=80', ';UNTIL=20250601T000000Z'];

/** mulberry32: a small seeded generator, so every run measures the same set. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mixedEvents(): GoogleEventResource[] {
  const next = random(20251129);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const totalWeight = RULES.reduce((sum, [, w]) => sum + w, 0);
  const weighted = (): string | null => {
    let r = next() * totalWeight;
    for (const [rule, w] of RULES) if ((r -= w) < 0) return rule;
    return null;
  };
  return Array.from({ length: EVENTS }, (_, i) => {
    const zone = pick(ZONES);
    const start = DateTime.fromObject(
      {
        year: 2024,
        month: 11,
        day: 1 + Math.floor(next() * 28),
        hour: 8 + Math.floor(next() * 10),
        minute: pick([0, 30]),
      },
      { zone },
    ).plus({ months: Math.floor(next() * 9) }); // Nov 2024 – Jul 2025, around NOW
    const event: GoogleEventResource = {
      id: `bench${i}`,
      summary: `Booking ${i}`,
      start: { dateTime: start.toISO()!, timeZone: zone },
      end: { dateTime: start.plus({ minutes: pick([30, 60, 90]) }).toISO()!, timeZone: zone },
    };
    if (next() < 0.04)
      return {
        ...event,
        start: { date: start.toISODate()! },
        end: { date: start.plus({ days: 1 }).toISODate()! },
      };
    const chosen = weighted();
    if (chosen === null) return event;
    // Calendar's UI starts a series on a day its rule makes; an API client need not.
    const offRule = chosen.startsWith('OFF-RULE ');
    const rule = chosen.replace('OFF-RULE ', '');
    const first = offRule ? start.plus({ days: (8 - start.weekday) % 7 }) : onRule(start, rule);
    const series: GoogleEventResource = {
      ...event,
      start: { dateTime: first.toISO()!, timeZone: zone },
      end: { dateTime: first.plus({ minutes: 60 }).toISO()!, timeZone: zone },
    };
    const lines = [`RRULE:${rule}${pick(ENDS)}`];
    if (next() < 0.25) {
      const [, skipped] = expandGoogleSeries(
        { ...series, recurrence: lines },
        { from: NOW, limit: 2 },
      );
      if (skipped) {
        const local = DateTime.fromJSDate(skipped.start, { zone });
        lines.push(`EXDATE;TZID=${zone}:${local.toFormat("yyyyMMdd'T'HHmmss")}`);
      }
    }
    return { ...series, recurrence: lines };
  });
}

const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The first day on or after `start` that the rule makes (the day Calendar's UI would use). */
function onRule(start: DateTime, rule: string): DateTime {
  const byDay = /BYDAY=([^;]+)/.exec(rule)?.[1];
  const monthDay = /BYMONTHDAY=(\d+)/.exec(rule)?.[1];
  if (monthDay) return start.set({ day: Math.min(Number(monthDay), start.daysInMonth!) });
  if (!byDay) return start;
  const nth = /^(-?\d)(\w\w)$/.exec(byDay);
  if (nth) {
    const weekday = CODES.indexOf(nth[2]!) + 1;
    const n = Number(nth[1]);
    if (n > 0) {
      const firstOfMonth = start.startOf('month').set({ hour: start.hour, minute: start.minute });
      return firstOfMonth.plus({ days: ((weekday - firstOfMonth.weekday + 7) % 7) + (n - 1) * 7 });
    }
    const last = start
      .endOf('month')
      .set({ hour: start.hour, minute: start.minute, second: 0, millisecond: 0 });
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const days = byDay.split(',').map((d) => CODES.indexOf(d) + 1);
  let day = start;
  while (!days.includes(day.weekday)) day = day.plus({ days: 1 });
  return day;
}

function timed<T>(work: () => T): { seconds: number; result: T } {
  const started = performance.now();
  const result = work();
  return { seconds: (performance.now() - started) / 1000, result };
}

const rate = (count: number, seconds: number): string =>
  Math.round(count / seconds).toLocaleString('en-US');
const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`;

export async function run(): Promise<void> {
  const events = mixedEvents();
  const convertAll = () => events.map((e) => convertEvent(e, NOW, OPTIONS));
  convertAll(); // warm up: zone caches, JIT

  const perEvent = events.map(() => 0);
  let results: ConversionResult[] = [];
  const total = timed(() => {
    for (let round = 0; round < ROUNDS; round += 1) {
      results = events.map((e, i) => {
        const t = performance.now();
        const r = convertEvent(e, NOW, OPTIONS);
        perEvent[i]! += performance.now() - t;
        return r;
      });
    }
  });

  console.log(
    `${EVENTS} bookings, ${ROUNDS} rounds, now = ${NOW.toISOString()}, cap ${OPTIONS.cap}\n`,
  );
  console.log('| what | count | share | conversions/s | mean ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const row = (what: string, indexes: number[]) => {
    const ms = indexes.reduce((sum, i) => sum + perEvent[i]!, 0);
    const n = indexes.length * ROUNDS;
    console.log(
      `| ${what} | ${indexes.length} | ${percent(indexes.length, EVENTS)} | ${rate(n, ms / 1000)} | ${(ms / n).toFixed(3)} |`,
    );
  };
  const all = events.map((_, i) => i);
  for (const strategy of ['single', 'series', 'no_fixed_time', 'per_occurrence', 'skip'] as const) {
    const indexes = all.filter((i) => results[i]!.strategy === strategy);
    if (indexes.length > 0) row(strategy, indexes);
  }
  console.log(
    `| **all** (wall clock: ${rate(EVENTS * ROUNDS, total.seconds)}/s) | ${EVENTS} | 100 % | ${rate(EVENTS * ROUNDS, all.reduce((s, i) => s + perEvent[i]!, 0) / 1000)} | ${((1000 * total.seconds) / (EVENTS * ROUNDS)).toFixed(3)} |`,
  );

  console.log('\n| reason | count | share |');
  console.log('| --- | ---: | ---: |');
  const reasons = new Map<string, number>();
  for (const r of results)
    if ('reasonCode' in r) reasons.set(r.reasonCode, (reasons.get(r.reasonCode) ?? 0) + 1);
  for (const [code, count] of [...reasons].sort((a, b) => b[1] - a[1]))
    console.log(`| ${code} | ${count} | ${percent(count, EVENTS)} |`);

  // The parts, for scale: Google's expansion of the next 51, and one Zoom expansion of a series.
  const series = results.flatMap((r) => (r.strategy === 'series' ? [r.meeting] : []));
  const google = timed(() =>
    events.forEach(
      (e) =>
        'start' in e &&
        !e.start?.date &&
        expandGoogleSeries(e, { from: NOW, limit: OPTIONS.cap + 1 }),
    ),
  );
  const zoom = timed(() => series.forEach((m) => expandZoomSeries(m)));
  const allSeries = results.flatMap((r) => (r.strategy === 'series' ? [r] : []));
  const deletions = allSeries.reduce((sum, r) => sum + r.deleteOccurrences.length, 0);
  console.log('\n| part | per second |');
  console.log('| --- | ---: |');
  console.log(
    `| expandGoogleSeries (next ${OPTIONS.cap + 1}) | ${rate(events.length, google.seconds)} |`,
  );
  console.log(`| expandZoomSeries (one reading) | ${rate(series.length, zoom.seconds)} |`);
  // The series by what they cost: the rule as Zoom says it, a series with occurrences deleted
  // after it is made (found by the search), and the window of a longer series.
  const kinds = [
    [
      'whole, nothing removed',
      (r: SeriesResult) => r.window.complete && r.deleteOccurrences.length === 0,
    ],
    [
      'whole, occurrences removed',
      (r: SeriesResult) => r.window.complete && r.deleteOccurrences.length > 0,
    ],
    ['window of a longer series', (r: SeriesResult) => !r.window.complete],
  ] as const;
  console.log('\n| series | count | share of bookings | mean extras |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [what, test] of kinds) {
    const these = allSeries.filter(test);
    const extras = these.reduce((sum, r) => sum + r.deleteOccurrences.length, 0);
    console.log(
      `| ${what} | ${these.length} | ${percent(these.length, EVENTS)} | ${these.length ? (extras / these.length).toFixed(2) : '—'} |`,
    );
  }
  console.log(
    `\nZoom occurrences to delete after creation: ${deletions} over ${allSeries.length} series, a mean of ${(deletions / Math.max(1, allSeries.length)).toFixed(2)} extras per series`,
  );

  hostile();
}

/** The hostile corpus: every event converted (as the planner does), the slowest shown. */
function hostile(): void {
  const now = new Date('2030-03-04T08:00:00Z');
  const corpus = buildCorpus(DEFAULT_HOSTILE_SEED, now);
  const events = [...corpus.hostile, ...corpus.refused, ...corpus.pureOnly];
  const convert = (body: GoogleEventResource): string => {
    try {
      const r = convertEvent(body, now, OPTIONS);
      return 'reasonCode' in r ? `${r.strategy} (${r.reasonCode})` : r.strategy;
    } catch (error) {
      if (error instanceof EventInputError) return 'EVENT_INVALID';
      throw error;
    }
  };
  events.forEach((e) => convert(e.body)); // warm up
  const rows = events.map((e) => {
    let outcome = '';
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round += 1) {
      const t = performance.now();
      outcome = convert(e.body);
      best = Math.min(best, performance.now() - t);
    }
    return { name: e.name, ms: best, outcome };
  });
  rows.sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  console.log(
    `\nHostile corpus (seed ${DEFAULT_HOSTILE_SEED}): ${rows.length} events, ${total.toFixed(0)} ms in all, mean ${(total / rows.length).toFixed(2)} ms; work budget ${DEFAULT_WORK_BUDGET} steps per event. Slowest (best of 3):\n`,
  );
  console.log('| event | ms | outcome |');
  console.log('| --- | ---: | --- |');
  for (const r of rows.slice(0, 8))
    console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.outcome} |`);

  // Issue 10's own case: a weekly booking whose recurrence also carries EXRULE:FREQ=SECONDLY.
  const weekly = (exrule: string): GoogleEventResource => ({
    summary: 'Weekly with a sub-daily EXRULE',
    start: { dateTime: '2030-03-04T10:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2030-03-04T11:00:00+01:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO', exrule],
  });
  console.log('\n| weekly booking with | ms | heap growth | outcome |');
  console.log('| --- | ---: | ---: | --- |');
  for (const exrule of [
    'EXRULE:FREQ=SECONDLY',
    'EXRULE:FREQ=SECONDLY;BYSECOND=30',
    'EXRULE:FREQ=SECONDLY;COUNT=1000000000',
  ]) {
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const outcome = convert(weekly(exrule));
    const ms = performance.now() - t;
    const grown = (process.memoryUsage().heapUsed - heap) / 1024 / 1024;
    console.log(`| \`${exrule}\` | ${ms.toFixed(1)} | ${grown.toFixed(1)} MB | ${outcome} |`);
  }
}
