import type { RawEvent } from './raw-event.js';
import type { EventCopy } from '../domain/calendar-write.js';

/** The parts of one copy write-back decides on (its etag goes into `If-Match`). */
export function toEventCopy(raw: RawEvent & { etag: string }): EventCopy {
  const copy: EventCopy = {
    etag: raw.etag,
    status: raw.status ?? 'confirmed',
    description: raw.description ?? '',
    location: raw.location ?? '',
    privateProperties: { ...(raw.extendedProperties?.private ?? {}) },
  };
  const type = raw.conferenceData?.conferenceSolution?.key?.type;
  if (type) copy.conferenceSolutionType = type;
  return copy;
}
