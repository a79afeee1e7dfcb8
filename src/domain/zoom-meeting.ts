/**
 * The vocabulary every layer shares about Zoom meetings, in Zoom's own field names (REST API v2,
 * `specs/zoom-meetings-subset.json`, cut from Zoom's OpenAPI export). Types only: the recurrence
 * engine emits requests, the Zoom adapter sends them and parses responses into `ZoomMeeting`.
 */

/** 1 = Sunday … 7 = Saturday, as Zoom numbers weekdays. */
export type ZoomWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ZoomRecurrence {
  /** 1 daily, 2 weekly, 3 monthly. */
  type: 1 | 2 | 3;
  /** At most 90 (daily), 12 (weekly), 3 (monthly). */
  repeat_interval: number;
  /** Weekly: comma-separated weekdays, e.g. "2,4". */
  weekly_days?: string;
  /** Monthly by day of month, 1–31. */
  monthly_day?: number;
  /** Monthly by nth weekday: -1 (last), 1–4, with monthly_week_day. */
  monthly_week?: -1 | 1 | 2 | 3 | 4;
  monthly_week_day?: ZoomWeekday;
  /** How many occurrences (Zoom allows at most 50); exclusive with end_date_time. */
  end_times?: number;
  /** UTC end, `YYYY-MM-DDTHH:mm:ssZ`; exclusive with end_times. */
  end_date_time?: string;
}

export interface ZoomTrackingField {
  field: string;
  value: string;
}

/** The body of `POST /users/{userId}/meetings` (and, partially, of PATCH). */
export interface ZoomMeetingRequest {
  /** 2 scheduled, 3 recurring with no fixed time, 8 recurring with fixed time. */
  type: 2 | 3 | 8;
  topic: string;
  /** Wall-clock time in `timezone`, `YYYY-MM-DDTHH:mm:ss`, never with `Z` (types 2 and 8). */
  start_time?: string;
  timezone?: string;
  /** Minutes. */
  duration?: number;
  recurrence?: ZoomRecurrence;
  agenda?: string;
  settings?: Record<string, unknown>;
  tracking_fields?: ZoomTrackingField[];
  /** The user the meeting is scheduled for (its host); sent only to move a meeting between hosts. */
  schedule_for?: string;
}

export interface ZoomOccurrence {
  /** The occurrence's original start in epoch milliseconds, as a string. */
  occurrence_id: string;
  /** UTC, `YYYY-MM-DDTHH:mm:ssZ`. */
  start_time: string;
  duration: number;
  status: 'available' | 'deleted' | string;
}

/** A meeting as Zoom returns it (unknown fields tolerated and dropped at the edge). */
export interface ZoomMeeting {
  id: number;
  uuid: string;
  host_id: string;
  host_email?: string;
  topic: string;
  type: number;
  /** UTC with `Z`; absent for type 3. */
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  join_url: string;
  password?: string;
  status?: string;
  recurrence?: ZoomRecurrence;
  occurrences?: ZoomOccurrence[];
  tracking_fields?: ZoomTrackingField[];
  settings?: Record<string, unknown>;
}

/** A row of `GET /users/{userId}/meetings` (no recurrence or occurrences; agenda cut at 250). */
export interface ZoomMeetingSummary {
  id: number;
  uuid: string;
  host_id: string;
  topic: string;
  type: number;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  created_at?: string;
  join_url: string;
}

/**
 * A user of the Zoom account (`GET /users/{userId}`), the fields zoomlink reads. `type`: 1 Basic,
 * 2 Licensed, 99 None; `status`: `active`, `inactive`, `pending` (Zoom's OpenAPI export, `user`).
 */
export interface ZoomUser {
  id: string;
  email: string;
  type: number;
  status?: string;
  first_name?: string;
  last_name?: string;
  display_name?: string;
  timezone?: string;
}
