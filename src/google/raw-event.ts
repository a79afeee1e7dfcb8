import { z } from 'zod';

/**
 * The parts of Google's Event resource (calendar v3 discovery, `schemas.Event`) zoomlink reads,
 * parsed at the edge. Everything but `id` is optional because cancelled items carry little else
 * ("only guaranteed to have values for the id, recurringEventId and originalStartTime fields",
 * `Event.status`). Unknown fields are dropped.
 */
export const rawDateTime = z
  .object({ date: z.string(), dateTime: z.string(), timeZone: z.string() })
  .partial();

const rawPerson = z.object({ email: z.string(), displayName: z.string() }).partial();

const rawAttendee = rawPerson.extend({
  resource: z.boolean().optional(),
  responseStatus: z.string().optional(),
  self: z.boolean().optional(),
});

const stringMap = z.record(z.string(), z.string());

export const rawConferenceData = z.object({
  conferenceId: z.string().optional(),
  conferenceSolution: z
    .object({
      key: z.object({ type: z.string().optional() }).optional(),
      name: z.string().optional(),
    })
    .optional(),
  entryPoints: z
    .array(z.object({ entryPointType: z.string().optional(), uri: z.string().optional() }))
    .optional(),
});

export const rawEvent = z
  .object({
    id: z.string().min(1),
    etag: z.string(),
    status: z.string(),
    iCalUID: z.string(),
    updated: z.string(),
    summary: z.string(),
    description: z.string(),
    location: z.string(),
    start: rawDateTime,
    end: rawDateTime,
    recurrence: z.array(z.string()),
    recurringEventId: z.string(),
    originalStartTime: rawDateTime,
    organizer: rawPerson,
    creator: rawPerson,
    attendees: z.array(rawAttendee),
    eventType: z.string(),
    extendedProperties: z.object({ private: stringMap, shared: stringMap }).partial(),
    conferenceData: rawConferenceData,
    hangoutLink: z.string(),
    visibility: z.string(),
  })
  .partial()
  .required({ id: true });

export type RawEvent = z.infer<typeof rawEvent>;
export type RawConferenceData = z.infer<typeof rawConferenceData>;

/** One page of `events.list` or `events.instances` (`schemas.Events`). */
export const rawEventsPage = z.object({
  items: z.array(rawEvent).optional(),
  nextPageToken: z.string().optional(),
  nextSyncToken: z.string().optional(),
});
