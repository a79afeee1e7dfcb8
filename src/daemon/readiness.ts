import type { StoredRoom } from '../store/index.js';

/**
 * `/readyz`: zoomlink is ready when every room it knows was polled successfully within
 * `maxLagSeconds`. Pure, so the rule is tested without a server.
 */
export interface NotReadyRoom {
  calendarId: string;
  name: string;
  reason: string;
}

export interface Readiness {
  ready: boolean;
  rooms: number;
  notReady: NotReadyRoom[];
  /** Set when the daemon as a whole is not ready (no rooms yet, shutting down). */
  reason?: string;
}

export function assessReadiness(
  rooms: readonly StoredRoom[],
  now: Date,
  maxLagSeconds: number,
): Readiness {
  if (rooms.length === 0) {
    return {
      ready: false,
      rooms: 0,
      notReady: [],
      reason:
        'no rooms known yet: the first poll has not finished, or rooms.list (or Directory discovery) gives none',
    };
  }
  const notReady: NotReadyRoom[] = [];
  for (const room of rooms) {
    const name = room.name || room.calendarId;
    const error = room.lastError ? `; last error: ${room.lastError}` : '';
    if (!room.lastSuccessAt) {
      notReady.push({
        calendarId: room.calendarId,
        name,
        reason: `never polled successfully${error}`,
      });
      continue;
    }
    const lag = Math.round((now.getTime() - Date.parse(room.lastSuccessAt)) / 1000);
    if (lag > maxLagSeconds) {
      notReady.push({
        calendarId: room.calendarId,
        name,
        reason: `last successful poll ${lag} s ago (limit ${maxLagSeconds} s)${error}`,
      });
    }
  }
  return { ready: notReady.length === 0, rooms: rooms.length, notReady };
}
