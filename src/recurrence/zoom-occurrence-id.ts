/**
 * Zoom's `occurrence_id` of the occurrence that starts at `utcStart`: its start in epoch
 * milliseconds (Zoom's OpenAPI spec example `1648194360000` = `2022-03-25T07:46:00Z`). The engine
 * maps a Google instance to its Zoom occurrence through the instance's original UTC start.
 */
export function zoomOccurrenceId(utcStart: Date | string): string {
  const ms = typeof utcStart === 'string' ? parseUtc(utcStart) : utcStart.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not a UTC instant: ${String(utcStart)}`);
  return String(ms);
}

function parseUtc(text: string): number {
  // Only UTC instants: a local time here would map to the wrong occurrence.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text)) return Number.NaN;
  return Date.parse(text);
}
