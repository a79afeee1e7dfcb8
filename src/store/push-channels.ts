import type { Database } from 'better-sqlite3';
import { stampNow, type Clock } from './clock.js';

/** An open Google push channel on a room calendar (migration 008). */
export interface PushChannel {
  channelId: string;
  calendarId: string;
  token: string;
  resourceId: string;
  resourceUri: string;
  address: string;
  expiration: Date;
  openedAt: Date;
}

export interface PushChannelsRepository {
  list(): PushChannel[];
  get(channelId: string): PushChannel | undefined;
  /** Records a channel just opened (`openedAt` = now). */
  add(channel: Omit<PushChannel, 'openedAt'>): PushChannel;
  remove(channelId: string): void;
}

interface Row {
  channel_id: string;
  calendar_id: string;
  token: string;
  resource_id: string;
  resource_uri: string;
  address: string;
  expiration: string;
  opened_at: string;
}

const toChannel = (row: Row): PushChannel => ({
  channelId: row.channel_id,
  calendarId: row.calendar_id,
  token: row.token,
  resourceId: row.resource_id,
  resourceUri: row.resource_uri,
  address: row.address,
  expiration: new Date(row.expiration),
  openedAt: new Date(row.opened_at),
});

export function createPushChannelsRepository(db: Database, clock: Clock): PushChannelsRepository {
  const all = db.prepare<[], Row>('SELECT * FROM push_channels ORDER BY calendar_id, opened_at');
  const one = db.prepare<[string], Row>('SELECT * FROM push_channels WHERE channel_id = ?');
  const insert = db.prepare<[Row]>(
    `INSERT INTO push_channels (channel_id, calendar_id, token, resource_id, resource_uri, address, expiration, opened_at)
     VALUES (@channel_id, @calendar_id, @token, @resource_id, @resource_uri, @address, @expiration, @opened_at)`,
  );
  const remove = db.prepare<[string]>('DELETE FROM push_channels WHERE channel_id = ?');
  const get = (channelId: string) => {
    const row = one.get(channelId);
    return row && toChannel(row);
  };
  return {
    list: () => all.all().map(toChannel),
    get,
    add(channel) {
      insert.run({
        channel_id: channel.channelId,
        calendar_id: channel.calendarId,
        token: channel.token,
        resource_id: channel.resourceId,
        resource_uri: channel.resourceUri,
        address: channel.address,
        expiration: channel.expiration.toISOString(),
        opened_at: stampNow(clock),
      });
      return get(channel.channelId)!;
    },
    remove: (channelId) => void remove.run(channelId),
  };
}
