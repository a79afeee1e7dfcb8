import { describe, expect, it } from 'vitest';
import { sameSecret } from '../../../src/daemon/google-push.js';
import { channelVerdict, renewAt } from '../../../src/daemon/push-timing.js';

const at = (iso: string) => new Date(iso);
const week = {
  openedAt: at('2030-03-04T08:00:00Z'),
  expiration: at('2030-03-11T08:00:00Z'),
  address: 'https://z.example.com/webhooks/google',
};

describe('push channel timing', () => {
  it('renews an hour before the end of a long channel, a quarter of its life before a short one', () => {
    expect(renewAt(week).toISOString()).toBe('2030-03-11T07:00:00.000Z');
    expect(
      renewAt({
        openedAt: at('2030-03-04T08:00:00Z'),
        expiration: at('2030-03-04T08:40:00Z'),
      }).toISOString(),
    ).toBe('2030-03-04T08:30:00.000Z');
  });

  it('keeps, replaces (due, or another address) and drops expired channels', () => {
    expect(channelVerdict(week, week.address, at('2030-03-11T06:59:59Z'))).toBe('keep');
    expect(channelVerdict(week, week.address, at('2030-03-11T07:00:00Z'))).toBe('replace');
    expect(channelVerdict(week, 'https://other/webhooks/google', at('2030-03-05T00:00:00Z'))).toBe(
      'replace',
    );
    expect(channelVerdict(week, week.address, at('2030-03-11T08:00:00Z'))).toBe('expired');
  });
});

describe('sameSecret', () => {
  it('is true only for the same token', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(sameSecret('abcabc', 'abc')).toBe(false);
  });
});
