import type { Reply } from '../kit/index.js';
import { expandZoomRecurrence } from './expand-occurrences.js';
import { encryptedPasscode, meetingUuid, passcode } from './ids.js';
import {
  DEFAULT_SETTINGS,
  OCCURRENCE_SETTINGS,
  type MeetingBody,
  type StoredMeeting,
  type StoredOccurrence,
} from './meeting-model.js';
import type { ZoomSwitchValues } from './switches.js';
import type { UserDirectory, ZoomUser } from './users.js';
import { checkRecurrence, expansionRules, OCCURRENCE_CAP } from './validate-recurrence.js';
import { isKnownTimezone, parseStartTime, zoneNamed } from './wall-time.js';
import { errors, zoomError, type FieldError } from './zoom-errors.js';

/**
 * Creating and changing meetings: the rules of SPEC meetingCreate / meetingUpdate that go beyond
 * the schema, applied to a copy that is kept only when every rule passed.
 */

export interface WriteContext {
  now: Date;
  switches: ZoomSwitchValues;
  users: UserDirectory;
  newMeetingId: () => number;
  /** Set through the control API: the form of the join URL of the meetings made now. */
  joinUrlTemplate?: string | undefined;
}

export type WriteResult = { ok: true; meeting: StoredMeeting } | { ok: false; reply: Reply };

/** SPEC `password`: alphanumeric and `@ - _ *` only (length 10 is the schema's). */
const PASSCODE_CHARS = /^[A-Za-z0-9@\-_*]*$/;

export function createMeeting(body: MeetingBody, host: ZoomUser, ctx: WriteContext): WriteResult {
  const problems = new Problems(ctx.switches);
  const owner = resolveScheduleFor(body, host, ctx);
  if ('reply' in owner) return { ok: false, reply: owner.reply };
  const type = body.type ?? 2;
  const now = ctx.now.getTime();
  const password = body.password ?? (ctx.switches.autoPasscode ? passcode() : '');
  const meeting: StoredMeeting = {
    id: ctx.newMeetingId(),
    uuid: meetingUuid(),
    hostId: owner.user.id,
    // Not sourced: Zoom's default topic as its web portal shows it ("<name>'s Zoom Meeting").
    topic: body.topic ?? `${fullName(owner.user)}'s Zoom Meeting`,
    type,
    duration: body.duration ?? 60,
    timezone: resolveTimezone(body.timezone, owner.user, problems),
    agenda: body.agenda ?? '',
    password,
    encryptedPassword: password ? encryptedPasscode() : '',
    numericPassword: password ? numericPasscode() : '',
    createdAt: now,
    settings: { ...DEFAULT_SETTINGS, ...body.settings },
    trackingFields: body.tracking_fields,
    preSchedule: body.pre_schedule ?? false,
    occurrences: [],
    status: 'waiting',
    ...(ctx.joinUrlTemplate !== undefined && { joinUrlTemplate: ctx.joinUrlTemplate }),
  };
  checkPasscode(body.password, problems);
  checkDuration(body.duration, problems);
  if (type === 2 || type === 8) {
    const start =
      body.start_time === undefined
        ? wholeSecond(now)
        : readStart(body.start_time, meeting, problems);
    // moodle-mod_zoom issue #341: Zoom moves a past start to "now" (switch pastStartTime).
    if (start !== undefined)
      meeting.startMs =
        start < now && ctx.switches.pastStartTime === 'now' ? wholeSecond(now) : start;
  }
  if (type === 8) {
    if (body.recurrence) meeting.recurrence = body.recurrence;
    else
      problems.add('recurrence', 'is required for a recurring meeting with a fixed time (type 8)');
  }
  if (problems.none() && type === 8) expandSeries(meeting, ctx, problems, undefined);
  return outcome(meeting, problems);
}

