import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configLoadFailure,
  diagnoseConfig,
  diagnoseCredentials,
  failedCheck,
  loadConfig,
} from '../../src/config/index.js';
import { ZoomlinkError } from '../../src/errors.js';

const secretFile = (mode: number) => {
  const path = join(mkdtempSync(join(tmpdir(), 'zoomlink-config-diagnose-')), 'secret');
  writeFileSync(path, 'from-the-file-0123456789\n', { mode });
  return path;
};

const live = {
  ZOOM_ACCOUNT_ID: 'account',
  ZOOM_CLIENT_ID: 'client',
  ZOOM_CLIENT_SECRET: 'secret',
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: '/keys/service-account.json',
  GOOGLE_ADMIN_SUBJECT: 'admin@example.com',
};

/** The configuration's own checks for `zoomlink doctor`. */
describe('the configuration’s checks', () => {
  it('a configuration that did not load: each problem a line of the fix', () => {
    expect(configLoadFailure(new ConfigError(['a: wrong', 'b: wrong too']))).toEqual({
      name: 'config',
      status: 'fail',
      detail: '2 problem(s) in the configuration',
      fix: 'a: wrong\nb: wrong too',
    });
  });

  it('says how it runs, or fails with the problems the layers above found', () => {
    const config = loadConfig({ env: { ZOOMLINK_ROOMS: '[]' } });
    expect(diagnoseConfig(config, {}, [])).toEqual([
      { name: 'config', status: 'ok', detail: 'valid; mode demo; 0 room(s) in rooms.list' },
    ]);
    expect(diagnoseConfig(config, {}, ['server.host: open', 'another'])).toEqual([
      {
        name: 'config',
        status: 'fail',
        detail: 'loaded, but not usable',
        fix: 'server.host: open\nanother',
      },
    ]);
  });

  it('warns for each secret file others can read, else says they are owner-only', () => {
    const open = secretFile(0o644);
    const exposed = { ZOOMLINK_HTTP_TOKEN_FILE: open };
    expect(diagnoseConfig(loadConfig({ env: exposed }), exposed, []).slice(1)).toEqual([
      {
        name: 'file permissions',
        status: 'warn',
        detail: expect.stringContaining(`server.tokenFile (${open}) can be read by other users`),
        fix: `chmod 600 ${open}`,
      },
    ]);
    const closed = { ZOOMLINK_HTTP_TOKEN_FILE: secretFile(0o600) };
    expect(diagnoseConfig(loadConfig({ env: closed }), closed, []).slice(1)).toEqual([
      {
        name: 'file permissions',
        status: 'ok',
        detail: 'readable by their owner only: server.tokenFile',
      },
    ]);
  });

  it('warns that nothing configured means the demo, and fails half the credentials', () => {
    expect(diagnoseCredentials(loadConfig({ env: {} }))).toEqual([
      expect.objectContaining({ name: 'mode', status: 'warn' }),
    ]);
    expect(diagnoseCredentials(loadConfig({ env: live }))).toEqual([]);
    const half = loadConfig({
      env: { ...live, ZOOM_CLIENT_SECRET: '', GOOGLE_SERVICE_ACCOUNT_KEY_FILE: '' },
    });
    expect(diagnoseCredentials(half)).toEqual([
      {
        name: 'credentials',
        status: 'fail',
        detail: 'live mode, but the Zoom or Google credentials are incomplete',
        fix:
          'zoom.clientSecret (ZOOM_CLIENT_SECRET, or zoom.clientSecretFile) is empty\n' +
          'google.serviceAccountKeyFile (GOOGLE_SERVICE_ACCOUNT_KEY_FILE) is empty, and user OAuth is not complete either',
      },
    ]);
  });

  it('a failed check names the error’s code and what the error says to do', () => {
    const coded = new ZoomlinkError('ZOOM_USER_NOT_FOUND', 'Add the user.');
    expect(failedCheck('zoom host', coded, 'nobody@example.com')).toEqual({
      name: 'zoom host',
      status: 'fail',
      detail: 'nobody@example.com: ZOOM_USER_NOT_FOUND',
      fix: 'Add the user.',
    });
    expect(failedCheck('x', new ConfigError(['a: wrong']), undefined, 'Do this.')).toEqual({
      name: 'x',
      status: 'fail',
      detail: 'failed',
      fix: 'Do this.',
    });
    expect(failedCheck('x', new ConfigError(['a: wrong'])).fix).toBe('a: wrong');
    expect(failedCheck('x', 'thrown text')).toMatchObject({ detail: 'failed', fix: 'thrown text' });
  });
});
