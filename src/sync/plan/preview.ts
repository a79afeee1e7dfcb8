import type { CalendarEvent } from '../../domain/calendar-event.js';
import type { Action, EventPlan } from './actions.js';
import { bookingScope, decidingRoomOf } from './booking-scope.js';
import { isLiveLink, type BookingState, type PlanConfig } from './booking-state.js';

/**
 * A plan as people read it (pure): what `zoomlink plan` prints per booking and what a room in
 * `observe` mode records for the status page — the room whose settings decide, the remote steps
 * in order (store-only steps left out), the meeting's strategy and host, and a skip's reason code.
 */
export type PreviewAction =
  | 'create'
  | 'update'
  | 'move'
  | 'delete'
  | 'occurrence delete'
  | 'occurrence update'
  | 'write-back'
  | 'wait'
  | 'fail'
  | 'skip';

export const previewActions: readonly PreviewAction[] = [
  'create',
  'update',
  'move',
  'delete',
  'occurrence delete',
  'occurrence update',
  'write-back',
  'wait',
  'fail',
  'skip',
];

export interface BookingPreview {
  eventId: string;
  room: string;
  actions: PreviewAction[];
  strategy: string | null;
  host: string | null;
  /** A skip's reason code; null otherwise. */
  reason: string | null;
}

/** `zoomlink plan`'s answer: a line per booking, counts, and the rooms that could not be read. */
export interface PlanPreview {
  bookings: BookingPreview[];
  /** Bookings per action word (and `skip:<reason>`), `none` for those with nothing to do. */
  counts: PreviewCounts;
  failedRooms: { room: string; code: string; message: string }[];
}

export type PreviewCounts = Record<string, number> & { bookings: number; none: number };

export function previewOf(
  plan: EventPlan,
  event: CalendarEvent,
  state: BookingState,
  now: Date,
  config: PlanConfig,
): BookingPreview {
  const actions = new Set<PreviewAction>();
  let strategy: string | null = isLiveLink(state.link) ? state.link!.strategy : null;
  let host: string | null = isLiveLink(state.link) ? (state.link!.zoomHost ?? null) : null;
  for (const action of plan.actions) {
    const word = wordOf(action);
    if (word) actions.add(word);
    if (
      action.kind === 'createMeeting' ||
      action.kind === 'updateMeeting' ||
      action.kind === 'moveMeeting'
    ) {
      strategy = action.meeting.strategy;
      host = action.meeting.host;
    } else if (action.kind === 'setOccurrenceStrategy') {
      strategy = 'per_occurrence';
      host = action.host;
    }
  }
  if (plan.skipped) actions.add('skip');
  if (host === null && !plan.skipped && (event.kind === 'single' || event.kind === 'master'))
    host = bookingScope(event, state, now, config).host ?? null;
  return {
    eventId: plan.bookingId,
    room: decidingRoomOf(event, state),
    actions: [...actions],
    strategy: plan.skipped ? null : strategy,
    host: plan.skipped ? null : host,
    reason: plan.skipped?.reason ?? null,
  };
}

function wordOf(action: Action): PreviewAction | undefined {
  switch (action.kind) {
    case 'createMeeting':
    case 'createOccurrenceMeeting':
      return 'create';
    case 'updateMeeting':
    case 'updateOccurrenceMeeting':
      return 'update';
    case 'deleteMeeting':
    case 'deleteOccurrenceMeeting':
      return 'delete';
    case 'deleteOccurrences':
      return 'occurrence delete';
    case 'applyOverride':
      return action.change.kind === 'deleted' ? 'occurrence delete' : 'occurrence update';
    case 'writeBack':
    case 'writeExceptionBlocks':
    case 'removeBlock':
      return 'write-back';
    case 'moveMeeting':
      return 'move';
    case 'waitUntil':
      return 'wait';
    case 'poolExhausted':
      return 'fail';
    default:
      return undefined;
  }
}
