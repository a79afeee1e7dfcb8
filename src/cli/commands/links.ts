import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { openStore, type Link } from '../../store/index.js';
import { table } from '../table.js';

/** `zoomlink links`: the pairings of bookings and Zoom meetings the store holds, one per line. */
export function register(program: Command): void {
  program
    .command('links')
    .description('List the bookings and their Zoom meetings, one per line.')
    .option('--room <calendarId>', 'only the bookings of this room calendar')
    .option('--json', 'print the links as a JSON array')
    .action((options: { room?: string; json?: boolean }) => {
      const config = loadConfig();
      const store = openStore({ path: config.database.path });
      try {
        // A booking `zoomlink decommission` finished shows as `decommissioned`.
        const decommissioned = store.decommissions.doneIds();
        const links = (options.room ? store.links.listByRoom(options.room) : store.links.list())
          .map(publicLink)
          .map((l) => (decommissioned.has(l.eventId) ? { ...l, state: 'decommissioned' } : l));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(links)}\n`);
          return;
        }
        if (links.length === 0) {
          process.stdout.write(`No links${options.room ? ` for ${options.room}` : ''}.\n`);
          return;
        }
        process.stdout.write(
          table(
            ['EVENT ID', 'STATE', 'STRATEGY', 'MEETING', 'HOST', 'ROOMS', 'JOIN URL / WHY'],
            links.map((l) => [
              l.eventId,
              l.state,
              l.strategy,
              l.zoomMeetingId === null ? '' : String(l.zoomMeetingId),
              l.zoomHost ?? '',
              String(l.rooms.length),
              l.state === 'failed' ||
              l.state === 'ignored' ||
              (l.state === 'pending' && l.lastError)
                ? (l.lastError ?? l.reason ?? '')
                : (l.joinUrl ?? l.reason ?? ''),
            ]),
          ),
        );
      } finally {
        store.close();
      }
    });
}

/** A link as shown: everything but the passcode. */
function publicLink({ passcode: _passcode, ...link }: Link): Omit<Link, 'passcode'> {
  return link;
}
