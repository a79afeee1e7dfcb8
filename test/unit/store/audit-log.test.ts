import { describe, expect, it } from 'vitest';
import { useTempStores } from './temp-store.js';

describe('store.audit', () => {
  const temp = useTempStores();

  it('records a remote write with the store’s clock or a given time', () => {
    const { store } = temp.fresh();
    const entry = store.audit.record({
      service: 'zoom',
      action: 'meeting.create',
      target: '85746065432',
      result: 'ok',
      eventId: 'e1',
      detail: 'type 8, 12 occurrences',
    });
    expect(entry).toEqual({
      id: 1,
      at: '2025-03-03T09:00:00.000Z',
      service: 'zoom',
      action: 'meeting.create',
      target: '85746065432',
      result: 'ok',
      eventId: 'e1',
      detail: 'type 8, 12 occurrences',
    });
    const later = store.audit.record({
      service: 'google',
      action: 'event.patch',
      target: 'ann@example.com/e1',
      result: 'error',
      at: new Date('2025-03-03T09:00:05Z'),
    });
    expect(later).toMatchObject({
      id: 2,
      at: '2025-03-03T09:00:05.000Z',
      eventId: null,
      detail: '',
    });
  });

  it('never stores a passcode or a token in the detail', () => {
    const { store } = temp.fresh();
    const text = store.audit.record({
      service: 'zoom',
      action: 'meeting.create',
      target: '1',
      result: 'ok',
      detail:
        'join https://zoom.example/j/1?pwd=Xy7Gh2 Passcode: 482913 Authorization: Bearer eyJhbGciOi.x.y',
    });
    const object = store.audit.record({
      service: 'zoom',
      action: 'meeting.update',
      target: '1',
      result: 'error',
      detail: { status: 400, passcode: '482913', body: { password: '482913', topic: 'Sync' } },
    });
    const stored = JSON.stringify(store.audit.list());
    for (const secret of ['Xy7Gh2', '482913', 'eyJhbGciOi']) expect(stored).not.toContain(secret);
    expect(text.detail).toContain('https://zoom.example/j/1?pwd=[REDACTED]');
    expect(JSON.parse(object.detail)).toEqual({
      status: 400,
      passcode: '[REDACTED]',
      body: { password: '[REDACTED]', topic: 'Sync' },
    });
  });

  it('cuts a long detail', () => {
    const { store } = temp.fresh();
    const entry = store.audit.record({
      service: 'google',
      action: 'event.patch',
      target: 'x',
      result: 'error',
      detail: 'y'.repeat(10_000),
    });
    expect(entry.detail).toHaveLength(2000);
    expect(entry.detail.endsWith('…')).toBe(true);
  });

  it('lists newest first, by booking and since a time, up to a limit', () => {
    const { store } = temp.fresh();
    for (let minute = 0; minute < 6; minute++) {
      store.audit.record({
        service: 'zoom',
        action: 'meeting.update',
        target: String(minute),
        result: 'ok',
        eventId: minute % 2 === 0 ? 'even' : 'odd',
        at: new Date(Date.UTC(2025, 2, 3, 9, minute)),
      });
    }
    const targets = (list: Array<{ target: string }>) => list.map((entry) => entry.target);
    expect(targets(store.audit.list())).toEqual(['5', '4', '3', '2', '1', '0']);
    expect(targets(store.audit.list({ eventId: 'even' }))).toEqual(['4', '2', '0']);
    expect(targets(store.audit.list({ since: new Date('2025-03-03T09:03:00Z') }))).toEqual([
      '5',
      '4',
      '3',
    ]);
    expect(targets(store.audit.list({ limit: 2, eventId: 'odd' }))).toEqual(['5', '3']);
    expect(store.audit.count()).toBe(6);
  });

  it('prunes entries older than the retention', () => {
    const { store } = temp.fresh();
    for (const day of [1, 2, 3, 4]) {
      store.audit.record({
        service: 'zoom',
        action: 'meeting.delete',
        target: String(day),
        result: 'ok',
        at: new Date(Date.UTC(2025, 0, day)),
      });
    }
    expect(store.audit.prune(new Date('2025-01-03T00:00:00Z'))).toBe(2);
    expect(store.audit.list().map((entry) => entry.target)).toEqual(['4', '3']);
    expect(store.audit.prune(new Date('2025-01-03T00:00:00Z'))).toBe(0);
  });
});
