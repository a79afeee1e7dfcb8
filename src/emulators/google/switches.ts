import { choice, range, type SwitchDefinitions } from '../kit/index.js';

/**
 * Behaviour Google's documents leave open, as named switches (the first value is the default).
 * Why each is a switch, with the public sources, is in this folder's README (its switch table,
 * which a test holds to this one).
 */
export const googleSwitchDefinitions = {
  addOnConference: choice('reject', 'accept', 'strip'),
  delegation: choice('allowed', 'refused'),
  roomAutoDecline: choice(true, false),
  roomAccessForMembers: choice('reader', 'writer', 'none'),
  attendeeCopyEdits: choice('keep', 'ignoreSharedFields'),
  userRateLimitPerMinute: choice(0, 10, 60, 600),
  projectRateLimitPerMinute: choice(0, 10, 100, 10_000),
  rateLimitReply: choice(
    '403-userRateLimitExceeded',
    '403-rateLimitExceeded',
    '429-rateLimitExceeded',
  ),
  syncTokenTtlHours: choice(0, 1, 24, 168),
  pushAddress: choice('https-only', 'http-allowed'),
  pushDelayMs: range(0, 600_000),
  pushLoss: choice(0, 0.1, 0.5, 1),
  pushDuplicates: choice(0, 1, 3),
} satisfies SwitchDefinitions;

export type GoogleSwitchDefinitions = typeof googleSwitchDefinitions;
