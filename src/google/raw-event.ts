import { z } from 'zod';

/**
 * The parts of Google's Event resource (calendar v3 discovery, `schemas.Event`) zoomlink reads,
 * parsed at the edge. Everything but `id` is optional because cancelled items carry little else
 * ("only guaranteed to have values for the id, recurringEventId and originalStartTime fields",
 * `Event.status`). Unknown fields are dropped.
 */
export const rawDateTime = z.object({
  date: z.string().optional(),
  dateTime: z.string().optional(),
  timeZone: z.string().optional(),
});

const rawPerson = z.object({
  email: z.string().optional(),
  displayName: z.string().optional(),
});

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

export const rawEvent = z.object({
  id: z.string().min(1),
  etag: z.string().optional(),
  status: z.string().optional(),
  iCalUID: z.string().optional(),
  updated: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  start: rawDateTime.optional(),
  end: rawDateTime.optional(),
  recurrence: z.array(z.string()).optional(),
  recurringEventId: z.string().optional(),
  originalStartTime: rawDateTime.optional(),
  organizer: rawPerson.optional(),
  creator: rawPerson.optional(),
  attendees: z.array(rawAttendee).optional(),
  eventType: z.string().optional(),
  extendedProperties: z
    .object({ private: stringMap.optional(), shared: stringMap.optional() })
    .optional(),
  conferenceData: rawConferenceData.optional(),
  hangoutLink: z.string().optional(),
  visibility: z.string().optional(),
});

export type RawEvent = z.infer<typeof rawEvent>;
export type RawConferenceData = z.infer<typeof rawConferenceData>;

/** One page of `events.list` or `events.instances` (`schemas.Events`). */
export const rawEventsPage = z.object({
  items: z.array(rawEvent).optional(),
  nextPageToken: z.string().optional(),
  nextSyncToken: z.string().optional(),
});
