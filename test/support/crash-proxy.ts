import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An in-process crash point for one app instance. The app talks to the emulators through these
 * proxies (one per upstream, sharing one `CrashPoint`); when the crash point is armed, the N-th
 * call is forwarded (it happens) and then the process "dies": either at once, so the answer never
 * reaches the app (the emulator did the work, the app never hears of it), or `late`, after the
 * app has read the answer. From then on every call of that app is held forever and reaches no
 * emulator, so the app can make no further remote change; the test then closes the app's store
 * (its database file keeps what was committed, as after SIGKILL) and opens a new app on it.
 *
 * It is the in-process counterpart of `test/e2e/sync-crash.test.ts`, which SIGKILLs a child
 * process at the N-th call: SQLite commits each transaction whole and better-sqlite3's
 * transactions are synchronous, so a process can only die between transactions, and between two
 * remote calls the app can only do store writes — which this crash point lets happen up to the
 * app's next call, as a process killed a moment later would.
 */
export class CrashPoint {
  private left: number | undefined;
  private late = false;
  private dead = false;
  private onDeath: (() => void) | undefined;
  /** Calls forwarded since the app started. */
  forwarded = 0;

  /** Dies at the `after`-th call from now (`late`: after its answer reached the app). */
  arm(after: number, late: boolean): Promise<void> {
    this.left = after;
    this.late = late;
    return new Promise((resolve) => (this.onDeath = resolve));
  }

  /** The pass ended before its crash point: nothing is armed any more. */
  disarm(): void {
    this.left = undefined;
    this.onDeath = undefined;
  }

  get isDead(): boolean {
    return this.dead;
  }

  /**
   * What to do with one call: hold it (dead), or forward it, and what then. `call` names it, for a
   * crash point that dies at one particular call rather than the N-th.
   */
  take(_call?: {
    method: string;
    path: string;
  }): 'hold' | 'forward' | 'forward-then-die' | 'forward-answer-then-die' {
    if (this.dead) return 'hold';
    this.forwarded += 1;
    if (this.left === undefined) return 'forward';
    this.left -= 1;
    if (this.left > 0) return 'forward';
    this.left = undefined;
    return this.late ? 'forward-answer-then-die' : 'forward-then-die';
  }

  die(): void {
    if (this.dead) return;
    this.dead = true;
    this.onDeath?.();
  }
}

export interface CrashProxy {
  /** `http://127.0.0.1:<port>`: stands for the target's origin. */
  url: string;
  close(): Promise<void>;
}

/** A proxy to `target` (an origin) whose calls obey `crash`. */
export async function startCrashProxy(target: string, crash: CrashPoint): Promise<CrashProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const decision = crash.take({ method: req.method ?? '', path: req.url ?? '' });
      if (decision === 'hold') return;
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            if (decision === 'forward-then-die') return crash.die();
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body), () => {
              if (decision === 'forward-answer-then-die') crash.die();
            });
          });
        },
      );
      // The emulator dropped the connection (an injected fault): so does the proxy.
      forwarded.on('error', () => {
        if (decision === 'forward') res.socket?.destroy();
        else crash.die();
      });
      forwarded.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
