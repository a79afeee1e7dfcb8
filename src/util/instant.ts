/**
 * The one form every instant takes inside zoomlink — in the store, in a conversion, in a plan, in
 * the audit log: ISO 8601 UTC with milliseconds (`2024-05-06T08:00:00.000Z`). Google writes
 * RFC 3339 times with offsets and Zoom without milliseconds; a time crossing into zoomlink goes
 * through one of these once, so two forms of one instant never compare unequal.
 */

/** An instant in epoch milliseconds (a Zoom occurrence id is one), in the store's form. */
export function isoFromMs(instantMs: number): string {
  return new Date(instantMs).toISOString();
}

/** Any RFC 3339 instant in the store's form. Throws a RangeError for text that is not one. */
export function isoInstant(text: string): string {
  return isoFromMs(Date.parse(text));
}

/** `isoInstant`, or the text unchanged when it is not an instant (for comparing what Google wrote). */
export function isoInstantOrText(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : isoFromMs(ms);
}
