import { z } from 'zod';
import { googleSchema } from './google-schema.js';
import { isPoolHost, roomMode, roomSchema, roomsSchema } from './rooms-schema.js';
import { serverSchema } from './server-schema.js';
import { policySchema, recurrenceSchema, syncSchema } from './sync-schema.js';
import { zoomSchema } from './zoom-schema.js';

export {
  googleSchema,
  policySchema,
  recurrenceSchema,
  roomMode,
  roomSchema,
  roomsSchema,
  serverSchema,
  syncSchema,
  zoomSchema,
};
export { isPoolHost, POOL_HOST } from './rooms-schema.js';

/**
 * Every knob zoomlink has. The defaults here equal `config/default.json` (a test holds them
 * together) and the README's configuration table is generated from the descriptions
 * (`npm run config:table`). Secrets have no default and are read from the environment or a file.
 *
 * Each section is its own object, in a file of its own (`zoom-schema.ts`, `google-schema.ts`,
 * `rooms-schema.ts`, `server-schema.ts`, `sync-schema.ts`), so that a command can take only the
 * part it needs.
 */

export const configSchema = z
  .object({
    mode: z
      .enum(['auto', 'live', 'demo'])
      .default('auto')
      .describe(
        '`live` uses the configured credentials, `demo` the built-in emulators, `auto` demo only when no credentials are configured.',
      ),
    database: z
      .object({
        path: z
          .string()
          .min(1)
          .default('./data/zoomlink.db')
          .describe('SQLite database file (created owner-only).'),
        historyRetentionDays: z
          .number()
          .int()
          .min(1)
          .default(90)
          .describe(
            'The daily reconcile pass deletes audit entries and settled create intents older than this, and the links of bookings that ended longer ago than this (and at least as long as Zoom keeps their meetings: 30 days, 365 for recurring ones), and deleted or ignored links unchanged for as long.',
          ),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z
          .enum(['error', 'warn', 'info', 'debug'])
          .default('info')
          .describe('Least severe level written.'),
        format: z
          .enum(['auto', 'json', 'pretty'])
          .default('auto')
          .describe('`auto`: readable lines on a terminal, JSON lines otherwise.'),
      })
      .strict()
      .prefault({}),
    zoom: zoomSchema.prefault({}),
    google: googleSchema.prefault({}),
    rooms: roomsSchema.prefault({}),
    recurrence: recurrenceSchema.prefault({}),
    sync: syncSchema.prefault({}),
    server: serverSchema.prefault({}),
    shutdown: z
      .object({
        timeoutSeconds: z
          .number()
          .int()
          .min(1)
          .max(600)
          .default(20)
          .describe('On SIGTERM, how long in-flight work may take before the daemon exits anyway.'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    // A room that takes its hosts from the pool needs a pool to take them from.
    if (config.rooms.hostPool.length > 0) return;
    const pooled = config.rooms.list.findIndex((room) => isPoolHost(room.zoomHost));
    if (pooled >= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['rooms', 'list', pooled, 'zoomHost'],
        message:
          'this room takes its Zoom host from rooms.hostPool (no zoomHost, or "pool"), but rooms.hostPool is empty: list the shared Zoom users there (ZOOMLINK_HOST_POOL), or give the room its own zoomHost',
      });
    const mapped = Object.entries(config.rooms.hosts).find(([, host]) => isPoolHost(host));
    if (mapped)
      ctx.addIssue({
        code: 'custom',
        path: ['rooms', 'hosts', mapped[0]],
        message:
          'this room takes its Zoom host from rooms.hostPool ("pool"), but rooms.hostPool is empty: list the shared Zoom users there (ZOOMLINK_HOST_POOL), or map the room to a Zoom user',
      });
    // An empty defaultHost means "skip rooms no rule maps", not the pool.
    const defaultHost = config.rooms.defaultHost.trim();
    if (config.rooms.source === 'directory' && defaultHost !== '' && isPoolHost(defaultHost))
      ctx.addIssue({
        code: 'custom',
        path: ['rooms', 'defaultHost'],
        message:
          'rooms.defaultHost is "pool", but rooms.hostPool is empty: list the shared Zoom users there (ZOOMLINK_HOST_POOL)',
      });
  });

export type Config = z.infer<typeof configSchema>;
export type ZoomConfig = Config['zoom'];
export type GoogleConfig = Config['google'];
export type RoomsConfig = Config['rooms'];
export type RoomConfig = z.infer<typeof roomSchema>;
export type RoomMode = z.infer<typeof roomMode>;
export type BookingPolicy = z.infer<typeof policySchema>;
export type RecurrenceConfig = Config['recurrence'];
export type SyncConfig = Config['sync'];
export type ServerConfig = Config['server'];
