import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configDir,
  configSchema,
  filesReadableByOthers,
  loadConfig,
  type Config,
} from '../../src/config/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'zoomlink-config-'));

function fileWith(content: unknown): string {
  const path = join(tmp(), 'custom.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function loadError(options: Parameters<typeof loadConfig>[0]): ConfigError {
  try {
    loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('default.json holds exactly the schema defaults', () => {
    const defaults = JSON.parse(readFileSync(join(configDir, 'default.json'), 'utf8'));
    expect(defaults).toEqual(configSchema.parse({}));
  });

  it('every environment mapping points at a real field', () => {
    const mapping = JSON.parse(
      readFileSync(join(configDir, 'custom-environment-variables.json'), 'utf8'),
    );
    const defaults = configSchema.parse({}) as Record<string, unknown>;
    const walk = (node: Record<string, unknown>, shape: Record<string, unknown>, path: string) => {
      for (const [key, value] of Object.entries(node)) {
        expect(shape, `${path}${key}`).toHaveProperty(key);
        const isLeaf = typeof value === 'string' || '__name' in (value as object);
        if (!isLeaf) {
          walk(
            value as Record<string, unknown>,
            shape[key] as Record<string, unknown>,
            `${path}${key}.`,
          );
        }
      }
    };
    walk(mapping, defaults, '');
  });

  it('loads defaults with an empty environment', () => {
    const config = loadConfig({ env: {} });
    expect(config.database.path).toBe('./data/zoomlink.db');
    expect(config.recurrence.cap).toBe(50);
  });

  it('a ZOOMLINK_CONFIG file overrides defaults, and the environment overrides the file', () => {
    const file = fileWith({
      zoom: { accountId: 'from-file', concurrency: 2 },
      server: { port: 9000 },
    });
    const config = loadConfig({
      env: { ZOOMLINK_CONFIG: file, ZOOM_ACCOUNT_ID: 'from-env', ZOOMLINK_HTTP_PORT: '9100' },
    });
    expect(config.zoom.accountId).toBe('from-env');
    expect(config.zoom.concurrency).toBe(2);
    expect(config.server.port).toBe(9100);
    expect(config.zoom.apiUrl).toBe('https://api.zoom.us/v2');
  });

  it('rooms can come from the environment as JSON', () => {
    const rooms = [{ calendarId: 'r1@resource.calendar.google.com', zoomHost: 'h1@example.com' }];
    const config = loadConfig({ env: { ZOOMLINK_ROOMS: JSON.stringify(rooms) } });
    expect(config.rooms.list).toEqual([{ ...rooms[0], name: '' }]);
  });

  it('every room can be put in observe mode from the environment; a room may say otherwise', () => {
    const rooms = [
      { calendarId: 'r1@resource.calendar.google.com', zoomHost: 'h1@example.com' },
      { calendarId: 'r2@resource.calendar.google.com', zoomHost: 'h2@example.com', mode: 'active' },
    ];
    const config = loadConfig({
      env: { ZOOMLINK_ROOMS_MODE: 'observe', ZOOMLINK_ROOMS: JSON.stringify(rooms) },
    });
    expect(config.rooms.mode).toBe('observe');
    expect(config.rooms.list[1]).toMatchObject({ mode: 'active' });
    expect(loadConfig({ env: {} }).rooms.mode).toBe('active');
    expect(loadError({ env: { ZOOMLINK_ROOMS_MODE: 'watch' } }).code).toBe('CONFIG_INVALID');
  });

  it('names every wrong field at once, with what was expected, what was found and where from', () => {
    const file = fileWith({
      zoom: { concurrency: 'lots', apiUrl: 'ftp://x' },
      recurrence: { cap: 80, fallback: 'guess' },
      sync: { unknownKnob: 1 },
    });
    const error = loadError({ env: { ZOOMLINK_CONFIG: file, ZOOMLINK_HTTP_PORT: '70000' } });
    const text = error.message;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems).toHaveLength(6);
    expect(text).toMatch(
      /zoom\.concurrency: .*expected number.*found "lots" \(from ZOOMLINK_CONFIG file/,
    );
    expect(text).toMatch(/zoom\.apiUrl: .*found "ftp:\/\/x"/);
    expect(text).toMatch(/recurrence\.cap: .*50.*found 80/);
    expect(text).toMatch(/recurrence\.fallback: .*"no_fixed_time".*found "guess"/);
    expect(text).toMatch(/sync: .*unknownKnob/);
    expect(text).toMatch(
      /server\.port: .*65535.*found 70000 \(from environment variable ZOOMLINK_HTTP_PORT\)/,
    );
  });

  it('never echoes a secret it found in a wrong field', () => {
    const file = fileWith({ zoom: { clientSecret: 12345678 } });
    const error = loadError({ env: { ZOOMLINK_CONFIG: file } });
    expect(error.message).toMatch(/zoom\.clientSecret: .*expected string/);
    expect(error.message).not.toContain('12345678');
  });

  it('rejects malformed JSON in a file and in a JSON environment variable, naming them', () => {
    expect(loadError({ env: { ZOOMLINK_CONFIG: fileWith('{ nope') } }).message).toMatch(
      /ZOOMLINK_CONFIG .*not valid JSON/,
    );
    expect(loadError({ env: { ZOOMLINK_ROOMS: '[oops' } }).message).toMatch(
      /rooms\.list: environment variable ZOOMLINK_ROOMS must be JSON/,
    );
    expect(loadError({ env: { ZOOMLINK_CONFIG: '/nonexistent/zoomlink.json' } }).message).toMatch(
      /cannot read the file/,
    );
  });

  it.each([
    ['an unquoted value', '{\n  "zoom": {\n    "clientSecret": s3cr3t-value-x\n  }\n}\n', 3, 21],
    [
      'a missing comma',
      '{\n  "zoom": {"clientSecret": "s3cr3t-value-x" "accountId": "a"}\n}',
      2,
      45,
    ],
    ['an unterminated string', '{\n\t"server": {"token": "s3cr3t-value-x\n}', 2, 37],
    ['a trailing comma', '{"zoom": {"clientSecret": "s3cr3t-value-x",}}', 1, 44],
    ['text after the object', '{"zoom": {}} s3cr3t-value-x', 1, 14],
    ['an empty file', '', 1, 1],
  ])(
    'a config file with %s is reported by line and column, never with its text',
    (_name, text, line, column) => {
      const error = loadError({ env: { ZOOMLINK_CONFIG: fileWith(text) } });
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(
        new RegExp(`ZOOMLINK_CONFIG .*: not valid JSON at line ${line}, column ${column}\\b`),
      );
      expect(error.message).not.toMatch(/s3cr|value-x|clientSecret|token/);
    },
  );

  it('explains that Zoom JWT apps are gone when someone configures one', () => {
    const error = loadError({ env: { ZOOM_API_KEY: 'k', ZOOM_API_SECRET: 's' } });
    expect(error.message).toMatch(/JWT apps were retired in 2023.*Server-to-Server OAuth/);
    const fromFile = loadError({ env: { ZOOMLINK_CONFIG: fileWith({ zoom: { apiKey: 'k' } }) } });
    expect(fromFile.message).toMatch(/zoom\.apiKey: Zoom JWT apps were retired/);
  });

  it('reads the Zoom client secret from a file', () => {
    const secretFile = join(tmp(), 'secret');
    writeFileSync(secretFile, 's3cr3t\n');
    expect(loadConfig({ env: { ZOOM_CLIENT_SECRET_FILE: secretFile } }).zoom.clientSecret).toBe(
      's3cr3t',
    );
    expect(loadError({ env: { ZOOM_CLIENT_SECRET_FILE: '/nonexistent' } }).message).toMatch(
      /zoom\.clientSecretFile: cannot read/,
    );
  });

  it('refuses a schedule node-cron cannot read, naming the field, at load time', () => {
    const file = fileWith({ sync: { windowSchedule: '61 * * * *', reconcileSchedule: 'daily' } });
    const error = loadError({ env: { ZOOMLINK_CONFIG: file } });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^sync\.windowSchedule: not a cron expression node-cron accepts \(61 is a invalid expression for minute\); .*found "61 \* \* \* \*" \(from ZOOMLINK_CONFIG file/,
      ),
      expect.stringMatching(/^sync\.reconcileSchedule: not a cron expression .*found "daily"/),
    ]);
    const fine = fileWith({ sync: { schedule: '*/5 * * * * *', windowSchedule: '0 7 * * 1-5' } });
    expect(loadConfig({ env: { ZOOMLINK_CONFIG: fine } }).sync.schedule).toBe('*/5 * * * * *');
  });
});

