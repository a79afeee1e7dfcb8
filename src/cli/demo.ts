import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { loadConfig, type Config } from '../config/index.js';
import { describeError } from '../errors.js';
import { demoBookings, demoEventId, type DemoStep } from '../emulators/demo-bookings.js';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import { controlCall } from '../emulators/kit/index.js';
import { seedOrganisation } from '../emulators/org.js';
import type { Logger } from '../log.js';
import { withDemoPush } from './demo-push.js';

/**
 * Demo mode: what `zoomlink run` (and `npm start`) does on a machine with no credentials. Both
 * emulators start on loopback with the demo organisation and its bookings, the configuration is
 * pointed at them (exactly the environment `zoomlink emulators` prints) with a throwaway database,
 * and a booking is changed every little while through the Google emulator's control API, as a
 * person would in the calendar, so an onlooker sees the daemon follow. Nothing of this touches the
 * configured database or any real account.
 */
export interface Demo {
  readonly config: Config;
  readonly emulators: RunningEmulators;
  /** Begins changing a booking every `everySeconds` (0 = never). */
  startChanging(everySeconds: number): void;
  close(): Promise<void>;
}

export interface DemoOptions {
  /** The process environment the demo's configuration starts from. */
  env: NodeJS.ProcessEnv;
  /**
   * Where the demo says what it changes (a `demo change` line, a sentence in a readable log), so
   * that the cause stands in the same stream as the daemon's lines that follow it.
   */
  logger: Logger;
}

/** One change the demo made, as its `demo change` log line carries it (see log-sentences.ts). */
export interface DemoChange {
  change: 'moved' | 'booked' | 'renamed' | 'cancelled' | 'none';
  eventId?: string;
  title?: string;
  previousTitle?: string;
  roomName?: string;
  /** The new start (an instant with its offset) and its zone. */
  start?: string;
  timeZone?: string;
}