export function patchMeeting(
  existing: StoredMeeting,
  body: MeetingBody,
  ctx: WriteContext,
): WriteResult {
  const problems = new Problems(ctx.switches);
  const meeting = structuredClone(existing);
  const now = ctx.now.getTime();
  if (body.schedule_for !== undefined) {
    const host = ctx.users.get(existing.hostId);
    const owner = host ? resolveScheduleFor(body, host, ctx) : undefined;
    if (owner && 'reply' in owner) return { ok: false, reply: owner.reply };
    // Switch scheduleForOnUpdate: whether an update may hand the meeting to another user.
    if (
      owner &&
      owner.user.id !== existing.hostId &&
      ctx.switches.scheduleForOnUpdate === 'refused'
    )
      return {
        ok: false,
        reply: zoomError(400, 3000, `You cannot schedule a meeting for ${body.schedule_for}`),
      };
    if (owner) meeting.hostId = owner.user.id;
  }
  if (body.topic !== undefined) meeting.topic = body.topic;
  if (body.agenda !== undefined) meeting.agenda = body.agenda;
  if (body.password !== undefined) {
    checkPasscode(body.password, problems);
    meeting.password = body.password;
    meeting.encryptedPassword = body.password ? encryptedPasscode() : '';
    meeting.numericPassword = body.password ? numericPasscode() : '';
  }
  if (body.settings !== undefined) meeting.settings = { ...meeting.settings, ...body.settings };
  if (body.tracking_fields !== undefined) meeting.trackingFields = body.tracking_fields;
  if (body.pre_schedule !== undefined) meeting.preSchedule = body.pre_schedule;
  checkDuration(body.duration, problems);
  if (body.duration !== undefined) meeting.duration = body.duration;
  if (body.timezone !== undefined) {
    const host = ctx.users.get(meeting.hostId);
    meeting.timezone = host ? resolveTimezone(body.timezone, host, problems) : body.timezone;
  }
  if (body.type !== undefined) meeting.type = body.type;
  if (body.recurrence !== undefined && meeting.type === 8) meeting.recurrence = body.recurrence;

  if (body.start_time !== undefined) {
    const start = readStart(body.start_time, meeting, problems);
    // SPEC meetingUpdate: a start_time in the past is ignored.
    const future = start !== undefined && start >= now;
    const seriesWithoutRecurrence =
      meeting.type === 8 &&
      existing.type === 8 &&
      body.recurrence === undefined &&
      ctx.switches.seriesStartWithoutRecurrence === 'ignore';
    if (future && !seriesWithoutRecurrence) meeting.startMs = start;
  }
  if ((meeting.type === 2 || meeting.type === 8) && meeting.startMs === undefined)
    meeting.startMs = wholeSecond(now);
  if (meeting.type === 1 || meeting.type === 3) delete meeting.startMs;

  if (meeting.type === 8) {
    if (!meeting.recurrence)
      problems.add('recurrence', 'is required for a recurring meeting with a fixed time (type 8)');
    const seriesChanged =
      existing.type !== 8 ||
      body.recurrence !== undefined ||
      meeting.startMs !== existing.startMs ||
      meeting.timezone !== existing.timezone ||
      meeting.duration !== existing.duration;
    if (problems.none() && seriesChanged)
      expandSeries(
        meeting,
        ctx,
        problems,
        ctx.switches.seriesEditResetsOccurrences ? undefined : existing.occurrences,
      );
  } else {
    delete meeting.recurrence;
    delete meeting.recurrenceEndMs;
    meeting.occurrences = [];
  }
  return outcome(meeting, problems);
}

/**
 * PATCH with `occurrence_id` (SPEC meetingUpdate): only agenda, start_time, duration and a few
 * settings change, for that one occurrence.
 */
export function patchOccurrence(
  existing: StoredMeeting,
  occurrenceId: string,
  body: MeetingBody,
  ctx: WriteContext,
): WriteResult {
  const meeting = structuredClone(existing);
  const occurrence = meeting.occurrences.find((o) => o.id === occurrenceId);
  if (!occurrence || occurrence.status === 'deleted')
    return { ok: false, reply: errors.invalidOccurrence() };
  const problems = new Problems(ctx.switches);
  const allowed = new Set(['agenda', 'start_time', 'duration', 'settings']);
  const allowedSettings = new Set<string>(OCCURRENCE_SETTINGS);
  if (ctx.switches.occurrencePatchOtherFields === 'refuse') {
    for (const field of Object.keys(body))
      if (!allowed.has(field)) problems.add(field, 'cannot be changed for a single occurrence');
    for (const key of Object.keys(body.settings ?? {}))
      if (!allowedSettings.has(key))
        problems.add(`settings.${key}`, 'cannot be changed for a single occurrence');
  }
  checkDuration(body.duration, problems);
  if (body.agenda !== undefined) occurrence.agenda = body.agenda;
  if (body.duration !== undefined) occurrence.duration = body.duration;
  if (body.settings !== undefined) {
    const kept = Object.entries(body.settings).filter(([key]) => allowedSettings.has(key));
    occurrence.settings = { ...occurrence.settings, ...Object.fromEntries(kept) };
  }
  if (body.start_time !== undefined) {
    const start = readStart(body.start_time, meeting, problems);
    if (start !== undefined && start >= ctx.now.getTime()) {
      occurrence.startMs = start;
      if (ctx.switches.occurrenceIdAfterMove === 'new-start') occurrence.id = String(start);
    }
  }
  meeting.occurrences.sort((a, b) => a.startMs - b.startMs);
  return problems.none() ? { ok: true, meeting } : { ok: false, reply: problems.reply() };
}