describe('secrets in files', () => {
  const secretFile = (content: string, mode = 0o600) => {
    const path = join(tmp(), 'secret');
    writeFileSync(path, content, { mode });
    chmodSync(path, mode);
    return path;
  };

  it.each([
    ['google.oauthClientSecret', 'GOOGLE_OAUTH_CLIENT_SECRET_FILE', 'GOOGLE_OAUTH_CLIENT_SECRET'],
    ['google.oauthRefreshToken', 'GOOGLE_OAUTH_REFRESH_TOKEN_FILE', 'GOOGLE_OAUTH_REFRESH_TOKEN'],
    ['server.token', 'ZOOMLINK_HTTP_TOKEN_FILE', 'ZOOMLINK_HTTP_TOKEN'],
    ['zoom.clientSecret', 'ZOOM_CLIENT_SECRET_FILE', 'ZOOM_CLIENT_SECRET'],
  ] as const)('reads %s from a file (%s), unless it is set itself', (field, fileVar, valueVar) => {
    const [section, key] = field.split('.') as [string, string];
    const valueOf = (config: Config) =>
      (config as unknown as Record<string, Record<string, string>>)[section]![key];
    const path = secretFile('from-the-file-0123456789\n');
    expect(valueOf(loadConfig({ env: { [fileVar]: path } }))).toBe('from-the-file-0123456789');
    expect(
      valueOf(
        loadConfig({ env: { ZOOMLINK_CONFIG: fileWith({ [section]: { [`${key}File`]: path } }) } }),
      ),
    ).toBe('from-the-file-0123456789');
    expect(
      valueOf(loadConfig({ env: { [fileVar]: path, [valueVar]: 'set-itself-0123456789' } })),
    ).toBe('set-itself-0123456789');
    expect(loadError({ env: { [fileVar]: '/nonexistent/secret' } }).message).toContain(
      `${field}File: cannot read /nonexistent/secret`,
    );
  });

  it('wants server.token at least 16 characters long, naming the field and the fix', () => {
    for (const env of [
      { ZOOMLINK_HTTP_TOKEN: 'short-token' },
      { ZOOMLINK_HTTP_TOKEN_FILE: secretFile('short-token\n') },
    ]) {
      const error = loadError({ env });
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/^server\.token: at least 16 characters.*openssl rand/);
      expect(error.message).not.toContain('short-token');
    }
    expect(loadConfig({ env: { ZOOMLINK_HTTP_TOKEN: '0123456789abcdef' } }).server.token).toBe(
      '0123456789abcdef',
    );
  });

  it('finds the secret files and the config file that other users can read', () => {
    const open = secretFile('from-the-file-0123456789', 0o644);
    const group = secretFile('from-the-file-0123456789', 0o640);
    const closed = secretFile('from-the-file-0123456789', 0o600);
    const key = secretFile('{}', 0o604);
    const configFile = fileWith({ server: { tokenFile: closed } });
    chmodSync(configFile, 0o644);
    const env = {
      ZOOMLINK_CONFIG: configFile,
      ZOOM_CLIENT_SECRET_FILE: open,
      GOOGLE_OAUTH_CLIENT_SECRET_FILE: group,
      GOOGLE_SERVICE_ACCOUNT_KEY_FILE: key,
    };
    const found = filesReadableByOthers(loadConfig({ env }), env);
    expect(found).toEqual([
      { field: 'ZOOMLINK_CONFIG', path: configFile, mode: '0644' },
      { field: 'zoom.clientSecretFile', path: open, mode: '0644' },
      { field: 'google.serviceAccountKeyFile', path: key, mode: '0604' },
      { field: 'google.oauthClientSecretFile', path: group, mode: '0640' },
    ]);
    chmodSync(configFile, 0o600);
    for (const path of [open, group, key]) chmodSync(path, 0o600);
    expect(filesReadableByOthers(loadConfig({ env }), env)).toEqual([]);
  });
});

