import type { ApiContext, EmulatorServer, FaultSpec, Reply } from '../kit/index.js';
import type { CalendarModel } from './calendar-model.js';
import { renderEvent } from './event-render.js';
import { GoogleApiFailure, injectableReasons } from './google-errors.js';
import type { Organisation } from './organisation.js';
import { allKnownScopes } from './scopes.js';
import { splitSeries } from './split-series.js';
import type { GoogleSwitchDefinitions } from './switches.js';
import type { TokenStore } from './tokens.js';

export interface ControlDeps {
  server: EmulatorServer<GoogleSwitchDefinitions>;
  model: CalendarModel;
  organisation: Organisation;
  tokens: TokenStore;
  serviceAccountEmail: () => string;
  oauthClient: { clientId: string; clientSecret: string };
  tokenUrl: () => string;
  delegation: { scopes: Set<string> | undefined };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function body(ctx: ApiContext): Record<string, unknown> {
  if (ctx.rawBody.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(ctx.rawBody.toString('utf8'));
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

const bad = (message: string): Reply => ({ status: 400, body: { error: message } });

/** Control handlers answer Google's error body for API-level refusals, `{error}` for misuse. */
function safely(handler: (ctx: ApiContext) => Reply): (ctx: ApiContext) => Reply {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof GoogleApiFailure) return error.reply();
      return bad((error as Error).message);
    }
  };
}

/**
 * The Google emulator's own control endpoints under `/_emulator/` (not Google's API; the kit adds
 * reset, calls, faults, clock and switches). Documented in the README.
 */
