/**
 * The time window filter `GET /users/{userId}/meetings` lacks: its `from`/`to` parameters are dates
 * only, read in a time zone the 2023 spec does not name, and they arrived late (in the 2023 export
 * of Zoom's OpenAPI spec). So the client lists everything and keeps the meetings that start in
 * `[from, to)`. A meeting with no start time (type 3, no fixed time) has no place in a window and
 * is kept only when no bound is given.
 */
export interface StartWindow {
  from?: Date;
  to?: Date;
}

export function startsWithin<T extends { start_time?: string }>(
  meetings: readonly T[],
  window: StartWindow,
): T[] {
  if (!window.from && !window.to) return [...meetings];
  const from = window.from?.getTime() ?? -Infinity;
  const to = window.to?.getTime() ?? Infinity;
  return meetings.filter((meeting) => {
    if (!meeting.start_time) return false;
    const start = Date.parse(meeting.start_time);
    return !Number.isNaN(start) && start >= from && start < to;
  });
}
