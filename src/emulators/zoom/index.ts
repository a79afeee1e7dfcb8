import {
  EmulatorServer,
  type Clock,
  type LatencySwitchDefinitions,
  type SwitchValues,
} from '../kit/index.js';
import { addControlRoutes } from './control-routes.js';
import { opaqueToken, randomAlnum, zoomUserId } from './ids.js';
import type { ZoomAccount } from './oauth-route.js';
import {
  zoomSwitchDefinitions,
  type ZoomSwitchDefinitions,
  type ZoomSwitchValues,
} from './switches.js';
import type { ZoomUserInput } from './users.js';
import { isKnownTimezone } from './wall-time.js';
import { ZoomApi } from './zoom-api.js';
import { zoomDialect } from './zoom-errors.js';

export { zoomSwitchDefinitions, type ZoomSwitchDefinitions, type ZoomSwitchValues };
export type { ZoomUserInput, ZoomAccount };

export interface ZoomEmulatorOptions {
  host?: string;
  port?: number;
  clock?: Clock;
  /** Initial switch values (kept across `/_emulator/reset`), `latencyMs` and `latencyJitterMs` too. */
  switches?: Partial<ZoomSwitchValues & SwitchValues<LatencySwitchDefinitions>>;
  /** The Server-to-Server OAuth app's credentials; generated when absent. */
  account?: ZoomAccount;
  /** Users of the account (meeting hosts); the first is the account owner (`me`). */
  users?: ZoomUserInput[];
}

export interface ZoomEmulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `${url}/v2` */
  apiUrl: string;
  /** `${url}`: the token endpoint is `${oauthUrl}/oauth/token`. */
  oauthUrl: string;
  /** `${url}/_emulator` */
  controlUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Clock, calls, faults and switches. */
  server: EmulatorServer<ZoomSwitchDefinitions>;
  addUser(user: ZoomUserInput): { id: string; email: string };
  close(): Promise<void>;
}

/**
 * Starts a Zoom REST API v2 emulator on 127.0.0.1 (port 0: any free port). See README.md beside
 * this file for the paths, the switches and the control API.
 */
export async function startZoomEmulator(options: ZoomEmulatorOptions = {}): Promise<ZoomEmulator> {
  const account: ZoomAccount = options.account ?? {
    accountId: zoomUserId(),
    clientId: randomAlnum(22),
    clientSecret: opaqueToken(24),
  };
  const initialUsers = options.users ?? [];
  const server = new EmulatorServer(zoomDialect, zoomSwitchDefinitions, {
    clock: options.clock,
    switches: options.switches,
    onReset: () => {
      // Meetings, tokens and counters go; users stay (they are the account, set up by the seed).
      zoom.clear();
      server.switches.reset();
      server.switches.update(options.switches ?? {});
    },
  });
  const zoom = new ZoomApi(server, account);
  const addUser = (user: ZoomUserInput) => {
    if (user.timezone !== undefined && !isKnownTimezone(user.timezone))
      throw new Error(`unknown time zone "${user.timezone}" for user ${user.email}`);
    const added = zoom.users.add(user, server.clock.now().getTime());
    return { id: added.id, email: added.email };
  };
  initialUsers.forEach(addUser);
  addControlRoutes(server, zoom, addUser);
  const running = await server.listen({ host: options.host, port: options.port });
  return {
    url: running.url,
    apiUrl: `${running.url}/v2`,
    oauthUrl: running.url,
    controlUrl: `${running.url}/_emulator`,
    accountId: account.accountId,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    server,
    addUser,
    close: () => server.close(),
  };
}
