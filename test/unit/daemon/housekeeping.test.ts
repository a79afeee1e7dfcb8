import { describe, expect, it } from 'vitest';
import { pruneHistory } from '../../../src/daemon/housekeeping.js';
import { openStore } from '../../../src/store/index.js';

describe('pruneHistory', () => {
  it('deletes audit entries and settled intents older than the retention, keeps the rest', () => {
    let clock = new Date('2030-01-01T00:00:00Z');
    const store = openStore({ path: ':memory:', now: () => clock });
    store.audit.record({ service: 'zoom', action: 'meeting.create', target: '1', result: 'ok' });
    const old = store.intents.open({ eventId: 'old', zoomHost: 'h@example.com' });
    store.intents.markDone(old.marker, 1);
    const open = store.intents.open({ eventId: 'open', zoomHost: 'h@example.com' });

    clock = new Date('2030-03-15T00:00:00Z');
    store.audit.record({ service: 'zoom', action: 'meeting.update', target: '1', result: 'ok' });

    const pruned = pruneHistory(store, new Date('2030-03-20T00:00:00Z'), 90);
    expect(pruned).toEqual({ auditEntries: 0, intents: 0, links: 0 });

    const later = pruneHistory(store, new Date('2030-04-15T00:00:00Z'), 90);
    expect(later).toEqual({ auditEntries: 1, intents: 1, links: 0 });
    expect(store.audit.list().map((e) => e.action)).toEqual(['meeting.update']);
    // An open intent is never history: it may still name a meeting to adopt.
    expect(store.intents.listOpen().map((i) => i.marker)).toEqual([open.marker]);
    store.close();
  });

  it('removes a link once its booking ended before the retention and Zoom no longer lists its meeting', () => {
    const store = openStore({ path: ':memory:', now: () => new Date('2030-01-01T00:00:00Z') });
    const linked = (eventId: string, strategy: 'single' | 'series', endsAt: string) =>
      store.links.upsert({
        eventId,
        icalUid: `${eventId}@google.com`,
        strategy,
        state: 'linked',
        zoomMeetingId: 1,
        span: { startsAt: '2030-01-01T09:00:00Z', endsAt },
      });
    linked('single', 'single', '2030-01-01T10:00:00Z');
    linked('series', 'series', '2030-01-01T10:00:00Z');
    const left = (at: string, days: number) => {
      pruneHistory(store, new Date(at), days);
      return store.links.list().map((l) => l.eventId);
    };
    // A week's retention: Zoom still lists a one-off meeting for 30 days after it.
    expect(left('2030-01-20T00:00:00Z', 7)).toEqual(['series', 'single']);
    expect(left('2030-02-01T00:00:00Z', 7)).toEqual(['series']);
    // A recurring meeting for a year after it was last used.
    expect(left('2030-12-31T00:00:00Z', 90)).toEqual(['series']);
    expect(left('2031-01-02T00:00:00Z', 400)).toEqual(['series']);
    expect(left('2031-02-06T00:00:00Z', 400)).toEqual([]);
    store.close();
  });
});
