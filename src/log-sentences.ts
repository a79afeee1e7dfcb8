/**
 * What the readable log format (`log.format` `pretty`, and the demo) says instead of a record's
 * fields: one sentence a person reads for each thing the engine did, built from the fields of the
 * structured line alone (the JSON line carries the same fields). Pure: every function takes the
 * record's fields (and the time it was written, when a sentence says "in 5 min") and returns the
 * sentence, or `undefined` when the record has no sentence of its own, or `null` when a readable
 * log leaves it out (a pass that did nothing).
 */

type Fields = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat | undefined {
  let format = weekdayFormats.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return undefined;
    }
    weekdayFormats.set(zone, format);
  }
  return format;
}

/** `Sat 5 Dec 10:00` (in `zone`), or the ISO text when it is no time or no zone. */
export function localTime(iso: string, zone: string): string {
  const instant = new Date(iso);
  const format = formatIn(zone);
  if (Number.isNaN(instant.getTime()) || !format) return iso;
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(instant)) part[type] = value;
  return `${part.weekday} ${part.day} ${part.month} ${part.hour}:${part.minute}`;
}

const frequencies: Record<string, string> = {
  DAILY: 'daily',
  WEEKLY: 'weekly',
  MONTHLY: 'monthly',
  YEARLY: 'yearly',
};

/** How a series repeats, in a word: `weekly` for an event whose RRULE says FREQ=WEEKLY. */
export function repeatsOf(recurrence: readonly string[]): string {
  const freq = /FREQ=([A-Z]+)/.exec(recurrence.find((l) => l.startsWith('RRULE:')) ?? '')?.[1];
  return (freq && frequencies[freq]) ?? 'repeating';
}

/** A date (`2025-12-05`) as `Sat 5 Dec`. */
function localDate(date: string): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return localTime(instant.toISOString(), 'UTC').slice(0, -6);
}

/** `"Quarterly planning"`, or the booking's id when its title is not known. */
function subject(fields: Fields): string {
  const title = text(fields.title);
  if (title !== undefined) return `"${title}"`;
  const id = text(fields.eventId);
  return id ? `booking ${id}` : 'a booking';
}

/** `Sat 5 Dec 10:00 Europe/Berlin`, `weekly from …`, `Sat 5 Dec (all day)`, or undefined. */
function when(fields: Fields): string | undefined {
  const start = text(fields.start);
  if (!start) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(start)) return `${localDate(start)} (all day)`;
  const zone = text(fields.timeZone) ?? 'UTC';
  const time = `${localTime(start, zone)} ${zone}`;
  const repeats = text(fields.repeats);
  return repeats ? `${repeats} from ${time}` : time;
}

