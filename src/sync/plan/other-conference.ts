import type { LiveEvent } from '../../domain/calendar-event.js';
import { removeBlock } from '../../invitation/index.js';

/**
 * Video conferences other than Zoom that a booking may already carry: Google Meet (Calendar's
 * own `hangoutLink`, or `conferenceData` of type `hangoutsMeet`), and the join links of other
 * services in the description, the location or a conference's entry points. Such a booking
 * gets no Zoom meeting unless `sync.replaceOtherConferences` (architecture decision 10: other
 * conferences are left alone). Zoom's own links are not here: those are ours or foreign
 * (`foreignZoomLinks`).
 */
const SERVICES: readonly { name: string; link: RegExp }[] = [
  { name: 'Google Meet', link: /\bmeet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}\b/i },
  {
    name: 'Microsoft Teams',
    link: /\bteams\.(?:microsoft|live)\.com\/(?:l\/meetup-join|meet)\/\S+/i,
  },
  { name: 'Webex', link: /\b[a-z0-9-]+\.webex\.com\/(?:meet|join|[a-z0-9-]+\/j\.php)\b\S*/i },
  { name: 'GoTo Meeting', link: /\b(?:meet\.goto\.com|global\.gotomeeting\.com\/join)\/\S+/i },
  { name: 'BlueJeans', link: /\bbluejeans\.com\/\d+/i },
  { name: 'Amazon Chime', link: /\bchime\.aws\/\d+/i },
  {
    name: 'RingCentral',
    link: /\b(?:meetings\.ringcentral\.com\/j|v\.ringcentral\.com\/join)\/\S+/i,
  },
  { name: 'Jitsi Meet', link: /\bmeet\.jit\.si\/\S+/i },
  { name: 'Whereby', link: /\bwhereby\.com\/[a-z0-9-]+/i },
  { name: 'Skype', link: /\bjoin\.skype\.com\/\S+/i },
  { name: 'Tencent Meeting', link: /\b(?:meeting\.tencent\.com\/dm|voovmeeting\.com\/dm)\/\S+/i },
];

/** The conference services whose links or conferences the event carries, each once. */
export function otherConferencesOf(event: LiveEvent): string[] {
  const found = new Set<string>();
  const conferenceType = event.conference?.solutionType ?? '';
  if (
    event.hangoutLink ||
    ['hangoutsMeet', 'eventHangout', 'eventNamedHangout'].includes(conferenceType)
  )
    found.add('Google Meet');
  const texts = [
    // People's text only: our block names nothing but Zoom.
    removeBlock(event.description),
    event.location,
    ...(event.conference?.uris ?? []),
  ];
  for (const text of texts)
    for (const service of SERVICES) if (service.link.test(text)) found.add(service.name);
  return [...found];
}
