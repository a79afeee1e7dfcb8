import { z } from 'zod';
import { url, duration, retrySettings } from './schema-parts.js';

/** `google` in the configuration: the Workspace service account and how zoomlink calls Google. */
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
    ...retrySettings('Retries of a Google call that failed with a rate limit or 5xx.', {
      maxRetries: 5,
      maxMs: 32_000,
    }),
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
