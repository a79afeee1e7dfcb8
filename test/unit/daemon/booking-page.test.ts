import { describe, expect, it } from 'vitest';
import { readBooking, type BookingModel } from '../../../src/daemon/booking-model.js';
import { renderBookingPage, renderNoBookingPage } from '../../../src/daemon/booking-page.js';
import { escapeHtml } from '../../../src/daemon/html.js';
import type { Store } from '../../../src/store/index.js';
import { flat, section } from './page-text.js';
import { booking, now, rooms, seededStore } from './store-fixture.js';

/**
 * A booking's page (issue 17): Google's occurrences and Zoom's side by side, from the store alone;
 * the conversion and its reason; the copies written; the history from the audit log. The fixture's
 * weekly series (Tuesdays 09:00 Berlin, both rooms, a Zoom series covering 4 March – 3 June).
 */
const convert = { cap: 50, fallback: 'no_fixed_time' as const, perOccurrenceHorizonDays: 30 };

function model(eventId: string, extra: (store: Store) => void = () => undefined): BookingModel {
  const store = seededStore();
  try {
    extra(store);
    const found = readBooking(store, eventId, now, { mode: 'live', convert });
    if (!found) throw new Error(`no booking ${eventId}`);
    return found;
  } finally {
    store.close();
  }
}

/** The series with its second Tuesday moved (applied in Zoom) and its third cancelled (not yet). */
function withInstances(store: Store): void {
  store.overrides.put({
    eventId: 'evseries',
    originalStart: '2025-03-11T08:00:00Z',
    kind: 'moved',
    newStart: '2025-03-12T13:00:00Z',
    newDurationMinutes: 30,
    appliedHash: 'h1',
  });
  store.overrides.put({
    eventId: 'evseries',
    originalStart: '2025-03-18T08:00:00Z',
    kind: 'deleted',
  });
  store.audit.record({
    service: 'zoom',
    action: 'meeting.create',
    target: '85746065433',
    result: 'ok',
    eventId: 'evseries',
    detail: { host: 'zoom-board@example.com', type: 8 },
  });
  store.audit.record({
    service: 'google',
    action: 'event.writeback',
    target: 'bob@example.com/evseries',
    result: 'ok',
    eventId: 'evseries',
    detail: 'written',
  });
  store.audit.record({
    service: 'zoom',
    action: 'occurrence.update',
    target: '85746065433/1741680000000',
    result: 'ok',
    eventId: 'evseries',
    detail: 'updated',
  });
}

