import type { LiveEvent } from '../../domain/calendar-event.js';
import { htmlToText, isHtml, removeBlock } from '../../invitation/index.js';
import type { SkipReason } from './engine-types.js';
import { otherConferencesOf } from './other-conference.js';
import type { RoomSettings, ScopeConfig } from './room-settings.js';

/**
 * Whether a booking is in zoomlink's scope (pure): a booking that carries another video
 * conference is not, whatever the policy (unless `sync.replaceOtherConferences`); then the host
 * room's policy decides — `all`, `optIn` (a keyword in the title or description asks for a
 * meeting) or `optOut` (a keyword refuses one). Keywords are matched case-insensitively, in the
 * title and in the description people wrote (our block aside; HTML read as its text).
 */
export type ScopeVerdict = { in: true } | { in: false; reason: ScopeSkipReason; detail: string };

export type ScopeSkipReason = Extract<
  SkipReason,
  'policy_opt_in' | 'policy_opt_out' | 'other_conference'
>;

export function scopeOf(event: LiveEvent, room: RoomSettings, config: ScopeConfig): ScopeVerdict {
  if (!config.sync.replaceOtherConferences) {
    const others = otherConferencesOf(event);
    if (others.length > 0)
      return {
        in: false,
        reason: 'other_conference',
        detail: `already has a ${others.join(' and a ')} conference (sync.replaceOtherConferences is off)`,
      };
  }
  if (room.policy === 'optIn') {
    if (mentions(event, config.sync.optInKeywords)) return { in: true };
    return {
      in: false,
      reason: 'policy_opt_in',
      detail: `policy optIn: neither the title nor the description holds ${listed(config.sync.optInKeywords)}`,
    };
  }
  if (room.policy === 'optOut') {
    const word = mentions(event, config.sync.optOutKeywords);
    if (!word) return { in: true };
    return {
      in: false,
      reason: 'policy_opt_out',
      detail: `policy optOut: the booking holds ${word}`,
    };
  }
  return { in: true };
}

/** The first keyword the title or the people's description holds (case-insensitive). */
function mentions(event: LiveEvent, keywords: readonly string[]): string | undefined {
  const description = removeBlock(event.description);
  const text = `${event.summary}\n${isHtml(description) ? htmlToText(description) : description}`;
  const lower = text.toLowerCase();
  return keywords.find((word) => lower.includes(word.toLowerCase()));
}

const listed = (words: readonly string[]) => words.map((w) => `"${w}"`).join(' or ');
