import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeHref } from '../../../src/daemon/html.js';
import { renderStatusPage, statusPageStyleHash } from '../../../src/daemon/status-page.js';
import { readStatus, type DaemonInfo } from '../../../src/daemon/status-model.js';
import { flat, section } from './page-text.js';
import { booking, now, seededStore } from './store-fixture.js';

const daemon: DaemonInfo = {
  mode: 'live',
  version: '0.1.0',
  startedAt: new Date('2025-03-03T08:00:00Z'),
  jobs: [
    {
      name: 'poll',
      schedule: '* * * * *',
      state: 'idle',
      runs: 3,
      failures: 0,
      skipped: 0,
      lastStartedAt: new Date('2025-03-03T08:59:30Z'),
      lastFinishedAt: new Date('2025-03-03T08:59:31Z'),
      lastOk: true,
      lastError: null,
      nextRunAt: new Date('2025-03-03T09:01:00Z'),
    },
  ],
  readyMaxLagSeconds: 300,
};

function rawPage(options: Parameters<typeof seededStore>[0] = {}, info: DaemonInfo = daemon) {
  const store = seededStore(options);
  try {
    return renderStatusPage(readStatus(store, info, now));
  } finally {
    store.close();
  }
}

const page = (...args: Parameters<typeof rawPage>) => flat(rawPage(...args));