function expandSeries(
  meeting: StoredMeeting,
  ctx: WriteContext,
  problems: Problems,
  previous: StoredOccurrence[] | undefined,
): void {
  const checked = checkRecurrence(meeting.recurrence!, ctx.switches, (field, why) =>
    problems.message(field, why),
  );
  if ('errors' in checked) {
    problems.addAll(checked.errors);
    return;
  }
  meeting.recurrenceEndMs = checked.rule.endDateTime;
  const zone = zoneNamed(meeting.timezone) ?? zoneNamed('UTC')!;
  const expansion = expandZoomRecurrence(
    meeting.startMs!,
    zone,
    checked.rule,
    expansionRules(ctx.switches),
  );
  if (expansion.kind === 'over-cap' && ctx.switches.endDateBeyondLimit === 'refuse') {
    problems.add(
      'recurrence.end_date_time',
      `allows more than ${OCCURRENCE_CAP} occurrences; recurring meetings have at most ${OCCURRENCE_CAP}`,
    );
    return;
  }
  if (expansion.starts.length === 0) {
    problems.add('recurrence.end_date_time', 'ends before the first occurrence');
    return;
  }
  const before = new Map((previous ?? []).map((o) => [o.id, o]));
  meeting.occurrences = expansion.starts.map((startMs) => {
    const fresh: StoredOccurrence = {
      id: String(startMs),
      startMs,
      duration: meeting.duration,
      status: 'available',
    };
    const old = before.get(fresh.id);
    return old
      ? { ...fresh, status: old.status, agenda: old.agenda, settings: old.settings }
      : fresh;
  });
}

/** SPEC meetingUpdate 400/3000; SPEC `pre_schedule`: only types 2 and 3. */
function preScheduleRefused(): Reply {
  return zoomError(
    400,
    3000,
    'Prescheduling is only available for scheduled meetings (type 2) and recurring meetings with no fixed time (type 3).',
  );
}

function resolveScheduleFor(
  body: MeetingBody,
  host: ZoomUser,
  ctx: WriteContext,
): { user: ZoomUser } | { reply: Reply } {
  if (body.schedule_for === undefined) return { user: host };
  if (body.type === 1)
    return {
      reply: zoomError(
        400,
        3000,
        'Instant meetings do not support the schedule_for parameter; you cannot schedule an instant meeting for another user.',
      ),
    };
  const user = ctx.users.find(body.schedule_for);
  if (!user)
    return {
      reply: zoomError(
        400,
        300,
        'The value that you entered for the schedule_for field is invalid. Enter a valid value and try again.',
      ),
    };
  return { user };
}

function resolveTimezone(zone: string | undefined, host: ZoomUser, problems: Problems): string {
  if (zone === undefined) return host.timezone;
  if (isKnownTimezone(zone)) return zone;
  if (problems.switches.unknownTimezone === 'refuse')
    problems.add('timezone', 'is not a known time zone ID');
  return host.timezone;
}

function readStart(value: string, meeting: StoredMeeting, problems: Problems): number | undefined {
  const parsed = parseStartTime(value, zoneNamed(meeting.timezone) ?? zoneNamed('UTC')!);
  if (parsed === undefined) {
    problems.add(
      'start_time',
      'must be yyyy-MM-ddTHH:mm:ssZ (UTC) or yyyy-MM-ddTHH:mm:ss (in timezone)',
    );
    return undefined;
  }
  return parsed;
}

function checkPasscode(password: string | undefined, problems: Problems): void {
  if (password !== undefined && !PASSCODE_CHARS.test(password))
    problems.add('password', 'may only hold letters, digits and @ - _ *');
}

/** Not in the spec: a negative duration is refused (the spec gives no bound at all). */
function checkDuration(duration: number | undefined, problems: Problems): void {
  if (duration !== undefined && duration < 0) problems.add('duration', 'must not be negative');
}

function numericPasscode(): string {
  return String(Math.floor(100_000 + Math.random() * 900_000));
}

function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function fullName(user: ZoomUser): string {
  return `${user.firstName} ${user.lastName}`.trim();
}

/** The fields that failed, reported together as one 300 Validation Failed (ERR). */
class Problems {
  private readonly list: FieldError[] = [];
  constructor(readonly switches: ZoomSwitchValues) {}

  message(field: string, why: string): FieldError {
    return {
      field,
      message:
        this.switches.validationMessages === 'detailed' ? `${field} ${why}` : 'Invalid field.',
    };
  }

  add(field: string, why: string): void {
    if (!this.list.some((p) => p.field === field)) this.list.push(this.message(field, why));
  }

  addAll(errors: FieldError[]): void {
    for (const error of errors)
      if (!this.list.some((p) => p.field === error.field)) this.list.push(error);
  }

  none(): boolean {
    return this.list.length === 0;
  }

  reply(): Reply {
    return errors.validationFailed(this.list);
  }
}

/** A write's result: the meeting, or the problems found (a pre-scheduled meeting must be type 2 or 3). */
function outcome(meeting: StoredMeeting, problems: Problems): WriteResult {
  if (problems.none() && meeting.preSchedule && meeting.type !== 2 && meeting.type !== 3)
    return { ok: false, reply: preScheduleRefused() };
  return problems.none() ? { ok: true, meeting } : { ok: false, reply: problems.reply() };
}
