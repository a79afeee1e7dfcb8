import { KeyedLock } from '../util/keyed-lock.js';
import { emptyCounts } from './apply/counts.js';
import { selectRooms, type SyncEngineOptions } from './engine.js';
import { watchedRooms } from './plan/booking-rooms.js';
import type { DecommissionReport } from './plan/plan-decommission.js';
import type { PlanPreview } from './plan/preview.js';
import { decommission } from './passes/decommission.js';
import { previewRooms } from './passes/preview.js';

/**
 * The two commands of a rollout that are not the daemon's passes (README "Rolling out"): what a
 * sync would do, and zoomlink's undo. Over the same store, ports and configuration as the engine.
 */
export interface Rollout {
  /**
   * `zoomlink plan`: what a poll would do now, each room read whole from Google and every booking
   * planned against the store. Nothing is written anywhere (not even the room list), no sync token
   * is used or kept, and no Zoom call is made.
   */
  preview(options?: { rooms?: string[] }): Promise<PlanPreview>;
  /**
   * `zoomlink decommission`: with `apply`, the meetings of bookings not over deleted and our block
   * taken out of every copy we wrote, journaled; without, the list of what would be done.
   */
  decommission(options: {
    rooms?: string[];
    apply: boolean;
    signal?: AbortSignal;
  }): Promise<DecommissionReport>;
}

export function createRollout(options: SyncEngineOptions): Rollout {
  const ctx = { ...options, locks: new KeyedLock() };
  return {
    async preview(previewOptions = {}) {
      const all = await ctx.calendar.listRooms();
      const selected = selectRooms(all, previewOptions.rooms);
      return previewRooms({ ...ctx, watched: watchedRooms(all), counts: emptyCounts() }, selected);
    },
    async decommission(decommissionOptions) {
      const all = await ctx.calendar.listRooms();
      if (decommissionOptions.rooms) selectRooms(all, decommissionOptions.rooms);
      const pass = { ...ctx, watched: watchedRooms(all), counts: emptyCounts() };
      return decommission(pass, decommissionOptions);
    },
  };
}
