/**
 * The app a sync benchmark runs (in the engine's process): the real store, clients and engine,
 * pointed at the emulators, on their clock.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { clockFrom, createApp, type App, type AppOptions } from '../src/cli/app.js';
import { configSchema } from '../src/config/index.js';
import { createLogger } from '../src/log.js';
import type { EmulatorsInfo } from './emulator-control.js';

export const quietLogger = createLogger({
  stream: new Writable({ write: (_c, _e, done) => done() }),
});

export function benchApp(
  info: EmulatorsInfo,
  dir: string,
  more: { config?: Record<string, Record<string, unknown>>; app?: AppOptions } = {},
): App {
  const config = configSchema.parse({
    mode: 'live',
    database: { path: join(dir, 'bench.db') },
    zoom: {
      accountId: info.zoom.accountId,
      clientId: info.zoom.clientId,
      clientSecret: info.zoom.clientSecret,
      apiUrl: info.zoom.apiUrl,
      oauthUrl: info.zoom.oauthUrl,
      ...more.config?.zoom,
    },
    google: {
      serviceAccountKeyFile: info.google.serviceAccountKeyFile,
      adminSubject: info.seeded.admin,
      domains: [info.domain],
      calendarRootUrl: info.google.rootUrl,
      directoryRootUrl: info.google.rootUrl,
      tokenUrl: info.google.tokenUrl,
      ...more.config?.google,
    },
    rooms: { list: info.seeded.rooms },
    ...(more.config?.sync ? { sync: more.config.sync } : {}),
    ...(more.config?.server ? { server: more.config.server } : {}),
  });
  return createApp(config, {
    now: clockFrom(new Date(info.clock)),
    logger: quietLogger,
    synchronous: 'normal',
    ...more.app,
  });
}
