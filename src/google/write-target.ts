import type { LiveEvent } from '../domain/calendar-event.js';
import type { EventCopyRef } from '../domain/calendar-write.js';

export interface WriteTargetRules {
  /** `google.domains`; empty = the domain of `adminSubject`. */
  domains: readonly string[];
  adminSubject: string;
}

/**
 * Which copy write-back patches. The organizer's copy, acting as the organizer, when the organizer
 * belongs to one of our Workspace domains: edits there propagate to every attendee and to the room
 * (Calendar API concepts, "Events and calendars", Organizers). Otherwise (an outside organizer, or
 * an event made on the room's own calendar) the room's copy, acting as the admin subject: that
 * change stays on the room's calendar, but it is the only copy we may write.
 */
export function writeTarget(event: LiveEvent, rules: WriteTargetRules): EventCopyRef {
  const domains = (rules.domains.length > 0 ? rules.domains : [domainOf(rules.adminSubject)]).map(
    (d) => d.toLowerCase(),
  );
  const organizer = event.organizer.email;
  const ours =
    organizer.toLowerCase() !== event.calendarId.toLowerCase() &&
    domains.includes(domainOf(organizer).toLowerCase());
  return ours
    ? { calendarId: organizer, eventId: event.eventId, actAs: organizer }
    : { calendarId: event.calendarId, eventId: event.eventId, actAs: rules.adminSubject };
}

function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1);
}
