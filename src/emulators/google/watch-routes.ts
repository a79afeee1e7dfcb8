import type { ApiContext, Reply } from '../kit/index.js';
import type { ApiDeps } from './api-routes.js';
import type { ChannelDelivery } from './channel-delivery.js';
import { renderChannel, type ChannelRegistry } from './channels.js';
import { googleErrors } from './google-errors.js';
import type { Principal } from './tokens.js';

export interface WatchDeps {
  channels: ChannelRegistry;
  delivery: ChannelDelivery;
}

/**
 * `events.watch` (`POST calendars/{calendarId}/events/watch`, request and answer a `Channel`) and
 * `channels.stop` (`POST channels/stop`, request a `Channel` with `id` and `resourceId`, empty
 * answer), paths from the discovery document. A watch needs read access to the calendar (a room
 * calendar the acting user cannot read is `notFound`, as google-api-nodejs-client #3000 reports).
 */
export function watchEvents(
  deps: ApiDeps & WatchDeps,
  ctx: ApiContext,
  principal: Principal,
  body: Record<string, unknown>,
): Reply {
  const { calendar } = deps.model.resolve(principal.user, ctx.params.calendarId!);
  ctx.tag('calendar', calendar.id);
  const channel = deps.channels.open(calendar.id, body, ctx.now.getTime());
  deps.delivery.opened(channel);
  return { status: 200, body: renderChannel(channel) };
}

export function stopChannel(deps: WatchDeps, body: Record<string, unknown>): Reply {
  if (typeof body.resourceId !== 'string' || body.resourceId === '')
    throw googleErrors.required('Required', 'resourceId');
  deps.channels.stop(body);
  return { status: 204 };
}