/** ` (Boardroom, Sat 5 Dec 10:00 Europe/Berlin)`: the room and the time that are known. */
function where(fields: Fields, withTime = true): string {
  const parts = [text(fields.roomName), withTime ? when(fields) : undefined].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

const arrow = (fields: Fields): string => {
  const url = text(fields.joinUrl);
  return url ? ` → ${url}` : '';
};

function occurrenceTime(fields: Fields, key: 'occurrence' | 'movedTo'): string {
  const iso = text(fields[key]);
  return iso ? localTime(iso, text(fields.timeZone) ?? 'UTC') : 'an unknown time';
}

/** The code an error text starts with (`ZOOM_USER_NOT_FOUND: …`). */
const codeOf = (error: string | undefined) => /^([A-Z][A-Z0-9_]+):/.exec(error ?? '')?.[1];

const failedVerbs: Record<string, string> = {
  'meeting.create': 'create the Zoom meeting of',
  'meeting.update': 'update the Zoom meeting of',
  'meeting.delete': 'delete the Zoom meeting of',
  'meeting.move': 'move to another pool host the Zoom meeting of',
  'occurrence.delete': 'delete an occurrence of',
  'occurrence.update': 'move an occurrence of',
  'event.writeback': 'write the link into',
  'event.unlink': 'take the link out of',
};

/** One remote write of the engine (the `action` line of `record-action.ts`) as a sentence. */
export function describeAction(fields: Fields): string {
  const action = text(fields.action) ?? '';
  const outcome = text(fields.detail);
  const meeting = fields.meetingId === undefined ? '' : ` ${String(fields.meetingId)}`;
  const it = subject(fields);
  if (fields.result !== 'ok') {
    // The booking's failure line follows with the whole message and what to do: the code here.
    const verb = failedVerbs[action] ?? `${text(fields.service) ?? ''} ${action} for`.trim();
    return `Could not ${verb} ${it}${where(fields)}: ${codeOf(outcome) ?? outcome ?? 'no reason given'}`;
  }
  switch (action) {
    case 'meeting.create':
      return text(fields.occurrence)
        ? `Made Zoom meeting${meeting} for the occurrence of ${it} on ${occurrenceTime(fields, 'occurrence')}${arrow(fields)}`
        : `Made Zoom meeting${meeting} for ${it}${where(fields)}`;
    case 'event.writeback': {
      // A modified instance is its own event in Google, with its own copy of the block.
      const copy = text(fields.occurrence)
        ? `the occurrence of ${it} on ${occurrenceTime(fields, fields.movedTo ? 'movedTo' : 'occurrence')}`
        : undefined;
      if (outcome === 'gone') return `The copy of ${copy ?? it} is gone; nothing was written`;
      if (copy) return `Linked ${copy}${arrow(fields)}`;
      if (outcome === 'unchanged') return `${it}${where(fields)} keeps its link${arrow(fields)}`;
      return `Linked ${it}${where(fields)}${arrow(fields)}`;
    }
    case 'event.unlink':
      if (outcome === 'written') return `Took the link out of ${it}${where(fields, false)}`;
      if (outcome === 'gone')
        return `The copy of ${it}${where(fields, false)} is gone, and its link with it`;
      return `No link to take out of ${it}${where(fields, false)}`;
    case 'meeting.update':
      return outcome === 'gone'
        ? `The Zoom meeting of ${it} was deleted outside zoomlink; making it again`
        : `Updated the Zoom meeting of ${it}${where(fields)}`;
    case 'meeting.delete': {
      if (fields.eventId === undefined)
        return `Deleted Zoom meeting${meeting}: zoomlink made it, and no booking has it any more`;
      const gone = outcome === 'gone' ? ' (it was already gone)' : '';
      if (fields.cancelled === true) return `Deleted the meeting of cancelled ${it}${gone}`;
      if (text(fields.occurrence))
        return `Deleted the Zoom meeting of ${it} on ${occurrenceTime(fields, 'occurrence')}${gone}`;
      return `Deleted the Zoom meeting of ${it}${where(fields, false)}${gone}`;
    }
    case 'occurrence.delete':
      return `Cancelled the occurrence of ${it} on ${occurrenceTime(fields, 'occurrence')} in Zoom${
        outcome === 'not an occurrence' ? ' (Zoom had no such occurrence)' : ''
      }`;
    case 'occurrence.update':
      return `Moved occurrence of ${it} to ${occurrenceTime(fields, 'movedTo')}`;
    case 'meeting.move': {
      // A pool booking's meeting handed to another host of rooms.hostPool (same join link).
      const move = (fields.detail ?? {}) as Fields;
      const from = text(move.from) ?? 'its host';
      const to = text(move.to) ?? 'another host';
      return `Moved the Zoom meeting of ${it} from ${from} to ${to}, keeping its link${arrow(fields)}`;
    }
    case 'meeting.adopt':
      return `Found Zoom meeting${meeting} of an unfinished create for ${it} and kept it`;
    default:
      return `${text(fields.service) ?? ''} ${action} ${text(fields.target) ?? ''}: ${outcome ?? 'ok'}`.trim();
  }
}

/** A booking zoomlink gives no meeting (`booking skipped`): why, in a few words. */
export function describeSkip(fields: Fields): string {
  const it = subject(fields);
  if (fields.strategy === 'foreign')
    return `Left ${it}${where(fields)} alone: it already has a Zoom link zoomlink did not make`;
  const detail = text(fields.detail);
  const room = text(fields.roomName);
  const said = (why: string) => `Skipped ${it} (${room ? `${room}, ` : ''}${why})`;
  switch (fields.reason) {
    case 'all_day':
      return said('all-day');
    case 'finished':
      return said('it is over');
    default:
      return said(detail ?? 'no Zoom meeting');
  }
}

/** `in 5 min` from `now`, or the ISO time when either is unreadable. */
function inTime(iso: string | undefined, now: Date): string {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(at) || Number.isNaN(now.getTime())) return iso ? `at ${iso}` : 'later';
  const seconds = Math.max(0, (at - now.getTime()) / 1000);
  if (seconds < 90) return `in ${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `in ${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `in ${Math.round(seconds / 3600)} h`;
  return `in ${Math.round(seconds / 86400)} days`;
}

/** A booking that failed and is tried again: what went wrong, what to do, and when. */
export function describeFailure(fields: Fields, now: Date): string {
  const error = text(fields.error) ?? 'no reason given';
  const code = codeOf(error);
  const attempts = count(fields.attempts);
  const again = `zoomlink tries again ${inTime(text(fields.nextAttemptAt), now)}${
    attempts > 1 ? ` (failed ${attempts} times so far)` : ''
  }`;
  const help = code ? `; README's troubleshooting table has ${code}` : '';
  return `${subject(fields)}${where(fields)} failed: ${error} — ${again}${help}`;
}

function describeWait(message: string, fields: Fields, now: Date): string {
  const until = inTime(text(fields.until), now);
  if (message.startsWith('zoom host is parked'))
    return `${subject(fields)}${where(fields)} waits: Zoom host ${text(fields.host) ?? '?'} has spent its daily meeting quota; it is made after the reset (${until})`;
  return `${subject(fields)}${where(fields)} waits: its Zoom meeting is in progress, and the change is made once it ends (checked again ${until})`;
}

const passNames: Record<string, string> = {
  'poll pass done': 'Poll',
  'windows pass done': 'Window pass',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A poll or window pass: one line when it did something, `null` when it did nothing. */
export function describePass(message: string, fields: Fields): string | null {
  const parts = [
    [count(fields.meetingsCreated), 'meeting created', 'meetings created'],
    [count(fields.meetingsUpdated), 'meeting updated', 'meetings updated'],
    [count(fields.meetingsDeleted), 'meeting deleted', 'meetings deleted'],
    [count(fields.occurrencesChanged), 'occurrence changed', 'occurrences changed'],
    [count(fields.linksWritten), 'link written', 'links written'],
    [count(fields.linksRemoved), 'link removed', 'links removed'],
    [count(fields.failed), 'booking failed', 'bookings failed'],
    [count(fields.deferred), 'booking waiting', 'bookings waiting'],
    [count(fields.roomsFailed), 'room not read', 'rooms not read'],
  ] as const;
  const done = parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  if (done.length === 0) return null;
  const seconds = (count(fields.durationMs) / 1000).toFixed(1);
  return `${passNames[message] ?? message}: ${done.join(', ')} (${plural(count(fields.rooms), 'room')}, ${seconds} s)`;
}

/** The daily reconcile pass: one line when it found or removed something. */
export function describeReconcile(fields: Fields): string | null {
  const findings = count(fields.findings);
  const pruned =
    count(fields.prunedAuditEntries) + count(fields.prunedIntents) + count(fields.prunedLinks);
  if (findings === 0 && pruned === 0) return null;
  return `Reconcile: ${plural(count(fields.checked), 'booking')} checked, ${plural(findings, 'finding')} (${count(fields.fixed)} fixed), ${plural(pruned, 'old record')} removed`;
}

/** One change the demo makes in the Google emulator, said before the daemon follows it. */
export function describeDemoChange(fields: Fields): string {
  const it = subject(fields);
  const at = when(fields);
  switch (fields.change) {
    case 'moved':
      return `Demo: moved ${it}${where(fields, false)} to ${at ?? 'another time'} in Google Calendar`;
    case 'booked':
      return `Demo: booked ${it} in ${text(fields.roomName) ?? 'a room'} for ${at ?? 'later'}`;
    case 'renamed':
      return `Demo: renamed "${text(fields.previousTitle) ?? '?'}" to ${it}`;
    case 'cancelled':
      return `Demo: cancelled ${it}`;
    default:
      return 'Demo: nothing to change this round';
  }
}

/**
 * The sentence for a log record with `message` and `fields` (the time it was written is `now`):
 * a string, `undefined` when the record has none (it is printed with its fields), or `null` when
 * a readable log leaves it out.
 */
export function sentenceFor(message: string, fields: Fields, now: Date): string | null | undefined {
  const sentence = rawSentenceFor(message, fields, now);
  return typeof sentence === 'string' ? printable(sentence) : sentence;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unprintable = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * What people typed reaches a terminal as text: a title's control characters (an escape sequence,
 * a line break that would fake a log line) and bidirectional overrides (which reorder what is
 * shown) become a visible `�`.
 */
export function printable(text: string): string {
  return text.replace(unprintable, '\ufffd');
}

function rawSentenceFor(message: string, fields: Fields, now: Date): string | null | undefined {
  switch (message) {
    case 'action':
      return describeAction(fields);
    case 'booking skipped':
      return describeSkip(fields);
    case 'a booking failed; it will be tried again':
      return describeFailure(fields, now);
    case 'zoom host is parked; the booking waits for the daily reset':
    case 'the zoom meeting is in progress; the change waits until it ends':
      return describeWait(message, fields, now);
    case 'poll pass done':
    case 'windows pass done':
      return describePass(message, fields);
    case 'reconcile pass done':
      return describeReconcile(fields);
    case 'demo change':
      return describeDemoChange(fields);
    default:
      return undefined;
  }
}
