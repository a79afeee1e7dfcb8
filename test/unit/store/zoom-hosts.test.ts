import { describe, expect, it } from 'vitest';
import type { HostQuotaPort } from '../../../src/domain/ports.js';
import { useTempStores } from './temp-store.js';

describe('store.hosts', () => {
  const temp = useTempStores();
  const midnight = new Date('2025-03-04T00:00:00Z');

  it('parks a host until its quota resets, and lets it go after', () => {
    const { store } = temp.fresh();
    store.hosts.park('zoom-a@example.com', midnight);
    expect(store.hosts.isParked('zoom-a@example.com', new Date('2025-03-03T23:59:59Z'))).toBe(true);
    expect(store.hosts.isParked('zoom-a@example.com', midnight)).toBe(false);
    expect(store.hosts.isParked('zoom-b@example.com', new Date('2025-03-03T12:00:00Z'))).toBe(
      false,
    );
    expect(store.hosts.get('zoom-a@example.com')).toEqual({
      host: 'zoom-a@example.com',
      parkedUntil: '2025-03-04T00:00:00.000Z',
      quotaRemaining: null,
      quotaSeenAt: null,
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
  });

  it('knows a host however its email is spelled', () => {
    const { store } = temp.fresh();
    store.hosts.park('Zoom-A@Example.com', midnight);
    store.hosts.recordQuota('zoom-a@example.com', 0, new Date('2025-03-03T10:00:00Z'));
    expect(store.hosts.isParked('ZOOM-A@EXAMPLE.COM', new Date('2025-03-03T12:00:00Z'))).toBe(true);
    expect(store.hosts.list()).toHaveLength(1);
  });

  it('lists the hosts parked now, soonest back first', () => {
    const { store } = temp.fresh();
    store.hosts.park('late@example.com', new Date('2025-03-05T00:00:00Z'));
    store.hosts.park('soon@example.com', midnight);
    store.hosts.park('past@example.com', new Date('2025-03-03T00:00:00Z'));
    const now = new Date('2025-03-03T12:00:00Z');
    expect(store.hosts.parked(now).map((host) => host.host)).toEqual([
      'soon@example.com',
      'late@example.com',
    ]);
    store.hosts.unpark('soon@example.com');
    expect(store.hosts.parked(now).map((host) => host.host)).toEqual(['late@example.com']);
    expect(store.hosts.get('soon@example.com')?.parkedUntil).toBeNull();
  });

  it('remembers the last quota Zoom reported, without touching parking', () => {
    const { store } = temp.fresh();
    store.hosts.park('zoom-a@example.com', midnight);
    store.hosts.recordQuota('zoom-a@example.com', 0, new Date('2025-03-03T10:00:00Z'));
    store.hosts.recordQuota('zoom-b@example.com', 97, new Date('2025-03-03T10:01:00Z'));
    expect(store.hosts.list()).toEqual([
      expect.objectContaining({
        host: 'zoom-a@example.com',
        parkedUntil: '2025-03-04T00:00:00.000Z',
        quotaRemaining: 0,
        quotaSeenAt: '2025-03-03T10:00:00.000Z',
      }),
      expect.objectContaining({
        host: 'zoom-b@example.com',
        parkedUntil: null,
        quotaRemaining: 97,
      }),
    ]);
  });

  it('is the HostQuotaPort the Zoom client and the engine share: parking and quota as dates', () => {
    const { store } = temp.fresh();
    const port: HostQuotaPort = store.hosts;
    const now = new Date('2025-03-03T12:00:00Z');
    expect(port.parkedUntil('zoom-a@example.com', now)).toBeUndefined();
    expect(port.lastQuota('zoom-a@example.com')).toBeUndefined();
    port.recordQuota('Zoom-A@Example.com', 3, new Date('2025-03-03T10:00:00Z'));
    port.park('zoom-a@example.com', midnight);
    expect(port.parkedUntil('ZOOM-A@example.com', now)).toEqual(midnight);
    expect(port.parkedUntil('zoom-a@example.com', midnight)).toBeUndefined();
    expect(port.lastQuota('zoom-a@example.com')).toEqual({
      remaining: 3,
      at: new Date('2025-03-03T10:00:00Z'),
    });
    expect(port.parkedHosts(now)).toEqual([{ host: 'Zoom-A@Example.com', until: midnight }]);
    expect(port.parkedHosts(midnight)).toEqual([]);
  });
});
