/**
 * A response body as the upstreams hand it over, decoded once: JSON text parsed, an empty body
 * `undefined`, anything else (a proxy's HTML page, plain text) kept as text, and a body the HTTP
 * client already parsed left as it is.
 */
export function decodeBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data.trim() === '') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}
