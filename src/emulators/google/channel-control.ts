import type { EmulatorServer } from '../kit/index.js';
import type { ChannelDelivery, ResourceState } from './channel-delivery.js';
import type { ChannelRegistry } from './channels.js';
import type { GoogleSwitchDefinitions } from './switches.js';

/**
 * Control endpoints for notification channels (not Google's API):
 * - `GET /_emulator/channels` — every channel opened since the last reset, with its counts
 * - `POST /_emulator/channels/notify` `{ "id": "<channel id>", "state": "exists" | "not_exists" | "sync" }`
 *   — one message on demand (e.g. `not_exists`, which the emulator has no other way to cause)
 */
export function registerChannelControl(
  server: EmulatorServer<GoogleSwitchDefinitions>,
  channels: ChannelRegistry,
  delivery: ChannelDelivery,
): void {
  server.control('GET', '/channels', () => ({
    status: 200,
    body: channels.all().map((c) => ({
      ...c,
      expiration: new Date(c.expiration).toISOString(),
      expired: c.expiration <= server.clock.nowMs(),
    })),
  }));
  server.control('POST', '/channels/notify', (ctx) => {
    let body: { id?: unknown; state?: unknown } = {};
    try {
      body = JSON.parse(ctx.rawBody.toString('utf8') || '{}') as typeof body;
    } catch {
      return { status: 400, body: { error: 'send JSON {"id", "state"}' } };
    }
    const channel = typeof body.id === 'string' ? channels.get(body.id) : undefined;
    if (!channel) return { status: 404, body: { error: `no channel ${String(body.id)}` } };
    const state = body.state ?? 'exists';
    if (state !== 'sync' && state !== 'exists' && state !== 'not_exists')
      return { status: 400, body: { error: 'state is sync, exists or not_exists' } };
    delivery.notify(channel, state as ResourceState);
    return { status: 202, body: { id: channel.id, state } };
  });
}
