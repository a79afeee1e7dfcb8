import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config/index.js';
import type { GoogleEventResource } from '../../domain/calendar-event.js';
import {
  convertEvent,
  describeConversion,
  EventInputError,
  LANGS,
  type ConvertOptions,
  type Lang,
} from '../../recurrence/index.js';
import { InputError } from '../input-error.js';

interface ConvertFlags {
  now?: string;
  cap?: string;
  fallback?: string;
  horizonDays?: string;
  maxExtra?: string;
  format: string;
  lang: string;
}

/**
 * `zoomlink convert`: one Google event resource (JSON) on stdin → what zoomlink would ask of
 * Zoom, as JSON (or, with `--format text`, as a Zoom invitation would describe it, with the
 * series' summary: "weekly on Tuesday, 16 occurrences, 8 removed"). Pure: it reads the
 * configuration for its defaults and calls nothing. Exit 2 only for input that is not an event
 * or a recurrence line that is not a rule; any rule Google shows gets an answer.
 */
export function register(program: Command): void {
  program
    .command('convert')
    .description(
      'Read a Google Calendar event (JSON) on stdin and print the Zoom meeting zoomlink would make.',
    )
    .option('--now <instant>', 'the current time, an ISO instant with a zone (default: now)')
    .option('--cap <n>', 'most occurrences one Zoom series covers, 1-50 (default: recurrence.cap)')
    .option(
      '--fallback <strategy>',
      'no_fixed_time or per_occurrence (default: recurrence.fallback)',
    )
    .option(
      '--horizon-days <n>',
      'per_occurrence: days of meetings (default: recurrence.perOccurrenceHorizonDays)',
    )
    .option(
      '--max-extra <n>',
      'most extra Zoom occurrences a series may have, deleted after it is made, 0-49 (default: recurrence.maxExtraOccurrences)',
    )
    .option('--format <format>', 'json or text', 'json')
    .option('--lang <lang>', `language of --format text: ${LANGS.join(' or ')}`, 'en')
    .action(async (flags: ConvertFlags) => {
      const format = flags.format;
      if (format !== 'json' && format !== 'text')
        throw new InputError(`--format: "${format}" is not json or text.`);
      const lang = LANGS.find((l) => l === flags.lang);
      if (!lang) throw new InputError(`--lang: "${flags.lang}" is not ${LANGS.join(' or ')}.`);
      const now = flags.now === undefined ? new Date() : parseNow(flags.now);
      const options = recurrenceOptions(flags);
      const event = readEvent(await readStdin());
      let result;
      try {
        result = convertEvent(event, now, options);
      } catch (error) {
        if (error instanceof EventInputError) throw new InputError(error.message, error.code);
        throw error;
      }
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        process.stdout.write(
          `${describeConversion(result, zoneForText(event), lang as Lang).join('\n')}\n`,
        );
      }
    });
}

function recurrenceOptions(flags: ConvertFlags): ConvertOptions {
  const defaults = loadConfig().recurrence;
  const integer = (
    flag: string,
    text: string | undefined,
    min: number,
    max: number,
    fallback: number,
  ): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new InputError(`${flag}: "${text}" is not a whole number ${min}..${max}.`);
    }
    return Number(text);
  };
  const fallback = flags.fallback ?? defaults.fallback;
  if (fallback !== 'no_fixed_time' && fallback !== 'per_occurrence') {
    throw new InputError(`--fallback: "${fallback}" is not no_fixed_time or per_occurrence.`);
  }
  return {
    cap: integer('--cap', flags.cap, 1, 50, defaults.cap),
    fallback,
    perOccurrenceHorizonDays: integer(
      '--horizon-days',
      flags.horizonDays,
      1,
      366,
      defaults.perOccurrenceHorizonDays,
    ),
    maxExtraOccurrences: integer(
      '--max-extra',
      flags.maxExtra,
      0,
      49,
      defaults.maxExtraOccurrences,
    ),
  };
}

function parseNow(text: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(
    text.trim(),
  );
  const now = new Date(text.trim());
  if (!ok || Number.isNaN(now.getTime())) {
    throw new InputError(
      `--now: "${text}" is not an ISO instant with a zone, like 2021-12-20T00:00:00Z.`,
    );
  }
  return now;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new InputError(
      'stdin: pipe one Google Calendar event resource (JSON) into zoomlink convert.',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

// The edge: any JSON object passes; parseEvent checks each field it reads and names the wrong one.
const eventShape = z.record(z.string(), z.unknown());

function readEvent(text: string): GoogleEventResource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `stdin: not JSON (${(error as Error).message.replace(/\s+/g, ' ')}); give one Google Calendar event resource.`,
    );
  }
  const parsed = eventShape.safeParse(value);
  if (!parsed.success)
    throw new InputError('stdin: expected a JSON object (a Google Calendar event resource).');
  return parsed.data as GoogleEventResource;
}

function zoneForText(event: GoogleEventResource): string {
  return typeof event.start?.timeZone === 'string' && event.start.timeZone !== ''
    ? event.start.timeZone
    : 'UTC';
}
