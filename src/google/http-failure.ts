import { z } from 'zod';
import { decodeBody } from '../util/decode-body.js';
import { parseRetryAfter } from '../util/retry.js';
import type { GoogleFailure } from './classify-failure.js';

/**
 * What a failed googleapis call threw, reduced to the HTTP facts. The client throws gaxios'
 * `GaxiosError` (`response.status`, `response.data`, `response.headers` as a fetch `Headers`,
 * `config.url`) for an error status, and plain errors with a `code` (`ECONNRESET`…) or an abort
 * for timeouts when no response came. Read structurally, so no gaxios import is needed.
 */
const thrownShape = z.object({
  message: z.string().optional(),
  name: z.string().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  config: z.object({ url: z.unknown().optional() }).optional(),
  response: z
    .object({
      status: z.number(),
      data: z.unknown().optional(),
      headers: z.unknown().optional(),
    })
    .optional(),
});

export function toGoogleFailure(
  thrown: unknown,
  tokenUrls: readonly string[],
  now: Date,
): GoogleFailure {
  const parsed = thrownShape.safeParse(thrown);
  const error = parsed.success ? parsed.data : {};
  const url = error.config?.url === undefined ? '' : String(error.config.url);
  const response = error.response;
  // gaxios parses JSON bodies; text ones (a proxy's HTML page) stay strings.
  const body = response ? decodeBody(response.data) : undefined;
  const fromTokenEndpoint =
    tokenUrls.includes(url) || (response !== undefined && looksLikeOAuthError(body));
  if (!response) {
    const detail = [
      error.code,
      error.message ?? (thrown instanceof Error ? thrown.message : String(thrown)),
    ]
      .filter((part) => part !== undefined && part !== '')
      .join(': ');
    return { status: 0, body: undefined, fromTokenEndpoint, networkDetail: detail, cause: thrown };
  }
  return {
    status: response.status,
    body,
    fromTokenEndpoint,
    retryAfterMs: parseRetryAfter(headerValue(response.headers, 'retry-after'), now),
    cause: thrown,
  };
}

function looksLikeOAuthError(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { error?: unknown }).error === 'string'
  );
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
