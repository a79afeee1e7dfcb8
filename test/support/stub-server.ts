import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain HTTP server on 127.0.0.1 (port 0) that answers each request with what `answer` returns:
 * for answers no emulator gives (an endless chain of pages, ids beyond 2^53). It counts requests.
 */
export interface StubServer {
  url: string;
  /** Requests seen, as `METHOD /path?query`. */
  requests: string[];
  close(): Promise<void>;
}

export type StubAnswer = (request: IncomingMessage) => { status?: number; body: unknown };

export async function startStubServer(answer: StubAnswer): Promise<StubServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
    request.on('end', () => {
      const { status = 200, body } = answer(request);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
