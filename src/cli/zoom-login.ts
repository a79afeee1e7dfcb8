import type { Config } from '../config/index.js';
import type { Store } from '../store/index.js';
import {
  codeFromPaste,
  createZoomClient,
  exchangeCode,
  startLogin,
  ZoomErrorCodes,
} from '../zoom/index.js';
import { InputError } from './input-error.js';
import { listenForRedirect } from './login-callback.js';

/**
 * `zoomlink zoom login`, as a function the command and the tests run: prints the authorize URL,
 * takes the code from the loopback redirect (or, `manual`, from what the operator pastes), exchanges
 * it with the PKCE verifier, stores the refresh token in the database, asks Zoom who logged in,
 * and lets the bookings that failed for want of a login be tried again at once.
 */
export interface LoginIo {
  /** Where the URL and the outcome are written for the person. */
  say(line: string): void;
  /** `--manual`: the next line the operator types. */
  readLine(): Promise<string>;
}

export interface LoginOutcome {
  userEmail: string | null;
  scopes: string[];
  woken: number;
}

export async function runZoomLogin(
  config: Config,
  store: Store,
  options: { manual: boolean; timeoutMs: number; now: () => Date },
  io: LoginIo,
): Promise<LoginOutcome> {
  if (config.zoom.auth !== 'user')
    throw new InputError(
      'zoomlink zoom login is for a user-level OAuth app: set zoom.auth to "user" (ZOOM_AUTH=user) with the app’s client id and secret. A Server-to-Server app (zoom.auth "s2s") needs no login.',
    );
  if (!config.zoom.clientId || !config.zoom.clientSecret)
    throw new InputError(
      'zoom.clientId and zoom.clientSecret: set both to the user-level OAuth app’s credentials (Zoom App Marketplace → the app → App Credentials).',
    );
  const login = startLogin(config.zoom);
  const listener = options.manual
    ? undefined
    : await listenForRedirect(config.zoom.redirectUri, login.state, options.timeoutMs);
  let code: string;
  try {
    io.say(
      'Open this URL in a browser, sign in to Zoom as the user who authorises zoomlink, and allow the app:',
    );
    io.say(login.url);
    if (listener) {
      io.say(`Waiting for Zoom to send the browser to ${config.zoom.redirectUri} …`);
      code = await listener.code;
    } else {
      io.say(
        `Then paste the address the browser was sent to (${config.zoom.redirectUri}?code=…), or just its code:`,
      );
      const pasted = codeFromPaste(await io.readLine(), login.state);
      if ('error' in pasted) throw new InputError(`zoomlink zoom login --manual: ${pasted.error}.`);
      code = pasted.code;
    }
  } finally {
    await listener?.close();
  }
  const tokens = await exchangeCode(config.zoom, login, code, options.now());
  // Committed before anything uses the access token (as every rotation after it).
  store.zoomLogin.saveLogin(tokens);
  const client = createZoomClient(config.zoom, { now: options.now, login: store.zoomLogin });
  let userEmail: string | null = null;
  try {
    const me = await client.getUser('me');
    if (me) {
      store.zoomLogin.setUser(me.id, me.email);
      userEmail = me.email;
    }
  } catch {
    // Who logged in is only for people (doctor, status page); the login itself is stored.
  }
  const woken = store.pool.wakeFailed(ZoomErrorCodes.loginRequired, options.now());
  io.say(
    `Logged in to Zoom${userEmail ? ` as ${userEmail}` : ''}; scopes: ${tokens.scopes.join(' ') || '(none listed)'}.` +
      (woken > 0 ? ` ${woken} booking(s) waiting for the login are tried again now.` : ''),
  );
  return { userEmail, scopes: tokens.scopes, woken };
}
