import { randomInt } from 'node:crypto';

/**
 * Event ids as Google makes them: base32hex (`[a-v0-9]`), 5–1024 characters (DISCO Event.id);
 * Google's own are 26 characters. Instances are `<id>_<YYYYMMDDTHHMMSSZ>` (timed, UTC) or
 * `<id>_<YYYYMMDD>` (whole day); a "this and following" split is `<id>_R<YYYYMMDDTHHMMSS>`
 * (instance ids as in Odoo's google_calendar tests; `_R` ids as in Google Calendar ICS exports and
 * odoo/odoo PR #287171).
 */
const base32hex = '0123456789abcdefghijklmnopqrstuv';

export function newEventId(length = 26): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += base32hex[randomInt(32)];
  return id;
}

export function isValidClientEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}

/** Splits an instance id into its series id and occurrence key, if it looks like one. */
export function parseInstanceId(id: string): { masterId: string; key: string } | undefined {
  const m = /^(.+)_(\d{8}T\d{6}Z|\d{8})$/.exec(id);
  return m ? { masterId: m[1]!, key: m[2]! } : undefined;
}

export function instanceId(masterId: string, key: string): string {
  return `${masterId}_${key}`;
}

/**
 * Google Calendar web link: `eid` = base64(eventId + " " + calendarId) without padding (observed:
 * decoded from a real link).
 */
export function htmlLink(eventId: string, calendarId: string): string {
  const eid = Buffer.from(`${eventId} ${calendarId}`).toString('base64url');
  return `https://www.google.com/calendar/event?eid=${eid}`;
}
