import type fc from 'fast-check';
import { extractBlock } from '../../../../src/invitation/index.js';
import { berlin } from '../../../support/time.js';
import { googleView } from './google-view.js';
import {
  hasBooking,
  instanceId,
  pickBooking,
  type BookingKind,
  type Model,
  type ModelBooking,
} from './model.js';
import type { World } from './world.js';

/**
 * What people do, as fast-check commands over the model and the world (the world's own in
 * `world-commands.ts`, their weights in `arbitraries.ts`). Each names
 * itself as it ran (`toString`), so a shrunk failure reads as a list of steps; the same list can
 * be kept as a named regression case (`engine-model.test.ts`).
 */
export type ModelCommand = fc.AsyncCommand<Model, World>;
type Command = ModelCommand;

const OUTSIDER = 'dana.okafor@partner.example.net';
const RULES = {
  weekly5: ['RRULE:FREQ=WEEKLY;COUNT=5'],
  weekly: ['RRULE:FREQ=WEEKLY'],
  daily10: ['RRULE:FREQ=DAILY;COUNT=10'],
  monthly4: ['RRULE:FREQ=MONTHLY;COUNT=4'],
  monthly: ['RRULE:FREQ=MONTHLY'],
  monthlyLast: ['RRULE:FREQ=MONTHLY;BYDAY=-1MO,-1TU,-1WE,-1TH,-1FR;BYSETPOS=-1;COUNT=3'],
  monthly5th: ['RRULE:FREQ=MONTHLY;BYDAY=5FR;COUNT=3'],
} as const;
export type RuleName = keyof typeof RULES | 'single';

/** The booking a command acts on, resolved when it runs, and its label for `toString`. */
abstract class OnBooking implements Command {
  protected label = '?';
  constructor(
    protected readonly kind: BookingKind,
    protected readonly pick: number,
  ) {}
  check(model: Readonly<Model>): boolean {
    return hasBooking(model as Model, this.kind);
  }
  async run(model: Model, world: World): Promise<void> {
    const booking = pickBooking(model, this.kind, this.pick);
    // The pick is printed too: a label is the one of the last run that used this command.
    this.label = `${booking.label}#${this.pick}`;
    model.step += 1;
    await this.act(booking, model, world);
  }
  protected abstract act(booking: ModelBooking, model: Model, world: World): Promise<void>;
  abstract toString(): string;
}

export class Book implements Command {
  private label = '?';
  constructor(
    readonly who: number,
    readonly rooms: number[],
    readonly day: number,
    readonly hour: number,
    readonly minutes: number,
    readonly rule: RuleName,
    readonly withText: boolean,
  ) {}
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    const { h } = world;
    const people = [...h.people, OUTSIDER];
    const organizer = people[this.who % people.length]!;
    const rooms = [...new Set(this.rooms.map((r) => h.rooms[r % h.rooms.length]!.calendarId))];
    this.label = `B${model.bookings.length}`;
    const text = this.withText ? `Notes for ${this.label}: bring the numbers.` : '';
    const { id } = await h.book(organizer, rooms, {
      summary: `${this.label} ${this.rule}`,
      ...(text ? { description: text } : {}),
      ...berlin(this.day, this.hour, this.minutes),
      ...(this.rule === 'single' ? {} : { recurrence: [...RULES[this.rule]] }),
    });
    model.bookings.push({
      label: this.label,
      id,
      organizer,
      rooms,
      series: this.rule !== 'single',
      text,
      instanceTexts: new Map(),
      live: true,
    });
  }
  toString(): string {
    return `book ${this.label}=${this.rule}(who ${this.who}, rooms ${this.rooms.join('+')}, day ${this.day} ${this.hour}h ${this.minutes}min${this.withText ? ', text' : ''})`;
  }
}

export class MoveSingle extends OnBooking {
  constructor(
    pick: number,
    readonly day: number,
    readonly hour: number,
    readonly minutes: number,
  ) {
    super('single', pick);
  }
  protected async act(b: ModelBooking, _m: Model, { h }: World) {
    await h.patchEvent(b.organizer, b.organizer, b.id, berlin(this.day, this.hour, this.minutes));
  }
  toString = () => `move ${this.label} to day ${this.day} ${this.hour}h ${this.minutes}min`;
}

export class Retitle extends OnBooking {
  constructor(pick: number) {
    super('any', pick);
  }
  protected async act(b: ModelBooking, m: Model, { h }: World) {
    await h.patchEvent(b.organizer, b.organizer, b.id, {
      summary: `${b.label} retitled ${m.step}`,
    });
  }
  toString = () => `retitle ${this.label}`;
}

