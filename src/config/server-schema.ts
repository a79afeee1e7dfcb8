import { z } from 'zod';
import { MIN_TOKEN_LENGTH } from './schema-parts.js';

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
  })
  .strict();
