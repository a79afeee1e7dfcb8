import type { Command } from 'commander';
import { ConfigError, loadConfig, resolveMode, type Config } from '../../config/index.js';
import { configLoadFailure, diagnoseConfig, diagnoseCredentials } from '../../config/diagnose.js';
import { daemonConfigProblems, diagnoseDaemon } from '../../daemon/diagnose.js';
import type { Check, CheckStatus } from '../../domain/check.js';
import { diagnoseGoogle } from '../../google/diagnose.js';
import { configureLogger } from '../../log.js';
import { diagnoseZoom } from '../../zoom/diagnose.js';
import { openCurrentStore } from '../../store/index.js';

/**
 * `zoomlink doctor`: checks, one by one, what `zoomlink run` needs — the configuration, the
 * database, Google (a token for reading rooms and for writing as an organizer, so the delegated
 * scopes; the Directory when rooms are discovered) and Zoom (a token, the scopes it carries, the
 * host users) — and prints each with `ok` or the exact fix. Each layer checks its own part; this
 * command runs them in order and prints them. Read-only: it creates no meeting, writes no event,
 * and does not migrate the database. Exit 0 when nothing failed.
 */
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
      const checks = await runChecks(options.organizer);
      process.stdout.write(options.json ? asJson(checks) : report(checks));
      process.exitCode = checks.some((c) => c.status === 'fail') ? 1 : 0;
    });
}

async function runChecks(organizer: string | undefined): Promise<Check[]> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [configLoadFailure(error)];
  }
  configureLogger({ ...config.log, level: 'error' });
  const checks = [
    ...diagnoseConfig(config, process.env, daemonConfigProblems(config)),
    ...diagnoseDaemon(config.database.path),
    ...diagnoseCredentials(config),
  ];
  if (resolveMode(config) === 'demo') return checks;
  const google = await diagnoseGoogle(config, {
    organizer: organizer ?? config.google.adminSubject,
  });
  const store = config.zoom.auth === 'user' ? openCurrentStore(config.database.path) : undefined;
  try {
    const zoom = await diagnoseZoom(config.zoom, google.rooms, {
      hostPool: config.rooms.hostPool,
      ...(store ? { login: store.zoomLogin } : {}),
    });
    return [...checks, ...google.checks, ...zoom];
  } finally {
    store?.close();
  }
}

/** One object a check, as `{ check, status, detail, fix? }`. */
function asJson(checks: Check[]): string {
  const rows = checks.map(({ name, ...rest }) => ({ check: name, ...rest }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function report(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.map((c) => {
    const mark = c.status === 'ok' ? ' ok ' : c.status === 'warn' ? 'warn' : 'FAIL';
    const fix = c.fix
      ? `\n${c.fix
          .split('\n')
          .map((line) => `       ${' '.repeat(width)}  fix: ${line}`)
          .join('\n')}`
      : '';
    return `${mark}  ${c.name.padEnd(width)}  ${c.detail}${fix}`;
  });
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return `${lines.join('\n')}\n\n${count('ok')} ok, ${count('warn')} warning(s), ${count('fail')} failed\n`;
}