describe('a booking’s page', () => {
  it('puts Google’s occurrences and Zoom’s side by side: moved, cancelled, and what Zoom has of each', () => {
    const { occurrences } = model('evseries', withInstances);
    const rows = occurrences.rows.slice(0, 4);
    expect(rows).toEqual([
      {
        originalStart: '2025-03-04T08:00:00.000Z',
        google: {
          kind: 'as_rule',
          start: '2025-03-04T08:00:00.000Z',
          end: '2025-03-04T09:00:00.000Z',
        },
        zoom: { kind: 'occurrence', occurrenceId: '1741075200000', pending: false },
      },
      {
        originalStart: '2025-03-11T08:00:00.000Z',
        google: {
          kind: 'moved',
          start: '2025-03-12T13:00:00.000Z',
          end: '2025-03-12T13:30:00.000Z',
        },
        zoom: {
          kind: 'occurrence',
          occurrenceId: '1741680000000',
          movedTo: '2025-03-12T13:00:00.000Z',
          pending: false,
        },
      },
      {
        originalStart: '2025-03-18T08:00:00.000Z',
        google: { kind: 'cancelled' },
        zoom: { kind: 'deleted', occurrenceId: '1742284800000', pending: true },
      },
      {
        originalStart: '2025-03-25T08:00:00.000Z',
        google: {
          kind: 'as_rule',
          start: '2025-03-25T08:00:00.000Z',
          end: '2025-03-25T09:00:00.000Z',
        },
        zoom: { kind: 'occurrence', occurrenceId: '1742889600000', pending: false },
      },
    ]);
    // The Zoom series covers up to 3 June: later Tuesdays wait for the window to move.
    // (09:00 in Berlin is 07:00 UTC in summer.)
    const june10 = occurrences.rows.find((r) => r.originalStart === '2025-06-10T07:00:00.000Z');
    expect(june10?.zoom).toEqual({
      kind: 'none',
      why: 'after the window: added when it moves forward',
    });
    expect(occurrences.note).toBe('The first 60 occurrences from a week ago are shown.');

    const text = flat(renderBookingPage(model('evseries', withInstances)));
    const side = section(text, 'occurrences');
    expect(side).toContain('<strong>moved</strong> to Wed 12 Mar 14:00–14:30');
    expect(side).toContain('occurrence 1741680000000, moved to Wed 12 Mar 14:00');
    expect(side).toContain('<span class="warn">cancelled</span>');
    expect(side).toContain(
      'occurrence 1742284800000 <strong>deleted</strong> <span class="warn">(not yet in Zoom)</span>',
    );
  });

  it('shows the conversion of the stored event with its Zoom recurrence, the copies written and the history', () => {
    const text = flat(renderBookingPage(model('evseries', withInstances)));
    const conversion = section(text, 'conversion');
    expect(conversion).toContain('8 (recurring, fixed time)');
    expect(conversion).toContain('Every week on Tue');
    expect(conversion).toContain('<code>2025-03-04T09:00:00</code> Europe/Berlin');
    expect(conversion).toContain('Zoom series</dt>');
    expect(conversion).toMatch(/weekly on Tuesday, \d+ occurrences/);
    const copies = section(text, 'copies');
    expect(copies).toContain('bob@example.com');
    expect(copies).toContain('link written');
    const history = section(text, 'history');
    expect(history.indexOf('occurrence.update')).toBeLessThan(history.indexOf('meeting.create'));
    expect(history).toContain('85746065433/1741680000000');
  });

  it('names a series’ Zoom side as its link keeps it, not as a problem', () => {
    const m = model('evseries', (store) =>
      store.links.update('evseries', { reason: 'weekly on Tuesday, 16 occurrences, 8 removed' }),
    );
    const facts = flat(renderBookingPage(m)).split('id="occurrences"')[0]!;
    expect(facts).toContain('Zoom series</dt>');
    expect(facts).toContain('weekly on Tuesday, 16 occurrences, 8 removed');
    expect(facts).not.toContain('class="err">weekly');
  });

  it('gives a fallback’s reason, and the meeting of each occurrence for one meeting per occurrence', () => {
    const m = model('evseries', (store) => {
      store.links.update('evseries', {
        strategy: 'per_occurrence',
        zoomMeetingId: null,
        joinUrl: null,
        reason:
          'unsupported_monthly_day: Zoom cannot repeat on the last day; one meeting per occurrence.',
      });
      store.occurrenceMeetings.put({
        eventId: 'evseries',
        occurrenceStart: '2025-03-04T08:00:00Z',
        zoomMeetingId: 91000000001,
        joinUrl: 'https://zoom.example/j/91000000001?pwd=occ',
        passcode: 'occpass',
        durationMinutes: 60,
      });
    });
    expect(m.occurrences.rows[0]!.zoom).toEqual({
      kind: 'meeting',
      meetingId: 91000000001,
      joinUrl: 'https://zoom.example/j/91000000001?pwd=occ',
    });
    expect(m.occurrences.rows[1]!.zoom).toEqual({
      kind: 'none',
      why: 'no meeting yet (made within the horizon)',
    });
    const text = flat(renderBookingPage(m));
    expect(text).toContain('unsupported_monthly_day: Zoom cannot repeat on the last day');
    expect(text).toContain(
      '<a href="https://zoom.example/j/91000000001?pwd=occ" rel="noreferrer noopener">https://zoom.example/j/91000000001</a>',
    );
    expect(text).not.toContain('occpass');
  });

  it('shows no passcode beyond what the status page shows: in the link’s address only', () => {
    const text = renderBookingPage(
      model('evsingle', (store) => store.links.update('evsingle', { passcode: '987654' })),
    );
    expect(text).not.toContain('987654');
    expect(text).toContain('href="https://zoom.example/j/85746065432?pwd=abc"');
    expect(text.replace(/href="[^"]*"/g, '')).not.toContain('pwd');
  });

  it('names a cancelled booking by the title it had', () => {
    const m = model('evsingle', (store) => {
      store.links.update('evsingle', {
        eventSnapshot: { kind: 'deleted', calendarId: rooms[0]!.calendarId, eventId: 'evsingle' },
      });
      store.links.markDeleted('evsingle');
    });
    expect(m.title).toBe('Quarterly planning');
    const text = flat(renderBookingPage(m));
    expect(text).toContain('<h1><bdi>Quarterly planning</bdi></h1>');
    expect(text).toContain('<span class="badge k-skipped">cancelled</span>');
    expect(text).toContain('zoomlink keeps no copy of this booking’s event.');
  });

  it('renders a hostile title and description inert (script, quotes, right-to-left override)', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'` \u202Egnp.exe &amp;';
    const text = renderBookingPage(
      model('evsingle', (store) =>
        store.links.update('evsingle', {
          eventSnapshot: booking(
            'evsingle',
            hostile,
            '2025-03-04T10:00:00+01:00',
            '2025-03-04T11:00:00+01:00',
            {
              description: hostile,
              organizer: { email: 'x@example.com', displayName: hostile },
            },
          ),
        }),
      ),
    );
    expect(text).not.toMatch(/<script|<img/);
    // Escaped, and isolated: its direction override reorders nothing around it.
    expect(text).toContain(`<h1><bdi>${escapeHtml(hostile)}</bdi></h1>`);
    expect(text).toContain(`<title>\u2068${escapeHtml(hostile)}\u2069 · zoomlink</title>`);
    // The title and the organizer's name, each in its own isolate.
    expect(text.split(`<bdi>${escapeHtml(hostile)}</bdi>`)).toHaveLength(3);
  });

  it('is a 404 page for an id no link has, with the id escaped', () => {
    const store = seededStore();
    try {
      expect(readBooking(store, 'EVSINGLE', now, { mode: 'live', convert })).toBeUndefined();
      expect(readBooking(store, 'evsingle ', now, { mode: 'live', convert })).toBeUndefined();
    } finally {
      store.close();
    }
    const text = renderNoBookingPage('<script>x</script>');
    expect(text).toContain('<code>&lt;script&gt;x&lt;/script&gt;</code>');
    expect(text).not.toContain('<script>');
  });
});
