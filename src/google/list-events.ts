import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import type { CalendarEvent } from '../domain/calendar-event.js';
import type { AdapterContext } from './adapter-context.js';
import type { AuthClient } from './auth-clients.js';
import { normaliseEvent } from './normalise-event.js';
import { rawEventsPage } from './raw-event.js';
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

export type InstancesQuery = Omit<
  calendar_v3.Params$Resource$Events$Instances,
  'auth' | 'calendarId' | 'eventId' | 'pageToken' | 'maxResults'
>;

/**
 * Every page of one `events.list` query on a room calendar, read as the admin subject and
 * normalised. A page is complete when it has no `nextPageToken`; pages may be short or even
 * empty before that (discovery, `maxResults`). Each page repeats the query plus `pageToken`.
 */
export function listEventPages(
  ctx: AdapterContext,
  calendarId: string,
  query: ListQuery,
): AsyncGenerator<ListedPage> {
  return eventPages(ctx, calendarId, 'events.list', query.syncToken !== undefined, (auth, page) =>
    ctx.apis.calendar.events.list({ ...query, auth, calendarId, ...page }),
  );
}

/** Every page of `events.instances` of one series on a room calendar (its instances, expanded). */
export function listInstancePages(
  ctx: AdapterContext,
  calendarId: string,
  eventId: string,
  query: InstancesQuery,
  subject: string = ctx.adminSubject(),
): AsyncGenerator<ListedPage> {
  return eventPages(
    ctx,
    calendarId,
    'events.instances',
    false,
    (auth, page) =>
      ctx.apis.calendar.events.instances({ ...query, auth, calendarId, eventId, ...page }),
    subject,
  );
}

async function* eventPages(
  ctx: AdapterContext,
  calendarId: string,
  operation: 'events.list' | 'events.instances',
  usingSyncToken: boolean,
  send: (
    auth: AuthClient,
    page: { maxResults: number; pageToken: string | undefined },
  ) => Promise<{ status: number; data: unknown }>,
  subject: string = ctx.adminSubject(),
): AsyncGenerator<ListedPage> {
  const pages = ctx.pages(
    { operation, where: calendarId },
    (pageToken) =>
      ctx.call(
        {
          operation,
          subject,
          scope: GoogleScopes.readEvents,
          calendarId,
          usingSyncToken,
          send: (auth) => send(auth, { maxResults: ctx.google.pageSize, pageToken }),
        },
        rawEventsPage,
      ),
    (page) => page.nextPageToken,
  );
  for await (const page of pages) {
    const events = (page.items ?? []).map((item) => normaliseEvent(item, calendarId));
    const listed: ListedPage = { events, last: !page.nextPageToken };
    if (listed.last && page.nextSyncToken) listed.nextSyncToken = page.nextSyncToken;
    yield listed;
  }
}
