import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { acquireDaemonLock } from '../../daemon/lock.js';
import { configureLogger } from '../../log.js';
import {
  errorCode,
  totalSkipped,
  type PassSummary,
  type PollOptions,
  type RoomPollResult,
} from '../../sync/index.js';
import { clockFrom, createApp, type App } from '../app.js';
import { InputError } from '../input-error.js';
import { roomOption } from '../room-option.js';

/**
 * `zoomlink sync --once`: one pass over the room calendars (or the rooms named), the same pass
 * the daemon makes on its schedule — what an earlier run left queued first — and returns when
 * the work its polls queued is done (applied, failed or deferred), then a summary. Exits 1 when a
 * room could not be polled. Ctrl-C stops reading and lets the bookings in flight finish; the rest
 * stays queued for the next run.
 */
export function register(program: Command): void {
  roomOption(program.command('sync'), 'only this room calendar')
    .description(
      'Poll the room calendars once: make, change and delete Zoom meetings, write links.',
    )
    .option(
      '--once',
      'one pass over the rooms, then exit (the daemon, `zoomlink run`, keeps polling)',
    )
    .option('--json', 'print the summary as one JSON object')
    // For rehearsals against the emulators, whose clocks can be set (as `zoomlink run` has it).
    .addOption(new Option('--clock-start <iso>').hideHelp())
    .action(
      async (options: { once?: boolean; room: string[]; json?: boolean; clockStart?: string }) => {
        if (!options.once)
          throw new InputError(
            'sync: add --once for one pass over the rooms; to keep polling, run the daemon (zoomlink run).',
          );
        await withApp({ clockStart: options.clockStart, lock: true }, async (app) => {
          const stop = new AbortController();
          const onSignal = () => stop.abort();
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
          const progress = !options.json && process.stderr.isTTY ? progressBar(app) : undefined;
          try {
            const summary = await pollOrExplain(app, {
              ...(options.room.length > 0 ? { rooms: options.room } : {}),
              signal: stop.signal,
              ...(progress ? { onRoomDone: progress.update } : {}),
            });
            progress?.done();
            process.stdout.write(
              options.json ? `${JSON.stringify(summary)}\n` : describeSummary(summary),
            );
            if (summary.roomsFailed > 0) process.exitCode = 1;
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
          }
        });
      },
    );
}

/**
 * Runs `work` with the app built from the configuration (on a clock started at `clockStart` when
 * given), holding the daemon's lock when `lock` (two processes syncing one database would race
 * for the same creates); closes both afterwards.
 */
export async function withApp<T>(
  options: { clockStart?: string | undefined; lock: boolean },
  work: (app: App) => Promise<T>,
): Promise<T> {
  const now =
    options.clockStart === undefined ? undefined : clockFrom(parseClockStart(options.clockStart));
  const config = loadConfig();
  configureLogger({ level: config.log.level, format: config.log.format });
  const lock = options.lock ? acquireDaemonLock(config.database.path) : undefined;
  try {
    const app = createApp(config, now ? { now } : {});
    try {
      return await work(app);
    } finally {
      app.close();
    }
  } finally {
    lock?.release();
  }
}

/** `--room` naming a room zoomlink does not watch is a mistake in the command line (exit 2). */
async function pollOrExplain(app: App, options: PollOptions): Promise<PassSummary> {
  try {
    return await app.engine.poll(options);
  } catch (error) {
    if (errorCode(error) === 'SYNC_UNKNOWN_ROOM')
      throw new InputError(`--room: ${(error as Error).message}`);
    throw error;
  }
}

export function parseClockStart(value: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value);
  const at = new Date(value);
  if (!ok || Number.isNaN(at.getTime()))
    throw new InputError(
      `--clock-start: expected an ISO instant with a zone, e.g. 2030-03-04T08:00:00Z; got ${JSON.stringify(value)}.`,
    );
  return at;
}

/** Rooms read, and the bookings still queued or in flight (redrawn twice a second). */
function progressBar(app: App) {
  const width = 24;
  let rooms = { done: 0, total: 0, failed: false };
  const draw = () => {
    const filled = Math.round((rooms.done / Math.max(1, rooms.total)) * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    const queue = app.engine.queueStatus();
    process.stderr.write(
      `\r\x1b[2Ksyncing [${bar}] ${rooms.done}/${rooms.total} rooms read${rooms.failed ? ' (a room failed)' : ''}, ` +
        `${queue.queued} bookings queued, ${queue.inFlight} in work`,
    );
  };
  const timer = setInterval(draw, 500).unref();
  return {
    update(result: RoomPollResult, done: number, total: number) {
      rooms = { done, total, failed: rooms.failed || !result.ok };
      draw();
    },
    done() {
      clearInterval(timer);
      process.stderr.write('\r\x1b[2K');
    },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The summary for people: what the pass did, what it left, and each room that failed. */
export function describeSummary(summary: PassSummary): string {
  const skipped = Object.entries(summary.skipped)
    .map(([reason, n]) => `${reason.replace(/_/g, '-')} ${n}`)
    .join(', ');
  const lines = [
    `Synced ${plural(summary.rooms, 'room')} (${summary.roomsFailed} failed), ` +
      `${plural(summary.eventsSeen, 'event')} seen, in ${(summary.durationMs / 1000).toFixed(1)} s`,
    `  meetings  created ${summary.meetingsCreated}, updated ${summary.meetingsUpdated}, ` +
      `deleted ${summary.meetingsDeleted}; occurrences changed ${summary.occurrencesChanged}`,
    `  links     written ${summary.linksWritten}, removed ${summary.linksRemoved}`,
    `  skipped   ${totalSkipped(summary)}${skipped ? ` (${skipped})` : ''}`,
    `  failed    ${summary.failed} (tried again later); waiting ${summary.deferred} (a parked Zoom host, or an occurrence in progress)`,
  ];
  if (summary.observed > 0)
    lines.push(
      `  observed  ${summary.observed} (rooms in observe mode: planned, nothing done; see \`zoomlink plan\` or the status page)`,
    );
  for (const room of summary.results.filter((r) => !r.ok))
    lines.push(`Room ${room.calendarId} failed: ${room.error?.code}: ${room.error?.message}`);
  return `${lines.join('\n')}\n`;
}
