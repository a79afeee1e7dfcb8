import type { ApiContext, EmulatorServer, Reply } from '../kit/index.js';
import type { CalendarModel } from './calendar-model.js';
import { etagOf, updatedOf, type CalendarState } from './calendar-store.js';
import { checkCustomer, renderRoom, roomOrder, roomQuery } from './directory-api.js';
import { renderEvent } from './event-render.js';
import { listItems } from './events-list.js';
import { GoogleApiFailure, googleErrors } from './google-errors.js';
import { instanceId } from './ids.js';
import { issuesSyncToken, readListQuery, type ListQuery } from './list-query.js';
import {
  decodePageToken,
  decodeSyncToken,
  encodePageToken,
  encodeSyncToken,
  type ListedItem,
  type ListingCache,
  type SyncState,
} from './list-tokens.js';
import type { Organisation } from './organisation.js';
import type { MinuteQuotas } from './rate-limit.js';
import { hasScopeFor, type EmulatedMethod } from './scopes.js';
import { maxExpandedInstances, occurrencesOf, virtualInstance } from './series.js';
import type { GoogleSwitchDefinitions } from './switches.js';
import type { Principal, TokenStore } from './tokens.js';
import { stopChannel, watchEvents, type WatchDeps } from './watch-routes.js';

export interface ApiDeps {
  server: EmulatorServer<GoogleSwitchDefinitions>;
  model: CalendarModel;
  organisation: Organisation;
  tokens: TokenStore;
  limiter: MinuteQuotas;
  listings: ListingCache;
  /** Notification channels (`events.watch`, `channels.stop`) and their delivery. */
  watch: WatchDeps;
}

type Handler = (ctx: ApiContext, principal: Principal) => Reply;

const calendarBase = '/calendar/v3/calendars/:calendarId/events';
const directoryBase = '/admin/directory/v1/customer/:customer/resources/calendars';

/** The Calendar v3 events and Directory resources.calendars routes (paths from the discovery documents). */
export function registerApiRoutes(deps: ApiDeps): void {
  const { server } = deps;
  const guard =
    (method: EmulatedMethod, handler: Handler) =>
    (ctx: ApiContext): Reply => {
      try {
        const principal = authenticate(deps, ctx);
        ctx.tag('user', principal.user);
        if (!hasScopeFor(method, principal.scopes)) throw googleErrors.insufficientScopes();
        const over = deps.limiter.take(principal.user, ctx.now.getTime(), {
          perUser: server.switches.get('userRateLimitPerMinute'),
          perProject: server.switches.get('projectRateLimitPerMinute'),
        });
        if (over === 'user') throw rateLimitFailure(deps);
        // The errors guide's 429: "Too many requests" for the project's quota.
        if (over === 'project') throw googleErrors.rateLimitExceeded(429);
        return handler(ctx, principal);
      } catch (error) {
        if (error instanceof GoogleApiFailure) return error.reply();
        throw error;
      }
    };

  server.route(
    'GET',
    calendarBase,
    guard('calendar.events.list', (ctx, p) => listEvents(deps, ctx, p)),
  );
  server.route(
    'POST',
    calendarBase,
    guard('calendar.events.insert', (ctx, p) => insertEvent(deps, ctx, p)),
  );
  server.route(
    'GET',
    `${calendarBase}/:eventId`,
    guard('calendar.events.get', (ctx, p) => getEvent(deps, ctx, p)),
  );
  server.route(
    'PATCH',
    `${calendarBase}/:eventId`,
    guard('calendar.events.patch', (ctx, p) => modifyEvent(deps, ctx, p, 'patch')),
  );
  server.route(
    'PUT',
    `${calendarBase}/:eventId`,
    guard('calendar.events.update', (ctx, p) => modifyEvent(deps, ctx, p, 'update')),
  );
  server.route(
    'DELETE',
    `${calendarBase}/:eventId`,
    guard('calendar.events.delete', (ctx, p) => deleteEvent(deps, ctx, p)),
  );
  server.route(
    'GET',
    `${calendarBase}/:eventId/instances`,
    guard('calendar.events.instances', (ctx, p) => listInstances(deps, ctx, p)),
  );
  server.route(
    'POST',
    `${calendarBase}/watch`,
    guard('calendar.events.watch', (ctx, p) =>
      watchEvents({ ...deps, ...deps.watch }, ctx, p, jsonBody(ctx)),
    ),
  );
  server.route(
    'POST',
    '/calendar/v3/channels/stop',
    guard('calendar.channels.stop', (ctx) => stopChannel(deps.watch, jsonBody(ctx))),
  );
  server.route(
    'GET',
    directoryBase,
    guard('directory.resources.calendars.list', (ctx, p) => listRooms(deps, ctx, p)),
  );
  server.route(
    'GET',
    `${directoryBase}/:calendarResourceId`,
    guard('directory.resources.calendars.get', (ctx, p) => getRoom(deps, ctx, p)),
  );
}

function authenticate(deps: ApiDeps, ctx: ApiContext): Principal {
  const header = String(ctx.headers.authorization ?? '');
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? ctx.query.get('access_token') ?? undefined;
  if (!bearer) throw googleErrors.loginRequired();
  const principal = deps.tokens.lookup(bearer.trim(), ctx.now.getTime());
  if (!principal) throw googleErrors.authError();
  return principal;
}

