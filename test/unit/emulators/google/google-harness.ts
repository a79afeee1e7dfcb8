import { createPrivateKey, sign } from 'node:crypto';
import {
  startGoogleEmulator,
  type GoogleEmulator,
  type GoogleEmulatorOptions,
} from '../../../../src/emulators/google/index.js';
import { NOW } from '../../../support/time.js';

/**
 * A Google emulator with a small organisation, and plain-HTTP helpers: tokens come from a real
 * RS256 JWT-bearer assertion signed here with node:crypto, so these tests need no client library.
 */
export const domain = 'example.com';
export const admin = 'admin@example.com';
export const alice = 'alice@example.com';
export const bob = 'bob@example.com';
export const outsider = 'dana@partner.example.net';
export const room = 'c_188a2b7q3ns0kgqbhdkqf1v4c6e1k@resource.calendar.google.com';
export const room2 = 'c_1883kn5pqf4uqi0ejf2m4qmkf9s5e@resource.calendar.google.com';
export const calendarScope = 'https://www.googleapis.com/auth/calendar';
export const directoryScope =
  'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly';
export const zone = 'Europe/Berlin';

export type Json = Record<string, unknown> & {
  items?: Json[];
  error?: { code: number; errors: Json[]; message: string };
};

export async function startOrgEmulator(
  options: GoogleEmulatorOptions = {},
): Promise<GoogleEmulator> {
  const emulator = await startGoogleEmulator({ domain, ...options });
  emulator.addPerson({ email: admin, name: 'Ada Admin', admin: true });
  emulator.addPerson({ email: alice, name: 'Alice Chen' });
  emulator.addPerson({ email: bob, name: 'Bob Müller' });
  emulator.addPerson({ email: outsider, name: 'Dana Okafor' });
  emulator.addRoom({
    calendarId: room,
    resourceName: 'Boardroom',
    capacity: 12,
    buildingId: 'BER',
    floorName: '3',
  });
  emulator.addRoom({
    calendarId: room2,
    resourceName: 'Huddle',
    capacity: 4,
    buildingId: 'BER',
    floorName: '2',
  });
  emulator.server.clock.set(new Date(NOW));
  return emulator;
}

export function signAssertion(
  privateKeyPem: string,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = `${part(header)}.${part(claims)}`;
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(signed),
    createPrivateKey(privateKeyPem),
  ).toString('base64url');
  return `${signed}.${signature}`;
}

export function claimsFor(
  emulator: GoogleEmulator,
  subject: string | undefined,
  scopes: string[],
): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: emulator.serviceAccountKey.client_email,
    scope: scopes.join(' '),
    aud: 'https://oauth2.googleapis.com/token',
    iat,
    exp: iat + 3600,
    ...(subject ? { sub: subject } : {}),
  };
}

export async function postToken(
  emulator: GoogleEmulator,
  form: Record<string, string>,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(emulator.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

export async function tokenFor(
  emulator: GoogleEmulator,
  subject: string,
  scopes = [calendarScope, directoryScope],
): Promise<string> {
  const { status, body } = await postToken(emulator, {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: signAssertion(
      emulator.serviceAccountKey.private_key,
      claimsFor(emulator, subject, scopes),
    ),
  });
  if (status !== 200) throw new Error(`token for ${subject}: ${status} ${JSON.stringify(body)}`);
  return String(body.access_token);
}

export interface Api {
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      query?: Record<string, string | string[]>;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: Json; headers: Headers }>;
  events(calendarId: string): string;
  event(calendarId: string, eventId: string): string;
}

/** Calls the API as `subject` (a fresh delegated token). */
export async function apiAs(emulator: GoogleEmulator, subject: string): Promise<Api> {
  const token = await tokenFor(emulator, subject);
  return {
    async call(method, path, options = {}) {
      const url = new URL(path, emulator.rootUrl);
      for (const [k, v] of Object.entries(options.query ?? {}))
        for (const value of Array.isArray(v) ? v : [v]) url.searchParams.append(k, value);
      const send = () =>
        fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...options.headers,
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        });
      // A kept-alive connection the server closed while idle can fail once on reuse; a GET is
      // safe to send again (as gaxios would).
      const response = await send().catch((error: unknown) => {
        if (method === 'GET') return send();
        throw error;
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : {}) as Json,
        headers: response.headers,
      };
    },
    events: (calendarId) => `calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`,
    event: (calendarId, eventId) =>
      `calendar/v3/calendars/${encodeURIComponent(calendarId)}/events/${encodeURIComponent(eventId)}`,
  };
}

export async function control(
  emulator: GoogleEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${emulator.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

/** A timed event body in Europe/Berlin wall-clock time. */
export function timed(
  summary: string,
  start: string,
  end: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    summary,
    start: { dateTime: start, timeZone: zone },
    end: { dateTime: end, timeZone: zone },
    ...extra,
  };
}

/** Every page of a listing, following nextPageToken; returns items and the page bodies. */
export async function listAll(
  api: Api,
  calendarId: string,
  query: Record<string, string | string[]> = {},
): Promise<{ items: Json[]; pages: Json[] }> {
  const pages: Json[] = [];
  let pageToken: string | undefined;
  do {
    const { status, body } = await api.call('GET', api.events(calendarId), {
      query: { ...query, ...(pageToken ? { pageToken } : {}) },
    });
    if (status !== 200) throw new Error(`list ${calendarId}: ${status} ${JSON.stringify(body)}`);
    pages.push(body);
    pageToken = body.nextPageToken as string | undefined;
  } while (pageToken);
  return { items: pages.flatMap((p) => p.items ?? []), pages };
}
