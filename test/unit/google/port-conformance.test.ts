import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/index.js';
import { createGoogleAdapter } from '../../../src/google/index.js';
import type * as Port from '../../../src/domain/ports.js';

describe('the Google adapter and the sync engine’s CalendarPort', () => {
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
