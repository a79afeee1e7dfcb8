import { z } from 'zod';
import { policySchema, recurrenceSchema, syncSchema } from './sync-schema.js';

export { policySchema, recurrenceSchema, syncSchema };

/**
 * Every knob zoomlink has. The defaults here equal `config/default.json` (a test holds them
 * together) and the README's configuration table is generated from the descriptions
 * (`npm run config:table`). Secrets have no default and are read from the environment or a file.
 *
 * Each section is its own object so that a command can take only the part it needs.
 */

const url = z.url({ protocol: /^https?$/ });
/** Long enough that guessing it over HTTP is hopeless. */
const MIN_TOKEN_LENGTH = 16;
const duration = (what: string) => z.number().int().nonnegative().describe(what);

export const zoomSchema = z
  .object({
    auth: z
      .enum(['s2s', 'user'])
      .default('s2s')
      .describe(
        '`s2s`: a Server-to-Server OAuth app (account id, client id and secret); `user`: a user-level OAuth app authorised once in a browser with `zoomlink zoom login` (client id and secret; the refresh token is kept in the database).',
      ),
    accountId: z
      .string()
      .default('')
      .describe('Zoom Server-to-Server OAuth app: Account ID (not used with auth `user`).'),
    clientId: z.string().default('').describe('Zoom OAuth app (either kind): Client ID.'),
    clientSecret: z
      .string()
      .default('')
      .describe('Zoom OAuth app (either kind): Client secret (prefer the environment or a file).'),
    clientSecretFile: z
      .string()
      .default('')
      .describe('A file holding the Zoom client secret (used when clientSecret is empty).'),
    webhookSecretToken: z
      .string()
      .default('')
      .describe(
        "The Secret Token of the Zoom app's event subscriptions (Feature page): it signs every webhook call to /webhooks/zoom. Empty: the endpoint answers 404 (webhooks off; the nightly reconcile still finds meetings changed in Zoom).",
      ),
    webhookSecretTokenFile: z
      .string()
      .default('')
      .describe(
        'A file holding the Zoom webhook secret token (used when webhookSecretToken is empty).',
      ),
    apiUrl: url.default('https://api.zoom.us/v2').describe('Zoom REST API v2 base URL.'),
    oauthUrl: url
      .default('https://zoom.us')
      .describe('Zoom OAuth base URL (token at /oauth/token, authorize at /oauth/authorize).'),
    redirectUri: url
      .default('http://127.0.0.1:8788/oauth/callback')
      .describe(
        'auth `user`: the redirect URL of the OAuth app (add it to the app’s allow list in the Zoom App Marketplace). `zoomlink zoom login` listens on it when it is on this machine (loopback), else use `--manual`.',
      ),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(32)
      .describe(
        'Zoom API calls in flight at once for the account (the rate itself is kept by zoom.plan); at least sync.concurrency, or it caps the workers.',
      ),
    plan: z
      .enum(['free', 'pro', 'business'])
      .default('pro')
      .describe(
        "The Zoom account's plan, whose per-second API rate limits zoomlink keeps (per label: Light, Medium): `free` 4/2 a second, `pro` 30/20, `business` 80/60 (also for Business Plus, Education, Enterprise and Partner accounts).",
      ),
    maxRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(4)
      .describe('Retries of a Zoom call that failed with 429, 5xx or a dropped connection.'),
    retryBaseMs: duration('First retry delay in ms (doubles each retry, with jitter).').default(
      1000,
    ),
    retryMaxMs: duration('Longest single retry delay in ms.').default(60_000),
    requestTimeoutMs: duration('Timeout of one Zoom HTTP request in ms.').default(30_000),
    concurrentMeetingsPerHost: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(1)
      .describe(
        'Meetings one pool host may hold at the same time (1; more only for accounts with the Concurrent Meetings add-on).',
      ),
    dailyCreateUpdateLimit: z
      .number()
      .int()
      .min(1)
      .default(100)
      .describe(
        "Zoom's per-host daily limit of meeting create/update requests (resets 00:00 UTC).",
      ),
    meetingSettings: z
      .record(z.string(), z.unknown())
      .default({})
      .describe(
        'Zoom meeting `settings` sent with every meeting, e.g. {"join_before_host": true} (per room: rooms.list[].meetingSettings, merged over these). Empty = account defaults. A change updates each future meeting once, within each host’s daily budget.',
      ),
    alternativeHosts: z
      .enum(['organizer', 'none'])
      .default('organizer')
      .describe(
        '`organizer`: the booking’s organizer becomes an alternative host of its meeting when they are a licensed, active user of the Zoom account (looked up once and remembered), so they can start it without the room account; `none`: no alternative host.',
      ),
    trustedJoinHosts: z
      .array(
        z
          .string()
          .regex(
            /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i,
            'a host name such as "zoom.example.org" or "*.zoom.example.org"',
          ),
      )
      .default([])
      .describe(
        'Hosts besides Zoom’s own (zoom.us, zoom.com, zoomgov.com and their subdomains) whose https join links zoomlink writes into calendars, e.g. ["zoom.example.org"] or ["*.zoom.example.org"] for an on-premise Zoom. A join link on any other host fails its booking (ZOOM_JOIN_URL_UNTRUSTED).',
      ),
  })
  .strict();

