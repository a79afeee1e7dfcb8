import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/index.js';
import { useTempStores } from './temp-store.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const streamScript = fileURLToPath(new URL('./fixtures/transaction-stream.ts', import.meta.url));
/** Audit rows each unit writes first: they make a unit long enough for a kill to land inside. */
const auditRowsPerUnit = 8;

/**
 * Runs the transaction stream in a child process and kills it with SIGKILL once it has reported
 * `commitsBeforeKill` commits: the kill then lands wherever the child happens to be, usually in
 * the middle of the next unit. Returns the units the child said it committed.
 */
function runAndKill(path: string, first: number, commitsBeforeKill: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', streamScript, path, String(first), String(auditRowsPerUnit)],
      {
        cwd: repositoryRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const committed: number[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) committed.push(Number(line.replace('committed ', '')));
      if (committed.length >= commitsBeforeKill) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`the stream stopped by itself (${signal ?? _code}): ${stderr}`));
    });
  });
}

/** Every unit in the file is whole, and they are 0…n-1 with no gap. Returns n. */
function checkWholeUnits(store: Store): number {
  const links = store.links.list();
  const units = links
    .map((link) => Number(link.eventId.replace('event-', '')))
    .sort((a, b) => a - b);
  expect(units).toEqual(units.map((_, index) => index));
  for (const link of links) {
    expect(link).toMatchObject({ state: 'linked', rooms: ['room-a'] });
    expect(link.zoomMeetingId).toBe(Number(link.eventId.replace('event-', '')) + 1);
  }
  expect(store.audit.count()).toBe(units.length * auditRowsPerUnit);
  const stats = store.stats();
  expect(stats.openIntents).toBe(0);
  expect(store.rooms.get('room-a')?.syncToken).toBe(
    units.length === 0 ? null : `token-${units.length - 1}`,
  );
  return units.length;
}

describe('a process killed with SIGKILL in the middle of a stream of transactions', () => {
  const temp = useTempStores();

  it('leaves a database that opens and holds only whole transactions, every reported one', async () => {
    const path = join(temp.folder(), 'data', 'zoomlink.db');
    let next = 0;
    // Two kills at different depths, the second run continuing the file the first left behind.
    // (Each run costs a Node start-up with tsx, so the suite keeps to two.)
    for (const commitsBeforeKill of [4, 25]) {
      const reported = await runAndKill(path, next, commitsBeforeKill);
      expect(reported.length).toBeGreaterThanOrEqual(commitsBeforeKill);

      const store = temp.open({ path });
      const units = checkWholeUnits(store);
      // Everything the child said was committed is there (and perhaps one more it had no time to say).
      expect(units).toBeGreaterThanOrEqual(reported.at(-1)! + 1);
      expect(units).toBeLessThanOrEqual(reported.at(-1)! + 2);
      store.close();

      const raw = new Database(path, { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();
      next = units;
    }
  });
});