describe('live mode sends credentials only over https (or to this machine)', () => {
  const live = { ZOOMLINK_MODE: 'live' };
  it.each([
    ['zoom.apiUrl', 'ZOOM_API_URL', 'http://api.zoom.example/v2'],
    ['zoom.oauthUrl', 'ZOOM_OAUTH_URL', 'http://zoom.example'],
    ['google.tokenUrl', 'GOOGLE_TOKEN_URL', 'http://oauth2.example/token'],
    ['google.calendarRootUrl', 'GOOGLE_CALENDAR_ROOT_URL', 'http://10.0.0.8/'],
    ['google.directoryRootUrl', 'GOOGLE_DIRECTORY_ROOT_URL', 'http://proxy.internal:8080/'],
  ])('refuses %s over plain http beyond loopback', (field, variable, url) => {
    const error = loadError({ env: { ...live, [variable]: url } });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${field.replace('.', '\\.')}: .*https`));
    expect(error.problems[0]).toContain(url);
  });

  it('lets plain http reach this machine (emulators, a local proxy), and anything in the demo', () => {
    for (const host of ['127.0.0.1:9000', 'localhost:9000', '[::1]:9000'])
      expect(loadConfig({ env: { ...live, ZOOM_API_URL: `http://${host}/v2` } }).zoom.apiUrl).toBe(
        `http://${host}/v2`,
      );
    expect(
      loadConfig({ env: { ZOOMLINK_MODE: 'demo', ZOOM_API_URL: 'http://api.zoom.example/v2' } })
        .zoom.apiUrl,
    ).toBe('http://api.zoom.example/v2');
  });

  it('counts a configuration with credentials as live (mode auto)', () => {
    expect(
      loadError({ env: { ZOOM_ACCOUNT_ID: 'a', ZOOM_API_URL: 'http://api.zoom.example/v2' } })
        .problems[0],
    ).toMatch(/^zoom\.apiUrl: /);
  });
});

