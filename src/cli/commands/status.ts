import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import { table } from '../table.js';

/**
 * `zoomlink status`: what the store says, without calling Google or Zoom — each room's last poll
 * and error, links by state and strategy, bookings waiting to be tried again, parked Zoom hosts.
 */
export function register(program: Command): void {
  program
    .command('status')
    .description("Show the rooms' last polls and errors, links by state, failures, parked hosts.")
    .option('--json', 'print the status as one JSON object')
    .action((options: { json?: boolean }) => {
      const config = loadConfig();
      const store = openStore({ path: config.database.path });
      try {
        const status = readStatus(store);
        process.stdout.write(options.json ? `${JSON.stringify(status)}\n` : describeStatus(status));
      } finally {
        store.close();
      }
    });
}

export type Status = ReturnType<typeof readStatus>;

export function readStatus(store: Store) {
  const stats = store.stats();
  const now = new Date();
  return {
    database: {
      path: store.path,
      schemaVersion: stats.schemaVersion,
      bytes: stats.databaseBytes + stats.walBytes,
    },
    rooms: store.rooms.list().map((r) => ({
      calendarId: r.calendarId,
      name: r.name,
      zoomHost: r.zoomHost,
      lastPollAt: r.lastPollAt,
      lastSuccessAt: r.lastSuccessAt,
      synced: r.syncToken !== null,
      lastError: r.lastError,
      lastErrorAt: r.lastErrorAt,
    })),
    links: { total: stats.links, byState: stats.linksByState, byStrategy: stats.linksByStrategy },
    failing: store.links.listByState('failed').map((l) => ({
      eventId: l.eventId,
      attempts: l.attempts,
      nextAttemptAt: l.nextAttemptAt,
      lastError: l.lastError,
    })),
    parkedHosts: store.hosts.parked(now).map((h) => ({ host: h.host, until: h.parkedUntil })),
    openIntents: stats.openIntents,
  };
}

const counts = (byKey: Record<string, number>) =>
  Object.entries(byKey)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

function describeStatus(status: Status): string {
  const out: string[] = [
    `Database ${status.database.path} (schema ${status.database.schemaVersion}, ${(status.database.bytes / 1024).toFixed(0)} KiB)`,
    '',
  ];
  if (status.rooms.length === 0) out.push('No rooms polled yet (run zoomlink sync --once).');
  else
    out.push(
      table(
        ['ROOM', 'LAST POLL', 'LAST SUCCESS', 'ERROR'],
        status.rooms.map((r) => [
          r.name || r.calendarId,
          r.lastPollAt ?? 'never',
          r.lastSuccessAt ?? 'never',
          r.lastError ?? '',
        ]),
      ).trimEnd(),
    );
  out.push(
    '',
    `Links: ${status.links.total} (${counts(status.links.byState)})`,
    `  by strategy: ${counts(status.links.byStrategy)}`,
  );
  if (status.failing.length > 0) {
    out.push('', 'Failing bookings (tried again at the time shown):');
    for (const f of status.failing)
      out.push(`  ${f.eventId}  attempt ${f.attempts}, next ${f.nextAttemptAt}: ${f.lastError}`);
  }
  out.push(
    '',
    status.parkedHosts.length === 0
      ? 'Parked Zoom hosts: none'
      : `Parked Zoom hosts (daily quota spent): ${status.parkedHosts.map((h) => `${h.host} until ${h.until}`).join(', ')}`,
    `Unfinished creates (open intents): ${status.openIntents}`,
  );
  return `${out.join('\n')}\n`;
}
