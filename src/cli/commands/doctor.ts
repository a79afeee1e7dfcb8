import {
  accessSync,
  constants,
  existsSync,
  openSync,
  readSync,
  closeSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import {
  ConfigError,
  describeExposedFile,
  filesHoldingSecrets,
  filesReadableByOthers,
  hasLiveCredentials,
  loadConfig,
  resolveMode,
  type Config,
} from '../../config/index.js';
import { assertServerProtected } from '../../daemon/http-server.js';
import { inspectDaemonLock } from '../../daemon/lock.js';
import { describeError, isZoomlinkError } from '../../errors.js';
import { createAuthClients } from '../../google/auth-clients.js';
import { classifyFailure } from '../../google/classify-failure.js';
import { resolveCredentials } from '../../google/credentials.js';
import { toGoogleFailure } from '../../google/http-failure.js';
import { createGoogleAdapter, GoogleScopes, allGoogleScopes } from '../../google/index.js';
import type { GoogleScope, Room } from '../../google/index.js';
import { configureLogger } from '../../log.js';
import { latestSchemaVersion } from '../../store/index.js';
import { createZoomClient, ZoomErrorCodes, isZoomApiError } from '../../zoom/index.js';
import { S2SOAuthTokenSource } from '../../zoom/oauth-token.js';
import { missingZoomScopes, zoomScopeNeeds } from '../../zoom/scopes.js';

/**
 * `zoomlink doctor`: checks, one by one, what `zoomlink run` needs — the configuration, the
 * database, Zoom (a token, the scopes it carries, the host users) and Google (a token for reading
 * rooms and for writing as an organizer, so the delegated scopes; the Directory when rooms are
 * discovered) — and prints each with `ok` or the exact fix. Read-only: it creates no meeting, writes no event, and does not
 * migrate the database. Exit 0 when nothing failed.
 */
type Status = 'ok' | 'warn' | 'fail';

interface CheckResult {
  check: string;
  status: Status;
  detail: string;
  fix?: string;
}

const roomsChecked = 10;

export function register(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check the configuration, database, Zoom and Google credentials; print ok or the fix for each.',
    )
    .option(
      '--organizer <email>',
      'a Workspace user to check write access for (default: google.adminSubject)',
    )
    .option('--json', 'print the checks as a JSON array')
    .action(async (options: { organizer?: string; json?: boolean }) => {
      const results = await runChecks(options.organizer);
      process.stdout.write(
        options.json ? `${JSON.stringify(results, null, 2)}\n` : report(results),
      );
      process.exitCode = results.some((r) => r.status === 'fail') ? 1 : 0;
    });
}

async function runChecks(organizer: string | undefined): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [
      {
        check: 'config',
        status: 'fail',
        detail: `${error.problems.length} problem(s) in the configuration`,
        fix: error.problems.join('\n'),
      },
    ];
  }
  configureLogger({ ...config.log, level: 'error' });
  results.push(...checkConfig(config));
  results.push(...checkFilePermissions(config));
  results.push(...checkDatabase(config.database.path));
  if (resolveMode(config) === 'demo') {
    results.push({
      check: 'mode',
      status: 'warn',
      detail:
        'no credentials are configured: `zoomlink run` (and `npm start`) runs the demo against built-in emulators',
      fix: 'For real accounts set the Zoom app (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET) and Google (GOOGLE_SERVICE_ACCOUNT_KEY_FILE, GOOGLE_ADMIN_SUBJECT); see "Google Workspace setup" and "Zoom setup" in README.md.',
    });
    return results;
  }
  if (!hasLiveCredentials(config)) {
    results.push({
      check: 'credentials',
      status: 'fail',
      detail: 'live mode, but the Zoom or Google credentials are incomplete',
      fix: missingCredentials(config).join('\n'),
    });
  }
  const google = await checkGoogle(config, organizer ?? config.google.adminSubject);
  results.push(...google.results);
  results.push(...(await checkZoom(config, google.rooms)));
  return results;
}

function checkConfig(config: Config): CheckResult[] {
  const problems: string[] = [];
  if (config.server.enabled) {
    try {
      assertServerProtected(config.server.host, config.server.token);
    } catch (error) {
      problems.push(describeError(error));
    }
  }
  if (problems.length > 0)
    return [
      {
        check: 'config',
        status: 'fail',
        detail: 'loaded, but not usable',
        fix: problems.join('\n'),
      },
    ];
  const rooms =
    config.rooms.source === 'config'
      ? `${config.rooms.list.length} room(s) in rooms.list`
      : 'rooms from the Directory';
  return [
    { check: 'config', status: 'ok', detail: `valid; mode ${resolveMode(config)}; ${rooms}` },
  ];
}

