import { randomBytes } from 'node:crypto';
import { googleErrors } from './google-errors.js';

/**
 * `conferenceData` on writes (DISCO ConferenceData). Read only with `conferenceDataVersion=1`
 * (DISCO: version 0 ignores it). `createRequest` works only for Google Meet; a third-party
 * (`addOn`) conference is what the `addOnConference` switch decides: refused with 400
 * (openclaw/gogcli PR #590 saw "Invalid conference data" from a plain API client — the reason
 * `invalid` and the final period follow Google's other conference errors and are UNCONFIRMED),
 * accepted, or silently dropped.
 */
export type AddOnMode = 'reject' | 'accept' | 'strip';

export interface ConferenceResult {
  conferenceData?: Record<string, unknown>;
  hangoutLink?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const invalidType = () => googleErrors.invalid('Invalid conference type value.');
const invalidData = () => googleErrors.invalid('Invalid conference data.');

/**
 * The conference an event has after a write. `requested` is the body's `conferenceData`
 * (`undefined` when absent, `null` to remove); `existing` what the copy had.
 */
export function resolveConference(
  requested: unknown,
  existing: ConferenceResult,
  options: { version: number; patch: boolean; addOn: AddOnMode },
): ConferenceResult {
  if (options.version !== 1) return existing;
  if (requested === undefined) return options.patch ? existing : {};
  if (requested === null) return {};
  if (!isObject(requested)) throw invalidData();

  const create = requested.createRequest;
  if (isObject(create)) {
    const key = isObject(create.conferenceSolutionKey)
      ? create.conferenceSolutionKey.type
      : undefined;
    if (key !== 'hangoutsMeet') throw invalidType();
    if (existing.conferenceData) return existing;
    return meetConference(String(create.requestId ?? ''));
  }

  const solution = isObject(requested.conferenceSolution)
    ? requested.conferenceSolution
    : undefined;
  const type = solution && isObject(solution.key) ? solution.key.type : undefined;
  // Without a solution type Google keeps nothing (gogcli PR #590: 200, conferenceData stripped).
  if (type === undefined) return existing;
  if (!['addOn', 'hangoutsMeet', 'eventHangout', 'eventNamedHangout'].includes(String(type)))
    throw invalidType();
  checkEntryPoints(requested.entryPoints);
  if (type === 'addOn') {
    if (options.addOn === 'reject') throw invalidData();
    if (options.addOn === 'strip') return existing;
  }
  const stored = structuredClone(requested);
  stored.signature = randomBytes(24).toString('base64url');
  const video = (stored.entryPoints as Record<string, unknown>[]).find(
    (e) => e.entryPointType === 'video',
  );
  return {
    conferenceData: stored,
    hangoutLink: type === 'hangoutsMeet' && typeof video?.uri === 'string' ? video.uri : undefined,
  };
}

/** DISCO ConferenceData/EntryPoint: at most one video, sip and more; not only `more`; URI schemes. */
function checkEntryPoints(entryPoints: unknown): void {
  if (!Array.isArray(entryPoints) || entryPoints.length === 0) throw invalidData();
  const counts: Record<string, number> = {};
  for (const entry of entryPoints) {
    if (!isObject(entry) || typeof entry.uri !== 'string') throw invalidData();
    const kind = String(entry.entryPointType);
    counts[kind] = (counts[kind] ?? 0) + 1;
    const scheme = { video: /^https?:/, more: /^https?:/, phone: /^tel:/, sip: /^sip:/ }[kind];
    if (!scheme || !scheme.test(entry.uri)) throw invalidData();
  }
  if ((counts.video ?? 0) > 1 || (counts.sip ?? 0) > 1 || (counts.more ?? 0) > 1)
    throw invalidData();
  if (Object.keys(counts).length === 1 && counts.more) throw invalidData();
}

function meetConference(requestId: string): ConferenceResult {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const part = (n: number) =>
    Array.from({ length: n }, () => letters[randomBytes(1)[0]! % 26]).join('');
  const code = `${part(3)}-${part(4)}-${part(3)}`;
  const uri = `https://meet.google.com/${code}`;
  return {
    hangoutLink: uri,
    conferenceData: {
      createRequest: {
        requestId,
        conferenceSolutionKey: { type: 'hangoutsMeet' },
        status: { statusCode: 'success' },
      },
      entryPoints: [{ entryPointType: 'video', uri, label: `meet.google.com/${code}` }],
      conferenceSolution: {
        key: { type: 'hangoutsMeet' },
        name: 'Google Meet',
        iconUri:
          'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
      },
      conferenceId: code,
    },
  };
}
