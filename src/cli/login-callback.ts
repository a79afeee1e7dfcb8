import { createServer, type Server } from 'node:http';
import { isLoopbackHost } from '../config/index.js';
import { codeFromRedirect } from '../zoom/index.js';
import { InputError } from './input-error.js';

/**
 * The loopback end of `zoomlink zoom login` (RFC 8252 §7.3): a one-shot HTTP listener on
 * `zoom.redirectUri` (which must be on this machine) that takes the browser's redirect, checks
 * its `state`, answers the person with a short page, and hands back the code.
 */
export interface RedirectListener {
  /** The code, once the browser has been redirected here. */
  code: Promise<string>;
  close(): Promise<void>;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`;

export async function listenForRedirect(
  redirectUri: string,
  state: string,
  timeoutMs: number,
): Promise<RedirectListener> {
  const target = new URL(redirectUri);
  if (target.protocol !== 'http:' || !isLoopbackHost(target.hostname))
    throw new InputError(
      `zoom.redirectUri ${redirectUri} is not a plain http address on this machine (127.0.0.1, localhost or [::1]), so zoomlink cannot receive the redirect itself: use \`zoomlink zoom login --manual\` and paste the code, or set zoom.redirectUri to e.g. http://127.0.0.1:8788/oauth/callback (and add it to the app's redirect allow list).`,
    );
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    if (req.method !== 'GET' || url.pathname !== target.pathname) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const answer = codeFromRedirect(url.searchParams, state);
    const ok = 'code' in answer;
    res
      .writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        ok
          ? page('zoomlink is logged in to Zoom', 'You can close this window.')
          : page('zoomlink was not logged in', answer.error),
      );
    if (ok) settle.resolve(answer.code);
    else
      settle.reject(new InputError(`zoomlink zoom login: ${answer.error}.`, 'ZOOM_LOGIN_REQUIRED'));
  });
  const timer = setTimeout(
    () =>
      settle.reject(
        new InputError(
          `zoomlink zoom login: no redirect reached ${redirectUri} within ${Math.round(timeoutMs / 1000)} s. Open the URL above in a browser on this machine (or use --manual).`,
          'ZOOM_LOGIN_REQUIRED',
        ),
      ),
    timeoutMs,
  );
  timer.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new InputError(
              `zoom.redirectUri ${redirectUri}: port ${target.port} is taken on this machine; stop what listens there or choose another port (and add it to the app's redirect allow list).`,
            )
          : error,
      ),
    );
    server.listen(Number(target.port || 80), target.hostname.replace(/^\[|\]$/g, ''), resolve);
  });
  return {
    code: code.finally(() => clearTimeout(timer)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
