/**
 * The small organisation `zoomlink emulators --seed org|demo` starts with: one Workspace domain,
 * its admin (who reads the Directory and the room calendars), people who book rooms, one organizer
 * outside the domain, and three rooms, each with the Zoom user that hosts its meetings. Room
 * calendar ids have the two shapes Google uses (observed in real data): the current `c_…` form and
 * the legacy `<domain>_<hex of ASCII digits>` form.
 */
export interface SeedPerson {
  email: string;
  name: string;
  timeZone?: string;
}

export interface SeedRoom {
  calendarId: string;
  resourceId: string;
  resourceName: string;
  buildingId: string;
  floorName: string;
  capacity: number;
  features: string[];
  /** The Zoom user who hosts this room's meetings. */
  zoomHost: string;
}

export interface SeedOrganisation {
  domain: string;
  customer: string;
  timeZone: string;
  admin: SeedPerson;
  /** People in the domain who book rooms (each has a calendar; the service account can act as them). */
  people: SeedPerson[];
  /** Organizers outside the domain: their calendar is theirs, only the room's copy is ours. */
  externalOrganizers: SeedPerson[];
  rooms: SeedRoom[];
}

export const seedOrganisation: SeedOrganisation = {
  domain: 'example.com',
  customer: 'C03az79cb',
  timeZone: 'Europe/Berlin',
  admin: { email: 'admin@example.com', name: 'Ada Lindqvist' },
  people: [
    { email: 'alice.chen@example.com', name: 'Alice Chen' },
    { email: 'bob.mueller@example.com', name: 'Bob Müller' },
    { email: 'carol.lin@example.com', name: 'Carol Lin', timeZone: 'Asia/Taipei' },
  ],
  externalOrganizers: [{ email: 'dana.okafor@partner.example.net', name: 'Dana Okafor' }],
  rooms: [
    {
      calendarId: 'c_188a2b7q3ns0kgqbhdkqf1v4c6e1k@resource.calendar.google.com',
      resourceId: '18854019351',
      resourceName: 'Boardroom',
      buildingId: 'BER-HQ',
      floorName: '3',
      capacity: 12,
      features: ['Video conferencing', 'Whiteboard'],
      zoomHost: 'zoom-boardroom@example.com',
    },
    {
      calendarId: 'c_1883kn5pqf4uqi0ejf2m4qmkf9s5e@resource.calendar.google.com',
      resourceId: '18830177420',
      resourceName: 'Huddle 2A',
      buildingId: 'BER-HQ',
      floorName: '2',
      capacity: 4,
      features: ['Video conferencing'],
      zoomHost: 'zoom-huddle@example.com',
    },
    {
      // Legacy form: the domain, then the hex of the ASCII digits of the resource id.
      calendarId: 'example.com_3138353432363534303136@resource.calendar.google.com',
      resourceId: '18542654016',
      resourceName: 'Training Room',
      buildingId: 'BER-HQ',
      floorName: '1',
      capacity: 20,
      features: ['Video conferencing', 'Projector'],
      zoomHost: 'zoom-training@example.com',
    },
  ],
};

/** The Zoom users of the seeded account: the admin (the account owner) and one host per room. */
export function seedZoomUsers(
  org: SeedOrganisation,
): { email: string; firstName: string; lastName: string; timezone: string }[] {
  const [adminFirst = 'Admin', ...adminRest] = org.admin.name.split(' ');
  return [
    {
      email: org.admin.email,
      firstName: adminFirst,
      lastName: adminRest.join(' '),
      timezone: org.timeZone,
    },
    ...org.rooms.map((room) => ({
      email: room.zoomHost,
      firstName: room.resourceName,
      lastName: 'Zoom Room',
      timezone: org.timeZone,
    })),
  ];
}
