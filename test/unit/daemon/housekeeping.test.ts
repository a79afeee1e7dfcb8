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
    expect(pruned).toEqual({ auditEntries: 0, intents: 0 });

    const later = pruneHistory(store, new Date('2030-04-15T00:00:00Z'), 90);
    expect(later).toEqual({ auditEntries: 1, intents: 1 });
    expect(store.audit.list().map((e) => e.action)).toEqual(['meeting.update']);
    // An open intent is never history: it may still name a meeting to adopt.
    expect(store.intents.listOpen().map((i) => i.marker)).toEqual([open.marker]);
    store.close();
  });
});
