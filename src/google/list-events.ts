import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import type { CalendarEvent } from '../domain/calendar-event.js';
import type { AdapterContext } from './adapter-context.js';
import { normaliseEvent } from './normalise-event.js';
import { parseResponse } from './parse-response.js';
import { rawEvent, rawEventsPage } from './raw-event.js';
import { GoogleScopes } from './scopes.js';

export type ListQuery = Omit<
  calendar_v3.Params$Resource$Events$List,
  'auth' | 'calendarId' | 'pageToken' | 'maxResults'
>;

export interface ListedPage {
  events: CalendarEvent[];
  /** Only on the last page (Google sends it nowhere else). */
  nextSyncToken?: string;
  last: boolean;
}

/**
 * Every page of one `events.list` query on a room calendar, read as the admin subject and
 * normalised. A page is complete when it has no `nextPageToken`; pages may be short or even
 * empty before that (discovery, `maxResults`). Each page repeats the query plus `pageToken`.
 */
export async function* listEventPages(
  ctx: AdapterContext,
  calendarId: string,
  query: ListQuery,
): AsyncGenerator<ListedPage> {
  let pageToken: string | undefined;
  do {
    const token = pageToken;
    const data = await ctx.call(
      {
        operation: 'events.list',
        subject: ctx.adminSubject(),
        scope: GoogleScopes.readEvents,
        calendarId,
        usingSyncToken: query.syncToken !== undefined,
      },
      (auth) =>
        ctx.apis.calendar.events.list({
          ...query,
          auth,
          calendarId,
          maxResults: ctx.google.pageSize,
          pageToken: token,
        }),
    );
    const page = parseResponse(rawEventsPage, data, 'events.list', 'the page');
    const events = (page.items ?? []).map((item) =>
      normaliseEvent(parseResponse(rawEvent, item, 'events.list', 'an event'), calendarId),
    );
    pageToken = page.nextPageToken || undefined;
    const listed: ListedPage = { events, last: pageToken === undefined };
    if (listed.last && page.nextSyncToken) listed.nextSyncToken = page.nextSyncToken;
    yield listed;
  } while (pageToken);
}
