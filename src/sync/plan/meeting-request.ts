import type { LiveEvent } from '../../domain/calendar-event.js';
import type { ZoomMeetingRequest } from '../../domain/zoom-meeting.js';
import type { MeetingConversion } from '../../recurrence/index.js';
import type { ZoomUserLookup } from '../../store/index.js';
import type { RoomSettings, ScopeConfig } from './room-settings.js';

/**
 * What a booking's meeting request carries beyond its times (pure): the topic of a private
 * booking, and the settings — the host room's meeting settings and, with
 * `zoom.alternativeHosts: organizer`, the organizer as an alternative host when Zoom said they may
 * be one (a licensed, active user of the account: Zoom's "Designating an alternative host"). A
 * private or confidential booking sends neither its title nor its description nor its attendees:
 * its topic is `sync.privateTopic` in the room's language, and nothing else of it goes to Zoom
 * (the agenda holds only the create's marker).
 */
export interface RequestScope {
  /** Replaces the title as the topic (private bookings). */
  topic?: string;
  settings: Record<string, unknown>;
  /** The organizer to look up in Zoom before the request is sent (not known yet). */
  lookUp?: string;
}

/** A failed lookup (a missing scope, an outage) is asked again after this long. */
export const failedLookupRetryMs = 24 * 3600_000;

export function isPrivate(event: Pick<LiveEvent, 'visibility'>): boolean {
  return event.visibility === 'private' || event.visibility === 'confidential';
}

export function requestScopeOf(
  event: LiveEvent,
  room: RoomSettings,
  meetingHost: string,
  organizer: ZoomUserLookup | undefined,
  now: Date,
  config: ScopeConfig,
): RequestScope {
  const scope: RequestScope = { settings: { ...room.meetingSettings } };
  if (isPrivate(event)) scope.topic = config.sync.privateTopic[room.invitationLang];
  const email = event.organizer.email;
  if (config.zoom.alternativeHosts !== 'organizer' || sameAddress(email, meetingHost)) return scope;
  if (needsLookup(organizer, now)) scope.lookUp = email;
  else if (organizer?.eligible === true)
    scope.settings.alternative_hosts = withAddress(scope.settings.alternative_hosts, email);
  return scope;
}

/** Never looked up, or the last lookup failed a day or more ago. */
export function needsLookup(organizer: ZoomUserLookup | undefined, now: Date): boolean {
  if (!organizer) return true;
  return (
    organizer.eligible === null &&
    now.getTime() - Date.parse(organizer.checkedAt) >= failedLookupRetryMs
  );
}

/** The conversion's meeting requests with the scope's topic and settings. */
export function scopedConversion<T extends MeetingConversion>(
  conversion: T,
  scope: RequestScope,
): T {
  const scoped = (request: ZoomMeetingRequest): ZoomMeetingRequest => ({
    ...request,
    ...(scope.topic !== undefined ? { topic: scope.topic } : {}),
    ...(Object.keys(scope.settings).length > 0 ? { settings: { ...scope.settings } } : {}),
  });
  if (conversion.strategy === 'per_occurrence') {
    return {
      ...conversion,
      meetings: conversion.meetings.map((m) => ({ ...m, request: scoped(m.request) })),
    };
  }
  return { ...conversion, meeting: scoped(conversion.meeting) };
}

/** Zoom's `alternative_hosts` is a semicolon-separated list of addresses. */
function withAddress(current: unknown, email: string): string {
  const list = typeof current === 'string' ? current.split(/[;,]/).map((a) => a.trim()) : [];
  const kept = list.filter((a) => a !== '' && !sameAddress(a, email));
  return [...kept, email].join(';');
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
