import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallLog } from '../../src/emulators/kit/index.js';
import { openStore } from '../../src/store/index.js';
import { expectConsistent } from '../integration/sync/consistency.js';
import { childCommand, type ChildCommand } from './sync-child-bundle.js';
import { startSyncCli, type SyncCli } from './sync-cli.js';
import { NOW } from '../support/time.js';

const MIN_KILLS = 50;

interface Child {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  exit: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

/**
 * Crash safety (issue 5): `zoomlink sync --once` as a child process, killed with SIGKILL after
 * its N-th remote call (counted by the emulators, which run in this process; the kill is sent
 * while the emulator still holds the answer, so the call has happened and the child never hears
 * of it — or a few milliseconds later, after it has), then started again, over and over until a
 * pass completes. One scripted run in three phases, at least 50 kill points in all, one pair of
 * emulators. After each phase: no duplicate meeting in Zoom, no booking without its link, no link
 * without its booking.
 */
describe('sync survives SIGKILL at any point', () => {
  let cli: SyncCli;
  let command: ChildCommand;
  // Children loaded ahead (loading costs more than most runs take before they are killed).
  const warm: Child[] = [];
  const POOL = 3;
  let budget: { left: number; hit: () => void } | undefined;
  const killPoints: string[] = [];

  beforeAll(async () => {
    cli = await startSyncCli({ now: NOW, config: { sync: { roomParallelism: 2 } } });
    command = await childCommand();
    for (const server of [cli.emulators.google.server, cli.emulators.zoom.server]) {
      const calls: CallLog = server.calls;
      const record = calls.record.bind(calls);
      calls.record = (entry) => {
        record(entry);
        if (budget && (budget.left -= 1) === 0) budget.hit();
      };
    }
  });
  afterAll(async () => {
    for (const child of warm) child.process.kill('SIGKILL');
    command?.cleanup();
    await cli?.close();
  });

  function spawnChild(): Child {
    const child = spawn(process.execPath, command.args, { env: cli.env });
    let stdout = '';
    let stderr = '';
    const lines = createInterface({ input: child.stdout });
    const ready = new Promise<void>((resolve, reject) => {
      lines.once('line', (line) => (line === 'ready' ? resolve() : reject(new Error(line))));
      child.once('exit', () => reject(new Error(`child exited before it was ready: ${stderr}`)));
    });
    ready.catch(() => undefined);
    lines.on('line', (line) => {
      if (line !== 'ready') stdout += `${line}\n`;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
    }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { process: child, ready, exit };
  }

  /** A deterministic spread of kill points (mulberry32): after 1 to 14 of the child's calls. */
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  /**
   * Runs the sync, each process killed after a few of its calls, until one completes its pass
   * before its kill point; returns the kills made. With `kill: false`, one pass that is not killed.
   */
  async function runUntilComplete(phase: string, kill = true): Promise<number> {
    let kills = 0;
    const started = Date.now();
    for (let attempt = 0; attempt < 200; attempt += 1) {
      while (warm.length < POOL + 1) warm.push(spawnChild());
      const child = warm.shift()!;
      await child.ready;
      const after = 1 + Math.floor(random() * 14);
      // Now: while the emulator holds the answer (the call happened, the child never hears of
      // it). Late: a few milliseconds after, when the child has read it and acted on it.
      const late = random() < 0.4;
      if (kill) {
        budget = {
          left: after,
          hit: () => {
            budget = undefined;
            const killNow = () => child.process.kill('SIGKILL');
            if (late) setTimeout(killNow, 1 + Math.floor(random() * 8));
            else killNow();
          },
        };
      }
      // Time moves on between runs, beyond zoom.requestTimeoutMs (5 s here): a create the last
      // process left unfinished can no longer be on its way, so this one settles its intent.
      cli.emulators.clock.advance(7_000);
      child.process.stdin.end(`go ${cli.emulators.clock.now().toISOString()}\n`);
      const result = await child.exit;
      budget = undefined;
      if (process.env.SYNC_CRASH_TRACE)
        console.log(phase, attempt, after, late, result.signal, result.code, Date.now() - started);
      if (result.signal === 'SIGKILL') {
        kills += 1;
        killPoints.push(`${phase}:${after}${late ? '+' : ''}`);
        continue;
      }
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return kills;
    }
    throw new Error(`${phase}: no pass completed`);
  }

  async function bookAs(as: string, rooms: string[], event: Record<string, unknown>) {
    return (await cli.emulators.google.insertEventAs(as, as, {
      ...event,
      attendees: rooms.map((email) => ({ email, resource: true })),
    })) as { id: string };
  }

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${cli.emulators.google.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  const at = (day: number, hour: number, minutes = 60) => {
    const date = `2030-03-${String(4 + day).padStart(2, '0')}`;
    const pad = (n: number) => String(n).padStart(2, '0');
    const start = `${date}T${pad(hour)}:00:00+01:00`;
    const endMs = Date.parse(start) + minutes * 60_000;
    const end = `${new Date(endMs + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    return {
      start: { dateTime: start, timeZone: 'Europe/Berlin' },
      end: { dateTime: end, timeZone: 'Europe/Berlin' },
    };
  };

  /** The invariants, read from both emulators and the database. */
  async function expectConsistentNow(): Promise<void> {
    const store = openStore({ path: cli.database });
    try {
      await expectConsistent({
        zoomControlUrl: cli.emulators.zoom.controlUrl,
        googleControlUrl: cli.emulators.google.controlUrl,
        rooms: cli.emulators.info.rooms.map((r) => r.calendarId),
        store,
      });
    } finally {
      store.close();
    }
  }

  it(`leaves no duplicate, no unlinked booking and no stale link, over ${MIN_KILLS}+ kill points`, async () => {
    const [board, huddle, training] = cli.emulators.info.rooms.map((r) => r.calendarId) as [
      string,
      string,
      string,
    ];
    const [alice, bob, carol] = cli.emulators.info.people as [string, string, string];
    const dana = 'dana.okafor@partner.example.net';

    // Phase A: new bookings of every kind.
    const a1 = await bookAs(alice, [board], { summary: 'A1 single', ...at(1, 10) });
    const a2 = await bookAs(bob, [huddle], {
      summary: 'A2 weekly',
      ...at(1, 9),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/Berlin:20300319T090000'],
    });
    const a3 = await bookAs(carol, [board, training], { summary: 'A3 two rooms', ...at(2, 15) });
    const a4 = await bookAs(alice, [training], {
      summary: 'A4 weekly with exceptions',
      ...at(1, 11),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    });
    await control('PATCH', `/events/${alice}/${a4.id}_20300312T100000Z`, {
      as: alice,
      event: at(8, 12),
    });
    await control('DELETE', `/events/${alice}/${a4.id}_20300319T100000Z?as=${alice}`);
    await bookAs(dana, [huddle], { summary: 'A5 outside organizer', ...at(3, 10) });
    const a6 = await bookAs(bob, [training], { summary: 'A6 single', ...at(4, 13) });
    const a7 = await bookAs(alice, [board], {
      summary: 'A7 daily',
      ...at(5, 8),
      recurrence: ['RRULE:FREQ=DAILY;COUNT=5'],
    });
    const a8 = await bookAs(carol, [huddle], { summary: 'A8 single', ...at(6, 16) });
    let kills = await runUntilComplete('A');
    await runUntilComplete('A-settle', false);
    await expectConsistentNow();

    // Phase B: changes of every kind.
    await control('PATCH', `/events/${alice}/${a1.id}`, {
      as: alice,
      event: { summary: 'A1 renamed' },
    });
    await control('DELETE', `/events/${bob}/${a2.id}_20300326T080000Z?as=${bob}`);
    await control('DELETE', `/events/${carol}/${a3.id}?as=${carol}`);
    await bookAs(alice, [board], { summary: 'B4 single', ...at(7, 10) });
    await bookAs(carol, [huddle], {
      summary: 'B5 weekly',
      ...at(8, 14),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    });
    await control('PATCH', `/events/${bob}/${a6.id}`, { as: bob, event: { attendees: [] } });
    await control('PATCH', `/events/${alice}/${a7.id}`, { as: alice, event: at(5, 9) });
    kills += await runUntilComplete('B');
    await runUntilComplete('B-settle', false);
    await expectConsistentNow();

    // Phase C: more of both, until enough kill points were tried.
    await control('DELETE', `/events/${carol}/${a8.id}?as=${carol}`);
    for (let i = 0; i < 4; i += 1)
      await bookAs([alice, bob, carol][i % 3]!, [[board, huddle, training][i % 3]!], {
        summary: `C${i} single`,
        ...at(10 + i, 9 + i),
      });
    await control('PATCH', `/events/${alice}/${a4.id}`, {
      as: alice,
      event: { summary: 'A4 renamed' },
    });
    kills += await runUntilComplete('C');
    await runUntilComplete('C-settle', false);
    await expectConsistentNow();

    // Phase D: new bookings, three at a time, until enough kill points were tried.
    for (let round = 0; kills < MIN_KILLS; round += 1) {
      for (let i = 0; i < 3; i += 1)
        await bookAs([alice, bob, carol][i]!, [[board, huddle, training][i]!], {
          summary: `D${round}.${i}`,
          ...at(14 + round, 8 + i),
        });
      kills += await runUntilComplete(`D${round}`);
    }
    await runUntilComplete('D-settle', false);
    await expectConsistentNow();

    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    // Points of the run: the phase, the call the child was killed at, and when (+ = after it).
    expect(new Set(killPoints).size).toBeGreaterThanOrEqual(25);
  }, 300_000);
});
