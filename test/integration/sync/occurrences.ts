import type { ZoomMeeting } from '../../../src/domain/zoom-meeting.js';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';

/**
 * Google's instances and Zoom's live occurrences of one booking, in one shape, so that a test can
 * say "the meeting shows what the calendar shows": each as its UTC start and its length in
 * minutes, with the original start (Zoom's occurrence id, Google's `originalStartTime`) beside it.
 */
export interface Slot {
  /** The original start, epoch ms (what the rule made; Zoom's occurrence_id). */
  original: number;
  /** When it starts now, UTC ISO without milliseconds. */
  start: string;
  minutes: number;
}

interface InstanceItem {
  status?: string;
  start?: { dateTime?: string };
  end?: { dateTime?: string };
  originalStartTime?: { dateTime?: string };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * A reader of Google's own expansion of a series: `events.instances` over real HTTP, as `as`
 * (a person of the emulated domain, through the refresh-token grant), from `from` on. Cancelled
 * instances are left out (as Google leaves them out without `showDeleted`); moved ones are where
 * they were moved to. Each call is one API call on the Google emulator: do not read while a test
 * counts calls.
 */
export function googleInstanceReader(google: GoogleEmulator) {
  const tokens = new Map<string, { token: string; until: number }>();
  async function token(as: string, nowMs: number): Promise<string> {
    const known = tokens.get(as);
    if (known && known.until > nowMs) return known.token;
    const response = await fetch(google.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: google.issueRefreshToken(as),
        client_id: google.oauthClient.clientId,
        client_secret: google.oauthClient.clientSecret,
      }),
    });
    if (!response.ok) throw new Error(`token for ${as}: ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    tokens.set(as, { token: body.access_token, until: nowMs + (body.expires_in - 60) * 1000 });
    return body.access_token;
  }

  return async function instances(
    as: string,
    calendarId: string,
    eventId: string,
    range: { from: Date; to: Date },
  ): Promise<Slot[]> {
    const nowMs = google.server.clock.nowMs();
    const out: Slot[] = [];
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({
        timeMin: range.from.toISOString(),
        timeMax: range.to.toISOString(),
        maxResults: '2500',
        ...(pageToken ? { pageToken } : {}),
      });
      const url = `${google.rootUrl}calendar/v3/calendars/${encodeURIComponent(calendarId)}/events/${encodeURIComponent(eventId)}/instances?${query}`;
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${await token(as, nowMs)}` },
      });
      if (response.status === 410) return [];
      if (!response.ok) throw new Error(`instances of ${eventId}: ${response.status}`);
      const body = (await response.json()) as { items: InstanceItem[]; nextPageToken?: string };
      for (const item of body.items) {
        if (item.status === 'cancelled' || !item.start?.dateTime || !item.end?.dateTime) continue;
        const start = Date.parse(item.start.dateTime);
        out.push({
          original: Date.parse(item.originalStartTime?.dateTime ?? item.start.dateTime),
          start: iso(start),
          minutes: Math.round((Date.parse(item.end.dateTime) - start) / 60_000),
        });
      }
      pageToken = body.nextPageToken;
    } while (pageToken);
    return sortSlots(out);
  };
}

/** A meeting's occurrences that Zoom still holds (not deleted), or its one time for a single. */
export function zoomLiveSlots(meeting: ZoomMeeting): Slot[] {
  if (meeting.occurrences && meeting.occurrences.length > 0)
    return sortSlots(
      meeting.occurrences
        .filter((o) => o.status !== 'deleted')
        .map((o) => ({
          original: Number(o.occurrence_id),
          start: iso(Date.parse(o.start_time)),
          minutes: o.duration,
        })),
    );
  if (!meeting.start_time) return [];
  const start = Date.parse(meeting.start_time);
  return [{ original: start, start: iso(start), minutes: meeting.duration ?? 0 }];
}

/** The original starts a meeting covers: every occurrence, deleted ones included. */
export function zoomCoveredOriginals(meeting: ZoomMeeting): number[] {
  return (meeting.occurrences ?? []).map((o) => Number(o.occurrence_id)).sort((a, b) => a - b);
}

/** Slots not over at `nowMs` (their end after it). */
export function notOver(slots: Slot[], nowMs: number): Slot[] {
  return slots.filter((s) => Date.parse(s.start) + s.minutes * 60_000 > nowMs);
}

export function sortSlots(slots: Slot[]): Slot[] {
  return [...slots].sort((a, b) => a.original - b.original || a.start.localeCompare(b.start));
}

/** Slots as people read them, for assertion messages: `2030-03-12T10:30:00Z 30min`. */
export const showSlots = (slots: Slot[]) => slots.map((s) => `${s.start} ${s.minutes}min`);
