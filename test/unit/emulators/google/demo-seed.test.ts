import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBookings } from '../../../../src/emulators/demo-bookings.js';
import { seedOrganisation } from '../../../../src/emulators/org.js';
import { startTestEmulators, type TestEmulators } from '../../../support/emulators.js';
import { control, type Json } from './google-harness.js';

const now = new Date('2030-03-13T09:00:00Z'); // a Wednesday

describe('emulators seeded with the demo organisation and bookings', () => {
  let emulators: TestEmulators;
  beforeAll(async () => {
    emulators = await startTestEmulators({ seed: 'demo', now });
  });
  afterAll(async () => emulators.cleanup());

  const roomItems = async (calendarId: string) => {
    const state = (
      await control(emulators.google, 'GET', `/state?calendar=${encodeURIComponent(calendarId)}`)
    ).body;
    return ((state.calendars as Json[]).find((c) => c.id === calendarId)!.items ?? []) as Json[];
  };

  it('starts both emulators on one clock set to now, with the env that points zoomlink at them', () => {
    expect(emulators.clock.now().getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(emulators.env.GOOGLE_ADMIN_SUBJECT).toBe(seedOrganisation.admin.email);
    expect(JSON.parse(emulators.env.GOOGLE_DOMAINS!)).toEqual([seedOrganisation.domain]);
    expect(emulators.info.people).toEqual(seedOrganisation.people.map((p) => p.email));
    expect(emulators.info.rooms.map((r) => r.zoomHost)).toEqual(
      seedOrganisation.rooms.map((r) => r.zoomHost),
    );
  });

  it('puts every demo booking on its room, accepted, with the exception and the cancelled instance', async () => {
    const all = (
      await Promise.all(seedOrganisation.rooms.map((r) => roomItems(r.calendarId)))
    ).flat();
    const live = all.filter((e) => e.status !== 'cancelled');
    const roomAnswers = live.flatMap((e) =>
      (e.attendees as Json[]).filter((a) => a.resource).map((a) => a.responseStatus),
    );
    expect(new Set(roomAnswers)).toEqual(new Set(['accepted']));
    const summaries = new Set(live.map((e) => e.summary));
    for (const label of [
      'Quarterly planning',
      'Weekly sync',
      'Monthly all-hands',
      'Design review',
      'Friday demo',
      'Month-end close',
      'Vendor call',
      'Partner workshop',
    ])
      expect([label, summaries.has(label)]).toEqual([label, true]);
    expect(live.filter((e) => e.recurringEventId).map((e) => e.summary)).toEqual(['Design review']);
    expect(
      all.filter((e) => e.status === 'cancelled').map((e) => Boolean(e.recurringEventId)),
    ).toEqual([true]);
    expect(live.find((e) => e.summary === 'Partner workshop')!.organizer).toMatchObject({
      email: seedOrganisation.externalOrganizers[0]!.email,
    });
    expect(live.find((e) => e.summary === 'Month-end close')!.recurrence).toEqual([
      'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1',
    ]);
    const unbounded = live.find((e) => e.summary === 'Friday demo')!.recurrence as string[];
    expect(unbounded.some((l) => /COUNT|UNTIL/.test(l))).toBe(false);
  });

  it('names the booking the demo cancels later, and it exists', async () => {
    const { toCancelLater } = demoBookings(now, seedOrganisation);
    const items = await roomItems(seedOrganisation.rooms[1]!.calendarId);
    expect(items.map((e) => e.id)).toContain(toCancelLater.eventId);
  });
});
