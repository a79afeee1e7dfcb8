/**
 * What the emulator stores about a meeting, and the request bodies it accepts (after the spec's
 * schema has checked them, see `spec-schemas.ts`). Times are epoch milliseconds.
 */

export type MeetingType = 1 | 2 | 3 | 8;

export interface RecurrenceBody {
  type: 1 | 2 | 3;
  repeat_interval?: number;
  weekly_days?: string;
  monthly_day?: number;
  monthly_week?: -1 | 1 | 2 | 3 | 4;
  monthly_week_day?: number;
  end_times?: number;
  end_date_time?: string;
}

export interface TrackingField {
  field: string;
  value?: string;
}

export interface MeetingBody {
  topic?: string;
  type?: MeetingType;
  start_time?: string;
  duration?: number;
  timezone?: string;
  password?: string;
  default_password?: boolean;
  agenda?: string;
  recurrence?: RecurrenceBody;
  settings?: Record<string, unknown>;
  schedule_for?: string;
  tracking_fields?: TrackingField[];
  template_id?: string;
  pre_schedule?: boolean;
}

export interface StoredOccurrence {
  /** The original start in epoch ms, as a string (SPEC example `1648194360000`). */
  id: string;
  startMs: number;
  duration: number;
  status: 'available' | 'deleted';
  /** Single-occurrence edits (SPEC meetingUpdate `occurrence_id`). */
  agenda?: string;
  settings?: Record<string, unknown>;
}

export interface StoredMeeting {
  id: number;
  uuid: string;
  hostId: string;
  topic: string;
  type: MeetingType;
  /** Types 2 and 8: the start as requested (for 8, the series anchor); absent for 1 and 3. */
  startMs?: number;
  duration: number;
  timezone: string;
  agenda: string;
  password: string;
  encryptedPassword: string;
  /** Digits only, for phone and H.323 (SPEC `h323_password`, `pstn_password`). */
  numericPassword: string;
  createdAt: number;
  settings: Record<string, unknown>;
  trackingFields?: TrackingField[];
  preSchedule: boolean;
  /** The recurrence as sent (type 8 only), echoed in responses. */
  recurrence?: RecurrenceBody;
  /** `recurrence.end_date_time` as read (epoch ms), echoed in UTC. */
  recurrenceEndMs?: number;
  occurrences: StoredOccurrence[];
  status: 'waiting' | 'started';
  deletedAt?: number;
  /**
   * Not Zoom's: the form of `join_url` when a test asked for another one (control API
   * `POST /_emulator/join-url`), with `{id}` and `{pwd}` in it.
   */
  joinUrlTemplate?: string;
}

/** Settings a single occurrence may change (SPEC meetingUpdate `occurrence_id`). */
export const OCCURRENCE_SETTINGS = [
  'host_video',
  'participant_video',
  'join_before_host',
  'mute_upon_entry',
  'waiting_room',
  'watermark',
  'auto_recording',
] as const;

/**
 * The settings a new meeting starts with: the SPEC's documented defaults (`approval_type` 2,
 * `audio` both, `auto_recording` none, `join_before_host` false, …) and false for the other
 * switches of the response schema.
 */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  host_video: false,
  participant_video: false,
  cn_meeting: false,
  in_meeting: false,
  join_before_host: false,
  jbh_time: 0,
  mute_upon_entry: false,
  watermark: false,
  use_pmi: false,
  approval_type: 2,
  audio: 'both',
  auto_recording: 'none',
  enforce_login: false,
  enforce_login_domains: '',
  alternative_hosts: '',
  alternative_hosts_email_notification: true,
  close_registration: false,
  show_share_button: false,
  allow_multiple_devices: false,
  registrants_confirmation_email: true,
  waiting_room: false,
  registrants_email_notification: true,
  meeting_authentication: false,
  encryption_type: 'enhanced_encryption',
  approved_or_denied_countries_or_regions: { enable: false },
  breakout_room: { enable: false },
  alternative_host_update_polls: false,
  internal_meeting: false,
  continuous_meeting_chat: { enable: false, auto_add_invited_external_users: false },
  participant_focused_meeting: false,
  push_change_to_calendar: false,
  email_notification: true,
  host_save_video_order: false,
  private_meeting: false,
  focus_mode: false,
  resources: [],
};
