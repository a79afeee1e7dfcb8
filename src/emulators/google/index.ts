import { randomBytes, randomInt, type KeyObject } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  EmulatorServer,
  type Clock,
  type LatencySwitchDefinitions,
  type SwitchValues,
} from '../kit/index.js';
import { registerApiRoutes } from './api-routes.js';
import { registerChannelControl } from './channel-control.js';
import { CalendarModel } from './calendar-model.js';
import { CalendarStore } from './calendar-store.js';
import { ChannelDelivery } from './channel-delivery.js';
import { ChannelRegistry } from './channels.js';
import { defaultActor, registerControlRoutes } from './control-api.js';
import { renderEvent } from './event-render.js';
import { GoogleApiFailure, googleDialect } from './google-errors.js';
import { ListingCache } from './list-tokens.js';
import { Organisation, type PersonInput, type RoomInput } from './organisation.js';
import { MinuteQuotas } from './rate-limit.js';
import { issueServiceAccount, writeKeyFile, type ServiceAccountKey } from './service-account.js';
import { googleSwitchDefinitions, type GoogleSwitchDefinitions } from './switches.js';
import { tokenEndpoint } from './token-endpoint.js';
import { TokenStore } from './tokens.js';

export { googleSwitchDefinitions, type GoogleSwitchDefinitions } from './switches.js';
export type { ServiceAccountKey } from './service-account.js';
export type { PersonInput, RoomInput } from './organisation.js';
export { googleTokenUrl } from './token-endpoint.js';

export type GoogleSwitches = SwitchValues<GoogleSwitchDefinitions>;

export interface GoogleEmulatorOptions {
  host?: string;
  port?: number;
  clock?: Clock;
  /** Initial switch values (kept across `/_emulator/reset`), `latencyMs` and `latencyJitterMs` too. */
  switches?: Partial<GoogleSwitches & SwitchValues<LatencySwitchDefinitions>>;
  /** The Workspace domain (default `example.com`). */
  domain?: string;
  /** The Directory customer id (default a fixed `C0…` id); `my_customer` always works too. */
  customer?: string;
  /** Time zone of new calendars (default `Europe/Berlin`). */
  timeZone?: string;
}

export interface GoogleEmulator {
  url: string;
  /** `${url}/`: serves `calendar/v3/…` and `admin/directory/v1/…` (the per-API `rootUrl`). */
  rootUrl: string;
  /** `${url}/token`: the OAuth token endpoint (JWT bearer and refresh-token grants). */
  tokenUrl: string;
  /** `${url}/_emulator`: the control API. */
  controlUrl: string;
  domain: string;
  customer: string;
  serviceAccountKey: ServiceAccountKey;
  /** The OAuth client for user OAuth (refresh tokens come from `issueRefreshToken`). */
  oauthClient: { clientId: string; clientSecret: string };
  /** Writes a key file the emulator accepts (owner-only; a fresh temp dir by default); returns its path. */
  writeServiceAccountKeyFile(dir?: string): string;
  addPerson(p: PersonInput): void;
  addRoom(r: RoomInput): void;
  /** Like events.insert by `user` on `calendarId`, without OAuth (same access rules and copies). */
  /** `options.conferenceDataVersion: 1` takes the event's `conferenceData` (e.g. a Meet `createRequest`). */
  insertEventAs(
    user: string,
    calendarId: string,
    event: object,
    options?: { conferenceDataVersion?: number },
  ): Promise<object>;
  /** A refresh token for user OAuth as `email` (default scope: calendar). */
  issueRefreshToken(email: string, scopes?: string[]): string;
  server: EmulatorServer<GoogleSwitchDefinitions>;
  close(): Promise<void>;
}

