import { describe, expect, it } from 'vitest';
import { readRollout, rolloutSection } from '../../../src/daemon/status-rollout.js';
import { now, rooms, seededStore } from './store-fixture.js';

describe('status page: rollout', () => {
  it('shows nothing while there is nothing to show', () => {
    const store = seededStore();
    try {
      expect(rolloutSection(readRollout(store, now), now)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('shows what observed rooms would do, bookings out of scope by reason, and updates waiting for a quota — escaped', () => {
    const store = seededStore();
    try {
      store.observations.put('ev1', rooms[0]!.calendarId, {
        eventId: 'ev1',
        room: rooms[0]!.calendarId,
        actions: ['create', 'write-back'],
        strategy: 'single',
        host: '<b>zoom-board@example.com</b>',
        reason: null,
      });
      store.observations.put('ev2', rooms[0]!.calendarId, {
        eventId: 'ev2',
        room: rooms[0]!.calendarId,
        actions: ['skip'],
        strategy: null,
        host: null,
        reason: 'other_conference',
      });
      for (const [id, code] of [
        ['x1', 'policy_opt_in'],
        ['x2', 'policy_opt_in'],
        ['x3', 'other_conference'],
      ] as const)
        store.links.upsert({
          eventId: id,
          icalUid: `${id}@google.com`,
          strategy: 'skipped',
          state: 'ignored',
          skipCode: code,
          span: { startsAt: '2025-03-05T09:00:00Z', endsAt: '2025-03-05T10:00:00Z' },
        });
      store.links.upsert({
        eventId: 'w1',
        icalUid: 'w1@google.com',
        strategy: 'single',
        state: 'pending',
        zoomHost: rooms[1]!.zoomHost,
      });
      store.hosts.park(rooms[1]!.zoomHost, new Date('2025-03-04T00:00:00Z'));

      const view = readRollout(store, now);
      expect(view.observed).toMatchObject({
        total: 2,
        byAction: { create: 1, 'write-back': 1, skip: 1 },
      });
      expect(view.outOfScope).toEqual({ other_conference: 1, policy_opt_in: 2 });
      expect(view.waiting).toEqual([
        { host: rooms[1]!.zoomHost, bookings: 1, until: '2025-03-04T00:00:00.000Z' },
      ]);
      const html = rolloutSection(view, now)!.text.replace(/\s+/g, ' ');
      expect(html).toContain('Observed: what zoomlink would do (2 booking(s))');
      expect(html).toContain('<strong>2</strong> policy opt in');
      expect(html).toContain('Updates spread over days');
      expect(html).toContain('&lt;b&gt;zoom-board@example.com&lt;/b&gt;');
      expect(html).not.toContain('<b>zoom-board');
    } finally {
      store.close();
    }
  });
});
