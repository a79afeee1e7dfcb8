import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGoogleEmulator, type GoogleEmulator, type GoogleSwitches } from './google/index.js';
import { Clock, controlCall } from './kit/index.js';
import { startZoomEmulator, type ZoomEmulator, type ZoomSwitchValues } from './zoom/index.js';
import { demoBookings } from './demo-bookings.js';
import { seedOrganisation, seedZoomUsers, type SeedOrganisation } from './org.js';

export type Seed = 'none' | 'org' | 'demo';

export interface StartEmulatorsOptions {
  seed: Seed;
  zoomPort?: number;
  googlePort?: number;
  /** Both emulators' clocks start here (and demo bookings are placed around it); default: now. */
  now?: Date;
  host?: string;
  /** How long each emulator takes to answer a call (its `latencyMs` and `latencyJitterMs`). */
  latency?: { google?: Latency; zoom?: Latency };
  /** Initial switch values of each emulator (kept across `/_emulator/reset`). */
  switches?: { google?: Partial<GoogleSwitches>; zoom?: Partial<ZoomSwitchValues> };
}

/** An answer's delay: `latencyMs` ± `latencyJitterMs`, evenly spread. */
export interface Latency {
  latencyMs: number;
  latencyJitterMs?: number;
}

const latencySwitches = (latency: Latency | undefined) =>
  latency ? { latencyMs: latency.latencyMs, latencyJitterMs: latency.latencyJitterMs ?? 0 } : {};

/** How a client reaches the Zoom emulator: its addresses and the app's credentials. */
export type ZoomConnection = Pick<
  ZoomEmulator,
  'apiUrl' | 'oauthUrl' | 'controlUrl' | 'accountId' | 'clientId' | 'clientSecret'
>;

/** How a client reaches the Google emulator, with a service account key file it accepts. */
export type GoogleConnection = Pick<
  GoogleEmulator,
  'rootUrl' | 'tokenUrl' | 'controlUrl' | 'customer'
> & {
  serviceAccountKeyFile: string;
};

/** Both emulators' connection details (what `zoomlink emulators` and the benchmarks print). */
export function connectionsOf(
  google: GoogleEmulator,
  zoom: ZoomEmulator,
  serviceAccountKeyFile: string,
): { zoom: ZoomConnection; google: GoogleConnection } {
  const { apiUrl, oauthUrl, accountId, clientId, clientSecret } = zoom;
  const { rootUrl, tokenUrl, customer } = google;
  return {
    zoom: { apiUrl, oauthUrl, controlUrl: zoom.controlUrl, accountId, clientId, clientSecret },
    google: { rootUrl, tokenUrl, controlUrl: google.controlUrl, customer, serviceAccountKeyFile },
  };
}

/** The JSON line `zoomlink emulators` prints (issue 3 and 4). */
export interface EmulatorsInfo {
  zoom: ZoomConnection;
  google: GoogleConnection;
  /** Exactly the environment variables that point every zoomlink command at these emulators. */
  env: Record<string, string>;
  rooms: { calendarId: string; name: string; zoomHost: string }[];
  /** People in the domain who book rooms, each with a calendar. */
  people: string[];
}

export interface RunningEmulators extends EmulatorsInfo {
  close(): Promise<void>;
  /** The emulators themselves (not part of the JSON: the property is not enumerable). */
  readonly handles: { google: GoogleEmulator; zoom: ZoomEmulator; clock: Clock };
}

