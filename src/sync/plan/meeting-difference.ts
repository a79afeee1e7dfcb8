import type { LiveEvent } from '../../domain/calendar-event.js';
import type { ZoomMeeting } from '../../domain/zoom-meeting.js';
import { topicOf } from '../../recurrence/index.js';
import type { Link } from '../../store/index.js';
import { bookingScope } from './booking-scope.js';
import type { WatchedRooms } from './booking-rooms.js';
import type { PlanConfig } from './booking-state.js';
import { durationMinutesOf } from './plan-overrides.js';

/**
 * What a person changed in Zoom on a booking's meeting, as words ('' when nothing): the topic of
 * any meeting, and the start and length of a single one (a series' times are judged occurrence by
 * occurrence against Google's instances, `occurrence-drift.ts`; a start already past is not
 * judged), compared with the booking as
 * the store last read it. Our own updates leave nothing to find, which is why a webhook about our
 * own change costs a read and never a write.
 */
export function meetingDifference(
  booking: LiveEvent,
  link: Link,
  meeting: ZoomMeeting,
  config: PlanConfig & { watched: WatchedRooms },
  now: Date,
): string {
  const changes: string[] = [];
  const { request } = bookingScope(booking, { link, watched: config.watched }, now, config);
  const topic = request.topic ?? topicOf(booking.summary);
  if (meeting.topic !== topic) changes.push(`topic "${meeting.topic}", not "${topic}"`);
  if (link.strategy === 'single') {
    const start = Date.parse(booking.start.dateTime ?? '');
    const zoomStart = Date.parse(meeting.start_time ?? '');
    // A booking linked after it began has Zoom's "now" as its start (a past start_time is
    // rewritten on create and ignored on update, SPEC meetingUpdate): only a start ahead counts.
    if (!(start > now.getTime())) return changes.join(', ');
    if (zoomStart !== start)
      changes.push(`starts ${meeting.start_time ?? 'never'}, not ${new Date(start).toISOString()}`);
    const minutes = durationMinutesOf(booking);
    if (meeting.duration !== undefined && meeting.duration !== minutes)
      changes.push(`lasts ${meeting.duration} min, not ${minutes}`);
  }
  return changes.join(', ');
}
