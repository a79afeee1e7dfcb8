import { describe, expect, it } from 'vitest';
import { assessReadiness } from '../../../src/daemon/readiness.js';
import type { StoredRoom } from '../../../src/store/index.js';

const now = new Date('2025-03-03T09:00:00Z');
const room = (name: string, patch: Partial<StoredRoom> = {}): StoredRoom => ({
  calendarId: `${name}@resource.calendar.google.com`,
  name,
  zoomHost: `zoom-${name}@example.com`,
  syncToken: null,
  lastPollAt: null,
  lastSuccessAt: null,
  lastError: null,
  lastErrorAt: null,
  scopeHash: null,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
  ...patch,
});

describe('assessReadiness', () => {
  it('is ready when every room had a good poll within the limit', () => {
    const r = assessReadiness(
      [
        room('a', { lastSuccessAt: '2025-03-03T08:55:00Z' }),
        room('b', { lastSuccessAt: '2025-03-03T08:59:59Z' }),
      ],
      now,
      300,
    );
    expect(r).toEqual({ ready: true, rooms: 2, notReady: [] });
  });

  it('names each room that is late or never polled, with its last error', () => {
    const r = assessReadiness(
      [
        room('a', { lastSuccessAt: '2025-03-03T08:54:59Z' }),
        room('b', { lastError: 'GOOGLE_DELEGATION_REFUSED: no' }),
        room('c', { lastSuccessAt: '2025-03-03T08:59:00Z' }),
      ],
      now,
      300,
    );
    expect(r.ready).toBe(false);
    expect(r.notReady).toEqual([
      {
        calendarId: 'a@resource.calendar.google.com',
        name: 'a',
        reason: 'last successful poll 301 s ago (limit 300 s)',
      },
      {
        calendarId: 'b@resource.calendar.google.com',
        name: 'b',
        reason: 'never polled successfully; last error: GOOGLE_DELEGATION_REFUSED: no',
      },
    ]);
  });

  it('is not ready before any room is known', () => {
    const r = assessReadiness([], now, 300);
    expect(r.ready).toBe(false);
    expect(r.reason).toMatch(/no rooms known yet/);
  });
});
