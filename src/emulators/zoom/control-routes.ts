import type { EmulatorServer } from '../kit/index.js';
import type { MeetingBody } from './meeting-model.js';
import { renderMeeting } from './render-meeting.js';
import type { ZoomSwitchDefinitions } from './switches.js';
import type { ZoomUserInput } from './users.js';
import { isExpired, type ZoomApi } from './zoom-api.js';

/**
 * The Zoom emulator's own control routes under `/_emulator/` (not Zoom's API; never counted or
 * faulted), beside the kit's reset, calls, faults, clock and switches.
 */
export function addControlRoutes(
  server: EmulatorServer<ZoomSwitchDefinitions>,
  zoom: ZoomApi,
  addUser: (user: ZoomUserInput) => { id: string; email: string },
): void {
  server.control('GET', '/state', (ctx) => {
    const switches = server.switches.values();
    const nowMs = ctx.now.getTime();
    return {
      status: 200,
      body: {
        now: ctx.now.toISOString(),
        account: { accountId: zoom.account.accountId, clientId: zoom.account.clientId },
        users: zoom.users.list(),
        dailyCreateUpdate: Object.fromEntries(
          Object.entries(zoom.limits.hostUsage(ctx.now)).map(([id, used]) => [
            zoom.users.get(id)?.email ?? id,
            used,
          ]),
        ),
        meetings: [...zoom.meetings.values()].map((meeting) => ({
          ...renderMeeting(meeting, zoom.users.get(meeting.hostId), {
            now: ctx.now,
            // The whole truth: every occurrence, deleted or past.
            switches: { ...switches, deletedOccurrences: 'listed' },
            showPreviousOccurrences: true,
          }),
          deleted: meeting.deletedAt !== undefined,
          ...(meeting.deletedAt !== undefined && {
            deleted_at: new Date(meeting.deletedAt).toISOString(),
          }),
          expired: isExpired(meeting, nowMs),
        })),
      },
    };
  });

  server.control('POST', '/users', (ctx) => {
    const body = parseObject(ctx.rawBody);
    const users = Array.isArray(body) ? body : [body];
    const problem = users.find((u) => !isUserInput(u));
    if (problem !== undefined || users.length === 0)
      return {
        status: 400,
        body: {
          error:
            'send {"email": "...", "firstName"?, "lastName"?, "timezone"?, "type"?: 1|2|99, "status"?: "active"|"inactive"|"pending"} or an array of them',
        },
      };
    try {
      const added = (users as ZoomUserInput[]).map(addUser);
      return { status: 201, body: Array.isArray(body) ? added : added[0] };
    } catch (error) {
      return { status: 400, body: { error: (error as Error).message } };
    }
  });

  server.control('POST', '/scopes', (ctx) => {
    const body = parseObject(ctx.rawBody);
    const scopes = body && typeof body === 'object' && 'scopes' in body ? body.scopes : undefined;
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string'))
      return { status: 400, body: { error: 'send {"scopes": ["meeting:read:meeting:admin", …]}' } };
    zoom.appScopes = scopes as string[];
    return { status: 200, body: { scopes } };
  });

  // User-level OAuth (user-oauth.ts): a test clicks "Allow" on the newest consent page, sets the
  // app's redirect allow list, or removes the app from a user (every grant revoked).
  server.control('POST', '/oauth/approve', (ctx) => {
    const body = (parseObject(ctx.rawBody) ?? {}) as { user?: unknown; decision?: unknown };
    const user = typeof body.user === 'string' ? body.user : undefined;
    const decision = body.decision === 'deny' ? 'deny' : 'allow';
    return zoom.grants.approveNewest(decision, user, ctx.now);
  });
  server.control('POST', '/oauth/redirect-uris', (ctx) => {
    const body = parseObject(ctx.rawBody) as { uris?: unknown } | undefined;
    const uris = body?.uris;
    if (uris !== null && (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string')))
      return {
        status: 400,
        body: {
          error: 'send {"uris": ["http://127.0.0.1:8788/oauth/callback"]} or {"uris": null} (any)',
        },
      };
    zoom.grants.redirectUris = uris === null ? undefined : (uris as string[]);
    return { status: 200, body: { uris } };
  });
  server.control('POST', '/oauth/revoke', (ctx) => {
    const body = (parseObject(ctx.rawBody) ?? {}) as { user?: unknown };
    const user = typeof body.user === 'string' ? body.user : undefined;
    return { status: 200, body: { revoked: zoom.grants.revokeUser(user) } };
  });

  server.control('POST', '/tokens/expire', (ctx) => ({
    status: 200,
    body: { expired: zoom.tokens.expireAll(ctx.now.getTime()) },
  }));

  // Not Zoom's behaviour: join links of another form, for testing what a client accepts.
  server.control('POST', '/join-url', (ctx) => {
    const body = parseObject(ctx.rawBody);
    const template =
      body && typeof body === 'object' && 'template' in body ? body.template : undefined;
    if (template !== null && typeof template !== 'string')
      return {
        status: 400,
        body: { error: 'send {"template": "http://elsewhere.example/j/{id}?pwd={pwd}"} or null' },
      };
    zoom.joinUrlTemplate = template ?? undefined;
    return { status: 200, body: { template } };
  });

  // Webhooks (webhooks.ts): the app's event subscription, validated as Zoom does on saving it.
  server.control('POST', '/webhooks', async (ctx) => {
    const body = parseObject(ctx.rawBody) as { url?: unknown; secretToken?: unknown } | undefined;
    if (body && body.url === null) {
      zoom.webhooks.subscription = undefined;
      return { status: 200, body: { subscribed: false } };
    }
    if (typeof body?.url !== 'string' || typeof body.secretToken !== 'string')
      return {
        status: 400,
        body: {
          error: 'send {"url": "https://…/webhooks/zoom", "secretToken": "…"} or {"url": null}',
        },
      };
    const result = await zoom.webhooks.subscribe({ url: body.url, secretToken: body.secretToken });
    return {
      status: result.validated ? 200 : 409,
      body: { subscribed: result.validated, ...result },
    };
  });
  server.control('GET', '/webhooks', async () => {
    await zoom.webhooks.settled();
    return {
      status: 200,
      body: {
        url: zoom.webhooks.subscription?.url ?? null,
        deliveries: zoom.webhooks.deliveries,
      },
    };
  });

  // A person changing or deleting a meeting in Zoom's web portal (not through the API): the
  // change is made and its event names the host as operator; nothing is counted or limited.
  server.control('POST', '/meetings/:meetingId/edit', (ctx) => {
    const meeting = zoom.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) return { status: 404, body: { error: `no meeting ${ctx.params.meetingId}` } };
    const body = parseObject(ctx.rawBody) as Record<string, unknown> | undefined;
    const switches = server.switches.values();
    const occurrence = typeof body?.occurrence_id === 'string' ? body.occurrence_id : null;
    const result = zoom.applyPatch(meeting, occurrence, (body ?? {}) as MeetingBody, ctx, switches);
    if (!result.ok) return result.reply;
    zoom.notify('meeting.updated', result.payload, zoom.users.get(meeting.hostId));
    return { status: 204 };
  });
  server.control('POST', '/meetings/:meetingId/delete', (ctx) => {
    const meeting = zoom.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) return { status: 404, body: { error: `no meeting ${ctx.params.meetingId}` } };
    zoom.deleteMeeting(meeting, ctx, server.switches.values(), zoom.users.get(meeting.hostId));
    return { status: 204 };
  });

  // A meeting in progress, for the errors Zoom gives then (3000 on update, 3002 on delete).
  server.control('POST', '/meetings/:meetingId/start', (ctx) => {
    const meeting = zoom.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) return { status: 404, body: { error: `no meeting ${ctx.params.meetingId}` } };
    meeting.status = 'started';
    return { status: 204 };
  });
}

function parseObject(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isUserInput(value: unknown): value is ZoomUserInput {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  const optional = (key: string) => user[key] === undefined || typeof user[key] === 'string';
  return (
    typeof user.email === 'string' &&
    user.email.includes('@') &&
    optional('firstName') &&
    optional('lastName') &&
    optional('timezone') &&
    (user.type === undefined || [1, 2, 99].includes(user.type as number)) &&
    (user.status === undefined || ['active', 'inactive', 'pending'].includes(user.status as string))
  );
}
