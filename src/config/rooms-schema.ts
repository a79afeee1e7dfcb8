import { z } from 'zod';
import { policySchema } from './sync-schema.js';

/** `active` acts; `observe` polls and plans, records the plan (status page), and writes nothing. */
export const roomMode = z.enum(['active', 'observe']);

export const roomSchema = z
  .object({
    calendarId: z
      .string()
      .min(1)
      .describe('Resource calendar id (…@resource.calendar.google.com).'),
    zoomHost: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Zoom user (email or id) who hosts this room’s meetings; absent or `"pool"`: a host of rooms.hostPool for each booking.',
      ),
    name: z.string().default('').describe('A name for people.'),
    mode: roomMode
      .optional()
      .describe('`observe`: polled and planned, nothing written (default: rooms.mode).'),
    policy: policySchema.optional().describe('This room’s scope policy (default: sync.policy).'),
    meetingSettings: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Zoom meeting `settings` of this room, merged over zoom.meetingSettings.'),
    invitationLang: z
      .enum(['en', 'zh-TW'])
      .optional()
      .describe('Language of this room’s block (default: sync.invitationLang).'),
  })
  .strict();

export const roomsSchema = z
  .object({
    mode: roomMode
      .default('active')
      .describe(
        'Every room’s mode unless rooms.list[].mode says otherwise: `observe` polls, plans and shows on the status page what zoomlink would do, and writes nothing to Zoom or Google; switching a room to `active` acts on all it observed.',
      ),
    source: z
      .enum(['config', 'directory'])
      .default('config')
      .describe('Where the rooms come from: `config` (rooms.list) or `directory` (Admin SDK).'),
    list: z.array(roomSchema).default([]).describe('Rooms when source is `config`.'),
    directoryQuery: z
      .string()
      .default('resourceCategory=CONFERENCE_ROOM')
      .describe('Directory `query` filter for discovery.'),
    hosts: z
      .record(z.string(), z.string())
      .default({})
      .describe(
        'Discovery: Zoom host per room, keyed by resource email, resource id or resource name.',
      ),
    hostTemplate: z
      .string()
      .default('')
      .describe(
        'Discovery: Zoom host built from the room, e.g. "zoom-{resourceId}@example.com" ({resourceId}, {resourceName}, {resourceEmail}).',
      ),
    defaultHost: z
      .string()
      .default('')
      .describe(
        'Discovery: Zoom host for rooms no other rule maps (`pool`: rooms.hostPool); empty = skip such rooms.',
      ),
    hostPool: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Zoom users (emails or ids) shared by every room whose host is absent or `"pool"`: each booking gets one that holds no overlapping meeting, the least loaded.',
      ),
    poolBufferMinutes: z
      .number()
      .int()
      .min(0)
      .max(240)
      .default(0)
      .describe(
        'Minutes kept free before and after each booking of a pool host (meetings that run over).',
      ),
  })
  .strict();

/** The `zoomHost` that means "a host of rooms.hostPool": none at all, or `pool`. */
export const POOL_HOST = 'pool';

export function isPoolHost(zoomHost: string | undefined): boolean {
  return zoomHost === undefined || zoomHost.trim().toLowerCase() === POOL_HOST;
}