export const googleSchema = z
  .object({
    serviceAccountKeyFile: z
      .string()
      .default('')
      .describe('Service account key (JSON) with domain-wide delegation.'),
    oauthClientId: z
      .string()
      .default('')
      .describe('User OAuth instead of a service account: OAuth client ID.'),
    oauthClientSecret: z.string().default('').describe('User OAuth: OAuth client secret.'),
    oauthClientSecretFile: z
      .string()
      .default('')
      .describe('A file holding the OAuth client secret (used when oauthClientSecret is empty).'),
    oauthRefreshToken: z
      .string()
      .default('')
      .describe('User OAuth: refresh token of the user whose calendars zoomlink reads and writes.'),
    oauthRefreshTokenFile: z
      .string()
      .default('')
      .describe('A file holding the refresh token (used when oauthRefreshToken is empty).'),
    adminSubject: z
      .string()
      .default('')
      .describe(
        'Workspace user to act as when reading room calendars and the Directory (an admin for discovery).',
      ),
    domains: z
      .array(z.string())
      .default([])
      .describe(
        'Workspace domains whose organizers zoomlink acts as (delegation); others get the link on the room copy. Empty = the domain of adminSubject.',
      ),
    calendarRootUrl: url
      .default('https://www.googleapis.com/')
      .describe('Google Calendar API root URL.'),
    directoryRootUrl: url
      .default('https://admin.googleapis.com/')
      .describe('Admin SDK Directory API root URL.'),
    tokenUrl: url
      .default('https://oauth2.googleapis.com/token')
      .describe('OAuth token endpoint used by the service account and user OAuth.'),
    customer: z.string().default('my_customer').describe('Directory customer for room discovery.'),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(2500)
      .default(250)
      .describe('events.list page size (Google: default 250, max 2500).'),
    fullSyncDaysBack: z
      .number()
      .int()
      .min(0)
      .default(7)
      .describe(
        'A full sync reads events ending after now minus this many days (0 = all of history).',
      ),
    maxRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(5)
      .describe('Retries of a Google call that failed with a rate limit or 5xx.'),
    retryBaseMs: duration('First retry delay in ms (doubles each retry, with jitter).').default(
      1000,
    ),
    retryMaxMs: duration('Longest single retry delay in ms.').default(32_000),
    quotaPerUserPerMinute: z
      .number()
      .int()
      .min(1)
      .default(600)
      .describe(
        "Google Calendar API quota: requests per minute per user (each user zoomlink acts as: the admin subject, each organizer); zoomlink keeps under it. Raise it only with the project's quota in the Cloud console.",
      ),
    quotaPerProjectPerMinute: z
      .number()
      .int()
      .min(1)
      .default(10_000)
      .describe(
        "Google Calendar API quota: requests per minute for the whole project; zoomlink keeps under it. Raise it only with the project's quota in the Cloud console.",
      ),
    requestTimeoutMs: duration('Timeout of one Google HTTP request in ms.').default(30_000),
    writeConflictRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe(
        'Write-back: times an event that changed under us (412) is read again and re-patched.',
      ),
    writeLocation: z
      .boolean()
      .default(true)
      .describe('Put the join URL into `location` when the event has none.'),
    writeConferenceData: z
      .boolean()
      .default(false)
      .describe(
        'Also try a Zoom `conferenceData` (addOn). Google refuses it for most API clients; the description block is always written.',
      ),
  })
  .strict();

