import type { Config } from './schema.js';

/** Credentials for both services are configured (a service account or user OAuth for Google). */
export function hasLiveCredentials(config: Config): boolean {
  const zoom = Boolean(
    (config.zoom.auth === 'user' || config.zoom.accountId) &&
    config.zoom.clientId &&
    config.zoom.clientSecret,
  );
  const google = Boolean(
    config.google.serviceAccountKeyFile ||
    (config.google.oauthClientId &&
      config.google.oauthClientSecret &&
      config.google.oauthRefreshToken),
  );
  return zoom && google;
}

/** `auto` means: the demo when nothing is configured at all, else live. */
export function resolveMode(config: Config): 'live' | 'demo' {
  if (config.mode !== 'auto') return config.mode;
  const anything =
    config.zoom.accountId ||
    config.zoom.clientId ||
    config.google.serviceAccountKeyFile ||
    config.google.oauthClientId;
  return anything ? 'live' : 'demo';
}
