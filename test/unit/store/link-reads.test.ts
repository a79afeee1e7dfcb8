import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/migrate.js';
import { migrations } from '../../../src/store/migrations/index.js';
import type { DeletedEvent } from '../../../src/domain/calendar-event.js';
import type { LinkInput } from '../../../src/store/index.js';
import { weeklyBooking } from './sample-events.js';
import { seedRooms, useTempStores } from './temp-store.js';

const booking = (eventId: string, extra: Partial<LinkInput> = {}): LinkInput => ({
  eventId,
  icalUid: `${eventId}@google.com`,
  strategy: 'single',
  state: 'linked',
  rooms: ['room-a'],
  ...extra,
});

const deletion: DeletedEvent = { kind: 'deleted', calendarId: 'room-a', eventId: 'e1' };

describe('store.links: titles and the bookings of a time range', () => {
  const temp = useTempStores();
  const fresh = () => {
    const opened = temp.fresh();
    seedRooms(opened.store, 'room-a', 'room-b');
    return opened;
  };

  it('keeps the title of a live snapshot when the booking is cancelled or its snapshot cleared', () => {
    const { store } = fresh();
    store.links.upsert(booking('e1', { eventSnapshot: weeklyBooking }));
    expect(store.links.getTitle('e1')).toBe('Weekly sync');
    store.links.update('e1', { eventSnapshot: { ...weeklyBooking, summary: 'Weekly sync (new)' } });
    expect(store.links.getTitle('e1')).toBe('Weekly sync (new)');
    store.links.update('e1', { eventSnapshot: deletion });
    store.links.markDeleted('e1');
    expect(store.links.getTitle('e1')).toBe('Weekly sync (new)');
    store.links.upsert(
      booking('e1', { state: 'ignored', strategy: 'skipped', eventSnapshot: null }),
    );
    expect(store.links.getTitle('e1')).toBe('Weekly sync (new)');
  });

  it('takes a title given outright (a skipped booking has no snapshot), and null clears it', () => {
    const { store } = fresh();
    store.links.upsert(
      booking('e2', {
        state: 'ignored',
        strategy: 'skipped',
        title: 'Offsite',
        eventSnapshot: null,
      }),
    );
    expect(store.links.getTitle('e2')).toBe('Offsite');
    store.links.update('e2', { title: null });
    expect(store.links.getTitle('e2')).toBeUndefined();
    expect(store.links.getTitle('nope')).toBeUndefined();
  });

  it('lists the bookings overlapping a range, by start, with their rooms and without deleted ones', () => {
    const { store } = fresh();
    const span = (startsAt: string, endsAt: string | null) => ({ span: { startsAt, endsAt } });
    store.links.upsert(
      booking('before', { ...span('2025-03-02T09:00:00Z', '2025-03-02T10:00:00Z') }),
    );
    store.links.upsert(
      booking('edge', { ...span('2025-03-02T23:00:00Z', '2025-03-03T00:00:00Z') }),
    );
    store.links.upsert(
      booking('open', { ...span('2025-01-06T09:00:00Z', null), rooms: ['room-b', 'room-a'] }),
    );
    store.links.upsert(
      booking('failed', { ...span('2025-03-04T09:00:00Z', '2025-03-04T10:00:00Z'), title: 'F' }),
    );
    store.links.markFailed('failed', 'boom', new Date('2025-03-05T00:00:00Z'));
    store.links.upsert(
      booking('skipped', {
        ...span('2025-03-05T00:00:00Z', '2025-03-06T00:00:00Z'),
        state: 'ignored',
        strategy: 'skipped',
        title: 'Offsite',
      }),
    );
    store.links.upsert(
      booking('gone', {
        ...span('2025-03-04T09:00:00Z', '2025-03-04T10:00:00Z'),
        state: 'deleted',
      }),
    );
    store.links.upsert(
      booking('after', { ...span('2025-03-10T00:00:00Z', '2025-03-10T01:00:00Z') }),
    );
    store.links.upsert(booking('nospan'));

    const found = store.links.listOverlapping(
      new Date('2025-03-03T00:00:00Z'),
      new Date('2025-03-10T00:00:00Z'),
    );
    expect(found.map((l) => [l.eventId, l.state, l.title])).toEqual([
      ['open', 'linked', null],
      ['failed', 'failed', 'F'],
      ['skipped', 'ignored', 'Offsite'],
    ]);
    expect(found[0]).toMatchObject({
      strategy: 'single',
      startsAt: '2025-01-06T09:00:00.000Z',
      endsAt: null,
      rooms: expect.arrayContaining(['room-a', 'room-b']),
    });
  });

  it('gives the links of a database from before titles were kept the title of their snapshot', () => {
    const path = join(temp.folder(), 'v3.db');
    const db = new Database(path);
    migrate(db, migrations.slice(0, 3), path);
    db.prepare(
      `INSERT INTO links (event_id, ical_uid, organizer_email, strategy, state, event_snapshot,
         created_at, updated_at)
       VALUES ('e1', 'e1@google.com', '', 'series', 'linked', ?, '2025-03-01T00:00:00.000Z',
         '2025-03-01T00:00:00.000Z')`,
    ).run(JSON.stringify(weeklyBooking));
    db.close();
    const store = temp.open({ path });
    expect(store.links.getTitle('e1')).toBe('Weekly sync');
  });
});
