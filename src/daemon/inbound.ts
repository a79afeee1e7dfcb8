import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/**
 * Calls from upstream services (Zoom webhooks, and other pushes): POST to a fixed path, answered
 * by a handler that authenticates the call itself (a signature, a channel token), so they skip
 * the server token and the loopback-name rule that guard the pages — Zoom can send neither.
 * The body is read whole, up to `inboundBodyLimit`, and handed over as raw bytes (a signature is
 * over the bytes as sent).
 */
export interface InboundRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface InboundAnswer {
  status: number;
  /** Sent as JSON when an object, as text when a string. */
  body: Record<string, unknown> | string;
}

export type InboundHandler = (request: InboundRequest) => Promise<InboundAnswer> | InboundAnswer;

/** Path (exact) -> handler. */
export type InboundRoutes = ReadonlyMap<string, InboundHandler>;

/** Zoom's event bodies are a few KB; anything this large is not one. */
export const inboundBodyLimit = 256 * 1024;

export async function serveInbound(
  request: IncomingMessage,
  response: ServerResponse,
  handler: InboundHandler,
): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    return answer(response, { status: 405, body: 'only POST\n' });
  }
  const rawBody = await readBody(request);
  if (rawBody === undefined) {
    return answer(response, { status: 413, body: 'body too large\n' });
  }
  return answer(response, await handler({ headers: request.headers, rawBody }));
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > inboundBodyLimit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, { status, body }: InboundAnswer): void {
  const json = typeof body !== 'string';
  const bytes = Buffer.from(json ? `${JSON.stringify(body)}\n` : body, 'utf8');
  response.writeHead(status, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': bytes.length,
  });
  response.end(bytes);
}
