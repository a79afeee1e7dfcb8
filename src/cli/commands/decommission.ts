import { Option, type Command } from 'commander';
import { errorCode, type DecommissionReport } from '../../sync/index.js';
import { InputError } from '../input-error.js';
import { roomOption } from '../room-option.js';
import { table } from '../table.js';
import { withApp } from './sync.js';

/**
 * `zoomlink decommission [--room <calendarId>]… [--yes]`: zoomlink's undo. Without `--yes` it
 * lists what it would do and changes nothing; with `--yes` it deletes the Zoom meetings zoomlink
 * made for bookings not over (those over are left as history), takes our block, location and
 * private property out of every copy it wrote (the rest of each event kept as it is), and marks
 * the bookings decommissioned — journaled, so a run that was stopped half-way finishes when run
 * again. It refuses while a daemon holds the database (the daemon would link everything again).
 * Exit 1 when a booking could not be decommissioned (run it again).
 */
export function register(program: Command): void {
  roomOption(program.command('decommission'), 'only the bookings of this room calendar')
    .description(
      'Undo zoomlink: delete the meetings it made for bookings not over and take its links out of the events (--yes to do it).',
    )
    .option('--yes', 'do it (without: only list what would be done)')
    .option('--json', 'print the report as one JSON object')
    .addOption(new Option('--clock-start <iso>').hideHelp())
    .action(
      async (options: { room: string[]; yes?: boolean; json?: boolean; clockStart?: string }) => {
        await withApp({ clockStart: options.clockStart, lock: true }, async (app) => {
          const stop = new AbortController();
          const onSignal = () => stop.abort();
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
          try {
            const report = await app.rollout
              .decommission({
                ...(options.room.length > 0 ? { rooms: options.room } : {}),
                apply: options.yes === true,
                signal: stop.signal,
              })
              .catch((error: unknown) => {
                if (errorCode(error) === 'SYNC_UNKNOWN_ROOM')
                  throw new InputError(`--room: ${(error as Error).message}`);
                throw error;
              });
            process.stdout.write(
              options.json
                ? `${JSON.stringify(report)}\n`
                : describeDecommission(report, options.yes === true),
            );
            if (report.failed > 0) process.exitCode = 1;
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
          }
        });
      },
    );
}

export function describeDecommission(report: DecommissionReport, applied: boolean): string {
  if (report.bookings.length === 0) return 'No bookings linked by zoomlink: nothing to undo.\n';
  const rows = report.bookings.map((b) => [
    b.eventId,
    b.rooms.join(' '),
    b.over ? 'over: left as history' : b.meetings.join(' ') || '-',
    String(b.copies),
    b.status === 'failed' ? `failed: ${b.error ?? ''}` : b.status,
  ]);
  const out = table(['BOOKING', 'ROOMS', 'MEETINGS TO DELETE', 'COPIES', 'STATUS'], rows);
  if (!applied)
    return (
      `${out}\nNothing was changed. To do this, stop the daemon (pm2 stop zoomlink) and run ` +
      '`zoomlink decommission --yes`.\n'
    );
  return (
    `${out}\nDeleted ${report.meetingsDeleted} meeting(s); took zoomlink's block out of ` +
    `${report.linksRemoved} event cop${report.linksRemoved === 1 ? 'y' : 'ies'}` +
    (report.failed > 0
      ? `; ${report.failed} booking(s) failed: run \`zoomlink decommission --yes\` again.\n`
      : '. Done: do not start the daemon again on this database unless you mean to link everything again.\n')
  );
}
