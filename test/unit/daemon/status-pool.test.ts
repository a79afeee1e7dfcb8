import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/index.js';
import { poolSection, readPoolPage, zoomLoginProblem } from '../../../src/daemon/status-pool.js';
import type { LiveEvent } from '../../../src/domain/calendar-event.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { booking, now } from './store-fixture.js';

/**
 * The status page's Zoom-accounts section: the user-level login (and its fix when Zoom refused
 * it; /readyz reads the same), and the host pool's next 14 days as a timeline per host, with the
 * bookings waiting for a free host, each host's peak and the hosts the pool needs. Escaped.
 */
const config = configSchema.parse({
  zoom: { auth: 'user', clientId: 'id', clientSecret: 'secret' },
  rooms: {
    list: [{ calendarId: 'c_board@resource.calendar.google.com' }],
    hostPool: ['pool-a@example.com', 'pool-b@example.com'],
  },
});

/** A stored booking on a pool host (its event's `resource` is what the pool expands). */
function hold(
  store: Store,
  id: string,
  host: string | null,
  title: string,
  start: string,
  end: string,
  extra: Partial<LiveEvent> & { failed?: string } = {},
): void {
  const { failed, ...rest } = extra;
  const event = booking(id, title, start, end, {
    ...rest,
    resource: {
      start: { dateTime: start, timeZone: 'Europe/Berlin' },
      end: { dateTime: end, timeZone: 'Europe/Berlin' },
      ...(rest.recurrence ? { recurrence: rest.recurrence } : {}),
    },
  });
  store.links.upsert({
    eventId: id,
    icalUid: `${id}@google.com`,
    strategy: 'single',
    state: failed ? 'failed' : 'linked',
    zoomHost: host,
    zoomMeetingId: failed ? null : 80000000000 + id.length,
    eventSnapshot: event,
    ...(failed ? { lastError: failed } : {}),
  });
}

describe('status page: Zoom accounts (login and host pool)', () => {
  it('says when nobody logged in, when Zoom refused the login, and who is logged in', () => {
    const store = openStore({ path: ':memory:', now: () => now });
    try {
      expect(zoomLoginProblem(store, config)).toMatch(/^ZOOM_LOGIN_REQUIRED: nobody/);
      let text = poolSection(readPoolPage(store, config, now), now)!.text;
      expect(text).toContain('ZOOM_LOGIN_REQUIRED');
      expect(text).toContain('zoomlink zoom login');

      const record = store.zoomLogin.saveLogin({
        refreshToken: 'r',
        accessToken: 'a',
        accessExpiresAt: new Date(now.getTime() + 3_000_000),
        scopes: ['meeting:write:meeting:admin'],
      });
      store.zoomLogin.setUser('u1', 'it@example.com');
      expect(zoomLoginProblem(store, config)).toBeUndefined();
      text = poolSection(readPoolPage(store, config, now), now)!.text;
      expect(text).toContain('Logged in to Zoom');
      expect(text).toContain('it@example.com');
      expect(text).not.toContain('ZOOM_LOGIN_REQUIRED');

      store.zoomLogin.markLoginRequired(record.generation, 'Zoom refused the <b>refresh</b> token');
      expect(zoomLoginProblem(store, config)).toContain('Zoom refused the <b>refresh</b> token');
      text = poolSection(readPoolPage(store, config, now), now)!.text;
      expect(text).toContain('Zoom refused the &lt;b&gt;refresh&lt;/b&gt; token');
      expect(zoomLoginProblem(store, { zoom: { ...config.zoom, auth: 's2s' } })).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('draws each pool host’s next 14 days, the bookings waiting for a host, the peak and the hosts needed', () => {
    const store = openStore({ path: ':memory:', now: () => now });
    try {
      hold(
        store,
        'a1',
        'pool-a@example.com',
        'Board <script>',
        '2025-03-04T10:00:00+01:00',
        '2025-03-04T11:00:00+01:00',
      );
      hold(
        store,
        'b1',
        'Pool-B@example.com',
        'Weekly sync',
        '2025-03-04T10:30:00+01:00',
        '2025-03-04T11:30:00+01:00',
        {
          kind: 'master',
          recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
        },
      );
      hold(
        store,
        'w1',
        null,
        'Third room',
        '2025-03-04T10:15:00+01:00',
        '2025-03-04T10:45:00+01:00',
        {
          failed: 'HOST_POOL_EXHAUSTED: no Zoom host of rooms.hostPool is free',
        },
      );
      const view = readPoolPage(store, config, now);
      expect(view.pool!.hosts.map((h) => [h.host, h.bookings.length, h.peak])).toEqual([
        ['pool-a@example.com', 1, 1],
        ['pool-b@example.com', 1, 1],
      ]);
      expect(view.pool!.hosts[1]!.bookings[0]!.intervals).toHaveLength(2); // the third is past 14 days
      expect(view.pool!.waiting.map((w) => w.eventId)).toEqual(['w1']);
      expect(view.pool).toMatchObject({ peak: 3, hostsNeeded: 3 });
      expect(view.pool!.hosts[0]!.minutesByDay['2025-03-04']).toBe(60);

      const text = poolSection(view, now)!.text;
      expect(text.match(/<svg/g)).toHaveLength(4); // the day axis, two hosts, the waiting row
      expect(text.match(/<rect\b/g)?.length).toBe(3 + 1 + 2 + 1); // backgrounds + bars
      expect(text).toContain('Board &lt;script&gt;');
      expect(text).not.toContain('<script>');
      expect(text).not.toMatch(/style=/);
      expect(text).toContain('waiting for a free host');
      expect(text).toContain('the pool needs at least 3');
    } finally {
      store.close();
    }
  });
});
