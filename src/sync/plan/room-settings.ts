import { createHash } from 'node:crypto';
import type {
  BookingPolicy,
  RoomConfig,
  RoomMode,
  SyncConfig,
  ZoomConfig,
} from '../../config/schema.js';

/**
 * What a room's bookings are given: the global settings (`sync.*`, `zoom.*`, `rooms.mode`) with
 * the room's own in `rooms.list[]` over them. A booking takes the settings of its host room (the
 * first of its watched rooms by calendar id: the rule that picks its Zoom host), so every copy of
 * it gives the same answer.
 */

/** The part of the configuration scope and meeting settings are made of. */
export interface ScopeConfig {
  sync: Pick<
    SyncConfig,
    | 'policy'
    | 'optInKeywords'
    | 'optOutKeywords'
    | 'replaceOtherConferences'
    | 'privateTopic'
    | 'invitationLang'
  >;
  zoom: Pick<ZoomConfig, 'meetingSettings' | 'alternativeHosts'>;
  rooms: {
    mode: RoomMode;
    list: readonly Pick<
      RoomConfig,
      'calendarId' | 'mode' | 'policy' | 'meetingSettings' | 'invitationLang'
    >[];
  };
}

export interface RoomSettings {
  mode: RoomMode;
  policy: BookingPolicy;
  /** `zoom.meetingSettings` with the room's over them. */
  meetingSettings: Record<string, unknown>;
  invitationLang: SyncConfig['invitationLang'];
}

export function roomSettings(config: ScopeConfig, calendarId: string | undefined): RoomSettings {
  const id = calendarId?.toLowerCase();
  const own = config.rooms.list.find((room) => room.calendarId.toLowerCase() === id);
  return {
    mode: own?.mode ?? config.rooms.mode,
    policy: own?.policy ?? config.sync.policy,
    meetingSettings: { ...config.zoom.meetingSettings, ...own?.meetingSettings },
    invitationLang: own?.invitationLang ?? config.sync.invitationLang,
  };
}

/**
 * A fingerprint of what decides a room's bookings' plans beyond the events themselves: its mode,
 * scope and meeting settings. When it changes, the room is read whole again (the store drops its
 * sync token), so a new policy or new settings reach the bookings already linked, and a room
 * switched from `observe` to `active` acts on all it observed.
 */
export function scopeHashOf(config: ScopeConfig, calendarId: string): string {
  const room = roomSettings(config, calendarId);
  const { sync } = config;
  const keywords =
    room.policy === 'optIn'
      ? sync.optInKeywords
      : room.policy === 'optOut'
        ? sync.optOutKeywords
        : [];
  return createHash('sha256')
    .update(
      canonicalJson([
        1,
        room.mode,
        room.policy,
        keywords.map((k) => k.toLowerCase()),
        sync.replaceOtherConferences,
        sync.privateTopic,
        room.invitationLang,
        room.meetingSettings,
        config.zoom.alternativeHosts,
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}

/** JSON with object keys sorted, so equal settings written in another order hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
