import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorsInfo } from '../../src/emulators/index.js';

const bin = fileURLToPath(new URL('../../bin/zoomlink.js', import.meta.url));

/** `zoomlink emulators` as a child process: one JSON line, both emulators answer, SIGTERM exits 0. */
describe('zoomlink emulators', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  const firstLine = (proc: ChildProcessWithoutNullStreams) =>
    new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout });
      let stderr = '';
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      lines.once('line', resolve);
      proc.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
    });

  it('prints how to reach both emulators, serves them, and exits 0 on SIGTERM', async () => {
    child = spawn(process.execPath, [bin, 'emulators', '--seed', 'org'], {
      env: { ...process.env, NODE_ENV: 'test' },
    });
    const info = JSON.parse(await firstLine(child)) as EmulatorsInfo;

    expect(Object.keys(info).sort()).toEqual(['env', 'google', 'people', 'rooms', 'zoom']);
    expect(Object.keys(info.env).sort()).toEqual(
      [
        'GOOGLE_ADMIN_SUBJECT',
        'GOOGLE_CALENDAR_ROOT_URL',
        'GOOGLE_CUSTOMER',
        'GOOGLE_DIRECTORY_ROOT_URL',
        'GOOGLE_DOMAINS',
        'GOOGLE_SERVICE_ACCOUNT_KEY_FILE',
        'GOOGLE_TOKEN_URL',
        'ZOOMLINK_MODE',
        'ZOOMLINK_ROOMS',
        'ZOOM_ACCOUNT_ID',
        'ZOOM_API_URL',
        'ZOOM_CLIENT_ID',
        'ZOOM_CLIENT_SECRET',
        'ZOOM_OAUTH_URL',
      ].sort(),
    );
    expect(info.rooms).toHaveLength(3);
    expect(JSON.parse(info.env.ZOOMLINK_ROOMS!)).toEqual(info.rooms);
    expect(info.people.length).toBeGreaterThan(0);
    expect(existsSync(info.google.serviceAccountKeyFile)).toBe(true);

    // Zoom: a Server-to-Server token, then a room host's (empty) meeting list.
    const basic = Buffer.from(`${info.zoom.clientId}:${info.zoom.clientSecret}`).toString('base64');
    const tokenResponse = await fetch(
      `${info.zoom.oauthUrl}/oauth/token?grant_type=account_credentials&account_id=${info.zoom.accountId}`,
      { method: 'POST', headers: { authorization: `Basic ${basic}` } },
    );
    expect(tokenResponse.status).toBe(200);
    const { access_token: zoomToken } = (await tokenResponse.json()) as { access_token: string };
    const meetings = await fetch(
      `${info.zoom.apiUrl}/users/${encodeURIComponent(info.rooms[0]!.zoomHost)}/meetings`,
      {
        headers: { authorization: `Bearer ${zoomToken}` },
      },
    );
    expect(meetings.status).toBe(200);

    // Google: the control API knows the rooms, and the API refuses a call without a token as Google does.
    const state = (await (await fetch(`${info.google.controlUrl}/state`)).json()) as {
      rooms: { calendarId: string }[];
    };
    expect(state.rooms.map((r) => r.calendarId)).toEqual(info.rooms.map((r) => r.calendarId));
    const unauthenticated = await fetch(
      `${info.google.rootUrl}calendar/v3/calendars/primary/events`,
    );
    expect(unauthenticated.status).toBe(401);

    const exited = new Promise<number | null>((resolve) =>
      child!.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(info.google.serviceAccountKeyFile)).toBe(false);
  });

  it('refuses an unknown seed with exit code 2', async () => {
    child = spawn(process.execPath, [bin, 'emulators', '--seed', 'everything']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--seed: use none, org or demo/);
  });
});