/** `active` acts; `observe` polls and plans, records the plan (status page), and writes nothing. */
export const roomMode = z.enum(['active', 'observe']);

export const roomSchema = z
  .object({
    calendarId: z
      .string()
      .min(1)
      .describe('Resource calendar id (…@resource.calendar.google.com).'),
    zoomHost: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Zoom user (email or id) who hosts this room’s meetings; absent or `"pool"`: a host of rooms.hostPool for each booking.',
      ),
    name: z.string().default('').describe('A name for people.'),
    mode: roomMode
      .optional()
      .describe('`observe`: polled and planned, nothing written (default: rooms.mode).'),
    policy: policySchema.optional().describe('This room’s scope policy (default: sync.policy).'),
    meetingSettings: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Zoom meeting `settings` of this room, merged over zoom.meetingSettings.'),
    invitationLang: z
      .enum(['en', 'zh-TW'])
      .optional()
      .describe('Language of this room’s block (default: sync.invitationLang).'),
  })
  .strict();

export const roomsSchema = z
  .object({
    mode: roomMode
      .default('active')
      .describe(
        'Every room’s mode unless rooms.list[].mode says otherwise: `observe` polls, plans and shows on the status page what zoomlink would do, and writes nothing to Zoom or Google; switching a room to `active` acts on all it observed.',
      ),
    source: z
      .enum(['config', 'directory'])
      .default('config')
      .describe('Where the rooms come from: `config` (rooms.list) or `directory` (Admin SDK).'),
    list: z.array(roomSchema).default([]).describe('Rooms when source is `config`.'),
    directoryQuery: z
      .string()
      .default('resourceCategory=CONFERENCE_ROOM')
      .describe('Directory `query` filter for discovery.'),
    hosts: z
      .record(z.string(), z.string())
      .default({})
      .describe(
        'Discovery: Zoom host per room, keyed by resource email, resource id or resource name.',
      ),
    hostTemplate: z
      .string()
      .default('')
      .describe(
        'Discovery: Zoom host built from the room, e.g. "zoom-{resourceId}@example.com" ({resourceId}, {resourceName}, {resourceEmail}).',
      ),
    defaultHost: z
      .string()
      .default('')
      .describe(
        'Discovery: Zoom host for rooms no other rule maps (`pool`: rooms.hostPool); empty = skip such rooms.',
      ),
    hostPool: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Zoom users (emails or ids) shared by every room whose host is absent or `"pool"`: each booking gets one that holds no overlapping meeting, the least loaded.',
      ),
    poolBufferMinutes: z
      .number()
      .int()
      .min(0)
      .max(240)
      .default(0)
      .describe(
        'Minutes kept free before and after each booking of a pool host (meetings that run over).',
      ),
  })
  .strict();

export const serverSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Serve health, metrics and the status page.'),
    host: z
      .string()
      .default('127.0.0.1')
      .describe('Address the HTTP server binds to. Beyond loopback, set server.token.'),
    port: z.number().int().min(0).max(65535).default(8787).describe('HTTP server port (0 = any).'),
    token: z
      .string()
      .refine((token) => token === '' || token.length >= MIN_TOKEN_LENGTH, {
        message: `at least ${MIN_TOKEN_LENGTH} characters: make a long random one (e.g. \`openssl rand -hex 32\`), or leave it empty to serve loopback only`,
      })
      .default('')
      .describe(
        'Bearer token required for every endpoint but /healthz (at least 16 characters). Required when bound beyond loopback.',
      ),
    tokenFile: z
      .string()
      .default('')
      .describe('A file holding server.token (used when token is empty).'),
    readyMaxLagSeconds: z
      .number()
      .int()
      .min(1)
      .default(300)
      .describe('/readyz fails for a room whose last good poll is older than this.'),
    healthMaxBusySeconds: z
      .number()
      .int()
      .min(60)
      .default(3600)
      .describe(
        '/healthz fails when one pass has run longer than this (a hung daemon a supervisor should restart).',
      ),
  })
  .strict();