/** Starts the Google and Zoom emulators (sharing one clock), seeds them, and says how to reach them. */
export async function startEmulators(options: StartEmulatorsOptions): Promise<RunningEmulators> {
  const clock = new Clock();
  if (options.now) clock.set(options.now);
  const org = seedOrganisation;
  const seeded = options.seed !== 'none';
  const google = await startGoogleEmulator({
    host: options.host,
    port: options.googlePort,
    clock,
    domain: org.domain,
    customer: org.customer,
    timeZone: org.timeZone,
    switches: { ...options.switches?.google, ...latencySwitches(options.latency?.google) },
  });
  let zoom: ZoomEmulator;
  try {
    zoom = await startZoomEmulator({
      host: options.host,
      port: options.zoomPort,
      clock,
      users: seeded ? seedZoomUsers(org) : [],
      switches: { ...options.switches?.zoom, ...latencySwitches(options.latency?.zoom) },
    });
  } catch (error) {
    await google.close();
    throw error;
  }
  const keyDir = mkdtempSync(join(tmpdir(), 'zoomlink-emulators-'));
  chmodSync(keyDir, 0o700);
  const close = async () => {
    await Promise.allSettled([google.close(), zoom.close()]);
    rmSync(keyDir, { recursive: true, force: true });
  };
  try {
    if (seeded) seedGoogle(google, org);
    if (options.seed === 'demo') await addDemoBookings(google, org, clock.now());
  } catch (error) {
    await close();
    throw error;
  }
  const keyFile = google.writeServiceAccountKeyFile(keyDir);
  const info = describe(google, zoom, keyFile, seeded ? org : undefined);
  const running = { ...info, close } as RunningEmulators;
  Object.defineProperty(running, 'handles', { value: { google, zoom, clock }, enumerable: false });
  return running;
}

/** People (the admin first), the external organizer's calendar, and the rooms. */
export function seedGoogle(google: GoogleEmulator, org: SeedOrganisation = seedOrganisation): void {
  google.addPerson({ ...org.admin, admin: true });
  for (const person of [...org.people, ...org.externalOrganizers]) google.addPerson(person);
  for (const room of org.rooms) google.addRoom(room);
}

/** Runs the demo's steps through the emulator's control API, as each organizer. */
export async function addDemoBookings(
  google: GoogleEmulator,
  org: SeedOrganisation,
  now: Date,
): Promise<void> {
  const call = controlCall(google.controlUrl, 'demo booking');
  for (const step of demoBookings(now, org).steps) {
    const target = `/events/${encodeURIComponent(step.calendarId)}`;
    if (step.kind === 'insert') await google.insertEventAs(step.as, step.calendarId, step.event);
    else if (step.kind === 'patchInstance')
      await call('PATCH', `${target}/${encodeURIComponent(step.eventId)}`, {
        as: step.as,
        event: step.patch,
      });
    else
      await call(
        'DELETE',
        `${target}/${encodeURIComponent(step.eventId)}?as=${encodeURIComponent(step.as)}`,
      );
  }
}

function describe(
  google: GoogleEmulator,
  zoom: ZoomEmulator,
  keyFile: string,
  org: SeedOrganisation | undefined,
): EmulatorsInfo {
  const rooms = (org?.rooms ?? []).map((r) => ({
    calendarId: r.calendarId,
    name: r.resourceName,
    zoomHost: r.zoomHost,
  }));
  const env: Record<string, string> = {
    ZOOMLINK_MODE: 'live',
    ZOOM_API_URL: zoom.apiUrl,
    ZOOM_OAUTH_URL: zoom.oauthUrl,
    ZOOM_ACCOUNT_ID: zoom.accountId,
    ZOOM_CLIENT_ID: zoom.clientId,
    ZOOM_CLIENT_SECRET: zoom.clientSecret,
    GOOGLE_CALENDAR_ROOT_URL: google.rootUrl,
    GOOGLE_DIRECTORY_ROOT_URL: google.rootUrl,
    GOOGLE_TOKEN_URL: google.tokenUrl,
    GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile,
    GOOGLE_ADMIN_SUBJECT: org?.admin.email ?? '',
    GOOGLE_DOMAINS: JSON.stringify([google.domain]),
    GOOGLE_CUSTOMER: google.customer,
    ZOOMLINK_ROOMS: JSON.stringify(rooms),
  };
  return {
    ...connectionsOf(google, zoom, keyFile),
    env,
    rooms,
    people: (org?.people ?? []).map((p) => p.email),
  };
}
