import type { SwitchValues } from '../kit/index.js';

/**
 * Behaviour Zoom's documents leave open. Each switch names what the public sources say (keys and
 * addresses as in this folder's README: SPEC = Zoom's OpenAPI export, SPEC24 = its 2024 text,
 * REC = "Recurrence Object Definitions", SUP = "Scheduling Recurring Meetings", DF-n = developer
 * forum thread n). The first value is the default unless `default` says otherwise; defaults are
 * the conservative choice: the one under which a client that passes here also works on Zoom,
 * whichever way Zoom really behaves. README.md lists them all.
 */
export const zoomSwitchDefinitions = {
  firstOccurrence: {
    values: ['first-match-on-or-after-start', 'start-always'] as const,
    why: 'UNCONFIRMED: when start_time is not on a weekly_days day (or not the monthly day), Zoom documents nothing; the expected answer is the first matching day on/after the start date. start-always makes start_time itself the first occurrence, as RFC 5545 does with DTSTART.',
  },
  weekStart: {
    values: ['sunday', 'monday'] as const,
    why: 'Which week "every N weeks" counts from is undocumented; likely the week that holds start_time, Sunday-based as weekly_days numbers 1 = Sunday.',
  },
  monthlyDayBeyondMonthEnd: {
    values: ['last-day', 'skip'] as const,
    why: 'REC allows monthly_day 1..31; monthly_day 31 in a 30-day month is undocumented. last-day (clamp) is the default because it yields occurrences an RRULE BYMONTHDAY=31 does not, so a client that proves equivalence never trusts day 29-31 series it cannot prove.',
  },
  endDateTime: {
    values: ['instant', 'end-of-day-in-timezone'] as const,
    why: 'Whether end_date_time bounds by instant or includes its whole date (SPEC example 15:59Z = 23:59 UTC+8 hints the latter) is UNCONFIRMED. instant (occurrences starting at or before end_date_time) is the stricter one.',
  },
  endDateBeyondLimit: {
    values: ['refuse', 'truncate'] as const,
    why: 'What Zoom does when end_date_time yields more than 50 occurrences (SUP: at most 50) is UNCONFIRMED. refuse answers 300 Validation Failed on recurrence.end_date_time; truncate keeps the first 50.',
  },
  endTimesMax: {
    values: [50, 60] as const,
    why: 'SPEC says end_times maximum 60, REC and SUP say 50 ("contact Support to increase").',
  },
  endTimesWithEndDate: {
    values: ['refuse', 'end-times-wins'] as const,
    why: 'SPEC, REC: end_times and end_date_time "cannot be used with" each other; whether Zoom refuses both or lets one win is UNCONFIRMED.',
  },
  monthlyBothForms: {
    values: ['refuse', 'day-wins', 'week-wins'] as const,
    why: 'SPEC, REC: monthly_day and monthly_week(+monthly_week_day) are alternatives; precedence when both are sent is UNCONFIRMED.',
  },
  weeklyDaysFormat: {
    values: ['strict', 'lenient'] as const,
    why: 'weekly_days is comma-separated digits 1-7 (REC, DF-17076); tolerance of spaces, duplicates or order is UNCONFIRMED. strict accepts only "d" or "d,d,...", lenient also spaces and duplicates.',
  },
  pastStartTime: {
    values: ['now', 'keep'] as const,
    why: 'moodle-mod_zoom issue #341: Zoom moved a past start_time of a new recurring meeting to "now"; for scheduled meetings it is UNCONFIRMED. now applies it to both types on create. (PATCH ignores a past start_time, as SPEC says.)',
  },
  seriesStartWithoutRecurrence: {
    values: ['keep-recurrence', 'ignore'] as const,
    why: 'SPEC meetingUpdate: "The recurrence object is required" and a past/omitted start_time "does not update any recurring meetings"; whether a future start_time without recurrence moves a series is UNCONFIRMED. keep-recurrence re-expands with the stored recurrence; ignore leaves the series alone.',
  },
  seriesEditResetsOccurrences: {
    values: [true, false] as const,
    why: 'Undocumented: whether a whole-series PATCH that changes start_time, timezone, duration or recurrence keeps single-occurrence edits and deletions. true drops them (the client must re-apply them), false keeps them for occurrence ids that still exist.',
  },
  occurrenceIdAfterMove: {
    values: ['stable', 'new-start'] as const,
    why: 'Undocumented: after a single-occurrence PATCH moves start_time, whether occurrence_id stays the original start is UNCONFIRMED (expected stable).',
  },
  occurrencePatchOtherFields: {
    values: ['ignore', 'refuse'] as const,
    why: 'SPEC meetingUpdate occurrence_id: only agenda, start_time, duration and settings {host_video, participant_video, join_before_host, mute_upon_entry, waiting_room, watermark, auto_recording} can change for one occurrence; what happens to other fields is undocumented. ignore treats them like unknown fields; refuse answers 300 naming them.',
  },
  deletedOccurrences: {
    values: ['listed', 'hidden'] as const,
    why: 'A deleted occurrence has status "deleted" (SPEC24 enum); whether it stays in occurrences[] is UNCONFIRMED.',
  },
  recurringStartTime: {
    values: ['next-occurrence', 'first-occurrence'] as const,
    why: 'Undocumented: for type 8, start_time is taken to be the next (first available) occurrence (UNCONFIRMED; commonly seen, no source states it); first-occurrence keeps the series start.',
  },
  recurrenceEcho: {
    values: ['as-sent', 'with-defaults'] as const,
    why: 'The SPEC example (GET `meeting`) echoes every recurrence field with defaults; whether real responses do is UNCONFIRMED. with-defaults adds repeat_interval, weekly_days "1" and monthly_day 1 when absent.',
  },
  listRecurring: {
    values: ['once', 'per-occurrence'] as const,
    why: 'Whether List meetings shows a recurring meeting once or once per occurrence is UNCONFIRMED (SPEC `meetings` does not say).',
  },
  listFromTo: {
    values: ['ignored', 'applied'] as const,
    why: 'from/to appear in SPEC 2023+ without semantics worth trusting (issue 3: "the API has none worth trusting"). applied keeps meetings whose start date (UTC) is within [from, to].',
  },
  scheduleForOnUpdate: {
    values: ['refused', 'moves-host'] as const,
    why: 'SPEC meetingUpdate takes schedule_for but does not say whether it changes an existing meeting\'s host. cornellh4i/ithaca-recovery issue 516 / PR 519 (2026) saw PATCH {schedule_for} answer 204 and move the meeting keeping its id, passcode, join_url and recurrence; devforum.zoom.us/t/88501 and /t/129457 saw 400/3000 "You cannot schedule a meeting for <user>" (no scheduling privilege, or a Server-to-Server app). refused is the default: a client must then replace the meeting, and one that passes here works either way.',
  },
  deleteCountsTowardDailyLimit: {
    values: [false, true] as const,
    why: 'Zoom docs once said "create, update, or delete"; observed headers (DF-59670) show DELETE not touching the 100/day counter. UNCONFIRMED.',
  },
  dailyLimitCounts: {
    values: ['all-attempts', 'successful'] as const,
    why: 'Undocumented: whether a refused create/update (validation error) spends one of the 100 daily requests. all-attempts spends budget sooner, the safer assumption for a client.',
  },
  perSecondLimits: {
    values: [false, true] as const,
    why: 'RL: per-second limits per label (Light/Medium) by plan. Off by default so tests are deterministic; turn on for realism.',
  },
  accountPlan: {
    values: ['business', 'pro', 'free'] as const,
    why: 'RL: the per-second limits depend on the plan (Business+: Light 80/s, Medium 60/s; Pro 30/20; Free 4/2 plus 6,000/2,000 per day).',
  },
  autoPasscode: {
    values: [true, false] as const,
    why: 'SPEC password: when "require passcode" is locked on (the default for accounts since 2020), Zoom generates a passcode even if none is sent. false leaves the meeting without one.',
  },
  unknownTimezone: {
    values: ['refuse', 'user-timezone'] as const,
    why: "Undocumented: a timezone outside Zoom's list. refuse answers 300 on timezone; user-timezone falls back to the host's zone.",
  },
  expiredTokenMessage: {
    values: ['Invalid access token.', 'Access token is expired.'] as const,
    why: 'ERR: 401/124 "Invalid access token." is confirmed (DF-95559); "Access token is expired." is widely reported (zulip/zulip#33057 handles both).',
  },
  newTokenRevokesOld: {
    values: [false, true] as const,
    why: 'DF-94662: issuing many tokens can invalidate earlier ones; the cap is UNCONFIRMED. true: each new token revokes all earlier ones.',
  },
  oldRefreshTokenAfterRotation: {
    values: ['refused', 'still-valid', 'reuse-revokes-grant'] as const,
    why: 'Zoom rotates the refresh token at every refresh and "the latest refresh token must always be used" (devforum 10375; devsupport article 360060332931), but what Zoom does with an older one is not documented. refused answers 400 "Invalid Token!" for it; still-valid lets it refresh again; reuse-revokes-grant treats its use as a stolen token and revokes the whole grant (refresh-token reuse detection, RFC 6819 §5.2.2.3, OAuth 2.0 Security BCP).',
  },
  tokenParamsInQuery: {
    values: ['accepted', 'refused'] as const,
    why: 'grant_type and account_id as query parameters or form body (OAUTH); devforum thread 124925 (2024) reports 400 for query parameters. refused answers 400 unless they come in the form body.',
  },
  badClientStatus: {
    values: [400, 401] as const,
    why: 'The status for wrong client credentials is UNCONFIRMED; JubaerHossain/zoom-laravel#3 (2023) shows 400 {"reason":"Invalid client_id or client_secret","error":"invalid_client"}.',
  },
  validationMessages: {
    values: ['zoom', 'detailed'] as const,
    why: 'ERR shows errors[].message "Invalid field."; Zoom\'s wording per rule is UNCONFIRMED. detailed says what rule failed (handy when debugging a client).',
  },
  unknownMeetingOnInviteLinks: {
    values: ['404/3001', '400/3001', '400/300'] as const,
    why: 'SPEC meetingInviteLinksCreate lists 400/300 "Meeting ID does not exist." and 400/3001; issue 3 asks 404/3001 for an unknown meeting everywhere.',
  },
  deletedRecoveryDays: {
    values: [7, 30] as const,
    why: 'SPEC meetingStatus: PUT status "recover" restores a deleted meeting; the recovery window is UNCONFIRMED and undocumented (7 days is the web portal "Recently Deleted" list as remembered, not a source).',
  },
  webhookDelayMs: {
    range: { min: 0, max: 60_000 },
    default: 0,
    why: 'How long after a change Zoom delivers its event is undocumented (seconds in practice); a delay lets a test see the order of things.',
  },
  webhookDropEvery: {
    range: { min: 0, max: 1000 },
    default: 0,
    why: 'Zoom gives up on a delivery after its retries (developers.zoom.us/docs/api/webhooks/: three retries); an event can be lost. n > 0 drops every n-th event (1: all); 0 none. Deterministic, so tests do not depend on chance.',
  },
  webhookCopies: {
    range: { min: 1, max: 5 },
    default: 1,
    why: 'Zoom may deliver an event more than once (a retry after a slow answer); each event is sent this many times.',
  },
  webhookApiOperator: {
    values: ['account-owner', 'host'] as const,
    why: 'Undocumented: which user `operator`/`operator_id` names for a change made through the API by a Server-to-Server app. account-owner names the first user of the account, host the meeting host. A change made with the control API (a person in the web portal) names the host.',
  },
};

export type ZoomSwitchDefinitions = typeof zoomSwitchDefinitions;
export type ZoomSwitchValues = SwitchValues<ZoomSwitchDefinitions>;
