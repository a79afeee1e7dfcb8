import { z } from 'zod';
import type {
  ZoomMeeting,
  ZoomMeetingSummary,
  ZoomOccurrence,
  ZoomRecurrence,
  ZoomTrackingField,
} from '../domain/zoom-meeting.js';

/**
 * Zoom's answers, read at the edge into our own types (`src/domain/zoom-meeting.ts`). Fields
 * are Zoom's (specs/zoom-meetings-subset.json). Unknown fields are dropped, since Zoom keeps adding
 * some (facts file: "clients must tolerate unknown response fields"), and a `null` where a field
 * is optional counts as absent.
 */

function withoutNulls(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== null));
}

/** An object schema that drops unknown fields and reads `null` as absent. */
function zoomObject<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(withoutNulls, z.object(shape));
}

const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);

export const recurrenceSchema: z.ZodType<ZoomRecurrence> = zoomObject({
  type: z.literal([1, 2, 3]),
  repeat_interval: z.number().int(),
  weekly_days: z.string().optional(),
  monthly_day: z.number().int().optional(),
  monthly_week: z.literal([-1, 1, 2, 3, 4]).optional(),
  monthly_week_day: weekday.optional(),
  end_times: z.number().int().optional(),
  end_date_time: z.string().optional(),
});

export const occurrenceSchema: z.ZodType<ZoomOccurrence> = zoomObject({
  occurrence_id: z.union([z.string(), z.number().transform(String)]),
  start_time: z.string(),
  duration: z.number(),
  status: z.string(),
});

const trackingFieldSchema: z.ZodType<ZoomTrackingField> = zoomObject({
  field: z.string(),
  value: z.string(),
});

/** What a meeting and a row of the meeting list have in common. */
const meetingBaseShape = {
  id: z.number().int(),
  uuid: z.string(),
  host_id: z.string(),
  topic: z.string(),
  type: z.number().int(),
  start_time: z.string().optional(),
  duration: z.number().optional(),
  timezone: z.string().optional(),
  agenda: z.string().optional(),
  join_url: z.string(),
};

export const meetingSchema: z.ZodType<ZoomMeeting> = zoomObject({
  ...meetingBaseShape,
  host_email: z.string().optional(),
  password: z.string().optional(),
  status: z.string().optional(),
  recurrence: recurrenceSchema.optional(),
  occurrences: z.array(occurrenceSchema).optional(),
  tracking_fields: z.array(trackingFieldSchema).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});

export const meetingSummarySchema: z.ZodType<ZoomMeetingSummary> = zoomObject({
  ...meetingBaseShape,
  created_at: z.string().optional(),
});

export const meetingListPageSchema = zoomObject({
  next_page_token: z.string().optional(),
  total_records: z.number().optional(),
  meetings: z.array(meetingSummarySchema).default([]),
});

export const invitationSchema = zoomObject({
  invitation: z.string(),
  sip_links: z.array(z.string()).optional(),
});

export interface ZoomInviteLink {
  name: string;
  join_url: string;
}

export const inviteLinksSchema = zoomObject({
  attendees: z.array(zoomObject({ name: z.string(), join_url: z.string() })).default([]),
});

/** The S2S OAuth token answer (facts file §1.2; `api_url` and `scope` are optional extras). */
export const tokenSchema = zoomObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});
