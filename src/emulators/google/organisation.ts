/**
 * The Workspace the emulator pretends to be: one domain and customer, its people (each with a
 * primary calendar), its room resources, and people outside the domain who can still organise
 * events (their calendars live "elsewhere": reachable through the control API, never through
 * domain-wide delegation).
 */
export interface Person {
  email: string;
  name: string;
  admin: boolean;
  timeZone: string;
  /** In the Workspace domain (can be impersonated with domain-wide delegation). */
  inDomain: boolean;
}

export interface Room {
  calendarId: string;
  resourceId: string;
  resourceName: string;
  generatedResourceName: string;
  resourceCategory: string;
  capacity?: number;
  buildingId?: string;
  floorName?: string;
  userVisibleDescription?: string;
  featureInstances?: { feature: { name: string } }[];
  timeZone: string;
  etags: string;
}

export interface PersonInput {
  email: string;
  name?: string;
  admin?: boolean;
  timeZone?: string;
}

export interface RoomInput {
  calendarId: string;
  resourceId?: string;
  resourceName: string;
  capacity?: number;
  buildingId?: string;
  floorName?: string;
  resourceCategory?: string;
  userVisibleDescription?: string;
  features?: string[];
  timeZone?: string;
}

export const roomCalendarDomain = 'resource.calendar.google.com';

export class Organisation {
  readonly people = new Map<string, Person>();
  readonly rooms = new Map<string, Room>();

  constructor(
    readonly domain: string,
    readonly customer: string,
    readonly timeZone: string,
  ) {}

  addPerson(input: PersonInput): Person {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`not an email: ${input.email}`);
    const person: Person = {
      email,
      name: input.name ?? email.split('@')[0]!,
      admin: input.admin ?? false,
      timeZone: input.timeZone ?? this.timeZone,
      inDomain: this.isDomainEmail(email),
    };
    this.people.set(email, person);
    return person;
  }

  addRoom(input: RoomInput): Room {
    const calendarId = input.calendarId.trim().toLowerCase();
    if (!calendarId.endsWith(`@${roomCalendarDomain}`))
      throw new Error(`a room calendar id ends with @${roomCalendarDomain}: ${input.calendarId}`);
    const resourceId = input.resourceId ?? String(10_000_000_000 + this.rooms.size * 7_919_113);
    // "NYC-2-Training Room 1A (16)": building-floor-name (capacity), as the Directory generates it.
    const prefix = [input.buildingId, input.floorName].filter(Boolean).join('-');
    const generatedResourceName = `${prefix ? `${prefix}-` : ''}${input.resourceName}${
      input.capacity ? ` (${input.capacity})` : ''
    }`;
    const room: Room = {
      calendarId,
      resourceId,
      resourceName: input.resourceName,
      generatedResourceName,
      resourceCategory: input.resourceCategory ?? 'CONFERENCE_ROOM',
      capacity: input.capacity,
      buildingId: input.buildingId,
      floorName: input.floorName,
      userVisibleDescription: input.userVisibleDescription,
      featureInstances: input.features?.map((name) => ({ feature: { name } })),
      timeZone: input.timeZone ?? this.timeZone,
      etags: `"${resourceId}/${calendarId.length}${this.rooms.size}"`,
    };
    this.rooms.set(calendarId, room);
    return room;
  }

  isDomainEmail(email: string): boolean {
    return email.toLowerCase().endsWith(`@${this.domain}`);
  }

  person(email: string): Person | undefined {
    return this.people.get(email.toLowerCase());
  }

  room(calendarId: string): Room | undefined {
    return this.rooms.get(calendarId.toLowerCase());
  }

  isAdmin(email: string): boolean {
    return this.person(email)?.admin === true && this.isDomainEmail(email);
  }
}
