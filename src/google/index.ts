/**
 * The Google Calendar adapter (googleapis): rooms, incremental reading, safe write-back.
 * The engine sees it as a `CalendarPort`; the CLI also uses `discoverRooms` and `listBookings`.
 */
export { createGoogleAdapter, type GoogleAdapter, type GoogleAdapterOptions } from './adapter.js';
export {
  CalendarApiError,
  GoogleErrorCodes,
  type GoogleErrorCode,
  type CalendarApiErrorDetails,
} from './calendar-api-error.js';
export type * from '../domain/calendar-write.js';
export type { RoomListing, SkippedRoom } from './room-hosts.js';
export { GoogleScopes, allGoogleScopes, type GoogleScope } from './scopes.js';
export { writeTarget, type WriteTargetRules } from './write-target.js';
export { normaliseEvent } from './normalise-event.js';
export { rawEvent, type RawEvent } from './raw-event.js';
export type { ChannelRequest, OpenChannel } from './watch-channel.js';
