import type { Config } from '../config/index.js';
import type { Check } from '../domain/check.js';
import { describeError } from '../errors.js';
import { diagnoseDatabase } from '../store/index.js';
import { assertServerProtected } from './http-server.js';
import { inspectDaemonLock } from './lock.js';

/**
 * The daemon's side of `zoomlink doctor`: the database it will open (the store's checks), and
 * whether a daemon already runs on it (its lock).
 */
export function diagnoseDaemon(databasePath: string): Check[] {
  const database = diagnoseDatabase(databasePath);
  const holder = database.sqliteFile ? inspectDaemonLock(database.sqliteFile) : undefined;
  if (!holder) return database.checks;
  return [
    ...database.checks,
    {
      name: 'daemon',
      status: 'ok',
      detail: `a daemon is running on this database: process ${holder.pid} on ${holder.host} since ${holder.startedAt}`,
    },
  ];
}

/** What would stop the daemon with this configuration although it loaded: an open status page. */
export function daemonConfigProblems(config: Config): string[] {
  if (!config.server.enabled) return [];
  try {
    assertServerProtected(config.server.host, config.server.token);
    return [];
  } catch (error) {
    return [describeError(error)];
  }
}