function rateLimitFailure(deps: ApiDeps): GoogleApiFailure {
  const reply = deps.server.switches.get('rateLimitReply');
  if (reply === '403-rateLimitExceeded') return googleErrors.rateLimitExceeded(403);
  if (reply === '429-rateLimitExceeded') return googleErrors.rateLimitExceeded(429);
  return googleErrors.userRateLimitExceeded();
}

function calendarFor(deps: ApiDeps, ctx: ApiContext, principal: Principal) {
  const resolved = deps.model.resolve(principal.user, ctx.params.calendarId!);
  ctx.tag('calendar', resolved.calendar.id);
  return resolved;
}

function jsonBody(ctx: ApiContext): Record<string, unknown> {
  if (ctx.rawBody.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(ctx.rawBody.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw googleErrors.parseError();
    return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof GoogleApiFailure) throw error;
    throw googleErrors.parseError();
  }
}

function conferenceVersion(ctx: ApiContext): number {
  const raw = ctx.query.get('conferenceDataVersion');
  if (raw === null) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1)
    throw googleErrors.invalid(
      `Invalid value '${raw}'. Values must be within the range: [0, 1]`,
      'conferenceDataVersion',
    );
  return n;
}

function ifMatch(ctx: ApiContext): string | undefined {
  const value = ctx.headers['if-match'];
  return typeof value === 'string' ? value.trim() : undefined;
}

function responseZone(ctx: ApiContext, calendar: CalendarState): string {
  return ctx.query.get('timeZone') ?? calendar.timeZone;
}

function insertEvent(deps: ApiDeps, ctx: ApiContext, principal: Principal): Reply {
  const { calendar, role } = calendarFor(deps, ctx, principal);
  deps.model.requireWriter(role);
  const copy = deps.model.insert(principal.user, calendar, jsonBody(ctx), {
    conferenceDataVersion: conferenceVersion(ctx),
  });
  return { status: 200, body: renderEvent(copy, calendar.timeZone) };
}

function getEvent(deps: ApiDeps, ctx: ApiContext, principal: Principal): Reply {
  const { calendar } = calendarFor(deps, ctx, principal);
  const copy = deps.model.find(calendar, ctx.params.eventId!);
  if (!copy) throw googleErrors.notFound();
  return { status: 200, body: renderEvent(copy, responseZone(ctx, calendar)) };
}

function modifyEvent(
  deps: ApiDeps,
  ctx: ApiContext,
  principal: Principal,
  mode: 'patch' | 'update',
): Reply {
  const { calendar, role } = calendarFor(deps, ctx, principal);
  deps.model.requireWriter(role);
  const copy = deps.model.modify(calendar, ctx.params.eventId!, jsonBody(ctx), mode, {
    conferenceDataVersion: conferenceVersion(ctx),
    ifMatch: ifMatch(ctx),
  });
  return { status: 200, body: renderEvent(copy, calendar.timeZone) };
}

function deleteEvent(deps: ApiDeps, ctx: ApiContext, principal: Principal): Reply {
  const { calendar, role } = calendarFor(deps, ctx, principal);
  deps.model.requireWriter(role);
  deps.model.remove(calendar, ctx.params.eventId!, { ifMatch: ifMatch(ctx) });
  return { status: 204 };
}

function listEvents(deps: ApiDeps, ctx: ApiContext, principal: Principal): Reply {
  const query = readListQuery(ctx.query);
  const { calendar, role } = calendarFor(deps, ctx, principal);
  const zone = responseZone(ctx, calendar);
  let since: number | undefined;
  if (query.syncToken !== undefined)
    since = checkSyncToken(deps, calendar, query.syncToken, ctx.now.getTime());
  return pageOf(deps, ctx, calendar, role, query, zone, () => ({
    items: listItems(calendar, query, zone, since),
    sync:
      since !== undefined || issuesSyncToken(query)
        ? {
            calendarId: calendar.id,
            seq: deps.model.store.currentSeq,
            generation: calendar.generation,
            issuedAtMs: ctx.now.getTime(),
          }
        : undefined,
  }));
}

function listInstances(deps: ApiDeps, ctx: ApiContext, principal: Principal): Reply {
  const query = readListQuery(ctx.query, true);
  const { calendar, role } = calendarFor(deps, ctx, principal);
  const zone = responseZone(ctx, calendar);
  const master = calendar.events.get(ctx.params.eventId!);
  if (!master) throw googleErrors.notFound();
  if (master.data.status === 'cancelled' && !query.showDeleted) throw googleErrors.deleted();
  return pageOf(deps, ctx, calendar, role, query, zone, () => {
    const items: ListedItem[] = [];
    const occurrences = occurrencesOf(master, calendar, {
      endsAfterMs: query.timeMinMs,
      startsBeforeMs: query.timeMaxMs,
      limit: query.timeMaxMs !== undefined ? 100_000 : maxExpandedInstances,
    });
    for (const occurrence of occurrences) {
      const id = instanceId(master.id, occurrence.key);
      const exception = calendar.events.get(id);
      const copy = exception ?? virtualInstance(master, occurrence);
      if (query.originalStart !== undefined && !sameOriginalStart(copy, query.originalStart))
        continue;
      if (copy.data.status === 'cancelled' && !query.showDeleted) continue;
      items.push({ copy, minimal: false });
    }
    return { items, sync: undefined };
  });
}

