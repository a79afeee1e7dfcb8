import { choice, range, type SwitchDefinitions, type SwitchValues } from '../kit/index.js';

/**
 * Behaviour Zoom's documents leave open, as named switches (the first value is the default). Why
 * each is a switch, with the public sources, is in this folder's README (its switch table, which
 * a test holds to this one). Defaults are the conservative choice: the one under which a client
 * that passes here also works on Zoom, whichever way Zoom really behaves.
 */
export const zoomSwitchDefinitions = {
  firstOccurrence: choice('first-match-on-or-after-start', 'start-always'),
  weekStart: choice('sunday', 'monday'),
  monthlyDayBeyondMonthEnd: choice('last-day', 'skip'),
  endDateTime: choice('instant', 'end-of-day-in-timezone'),
  endDateBeyondLimit: choice('refuse', 'truncate'),
  endTimesMax: choice(50, 60),
  endTimesWithEndDate: choice('refuse', 'end-times-wins'),
  monthlyBothForms: choice('refuse', 'day-wins', 'week-wins'),
  weeklyDaysFormat: choice('strict', 'lenient'),
  pastStartTime: choice('now', 'keep'),
  seriesStartWithoutRecurrence: choice('keep-recurrence', 'ignore'),
  seriesEditResetsOccurrences: choice(true, false),
  occurrenceIdAfterMove: choice('stable', 'new-start'),
  occurrencePatchOtherFields: choice('ignore', 'refuse'),
  deletedOccurrences: choice('listed', 'hidden'),
  recurringStartTime: choice('next-occurrence', 'first-occurrence'),
  recurrenceEcho: choice('as-sent', 'with-defaults'),
  listRecurring: choice('once', 'per-occurrence'),
  listFromTo: choice('ignored', 'applied'),
  scheduleForOnUpdate: choice('refused', 'moves-host'),
  deleteCountsTowardDailyLimit: choice(false, true),
  dailyLimitCounts: choice('all-attempts', 'successful'),
  perSecondLimits: choice(false, true),
  accountPlan: choice('business', 'pro', 'free'),
  autoPasscode: choice(true, false),
  unknownTimezone: choice('refuse', 'user-timezone'),
  expiredTokenMessage: choice('Invalid access token.', 'Access token is expired.'),
  newTokenRevokesOld: choice(false, true),
  oldRefreshTokenAfterRotation: choice('refused', 'still-valid', 'reuse-revokes-grant'),
  tokenParamsInQuery: choice('accepted', 'refused'),
  badClientStatus: choice(400, 401),
  validationMessages: choice('zoom', 'detailed'),
  unknownMeetingOnInviteLinks: choice('404/3001', '400/3001', '400/300'),
  deletedRecoveryDays: choice(7, 30),
  webhookDelayMs: range(0, 60_000),
  webhookDropEvery: range(0, 1000),
  webhookCopies: range(1, 5),
  webhookApiOperator: choice('account-owner', 'host'),
} satisfies SwitchDefinitions;

export type ZoomSwitchDefinitions = typeof zoomSwitchDefinitions;
export type ZoomSwitchValues = SwitchValues<ZoomSwitchDefinitions>;