describe('status page', () => {
  it('shows rooms with last poll, lag and error', () => {
    const rooms = section(page(), 'rooms');
    expect(rooms).toContain('Boardroom');
    expect(rooms).toContain('30 s'); // lag of the good room
    expect(rooms).toContain('Huddle 2A');
    expect(rooms).toContain('no good poll yet');
    expect(rooms).toContain('GOOGLE_DELEGATION_REFUSED: delegation refused for admin@example.com');
  });

  it('shows upcoming linked bookings with their Zoom links, soonest first, not past ones', () => {
    const upcoming = section(page(), 'upcoming');
    expect(upcoming).toContain('href="https://zoom.example/j/85746065432?pwd=abc"');
    expect(upcoming).toContain('Tue 4 Mar 10:00 Europe/Berlin');
    expect(upcoming).toContain('repeats weekly');
    expect(upcoming).not.toContain('retro');
    // The series has begun its window: it sorts before tomorrow's single booking.
    expect(upcoming.indexOf('Weekly sync')).toBeLessThan(upcoming.indexOf('Quarterly planning'));
    expect(upcoming).toContain('Boardroom, Huddle 2A');
  });

  it('names a series’ Zoom side as the link keeps it: pattern, occurrences, how many removed', () => {
    const store = seededStore();
    try {
      store.links.update('evseries', { reason: 'weekly on Tuesday, 16 occurrences, 8 removed' });
      const upcoming = section(flat(renderStatusPage(readStatus(store, daemon, now))), 'upcoming');
      expect(upcoming).toContain('series: weekly on Tuesday, 16 occurrences, 8 removed');
      // A single booking says its strategy alone.
      expect(upcoming).toContain('meeting 85746065432 · single');
    } finally {
      store.close();
    }
  });

  it('shows the first 50 upcoming bookings of many, soonest first, and how many there are', () => {
    const store = seededStore();
    try {
      for (let i = 0; i < 70; i += 1) {
        const start = new Date(now.getTime() + (70 - i) * 3_600_000);
        const end = new Date(start.getTime() + 1_800_000);
        store.links.upsert({
          eventId: `ev${i}`,
          icalUid: `ev${i}@google.com`,
          strategy: 'single',
          state: i % 7 === 0 ? 'deleted' : 'linked',
          zoomMeetingId: 1000 + i,
          joinUrl: `https://zoom.example/j/${1000 + i}`,
          eventSnapshot: booking(`ev${i}`, `Booking ${i}`, start.toISOString(), end.toISOString()),
          span: { startsAt: start, endsAt: end },
        });
      }
      const model = readStatus(store, daemon, now);
      // 60 of the 70 are linked, plus the seeded single and series (the retro is over).
      expect(model.upcomingTotal).toBe(62);
      expect(model.upcoming).toHaveLength(50);
      expect(model.upcoming.slice(0, 3).map((b) => b.title)).toEqual([
        'Booking 69',
        'Booking 68',
        'Booking 67',
      ]);
      expect(model.upcoming.map((b) => b.title)).not.toContain('Booking 63');
      expect(renderStatusPage(model)).toContain('(first 50 of 62)');
    } finally {
      store.close();
    }
  });

  it('shows failures with reason and next retry, and parked hosts', () => {
    const text = page();
    const failures = section(text, 'failures');
    expect(failures).toContain('Vendor call');
    expect(failures).toContain('ZOOM_USER_NOT_FOUND');
    expect(failures).toContain('in 2 min');
    const parked = section(text, 'parked');
    expect(parked).toContain('zoom-training@example.com');
    expect(parked).toContain('2025-03-04T00:00:00.000Z');
  });

  it('links every row that names a booking, and every block of the week, to the booking’s page', () => {
    const text = page();
    expect(section(text, 'upcoming')).toContain(
      '<a href="bookings/evsingle"><strong><bdi>Quarterly planning</bdi></strong></a>',
    );
    expect(section(text, 'upcoming')).toContain(
      '<a href="bookings/evseries"><strong><bdi>Weekly sync</bdi></strong></a>',
    );
    expect(section(text, 'failures')).toContain(
      '<a href="bookings/evfailed"><strong><bdi>Vendor call</bdi></strong></a>',
    );
    const week = section(text, 'week');
    expect(week).toContain('<a href="bookings/evsingle"><rect ');
    expect(week).toContain('<g class="k-failed"><a href="bookings/evfailed"><rect ');
  });

  it('says clearly when it is a demo, and only then', () => {
    expect(page({}, { ...daemon, mode: 'demo' })).toContain(
      'built-in Google Calendar and Zoom emulators',
    );
    expect(page()).not.toContain('emulators');
  });

  it('escapes hostile titles, names and errors: no markup of theirs reaches the page', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'`&';
    const text = page({ title: hostile, organizer: hostile, error: hostile });
    expect(text).not.toContain('<script>alert');
    expect(text).not.toContain('<img');
    expect(text).toContain(escapeHtml(hostile));
    expect(text.match(/<script/g)).toBeNull();
  });

  it('escapes any title whatsoever', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `${s}<b x="'">&`),
        (title) => {
          const text = rawPage({ title });
          return text.includes(escapeHtml(title)) && !text.includes(title);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('renders a join URL that is not http(s) as text, never as a link', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(safeHref('https://zoom.us/j/1?pwd=a"b')).toBe('https://zoom.us/j/1?pwd=a%22b');
  });

  it('html`` escapes values but keeps nested html`` as markup', () => {
    const inner = html`<em>${'<b>'}</em>`;
    expect(html`<p>${inner}${'&'}${[inner, inner]}${null}${3}</p>`.text).toBe(
      '<p><em>&lt;b&gt;</em>&amp;<em>&lt;b&gt;</em><em>&lt;b&gt;</em>3</p>',
    );
  });

  it('loads nothing from elsewhere and is readable on a phone', () => {
    const text = page();
    expect(text).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1"/);
    expect(text).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(text).not.toMatch(/src=|url\(/);
    expect(text).toContain('@media (max-width:640px)');
  });

  it('carries exactly the stylesheet the Content-Security-Policy hash allows', () => {
    const styles = [...rawPage().matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = `sha256-${createHash('sha256').update(styles[0]!).digest('base64')}`;
    expect(hash).toBe(statusPageStyleHash);
  });

  it('shows the work queue: what waits, for how long, and each rate limiter’s wait', () => {
    const store = seededStore();
    try {
      store.queue.put('waiting', {
        events: [],
        priorityAt: '2025-03-04T09:00:00Z',
      });
      store.queue.put('held', { events: [], priorityAt: '2025-03-05T09:00:00Z', heldRoom: 'x' });
      const info: DaemonInfo = {
        ...daemon,
        work: {
          inFlight: 3,
          limiters: [
            {
              name: 'zoom.Medium',
              ratePerSecond: 57,
              currentRatePerSecond: 28.5,
              waitMs: 1500,
              waiting: 2,
              admitted: 40,
              waitedMs: 900,
              slowDowns: 1,
            },
          ],
        },
      };
      const later = new Date(now.getTime() + 90_000);
      const queue = section(
        renderStatusPage(readStatus(store, info, later)).replace(/\s+/g, ' '),
        'queue',
      );
      expect(queue).toContain('<strong>1</strong> queued');
      expect(queue).toContain('<strong>3</strong> being worked on');
      expect(queue).toContain('<strong>1</strong> waiting for their series');
      expect(queue).toContain('oldest waiting <strong>90 s</strong>');
      expect(queue).toContain('zoom.Medium');
      expect(queue).toContain('29 of 57 a second');
      expect(queue).toContain('1.5 s');
    } finally {
      store.close();
    }
  });
});
