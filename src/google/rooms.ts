import { z } from 'zod';
import type { AdapterContext } from './adapter-context.js';
import {
  directoryResource,
  roomFromResource,
  roomsFromConfig,
  type RoomListing,
} from './room-hosts.js';
import { GoogleScopes } from './scopes.js';

const resourcesPage = z.object({
  items: z.array(directoryResource).optional(),
  nextPageToken: z.string().optional(),
});

/** Directory pages hold at most 500 resources (admin directory_v1 discovery, `maxResults`). */
const directoryPageSize = 500;

/**
 * The rooms zoomlink watches: `rooms.list` from the config, or every resource calendar the
 * Directory lists for `rooms.directoryQuery` (all pages), each given a Zoom host by the rules in
 * `room-hosts.ts`. Rooms no rule maps are left out, and logged once each.
 */
export async function discoverRooms(ctx: AdapterContext): Promise<RoomListing> {
  if (ctx.rooms.source === 'config') {
    return { source: 'config', rooms: roomsFromConfig(ctx.rooms.list), skipped: [] };
  }
  const listing: RoomListing = { source: 'directory', rooms: [], skipped: [] };
  const operation = 'directory.resources.calendars.list';
  const pages = ctx.pages(
    { operation },
    (pageToken) =>
      ctx.call(
        {
          operation,
          subject: ctx.adminSubject(),
          scope: GoogleScopes.readRooms,
          send: (auth) =>
            ctx.apis.directory.resources.calendars.list({
              auth,
              customer: ctx.google.customer,
              maxResults: directoryPageSize,
              query: ctx.rooms.directoryQuery || undefined,
              pageToken,
            }),
        },
        resourcesPage,
      ),
    (page) => page.nextPageToken,
  );
  for await (const page of pages) {
    for (const resource of page.items ?? []) {
      const found = roomFromResource(resource, ctx.rooms);
      if ('room' in found) listing.rooms.push(found.room);
      else listing.skipped.push(found.skipped);
    }
  }
  for (const skipped of listing.skipped) {
    const key = `${skipped.resourceEmail ?? skipped.resourceId ?? ''} ${skipped.reason}`;
    if (ctx.reportedSkips.has(key)) continue;
    ctx.reportedSkips.add(key);
    ctx.logger.warn('directory room skipped', { ...skipped });
  }
  return listing;
}
