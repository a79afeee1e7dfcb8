import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { openStore } from '../../store/index.js';
import { poolReport, type PoolReport } from '../../sync/index.js';
import { InputError } from '../input-error.js';
import { table } from '../table.js';

/**
 * `zoomlink pool [--days 30] [--json]`: the shared host pool (`rooms.hostPool`) from the store —
 * per host its bookings and booked hours per day, the most it holds at once; the bookings waiting
 * for a free host; the most bookings at one instant over the period and the fewest hosts that
 * takes. Read-only; runs beside the daemon.
 */
export function register(program: Command): void {
  program
    .command('pool')
    .description(
      "Show the shared Zoom host pool: each host's bookings and load per day, the peak, the hosts it needs.",
    )
    .option('--days <n>', 'how many days ahead, from today (UTC)', '30')
    .option('--json', 'print the report as JSON')
    .action((options: { days: string; json?: boolean }) => {
      const days = Number(options.days);
      if (!Number.isInteger(days) || days < 1 || days > 366)
        throw new InputError('--days: a whole number of days from 1 to 366.');
      const config = loadConfig();
      if (config.rooms.hostPool.length === 0)
        throw new InputError(
          'rooms.hostPool is empty: no room shares Zoom hosts (see README "Sharing Zoom accounts among rooms").',
        );
      const store = openStore({ path: config.database.path });
      try {
        const report = poolReport(store, config, new Date(), days);
        process.stdout.write(
          options.json ? `${JSON.stringify(report, null, 2)}\n` : render(report),
        );
      } finally {
        store.close();
      }
    });
}

const hours = (minutes: number) => (minutes === 0 ? '·' : (minutes / 60).toFixed(1));
const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function render(report: PoolReport): string {
  const out: string[] = [];
  out.push(
    `Pool of ${report.hosts.length} host(s), ${report.days[0]} to ${report.days.at(-1)} (UTC); ` +
      `${report.capacity} meeting(s) at once per host, ${report.bufferMinutes} min buffer.\n\n`,
  );
  out.push('Booked hours per day\n');
  out.push(
    table(
      ['HOST', ...report.days.map((d) => d.slice(5)), 'PEAK'],
      report.hosts.map((h) => [
        h.host + (h.parkedUntil ? ` (parked until ${h.parkedUntil})` : ''),
        ...report.days.map((d) => hours(h.minutesByDay[d] ?? 0)),
        String(h.peak),
      ]),
    ),
  );
  for (const host of report.hosts) {
    out.push(`\n${host.host}: ${host.bookings.length} booking(s)\n`);
    for (const b of host.bookings)
      out.push(
        `  ${b.title || b.eventId}  ${b.intervals.length} occurrence(s), first ${when(b.intervals[0]!.start)} UTC  (${b.eventId})\n`,
      );
  }
  if (report.waiting.length > 0) {
    out.push(`\nWaiting for a free host (HOST_POOL_EXHAUSTED): ${report.waiting.length}\n`);
    for (const b of report.waiting)
      out.push(
        `  ${b.title || b.eventId}  first ${when(b.intervals[0]!.start)} UTC  (${b.eventId})\n`,
      );
  }
  out.push(
    `\nPeak: ${report.peak} booking(s) at once; the pool needs at least ${report.hostsNeeded} host(s) ` +
      `(it has ${report.hosts.length}).\n`,
  );
  return out.join('');
}
