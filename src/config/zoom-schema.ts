import { z } from 'zod';
import { url, duration, retrySettings } from './schema-parts.js';

/** `zoom` in the configuration: the Zoom account, its app and how zoomlink calls it. */
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
    ...retrySettings('Retries of a Zoom call that failed with 429, 5xx or a dropped connection.', {
      maxRetries: 4,
      maxMs: 60_000,
    }),
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
