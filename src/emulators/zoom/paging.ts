import { opaqueToken } from './ids.js';
import type { FieldError } from './zoom-errors.js';

/** The paging parameters Zoom's list endpoints share (SPEC `meetings`, `users`). */
export interface Paging {
  pageSize: number;
  pageNumber: number;
  nextPageToken?: string;
}

type Invalid = (field: string, why: string) => FieldError;

/** SPEC: "This token's expiration period is 15 minutes." */
const PAGE_TOKEN_TTL_MS = 15 * 60_000;

/**
 * Reads `page_size` (default 30, SPEC "maximum": 300), `page_number` (from 1) and
 * `next_page_token`; what is wrong is pushed onto `errors`, naming the parameter.
 */
export function readPaging(query: URLSearchParams, invalid: Invalid, errors: FieldError[]): Paging {
  const pageSize = wholeNumber(query.get('page_size'), 30);
  if (pageSize === undefined || pageSize < 1 || pageSize > 300)
    errors.push(invalid('page_size', 'must be a whole number from 1 to 300'));
  const pageNumber = wholeNumber(query.get('page_number'), 1);
  if (pageNumber === undefined || pageNumber < 1)
    errors.push(invalid('page_number', 'must be a whole number from 1'));
  return {
    pageSize: pageSize ?? 30,
    pageNumber: pageNumber ?? 1,
    nextPageToken: query.get('next_page_token') || undefined,
  };
}

/** The paging fields of a list answer, for the page at `offset` of `total` rows. */
export function pageFields(paging: Paging, offset: number, total: number, nextPageToken: string) {
  return {
    next_page_token: nextPageToken,
    page_count: Math.ceil(total / paging.pageSize),
    page_number: Math.floor(offset / paging.pageSize) + 1,
    page_size: paging.pageSize,
    total_records: total,
  };
}

function wholeNumber(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Zoom's `next_page_token`s: an opaque token standing for where a listing goes on, good for 15
 * minutes and only for the listing it was issued for (`listing`: the host of a meeting list, the
 * status of a user list).
 */
export class PageTokens {
  private readonly tokens = new Map<
    string,
    { listing: string; offset: number; expiresAt: number }
  >();

  /**
   * Where the page asked for starts: at its token's place, else at `page_number`'s. A token that
   * is unknown, expired or another listing's is refused (not sourced: Zoom's answer to one is
   * undocumented, README "list").
   */
  start(paging: Paging, listing: string, nowMs: number, invalid: Invalid): number | FieldError {
    if (!paging.nextPageToken) return (paging.pageNumber - 1) * paging.pageSize;
    const entry = this.tokens.get(paging.nextPageToken);
    if (entry && entry.listing === listing && entry.expiresAt > nowMs) return entry.offset;
    return invalid('next_page_token', 'is unknown or expired (tokens last 15 minutes)');
  }

  /** The token for the page after the one at `offset`; `''` on the last page, as Zoom answers. */
  next(paging: Paging, listing: string, offset: number, total: number, nowMs: number): string {
    const nextOffset = offset + paging.pageSize;
    if (nextOffset >= total) return '';
    const token = opaqueToken(24);
    this.tokens.set(token, { listing, offset: nextOffset, expiresAt: nowMs + PAGE_TOKEN_TTL_MS });
    return token;
  }

  clear(): void {
    this.tokens.clear();
  }
}