/** The demo polls often, so a change shows within seconds rather than a minute. */
const demoSchedule = { schedule: '*/10 * * * * *', jitterSeconds: 2 };

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const startedAt = new Date();
  const emulators = await startEmulators({
    seed: 'demo',
    now: startedAt,
    switches: { google: { pushAddress: 'http-allowed' } },
  });
  const folder = mkdtempSync(join(tmpdir(), 'zoomlink-demo-'));
  let config: Config;
  try {
    config = await withDemoPush(
      loadConfig({
        env: { ...options.env, ...emulators.env },
        overrides: { database: { path: join(folder, 'demo.db') }, sync: demoSchedule },
      }),
    );
  } catch (error) {
    await emulators.close();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const changes = demoChanges(emulators, startedAt);
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  return {
    config,
    emulators,
    startChanging(everySeconds) {
      if (everySeconds <= 0 || timer) return;
      timer = setInterval(() => {
        inFlight = changes
          .next()
          .then((change) => void options.logger.info('demo change', { ...change }))
          .catch((error: unknown) => {
            options.logger.warn('demo: changing a booking failed', { error: describeError(error) });
          });
      }, everySeconds * 1000);
    },
    async close() {
      clearInterval(timer);
      await inFlight;
      await emulators.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

interface Booking {
  as: string;
  calendarId: string;
  eventId: string;
  summary: string;
  roomName: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
}

/**
 * The changes the demo makes, in turn: move a meeting, add a booking, rename one, cancel one
 * (first the booking the seed marks for it, then the previous round's added one).
 */
function demoChanges(emulators: RunningEmulators, startedAt: Date) {
  const seeded = demoBookings(startedAt, seedOrganisation);
  const planning = bookingOf(seeded.steps, 'Quarterly planning');
  const oneToOne = bookingOf(seeded.steps, '1:1 Bob / Carol');
  const vendorCall = { ...bookingOf(seeded.steps, 'Vendor call'), ...seeded.toCancelLater };
  const [, huddle] = seedOrganisation.rooms;
  const [, bob] = seedOrganisation.people;
  const zone = seedOrganisation.timeZone;
  const toCancel: Booking[] = [];
  let round = 0;
  let step = 0;

  const call = controlCall(emulators.google.controlUrl, 'demo change');
  const eventPath = (b: Pick<Booking, 'calendarId' | 'eventId'>) =>
    `/events/${encodeURIComponent(b.calendarId)}/${encodeURIComponent(b.eventId)}`;

  const steps: Array<() => Promise<DemoChange>> = [
    async () => {
      const minutes = round % 2 === 0 ? 30 : -30;
      planning.start = shifted(planning.start, minutes);
      planning.end = shifted(planning.end, minutes);
      await call('PATCH', eventPath(planning), {
        as: planning.as,
        event: { start: planning.start, end: planning.end },
      });
      return { change: 'moved', ...said(planning), ...instant(planning.start) };
    },
    async () => {
      const day = DateTime.fromJSDate(startedAt, { zone }).startOf('day').plus({ days: 5 });
      const start = day.set({ hour: 8 + (round % 2) });
      const booking: Booking = {
        as: bob!.email,
        calendarId: bob!.email,
        eventId: demoEventId(`Coffee chat ${startedAt.getTime()} ${round}`),
        summary: `Coffee chat #${round + 1}`,
        roomName: huddle!.resourceName,
        start: local(start, zone),
        end: local(start.plus({ minutes: 30 }), zone),
      };
      await call('POST', '/events', {
        as: booking.as,
        calendarId: booking.calendarId,
        event: {
          id: booking.eventId,
          summary: booking.summary,
          start: booking.start,
          end: booking.end,
          attendees: [{ email: huddle!.calendarId, resource: true }],
        },
      });
      toCancel.push(booking);
      return { change: 'booked', ...said(booking), ...instant(booking.start) };
    },
    async () => {
      const renamed = oneToOne.summary.endsWith(' (agenda)')
        ? oneToOne.summary.slice(0, -' (agenda)'.length)
        : `${oneToOne.summary} (agenda)`;
      await call('PATCH', eventPath(oneToOne), { as: oneToOne.as, event: { summary: renamed } });
      const previousTitle = oneToOne.summary;
      oneToOne.summary = renamed;
      return { change: 'renamed', ...said(oneToOne), previousTitle };
    },
    async () => {
      const target = round === 0 ? vendorCall : toCancel.shift();
      if (!target) return { change: 'none' };
      await call('DELETE', `${eventPath(target)}?as=${encodeURIComponent(target.as)}`);
      return { change: 'cancelled', ...said(target) };
    },
  ];

  return {
    async next(): Promise<DemoChange> {
      const said = await steps[step]!();
      step = (step + 1) % steps.length;
      if (step === 0) round += 1;
      return said;
    },
  };
}

function bookingOf(steps: DemoStep[], label: string): Booking {
  const step = steps.find((s) => s.kind === 'insert' && s.label === label);
  if (!step || step.kind !== 'insert') throw new Error(`the demo seed has no booking "${label}"`);
  const event = step.event as Pick<Booking, 'start' | 'end'> & { attendees?: { email: string }[] };
  const room = seedOrganisation.rooms.find((r) =>
    event.attendees?.some((a) => a.email === r.calendarId),
  );
  return {
    as: step.as,
    calendarId: step.calendarId,
    eventId: demoEventId(label),
    summary: label,
    roomName: room?.resourceName ?? '',
    start: { ...event.start },
    end: { ...event.end },
  };
}

function local(time: DateTime, zone: string) {
  return {
    dateTime: time.toISO({ suppressMilliseconds: true, includeOffset: false })!,
    timeZone: zone,
  };
}

function shifted(time: { dateTime: string; timeZone: string }, minutes: number) {
  return local(
    DateTime.fromISO(time.dateTime, { zone: time.timeZone }).plus({ minutes }),
    time.timeZone,
  );
}

/** What a `demo change` line names of a booking. */
function said(booking: Booking): Pick<DemoChange, 'eventId' | 'title' | 'roomName'> {
  return { eventId: booking.eventId, title: booking.summary, roomName: booking.roomName };
}

/** A wall-clock time in its zone as the instant it is, with its zone. */
function instant(time: { dateTime: string; timeZone: string }) {
  return {
    start: DateTime.fromISO(time.dateTime, { zone: time.timeZone }).toISO()!,
    timeZone: time.timeZone,
  };
}
