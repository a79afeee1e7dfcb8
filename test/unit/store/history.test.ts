import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { HistoryCutoffs, LinkInput, LinkSpan } from '../../../src/store/index.js';
import { migrate } from '../../../src/store/migrate.js';
import { latestSchemaVersion, migrations } from '../../../src/store/migrations/index.js';
import { weeklyBooking } from './sample-events.js';
import { manualClock, seedRooms, useTempStores } from './temp-store.js';

const link = (eventId: string, extra: Partial<LinkInput> = {}): LinkInput => ({
  eventId,
  icalUid: `${eventId}@google.com`,
  strategy: 'single',
  state: 'linked',
  zoomMeetingId: 1,
  rooms: ['room-a'],
  ...extra,
});
const span = (startsAt: string, endsAt: string | null): LinkSpan => ({ startsAt, endsAt });
const ids = (links: Array<{ eventId: string }>) => links.map((l) => l.eventId);

describe('store.links: when bookings start and end', () => {
  const temp = useTempStores();
  const fresh = (start?: string) => {
    const clock = manualClock(start);
    const store = temp.open({ path: join(temp.folder(), 'z.db'), now: clock.now });
    seedRooms(store, 'room-a');
    return { store, clock };
  };

  it('lists the linked bookings not over yet, soonest first, up to a limit, and counts them all', () => {
    const { store } = fresh();
    const now = new Date('2025-03-03T09:00:00Z');
    store.links.upsert(
      link('later', { span: span('2025-03-05T09:00:00Z', '2025-03-05T10:00:00Z') }),
    );
    store.links.upsert(
      link('soon', { span: span('2025-03-03T10:00:00Z', '2025-03-03T11:00:00Z') }),
    );
    store.links.upsert(
      link('running', { span: span('2025-03-03T08:30:00Z', '2025-03-03T09:30:00Z') }),
    );
    store.links.upsert(
      link('over', { span: span('2025-03-03T07:00:00Z', '2025-03-03T09:00:00Z') }),
    );
    store.links.upsert(
      link('forever', { strategy: 'series', span: span('2025-01-06T08:00:00Z', null) }),
    );
    store.links.upsert(
      link('failed', { state: 'failed', span: span('2025-03-04T09:00:00Z', null) }),
    );
    store.links.upsert(
      link('gone', { state: 'deleted', span: span('2025-03-04T09:00:00Z', null) }),
    );

    expect(ids(store.links.listUpcoming(now, 10))).toEqual(['forever', 'running', 'soon', 'later']);
    expect(ids(store.links.listUpcoming(now, 2))).toEqual(['forever', 'running']);
    expect(store.links.countUpcoming(now)).toBe(4);
    expect(store.links.listUpcoming(now, 1)[0]).toMatchObject({
      strategy: 'series',
      rooms: ['room-a'],
    });
  });

  it('keeps the span when a write does not name it, replaces it when it does, clears it with null', () => {
    const { store } = fresh();
    const now = new Date('2025-03-03T09:00:00Z');
    store.links.upsert(link('a', { span: span('2025-03-03T10:00:00Z', '2025-03-03T11:00:00Z') }));
    store.links.update('a', { zoomHash: 'h' });
    store.links.upsert(link('a', { zoomHash: 'h2' }));
    store.links.markLinked('a');
    expect(store.links.countUpcoming(new Date('2025-03-03T10:59:00Z'))).toBe(1);
    expect(store.links.countUpcoming(new Date('2025-03-03T11:00:00Z'))).toBe(0);
    store.links.update('a', {
      span: span('2025-03-03T10:00:00+01:00', '2025-03-10T11:00:00+01:00'),
    });
    expect(store.links.countUpcoming(new Date('2025-03-09T00:00:00Z'))).toBe(1);
    store.links.update('a', { span: null });
    expect(store.links.listLinkedWithoutEnd()).toEqual(['a']);
    expect(store.links.countUpcoming(now)).toBe(1);
  });

  it('answers the upcoming list from its index, without reading the rows', () => {
    const { store } = fresh();
    const db = new Database(store.path, { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT rowid FROM links
         WHERE state = 'linked' AND (ends_at IS NULL OR ends_at > ?)
         ORDER BY starts_at, ends_at, rowid LIMIT 50`,
      )
      .all('2025-03-03T09:00:00.000Z') as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/COVERING INDEX links_upcoming/);
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});

describe('store.links.pruneHistory: what goes, and what never does', () => {
  const temp = useTempStores();
  // Cutoffs as the daily pass makes them for 2026-01-01 with 90 days' retention.
  const cutoffs: HistoryCutoffs = {
    before: new Date('2025-10-03T00:00:00Z'),
    scheduledEndedBefore: new Date('2025-10-03T00:00:00Z'),
    recurringEndedBefore: new Date('2025-01-01T00:00:00Z'),
  };

  it('removes long-ended, deleted and ignored links with what hangs off them; keeps the rest', () => {
    const clock = manualClock('2025-06-01T00:00:00Z');
    const store = temp.open({ path: join(temp.folder(), 'p.db'), now: clock.now });
    seedRooms(store, 'room-a');
    const ended = (at: string) => span('2025-01-01T09:00:00Z', at);
    // Written long ago (updated_at 2025-06-01):
    store.links.upsert(link('single-ended', { span: ended('2025-09-01T10:00:00Z') }));
    store.links.upsert(link('single-recent', { span: ended('2025-12-01T10:00:00Z') }));
    store.links.upsert(
      link('perocc-ended', {
        strategy: 'per_occurrence',
        zoomMeetingId: null,
        span: ended('2025-09-01T10:00:00Z'),
      }),
    );
    store.occurrenceMeetings.put({
      eventId: 'perocc-ended',
      occurrenceStart: '2025-09-01T09:00:00Z',
      zoomMeetingId: 7,
      joinUrl: 'https://zoom.example/j/7',
      durationMinutes: 60,
    });
    store.links.upsert(
      link('series-ended-long-ago', { strategy: 'series', span: ended('2024-11-01T10:00:00Z') }),
    );
    // Zoom lists a recurring meeting for a year after it was last used: reconcile would take it
    // for an orphan and delete it.
    store.links.upsert(
      link('series-zoom-still-lists', { strategy: 'series', span: ended('2025-06-01T10:00:00Z') }),
    );
    store.links.upsert(
      link('nofixed-ended', { strategy: 'no_fixed_time', span: ended('2024-11-01T10:00:00Z') }),
    );
    store.links.upsert(
      link('series-running', { strategy: 'series', span: span('2024-01-01T09:00:00Z', null) }),
    );
    store.links.upsert(
      link('series-moved-late', { strategy: 'series', span: ended('2024-11-01T10:00:00Z') }),
    );
    store.overrides.put({
      eventId: 'series-moved-late',
      originalStart: '2024-10-28T09:00:00Z',
      kind: 'moved',
      newStart: '2025-02-01T09:00:00Z',
      newDurationMinutes: 60,
    });
    store.links.upsert(
      link('series-cancelled-late', { strategy: 'series', span: ended('2024-11-01T10:00:00Z') }),
    );
    store.overrides.put({
      eventId: 'series-cancelled-late',
      originalStart: '2024-10-28T09:00:00Z',
      kind: 'deleted',
    });
    store.links.upsert(
      link('failed-ended', { state: 'failed', span: ended('2024-11-01T10:00:00Z') }),
    );
    store.links.upsert(
      link('pending-ended', { state: 'pending', span: ended('2024-11-01T10:00:00Z') }),
    );
    store.links.upsert(link('open-intent', { span: ended('2024-11-01T10:00:00Z') }));
    store.intents.open({
      eventId: 'open-intent',
      zoomHost: 'h@example.com',
      occurrenceStart: '2024-11-01T09:00:00Z',
    });
    store.links.upsert(link('no-span', {}));
    store.links.upsert(
      link('deleted-long-ago', {
        state: 'deleted',
        span: span('2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z'),
      }),
    );
    store.links.upsert(
      link('foreign-ended', {
        strategy: 'foreign',
        state: 'ignored',
        zoomMeetingId: null,
        span: ended('2025-09-01T10:00:00Z'),
      }),
    );
    store.links.upsert(
      link('foreign-running', {
        strategy: 'foreign',
        state: 'ignored',
        zoomMeetingId: null,
        span: ended('2026-06-01T10:00:00Z'),
      }),
    );
    store.links.upsert(
      link('skipped-no-end', { strategy: 'skipped', state: 'ignored', zoomMeetingId: null }),
    );
    // Written recently (updated_at 2025-12-01):
    clock.set('2025-12-01T00:00:00Z');
    store.links.upsert(
      link('deleted-recently', { state: 'deleted', span: ended('2025-09-01T10:00:00Z') }),
    );
    store.links.upsert(
      link('skipped-seen-recently', { strategy: 'skipped', state: 'ignored', zoomMeetingId: null }),
    );

    expect(store.links.pruneHistory(cutoffs)).toBe(8);
    expect(ids(store.links.list()).sort()).toEqual(
      [
        'single-recent',
        'series-zoom-still-lists',
        'series-running',
        'series-moved-late',
        'failed-ended',
        'pending-ended',
        'open-intent',
        'no-span',
        'foreign-running',
        'deleted-recently',
        'skipped-seen-recently',
      ].sort(),
    );
    // Rooms, occurrence meetings and overrides went with their links.
    expect(store.occurrenceMeetings.listForLink('perocc-ended')).toEqual([]);
    expect(store.overrides.listForLink('series-cancelled-late')).toEqual([]);
    expect(store.links.listByRoom('room-a')).toHaveLength(11);
    expect(store.links.pruneHistory(cutoffs)).toBe(0);
  });
});

describe('schema 2: when bookings start and end', () => {
  const temp = useTempStores();

  it('fills in the start and end of single bookings stored before it, and the start of a series', () => {
    const path = join(temp.folder(), 'v1.db');
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 1), path);
    const insert = db.prepare(
      `INSERT INTO links (event_id, ical_uid, strategy, state, event_snapshot, created_at, updated_at)
       VALUES (?, ?, ?, 'linked', ?, '2025-03-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')`,
    );
    const single = {
      ...weeklyBooking,
      kind: 'single',
      eventId: 's1',
      recurrence: [],
      end: { dateTime: '2025-03-10T10:45:00+01:00', timeZone: 'Europe/Paris' },
    };
    insert.run('s1', 's1@google.com', 'single', JSON.stringify(single));
    insert.run('e1', 'e1@google.com', 'series', JSON.stringify(weeklyBooking));
    insert.run('x1', 'x1@google.com', 'single', null);
    db.close();

    const store = temp.open({ path });
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    const before = new Date('2025-03-10T09:44:00Z');
    expect(ids(store.links.listUpcoming(before, 10))).toEqual(['x1', 'e1', 's1']);
    const after = new Date('2025-03-10T09:45:00Z');
    // The single is over; the series' end is worked out by the engine, until then it has none.
    expect(ids(store.links.listUpcoming(after, 10))).toEqual(['x1', 'e1']);
    expect(store.links.listLinkedWithoutEnd()).toEqual(['e1', 'x1']);
  });
});
