import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulators, type TestEmulators } from '../support/emulators.js';
import { cleanEnv, spawnCli, tempConfig } from './daemon-harness.js';

/** `zoomlink doctor` with the environment `zoomlink emulators` prints: every check, then the fixes. */
describe('zoomlink doctor against the emulators', () => {
  let emulators: TestEmulators;
  const temp = tempConfig({});
  beforeAll(async () => {
    emulators = await startTestEmulators({ seed: 'org' });
  });
  afterAll(async () => {
    await emulators?.cleanup();
    temp.cleanup();
  });

  const doctor = async (extra: Record<string, string> = {}, args: string[] = []) => {
    const run = spawnCli(
      ['doctor', ...args],
      cleanEnv({ ...emulators.env, ZOOMLINK_DB: `${temp.dir}/zoomlink.db`, ...extra }),
    );
    const { code } = await run.exited;
    return { code, out: run.stdout(), err: run.stderr() };
  };

  it('passes every check when everything is in place', async () => {
    const { code, out, err } = await doctor();
    expect(code, `${out}\n${err}`).toBe(0);
    for (const room of emulators.info.rooms) {
      expect(out).toMatch(new RegExp(`ok\\s+google room\\s+${room.name}: readable`));
      expect(out).toMatch(new RegExp(`ok\\s+zoom host\\s+${room.zoomHost} exists`));
    }
    expect(out).toMatch(/ok\s+google organizer token\s+token for admin@example.com/);
    expect(out).toMatch(/ok\s+zoom token/);
    expect(out).toMatch(/ok\s+zoom scopes\s+the app holds every meeting scope/);
    expect(out).toMatch(/ok\s+database\s+.*will be created/);
    expect(out).toMatch(/0 failed\n$/);
  });

  it('names what is wrong and the exact fix, and exits 1', async () => {
    // The admin authorised only the read-only scope; one room has a host Zoom does not know.
    await fetch(`${emulators.google.controlUrl}/delegation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scopes: ['https://www.googleapis.com/auth/calendar.events.readonly'],
      }),
    });
    // The Zoom app was given the classic read scope and granular create only.
    await fetch(`${emulators.zoom.controlUrl}/scopes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['meeting:read:admin', 'meeting:write:meeting:admin'] }),
    });
    const rooms = emulators.info.rooms.map((r, i) =>
      i === 0 ? { ...r, zoomHost: 'nobody@example.com' } : r,
    );
    const { code, out } = await doctor({ ZOOMLINK_ROOMS: JSON.stringify(rooms) }, [
      '--organizer',
      'alice.chen@example.com',
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL\s+google organizer token\s+GOOGLE_DELEGATION_REFUSED/);
    expect(out).toMatch(
      /fix: .*Domain-wide delegation: add \(or edit\) client ID \d+ with the OAuth scopes https:\/\/www.googleapis.com\/auth\/calendar.events.readonly,https:\/\/www.googleapis.com\/auth\/calendar.events\./,
    );
    expect(out).toMatch(/FAIL\s+zoom host\s+nobody@example.com: ZOOM_USER_NOT_FOUND/);
    expect(out).toMatch(/fix: Add nobody@example.com as a user of the Zoom account/);
    expect(out).toMatch(
      /FAIL\s+zoom scopes\s+missing: meeting:update:meeting:admin \(to update meetings and occurrences\), meeting:delete:meeting:admin/,
    );
    expect(out).toMatch(
      /fix: Zoom App Marketplace .* add meeting:update:meeting:admin \(or the classic meeting:write:admin\)/,
    );
    expect(out).toMatch(/ok\s+google room\s+Boardroom: readable/);
  });

  it('with no credentials at all, says the demo would run', async () => {
    const run = spawnCli(['doctor', '--json'], cleanEnv({ ZOOMLINK_DB: `${temp.dir}/x.db` }));
    expect((await run.exited).code).toBe(0);
    const checks = JSON.parse(run.stdout()) as Array<{ check: string; status: string }>;
    expect(checks.find((c) => c.check === 'mode')).toMatchObject({ status: 'warn' });
  });

  it('warns when the config file or a secret file can be read by other users', async () => {
    const tokenFile = join(temp.dir, 'http-token');
    writeFileSync(tokenFile, 'a-long-random-token-0123456789\n');
    chmodSync(tokenFile, 0o640);
    const configFile = join(temp.dir, 'shared.json');
    writeFileSync(configFile, JSON.stringify({ server: { tokenFile } }));
    chmodSync(configFile, 0o644);
    const permissions = async () => {
      const run = spawnCli(
        ['doctor', '--json'],
        cleanEnv({ ZOOMLINK_DB: `${temp.dir}/x.db`, ZOOMLINK_CONFIG: configFile }),
      );
      expect((await run.exited).code, run.stderr()).toBe(0);
      const checks = JSON.parse(run.stdout()) as Array<Record<string, string>>;
      return checks.filter((c) => c.check === 'file permissions');
    };
    expect(await permissions()).toEqual([
      {
        check: 'file permissions',
        status: 'warn',
        detail: `ZOOMLINK_CONFIG (${configFile}) can be read by other users of this machine (mode 0644); it may hold secrets`,
        fix: `chmod 600 ${configFile}`,
      },
      {
        check: 'file permissions',
        status: 'warn',
        detail: `server.tokenFile (${tokenFile}) can be read by other users of this machine (mode 0640); it holds a secret`,
        fix: `chmod 600 ${tokenFile}`,
      },
    ]);
    chmodSync(tokenFile, 0o600);
    chmodSync(configFile, 0o600);
    expect(await permissions()).toEqual([
      {
        check: 'file permissions',
        status: 'ok',
        detail: 'readable by their owner only: ZOOMLINK_CONFIG, server.tokenFile',
      },
    ]);
  });
});
