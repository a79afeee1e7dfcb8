import type { ZoomConfig } from '../config/schema.js';
import { ConfigError } from '../config/config-error.js';
import type { ApiObserver } from '../domain/api-observer.js';
import type { HostQuotaPort } from '../domain/ports.js';
import { logger as processLogger } from '../log.js';
import { callReporter } from '../util/call-report.js';
import type { RetryHooks } from '../util/retry.js';
import { ZoomClient } from './client.js';
import { ZoomHttp } from './http.js';
import { S2SOAuthTokenSource, type AccessTokenSource } from './oauth-token.js';
import { UserOAuthTokenSource } from './user-oauth-token.js';
import type { ZoomLoginPort } from '../domain/zoom-login.js';
import { ZoomRateLimits } from './rate-limits.js';
import { zoomMeetingSchemas } from './schemas.js';
import type { ZoomLogger } from './transport.js';

export { ZoomClient, type MeetingStatusAction } from './client.js';
export type {
  GetMeetingOptions,
  ListMeetingsOptions,
  ParkedHost,
  UpdateMeetingOptions,
} from '../domain/ports.js';
export {
  ZoomApiError,
  ZoomErrorCodes,
  ZoomQuotaExhaustedError,
  isZoomApiError,
  type ZoomErrorCode,
  type ZoomFieldError,
} from './errors.js';
export type { ZoomInviteLink } from './schemas.js';
export { ZoomLoginRequiredError, UserOAuthTokenSource } from './user-oauth-token.js';
export {
  codeFromPaste,
  codeFromRedirect,
  exchangeCode,
  startLogin,
  type LoginRequest,
} from './user-login.js';
export type { ZoomLogger } from './transport.js';
export { ZoomRateLimits, zoomPerSecondLimits, type ZoomPlan } from './rate-limits.js';

export interface ZoomClientOptions {
  /** Told of every HTTP call, retry and budget change (metrics). */
  observer?: ApiObserver;
  /** The clock for token expiry and the daily budget's 00:00 UTC reset; `new Date()` by default. */
  now?: () => Date;
  /** The process logger by default. */
  logger?: ZoomLogger;
  /**
   * Where hosts' daily budgets and parking live, shared with the engine: the store's `hosts` in
   * the daemon and `zoomlink sync`; in memory (for this process) when absent.
   */
  hosts?: HostQuotaPort;
  /**
   * `zoom.auth: user`: where the login's refresh token lives (the store's `zoomLogin`); required
   * then, ignored for Server-to-Server.
   */
  login?: ZoomLoginPort;
  /** Tests and benchmarks only: the backoff's sleep and randomness. */
  retryHooks?: RetryHooks;
  /** Tests only: a smaller limit on request and answer bodies than `MAX_BODY_BYTES` (4 MiB). */
  maxBodyBytes?: number;
  /**
   * Benchmarks only: `false` sends without the per-label rate limiters, to measure the client's
   * own speed against an emulator on loopback.
   */
  rateLimits?: boolean;
}

/**
 * The Zoom client for one account (Server-to-Server OAuth app). Throws a `ConfigError` naming the
 * missing fields when the app's credentials are not all set.
 */
export function createZoomClient(config: ZoomConfig, options: ZoomClientOptions = {}): ZoomClient {
  requireZoomCredentials(config);
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? processLogger;
  const tokens = createTokenSource(config, options, now, logger);
  const limits = options.rateLimits === false ? undefined : new ZoomRateLimits(config.plan);
  const http = new ZoomHttp({
    apiUrl: config.apiUrl,
    timeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
    retry: { maxRetries: config.maxRetries, baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
    tokens,
    now,
    logger,
    ...(limits ? { limits } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.retryHooks ? { retryHooks: options.retryHooks } : {}),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  return new ZoomClient({
    http,
    now,
    dailyCreateUpdateLimit: config.dailyCreateUpdateLimit,
    schemas: zoomMeetingSchemas(config.trustedJoinHosts),
    logger,
    ...(limits ? { limits } : {}),
    ...(options.hosts ? { hosts: options.hosts } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
}

/** The app's token source: Server-to-Server, or the user-level login kept in the store. */
export function createTokenSource(
  config: ZoomConfig,
  options: Pick<ZoomClientOptions, 'observer' | 'login' | 'maxBodyBytes'>,
  now: () => Date,
  logger: ZoomLogger,
): AccessTokenSource {
  const common = {
    oauthUrl: config.oauthUrl,
    timeoutMs: config.requestTimeoutMs,
    now,
    report: callReporter('zoom', options.observer, logger),
    logger,
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
  };
  if (config.auth === 'user') {
    if (!options.login)
      throw new Error('zoom.auth "user" needs the store’s login (createZoomClient options.login)');
    return new UserOAuthTokenSource({
      ...common,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      login: options.login,
    });
  }
  return new S2SOAuthTokenSource({
    ...common,
    credentials: {
      accountId: config.accountId,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
    },
  });
}

/**
 * Throws a `ConfigError` naming every credential of the OAuth app that is not set (the app checks
 * this before it makes a database file): the account id too for a Server-to-Server app.
 */
export function requireZoomCredentials(config: ZoomConfig): void {
  const missing = (
    [
      ['accountId', 'ZOOM_ACCOUNT_ID', 'Account ID'],
      ['clientId', 'ZOOM_CLIENT_ID', 'Client ID'],
      ['clientSecret', 'ZOOM_CLIENT_SECRET or zoom.clientSecretFile', 'Client secret'],
    ] as const
  ).filter(([key]) => config[key].trim() === '' && (key !== 'accountId' || config.auth !== 'user'));
  if (missing.length === 0) return;
  throw new ConfigError(
    missing.map(
      ([key, env, label], i) =>
        `zoom.${key}: missing; set ${env} to the ${label} of zoomlink's ${config.auth === 'user' ? 'user-level' : 'Server-to-Server'} OAuth app (Zoom App Marketplace)` +
        (i === missing.length - 1
          ? '. JWT apps will not do: Zoom retired them in 2023, and an API key and secret no longer work'
          : ''),
    ),
  );
}
