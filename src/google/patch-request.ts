import type { EventCopy, EventPatch } from '../domain/calendar-write.js';
import { zoomConferenceData, type ConferenceDataBody } from './zoom-conference.js';

/**
 * The body of one `events.patch`: only the fields the patch changes, so everything else on the
 * event (and what people wrote there) stays as it is. Patch semantics: a key set to `null` is
 * removed — for `extendedProperties.private` this is the documented way to delete a property
 * (guides/extended-properties, "Delete properties").
 */
export interface PatchBody {
  description?: string;
  location?: string;
  extendedProperties?: { private: Record<string, string | null> };
  conferenceData?: ConferenceDataBody | null;
}

export interface PatchPlan {
  body: PatchBody;
  /** What the body does to `conferenceData` (it then needs `conferenceDataVersion=1`). */
  conference: 'add' | 'remove' | 'none';
}

export interface PatchOptions {
  /** Send `conferenceData` at all (config `writeConferenceData`, and Google has not refused it). */
  conferenceData: boolean;
}

export function planPatch(copy: EventCopy, patch: EventPatch, options: PatchOptions): PatchPlan {
  const body: PatchBody = {};
  if (patch.description !== undefined && patch.description !== copy.description)
    body.description = patch.description;
  if (patch.location !== undefined && patch.location !== copy.location)
    body.location = patch.location;

  const properties: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(patch.privateProperties ?? {})) {
    if (value === null ? key in copy.privateProperties : copy.privateProperties[key] !== value)
      properties[key] = value;
  }
  if (Object.keys(properties).length > 0) body.extendedProperties = { private: properties };

  let conference: PatchPlan['conference'] = 'none';
  if (options.conferenceData && patch.conference) {
    body.conferenceData = zoomConferenceData(patch.conference);
    conference = 'add';
  } else if (options.conferenceData && patch.conference === null && copy.conferenceSolutionType) {
    body.conferenceData = null;
    conference = 'remove';
  }
  return { body, conference };
}

export const isEmptyPatch = (body: PatchBody) => Object.keys(body).length === 0;

/** The same patch without its conference, for the retry after Google refused the conference. */
export function withoutConference(plan: PatchPlan): PatchPlan {
  const { conferenceData: _dropped, ...rest } = plan.body;
  return { body: rest, conference: 'none' };
}