/** The organizer rewrites their text; they keep our block below it, or (`dropBlock`) delete it. */
export class EditText extends OnBooking {
  constructor(
    pick: number,
    readonly dropBlock: boolean,
  ) {
    super('any', pick);
  }
  protected async act(b: ModelBooking, m: Model, { h }: World) {
    const copy = await h.copy(b.organizer, b.id);
    const block = this.dropBlock ? null : extractBlock(copy?.description);
    const text = `Text ${m.step} of ${b.label}.`;
    await h.patchEvent(b.organizer, b.organizer, b.id, {
      description: block ? `${text}\n\n${block}` : text,
    });
    b.text = text;
  }
  toString = () => `edit the text of ${this.label}${this.dropBlock ? ', block deleted' : ''}`;
}

export class Cancel extends OnBooking {
  constructor(pick: number) {
    super('any', pick);
  }
  protected async act(b: ModelBooking, _m: Model, { h }: World) {
    await h.deleteEvent(b.organizer, b.organizer, b.id);
    b.live = false;
  }
  toString = () => `cancel ${this.label}`;
}

/** Acts on the `index`-th occurrence not over yet of a series (none left: nothing happens). */
abstract class OnInstance extends OnBooking {
  protected at = '';
  constructor(
    pick: number,
    protected readonly index: number,
  ) {
    super('series', pick);
  }
  protected async act(b: ModelBooking, m: Model, world: World) {
    this.at = `#${this.index}`;
    const ahead = await googleView(world.h).ahead(b);
    if (ahead.length === 0) return;
    const slot = ahead[this.index % ahead.length]!;
    this.at = `${new Date(slot.original).toISOString().slice(5, 16)} (#${this.index})`;
    await this.onInstance(b, instanceId(b.id, slot.original), slot.original, m, world);
  }
  protected abstract onInstance(
    b: ModelBooking,
    id: string,
    originalMs: number,
    m: Model,
    world: World,
  ): Promise<void>;
}

export class MoveInstance extends OnInstance {
  constructor(
    pick: number,
    index: number,
    readonly shiftMinutes: number,
    readonly minutes: number,
  ) {
    super(pick, index);
  }
  protected async onInstance(b: ModelBooking, id: string, originalMs: number, _m: Model, w: World) {
    const start = originalMs + this.shiftMinutes * 60_000;
    const zoned = (ms: number) => ({
      dateTime: new Date(ms).toISOString().replace('.000Z', 'Z'),
      timeZone: 'Europe/Berlin',
    });
    if (!b.instanceTexts.has(id)) b.instanceTexts.set(id, b.text);
    await w.h.patchEvent(b.organizer, b.organizer, id, {
      start: zoned(start),
      end: zoned(start + this.minutes * 60_000),
    });
  }
  toString = () =>
    `move ${this.label}'s occurrence ${this.at || `#${this.index}`} by ${this.shiftMinutes}min, ${this.minutes}min long`;
}

export class CancelInstance extends OnInstance {
  protected async onInstance(b: ModelBooking, id: string, _o: number, _m: Model, w: World) {
    await w.h.deleteEvent(b.organizer, b.organizer, id);
  }
  toString = () => `cancel ${this.label}'s occurrence ${this.at || `#${this.index}`}`;
}

/** "This and following": a new series from the `index`-th occurrence ahead on (not the first). */
export class Split extends OnInstance {
  private next = '?';
  protected async onInstance(b: ModelBooking, id: string, _o: number, m: Model, w: World) {
    const all = await googleView(w.h).slots(b);
    // A split at the series' first instance is an edit of the whole series: not a split.
    if (all[0] && instanceId(b.id, all[0].original) === id) return;
    const { next } = await w.h.splitSeries(b.organizer, b.organizer, b.id, id);
    this.next = `B${m.bookings.length}`;
    m.bookings.push({
      label: this.next,
      id: next.id,
      organizer: b.organizer,
      rooms: [...b.rooms],
      series: true,
      text: b.text,
      instanceTexts: new Map(),
      live: true,
      unseen: b.rooms.length === 0,
    });
  }
  toString = () => `split ${this.label} at ${this.at || `#${this.index}`} into ${this.next}`;
}

export class ChangeRoom extends OnBooking {
  private room = '?';
  constructor(
    pick: number,
    readonly roomIndex: number,
    readonly add: boolean,
  ) {
    super('any', pick);
  }
  protected async act(b: ModelBooking, _m: Model, { h }: World) {
    const room = h.rooms[this.roomIndex % h.rooms.length]!;
    this.room = room.name;
    const rooms = this.add
      ? [...new Set([...b.rooms, room.calendarId])]
      : b.rooms.filter((r) => r !== room.calendarId);
    await h.patchEvent(b.organizer, b.organizer, b.id, {
      attendees: rooms.map((email) => ({ email, resource: true })),
    });
    b.rooms = rooms;
    if (this.add) b.unseen = false;
  }
  toString = () =>
    `${this.add ? 'add' : 'remove'} room ${this.room} ${this.add ? 'to' : 'from'} ${this.label}`;
}
