import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** A webhook: told the headers and body of a POST, answers a status. */
export type WebhookHandler = (headers: IncomingHttpHeaders, body: Buffer) => number;

const maxBodyBytes = 64 * 1024;

/**
 * Answers a webhook POST. Webhooks come from Google or Zoom, not from a browser: they carry their
 * own proof (a channel token, a signature), so neither server.token nor the loopback Host check
 * applies to them; everything else on the server stays read-only.
 */
export async function answerWebhook(
  request: IncomingMessage,
  response: ServerResponse,
  handler: WebhookHandler,
): Promise<void> {
  if (request.method !== 'POST') {
    response.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' });
    response.end('only POST\n');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      response.end('body too large\n');
      return;
    }
    chunks.push(chunk);
  }
  const status = handler(request.headers, Buffer.concat(chunks));
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(status < 300 ? 'ok\n' : status === 404 ? 'unknown channel\n' : 'refused\n');
}
