import type { LinkPatch } from '../../store/index.js';
import type { Action, MeetingPlan } from './actions.js';

/**
 * What the link records when an action has been carried out: pure, so that `apply/` and the
 * planner's model in the tests write the same fields for the same action.
 */

/** A booking's meeting as planned (a create records the host and rooms besides). */
export function meetingFields(
  meeting: MeetingPlan,
): Pick<LinkPatch, 'strategy' | 'zoomHash' | 'windowFrom' | 'windowTo' | 'reason'> {
  return {
    strategy: meeting.strategy,
    zoomHash: meeting.zoomHash,
    windowFrom: meeting.window?.from ?? null,
    windowTo: meeting.window?.to ?? null,
    reason: meeting.reason,
  };
}

/**
 * An update: the meeting as planned, and the link not `linked` until the steps after the update
 * (extras deleted again, exceptions applied again, the block) are done — so that a pass killed
 * between them resumes them instead of taking the new hash for a finished job.
 */
export function updatedMeetingFields(meeting: MeetingPlan): LinkPatch {
  return { ...meetingFields(meeting), state: 'pending' };
}

/** A create: the meeting as planned, its host and the rooms that hold the booking. */
export function createdMeetingFields(meeting: MeetingPlan, rooms: string[]): LinkPatch {
  return { ...meetingFields(meeting), zoomHost: meeting.host, rooms };
}

/** A `per_occurrence` booking: its strategy and window; its meetings are rows of their own. */
export function occurrenceStrategyFields(
  action: Extract<Action, { kind: 'setOccurrenceStrategy' }>,
): LinkPatch {
  return {
    strategy: 'per_occurrence',
    zoomHost: action.host,
    zoomHash: action.zoomHash,
    windowFrom: action.window?.from ?? null,
    windowTo: action.window?.to ?? null,
    reason: action.reason,
    rooms: action.rooms,
    zoomMeetingId: null,
    passcode: null,
  };
}
