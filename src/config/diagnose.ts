import { existsSync } from 'node:fs';
import type { Check } from '../domain/check.js';
import type { ConfigError } from './config-error.js';
import { hasLiveCredentials, resolveMode } from './mode.js';
import type { Config } from './schema.js';
import { describeExposedFile, filesHoldingSecrets, filesReadableByOthers } from './secret-files.js';

/**
 * The configuration's own checks for `zoomlink doctor`: it loaded (every field valid, cron
 * expressions included, by the schema), it is usable, its secret files are readable by their
 * owner only, and the credentials it holds are complete.
 */

/** The configuration did not load: every problem, one a line. */
export function configLoadFailure(error: ConfigError): Check {
  return {
    name: 'config',
    status: 'fail',
    detail: `${error.problems.length} problem(s) in the configuration`,
    fix: error.problems.join('\n'),
  };
}

/**
 * The loaded configuration, with `problems` that the layers using it found (the daemon's server
 * protection), and the permissions of the config file and the files holding secrets.
 */
export function diagnoseConfig(
  config: Config,
  env: NodeJS.ProcessEnv,
  problems: readonly string[],
): Check[] {
  return [usable(config, problems), ...filePermissions(config, env)];
}

function usable(config: Config, problems: readonly string[]): Check {
  if (problems.length > 0)
    return {
      name: 'config',
      status: 'fail',
      detail: 'loaded, but not usable',
      fix: problems.join('\n'),
    };
  const rooms =
    config.rooms.source === 'config'
      ? `${config.rooms.list.length} room(s) in rooms.list`
      : 'rooms from the Directory';
  return { name: 'config', status: 'ok', detail: `valid; mode ${resolveMode(config)}; ${rooms}` };
}

/** The config file and the files holding secrets: readable by their owner only. */
function filePermissions(config: Config, env: NodeJS.ProcessEnv): Check[] {
  const exposed = filesReadableByOthers(config, env);
  if (exposed.length > 0)
    return exposed.map((file) => ({
      name: 'file permissions',
      status: 'warn',
      detail: describeExposedFile(file),
      fix: `chmod 600 ${file.path}`,
    }));
  const files = filesHoldingSecrets(config, env).filter((file) => existsSync(file.path));
  if (files.length === 0) return [];
  return [
    {
      name: 'file permissions',
      status: 'ok',
      detail: `readable by their owner only: ${files.map((f) => f.field).join(', ')}`,
    },
  ];
}

/** Demo mode (nothing configured) is a warning; live mode with half the credentials a failure. */
export function diagnoseCredentials(config: Config): Check[] {
  if (resolveMode(config) === 'demo')
    return [
      {
        name: 'mode',
        status: 'warn',
        detail:
          'no credentials are configured: `zoomlink run` (and `npm start`) runs the demo against built-in emulators',
        fix: 'For real accounts set the Zoom app (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET) and Google (GOOGLE_SERVICE_ACCOUNT_KEY_FILE, GOOGLE_ADMIN_SUBJECT); see "Google Workspace setup" and "Zoom setup" in README.md.',
      },
    ];
  if (hasLiveCredentials(config)) return [];
  return [
    {
      name: 'credentials',
      status: 'fail',
      detail: 'live mode, but the Zoom or Google credentials are incomplete',
      fix: missingCredentials(config).join('\n'),
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