/** Starts the Google Calendar v3 + Admin Directory emulator on 127.0.0.1 (port 0 = any free port). */
export async function startGoogleEmulator(
  options: GoogleEmulatorOptions = {},
): Promise<GoogleEmulator> {
  const organisation = new Organisation(
    (options.domain ?? 'example.com').toLowerCase(),
    options.customer ?? 'C03az79cb',
    options.timeZone ?? 'Europe/Berlin',
  );
  const store = new CalendarStore();
  const tokens = new TokenStore();
  const limiter = new MinuteQuotas();
  const listings = new ListingCache();
  const delegation: { scopes: Set<string> | undefined } = { scopes: undefined };
  const oauthClient = {
    clientId: `${randomInt(100_000_000, 999_999_999)}${randomInt(100, 999)}-${randomBytes(16).toString('hex')}.apps.googleusercontent.com`,
    clientSecret: `GOCSPX-${randomBytes(21).toString('base64url')}`,
  };

  const server: EmulatorServer<GoogleSwitchDefinitions> = new EmulatorServer(
    googleDialect,
    googleSwitchDefinitions,
    {
      clock: options.clock,
      switches: options.switches,
      onReset: () => {
        store.clearEvents();
        channels.clear();
        listings.clear();
        limiter.clear();
        delegation.scopes = undefined;
        server.switches.reset();
        server.switches.update(options.switches ?? {});
      },
    },
  );
  const nowMs = () => server.clock.nowMs();
  let rootUrl = '';
  const channels = new ChannelRegistry(
    () => rootUrl,
    () => server.switches.get('pushAddress') === 'http-allowed',
  );
  const delivery = new ChannelDelivery(
    channels,
    () => ({
      delayMs: server.switches.get('pushDelayMs'),
      loss: server.switches.get('pushLoss'),
      duplicates: server.switches.get('pushDuplicates'),
    }),
    nowMs,
  );
  store.onWrite = (calendarId) => delivery.changed(calendarId);
  const model = new CalendarModel(
    organisation,
    store,
    () => ({
      addOnConference: server.switches.get('addOnConference'),
      roomAutoDecline: server.switches.get('roomAutoDecline'),
      roomAccessForMembers: server.switches.get('roomAccessForMembers'),
      attendeeCopyEdits: server.switches.get('attendeeCopyEdits'),
    }),
    nowMs,
  );

  let tokenUrl = '';
  const serviceAccounts = new Map<string, KeyObject>();
  server.route(
    'POST',
    '/token',
    tokenEndpoint({
      organisation,
      tokens,
      serviceAccounts: () => serviceAccounts,
      ownTokenUrl: () => tokenUrl,
      delegationAllowed: () => server.switches.get('delegation') === 'allowed',
      delegatedScopes: () => delegation.scopes,
      oauthClient,
      nowMs,
    }),
  );
  registerApiRoutes({
    server,
    model,
    organisation,
    tokens,
    limiter,
    listings,
    watch: { channels, delivery },
  });

  const running = await server.listen({ host: options.host, port: options.port });
  tokenUrl = `${running.url}/token`;
  rootUrl = `${running.url}/`;
  const issued = issueServiceAccount(tokenUrl);
  serviceAccounts.set(issued.key.client_email, issued.publicKey);
  registerControlRoutes({
    server,
    model,
    organisation,
    tokens,
    serviceAccountEmail: () => issued.key.client_email,
    oauthClient,
    tokenUrl: () => tokenUrl,
    delegation,
  });
  registerChannelControl(server, channels, delivery);

  const tempDirs: string[] = [];
  return {
    url: running.url,
    rootUrl: `${running.url}/`,
    tokenUrl,
    controlUrl: `${running.url}/_emulator`,
    domain: organisation.domain,
    customer: organisation.customer,
    serviceAccountKey: issued.key,
    oauthClient,
    writeServiceAccountKeyFile(dir?: string) {
      const path = writeKeyFile(issued.key, dir);
      if (!dir) tempDirs.push(dirname(path));
      return path;
    },
    addPerson(p) {
      const person = organisation.addPerson(p);
      store.ensure(person.email, 'person', person.name, person.timeZone);
    },
    addRoom(r) {
      const room = organisation.addRoom(r);
      store.ensure(room.calendarId, 'room', room.generatedResourceName, room.timeZone);
    },
    async insertEventAs(user, calendarId, event, options = {}) {
      try {
        const actor = (user || defaultActor(organisation, calendarId)).toLowerCase();
        const { calendar, role } = model.resolve(actor, calendarId);
        model.requireWriter(role);
        // A copy: the rendering shares nested objects with the store.
        return structuredClone(
          renderEvent(
            model.insert(actor, calendar, structuredClone({ ...event }), options),
            calendar.timeZone,
          ),
        );
      } catch (error) {
        if (error instanceof GoogleApiFailure)
          throw new Error(
            `insertEventAs(${user}, ${calendarId}): ${error.status} ${error.item.reason}: ${error.message}`,
          );
        throw error;
      }
    },
    issueRefreshToken(email, scopes = ['https://www.googleapis.com/auth/calendar']) {
      const person = organisation.person(email);
      if (!person) throw new Error(`issueRefreshToken: ${email} is not a person of the emulator`);
      return tokens.issueRefresh(person.email, scopes);
    },
    server,
    async close() {
      delivery.close();
      await server.close();
      for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
