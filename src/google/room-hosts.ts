import { z } from 'zod';
import { POOL_HOST, type RoomsConfig } from '../config/schema.js';
import type { Room } from '../domain/calendar-write.js';

/**
 * Which Zoom user hosts a room's meetings. Rooms from the config name their host; rooms found in
 * the Directory get one from, in order: `rooms.hosts` (keyed by resource email, id or name, case
 * ignored), `rooms.hostTemplate`, `rooms.defaultHost`. A room no rule maps is skipped, with the
 * reason, rather than guessed.
 */

/** A Directory `CalendarResource` (admin directory_v1 discovery), the fields zoomlink reads. */
export const directoryResource = z
  .object({
    resourceId: z.string(),
    resourceName: z.string(),
    generatedResourceName: z.string(),
    resourceEmail: z.string(),
    resourceCategory: z.string(),
    capacity: z.number(),
    buildingId: z.string(),
  })
  .partial();

export type DirectoryResource = z.infer<typeof directoryResource>;

export interface SkippedRoom {
  resourceId?: string;
  resourceName?: string;
  resourceEmail?: string;
  reason: string;
}

export interface RoomListing {
  source: RoomsConfig['source'];
  rooms: Room[];
  /** Directory rooms left out, each with why (no host rule, no calendar address). */
  skipped: SkippedRoom[];
}

export type HostRules = Pick<RoomsConfig, 'hosts' | 'hostTemplate' | 'defaultHost'>;

export function roomsFromConfig(list: RoomsConfig['list']): Room[] {
  return list.map((room) => ({
    calendarId: room.calendarId,
    name: room.name || room.calendarId,
    zoomHost: room.zoomHost ?? POOL_HOST,
  }));
}

export function roomFromResource(
  resource: DirectoryResource,
  rules: HostRules,
): { room: Room } | { skipped: SkippedRoom } {
  const identity: SkippedRoom = { reason: '' };
  if (resource.resourceId) identity.resourceId = resource.resourceId;
  if (resource.resourceName) identity.resourceName = resource.resourceName;
  if (resource.resourceEmail) identity.resourceEmail = resource.resourceEmail;
  if (!resource.resourceEmail) {
    return {
      skipped: { ...identity, reason: 'the Directory gives no resourceEmail (calendar id)' },
    };
  }
  const host = zoomHostFor(resource, rules);
  if (!host.ok) return { skipped: { ...identity, reason: host.reason } };
  return {
    room: {
      calendarId: resource.resourceEmail,
      name: resource.generatedResourceName || resource.resourceName || resource.resourceEmail,
      zoomHost: host.host,
    },
  };
}

type HostAnswer = { ok: true; host: string } | { ok: false; reason: string };

export function zoomHostFor(resource: DirectoryResource, rules: HostRules): HostAnswer {
  const wanted = [resource.resourceEmail, resource.resourceId, resource.resourceName]
    .filter((key): key is string => Boolean(key))
    .map((key) => key.toLowerCase());
  for (const [key, host] of Object.entries(rules.hosts)) {
    if (host && wanted.includes(key.toLowerCase())) return { ok: true, host };
  }
  let templateProblem = '';
  if (rules.hostTemplate) {
    const filled = fillTemplate(rules.hostTemplate, resource);
    if (filled.ok) return filled;
    templateProblem = `; rooms.hostTemplate ${filled.reason}`;
  }
  if (rules.defaultHost) return { ok: true, host: rules.defaultHost };
  return {
    ok: false,
    reason: `no Zoom host: not in rooms.hosts${templateProblem}${rules.hostTemplate ? '' : ', no rooms.hostTemplate'}, no rooms.defaultHost`,
  };
}

const placeholders: Record<string, keyof DirectoryResource> = {
  resourceId: 'resourceId',
  resourceName: 'resourceName',
  resourceEmail: 'resourceEmail',
};

function fillTemplate(template: string, resource: DirectoryResource): HostAnswer {
  let problem = '';
  const host = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const field = placeholders[name];
    if (!field) {
      problem ||= `uses unknown placeholder ${whole}`;
      return whole;
    }
    const value = resource[field];
    if (typeof value !== 'string' || value === '') {
      problem ||= `needs ${whole}, which this room lacks`;
      return whole;
    }
    return value;
  });
  return problem ? { ok: false, reason: problem } : { ok: true, host };
}
