import { failedCheck, type ZoomConfig } from '../config/index.js';
import type { Room } from '../domain/calendar-write.js';
import type { Check } from '../domain/check.js';
import { ZoomErrorCodes, isZoomApiError } from './errors.js';
import { createZoomClient, type ZoomClient, type ZoomLogger } from './index.js';
import { S2SOAuthTokenSource } from './oauth-token.js';
import {
  mayScheduleForOthers,
  missingUserScopes,
  missingZoomScopes,
  zoomScopeNeeds,
} from './scopes.js';
import type { ZoomLoginPort } from '../domain/zoom-login.js';
import { POOL_HOST } from '../config/schema.js';

export interface DiagnoseZoomOptions {
  now?: () => Date;
  logger?: ZoomLogger;
  /**
   * `zoom.auth: user`: the store's login (a refresh doctor makes is committed there, as the
   * daemon's would be); undefined when the database cannot be read yet.
   */
  login?: ZoomLoginPort;
  /** `rooms.hostPool`: the hosts of rooms whose host is `pool`. */
  hostPool?: readonly string[];
}

/**
 * Zoom's side of `zoomlink doctor`, read-only: a Server-to-Server OAuth token, the scopes it
 * carries against what zoomlink's calls need, and each room's host (a user of the account).
 */
