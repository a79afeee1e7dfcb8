import type { EmulatorServer } from '../kit/index.js';
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
