import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import type { ZoomMeetingSummary } from '../../domain/zoom-meeting.js';
import { configureLogger } from '../../log.js';
import { createInterface } from 'node:readline';
import { openStore, type Store } from '../../store/index.js';
import { createZoomClient, type ZoomClient } from '../../zoom/index.js';
import { InputError } from '../input-error.js';
import { runZoomLogin } from '../zoom-login.js';

/**
 * `zoomlink zoom …`: looks at Zoom with the configured credentials, for the everyday questions
 * "what does this room's host have coming up?" and "what is the invitation of this meeting?".
 */
export function register(program: Command): void {
  const zoom = program
    .command('zoom')
    .description("Look at Zoom with zoomlink's credentials: a host's meetings, an invitation.");

  zoom
    .command('meetings')
    .description("List a host's upcoming meetings that start in a time window.")
    .requiredOption('--host <user>', 'Zoom user (email or user id) whose meetings to list')
    .option('--from <date>', 'window start: YYYY-MM-DD (00:00 UTC) or an ISO instant; default now')
    .option(
      '--to <date>',
      'window end: YYYY-MM-DD (the whole day, UTC) or an ISO instant; default no end',
    )
    .option('--json', 'print the meetings as a JSON array')
    .action(async (options: { host: string; from?: string; to?: string; json?: boolean }) => {
      const host = options.host.trim();
      if (host === '') throw new InputError('--host: give a Zoom user email or user id.');
      const from = options.from ? parseWindowEdge('--from', options.from, 'start') : new Date();
      const to = options.to ? parseWindowEdge('--to', options.to, 'end') : undefined;
      if (to && to.getTime() <= from.getTime()) {
        throw new InputError(
          `--to: the window must end after it starts (${from.toISOString()}); got ${to.toISOString()}.`,
        );
      }
      await withZoomClient(async (client) => {
        const meetings = await client.listMeetings(host, { type: 'upcoming', from, to });
        process.stdout.write(
          options.json ? `${JSON.stringify(meetings, null, 2)}\n` : meetingTable(meetings),
        );
      });
    });

  zoom
    .command('login')
    .description(
      'zoom.auth "user": authorise zoomlink in a browser (OAuth with PKCE) and keep the refresh token in the database.',
    )
    .option(
      '--manual',
      'paste the code (or the redirect URL) instead of receiving it on zoom.redirectUri',
    )
    .option('--timeout <seconds>', 'how long to wait for the browser', '300')
    .action(async (options: { manual?: boolean; timeout: string }) => {
      const seconds = Number(options.timeout);
      if (!Number.isInteger(seconds) || seconds < 1)
        throw new InputError('--timeout: a whole number of seconds, at least 1.');
      const config = loadConfig();
      configureLogger({ level: config.log.level, format: config.log.format });
      const store = openStore({ path: config.database.path });
      try {
        await runZoomLogin(
          config,
          store,
          { manual: options.manual === true, timeoutMs: seconds * 1000, now: () => new Date() },
          { say: (line) => process.stdout.write(`${line}\n`), readLine: readStdinLine },
        );
      } finally {
        store.close();
      }
    });

  zoom
    .command('users')
    .description("List the Zoom account's active users (GET /users, every page).")
    .option('--json', 'print the users as a JSON array')
    .action(async (options: { json?: boolean }) => {
      await withZoomClient(async (client) => {
        const users = await client.listUsers();
        process.stdout.write(
          options.json
            ? `${JSON.stringify(users, null, 2)}\n`
            : users
                .map((u) => `${u.email}\t${u.id}\ttype ${u.type}\t${u.status ?? ''}`)
                .join('\n') + '\n',
        );
      });
    });

  zoom
    .command('invitation')
    .description('Print the invitation text of a meeting, as Zoom writes it.')
    .argument('<meetingId>', 'the Zoom meeting id (digits; spaces allowed as Zoom prints them)')
    .action(async (meetingIdText: string) => {
      const meetingId = parseMeetingId(meetingIdText);
      await withZoomClient(async (client) => {
        const text = await client.getInvitation(meetingId);
        process.stdout.write(`${text.replace(/\r\n/g, '\n').trimEnd()}\n`);
      });
    });
}

/** The configured client; a user-level login is read from (and rotated in) the database. */
async function withZoomClient(use: (client: ZoomClient) => Promise<void>): Promise<void> {
  const config = loadConfig();
  configureLogger({ level: config.log.level, format: config.log.format });
  let store: Store | undefined;
  try {
    if (config.zoom.auth === 'user') store = openStore({ path: config.database.path });
    await use(createZoomClient(config.zoom, store ? { login: store.zoomLogin } : {}));
  } finally {
    store?.close();
  }
}

/** One line from standard input (`zoom login --manual`). */
function readStdinLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  return new Promise((resolve) => {
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    rl.once('close', () => resolve(''));
  });
}

/**
 * A window edge from a flag: a calendar date means a whole UTC day (`--from` its start, `--to`
 * its end, so `--from 2024-05-30 --to 2024-05-30` is that day); anything else must be an ISO
 * instant with a zone (a bare local time would depend on the machine's zone).
 */
export function parseWindowEdge(flag: string, value: string, edge: 'start' | 'end'): Date {
  const text = value.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const start = new Date(Date.UTC(year, month - 1, date));
    if (start.getUTCMonth() !== month - 1 || start.getUTCDate() !== date) {
      throw new InputError(`${flag}: ${JSON.stringify(value)} is not a calendar date.`);
    }
    return edge === 'start' ? start : new Date(Date.UTC(year, month - 1, date + 1));
  }
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)
    ? new Date(text)
    : undefined;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new InputError(
      `${flag}: expected a date (2024-05-30) or an ISO instant with a zone (2024-05-30T09:00:00Z); got ${JSON.stringify(value)}.`,
    );
  }
  return instant;
}

/** A meeting id as Zoom prints it ("858 2760 3144") or stores it (85827603144). */
export function parseMeetingId(value: string): number {
  const digits = value.replace(/\s+/g, '');
  const id = Number(digits);
  if (!/^\d{9,12}$/.test(digits) || !Number.isSafeInteger(id) || id <= 0) {
    throw new InputError(
      `meetingId: expected a Zoom meeting id of 9 to 12 digits, e.g. 85827603144; got ${JSON.stringify(value)}.`,
    );
  }
  return id;
}

function meetingTable(meetings: ZoomMeetingSummary[]): string {
  if (meetings.length === 0) return 'No meetings start in that window.\n';
  const rows = meetings.map((m) => [
    m.start_time ? m.start_time.replace('T', ' ').replace(/:\d{2}Z$/, 'Z') : '(no fixed time)',
    m.duration === undefined ? '' : `${m.duration} min`,
    String(m.id),
    m.type === 8 ? 'recurring' : m.type === 3 ? 'no fixed time' : 'scheduled',
    m.topic,
  ]);
  const header = ['START (UTC)', 'DURATION', 'MEETING ID', 'TYPE', 'TOPIC'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
