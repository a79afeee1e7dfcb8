import { describe, expect, it } from 'vitest';
import { renderBlock } from '../../../src/invitation/index.js';
import {
  blockHashIn,
  foreignZoomLinks,
  withBlock,
  withoutBlock,
} from '../../../src/sync/plan/block.js';
import { bookingRooms } from '../../../src/sync/plan/booking-rooms.js';
import { bookingSpan } from '../../../src/sync/plan/booking-span.js';
import { nextAttemptAt, quotaExhaustedUntil } from '../../../src/sync/apply/failures.js';
import { zoomHashOf } from '../../../src/sync/plan/hashes.js';
import { KeyedLock } from '../../../src/util/keyed-lock.js';
import { ANNEX, BOARD, booking, CELLAR, NOW, WATCHED } from './fixtures.js';

const content = {
  lang: 'en' as const,
  meetings: [
    { meetingId: 81234567890, joinUrl: 'https://zoom.us/j/81234567890?pwd=a', passcode: 'x1' },
  ],
};

describe('the description block, as the engine sees it', () => {
  it('is found again with the hash it was written with; text around it is kept', () => {
    const { description, hash } = withBlock('Agenda: numbers.', content);
    expect(description.startsWith('Agenda: numbers.')).toBe(true);
    expect(blockHashIn(description)).toBe(hash);
    expect(withoutBlock(description)).toBe('Agenda: numbers.');
    expect(blockHashIn('Agenda: numbers.')).toBeUndefined();
  });

  it('hashes the same once Calendar’s editor has turned it into HTML, differently once edited', () => {
    const text = withBlock('', content);
    const html = `<p>notes</p>${renderBlock(content, 'html')}`;
    expect(blockHashIn(html)).toBe(text.hash);
    expect(blockHashIn(text.description.replace('Passcode', 'Passwort'))).not.toBe(text.hash);
  });

  it('takes only links outside our block, and not named by it, for foreign', () => {
    const ours = withBlock('', content).description;
    expect(
      foreignZoomLinks(booking({ description: ours, location: content.meetings[0]!.joinUrl })),
    ).toEqual([]);
    expect(
      foreignZoomLinks(booking({ description: `${ours}\nhttps://acme.zoom.us/j/99999999999` })),
    ).toEqual(['https://acme.zoom.us/j/99999999999']);
  });

  it('takes no link for foreign whose meeting this database made (a split copies our location)', () => {
    const event = booking({ location: 'https://zoom.us/j/87538403528?pwd=abc' });
    expect(foreignZoomLinks(event)).toEqual(['https://zoom.us/j/87538403528?pwd=abc']);
    expect(foreignZoomLinks(event, new Set(['87538403528']))).toEqual([]);
    expect(foreignZoomLinks(event, new Set(['11111111111']))).toHaveLength(1);
  });
});

