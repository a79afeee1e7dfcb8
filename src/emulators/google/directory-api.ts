import type { Organisation, Room } from './organisation.js';
import { googleErrors } from './google-errors.js';

/**
 * Admin SDK Directory `resources.calendars.list` / `get` (ADISCO): `customer` is the id or
 * `my_customer`; `maxResults` 1–500 (the default when absent is not documented: 100 here);
 * `orderBy` "field [asc|desc], …"; `query` with `=`, `!=`, `:` (prefix with `*`), `AND`, `NOT`.
 */
export function renderRoom(room: Room): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: 'admin#directory#resources#calendars#CalendarResource',
    etags: room.etags,
    resourceId: room.resourceId,
    resourceName: room.resourceName,
    generatedResourceName: room.generatedResourceName,
    resourceType: room.resourceCategory === 'CONFERENCE_ROOM' ? 'Conference room' : 'Other',
    resourceEmail: room.calendarId,
    resourceCategory: room.resourceCategory,
  };
  if (room.capacity !== undefined) out.capacity = room.capacity;
  if (room.buildingId !== undefined) out.buildingId = room.buildingId;
  if (room.floorName !== undefined) out.floorName = room.floorName;
  if (room.userVisibleDescription !== undefined)
    out.userVisibleDescription = room.userVisibleDescription;
  if (room.featureInstances !== undefined) out.featureInstances = room.featureInstances;
  return out;
}

const queryFields: Record<string, (room: Room) => string[]> = {
  generatedResourceName: (r) => [r.generatedResourceName],
  name: (r) => [r.resourceName],
  resourceName: (r) => [r.resourceName],
  buildingId: (r) => (r.buildingId ? [r.buildingId] : []),
  floor_name: (r) => (r.floorName ? [r.floorName] : []),
  floorName: (r) => (r.floorName ? [r.floorName] : []),
  capacity: (r) => (r.capacity !== undefined ? [String(r.capacity)] : []),
  'featureInstances.feature.name': (r) => (r.featureInstances ?? []).map((f) => f.feature.name),
  resourceEmail: (r) => [r.calendarId],
  resourceCategory: (r) => [r.resourceCategory],
};

/** A Directory `query` as a predicate; a clause it cannot read is a 400. */
export function roomQuery(query: string | undefined): (room: Room) => boolean {
  if (!query || query.trim() === '') return () => true;
  const clauses = query.split(/\s+AND\s+/i).map((raw) => {
    let text = raw.trim();
    const negate = /^NOT\s+/i.test(text);
    if (negate) text = text.replace(/^NOT\s+/i, '');
    const m = /^([A-Za-z_.]+)\s*(!=|=|:)\s*(.+)$/.exec(text);
    if (!m || !queryFields[m[1]!]) throw googleErrors.invalid('Invalid Input: query', 'query');
    const [, field, op, rawValue] = m;
    const value = rawValue!.replace(/^"(.*)"$/, '$1');
    const read = queryFields[field!]!;
    const test = (room: Room): boolean => {
      const values = read(room);
      if (op === '=') return values.some((v) => v === value);
      if (op === '!=') return values.every((v) => v !== value);
      const prefix = value.endsWith('*') ? value.slice(0, -1) : value;
      return values.some((v) =>
        value.endsWith('*')
          ? v.toLowerCase().startsWith(prefix.toLowerCase())
          : v.toLowerCase() === prefix.toLowerCase(),
      );
    };
    return negate ? (room: Room) => !test(room) : test;
  });
  return (room) => clauses.every((c) => c(room));
}

export function roomOrder(orderBy: string | undefined): (a: Room, b: Room) => number {
  const keys = (orderBy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [field, direction] = part.split(/\s+/);
      const allowed = ['resourceId', 'resourceName', 'capacity', 'buildingId', 'floorName'];
      if (!allowed.includes(field!) || (direction && !/^(asc|desc)$/i.test(direction)))
        throw googleErrors.invalid('Invalid Input: orderBy', 'orderBy');
      return { field: field as keyof Room, sign: direction?.toLowerCase() === 'desc' ? -1 : 1 };
    });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const x = a[field] ?? '';
      const y = b[field] ?? '';
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  };
}

export function checkCustomer(organisation: Organisation, customer: string): void {
  if (customer !== 'my_customer' && customer !== organisation.customer)
    throw googleErrors.directoryForbidden();
}
