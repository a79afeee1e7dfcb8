import { DateTime } from 'luxon';
import { isValidZone } from './event-time.js';
import { googleErrors } from './google-errors.js';

/** events.list / events.instances parameters (DISCO), read and checked. */
export interface ListQuery {
  maxResults: number;
  pageToken?: string;
  syncToken?: string;
  singleEvents: boolean;
  showDeleted?: boolean;
  timeMinMs?: number;
  timeMaxMs?: number;
  updatedMinMs?: number;
  orderBy?: 'startTime' | 'updated';
  iCalUID?: string;
  q?: string;
  privateExtendedProperty: [string, string][];
  sharedExtendedProperty: [string, string][];
  eventTypes: string[];
  timeZone?: string;
  originalStart?: string;
}

/** DISCO syncToken: "…not allowed together with syncToken". */
export const notWithSyncToken = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
] as const;

const eventTypeValues = [
  'birthday',
  'default',
  'focusTime',
  'fromGmail',
  'outOfOffice',
  'workingLocation',
];

function bool(query: URLSearchParams, name: string): boolean | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw googleErrors.invalid(`Invalid boolean value: '${v}'.`, name);
}

/** RFC3339 with a mandatory offset (DISCO timeMin/timeMax); anything else is a 400. */
function instant(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  if (!/(Z|[+-]\d{2}:\d{2})$/i.test(v)) throw googleErrors.badRequest('Bad Request');
  const parsed = DateTime.fromISO(v, { setZone: true });
  if (!parsed.isValid) throw googleErrors.badRequest('Bad Request');
  return parsed.toMillis();
}

function extended(values: string[], name: string): [string, string][] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw googleErrors.invalid(`Invalid ${name} value.`, name);
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
}

export function readListQuery(query: URLSearchParams, forInstances = false): ListQuery {
  const maxRaw = query.get('maxResults');
  let maxResults = 250;
  if (maxRaw !== null) {
    const n = Number(maxRaw);
    if (!Number.isInteger(n) || n < 1)
      throw googleErrors.invalid(
        `Invalid value '${maxRaw}'. Values must be within the range: [1, 2500]`,
        'maxResults',
      );
    // DISCO maxResults: "The page size can never be larger than 2500 events."
    maxResults = Math.min(n, 2500);
  }
  const orderBy = query.get('orderBy') ?? undefined;
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated')
    throw googleErrors.invalid(`Invalid value for orderBy: ${orderBy}`, 'orderBy');
  const eventTypes = query.getAll('eventTypes');
  for (const t of eventTypes)
    if (!eventTypeValues.includes(t))
      throw googleErrors.invalid(`Invalid value for eventTypes: ${t}`, 'eventTypes');
  const timeZone = query.get('timeZone') ?? undefined;
  if (timeZone !== undefined && !isValidZone(timeZone))
    throw googleErrors.invalid('Invalid time zone.', 'timeZone');

  const parsed: ListQuery = {
    maxResults,
    pageToken: query.get('pageToken') ?? undefined,
    syncToken: forInstances ? undefined : (query.get('syncToken') ?? undefined),
    singleEvents: forInstances ? true : (bool(query, 'singleEvents') ?? false),
    showDeleted: bool(query, 'showDeleted'),
    timeMinMs: instant(query, 'timeMin'),
    timeMaxMs: instant(query, 'timeMax'),
    updatedMinMs: instant(query, 'updatedMin'),
    orderBy: orderBy as ListQuery['orderBy'],
    iCalUID: query.get('iCalUID') ?? undefined,
    q: query.get('q') ?? undefined,
    privateExtendedProperty: extended(
      query.getAll('privateExtendedProperty'),
      'privateExtendedProperty',
    ),
    sharedExtendedProperty: extended(
      query.getAll('sharedExtendedProperty'),
      'sharedExtendedProperty',
    ),
    eventTypes,
    timeZone,
    originalStart: query.get('originalStart') ?? undefined,
  };

  if (parsed.syncToken !== undefined) {
    const clash = notWithSyncToken.find((name) => query.has(name));
    // The sync guide says such requests get a 400; the exact reason is UNCONFIRMED.
    if (clash)
      throw googleErrors.invalid(`The parameter ${clash} cannot be used with syncToken.`, clash);
    if (parsed.showDeleted === false)
      throw googleErrors.invalid(
        'The parameter showDeleted cannot be false with syncToken.',
        'showDeleted',
      );
  }
  if (
    parsed.timeMinMs !== undefined &&
    parsed.timeMaxMs !== undefined &&
    parsed.timeMinMs >= parsed.timeMaxMs
  )
    throw googleErrors.timeRangeEmpty('timeMax');
  if (parsed.orderBy === 'startTime' && !parsed.singleEvents)
    // java-samples #52: the answer to orderBy=startTime without singleEvents.
    throw googleErrors.invalid(
      'The requested ordering is not available for the particular query.',
      'orderBy',
    );
  return parsed;
}

/** Whether a full listing with these parameters ends with a sync token (README: "Sync tokens"). */
export function issuesSyncToken(query: ListQuery): boolean {
  if (query.singleEvents) return false;
  return (
    query.iCalUID === undefined &&
    query.orderBy === undefined &&
    query.q === undefined &&
    query.privateExtendedProperty.length === 0 &&
    query.sharedExtendedProperty.length === 0 &&
    query.timeMaxMs === undefined &&
    query.updatedMinMs === undefined
  );
}