describe('config/example.live.json', () => {
  it('is a valid configuration in live mode', () => {
    const path = join(configDir, 'example.live.json');
    const config = loadConfig({ env: { ZOOMLINK_CONFIG: path, ZOOM_CLIENT_SECRET: 'x' } });
    expect(config.mode).toBe('live');
    expect(config.rooms.list).toHaveLength(1);
  });
});

describe('config: rooms sharing the host pool', () => {
  const rooms = (settings: Record<string, unknown>) =>
    configSchema.safeParse({ rooms: { source: 'directory', ...settings } });

  it('lets discovery skip unmapped rooms (defaultHost empty) without a pool', () => {
    expect(rooms({ hostTemplate: 'zoom-{resourceId}@example.com' }).success).toBe(true);
    expect(rooms({ defaultHost: 'zoom-rooms@example.com' }).success).toBe(true);
  });

  it('wants rooms.hostPool when a room or discovery takes its host from the pool', () => {
    const directory = rooms({ defaultHost: 'pool' });
    expect(directory.success).toBe(false);
    expect(directory.error?.issues[0]?.path).toEqual(['rooms', 'defaultHost']);
    expect(rooms({ defaultHost: 'pool', hostPool: ['zoom1@example.com'] }).success).toBe(true);
    const mapped = rooms({ hosts: { 'Board room': 'pool' } });
    expect(mapped.error?.issues[0]?.path).toEqual(['rooms', 'hosts', 'Board room']);
    expect(
      rooms({ hosts: { 'Board room': 'pool' }, hostPool: ['zoom1@example.com'] }).success,
    ).toBe(true);
    const listed = configSchema.safeParse({
      rooms: { list: [{ calendarId: 'room@resource.calendar.google.com' }] },
    });
    expect(listed.error?.issues[0]?.path).toEqual(['rooms', 'list', 0, 'zoomHost']);
  });
});
