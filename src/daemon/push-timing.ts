/**
 * When a Google push channel is renewed, and what to do with a stored channel (pure). Google
 * renews nothing: a new channel (new id) must be opened before `expiration`, and the two overlap
 * for a while (Calendar push guide, "Renewing notification channels",
 * developers.google.com/workspace/calendar/api/guides/push).
 */

/** At most an hour before expiration, at least a quarter of the channel's life before it. */
const maxMarginMs = 3_600_000;

export function renewAt(channel: { openedAt: Date; expiration: Date }): Date {
  const life = Math.max(0, channel.expiration.getTime() - channel.openedAt.getTime());
  return new Date(channel.expiration.getTime() - Math.min(maxMarginMs, life / 4));
}

export type ChannelVerdict = 'keep' | 'replace' | 'expired';

/**
 * `keep` a channel to the same address not yet due for renewal; `replace` one that is due, or
 * that posts to another address (server.publicUrl changed); `expired` once Google no longer
 * delivers on it (a new one is opened, the old row dropped without a stop).
 */
export function channelVerdict(
  channel: { openedAt: Date; expiration: Date; address: string },
  address: string,
  now: Date,
): ChannelVerdict {
  if (now.getTime() >= channel.expiration.getTime()) return 'expired';
  if (channel.address !== address) return 'replace';
  return now.getTime() >= renewAt(channel).getTime() ? 'replace' : 'keep';
}
