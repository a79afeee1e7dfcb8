/**
 * The OAuth scopes zoomlink asks for, one per kind of call and no broader (calendar v3 and admin
 * directory_v1 discovery documents list which scopes each method accepts:
 * specs/calendar-v3-discovery.json, specs/admin-directory-v1-discovery.json). A Workspace admin
 * authorises exactly these for the service account's client id.
 */
export const GoogleScopes = {
  /** events.list / events.get on room calendars. */
  readEvents: 'https://www.googleapis.com/auth/calendar.events.readonly',
  /** events.get + events.patch of the copy being written back. */
  writeEvents: 'https://www.googleapis.com/auth/calendar.events',
  /** directory.resources.calendars.list for room discovery. */
  readRooms: 'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly',
} as const;

export type GoogleScope = (typeof GoogleScopes)[keyof typeof GoogleScopes];

/** Every scope, for the delegation instructions an administrator follows. */
export const allGoogleScopes: readonly GoogleScope[] = Object.values(GoogleScopes);
