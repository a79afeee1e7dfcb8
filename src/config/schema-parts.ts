import { z } from 'zod';

/** Pieces several sections of the configuration schema use. */

export const url = z.url({ protocol: /^https?$/ });
/** Long enough that guessing it over HTTP is hopeless. */
export const MIN_TOKEN_LENGTH = 16;
export const duration = (what: string) => z.number().int().nonnegative().describe(what);

/**
 * The retry knobs of one upstream's calls: the call policy's budget and its backoff (both
 * upstreams retry the same way; what counts as worth a retry is each upstream's own).
 */
export const retrySettings = (
  retried: string,
  defaults: { maxRetries: number; maxMs: number },
) => ({
  maxRetries: z.number().int().min(0).max(10).default(defaults.maxRetries).describe(retried),
  retryBaseMs: duration('First retry delay in ms (doubles each retry, with jitter).').default(1000),
  retryMaxMs: duration('Longest single retry delay in ms.').default(defaults.maxMs),
});
