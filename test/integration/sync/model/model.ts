/**
 * The model the engine is held to: what people did to their bookings, no more. What Zoom should
 * show is not computed here but read from Google (its own expansion of each series), so the model
 * only has to remember what cannot be read back once zoomlink has written: the text each person
 * wrote into a description, and which bookings people cancelled.
 */
export interface ModelBooking {
  /** `B<n>` in the order booked (or split off), for readable sequences. */
  label: string;
  id: string;
  organizer: string;
  /** The watched rooms the organizer put on it (a room may still decline). */
  rooms: string[];
  series: boolean;
  /** What the organizer wrote into the description (our block is not part of it). */
  text: string;
  /**
   * The text of each exception (instance id) people made: Google starts an exception as a copy
   * of its series as it stands, so it keeps the series' text of that moment.
   */
  instanceTexts: Map<string, string>;
  /** False once the organizer deleted it. */
  live: boolean;
  /**
   * Split off a series no watched room held, and in no watched room since: zoomlink never reads
   * it, so the block Google copied into it from the series stays (docs/sync-engine.md, "Known
   * limit: a series split off after its last room left").
   */
  unseen?: boolean;
}

export interface Model {
  bookings: ModelBooking[];
  /** Commands run, for the labels of texts people write. */
  step: number;
}

export const newModel = (): Model => ({ bookings: [], step: 0 });

export type BookingKind = 'any' | 'single' | 'series';

const fits = (b: ModelBooking, kind: BookingKind) =>
  b.live && (kind === 'any' || (kind === 'series') === b.series);

export function hasBooking(model: Model, kind: BookingKind): boolean {
  return model.bookings.some((b) => fits(b, kind));
}

/** The `pick`-th live booking of that kind (modulo their number): stable under shrinking. */
export function pickBooking(model: Model, kind: BookingKind, pick: number): ModelBooking {
  const candidates = model.bookings.filter((b) => fits(b, kind));
  return candidates[pick % candidates.length]!;
}

/** An instance id as Google makes it: the series id and the original start in UTC. */
export function instanceId(seriesId: string, originalMs: number): string {
  return `${seriesId}_${new Date(originalMs).toISOString().replace(/[-:]/g, '').replace('.000', '')}`;
}
