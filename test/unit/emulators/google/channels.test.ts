import { describe, expect, it } from 'vitest';
import { ChannelRegistry, renderChannel } from '../../../../src/emulators/google/channels.js';
import type { GoogleApiFailure } from '../../../../src/emulators/google/google-errors.js';

const now = Date.parse('2030-03-04T08:00:00Z');
const registry = (http = false) =>
  new ChannelRegistry(
    () => 'https://g.test/',
    () => http,
  );
const body = (more: Record<string, unknown> = {}) => ({
  id: 'c1',
  type: 'web_hook',
  address: 'https://z.example.com/webhooks/google',
  token: 't',
  ...more,
});
const reason = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as GoogleApiFailure).item.reason;
  }
  return 'none';
};

describe('emulated notification channels', () => {
  it('answers a Channel with resourceId, resourceUri and a week-long expiration by default', () => {
    const c = registry().open('Room@x', body(), now);
    expect(renderChannel(c)).toEqual({
      kind: 'api#channel',
      id: 'c1',
      resourceId: c.resourceId,
      resourceUri: 'https://g.test/calendar/v3/calendars/Room%40x/events?alt=json',
      token: 't',
      expiration: String(now + 604_800_000),
    });
    expect(registry().open('room@x', body(), now).resourceId).toBe(c.resourceId);
  });

  it('takes params.ttl and a sooner expiration, never beyond the week', () => {
    expect(registry().open('r', body({ params: { ttl: '60' } }), now).expiration).toBe(
      now + 60_000,
    );
    expect(registry().open('r', body({ expiration: String(now + 5000) }), now).expiration).toBe(
      now + 5000,
    );
    expect(registry().open('r', body({ params: { ttl: '9999999' } }), now).expiration).toBe(
      now + 604_800_000,
    );
  });

  it('refuses a plain-HTTP address unless the switch allows it, a duplicate id, a wrong type', () => {
    const http = body({ address: 'http://127.0.0.1:1/webhooks/google' });
    expect(reason(() => registry().open('r', http, now))).toBe('push.webhookUrlNotHttps');
    expect(reason(() => registry(true).open('r', http, now))).toBe('none');
    const once = registry();
    once.open('r', body(), now);
    expect(reason(() => once.open('r', body(), now))).toBe('channelIdNotUnique');
    expect(reason(() => registry().open('r', body({ type: 'email' }), now))).toBe('invalid');
  });

  it('stops a channel once, by id and resourceId; a stopped or expired channel delivers nothing', () => {
    const r = registry();
    const c = r.open('room', body({ params: { ttl: '60' } }), now);
    expect(r.live('ROOM', now)).toHaveLength(1);
    expect(r.live('room', now + 60_000)).toHaveLength(0);
    expect(reason(() => r.stop({ id: 'c1', resourceId: 'other' }))).toBe('notFound');
    r.stop({ id: 'c1', resourceId: c.resourceId });
    expect(r.live('room', now)).toHaveLength(0);
    expect(reason(() => r.stop({ id: 'c1', resourceId: c.resourceId }))).toBe('notFound');
  });
});
