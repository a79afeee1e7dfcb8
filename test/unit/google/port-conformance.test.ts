import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/index.js';
import { createGoogleAdapter } from '../../../src/google/index.js';
import type * as Ours from '../../../src/google/port-types.js';
import type * as Port from '../../../src/sync/ports.js';

/** True only when A and B are assignable both ways (the restated types equal the port's). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('the Google adapter and the sync engine’s CalendarPort', () => {
  it('restates the port’s types exactly', () => {
    const same: [
      Same<Ours.Room, Port.Room>,
      Same<Ours.EventPage, Port.EventPage>,
      Same<Ours.EventCopyRef, Port.EventCopyRef>,
      Same<Ours.EventCopy, Port.EventCopy>,
      Same<Ours.EventPatch, Port.EventPatch>,
      Same<Ours.ZoomConference, Port.ZoomConference>,
      Same<Ours.ModifyResult, Port.ModifyResult>,
    ] = [true, true, true, true, true, true, true];
    expect(same.every(Boolean)).toBe(true);
  });

  it('is a CalendarPort, and needs no credentials until it calls Google', async () => {
    const config = configSchema.parse({
      rooms: {
        list: [{ calendarId: 'r@resource.calendar.google.com', zoomHost: 'h@example.com' }],
      },
    });
    const port: Port.CalendarPort = createGoogleAdapter(config);
    expect(await port.listRooms()).toEqual([
      {
        calendarId: 'r@resource.calendar.google.com',
        name: 'r@resource.calendar.google.com',
        zoomHost: 'h@example.com',
      },
    ]);
  });
});
