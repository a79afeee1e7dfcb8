import type { SwitchDefinitions } from '../kit/index.js';

/**
 * Behaviour Google's documents leave open, as named switches (first value = default unless
 * `default` says otherwise). Each `why` names what the documents do and do not say; the README
 * lists them with their public sources.
 */
export const googleSwitchDefinitions = {
  addOnConference: {
    values: ['reject', 'accept', 'strip'] as const,
    why: 'Whether Calendar accepts a conferenceData of type addOn from a plain API client is UNCONFIRMED; live reports (openclaw/gogcli PR #590) saw 400 "Invalid conference data", others ship it. Default: refuse with 400.',
  },
  delegation: {
    values: ['allowed', 'refused'] as const,
    why: 'Lets a test see the real 401 unauthorized_client a token request gets when the Workspace admin has not authorised the service account (or its scopes) for domain-wide delegation (google-api-php-client #2214 and other reports).',
  },
  roomAutoDecline: {
    values: [true, false] as const,
    why: 'Rooms auto-accept or decline per admin settings (UNCONFIRMED detail: no primary document read). Default: a room declines a booking that overlaps one it already accepted (a whole series when any instance overlaps).',
  },
  roomAccessForMembers: {
    values: ['reader', 'writer', 'none'] as const,
    why: 'What a non-admin person in the domain may do with a room calendar depends on the resource sharing settings (UNCONFIRMED, an open question). Admins are always writers. Default: reader.',
  },
  attendeeCopyEdits: {
    values: ['keep', 'ignoreSharedFields'] as const,
    why: 'Edits of a non-organizer copy stay on that copy (Stack Overflow question 62386622); google-api-nodejs-client #2989 reports summary/recurrence edits on attendee copies "succeed" without effect. Default: keep the edit on that copy.',
  },
  userRateLimitPerMinute: {
    values: [0, 10, 60, 600] as const,
    why: 'Calendar quota: 600 requests per minute per user per project (quota guide), sliding window. 0 = off (the default, so tests stay deterministic).',
  },
  projectRateLimitPerMinute: {
    values: [0, 10, 100, 10_000] as const,
    why: 'Calendar quota: 10,000 requests per minute per project (quota guide), sliding window, answered 429 usageLimits/rateLimitExceeded (errors guide). 0 = off (the default).',
  },
  rateLimitReply: {
    values: [
      '403-userRateLimitExceeded',
      '403-rateLimitExceeded',
      '429-rateLimitExceeded',
    ] as const,
    why: 'The errors guide gives both 403 usageLimits and 429 for rate limits and calls them "functionally similar"; which one a user-rate overrun gets is not fixed.',
  },
  syncTokenTtlHours: {
    values: [0, 1, 24, 168] as const,
    why: 'Sync tokens expire or are invalidated "for various reasons" (sync guide) without a documented lifetime. 0 = never by age (default); /_emulator/sync-tokens/invalidate ends them on demand.',
  },
  pushAddress: {
    values: ['https-only', 'http-allowed'] as const,
    why: 'The push guide requires an HTTPS address with a valid certificate (400 push.webhookUrlNotHttps otherwise). Tests, the demo and the benches deliver to a daemon on loopback over plain HTTP, which this switch allows.',
  },
  pushDelayMs: {
    range: { min: 0, max: 600_000 },
    default: 0,
    why: 'The push guide gives no bound on how soon a message follows a change. Each message is posted this many ms after the change. 0 = at once (the default).',
  },
  pushLoss: {
    values: [0, 0.1, 0.5, 1] as const,
    why: 'The push guide promises no delivery ("notifications are not 100% reliable"; polling stays the safety net). The share of messages dropped, drawn per message. 0 = none (the default).',
  },
  pushDuplicates: {
    values: [0, 1, 3] as const,
    why: 'Field reports: one change can bring a burst of messages for the whole calendar (google-api-nodejs-client #3158). Extra copies of every message, same message number. 0 = none (the default).',
  },
} satisfies SwitchDefinitions;

export type GoogleSwitchDefinitions = typeof googleSwitchDefinitions;
