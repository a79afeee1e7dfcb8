import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config/config-error.js';
import type { GoogleConfig } from '../config/schema.js';
import type { AuthDescription } from './classify-failure.js';

/**
 * Which credentials zoomlink uses for Google: a service account key with domain-wide delegation
 * (acting as `adminSubject` or as an organizer), or user OAuth (one user's refresh token, for
 * small installations without a service account). Checked when first needed, so commands that
 * make no Google call do not need them.
 */
export type GoogleCredentials =
  | {
      kind: 'serviceAccount';
      clientEmail: string;
      clientId: string;
      privateKey: string;
      adminSubject: string;
    }
  | { kind: 'userOAuth'; clientId: string; clientSecret: string; refreshToken: string };

/** The key file fields `JWT.fromJSON` reads (google-auth-library); `token_uri` is ignored there. */
const serviceAccountKey = z.object({
  type: z.string().optional(),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  client_id: z.string().optional(),
});

export function resolveCredentials(config: GoogleConfig): GoogleCredentials {
  if (config.serviceAccountKeyFile) {
    const key = readKeyFile(config.serviceAccountKeyFile);
    if (!config.adminSubject) {
      throw new ConfigError([
        'google.adminSubject: a service account reads room calendars and the Directory by acting as a Workspace user; set it to an admin (GOOGLE_ADMIN_SUBJECT).',
      ]);
    }
    return {
      kind: 'serviceAccount',
      clientEmail: key.client_email,
      clientId: key.client_id ?? '(the "client_id" of the key file)',
      privateKey: key.private_key,
      adminSubject: config.adminSubject,
    };
  }
  const { oauthClientId, oauthClientSecret, oauthRefreshToken } = config;
  if (oauthClientId && oauthClientSecret && oauthRefreshToken) {
    return {
      kind: 'userOAuth',
      clientId: oauthClientId,
      clientSecret: oauthClientSecret,
      refreshToken: oauthRefreshToken,
    };
  }
  const missing = [
    !oauthClientId && 'google.oauthClientId',
    !oauthClientSecret && 'google.oauthClientSecret',
    !oauthRefreshToken && 'google.oauthRefreshToken',
  ].filter(Boolean);
  throw new ConfigError([
    `google: no Google credentials. Set google.serviceAccountKeyFile (GOOGLE_SERVICE_ACCOUNT_KEY_FILE) and google.adminSubject, or user OAuth (missing: ${missing.join(', ')}).`,
  ]);
}

function readKeyFile(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `google.serviceAccountKeyFile: cannot read ${path}: ${(error as Error).message}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError([
      `google.serviceAccountKeyFile: ${path} is not JSON; download the key again (IAM → Service accounts → Keys → Add key → JSON).`,
    ]);
  }
  const parsed = serviceAccountKey.safeParse(json);
  if (
    !parsed.success ||
    (parsed.data.type !== undefined && parsed.data.type !== 'service_account')
  ) {
    throw new ConfigError([
      `google.serviceAccountKeyFile: ${path} is not a service account key (needs "type": "service_account", "client_email" and "private_key").`,
    ]);
  }
  return parsed.data;
}

/** How these credentials authenticate, for messages that name what an administrator must fix. */
export function describeAuth(credentials: GoogleCredentials): AuthDescription {
  return credentials.kind === 'serviceAccount'
    ? {
        kind: 'serviceAccount',
        clientEmail: credentials.clientEmail,
        clientId: credentials.clientId,
      }
    : { kind: 'userOAuth' };
}
