/**
 * `npm run bench google`: how fast the Google adapter reads a room calendar with 10,000 bookings
 * from the Google emulator, and what an incremental sync costs when nothing (or little) changed.
 *
 * The emulator runs in this process, so "events/s" includes the emulator's own work (listing,
 * rendering JSON); the bare `fetch` row reads the same pages with nothing but `fetch` and
 * `JSON.parse`, so the difference is what the adapter adds (googleapis/gaxios, auth headers, the
 * retry wrapper, zod parsing and normalisation of every event).
 */
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { configSchema } from '../src/config/index.js';
import { startGoogleEmulator, type GoogleEmulator } from '../src/emulators/google/index.js';
import { createGoogleAdapter, GoogleScopes, type GoogleAdapter } from '../src/google/index.js';
import { createLogger } from '../src/log.js';

const EVENTS = 10_000;
const RUNS = 3;
const NOW = '2030-03-04T08:00:00Z';
const admin = 'admin@example.com';
const organizer = 'ana@example.com';
const room = 'c_188a2b7q3ns0kgqbhdkqf1v4c6e1k@resource.calendar.google.com';
const listRoute = 'GET /calendar/v3/calendars/:calendarId/events';
const tokenRoute = 'POST /token';
const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });

interface Pass {
  events: number;
  pages: number;
  token?: string;
  ms: number;
}

