import { failedCheck, type GoogleConfig, type RoomsConfig } from '../config/index.js';
import type { Room } from '../domain/calendar-write.js';
import type { Check } from '../domain/check.js';
import type { Logger } from '../log.js';
import { createGoogleAdapter, type GoogleAdapter } from './adapter.js';
import { createAuthClients } from './auth-clients.js';
import { classifyFailure } from './classify-failure.js';
import { describeAuth, resolveCredentials, type GoogleCredentials } from './credentials.js';
import { toGoogleFailure } from './http-failure.js';
import { allGoogleScopes, GoogleScopes, type GoogleScope } from './scopes.js';
import { roomsFromConfig } from './room-hosts.js';

export interface DiagnoseGoogleOptions {
  /** A Workspace user to check write access for (acting as an organizer); '' = the admin. */
  organizer: string;
  now?: () => Date;
  logger?: Logger;
}

export interface GoogleDiagnosis {
  checks: Check[];
  /** The rooms zoomlink would watch (for the Zoom hosts to check). */
  rooms: Room[];
}

/** The rooms whose calendars are read; the rest are counted. */
const roomsChecked = 10;

type TokenCheck = (name: string, subject: string, scope: GoogleScope) => Promise<Check>;

/**
 * Google's side of `zoomlink doctor`, read-only: the credentials, a token per thing Google must
 * allow (reading the Directory when rooms are discovered, reading room calendars, writing as an
 * organizer: so the delegated scopes), the rooms, and a read of each room's next 24 hours.
 */
export async function diagnoseGoogle(
  config: { google: GoogleConfig; rooms: RoomsConfig },
  options: DiagnoseGoogleOptions,
): Promise<GoogleDiagnosis> {
  const now = options.now ?? (() => new Date());
  let credentials: GoogleCredentials;
  try {
    credentials = resolveCredentials(config.google);
  } catch (error) {
    return { checks: [failedCheck('google credentials', error)], rooms: [] };
  }
  const checks: Check[] = [credentialsCheck(credentials)];
  const token = tokenChecker(config, credentials, now);
  const admin = credentials.kind === 'serviceAccount' ? credentials.adminSubject : 'me';
  const adapter = createGoogleAdapter(config, {
    now,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  const found =
    config.rooms.source === 'directory'
      ? await discoveredRooms(adapter, config.rooms, () =>
          token('google directory token', admin, GoogleScopes.readRooms),
        )
      : listedRooms(config.rooms);
  checks.push(...found.checks);

  const roomToken = await token('google room token', admin, GoogleScopes.readEvents);
  checks.push(roomToken);
  if (roomToken.status === 'ok') checks.push(...(await readRooms(adapter, found.rooms, now())));
  checks.push(
    await token('google organizer token', options.organizer || admin, GoogleScopes.writeEvents),
  );
  return { checks, rooms: found.rooms };
}

function credentialsCheck(credentials: GoogleCredentials): Check {
  const how =
    credentials.kind === 'serviceAccount'
      ? `service account ${credentials.clientEmail} (client ID ${credentials.clientId})`
      : 'user OAuth';
  return { name: 'google credentials', status: 'ok', detail: how };
}

/** A token for `subject` with one scope; a refusal says which delegation to grant. */
function tokenChecker(
  config: { google: GoogleConfig; rooms: RoomsConfig },
  credentials: GoogleCredentials,
  now: () => Date,
): TokenCheck {
  const clients = createAuthClients(
    credentials,
    config.google.tokenUrl,
    config.google.requestTimeoutMs,
  );
  const auth = describeAuth(credentials);
  const scopes = allGoogleScopes.filter(
    (scope) => scope !== GoogleScopes.readRooms || config.rooms.source === 'directory',
  );
  return async (name, subject, scope) => {
    try {
      await clients.clientFor(subject, scope).getAccessToken();
      return { name, status: 'ok', detail: `token for ${subject} with ${scope}` };
    } catch (thrown) {
      const error = classifyFailure(
        { ...toGoogleFailure(thrown, clients.tokenUrls, now()), fromTokenEndpoint: true },
        { operation: 'token', subject, scopes, auth },
      );
      return failedCheck(name, error);
    }
  };
}

async function discoveredRooms(
  adapter: GoogleAdapter,
  rooms: RoomsConfig,
  directoryToken: () => Promise<Check>,
): Promise<GoogleDiagnosis> {
  const token = await directoryToken();
  if (token.status !== 'ok') return { checks: [token], rooms: [] };
  try {
    const listing = await adapter.discoverRooms();
    const found = listing.rooms.length;
    const skipped = listing.skipped.length
      ? `; ${listing.skipped.length} skipped (no Zoom host: set rooms.hosts, rooms.hostTemplate or rooms.defaultHost)`
      : '';
    const directory: Check = {
      name: 'google directory',
      status: found ? 'ok' : 'fail',
      detail: `${found} room(s) discovered${skipped}`,
      ...(found
        ? {}
        : { fix: `Check rooms.directoryQuery (${rooms.directoryQuery}) and the Zoom host rules.` }),
    };
    return { checks: [token, directory], rooms: listing.rooms };
  } catch (error) {
    return { checks: [token, failedCheck('google directory', error)], rooms: [] };
  }
}

function listedRooms(rooms: RoomsConfig): GoogleDiagnosis {
  const listed = roomsFromConfig(rooms.list);
  if (listed.length > 0) return { checks: [], rooms: listed };
  const empty: Check = {
    name: 'rooms',
    status: 'fail',
    detail: 'rooms.list is empty',
    fix: 'List the room calendars in rooms.list (ZOOMLINK_ROOMS), or set rooms.source to "directory".',
  };
  return { checks: [empty], rooms: [] };
}

/** The first rooms' next 24 hours, read as the daemon reads them. */
async function readRooms(adapter: GoogleAdapter, rooms: Room[], now: Date): Promise<Check[]> {
  const checks: Check[] = [];
  for (const room of rooms.slice(0, roomsChecked)) {
    try {
      const bookings = await adapter.listBookings(room.calendarId, {
        from: now,
        to: new Date(now.getTime() + 86_400_000),
      });
      checks.push({
        name: 'google room',
        status: 'ok',
        detail: `${room.name}: readable (${bookings.length} booking(s) in the next 24 h)`,
      });
    } catch (error) {
      checks.push(failedCheck('google room', error, room.name));
    }
  }
  if (rooms.length > roomsChecked)
    checks.push({
      name: 'google room',
      status: 'ok',
      detail: `${rooms.length - roomsChecked} more room(s) not checked`,
    });
  return checks;
}
