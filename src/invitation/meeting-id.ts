/**
 * A meeting id the way Zoom prints it: `95553727661` → `955 5372 7661` (seed invitation;
 * `555 4444 3210` in the API's example). Three digits, then the rest in two halves, the longer
 * last: 9 digits → 3 3 3, 10 → 3 3 4, 11 → 3 4 4.
 */
export function formatMeetingId(id: string | number): string {
  const digits = String(id).replace(/\D/g, '');
  if (digits.length <= 6) return digits;
  const rest = digits.slice(3);
  const half = Math.floor(rest.length / 2);
  return `${digits.slice(0, 3)} ${rest.slice(0, half)} ${rest.slice(half)}`;
}
