import { Option, type Command } from 'commander';
import { errorCode, type PlanPreview } from '../../sync/index.js';
import { InputError } from '../input-error.js';
import { roomOption } from '../room-option.js';
import { table } from '../table.js';
import { withApp } from './sync.js';

/**
 * `zoomlink plan`: what a sync would do now, per booking, done by nothing — each room read whole
 * (no sync token used or stored), every booking planned against the database, no daemon lock, no
 * Google write, no Zoom call. An organizer not looked up in Zoom yet shows without an alternative
 * host (the lookup is the sync's). Exit 1 when a room could not be read.
 */
export function register(program: Command): void {
  roomOption(program.command('plan'), 'only this room calendar')
    .description('Show what a sync would do now, per booking, without doing any of it.')
    .option('--json', 'print {"bookings": [...], "counts": {...}} as one JSON object')
    .addOption(new Option('--clock-start <iso>').hideHelp())
    .action(async (options: { room: string[]; json?: boolean; clockStart?: string }) => {
      await withApp({ clockStart: options.clockStart, lock: false }, async (app) => {
        let preview: PlanPreview;
        try {
          preview = await app.rollout.preview(
            options.room.length > 0 ? { rooms: options.room } : {},
          );
        } catch (error) {
          if (errorCode(error) === 'SYNC_UNKNOWN_ROOM')
            throw new InputError(`--room: ${(error as Error).message}`);
          throw error;
        }
        for (const failed of preview.failedRooms)
          process.stderr.write(
            `Room ${failed.room} could not be read: ${failed.code}: ${failed.message}\n`,
          );
        if (preview.failedRooms.length > 0) process.exitCode = 1;
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ bookings: preview.bookings, counts: preview.counts })}\n`
            : describePlan(preview),
        );
      });
    });
}

export function describePlan(preview: PlanPreview): string {
  if (preview.bookings.length === 0) return 'No bookings in the rooms read.\n';
  const rows = preview.bookings.map((b) => [
    b.room,
    b.eventId,
    b.actions.join(', ') || 'nothing to do',
    b.strategy ?? '',
    b.host ?? '',
    b.reason ?? '',
  ]);
  const counts = Object.entries(preview.counts)
    .filter(([key, n]) => key !== 'bookings' && n > 0)
    .map(([key, n]) => [
      key === 'none' ? 'nothing to do' : key.replace(/^skip:/, 'skip: '),
      String(n),
    ]);
  return (
    table(['ROOM', 'BOOKING', 'ACTIONS', 'STRATEGY', 'HOST', 'REASON'], rows) +
    `\n${preview.counts.bookings} booking(s); a sync now would:\n` +
    table(['ACTION', 'BOOKINGS'], counts) +
    'Nothing was changed (zoomlink plan only reads).\n'
  );
}
