/**
 * The OAuth scopes each emulated method accepts, copied from the discovery documents
 * (`specs/calendar-v3-discovery.json` `resources.events.methods.*.scopes`,
 * `specs/admin-directory-v1-discovery.json` `resources.resources.resources.calendars.methods.*.scopes`).
 * A unit test holds this table equal to the documents.
 */
const auth = 'https://www.googleapis.com/auth/';

const calendarRead = [
  'calendar',
  'calendar.app.created',
  'calendar.events',
  'calendar.events.freebusy',
  'calendar.events.owned',
  'calendar.events.owned.readonly',
  'calendar.events.public.readonly',
  'calendar.events.readonly',
  'calendar.readonly',
].map((s) => auth + s);

const calendarWrite = [
  'calendar',
  'calendar.app.created',
  'calendar.events',
  'calendar.events.owned',
].map((s) => auth + s);

/** channels.stop accepts every calendar scope but the write-only ones of events.watch's list, plus these. */
const channelStop = [
  ...calendarRead,
  ...[
    'calendar.acls',
    'calendar.acls.readonly',
    'calendar.calendarlist',
    'calendar.calendarlist.readonly',
    'calendar.settings.readonly',
  ].map((s) => auth + s),
];

const directoryResourceRead = [
  'admin.directory.resource.calendar',
  'admin.directory.resource.calendar.readonly',
].map((s) => auth + s);

export const methodScopes = {
  'calendar.events.list': calendarRead,
  'calendar.events.get': calendarRead,
  'calendar.events.instances': calendarRead,
  'calendar.events.insert': calendarWrite,
  'calendar.events.patch': calendarWrite,
  'calendar.events.update': calendarWrite,
  'calendar.events.delete': calendarWrite,
  'calendar.events.watch': calendarRead,
  'calendar.channels.stop': channelStop,
  'directory.resources.calendars.list': directoryResourceRead,
  'directory.resources.calendars.get': directoryResourceRead,
} as const;

export type EmulatedMethod = keyof typeof methodScopes;

/** Every scope some emulated method accepts: what delegation authorises by default. */
export const allKnownScopes = [...new Set(Object.values(methodScopes).flat())];

export function hasScopeFor(method: EmulatedMethod, granted: readonly string[]): boolean {
  const accepted: readonly string[] = methodScopes[method];
  return granted.some((scope) => accepted.includes(scope));
}
