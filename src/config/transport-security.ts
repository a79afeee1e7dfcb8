import { isLoopbackHost } from './loopback.js';
import type { Config } from './schema.js';

/**
 * Live mode sends credentials to these URLs: over plain http anyone on the path reads them. Plain
 * http stays allowed to this machine (the emulators, a local TLS-terminating proxy).
 */
const credentialUrls = [
  ['zoom.apiUrl', (c: Config) => c.zoom.apiUrl, "Zoom's access token"],
  ['zoom.oauthUrl', (c: Config) => c.zoom.oauthUrl, 'the Zoom client ID and secret'],
  [
    'zoom.redirectUri',
    (c: Config) => c.zoom.redirectUri,
    'the authorization code of `zoomlink zoom login`',
  ],
  [
    'google.tokenUrl',
    (c: Config) => c.google.tokenUrl,
    "the service account's signed assertion or the OAuth client secret and refresh token",
  ],
  ['google.calendarRootUrl', (c: Config) => c.google.calendarRootUrl, "Google's access tokens"],
  ['google.directoryRootUrl', (c: Config) => c.google.directoryRootUrl, "Google's access tokens"],
] as const;

/** One problem per URL that would carry a credential in clear text beyond this machine. */
export function plainHttpProblems(
  config: Config,
  sourceOf: (key: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  for (const [field, read, what] of credentialUrls) {
    const url = new URL(read(config));
    if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) continue;
    const from = sourceOf(field);
    problems.push(
      `${field}: ${JSON.stringify(read(config))}${from ? ` (from ${from})` : ''} is plain http, which would send ${what} in clear text. In live mode use https (plain http is accepted only to localhost, 127.0.0.1 or [::1]).`,
    );
  }
  return problems;
}
