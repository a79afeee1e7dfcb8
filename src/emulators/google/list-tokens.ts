import { randomBytes } from 'node:crypto';
import type { EventCopy } from './calendar-store.js';

/**
 * Page and sync tokens. A listing is computed once, on its first page, and kept (bounded) so
 * later pages are slices: paging a 10,000-event room costs linear time, and changes made while
 * paging are not missed because the sync token handed out on the last page is the change number
 * at the listing's start (sync guide: "state is encoded in the page token").
 */
export interface ListedItem {
  copy: EventCopy;
  /** Deletions in incremental results: `{kind, etag, id, status}` (+ instance fields). */
  minimal: boolean;
}

export interface Listing {
  id: string;
  calendarId: string;
  items: ListedItem[];
  /** Sync state to hand out on the last page; undefined = this query gets no sync token. */
  sync?: SyncState;
}

export interface SyncState {
  calendarId: string;
  seq: number;
  generation: number;
  issuedAtMs: number;
}

const maxListings = 500;

export class ListingCache {
  private readonly listings = new Map<string, Listing>();

  add(listing: Omit<Listing, 'id'>): Listing {
    const stored = { ...listing, id: randomBytes(9).toString('base64url') };
    this.listings.set(stored.id, stored);
    if (this.listings.size > maxListings) {
      const oldest = this.listings.keys().next().value;
      if (oldest !== undefined) this.listings.delete(oldest);
    }
    return stored;
  }

  get(id: string): Listing | undefined {
    return this.listings.get(id);
  }

  drop(id: string): void {
    this.listings.delete(id);
  }

  clear(): void {
    this.listings.clear();
  }
}

export function encodePageToken(listingId: string, offset: number): string {
  return Buffer.from(`p1:${listingId}:${offset}`).toString('base64url');
}

export function decodePageToken(token: string): { listingId: string; offset: number } | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^p1:([A-Za-z0-9_-]+):(\d+)$/.exec(text);
  return m ? { listingId: m[1]!, offset: Number(m[2]) } : undefined;
}

/** Opaque to clients, like Google's (`"CPDAlvWDx70CEPDAlvWDx70CGAU="`, sync guide). */
export function encodeSyncToken(state: SyncState): string {
  return Buffer.from(
    JSON.stringify([1, state.calendarId, state.seq, state.generation, state.issuedAtMs]),
  ).toString('base64');
}

export function decodeSyncToken(token: string): SyncState | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (!Array.isArray(parsed) || parsed[0] !== 1 || parsed.length !== 5) return undefined;
    const [, calendarId, seq, generation, issuedAtMs] = parsed as [
      number,
      unknown,
      unknown,
      unknown,
      unknown,
    ];
    if (
      typeof calendarId !== 'string' ||
      typeof seq !== 'number' ||
      typeof generation !== 'number' ||
      typeof issuedAtMs !== 'number'
    )
      return undefined;
    return { calendarId, seq, generation, issuedAtMs };
  } catch {
    return undefined;
  }
}
