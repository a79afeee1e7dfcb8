import { z } from 'zod';
import { isLoopbackHost } from './loopback.js';
import { MIN_TOKEN_LENGTH } from './schema-parts.js';

/**
 * Empty, or an absolute HTTPS URL (Google posts only to HTTPS, Calendar push guide,
 * developers.google.com/workspace/calendar/api/guides/push); plain HTTP only to a loopback host
 * (the demo, tests).
 */
const publicUrl = z.string().superRefine((value, context) => {
  if (value === '') return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({
      code: 'custom',
      message: `not a URL: give the HTTPS address Google reaches this server at, e.g. "https://zoomlink.example.com", or leave it empty`,
    });
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    context.addIssue({
      code: 'custom',
      message: `Google delivers push notifications only to HTTPS addresses; "${value}" is ${url.protocol.replace(':', '')}. Put the daemon behind a reverse proxy with a valid certificate and give its https:// URL`,
    });
  if (url.search !== '' || url.hash !== '')
    context.addIssue({ code: 'custom', message: 'give the URL without a query or fragment' });
});

/** `server` in the configuration: the daemon's HTTP server. */
export const serverSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Serve health, metrics and the status page.'),
    host: z
      .string()
      .default('127.0.0.1')
      .describe('Address the HTTP server binds to. Beyond loopback, set server.token.'),
    port: z.number().int().min(0).max(65535).default(8787).describe('HTTP server port (0 = any).'),
    token: z
      .string()
      .refine((token) => token === '' || token.length >= MIN_TOKEN_LENGTH, {
        message: `at least ${MIN_TOKEN_LENGTH} characters: make a long random one (e.g. \`openssl rand -hex 32\`), or leave it empty to serve loopback only`,
      })
      .default('')
      .describe(
        'Bearer token required for every endpoint but /healthz (at least 16 characters). Required when bound beyond loopback.',
      ),
    tokenFile: z
      .string()
      .default('')
      .describe('A file holding server.token (used when token is empty).'),
    readyMaxLagSeconds: z
      .number()
      .int()
      .min(1)
      .default(300)
      .describe('/readyz fails for a room whose last good poll is older than this.'),
    healthMaxBusySeconds: z
      .number()
      .int()
      .min(60)
      .default(3600)
      .describe(
        '/healthz fails when one pass has run longer than this (a hung daemon a supervisor should restart).',
      ),
    publicUrl: publicUrl
      .default('')
      .describe(
        'The HTTPS URL at which Google reaches this server (e.g. through a reverse proxy). When set, each watched room gets a Google push channel posting to <publicUrl>/webhooks/google; empty = polling only.',
      ),
  })
  .strict();
