import {
  startZoomEmulator,
  type ZoomEmulator,
  type ZoomEmulatorOptions,
} from '../../../../src/emulators/zoom/index.js';

/** A fixed "now" for every test: a Wednesday, before the 2024 DST changes in Europe and the US. */
export const NOW = '2024-03-06T12:00:00Z';

export const HOSTS = [
  { email: 'room1@example.com', firstName: 'Room', lastName: 'One', timezone: 'Europe/Berlin' },
  { email: 'room2@example.com', firstName: 'Room', lastName: 'Two', timezone: 'America/New_York' },
];

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ZoomHarness {
  zoom: ZoomEmulator;
  token: string;
  /** A call to the Zoom API with the harness's bearer token (`path` under `/v2`). */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer<T>>;
  /** A call to the control API (`path` under `/_emulator`). */
  control<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>>;
  newToken(): Promise<string>;
  /** Control reset, the clock back to NOW, a fresh token. */
  reset(): Promise<void>;
  /** Creates a meeting for room1 and returns its body. */
  create<T = Record<string, unknown>>(body: Record<string, unknown>, host?: string): Promise<T>;
  close(): Promise<void>;
}

export async function startHarness(options: ZoomEmulatorOptions = {}): Promise<ZoomHarness> {
  const zoom = await startZoomEmulator({ users: HOSTS, ...options });
  zoom.server.clock.set(new Date(NOW));
  const basic = Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64');
  const newToken = async () => {
    const response = await fetch(`${zoom.oauthUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `grant_type=account_credentials&account_id=${zoom.accountId}`,
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const harness: ZoomHarness = {
    zoom,
    token: await newToken(),
    async call(method, path, body, headers = {}) {
      return send(`${zoom.apiUrl}${path}`, method, body, {
        authorization: `Bearer ${harness.token}`,
        ...headers,
      });
    },
    async control(method, path, body) {
      return send(`${zoom.controlUrl}${path}`, method, body, {});
    },
    newToken,
    async reset() {
      await harness.control('POST', '/reset');
      zoom.server.clock.set(new Date(NOW));
      harness.token = await newToken();
    },
    async create(body, host = 'room1@example.com') {
      const answer = await harness.call('POST', `/users/${host}/meetings`, body);
      if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${answer.text}`);
      return answer.body as never;
    },
    close: () => zoom.close(),
  };
  return harness;
}

async function send<T>(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Answer<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export interface Occurrence {
  occurrence_id: string;
  start_time: string;
  duration: number;
  status: string;
}

export interface Meeting {
  id: number;
  uuid: string;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  start_time?: string;
  duration: number;
  timezone: string;
  agenda: string;
  join_url: string;
  password: string;
  status: string;
  occurrences?: Occurrence[];
  recurrence?: Record<string, unknown>;
  settings: Record<string, unknown>;
}

/** The starts of a meeting's occurrences, UTC. */
export function starts(meeting: Meeting): string[] {
  return (meeting.occurrences ?? []).map((o) => o.start_time);
}
