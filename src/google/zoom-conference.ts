import type { RawConferenceData } from './raw-event.js';
import type { ZoomConference } from '../domain/calendar-write.js';

/**
 * A Zoom conference in Google's `conferenceData`, shaped like the one the Zoom for Google Workspace
 * add-on writes (observed in a captured add-on-made event: solution key `addOn`, name "Zoom
 * Meeting", the add-on's icon, `conferenceId` = the meeting number, one video entry point with
 * `meetingCode` and `passcode`). No `scriptId` and no `signature`: those belong to the add-on
 * itself. Google may refuse this (400 "Invalid conference data") or drop it silently for clients
 * that are not the add-on (openclaw/gogcli PR #590), which is why writing it is optional.
 */
export interface ConferenceDataBody {
  conferenceId: string;
  conferenceSolution: { key: { type: 'addOn' }; name: string; iconUri: string };
  entryPoints: Array<{
    entryPointType: 'video';
    uri: string;
    label: string;
    meetingCode: string;
    passcode?: string;
  }>;
  notes?: string;
  parameters: { addOnParameters: { parameters: Record<string, string> } };
}

/** The icon the Zoom add-on uses (captured from an add-on-made event). */
const zoomIconUri =
  'https://lh3.googleusercontent.com/pw/AM-JKLUkiyTEgH-6DiQP85RGtd_BORvAuFnS9katNMgwYQBJUTiDh12qtQxMJFWYH2Dj30hNsNUrr-kzKMl7jX-Qd0FR7JmVSx-Fhruf8xTPPI-wdsMYez6WJE7tz7KmqsORKBEnBTiILtMJXuMvphqKdB9X=s128-no';

export function zoomConferenceData(conference: ZoomConference): ConferenceDataBody {
  const video: ConferenceDataBody['entryPoints'][number] = {
    entryPointType: 'video',
    uri: conference.joinUrl,
    label: conference.joinUrl.replace(/^https?:\/\//, '').replace(/\?.*$/, ''),
    meetingCode: conference.meetingId,
  };
  if (conference.passcode) video.passcode = conference.passcode;
  const body: ConferenceDataBody = {
    conferenceId: conference.meetingId,
    conferenceSolution: { key: { type: 'addOn' }, name: 'Zoom Meeting', iconUri: zoomIconUri },
    entryPoints: [video],
    parameters: {
      addOnParameters: {
        parameters: { realMeetingId: conference.meetingId, meetingCreatedBy: 'zoomlink' },
      },
    },
  };
  if (conference.notes) body.notes = conference.notes;
  return body;
}

/** Whether Google kept the conference we sent: an `addOn` with our meeting number. */
export function conferenceKept(
  returned: RawConferenceData | undefined,
  meetingId: string,
): boolean {
  return returned?.conferenceSolution?.key?.type === 'addOn' && returned.conferenceId === meetingId;
}