export function registerControlRoutes(deps: ControlDeps): void {
  const { server, model, organisation } = deps;

  server.control('GET', '/state', (ctx) => {
    const wanted = ctx.query.get('calendar')?.toLowerCase();
    const calendars = [...model.store.calendars.values()].map((c) => ({
      id: c.id,
      kind: c.kind,
      summary: c.summary,
      timeZone: c.timeZone,
      events: c.events.size,
      syncGeneration: c.generation,
      ...(wanted === c.id
        ? { items: [...c.events.values()].map((e) => renderEvent(e, c.timeZone)) }
        : {}),
    }));
    return {
      status: 200,
      body: {
        domain: organisation.domain,
        customer: organisation.customer,
        timeZone: organisation.timeZone,
        serviceAccount: deps.serviceAccountEmail(),
        oauthClientId: deps.oauthClient.clientId,
        people: [...organisation.people.values()],
        rooms: [...organisation.rooms.values()],
        calendars,
        changeSeq: model.store.currentSeq,
        tokens: deps.tokens.counts(),
        delegation: {
          allowed: server.switches.get('delegation') === 'allowed',
          scopes: deps.delegation.scopes ? [...deps.delegation.scopes] : null,
        },
        switches: server.switches.values(),
      },
    };
  });

  server.control('POST', '/sync-tokens/invalidate', (ctx) => {
    const calendarId = body(ctx).calendarId;
    if (
      calendarId !== undefined &&
      (typeof calendarId !== 'string' || !model.store.get(calendarId))
    )
      return bad(`unknown calendar ${String(calendarId)}`);
    return {
      status: 200,
      body: { invalidated: model.store.invalidateSyncTokens(calendarId as string | undefined) },
    };
  });

  server.control(
    'POST',
    '/people',
    safely((ctx) => {
      const b = body(ctx);
      if (typeof b.email !== 'string') return bad('send {"email", "name"?, "admin"?, "timeZone"?}');
      const person = organisation.addPerson({
        email: b.email,
        name: typeof b.name === 'string' ? b.name : undefined,
        admin: b.admin === true,
        timeZone: typeof b.timeZone === 'string' ? b.timeZone : undefined,
      });
      model.store.ensure(person.email, 'person', person.name, person.timeZone);
      return { status: 201, body: person };
    }),
  );

  server.control(
    'POST',
    '/rooms',
    safely((ctx) => {
      const b = body(ctx);
      if (typeof b.calendarId !== 'string' || typeof b.resourceName !== 'string')
        return bad(
          'send {"calendarId", "resourceName", "resourceId"?, "capacity"?, "buildingId"?, "floorName"?, "resourceCategory"?, "features"?}',
        );
      const room = organisation.addRoom(b as unknown as Parameters<Organisation['addRoom']>[0]);
      model.store.ensure(room.calendarId, 'room', room.generatedResourceName, room.timeZone);
      return { status: 201, body: room };
    }),
  );

  const actingOn = (ctx: ApiContext, b: Record<string, unknown>) => {
    const calendarId = String(ctx.params.calendarId ?? b.calendarId ?? '');
    const as =
      typeof b.as === 'string'
        ? b.as
        : (ctx.query.get('as') ?? defaultActor(organisation, calendarId));
    return { ...model.resolve(as.toLowerCase(), calendarId), as: as.toLowerCase() };
  };

  server.control(
    'POST',
    '/events',
    safely((ctx) => {
      const b = body(ctx);
      if (!isObject(b.event) || typeof b.calendarId !== 'string')
        return bad('send {"as", "calendarId", "event", "conferenceDataVersion"?}');
      const { calendar, role, as } = actingOn(ctx, b);
      model.requireWriter(role);
      const copy = model.insert(as, calendar, b.event, {
        conferenceDataVersion: Number(b.conferenceDataVersion ?? 0),
      });
      return { status: 200, body: renderEvent(copy, calendar.timeZone) };
    }),
  );

  for (const [method, mode] of [
    ['PATCH', 'patch'],
    ['PUT', 'update'],
  ] as const) {
    server.control(
      method,
      '/events/:calendarId/:eventId',
      safely((ctx) => {
        const b = body(ctx);
        if (!isObject(b.event))
          return bad('send {"as"?, "event", "ifMatch"?, "conferenceDataVersion"?}');
        const { calendar, role } = actingOn(ctx, b);
        model.requireWriter(role);
        const copy = model.modify(calendar, ctx.params.eventId!, b.event, mode, {
          ifMatch: typeof b.ifMatch === 'string' ? b.ifMatch : undefined,
          conferenceDataVersion: Number(b.conferenceDataVersion ?? 0),
        });
        return { status: 200, body: renderEvent(copy, calendar.timeZone) };
      }),
    );
  }

  server.control(
    'DELETE',
    '/events/:calendarId/:eventId',
    safely((ctx) => {
      const { calendar, role } = actingOn(ctx, {});
      model.requireWriter(role);
      model.remove(calendar, ctx.params.eventId!);
      return { status: 204 };
    }),
  );

  server.control(
    'POST',
    '/events/:calendarId/:eventId/split',
    safely((ctx) => {
      const b = body(ctx);
      if (typeof b.at !== 'string')
        return bad(
          'send {"as"?, "at": "<instance start (RFC3339) or instance id>", "changes"?: {…}}',
        );
      const { calendar, role } = actingOn(ctx, b);
      model.requireWriter(role);
      const { old, next } = splitSeries(
        model,
        calendar,
        ctx.params.eventId!,
        b.at,
        isObject(b.changes) ? b.changes : {},
      );
      return {
        status: 200,
        body: {
          old: renderEvent(old, calendar.timeZone),
          next: renderEvent(next, calendar.timeZone),
        },
      };
    }),
  );

  server.control(
    'POST',
    '/refresh-tokens',
    safely((ctx) => {
      const b = body(ctx);
      const person = typeof b.email === 'string' ? organisation.person(b.email) : undefined;
      if (!person) return bad('send {"email" of a known person, "scopes"?: [...]}');
      const scopes = Array.isArray(b.scopes)
        ? b.scopes.map(String)
        : ['https://www.googleapis.com/auth/calendar'];
      return {
        status: 201,
        body: {
          clientId: deps.oauthClient.clientId,
          clientSecret: deps.oauthClient.clientSecret,
          refreshToken: deps.tokens.issueRefresh(person.email, scopes),
          tokenUrl: deps.tokenUrl(),
          scopes,
        },
      };
    }),
  );

  server.control('POST', '/tokens/expire', () => ({
    status: 200,
    body: { expired: deps.tokens.expireAll() },
  }));

  server.control('GET', '/delegation', () => ({
    status: 200,
    body: {
      allowed: server.switches.get('delegation') === 'allowed',
      scopes: deps.delegation.scopes ? [...deps.delegation.scopes] : null,
    },
  }));
  server.control('POST', '/delegation', (ctx) => {
    const b = body(ctx);
    if (
      b.scopes !== null &&
      !(Array.isArray(b.scopes) && b.scopes.every((s) => typeof s === 'string'))
    )
      return bad(
        'send {"scopes": [<scope>, …]} (the scopes the admin authorised) or {"scopes": null} (all)',
      );
    deps.delegation.scopes = b.scopes === null ? undefined : new Set(b.scopes as string[]);
    return {
      status: 200,
      body: {
        scopes: deps.delegation.scopes ? [...deps.delegation.scopes] : null,
        known: allKnownScopes,
      },
    };
  });

  server.control('POST', '/faults/google', (ctx) => {
    const b = body(ctx);
    const make = injectableReasons[String(b.reason) as keyof typeof injectableReasons];
    if (!make || typeof b.path !== 'string')
      return bad(
        `send {"path", "reason": one of ${Object.keys(injectableReasons).join(', ')}, "count"?, "skip"?, "method"?, "retryAfter"?}`,
      );
    const reply = make().reply();
    const spec: FaultSpec = {
      path: b.path,
      kind: 'status',
      status: reply.status,
      body: reply.body,
      ...(typeof b.method === 'string' ? { method: b.method } : {}),
      ...(typeof b.count === 'number' ? { count: b.count } : {}),
      ...(typeof b.skip === 'number' ? { skip: b.skip } : {}),
      ...(typeof b.retryAfter === 'string' ? { headers: { 'retry-after': b.retryAfter } } : {}),
    };
    try {
      return { status: 201, body: server.faults.add(spec) };
    } catch (error) {
      return bad((error as Error).message);
    }
  });
}

/** Who acts when a control call names nobody: the person owning the calendar, or an admin for a room. */
export function defaultActor(organisation: Organisation, calendarId: string): string {
  if (organisation.person(calendarId)) return calendarId;
  const admin = [...organisation.people.values()].find((p) => p.admin && p.inDomain);
  return admin?.email ?? calendarId;
}
