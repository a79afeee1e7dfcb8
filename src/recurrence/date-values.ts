import { EventInputError } from './event-input-error.js';
import { isRealDate } from './parse-rrule.js';
import { floatingOf, isKnownZone, resolveWallClock } from './zone-time.js';

/**
 * An RDATE or EXDATE value: an instant (written in UTC or with a TZID), a floating date-time (no
 * zone: the event's zone applies) or a whole date (`VALUE=DATE`).
 */
export type DateValue =
  | { kind: 'instant'; instantMs: number }
  | { kind: 'floating'; floatingMs: number }
  | { kind: 'date'; floatingMs: number };

/**
 * Parses the parameters and values of an RDATE or EXDATE line, e.g.
 * `;TZID=Europe/Paris` + `20241008T190000`, `;VALUE=DATE` + `20150609,20150611`, or
 * `` + `20220103T073000Z`.
 */
export function parseDateValues(
  params: Map<string, string>,
  values: string,
  field: string,
): DateValue[] {
  const valueType = (params.get('VALUE') ?? '').toUpperCase();
  if (valueType === 'PERIOD') {
    throw new EventInputError(
      field,
      'RDATE periods (VALUE=PERIOD) are not supported; use date-times',
    );
  }
  if (valueType !== '' && valueType !== 'DATE' && valueType !== 'DATE-TIME') {
    throw new EventInputError(field, `VALUE=${valueType} is not DATE or DATE-TIME`);
  }
  const tzid = params.get('TZID');
  if (tzid !== undefined && !isKnownZone(tzid)) {
    throw new EventInputError(field, `TZID=${tzid} is not a known IANA time zone`);
  }
  return values.split(',').map((raw) => {
    const text = raw.trim();
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/i.exec(text);
    if (!m) throw new EventInputError(field, `"${text}" is not YYYYMMDD or YYYYMMDDTHHMMSS[Z]`);
    const [, y, mo, d, h, mi, s, z] = m;
    const day = floatingOf(Number(y), Number(mo), Number(d));
    if (
      !isRealDate(day, Number(y), Number(mo), Number(d)) ||
      Number(h ?? 0) > 23 ||
      Number(mi ?? 0) > 59 ||
      Number(s ?? 0) > 59
    ) {
      throw new EventInputError(field, `"${text}" is not a real date`);
    }
    if (h === undefined) return { kind: 'date', floatingMs: day };
    if (valueType === 'DATE')
      throw new EventInputError(field, `"${text}" is a date-time but VALUE=DATE`);
    const floating = floatingOf(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
    if (z) return { kind: 'instant', instantMs: floating };
    if (tzid !== undefined)
      return { kind: 'instant', instantMs: resolveWallClock(floating, tzid).instantMs };
    return { kind: 'floating', floatingMs: floating };
  });
}