describe('the Zoom hash', () => {
  it('ignores what write-back changes and the offset a copy is written in; sees title, times, rule', () => {
    const base = booking();
    const hash = zoomHashOf(base, 'single');
    expect(zoomHashOf(booking({ description: 'x', location: 'y' }), 'single')).toBe(hash);
    expect(
      zoomHashOf(
        booking({
          start: { dateTime: '2030-03-05T09:00:00Z', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2030-03-05T10:00:00Z', timeZone: 'Europe/Berlin' },
        }),
        'single',
      ),
    ).toBe(hash);
    expect(zoomHashOf(booking({ summary: 'Other' }), 'single')).not.toBe(hash);
    expect(zoomHashOf(base, 'no_fixed_time')).not.toBe(hash);
    expect(zoomHashOf(booking({ recurrence: ['RRULE:FREQ=DAILY;COUNT=2'] }), 'single')).not.toBe(
      hash,
    );
  });
});

describe('the rooms of a booking', () => {
  it('are the watched rooms on it that did not decline, sorted, whichever copy is read', () => {
    const rooms = [
      { email: BOARD, responseStatus: 'accepted' as const },
      { email: CELLAR, responseStatus: 'declined' as const },
      { email: ANNEX.toUpperCase(), responseStatus: 'needsAction' as const },
      { email: 'elsewhere@resource.calendar.google.com', responseStatus: 'accepted' as const },
    ];
    const ids = (calendarId: string) =>
      bookingRooms(booking({ calendarId, rooms }), WATCHED).map((r) => r.calendarId);
    expect(ids(BOARD)).toEqual([ANNEX, BOARD]);
    expect(ids(ANNEX)).toEqual([ANNEX, BOARD]);
  });
});

describe('failures', () => {
  const sync = { retryBaseSeconds: 60, retryMaxSeconds: 3600 } as const;
  it('back off exponentially from retryBaseSeconds up to retryMaxSeconds', () => {
    const after = (n: number) =>
      (nextAttemptAt(n, NOW, sync as never).getTime() - NOW.getTime()) / 1000;
    expect([1, 2, 3, 4, 7, 20].map(after)).toEqual([60, 120, 240, 480, 3600, 3600]);
  });

  it('a spent Zoom quota waits for the time Zoom gives, else the next 00:00 UTC', () => {
    const until = new Date('2030-03-05T00:00:00Z');
    expect(quotaExhaustedUntil({ code: 'ZOOM_QUOTA_EXHAUSTED', until }, NOW)).toEqual(until);
    expect(quotaExhaustedUntil({ code: 'ZOOM_QUOTA_EXHAUSTED' }, NOW)).toEqual(until);
    expect(quotaExhaustedUntil({ code: 'ZOOM_RATE_LIMITED' }, NOW)).toBeUndefined();
  });
});

describe('the per-booking lock', () => {
  it('runs tasks of one key one after another, of different keys side by side', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    const task = (name: string, ms: number) => async () => {
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name}-`);
    };
    await Promise.all([
      lock.run('a', task('a1', 20)),
      lock.run('a', task('a2', 1)),
      lock.run('b', task('b1', 1)),
    ]);
    expect(order.indexOf('a1-')).toBeLessThan(order.indexOf('a2+'));
    expect(order.indexOf('b1+')).toBeLessThan(order.indexOf('a1-'));
    // A task that throws does not block the next.
    await expect(lock.run('a', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(lock.run('a', () => Promise.resolve(1))).resolves.toBe(1);
  });
});

describe('bookingSpan: when a booking starts and its last occurrence ends', () => {
  const iso = (span: ReturnType<typeof bookingSpan>) =>
    span && {
      startsAt: new Date(span.startsAt).toISOString(),
      endsAt: span.endsAt === null ? null : new Date(span.endsAt).toISOString(),
    };

  it('a single booking: its start and end', () => {
    expect(iso(bookingSpan(booking()))).toEqual({
      startsAt: '2030-03-05T09:00:00.000Z',
      endsAt: '2030-03-05T10:00:00.000Z',
    });
  });

  it('a series with COUNT, UNTIL or an RDATE after its rule: the end of its last occurrence', () => {
    const weekly = (recurrence: string[]) => iso(bookingSpan(booking({ recurrence })))?.endsAt;
    // Berlin moves to summer time on 2030-03-31: 10:00 local is 08:00Z from then on.
    expect(weekly(['RRULE:FREQ=WEEKLY;COUNT=5'])).toBe('2030-04-02T09:00:00.000Z');
    expect(weekly(['RRULE:FREQ=WEEKLY;UNTIL=20300320T000000Z'])).toBe('2030-03-19T10:00:00.000Z');
    expect(weekly(['RRULE:FREQ=WEEKLY;COUNT=2', 'RDATE;TZID=Europe/Berlin:20300601T100000'])).toBe(
      '2030-06-01T09:00:00.000Z',
    );
  });

  it('a series without an end, or one that cannot be read: no known end', () => {
    expect(iso(bookingSpan(booking({ recurrence: ['RRULE:FREQ=WEEKLY'] })))).toEqual({
      startsAt: '2030-03-05T09:00:00.000Z',
      endsAt: null,
    });
    expect(
      bookingSpan(booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2', 'RRULE:FREQ=DAILY'] }))
        ?.endsAt,
    ).toBeNull();
    expect(bookingSpan(booking({ start: { dateTime: 'tomorrow' } }))).toBeNull();
  });
});
