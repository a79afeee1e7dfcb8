import { z } from 'zod';
import type {
  ZoomMeeting,
  ZoomMeetingSummary,
  ZoomOccurrence,
  ZoomRecurrence,
  ZoomTrackingField,
  ZoomUser,
} from '../domain/zoom-meeting.js';
import { ZoomErrorCodes, type ZoomErrorCode } from './errors.js';
import { describeLink, trustedJoinUrl } from './join-url.js';

/**
 * Zoom's answers, read at the edge into our own types (`src/domain/zoom-meeting.ts`). Fields are
 * Zoom's (specs/zoom-meetings-subset.json). Unknown fields are dropped, since Zoom keeps adding
 * some (its changelog, e.g. `dynamic_host_key` in 2024-05), and a `null` where a field is optional
 * counts as absent.
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

/** Where a refusal at the edge has its own code (`params.zoomlinkCode` of the zod issue). */
export interface EdgeIssueParams {
  zoomlinkCode: ZoomErrorCode;
}

const edgeIssue = (code: ZoomErrorCode, message: string) => ({
  code: 'custom' as const,
  message,
  params: { zoomlinkCode: code } satisfies EdgeIssueParams,
});

/**
 * Zoom's meeting ids are int64 (SPEC: "can be more than 10 digits"); a JavaScript number holds a
 * whole number exactly only up to 2^53 − 1, so a larger id would be read as a neighbour's.
 * (zod's `int()` refuses those too, but with no code of its own: the check comes first.)
 */
const meetingId = z
  .number()
  .check((ctx) => {
    if (Number.isInteger(ctx.value) && !Number.isSafeInteger(ctx.value))
      ctx.issues.push({
        ...edgeIssue(
          ZoomErrorCodes.meetingIdTooLarge,
          `is above ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`,
        ),
        input: ctx.value,
        abort: true,
      });
  })
  .int();

/** A join link, re-serialised, when it is https on a trusted host (see `join-url.ts`). */
function joinUrlSchema(extraHosts: readonly string[]) {
  return z.string().transform((raw, ctx) => {
    const trusted = trustedJoinUrl(raw, extraHosts);
    if (trusted !== undefined) return trusted;
    ctx.issues.push({
      ...edgeIssue(ZoomErrorCodes.joinUrlUntrusted, `is ${describeLink(raw)}`),
      input: raw,
    });
    return z.NEVER;
  });
}

/**
 * The schemas of the answers that carry a meeting id or a join link, for one account:
 * `trustedJoinHosts` are the hosts besides Zoom's own whose https links are accepted.
 *
 * A meeting (create, get) with an untrusted link is refused whole: that booking fails. A row of
 * the meeting list is read for its id and marker only (nothing takes a link from the list), so
 * there an untrusted link is read as `''` rather than failing every booking of the host.
 */
export function zoomMeetingSchemas(trustedJoinHosts: readonly string[] = []) {
  const joinUrl = joinUrlSchema(trustedJoinHosts);
  /** What a meeting and a row of the meeting list have in common. */
  const meetingBaseShape = {
    id: meetingId,
    uuid: z.string(),
    host_id: z.string(),
    topic: z.string(),
    type: z.number().int(),
    start_time: z.string().optional(),
    duration: z.number().optional(),
    timezone: z.string().optional(),
    agenda: z.string().optional(),
    join_url: joinUrl,
  };
  const meeting: z.ZodType<ZoomMeeting, unknown> = zoomObject({
    ...meetingBaseShape,
    host_email: z.string().optional(),
    password: z.string().optional(),
    status: z.string().optional(),
    recurrence: recurrenceSchema.optional(),
    occurrences: z.array(occurrenceSchema).optional(),
    tracking_fields: z.array(trackingFieldSchema).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  });
  const meetingSummary: z.ZodType<ZoomMeetingSummary, unknown> = zoomObject({
    ...meetingBaseShape,
    join_url: z.string().transform((raw) => trustedJoinUrl(raw, trustedJoinHosts) ?? ''),
    created_at: z.string().optional(),
  });
  const meetingListPage = zoomObject({
    next_page_token: z.string().optional(),
    total_records: z.number().optional(),
    meetings: z.array(meetingSummary).default([]),
  });
  const inviteLinks = zoomObject({
    attendees: z.array(zoomObject({ name: z.string(), join_url: joinUrl })).default([]),
  });
  return { meeting, meetingSummary, meetingListPage, inviteLinks };
}

export type ZoomMeetingSchemas = ReturnType<typeof zoomMeetingSchemas>;

/** With Zoom's own hosts only. */
export const {
  meeting: meetingSchema,
  meetingSummary: meetingSummarySchema,
  meetingListPage: meetingListPageSchema,
  inviteLinks: inviteLinksSchema,
} = zoomMeetingSchemas();

/** `GET /users/{userId}` (the OpenAPI export's `user`): the fields zoomlink reads. */
export const userSchema: z.ZodType<ZoomUser, unknown> = zoomObject({
  id: z.string(),
  email: z.string(),
  type: z.number().int(),
  status: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  display_name: z.string().optional(),
  timezone: z.string().optional(),
});

export const invitationSchema = zoomObject({
  invitation: z.string(),
  sip_links: z.array(z.string()).optional(),
});

export interface ZoomInviteLink {
  name: string;
  join_url: string;
}

/**
 * The S2S OAuth token answer (developers.zoom.us/docs/internal-apps/s2s-oauth/; `api_url` and
 * `scope` are optional extras).
 */
const tokenShape = {
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
};
export const tokenSchema = zoomObject(tokenShape);

/** A user-level token answer (authorization code or refresh): a refresh token always comes. */
export const userTokenSchema = zoomObject({ ...tokenShape, refresh_token: z.string().min(1) });

/** One page of `GET /users` (SPEC `users`). */
export const userListPageSchema = zoomObject({
  next_page_token: z.string().optional(),
  page_count: z.number().optional(),
  page_number: z.number().optional(),
  page_size: z.number().optional(),
  total_records: z.number().optional(),
  users: z.array(userSchema),
});