export const configSchema = z
  .object({
    mode: z
      .enum(['auto', 'live', 'demo'])
      .default('auto')
      .describe(
        '`live` uses the configured credentials, `demo` the built-in emulators, `auto` demo only when no credentials are configured.',
      ),
    database: z
      .object({
        path: z
          .string()
          .min(1)
          .default('./data/zoomlink.db')
          .describe('SQLite database file (created owner-only).'),
        historyRetentionDays: z
          .number()
          .int()
          .min(1)
          .default(90)
          .describe(
            'The daily reconcile pass deletes audit entries and settled create intents older than this, and the links of bookings that ended longer ago than this (and at least as long as Zoom keeps their meetings: 30 days, 365 for recurring ones), and deleted or ignored links unchanged for as long.',
          ),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z
          .enum(['error', 'warn', 'info', 'debug'])
          .default('info')
          .describe('Least severe level written.'),
        format: z
          .enum(['auto', 'json', 'pretty'])
          .default('auto')
          .describe('`auto`: readable lines on a terminal, JSON lines otherwise.'),
      })
      .strict()
      .prefault({}),
    zoom: zoomSchema.prefault({}),
    google: googleSchema.prefault({}),
    rooms: roomsSchema.prefault({}),
    recurrence: recurrenceSchema.prefault({}),
    sync: syncSchema.prefault({}),
    server: serverSchema.prefault({}),
    shutdown: z
      .object({
        timeoutSeconds: z
          .number()
          .int()
          .min(1)
          .max(600)
          .default(20)
          .describe('On SIGTERM, how long in-flight work may take before the daemon exits anyway.'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    // A room that takes its hosts from the pool needs a pool to take them from.
    if (config.rooms.hostPool.length > 0) return;
    const pooled = config.rooms.list.findIndex((room) => isPoolHost(room.zoomHost));
    if (pooled >= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['rooms', 'list', pooled, 'zoomHost'],
        message:
          'this room takes its Zoom host from rooms.hostPool (no zoomHost, or "pool"), but rooms.hostPool is empty: list the shared Zoom users there (ZOOMLINK_HOST_POOL), or give the room its own zoomHost',
      });
    const mapped = Object.entries(config.rooms.hosts).find(([, host]) => isPoolHost(host));
    if (mapped)
      ctx.addIssue({
        code: 'custom',
        path: ['rooms', 'hosts', mapped[0]],
        message:
          'this room takes its Zoom host from rooms.hostPool ("pool"), but rooms.hostPool is empty: list the shared Zoom users there (ZOOMLINK_HOST_POOL), or map the room to a Zoom user',
      });
    // An empty defaultHost means "skip rooms no rule maps", not the pool.
    const defaultHost = config.rooms.defaultHost.trim();
    if (config.rooms.source === 'directory' && defaultHost !== '' && isPoolHost(defaultHost))
      ctx.addIssue({
        code: 'custom',
        path: ['rooms', 'defaultHost'],
        message:
          'rooms.defaultHost is "pool", but rooms.hostPool is empty: list the shared Zoom users there (ZOOMLINK_HOST_POOL)',
      });
  });

/** The `zoomHost` that means "a host of rooms.hostPool": none at all, or `pool`. */
export const POOL_HOST = 'pool';

export function isPoolHost(zoomHost: string | undefined): boolean {
  return zoomHost === undefined || zoomHost.trim().toLowerCase() === POOL_HOST;
}

export type Config = z.infer<typeof configSchema>;
export type ZoomConfig = Config['zoom'];
export type GoogleConfig = Config['google'];
export type RoomsConfig = Config['rooms'];
export type RoomConfig = z.infer<typeof roomSchema>;
export type RoomMode = z.infer<typeof roomMode>;
export type BookingPolicy = z.infer<typeof policySchema>;
export type RecurrenceConfig = Config['recurrence'];
export type SyncConfig = Config['sync'];
export type ServerConfig = Config['server'];
