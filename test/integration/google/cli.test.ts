import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { ana, at, bo, rooms, startGoogleHarness, type GoogleHarness } from './google-harness.js';

/** Runs `zoomlink <args>` in this process with the config in ZOOMLINK_CONFIG; captures output. */
async function zoomlink(args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('zoomlink google rooms / events against the emulator', () => {
  let google: GoogleHarness;
  const saved = process.env.ZOOMLINK_CONFIG;
  beforeAll(async () => {
    google = await startGoogleHarness();
    const dir = mkdtempSync(join(tmpdir(), 'zoomlink-google-cli-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        log: { level: 'error' },
        google: {
          serviceAccountKeyFile: google.keyFile,
          adminSubject: 'admin@example.com',
          calendarRootUrl: google.emulator.rootUrl,
          directoryRootUrl: google.emulator.rootUrl,
          tokenUrl: google.emulator.tokenUrl,
          customer: google.emulator.customer,
        },
        rooms: {
          source: 'directory',
          directoryQuery: '',
          hosts: { Boardroom: 'zoom-board@example.com', Focus: 'zoom-focus@example.com' },
        },
      }),
    );
    process.env.ZOOMLINK_CONFIG = file;
    await google.book(ana, rooms.board, { summary: 'Budget review', ...at(1, 10) });
    await google.book(bo, rooms.board, {
      summary: 'Weekly standup',
      ...at(1, 9, 15),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    });
    await google.book(ana, rooms.board, { summary: 'Far away', ...at(30, 10) });
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.ZOOMLINK_CONFIG;
    else process.env.ZOOMLINK_CONFIG = saved;
    await google.close();
  });

  it('`google rooms` lists the rooms with their Zoom hosts, and the skipped ones', async () => {
    const table = await zoomlink(['google', 'rooms']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /Boardroom.*c_188a2b7q3ns0kgqbhdkqf1v4c6e1k@resource\.calendar\.google\.com\s+zoom-board@example\.com/,
    );
    expect(table.stdout).toContain('zoom-focus@example.com');
    expect(table.stdout).toMatch(/Skipped 1 room.*\n.*Storage.*no Zoom host/);

    const json = await zoomlink(['google', 'rooms', '--json']);
    const listing = JSON.parse(json.stdout) as {
      rooms: { calendarId: string; zoomHost: string }[];
      skipped: unknown[];
    };
    expect(listing.rooms).toContainEqual(
      expect.objectContaining({ calendarId: rooms.board, zoomHost: 'zoom-board@example.com' }),
    );
    expect(listing.skipped).toHaveLength(1);
  });

  it('`google events <room>` lists the upcoming bookings, series expanded, in start order', async () => {
    const json = await zoomlink([
      'google',
      'events',
      'boardroom (12)',
      '--from',
      '2030-03-04',
      '--days',
      '14',
      '--json',
    ]);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const bookings = JSON.parse(json.stdout) as {
      summary: string;
      start: string;
      series: boolean;
      organizer: string;
    }[];
    expect(bookings.map((b) => b.summary)).toEqual([
      'Weekly standup',
      'Budget review',
      'Weekly standup',
    ]);
    expect(bookings[0]).toMatchObject({
      series: true,
      organizer: bo,
      start: expect.stringContaining('2030-03-05'),
    });

    const table = await zoomlink([
      'google',
      'events',
      rooms.board,
      '--from',
      '2030-03-04T00:00:00Z',
      '--days',
      '2',
    ]);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^START\s+END\s+ROOM\s+SERIES\s+ORGANIZER\s+SUMMARY$/,
    );
    expect(table.stdout).toMatch(
      /2030-03-05 10:00\+01:00.*accepted.*ana@example\.com\s+Budget review/,
    );
  });

  it('bad input exits 2 with a message that says what to do', async () => {
    const days = await zoomlink(['google', 'events', 'boardroom', '--days', '0']);
    expect(days.code).toBe(2);
    expect(days.stderr).toContain('--days: expected a whole number of days from 1 to 366');
    const unknown = await zoomlink(['google', 'events', 'Ballroom']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"Ballroom" is not a room zoomlink watches.*Boardroom/);
    const from = await zoomlink(['google', 'events', 'boardroom', '--from', 'tomorrow']);
    expect(from.code).toBe(2);
  });
});