function sameOriginalStart(
  copy: { originalStart?: { allDay: boolean; date?: string; instant?: { toMillis(): number } } },
  wanted: string,
): boolean {
  const original = copy.originalStart;
  if (!original) return false;
  if (original.allDay) return original.date === wanted.slice(0, 10);
  const ms = Date.parse(wanted);
  return original.instant!.toMillis() === ms;
}

/** 410 for a token this calendar never issued, issued before an invalidation, or too old. */
function checkSyncToken(
  deps: ApiDeps,
  calendar: CalendarState,
  token: string,
  nowMs: number,
): number {
  const state = decodeSyncToken(token);
  const ttlHours = deps.server.switches.get('syncTokenTtlHours');
  const valid =
    state !== undefined &&
    state.calendarId === calendar.id &&
    state.generation === calendar.generation &&
    state.seq <= deps.model.store.currentSeq &&
    (ttlHours === 0 || nowMs - state.issuedAtMs <= ttlHours * 3_600_000);
  if (!valid) throw googleErrors.fullSyncRequired();
  return state.seq;
}

function pageOf(
  deps: ApiDeps,
  ctx: ApiContext,
  calendar: CalendarState,
  role: string,
  query: ListQuery,
  zone: string,
  compute: () => { items: ListedItem[]; sync?: SyncState },
): Reply {
  let items: ListedItem[];
  let sync: SyncState | undefined;
  let offset = 0;
  let listingId: string | undefined;
  if (query.pageToken !== undefined) {
    const page = decodePageToken(query.pageToken);
    const listing = page ? deps.listings.get(page.listingId) : undefined;
    if (!page || !listing || listing.calendarId !== calendar.id)
      throw googleErrors.invalid('Invalid page token value.', 'pageToken');
    ({ items, sync } = listing);
    offset = page.offset;
    listingId = listing.id;
  } else {
    ({ items, sync } = compute());
    if (items.length > query.maxResults)
      listingId = deps.listings.add({ calendarId: calendar.id, items, sync }).id;
  }
  const end = offset + query.maxResults;
  const body: Record<string, unknown> = {
    kind: 'calendar#events',
    etag: etagOf(calendar.lastUpdatedUs),
    summary: calendar.summary,
    description: '',
    updated: updatedOf(calendar.lastUpdatedUs || ctx.now.getTime() * 1000),
    timeZone: zone,
    accessRole: role,
    defaultReminders: [],
  };
  if (end < items.length) body.nextPageToken = encodePageToken(listingId!, end);
  else {
    if (listingId) deps.listings.drop(listingId);
    if (sync) body.nextSyncToken = encodeSyncToken(sync);
  }
  body.items = items.slice(offset, end).map((item) => renderEvent(item.copy, zone, item.minimal));
  return { status: 200, body };
}

function listRooms(deps: ApiDeps, ctx: ApiContext, principal: Principal): Reply {
  checkCustomer(deps.organisation, ctx.params.customer!);
  if (!deps.organisation.isAdmin(principal.user)) throw googleErrors.directoryForbidden();
  const maxRaw = ctx.query.get('maxResults');
  const max = maxRaw === null ? 100 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 500)
    throw googleErrors.invalid(
      `Invalid value '${maxRaw}'. Values must be within the range: [1, 500]`,
      'maxResults',
    );
  const rooms = [...deps.organisation.rooms.values()]
    .filter(roomQuery(ctx.query.get('query') ?? undefined))
    .sort(roomOrder(ctx.query.get('orderBy') ?? undefined));
  const token = ctx.query.get('pageToken');
  const offset =
    token === null
      ? 0
      : Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^r1:/, ''));
  if (!Number.isInteger(offset) || offset < 0)
    throw googleErrors.invalid('Invalid page token value.', 'pageToken');
  const page = rooms.slice(offset, offset + max);
  const body: Record<string, unknown> = {
    kind: 'admin#directory#resources#calendars#calendarResourcesList',
    etag: `"${deps.organisation.customer}/${deps.organisation.rooms.size}"`,
    items: page.map(renderRoom),
  };
  if (offset + max < rooms.length)
    body.nextPageToken = Buffer.from(`r1:${offset + max}`).toString('base64url');
  return { status: 200, body };
}

function getRoom(deps: ApiDeps, ctx: ApiContext, principal: Principal): Reply {
  checkCustomer(deps.organisation, ctx.params.customer!);
  if (!deps.organisation.isAdmin(principal.user)) throw googleErrors.directoryForbidden();
  const room = [...deps.organisation.rooms.values()].find(
    (r) => r.resourceId === ctx.params.calendarResourceId,
  );
  if (!room) throw googleErrors.notFound();
  return { status: 200, body: renderRoom(room) };
}
