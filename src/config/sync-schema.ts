import { validateDetailed } from 'node-cron';
import { z } from 'zod';

/**
 * The sync engine's knobs (part of `configSchema` in `schema.ts`): how recurrences become Zoom
 * meetings, and when and how the daemon's passes run.
 */

/**
 * A cron expression node-cron can read (node-cron 4 exports `validate` and, with the reason,
 * `validateDetailed`). Checked when the configuration loads, so a typo is a CONFIG_INVALID naming
 * its field instead of a daemon that silently never polls.
 */
const cronExpression = z.string().superRefine((expression, context) => {
  const check = validateDetailed(expression);
  if (check.valid) return;
  const why = check.errors.map((e) => e.message).join('; ') || 'not a cron expression';
  context.addIssue({
    code: 'custom',
    message:
      `not a cron expression node-cron accepts (${why}); use five fields (minute hour day ` +
      'month weekday) or six with seconds first, e.g. "* * * * *"',
  });
});

/** Which bookings get a Zoom meeting (`sync.policy`, `rooms.list[].policy`). */
export const policySchema = z.enum(['all', 'optIn', 'optOut']);

const keywords = z.array(z.string().trim().min(1)).min(1);

export const recurrenceSchema = z
  .object({
    cap: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(50)
      .describe('Most occurrences one Zoom recurring meeting covers (Zoom allows 50).'),
    fallback: z
      .enum(['no_fixed_time', 'per_occurrence'])
      .default('no_fixed_time')
      .describe(
        'For occurrences no Zoom series can hold (two clock times, more extras than recurrence.maxExtraOccurrences): one no-fixed-time meeting, or one meeting per occurrence.',
      ),
    perOccurrenceHorizonDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .default(30)
      .describe('per_occurrence fallback: how far ahead meetings are created.'),
    maxExtraOccurrences: z
      .number()
      .int()
      .min(0)
      .max(49)
      .default(40)
      .describe(
        'Most extra occurrences a Zoom series may have: zoomlink finds the Zoom pattern that holds a booking’s occurrences with the fewest extras, and deletes the extras after making the series (one call each, no daily quota). So a series costs at most about this many calls more than one create; 0 allows only series with no extra occurrence.',
      ),
    windowRenewBelow: z
      .number()
      .int()
      .min(1)
      .max(49)
      .default(5)
      .describe(
        'Move a windowed series forward when fewer than this many covered occurrences remain.',
      ),
  })
  .strict();

export const syncSchema = z
  .object({
    schedule: cronExpression
      .default('* * * * *')
      .describe('Cron expression for polling every room (node-cron, with seconds optional).'),
    pushPollSchedule: cronExpression
      .default('*/15 * * * *')
      .describe(
        'Cron expression for polling the rooms whose Google push channel is healthy (server.publicUrl set); the others stay on sync.schedule.',
      ),
    jitterSeconds: z
      .number()
      .int()
      .min(0)
      .max(300)
      .default(10)
      .describe('Random delay added to each scheduled poll, so many daemons do not poll at once.'),
    windowSchedule: cronExpression
      .default('7 * * * *')
      .describe('Cron expression for moving long series windows forward.'),
    reconcileSchedule: cronExpression
      .default('23 3 * * *')
      .describe('Cron expression for the reconcile pass (drift between store, Zoom and Google).'),
    scheduleTimeZone: z
      .string()
      .default('UTC')
      .describe(
        'IANA time zone the cron expressions are read in. UTC by default: in a zone with DST, node-cron runs the repeated autumn hour once, pausing a minutely poll for an hour.',
      ),
    reconcileFix: z
      .boolean()
      .default(true)
      .describe(
        'The daemon’s reconcile pass repairs the drift it finds (like `zoomlink reconcile --fix`); false only reports it (logs, metrics).',
      ),
    reconcileMaxDeletes: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(20)
      .describe(
        'At most this many orphan meetings (made by this database, belonging to no booking) are deleted by one reconcile run; the rest are reported. Meetings this database never recorded creating are never deleted.',
      ),
    roomParallelism: z.number().int().min(1).max(64).default(4).describe('Rooms polled at once.'),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(16)
      .describe(
        'Bookings worked on at once: polls put changed bookings on a queue (in the database, soonest meeting first), and this many workers apply them, as fast as the rate limits allow. A booking takes about half a second at real API latency, so 16 link about 30 a second; about 32 keep a Business account’s 60 creates a second busy (raise zoom.concurrency with it).',
      ),
    retryBaseSeconds: z
      .number()
      .int()
      .min(1)
      .default(60)
      .describe('First delay before a failed event is tried again (doubles each failure).'),
    retryMaxSeconds: z
      .number()
      .int()
      .min(1)
      .default(6 * 3600)
      .describe('Longest delay between tries of a failed event.'),
    inProgressRecheckMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15)
      .describe(
        'How long a booking waits before trying again when Zoom refuses a change because someone started its meeting.',
      ),
    invitationLang: z
      .enum(['en', 'zh-TW'])
      .default('en')
      .describe(
        'Language of the block written into bookings (per room: rooms.list[].invitationLang).',
      ),
    policy: policySchema
      .default('all')
      .describe(
        'Which bookings get a meeting (per room: rooms.list[].policy): `all`; `optIn`, only those whose title or description holds one of sync.optInKeywords; `optOut`, all but those holding one of sync.optOutKeywords. A booking that leaves the scope loses its meeting and our block.',
      ),
    optInKeywords: keywords
      .default(['#zoom'])
      .describe('policy `optIn`: words (case-insensitive) that ask for a meeting.'),
    optOutKeywords: keywords
      .default(['#nozoom'])
      .describe('policy `optOut`: words (case-insensitive) that refuse a meeting.'),
    replaceOtherConferences: z
      .boolean()
      .default(false)
      .describe(
        'Give a Zoom meeting to bookings that already carry another video conference (Google Meet, Microsoft Teams, Webex…); by default they are skipped (`other_conference`).',
      ),
    privateTopic: z
      .object({
        en: z.string().min(1).max(200),
        'zh-TW': z.string().min(1).max(200),
      })
      .strict()
      .default({ en: 'Private booking', 'zh-TW': '私人預約' })
      .describe(
        'The Zoom topic of a private or confidential booking, by the room’s invitation language: its title, description and attendees never go to Zoom.',
      ),
  })
  .strict();