async function seed(emulator: GoogleEmulator): Promise<number> {
  emulator.server.clock.set(new Date(NOW));
  await emulator.server.switches.update({ roomAutoDecline: false });
  emulator.addPerson({ email: admin, admin: true });
  emulator.addPerson({ email: organizer });
  emulator.addRoom({ calendarId: room, resourceName: 'Boardroom' });
  const started = performance.now();
  const base = Date.parse(NOW) + 24 * 3600 * 1000;
  for (let i = 0; i < EVENTS; i += 1) {
    const start = new Date(base + i * 30 * 60 * 1000);
    const end = new Date(start.getTime() + 25 * 60 * 1000);
    await emulator.insertEventAs(organizer, organizer, {
      summary: `Booking ${i}`,
      description: `Agenda for booking ${i}.`,
      start: { dateTime: start.toISOString(), timeZone: 'Europe/Berlin' },
      end: { dateTime: end.toISOString(), timeZone: 'Europe/Berlin' },
      // One booking in 20 is a weekly series, as real room calendars mix both.
      ...(i % 20 === 0 ? { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=8'] } : {}),
      attendees: [{ email: room, resource: true }],
    });
  }
  return performance.now() - started;
}

function adapterFor(emulator: GoogleEmulator, keyFile: string, pageSize: number): GoogleAdapter {
  const config = configSchema.parse({
    google: {
      serviceAccountKeyFile: keyFile,
      adminSubject: admin,
      calendarRootUrl: emulator.rootUrl,
      directoryRootUrl: emulator.rootUrl,
      tokenUrl: emulator.tokenUrl,
      pageSize,
      fullSyncDaysBack: 0,
    },
  });
  return createGoogleAdapter(config, {
    logger: quiet,
    now: () => emulator.server.clock.now(),
    rateLimits: false,
  });
}

async function readPass(adapter: GoogleAdapter, token: string | null): Promise<Pass> {
  const started = performance.now();
  const pass: Pass = { events: 0, pages: 0, ms: 0 };
  for await (const page of adapter.readChanges(room, token)) {
    pass.pages += 1;
    pass.events += page.events.length;
    if (page.nextSyncToken) pass.token = page.nextSyncToken;
  }
  pass.ms = performance.now() - started;
  return pass;
}

/** The same full pass with bare fetch + JSON.parse and a token from the user-OAuth grant. */
async function barePass(emulator: GoogleEmulator, pageSize: number, accessToken: string) {
  const started = performance.now();
  let events = 0;
  let pageToken: string | undefined;
  do {
    const url = new URL(
      `calendar/v3/calendars/${encodeURIComponent(room)}/events`,
      emulator.rootUrl,
    );
    url.searchParams.set('singleEvents', 'false');
    url.searchParams.set('showDeleted', 'true');
    url.searchParams.set('maxResults', String(pageSize));
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
    const page = (await response.json()) as { items?: unknown[]; nextPageToken?: string };
    events += page.items?.length ?? 0;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return { events, ms: performance.now() - started };
}

async function bareToken(emulator: GoogleEmulator): Promise<string> {
  const refresh = emulator.issueRefreshToken(admin, [GoogleScopes.readEvents]);
  const response = await fetch(emulator.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: emulator.oauthClient.clientId,
      client_secret: emulator.oauthClient.clientSecret,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const calls = (emulator: GoogleEmulator) => emulator.server.calls.summary({ log: false }).byRoute;

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export async function run(): Promise<void> {
  const emulator = await startGoogleEmulator({ port: 0 });
  try {
    const seedMs = await seed(emulator);
    const keyFile = emulator.writeServiceAccountKeyFile();
    const access = await bareToken(emulator);
    console.log(
      `Room with ${EVENTS} bookings (${EVENTS / 20} of them weekly series), seeded in ${(seedMs / 1000).toFixed(1)} s. Median of ${RUNS} runs; fresh adapter (new token) per run.\n`,
    );

    const fullRows: (string | number)[][] = [];
    for (const pageSize of [250, 2500]) {
      const runs: Pass[] = [];
      let listCalls = 0;
      let tokenCalls = 0;
      for (let r = 0; r < RUNS; r += 1) {
        emulator.server.calls.clear();
        runs.push(await readPass(adapterFor(emulator, keyFile, pageSize), null));
        listCalls = calls(emulator)[listRoute] ?? 0;
        tokenCalls = calls(emulator)[tokenRoute] ?? 0;
      }
      const ms = median(runs.map((p) => p.ms));
      const events = runs[0]!.events;
      fullRows.push([
        'adapter (googleapis)',
        pageSize,
        events,
        `${listCalls} list + ${tokenCalls} token`,
        ms.toFixed(0),
        Math.round(events / (ms / 1000)),
      ]);
      const bare = [];
      for (let r = 0; r < RUNS; r += 1) bare.push(await barePass(emulator, pageSize, access));
      const bareMs = median(bare.map((b) => b.ms));
      fullRows.push([
        'bare fetch',
        pageSize,
        bare[0]!.events,
        `${listCalls} list`,
        bareMs.toFixed(0),
        Math.round(bare[0]!.events / (bareMs / 1000)),
      ]);
    }
    console.log('### Full sync of one room\n');
    console.log(table(['via', 'page size', 'events', 'API calls', 'ms', 'events/s'], fullRows));

    // Incremental syncs on one long-lived adapter, as the daemon polls.
    const adapter = adapterFor(emulator, keyFile, 250);
    let token = (await readPass(adapter, null)).token ?? null;
    const incRows: (string | number)[][] = [];
    const poll = async (what: string, polls: number) => {
      emulator.server.calls.clear();
      let events = 0;
      let ms = 0;
      for (let i = 0; i < polls; i += 1) {
        const pass = await readPass(adapter, token);
        events += pass.events;
        ms += pass.ms;
        token = pass.token ?? token;
      }
      const byRoute = calls(emulator);
      incRows.push([
        what,
        polls,
        events,
        ((byRoute[listRoute] ?? 0) / polls).toFixed(2),
        ((byRoute[tokenRoute] ?? 0) / polls).toFixed(2),
        (ms / polls).toFixed(1),
      ]);
    };
    await poll('nothing changed', 10);
    for (let i = 0; i < 10; i += 1) {
      const state = (await (
        await fetch(`${emulator.controlUrl}/state?calendar=${encodeURIComponent(organizer)}`)
      ).json()) as { calendars: { id: string; items?: { id: string }[] }[] };
      const id = state.calendars.find((c) => c.id === organizer)?.items?.[i * 7]?.id;
      await fetch(`${emulator.controlUrl}/events/${encodeURIComponent(organizer)}/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: organizer, event: { description: `changed ${i}` } }),
      });
    }
    await poll('10 bookings changed', 1);
    await poll('nothing changed again', 10);
    console.log('\n### Incremental sync of the same room (syncToken, page size 250)\n');
    console.log(
      table(
        [
          'since the last poll',
          'polls',
          'events returned',
          'events.list calls per poll',
          'token calls per poll',
          'ms per poll',
        ],
        incRows,
      ),
    );
  } finally {
    await emulator.close();
  }
}
