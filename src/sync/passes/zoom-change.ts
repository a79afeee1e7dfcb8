import type { Link } from '../../store/index.js';
import type { PassContext } from '../apply/context.js';
import { isLiveLink } from '../plan/booking-state.js';
import type { ReconcileFinding, ZoomChange, ZoomChangeOutcome } from '../plan/engine-types.js';
import { reconcileLink } from './reconcile.js';

/**
 * A Zoom webhook about a meeting (`meeting.updated`, `meeting.deleted`): the booking that links
 * it gets reconcile's check and repair at once, for it alone. A meeting no live link of this
 * database holds is not ours (or no longer) and is ignored at no call.
 *
 * Our own changes are recognised by comparing, not by the payload's `operator`: Zoom documents
 * `operator`/`operator_id` as the user who made the change, and an app's API calls name a user
 * of the account too, so a person editing as that user could not be told from zoomlink. The
 * check compares the meeting with what the booking asks for; after our own write they agree, so
 * the event costs a read and no write, and no event can cause another (no loop).
 *
 * Events for one booking coalesce: while its repair runs, further events make one more run after
 * it, however many come (duplicates are harmless). The check reads outside the booking's lock,
 * as reconcile does; its repair (`processEvent`) takes it, and empties a link's meeting only when
 * the link still names the meeting found missing.
 */
export class ZoomChanges {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly pass: () => Promise<PassContext>,
    private readonly fix: () => boolean,
  ) {}

  linkOf(ctx: Pick<PassContext, 'store'>, meetingId: number): Link | undefined {
    const direct = ctx.store.links.getByMeetingId(meetingId);
    if (direct && isLiveLink(direct) && direct.state !== 'deleted') return direct;
    const occurrence = ctx.store.occurrenceMeetings.getByMeetingId(meetingId);
    const link = occurrence ? ctx.store.links.get(occurrence.eventId) : undefined;
    return link && isLiveLink(link) ? link : undefined;
  }

  async changed(change: ZoomChange): Promise<ZoomChangeOutcome> {
    const ctx = await this.pass();
    const seen = this.linkOf(ctx, change.meetingId);
    if (!seen) return { outcome: 'unknown_meeting' };
    // Our own call is made under the booking's lock, and the store learns its outcome before the
    // lock is let go: once it is free, a change of ours is in the store (a deleted or replaced
    // meeting is no longer linked), so an event it caused finds nothing to do.
    await ctx.locks.run(seen.eventId, () => Promise.resolve());
    const link = this.linkOf(ctx, change.meetingId);
    if (!link) return { outcome: 'unknown_meeting' };
    const current = this.running.get(link.eventId);
    if (current) {
      current.again = true;
      return { outcome: 'coalesced', eventId: link.eventId };
    }
    const entry = { again: true, done: Promise.resolve() };
    this.running.set(link.eventId, entry);
    const findings: ReconcileFinding[] = [];
    try {
      while (entry.again) {
        entry.again = false;
        const fresh = ctx.store.links.get(link.eventId);
        if (!fresh || !isLiveLink(fresh) || fresh.state === 'pending') break;
        findings.push(...(await reconcileLink(await this.pass(), fresh, this.fix())));
      }
    } finally {
      this.running.delete(link.eventId);
    }
    return { outcome: 'checked', eventId: link.eventId, findings };
  }
}
