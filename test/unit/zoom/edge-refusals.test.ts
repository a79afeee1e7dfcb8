import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoomClient } from '../../../src/zoom/client.js';
import { ZoomHttp } from '../../../src/zoom/http.js';
import { ZoomApiError } from '../../../src/zoom/index.js';

/**
 * Answers no emulator gives, from a plain HTTP server that sends the JSON text it is told to:
 * meeting ids beyond 2^53 − 1 (JSON.parse rounds them, so they must be refused, not used).
 */
const huge = '9007199254740993'; // 2^53 + 1: read as 9007199254740992
const meetingText = (id: string) =>
  `{"id":${id},"uuid":"u","host_id":"h","topic":"t","type":2,"join_url":"https://zoom.us/j/${id}"}`;

describe('Zoom client: answers refused at the edge', () => {
  let server: Server;
  let body = '';
  let status = 200;
  let client: ZoomClient;
  let calls = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      calls += 1;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const now = () => new Date('2030-03-04T08:00:00Z');
    const http = new ZoomHttp({
      apiUrl: `http://127.0.0.1:${port}/v2`,
      timeoutMs: 5000,
      concurrency: 1,
      retry: { maxRetries: 2, baseMs: 1, maxMs: 5 },
      tokens: { token: async () => 'token', invalidate: () => undefined },
      now,
    });
    client = new ZoomClient({ http, now, dailyCreateUpdateLimit: 100 });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const answer = (text: string, code = 200) => {
    body = text;
    status = code;
    calls = 0;
  };

  it('refuses a meeting id above 2^53 − 1 with ZOOM_MEETING_ID_TOO_LARGE, once', async () => {
    answer(meetingText(huge));
    const read = await client.getMeeting(1).catch((error: unknown) => error);
    expect(read).toBeInstanceOf(ZoomApiError);
    expect(read).toMatchObject({
      code: 'ZOOM_MEETING_ID_TOO_LARGE',
      retryable: false,
      outcomeUnknown: false,
    });
    expect((read as Error).message).toMatch(/id is above 9007199254740991 \(2\^53 − 1\)/);
    expect(calls).toBe(1);

    answer(meetingText(huge), 201);
    const made = await client
      .createMeeting('room@example.com', { type: 2, topic: 't' })
      .catch((error: unknown) => error);
    // Zoom made a meeting zoomlink cannot name: the caller must look before making another.
    expect(made).toMatchObject({ code: 'ZOOM_MEETING_ID_TOO_LARGE', outcomeUnknown: true });

    answer(
      `{"next_page_token":"","meetings":[${meetingText('81234567890')},${meetingText(huge)}]}`,
    );
    expect(await client.listMeetings('room@example.com').catch((e: unknown) => e)).toMatchObject({
      code: 'ZOOM_MEETING_ID_TOO_LARGE',
    });
  });

  it('takes the largest id a number holds exactly', async () => {
    answer(meetingText(String(Number.MAX_SAFE_INTEGER)));
    expect((await client.getMeeting(1))?.id).toBe(Number.MAX_SAFE_INTEGER);
  });
});
