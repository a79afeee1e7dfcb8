import { DateTime } from 'luxon';
import type { ZoomMeetingRequest } from '../../domain/zoom-meeting.js';
import { SERIES_START_MARGIN_MS, zoomStart } from '../../recurrence/index.js';

/**
 * What an update of a single meeting sends as its start (pure). Zoom takes a past `start_time` as
 * "now" on create (moodle-mod_zoom issue #341) but ignores it on update (Zoom's OpenAPI spec,
 * `meetingUpdate`), so a booking moved to a time already begun would keep its old start in Zoom,
 * still ahead. Such an update says "a minute from now" instead, as a create would have it. Only
 * what is sent changes: the plan and its hash keep the booking's own time, so the next pass finds
 * nothing to do (soak seed 110019).
 */
export function updateStart(request: ZoomMeetingRequest, now: Date): ZoomMeetingRequest {
  if (request.type !== 2 || request.start_time === undefined) return request;
  const zone = request.timezone ?? 'UTC';
  const start = DateTime.fromISO(request.start_time, { zone });
  if (!start.isValid || start.toMillis() > now.getTime()) return request;
  return { ...request, ...zoomStart(now.getTime() + SERIES_START_MARGIN_MS, zone) };
}