export async function diagnoseZoom(
  config: ZoomConfig,
  rooms: readonly Pick<Room, 'zoomHost' | 'name'>[],
  options: DiagnoseZoomOptions = {},
): Promise<Check[]> {
  const now = options.now ?? (() => new Date());
  const hosts = [
    ...rooms.filter((r) => r.zoomHost.toLowerCase() !== POOL_HOST),
    ...(rooms.some((r) => r.zoomHost.toLowerCase() === POOL_HOST)
      ? (options.hostPool ?? []).map((host) => ({ zoomHost: host, name: 'the host pool' }))
      : []),
  ];
  if (config.auth === 'user') return diagnoseUserLogin(config, hosts, options, now);
  const checks: Check[] = [];
  let client: ZoomClient;
  try {
    client = createZoomClient(config, {
      now,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    // A token source of its own: the client's is private, and this one tells the scopes.
    const { accountId, clientId, clientSecret } = config;
    const tokens = new S2SOAuthTokenSource({
      oauthUrl: config.oauthUrl,
      credentials: { accountId, clientId, clientSecret },
      timeoutMs: config.requestTimeoutMs,
      now,
    });
    await tokens.token();
    checks.push({
      name: 'zoom token',
      status: 'ok',
      detail: `Server-to-Server OAuth token for account ${config.accountId}`,
    });
    checks.push(scopesCheck(tokens.grantedScopes, config.alternativeHosts === 'organizer'));
  } catch (error) {
    return [failedCheck('zoom token', error)];
  }
  for (const [host, roomNames] of roomsByHost(hosts))
    checks.push(await hostCheck(client, host, roomNames));
  return checks;
}

/**
 * `zoom.auth: user`: the login (stored, not refused), its scopes (user or admin forms), and for
 * each room host whether the logged-in user may make meetings for it — with admin scopes any user
 * of the account; without, only itself.
 */
async function diagnoseUserLogin(
  config: ZoomConfig,
  hosts: readonly Pick<Room, 'zoomHost' | 'name'>[],
  options: DiagnoseZoomOptions,
  now: () => Date,
): Promise<Check[]> {
  const relogin =
    'Run `zoomlink zoom login` as the Zoom user who authorises zoomlink (README "Zoom login without an admin app").';
  if (!options.login)
    return [
      {
        name: 'zoom login',
        status: 'warn',
        detail:
          'the database cannot be read yet (not created, or not yet upgraded), so the login is unknown',
        fix: `Run \`zoomlink run\` once (it creates and upgrades the database), then ${relogin}`,
      },
    ];
  const record = options.login.read();
  if (!record || record.state !== 'ok')
    return [
      {
        name: 'zoom login',
        status: 'fail',
        detail: record
          ? `ZOOM_LOGIN_REQUIRED: ${record.detail || 'Zoom refused the refresh token'}`
          : 'ZOOM_LOGIN_REQUIRED: nobody has logged in yet',
        fix: relogin,
      },
    ];
  const checks: Check[] = [];
  let client: ZoomClient;
  let me: string | undefined;
  try {
    client = createZoomClient(config, {
      now,
      login: options.login,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    const user = await client.getUser('me');
    me = user?.email;
    checks.push({
      name: 'zoom login',
      status: 'ok',
      detail: `logged in as ${user?.email ?? record.userEmail ?? 'an unknown user'}${record.rotatedAt ? `; refresh token last rotated ${record.rotatedAt}` : ''}`,
    });
  } catch (error) {
    return [failedCheck('zoom login', error, undefined, relogin)];
  }
  const scopes = options.login.read()?.scopes ?? record.scopes;
  const missing = missingUserScopes(scopes, {
    alternativeHosts: config.alternativeHosts === 'organizer',
  });
  checks.push(
    missing.length === 0
      ? { name: 'zoom scopes', status: 'ok', detail: `the login holds: ${scopes.join(' ')}` }
      : {
          name: 'zoom scopes',
          status: 'fail',
          detail: `missing: ${missing.map((n) => `${n.granular} (to ${n.purpose})`).join(', ')}`,
          fix: `Zoom App Marketplace → the user-level OAuth app → Scopes: add ${missing.map((n) => n.granular).join(', ')}; then ${relogin}`,
        },
  );
  const forOthers = mayScheduleForOthers(scopes);
  for (const [host, roomNames] of roomsByHost(hosts)) {
    if (!forOthers && host !== me?.toLowerCase()) {
      checks.push({
        name: 'zoom host',
        status: 'fail',
        detail: `${me ?? 'the logged-in user'} may not make meetings for ${host} (hosts ${roomNames.join(', ')}): the login holds no admin meeting scope`,
        fix: `Have a Zoom account admin authorise the app with meeting:write:meeting:admin (and the other :admin scopes of README "Zoom setup") — the login of a user without admin rights only gets the user forms — then ${relogin} Or make ${me ?? 'the logged-in user'} the only host.`,
      });
      continue;
    }
    checks.push(await hostCheck(client, host, roomNames));
  }
  return checks;
}

/** What the token says the app may do, against what zoomlink's calls need. */
function scopesCheck(granted: string[] | undefined, alternativeHosts: boolean): Check {
  if (granted === undefined)
    return {
      name: 'zoom scopes',
      status: 'warn',
      detail:
        "Zoom did not list the token's scopes; a missing one shows as ZOOM_AUTH_FAILED on the first call that needs it",
      fix: `Check the app's scopes in the Zoom App Marketplace: ${zoomScopeNeeds.map((n) => n.granular).join(', ')}.`,
    };
  const missing = missingZoomScopes(granted, { alternativeHosts });
  if (missing.length === 0)
    return {
      name: 'zoom scopes',
      status: 'ok',
      detail: 'the app holds every meeting scope zoomlink needs',
    };
  return {
    name: 'zoom scopes',
    status: 'fail',
    detail: `missing: ${missing.map((n) => `${n.granular} (to ${n.purpose})`).join(', ')}`,
    fix: `Zoom App Marketplace → Manage → the Server-to-Server OAuth app → Scopes: add ${missing.map((n) => `${n.granular} (or the classic ${n.classic})`).join(', ')}; save, and if Zoom asks, activate the app again. The next token carries them.`,
  };
}

/** Each host once (case-insensitive), with the rooms it hosts. */
function roomsByHost(rooms: readonly Pick<Room, 'zoomHost' | 'name'>[]): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  for (const room of rooms) {
    const host = room.zoomHost.toLowerCase();
    hosts.set(host, [...(hosts.get(host) ?? []), room.name]);
  }
  return hosts;
}

/** The host is a user of the account: its upcoming meetings can be listed. */
async function hostCheck(client: ZoomClient, host: string, roomNames: string[]): Promise<Check> {
  try {
    const meetings = await client.listMeetings(host, { type: 'upcoming' });
    return {
      name: 'zoom host',
      status: 'ok',
      detail: `${host} exists (${meetings.length} upcoming meeting(s); hosts ${roomNames.join(', ')})`,
    };
  } catch (error) {
    const fix =
      isZoomApiError(error) && error.code === ZoomErrorCodes.userNotFound
        ? `Add ${host} as a user of the Zoom account (Zoom admin → User Management → Users), or give ${roomNames.join(', ')} another Zoom host (rooms.list[].zoomHost, or rooms.hosts / rooms.hostTemplate for discovery).`
        : undefined;
    return failedCheck('zoom host', error, host, fix);
  }
}
