import type { Config } from '../config/index.js';
import { isLoopbackHost } from '../config/loopback.js';
import { freePort } from '../util/free-port.js';

/**
 * The demo uses Google push: the daemon's own HTTP server, on loopback, is the public URL the
 * Google emulator posts to (the emulator's `pushAddress` switch lets it post plain HTTP), so a
 * change shows within a second or two. The demo's polls stay on its own quick schedule for every
 * room, as the safety net. Unchanged when the server is off, not on loopback, or a public URL is
 * set already.
 */
export async function withDemoPush(config: Config): Promise<Config> {
  const { server } = config;
  if (!server.enabled || server.publicUrl !== '') return config;
  const host = server.host === '0.0.0.0' ? '127.0.0.1' : server.host;
  if (!isLoopbackHost(host)) return config;
  const bare = host.replace(/^\[|\]$/g, '');
  // The URL must be known before the server listens: port 0 becomes a port free now.
  const port = server.port === 0 ? await freePort(bare) : server.port;
  const urlHost = bare.includes(':') ? `[${bare}]` : bare;
  return {
    ...config,
    server: { ...server, port, publicUrl: `http://${urlHost}:${port}` },
    sync: { ...config.sync, pushPollSchedule: config.sync.schedule },
  };
}