/** The config file and the files holding secrets: readable by their owner only. */
function checkFilePermissions(config: Config): CheckResult[] {
  const exposed = filesReadableByOthers(config, process.env);
  if (exposed.length > 0)
    return exposed.map((file) => ({
      check: 'file permissions',
      status: 'warn',
      detail: describeExposedFile(file),
      fix: `chmod 600 ${file.path}`,
    }));
  const files = filesHoldingSecrets(config, process.env).filter((file) => existsSync(file.path));
  if (files.length === 0) return [];
  return [
    {
      check: 'file permissions',
      status: 'ok',
      detail: `readable by their owner only: ${files.map((f) => f.field).join(', ')}`,
    },
  ];
}

function missingCredentials(config: Config): string[] {
  const missing: string[] = [];
  if (!config.zoom.accountId) missing.push('zoom.accountId (ZOOM_ACCOUNT_ID) is empty');
  if (!config.zoom.clientId) missing.push('zoom.clientId (ZOOM_CLIENT_ID) is empty');
  if (!config.zoom.clientSecret)
    missing.push('zoom.clientSecret (ZOOM_CLIENT_SECRET, or zoom.clientSecretFile) is empty');
  const g = config.google;
  if (!g.serviceAccountKeyFile && !(g.oauthClientId && g.oauthClientSecret && g.oauthRefreshToken))
    missing.push(
      'google.serviceAccountKeyFile (GOOGLE_SERVICE_ACCOUNT_KEY_FILE) is empty, and user OAuth is not complete either',
    );
  return missing;
}

/** The database folder and file as the daemon will use them, read without changing anything. */
function checkDatabase(path: string): CheckResult[] {
  if (path === ':memory:')
    return [
      {
        check: 'database',
        status: 'warn',
        detail: 'in memory: nothing survives a restart',
        fix: 'Set database.path (ZOOMLINK_DB) to a file.',
      },
    ];
  const file = resolve(path);
  const fixAccess = `Give the user running zoomlink read and write access, or set database.path (ZOOMLINK_DB) elsewhere.`;
  if (!existsSync(file)) {
    const folder = nearestExisting(dirname(file));
    try {
      accessSync(folder, constants.W_OK | constants.X_OK);
    } catch {
      return [
        {
          check: 'database',
          status: 'fail',
          detail: `${file} does not exist and ${folder} is not writable`,
          fix: fixAccess,
        },
      ];
    }
    return [
      {
        check: 'database',
        status: 'ok',
        detail: `${file} will be created (owner-only) on the first run`,
      },
    ];
  }
  const results: CheckResult[] = [];
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    accessSync(dirname(file), constants.W_OK | constants.X_OK);
  } catch (error) {
    return [
      {
        check: 'database',
        status: 'fail',
        detail: `${file}: ${(error as Error).message}`,
        fix: `${fixAccess} SQLite also writes -wal and -shm files beside it, so the folder must be writable too.`,
      },
    ];
  }
  if (!hasSqliteHeader(file)) {
    return [
      {
        check: 'database',
        status: 'fail',
        detail: `${file} is not an SQLite database`,
        fix: 'Point database.path at the right file, or move this one aside to start empty.',
      },
    ];
  }
  const version = schemaVersion(file);
  if (version > latestSchemaVersion) {
    results.push({
      check: 'database',
      status: 'fail',
      detail: `${file}: schema ${version}, newer than this zoomlink knows (${latestSchemaVersion})`,
      fix: 'Run the newer zoomlink that wrote it; zoomlink never downgrades a database.',
    });
  } else {
    const upgrade =
      version < latestSchemaVersion ? `; upgraded to ${latestSchemaVersion} on the next run` : '';
    results.push({
      check: 'database',
      status: 'ok',
      detail: `${file}: readable and writable, schema ${version}${upgrade}`,
    });
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0)
    results.push({
      check: 'database permissions',
      status: 'warn',
      detail: `${file} is readable by others (mode ${mode.toString(8)}); it holds passcodes`,
      fix: `chmod 600 ${file} (zoomlink also does this when it opens the database)`,
    });
  const holder = inspectDaemonLock(file);
  if (holder)
    results.push({
      check: 'daemon',
      status: 'ok',
      detail: `a daemon is running on this database: process ${holder.pid} on ${holder.host} since ${holder.startedAt}`,
    });
  return results;
}

function nearestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function hasSqliteHeader(file: string): boolean {
  if (statSync(file).size === 0) return true; // created empty by a first run that stopped early
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

function schemaVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** The rooms, and a check per thing Google must allow: reading rooms, writing as an organizer, the Directory. */
async function checkGoogle(
  config: Config,
  organizer: string,
): Promise<{ results: CheckResult[]; rooms: Room[] }> {
  const results: CheckResult[] = [];
  let credentials;
  try {
    credentials = resolveCredentials(config.google);
  } catch (error) {
    return { results: [fail('google credentials', error)], rooms: [] };
  }
  const how =
    credentials.kind === 'serviceAccount'
      ? `service account ${credentials.clientEmail} (client ID ${credentials.clientId})`
      : 'user OAuth';
  results.push({ check: 'google credentials', status: 'ok', detail: how });
  const auth =
    credentials.kind === 'serviceAccount'
      ? {
          kind: 'serviceAccount' as const,
          clientEmail: credentials.clientEmail,
          clientId: credentials.clientId,
        }
      : { kind: 'userOAuth' as const };
  const clients = createAuthClients(
    credentials,
    config.google.tokenUrl,
    config.google.requestTimeoutMs,
  );
  const admin = credentials.kind === 'serviceAccount' ? credentials.adminSubject : 'me';
  const neededScopes = allGoogleScopes.filter(
    (scope) => scope !== GoogleScopes.readRooms || config.rooms.source === 'directory',
  );
  const token = async (check: string, subject: string, scope: GoogleScope): Promise<boolean> => {
    try {
      await clients.clientFor(subject, scope).getAccessToken();
      results.push({ check, status: 'ok', detail: `token for ${subject} with ${scope}` });
      return true;
    } catch (thrown) {
      const error = classifyFailure(
        { ...toGoogleFailure(thrown, clients.tokenUrls, new Date()), fromTokenEndpoint: true },
        { operation: 'token', subject, scopes: neededScopes, auth },
      );
      results.push(fail(check, error));
      return false;
    }
  };

  const adapter = createGoogleAdapter(config);
  let rooms: Room[] = [];
  if (config.rooms.source === 'directory') {
    if (await token('google directory token', admin, GoogleScopes.readRooms)) {
      try {
        const listing = await adapter.discoverRooms();
        rooms = listing.rooms;
        const skipped = listing.skipped.length
          ? `; ${listing.skipped.length} skipped (no Zoom host: set rooms.hosts, rooms.hostTemplate or rooms.defaultHost)`
          : '';
        results.push({
          check: 'google directory',
          status: rooms.length ? 'ok' : 'fail',
          detail: `${rooms.length} room(s) discovered${skipped}`,
          ...(rooms.length
            ? {}
            : {
                fix: `Check rooms.directoryQuery (${config.rooms.directoryQuery}) and the Zoom host rules.`,
              }),
        });
      } catch (error) {
        results.push(fail('google directory', error));
      }
    }
  } else {
    rooms = config.rooms.list.map((r) => ({
      calendarId: r.calendarId,
      zoomHost: r.zoomHost,
      name: r.name || r.calendarId,
    }));
    if (rooms.length === 0)
      results.push({
        check: 'rooms',
        status: 'fail',
        detail: 'rooms.list is empty',
        fix: 'List the room calendars in rooms.list (ZOOMLINK_ROOMS), or set rooms.source to "directory".',
      });
  }

  if (await token('google room token', admin, GoogleScopes.readEvents)) {
    const now = new Date();
    for (const room of rooms.slice(0, roomsChecked)) {
      try {
        const bookings = await adapter.listBookings(room.calendarId, {
          from: now,
          to: new Date(now.getTime() + 86_400_000),
        });
        results.push({
          check: 'google room',
          status: 'ok',
          detail: `${room.name}: readable (${bookings.length} booking(s) in the next 24 h)`,
        });
      } catch (error) {
        results.push(fail('google room', error, room.name));
      }
    }
    if (rooms.length > roomsChecked)
      results.push({
        check: 'google room',
        status: 'ok',
        detail: `${rooms.length - roomsChecked} more room(s) not checked`,
      });
  }
  await token('google organizer token', organizer || admin, GoogleScopes.writeEvents);
  return { results, rooms };
}

async function checkZoom(config: Config, rooms: Room[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let client;
  try {
    client = createZoomClient(config.zoom);
    const tokens = new S2SOAuthTokenSource({
      oauthUrl: config.zoom.oauthUrl,
      credentials: {
        accountId: config.zoom.accountId,
        clientId: config.zoom.clientId,
        clientSecret: config.zoom.clientSecret,
      },
      timeoutMs: config.zoom.requestTimeoutMs,
      now: () => new Date(),
    });
    await tokens.token();
    results.push({
      check: 'zoom token',
      status: 'ok',
      detail: `Server-to-Server OAuth token for account ${config.zoom.accountId}`,
    });
    results.push(checkZoomScopes(tokens.grantedScopes));
  } catch (error) {
    return [fail('zoom token', error)];
  }
  const hosts = new Map<string, string[]>();
  for (const room of rooms)
    hosts.set(room.zoomHost.toLowerCase(), [
      ...(hosts.get(room.zoomHost.toLowerCase()) ?? []),
      room.name,
    ]);
  for (const [host, roomNames] of hosts) {
    try {
      const meetings = await client.listMeetings(host, { type: 'upcoming' });
      results.push({
        check: 'zoom host',
        status: 'ok',
        detail: `${host} exists (${meetings.length} upcoming meeting(s); hosts ${roomNames.join(', ')})`,
      });
    } catch (error) {
      const fix =
        isZoomApiError(error) && error.code === ZoomErrorCodes.userNotFound
          ? `Add ${host} as a user of the Zoom account (Zoom admin → User Management → Users), or give ${roomNames.join(', ')} another Zoom host (rooms.list[].zoomHost, or rooms.hosts / rooms.hostTemplate for discovery).`
          : undefined;
      results.push(fail('zoom host', error, host, fix));
    }
  }
  return results;
}

/** What the token says the app may do, against what zoomlink's calls need. */
function checkZoomScopes(granted: string[] | undefined): CheckResult {
  if (granted === undefined)
    return {
      check: 'zoom scopes',
      status: 'warn',
      detail:
        "Zoom did not list the token's scopes; a missing one shows as ZOOM_AUTH_FAILED on the first call that needs it",
      fix: `Check the app's scopes in the Zoom App Marketplace: ${zoomScopeNeeds.map((n) => n.granular).join(', ')}.`,
    };
  const missing = missingZoomScopes(granted);
  if (missing.length === 0)
    return {
      check: 'zoom scopes',
      status: 'ok',
      detail: 'the app holds every meeting scope zoomlink needs',
    };
  return {
    check: 'zoom scopes',
    status: 'fail',
    detail: `missing: ${missing.map((n) => `${n.granular} (to ${n.purpose})`).join(', ')}`,
    fix: `Zoom App Marketplace → Manage → the Server-to-Server OAuth app → Scopes: add ${missing.map((n) => `${n.granular} (or the classic ${n.classic})`).join(', ')}; save, and if Zoom asks, activate the app again. The next token carries them.`,
  };
}

function fail(check: string, error: unknown, about?: string, fix?: string): CheckResult {
  const message =
    error instanceof ConfigError
      ? error.problems.join('\n')
      : error instanceof Error
        ? error.message
        : describeError(error);
  return {
    check,
    status: 'fail',
    detail: `${about ? `${about}: ` : ''}${isZoomlinkError(error) && !(error instanceof ConfigError) ? error.code : 'failed'}`,
    fix: fix ?? message,
  };
}

function report(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.check.length));
  const lines = results.map((r) => {
    const mark = r.status === 'ok' ? ' ok ' : r.status === 'warn' ? 'warn' : 'FAIL';
    const fix = r.fix
      ? `\n${r.fix
          .split('\n')
          .map((line) => `       ${' '.repeat(width)}  fix: ${line}`)
          .join('\n')}`
      : '';
    return `${mark}  ${r.check.padEnd(width)}  ${r.detail}${fix}`;
  });
  const count = (s: Status) => results.filter((r) => r.status === s).length;
  return `${lines.join('\n')}\n\n${count('ok')} ok, ${count('warn')} warning(s), ${count('fail')} failed\n`;
}
