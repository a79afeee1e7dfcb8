import { createServer } from 'node:net';

/**
 * A TCP port free on `host` now: for a server whose URL must be known before it listens (a push
 * channel's address on loopback). Another process may take it in between; a listen then fails
 * with the port's name in its error.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, host, resolve);
  });
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
