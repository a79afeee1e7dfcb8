import type { ZoomUser } from '../../domain/zoom-meeting.js';
import type { PassContext } from './context.js';
import { describeError } from './failures.js';
import { needsLookup } from '../plan/meeting-request.js';

/**
 * Asks Zoom once whether an organizer may be an alternative host of their bookings' meetings, and
 * remembers the answer in the store (`zoomUsers`). Zoom lets only a licensed user of the same
 * account be one (Zoom support, "Designating an alternative host": "Both users need to be Licensed
 * and on the same account"); a 404 means not a user of the account, a final answer. Any other
 * failure (a missing `user:read` scope, an outage) is remembered as unknown and asked again a day
 * later; the booking goes on without an alternative host meanwhile — its link matters more.
 *
 * Workers run side by side: two bookings of one organizer may both ask at once, so a lookup takes
 * the organizer's lock, and one that finds the answer stored meanwhile asks nothing.
 */
export function lookUpOrganizer(ctx: PassContext, email: string): Promise<void> {
  return ctx.locks.run(`organizer:${email.toLowerCase()}`, async () => {
    if (!needsLookup(ctx.store.zoomUsers.get(email), ctx.now())) return;
    await askZoom(ctx, email);
  });
}

async function askZoom(ctx: PassContext, email: string): Promise<void> {
  let user: ZoomUser | null;
  try {
    user = await ctx.meetings.getUser(email);
  } catch (error) {
    const detail = describeError(error);
    ctx.store.zoomUsers.record(email, null, detail);
    ctx.logger.warn('looking up an organizer in zoom failed; no alternative host for now', {
      organizer: email,
      error: detail,
    });
    return;
  }
  const { eligible, detail } = verdictOf(user);
  ctx.store.zoomUsers.record(email, eligible, detail);
  ctx.logger.info('organizer looked up in zoom', { organizer: email, eligible, detail });
}

function verdictOf(user: ZoomUser | null): { eligible: boolean; detail: string } {
  if (user === null) return { eligible: false, detail: 'not a user of the Zoom account' };
  const status = user.status ?? 'active';
  if (status !== 'active')
    return { eligible: false, detail: `a Zoom user whose status is ${status}` };
  if (user.type !== 2)
    return {
      eligible: false,
      detail: `a ${user.type === 1 ? 'Basic' : 'not licensed'} Zoom user: only licensed users can be alternative hosts`,
    };
  return { eligible: true, detail: 'a licensed, active user of the Zoom account' };
}
